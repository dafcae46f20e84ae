"""Checks on a storefront and its pages before anything is written: every problem is
reported at once, each on its field, with a StorefrontErrorCode."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from storefront_plugins.core.translations import LANGUAGES, TranslatedText
from storefront_plugins.storefronts import themes
from storefront_plugins.storefronts.error_codes import StorefrontErrorCode as Code
from storefront_plugins.storefronts.inputs import HeroImageInput
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage

STOREFRONT_FIELDS = frozenset(
    {
        "name",
        "tagline",
        "languages",
        "default_language",
        "domain",
        "path",
        "primary_color",
        "accent_color",
        "background_color",
        "text_color",
        "heading_font",
        "body_font",
        "logo_url",
        "pattern",
        "product_grid",
        "hero_layout",
    }
)
COLOR_FIELDS = ("primary_color", "accent_color", "background_color", "text_color")
PAGE_FIELDS = frozenset({"kind", "slug", "title", "body", "position"})
TRANSLATED_FIELDS = frozenset({"name", "tagline", "title", "body", "alt"})
MAX_HERO_IMAGES = 8
MAX_IMAGE_SIDE = 10_000
MAX_BODY_LENGTH = 20_000


class Errors:
    """Field errors gathered while checking, raised together."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = defaultdict(list)

    def add(self, field: str, message: str, code: Code) -> None:
        self.by_field[field].append(ValidationError(message, code=code.value))

    def extend(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, items in error.error_dict.items():
                if field not in self.by_field:  # one report per field: ours come first
                    self.by_field[field].extend(items)
        else:
            self.by_field["__all__"].extend(error.error_list)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(dict(self.by_field))


def field_error(field: str, message: str, code: Code) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def not_found(field: str, what: str) -> ValidationError:
    return field_error(field, f"{what} not found.", Code.NOT_FOUND)


def apply_changes(instance: Model, changes: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Sets `changes` on the unsaved instance; a text sent in some languages keeps the others.
    Unknown fields are refused."""
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError("Cannot be changed.", code=Code.INVALID.value)
                for name in unknown
            }
        )
    for name, value in changes.items():
        if name in TRANSLATED_FIELDS:
            value = {**(getattr(instance, name) or {}), **dict(value or {})}
        elif name in ("domain",):
            value = (value or "").strip().lower() or None
        elif name == "logo_url":
            value = (value or "").strip()
        elif isinstance(value, str) and name in COLOR_FIELDS:
            value = value.strip().lower()
        setattr(instance, name, value)


def _check_theme(storefront: Storefront, errors: Errors) -> None:
    for name in COLOR_FIELDS:
        if not themes.is_hex_color(getattr(storefront, name) or ""):
            errors.add(name, "A colour is written #rrggbb.", Code.INVALID_COLOR)
    text, background = storefront.text_color, storefront.background_color
    if themes.is_hex_color(text) and themes.is_hex_color(background):
        ratio = themes.contrast_ratio(text, background)
        if ratio < themes.MIN_TEXT_CONTRAST:
            errors.add(
                "text_color",
                f"Text on the background has a contrast of {ratio:.2f}:1; "
                f"at least {themes.MIN_TEXT_CONTRAST}:1 is needed (WCAG AA).",
                Code.INSUFFICIENT_CONTRAST,
            )
    if storefront.logo_url and not themes.is_valid_image_url(storefront.logo_url):
        errors.add("logo_url", "An http(s) URL or a path such as /static/...", Code.INVALID_URL)


def _check_address(storefront: Storefront, errors: Errors) -> None:
    if not themes.is_valid_path(storefront.path or ""):
        errors.add("path", 'A path is one lowercase segment such as "/safi".', Code.INVALID_PATH)
    elif storefront.path in themes.RESERVED_PATHS:
        errors.add("path", f"{storefront.path} is kept for the shop itself.", Code.RESERVED_PATH)
    else:
        taken = Storefront.objects.filter(path=storefront.path).exclude(pk=storefront.pk)
        if taken.exists():
            errors.add("path", "Another storefront has this path.", Code.UNIQUE)
    if storefront.domain is not None:
        if not themes.is_valid_domain(storefront.domain):
            errors.add(
                "domain",
                "A host name such as potiers-safi.ma, without https://.",
                Code.INVALID_DOMAIN,
            )
        else:
            taken = Storefront.objects.filter(domain=storefront.domain).exclude(pk=storefront.pk)
            if taken.exists():
                errors.add("domain", "Another storefront has this domain.", Code.UNIQUE)


def _check_languages(storefront: Storefront, errors: Errors) -> None:
    languages = list(storefront.languages or [])
    unknown = themes.unknown_languages(languages)
    if not languages:
        errors.add("languages", "At least one language.", Code.REQUIRED)
    elif unknown or len(set(languages)) != len(languages):
        errors.add(
            "languages",
            f"Languages are among {', '.join(LANGUAGES)}, each once.",
            Code.INVALID_LANGUAGE,
        )
    elif storefront.default_language not in languages:
        errors.add(
            "default_language",
            "The default language is one of the languages.",
            Code.INVALID_LANGUAGE,
        )


def _check_hero_images(images: Sequence[HeroImageInput], errors: Errors) -> None:
    if len(images) > MAX_HERO_IMAGES:
        errors.add("hero_images", f"At most {MAX_HERO_IMAGES} images.", Code.OUT_OF_RANGE)
    for image in images:
        if not themes.is_valid_image_url(image.url):
            errors.add("hero_images", f"{image.url!r} is not an image URL.", Code.INVALID_URL)
        if not (1 <= image.width <= MAX_IMAGE_SIDE and 1 <= image.height <= MAX_IMAGE_SIDE):
            errors.add(
                "hero_images",
                f"Width and height are 1 to {MAX_IMAGE_SIDE} pixels.",
                Code.OUT_OF_RANGE,
            )
        if set(image.alt) - set(LANGUAGES):
            errors.add("hero_images", "Alt texts are in fr, ar and en.", Code.INVALID_LANGUAGE)


def validate_storefront(
    storefront: Storefront, hero_images: Sequence[HeroImageInput] | None = None
) -> None:
    """The storefront as it would be saved: name, address, languages, theme, images."""
    errors = Errors()
    if not TranslatedText.from_json(storefront.name).in_language():
        errors.add("name", "A name in at least one language.", Code.REQUIRED)
    _check_address(storefront, errors)
    _check_languages(storefront, errors)
    _check_theme(storefront, errors)
    if hero_images is not None:
        _check_hero_images(hero_images, errors)
    try:
        storefront.full_clean(
            exclude=["domain", "path", "cooperative_id", "slug", "channel_slug"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.extend(error)
    errors.raise_if_any()


def hero_image_rows(storefront: Storefront, images: Sequence[HeroImageInput]) -> list[HeroImage]:
    return [
        HeroImage(
            storefront=storefront,
            position=position,
            url=image.url.strip(),
            alt={k: v for k, v in image.alt.items() if v is not None},
            width=image.width,
            height=image.height,
        )
        for position, image in enumerate(images)
    ]


def validate_page(page: StorefrontPage) -> None:
    errors = Errors()
    if not TranslatedText.from_json(page.title).in_language():
        errors.add("title", "A title in at least one language.", Code.REQUIRED)
    if any(len(text) > MAX_BODY_LENGTH for text in (page.body or {}).values()):
        errors.add("body", f"At most {MAX_BODY_LENGTH} characters.", Code.OUT_OF_RANGE)
    siblings = StorefrontPage.objects.filter(storefront_id=page.storefront_id).exclude(pk=page.pk)
    if page.slug and siblings.filter(slug=page.slug).exists():
        errors.add("slug", "Another page of this storefront has this slug.", Code.UNIQUE)
    if page.kind != themes.PageKind.CUSTOM and siblings.filter(kind=page.kind).exists():
        errors.add("kind", "This storefront already has a page of this kind.", Code.UNIQUE)
    try:
        page.full_clean(exclude=["storefront"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.extend(error)
    errors.raise_if_any()
