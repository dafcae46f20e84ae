"""What callers send to the services: plain, frozen input dataclasses."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class HeroImageInput:
    url: str
    width: int
    height: int
    alt: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StorefrontInput:
    """Field changes (snake_case; texts as {fr, ar, en}, merged into the current ones) and,
    when given, the full list of hero images it replaces."""

    changes: Mapping[str, Any] = field(default_factory=dict)
    hero_images: Sequence[HeroImageInput] | None = None
