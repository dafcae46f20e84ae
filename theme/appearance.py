"""A storefront's theme (from the App) as CSS custom properties and classes (pure).

Values reach a `<style>` element, so each is checked here even though the App validates them:
colours must be `#rrggbb`, font stacks only letters, digits, spaces, commas, quotes and
hyphens; anything else falls back to the marketplace's defaults.
"""

import re
from dataclasses import dataclass
from typing import Any

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FONT_STACK = re.compile(r"[A-Za-z0-9 ,'\"-]{1,200}")
PATTERNS = frozenset({"NONE", "ZELLIGE", "KILIM", "TADELAKT", "GEOMETRIC"})
HERO_LAYOUTS = frozenset({"FULL", "SPLIT", "NONE"})
# Arabic text needs an Arabic-capable face first in the stack, whatever the theme chose.
ARABIC_STACK = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Segoe UI", Tahoma'

DEFAULTS = {
    "primaryColor": "#8a3b12",
    "accentColor": "#1f5f5b",
    "backgroundColor": "#fbf7f0",
    "textColor": "#2b2118",
    "headingFont": 'Georgia, "Times New Roman", serif',
    "bodyFont": 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
}


@dataclass(frozen=True)
class Appearance:
    style: str  # the declarations of :root
    pattern: str  # a CSS class suffix: pattern-zellige ...
    hero_layout: str
    columns: int


def _colour(theme: dict[str, Any], key: str) -> str:
    value = str(theme.get(key) or "")
    return value if COLOUR.fullmatch(value) else DEFAULTS[key]


def _font(theme: dict[str, Any], key: str, language: str) -> str:
    value = str(theme.get(key) or "")
    stack = value if FONT_STACK.fullmatch(value) else DEFAULTS[key]
    return f"{ARABIC_STACK}, {stack}" if language == "ar" else stack


def appearance(theme: dict[str, Any] | None, language: str) -> Appearance:
    theme = theme or {}
    declarations = {
        "--primary": _colour(theme, "primaryColor"),
        "--accent": _colour(theme, "accentColor"),
        "--background": _colour(theme, "backgroundColor"),
        "--text": _colour(theme, "textColor"),
        "--heading-font": _font(theme, "headingFont", language),
        "--body-font": _font(theme, "bodyFont", language),
    }
    columns = theme.get("productGrid")
    pattern = str(theme.get("pattern") or "NONE")
    layout = str(theme.get("heroLayout") or "FULL")
    return Appearance(
        style="".join(f"{name}:{value};" for name, value in declarations.items()),
        pattern=(pattern if pattern in PATTERNS else "NONE").lower(),
        hero_layout=(layout if layout in HERO_LAYOUTS else "FULL").lower(),
        columns=columns if isinstance(columns, int) and 2 <= columns <= 4 else 3,
    )
