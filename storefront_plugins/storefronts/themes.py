"""A storefront's look, decided without I/O: colours and their contrast (WCAG 2.2), the
font stacks a theme may use, patterns and layouts, addresses and languages."""

import re
from collections.abc import Sequence

from django.db import models

from storefront_plugins.core.translations import LANGUAGES

HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
# WCAG 2.2 success criterion 1.4.3 (AA): body text needs 4.5:1 against its background.
MIN_TEXT_CONTRAST = 4.5
# One path segment, lowercase: "/safi", "/fes-zellige".
PATH = re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+)*")
# Paths the theme keeps for itself (its pages outside any storefront).
RESERVED_PATHS = frozenset(
    {"/static", "/media", "/api", "/graphql", "/cart", "/checkout", "/order", "/account",
     "/search", "/healthz", "/admin", "/fr", "/ar", "/en"}
)  # fmt: skip
DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
IMAGE_URL = re.compile(r"(https?://[^\s\"'<>]+|/[^\s\"'<>]*)")


class Font(models.TextChoices):
    """Font stacks that need no download: system fonts with Arabic fallbacks."""

    SYSTEM_SANS = "system_sans", "Sans serif (system)"
    HUMANIST_SANS = "humanist_sans", "Humanist sans serif"
    CLASSIC_SERIF = "classic_serif", "Classic serif"
    OLD_STYLE_SERIF = "old_style_serif", "Old style serif"
    SLAB_SERIF = "slab_serif", "Slab serif"
    NASKH = "naskh", "Naskh (Arabic calligraphic)"
    KUFI = "kufi", "Kufi (Arabic geometric)"


FONT_STACKS: dict[str, str] = {
    Font.SYSTEM_SANS: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", '
    '"Noto Sans Arabic", Tahoma, Arial, sans-serif',
    Font.HUMANIST_SANS: '"Gill Sans", "Gill Sans MT", Seravek, "Trebuchet MS", '
    '"Noto Sans Arabic", Tahoma, sans-serif',
    Font.CLASSIC_SERIF: 'Georgia, Cambria, "Times New Roman", "Noto Naskh Arabic", '
    '"Traditional Arabic", serif',
    Font.OLD_STYLE_SERIF: '"Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", '
    '"Noto Naskh Arabic", serif',
    Font.SLAB_SERIF: 'Rockwell, "Roboto Slab", "DejaVu Serif", Georgia, "Noto Naskh Arabic", serif',
    Font.NASKH: '"Noto Naskh Arabic", Amiri, "Traditional Arabic", "Times New Roman", serif',
    Font.KUFI: '"Noto Kufi Arabic", "Droid Arabic Kufi", "Segoe UI", Tahoma, sans-serif',
}


class Pattern(models.TextChoices):
    NONE = "none", "None"
    ZELLIGE = "zellige", "Zellige"
    KILIM = "kilim", "Kilim"
    TADELAKT = "tadelakt", "Tadelakt"
    GEOMETRIC = "geometric", "Geometric"


class HeroLayout(models.TextChoices):
    FULL = "full", "Full width"
    SPLIT = "split", "Split"
    NONE = "none", "None"


class PageKind(models.TextChoices):
    OUR_STORY = "our_story", "Our story"
    ARTISANS = "artisans", "The artisans"
    SHIPPING_AND_RETURNS = "shipping_and_returns", "Shipping and returns"
    CUSTOM = "custom", "Custom"


MIN_PRODUCT_GRID, MAX_PRODUCT_GRID = 2, 4


def is_hex_color(value: str) -> bool:
    return bool(HEX_COLOR.fullmatch(value))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """From 1 (the same colour) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def is_valid_path(path: str) -> bool:
    return bool(PATH.fullmatch(path))


def is_valid_domain(domain: str) -> bool:
    """A lowercase host name of at least two labels, without scheme, port or path."""
    if len(domain) > 253 or "." not in domain:
        return False
    return all(DOMAIN_LABEL.fullmatch(label) for label in domain.split("."))


def is_valid_image_url(url: str) -> bool:
    """An http(s) URL, or a path on the App ("/static/...")."""
    return bool(IMAGE_URL.fullmatch(url)) and not url.startswith("//")


def unknown_languages(languages: Sequence[str]) -> list[str]:
    return [language for language in languages if language not in LANGUAGES]


def absolute_url(url: str, public_url: str) -> str:
    """A path on the App ("/static/...") made absolute with its public URL."""
    return f"{public_url.rstrip('/')}{url}" if url.startswith("/") else url
