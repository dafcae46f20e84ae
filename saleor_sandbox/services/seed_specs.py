"""What the demo catalogue's fixture files become once read: frozen specs, and the
`Entry` reader that checks each JSON object field by field. No ORM here.

Any problem raises `FixtureError` naming the file and the entry, e.g.
`products.json: products[4] "tajine-safi": unknown category "poterie"`."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Saleor's AttributeInputTypeEnum / AttributeEntityTypeEnum names to the stored values.
INPUT_TYPES = {"DROPDOWN": "dropdown", "PLAIN_TEXT": "plain-text", "REFERENCE": "reference"}
ENTITY_TYPES = {"PAGE": "Page"}
# Every date in the fixtures defaults to this moment, so reruns compare equal.
DEFAULT_PUBLISHED_AT = "2024-01-15T09:00:00+00:00"


class FixtureError(ValueError):
    def __init__(self, file: str, entry: str, message: str) -> None:
        super().__init__(f"{file}: {entry}: {message}")
        self.file, self.entry, self.message = file, entry, message


@dataclass(frozen=True)
class ChannelSpec:
    slug: str
    name: str
    currency_code: str
    default_country: str
    automatically_confirm_all_new_orders: bool
    allow_unpaid_orders: bool
    mark_as_paid_strategy: str
    default_transaction_flow_strategy: str


@dataclass(frozen=True)
class WarehouseSpec:
    slug: str
    name: str
    city: str
    country: str
    email: str
    channels: tuple[str, ...]


@dataclass(frozen=True)
class ChannelPrice:
    channel: str
    amount: Decimal
    minimum_order_price: Decimal | None = None
    maximum_order_price: Decimal | None = None


@dataclass(frozen=True)
class ShippingMethodSpec:
    name: str
    minimum_delivery_days: int | None
    maximum_delivery_days: int | None
    description: dict[str, Any] | None
    prices: tuple[ChannelPrice, ...]


@dataclass(frozen=True)
class ShippingZoneSpec:
    name: str
    countries: tuple[str, ...]
    channels: tuple[str, ...]
    warehouses: tuple[str, ...]
    methods: tuple[ShippingMethodSpec, ...]


@dataclass(frozen=True)
class PageTypeSpec:
    slug: str
    name: str


@dataclass(frozen=True)
class PageSpec:
    slug: str
    title: str
    page_type: str
    content: dict[str, Any]
    seo_description: str
    metadata: dict[str, str]
    published_at: datetime


@dataclass(frozen=True)
class AttributeSpec:
    slug: str
    name: str
    input_type: str  # the stored value: "dropdown", "plain-text", "reference"
    entity_type: str
    reference_page_types: tuple[str, ...]
    values: tuple[tuple[str, str], ...]  # (slug, name) of a DROPDOWN's choices


@dataclass(frozen=True)
class ProductTypeSpec:
    slug: str
    name: str
    has_variants: bool
    is_shipping_required: bool
    product_attributes: tuple[str, ...]
    variant_attributes: tuple[str, ...]


@dataclass(frozen=True)
class TranslationSpec:
    """An object's name (and description) in one language; `language_code` as Saleor
    stores it ("ar", "en")."""

    language_code: str
    name: str
    description: dict[str, Any] | None = None


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: str
    description: dict[str, Any] | None
    parent: str | None
    translations: tuple[TranslationSpec, ...] = ()


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    name: str
    description: dict[str, Any] | None
    channels: tuple[str, ...]
    translations: tuple[TranslationSpec, ...] = ()


@dataclass(frozen=True)
class AttributeAssignment:
    """Values for one attribute: choice slugs (DROPDOWN), page slugs (REFERENCE) or one
    text (PLAIN_TEXT)."""

    attribute: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class VariantSpec:
    sku: str
    name: str
    attributes: tuple[AttributeAssignment, ...]
    prices: tuple[ChannelPrice, ...]
    stocks: tuple[tuple[str, int], ...]  # (warehouse slug, quantity)
    weight_kg: Decimal | None
    translations: tuple[TranslationSpec, ...] = ()


@dataclass(frozen=True)
class MediaSpec:
    image: str
    alt: str


@dataclass(frozen=True)
class ProductSpec:
    slug: str
    name: str
    product_type: str
    category: str
    collections: tuple[str, ...]
    description: dict[str, Any]
    seo_description: str
    attributes: tuple[AttributeAssignment, ...]
    variants: tuple[VariantSpec, ...]
    media: tuple[MediaSpec, ...]
    weight_kg: Decimal | None
    published_at: datetime
    available_for_purchase_at: datetime
    visible_in_listings: bool
    translations: tuple[TranslationSpec, ...] = ()

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(price.channel for price in self.variants[0].prices)


@dataclass(frozen=True)
class StaffSpec:
    email: str
    password: str
    first_name: str
    last_name: str
    is_superuser: bool
    permissions: tuple[str, ...]


@dataclass(frozen=True)
class SeedData:
    channels: tuple[ChannelSpec, ...]
    warehouses: tuple[WarehouseSpec, ...]
    shipping_zones: tuple[ShippingZoneSpec, ...]
    page_types: tuple[PageTypeSpec, ...]
    pages: tuple[PageSpec, ...]
    attributes: tuple[AttributeSpec, ...]
    product_types: tuple[ProductTypeSpec, ...]
    categories: tuple[CategorySpec, ...]
    collections: tuple[CollectionSpec, ...]
    products: tuple[ProductSpec, ...]
    staff: tuple[StaffSpec, ...]


LANGUAGE_CODE = re.compile(r"[A-Z]{2,3}(_[A-Z0-9]{2,4})*")


def editor_js(paragraphs: Iterable[str], key: str) -> dict[str, Any]:
    """Saleor's rich text: Editor.js JSON, with a fixed time and block ids so that a
    rerun writes the same value."""
    return {
        "time": 1705309200000,
        "blocks": [
            {"id": f"{key}-{n}", "type": "paragraph", "data": {"text": text}}
            for n, text in enumerate(paragraphs, start=1)
        ],
        "version": "2.24.3",
    }


class Entry:
    """One JSON object of a fixture file; every read names the file and the entry."""

    def __init__(self, file: str, label: str, raw: Any) -> None:
        self.file, self.label = file, label
        if not isinstance(raw, dict):
            self.fail("expected an object")
        self.raw: dict[str, Any] = raw
        self.seen: set[str] = set()

    def fail(self, message: str) -> Any:
        raise FixtureError(self.file, self.label, message)

    def _get(self, key: str, default: Any, required: bool) -> Any:
        self.seen.add(key)
        if key not in self.raw or self.raw[key] is None:
            if required:
                self.fail(f'"{key}" is required')
            return default
        return self.raw[key]

    def value(self, key: str) -> Any:
        """A required field, of any type."""
        return self._get(key, None, True)

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default, default is None)
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.fail(f'"{key}" must be a non-empty string')
        return value

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, None, False)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(f'"{key}" must be a non-empty string')
        return value

    def slug(self, key: str = "slug") -> str:
        value = self.text(key)
        if not SLUG.match(value):
            self.fail(f'"{key}" {value!r} is not a slug (lower-case letters, digits, dashes)')
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, default, False)
        if not isinstance(value, bool):
            self.fail(f'"{key}" must be true or false')
        return value

    def integer(self, key: str, required: bool = False) -> int | None:
        value = self._get(key, None, required)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(f'"{key}" must be an integer')
        if value is not None and value < 0:
            self.fail(f'"{key}" must not be negative')
        return value

    def items(self, key: str, required: bool = False) -> list[Any]:
        value = self._get(key, [], required)
        if not isinstance(value, list) or (required and not value):
            self.fail(
                f'"{key}" must be a non-empty list' if required else f'"{key}" must be a list'
            )
        return value

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        values = self.items(key, required)
        if any(not isinstance(v, str) or not v.strip() for v in values):
            self.fail(f'"{key}" must be a list of non-empty strings')
        if len(set(values)) != len(values):
            self.fail(f'"{key}" lists a value twice')
        return tuple(values)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key, {}, False)
        if not isinstance(value, dict):
            self.fail(f'"{key}" must be an object')
        return value

    def decimal(self, key: str, value: Any) -> Decimal:
        """Amounts are JSON numbers or strings, read as Decimals, never floats."""
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            self.fail(f'"{key}" must be a number, e.g. 450 or "450.00"')
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return self.fail(f'"{key}" must be a number, e.g. 450 or "450.00"')
        exponent = amount.as_tuple().exponent  # "n", "N" or "F" when not finite
        if not isinstance(exponent, int) or amount < 0 or exponent < -3:
            self.fail(f'"{key}" must be a non-negative number with at most 3 decimals')
        return amount

    def opt_decimal(self, key: str) -> Decimal | None:
        value = self._get(key, None, False)
        return None if value is None else self.decimal(key, value)

    def moment(self, key: str) -> datetime:
        text = self.text(key, DEFAULT_PUBLISHED_AT)
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return self.fail(f'"{key}" must be an ISO 8601 date-time')
        if moment.tzinfo is None:
            self.fail(f'"{key}" must carry a time zone, e.g. "+00:00"')
        return moment

    def paragraphs(self, key: str, editor_key: str, required: bool = True) -> dict[str, Any] | None:
        texts = self.texts(key, required)
        return editor_js(texts, editor_key) if texts else None

    def translations(
        self, editor_key: str, with_description: bool = True
    ) -> tuple[TranslationSpec, ...]:
        """`{"AR": {"name": ..., "description": [paragraphs]}, "EN": {...}}`, keyed by
        Saleor's LanguageCodeEnum names."""
        found = []
        for code, raw in self.mapping("translations").items():
            if not LANGUAGE_CODE.fullmatch(code):
                self.fail(f'translation key "{code}" must be a LanguageCodeEnum name, e.g. "AR"')
            t = Entry(self.file, f"{self.label} translations.{code}", raw)
            stored = code.lower().replace("_", "-")
            description = None
            if with_description:
                description = t.paragraphs("description", f"{editor_key}-{stored}", False)
            found.append(TranslationSpec(stored, t.text("name"), description))
            t.done()
        return tuple(found)

    def done(self) -> None:
        unknown = sorted(set(self.raw) - self.seen)
        if unknown:
            self.fail(f"unknown field(s): {', '.join(unknown)}")


def entries(file: str, document: dict[str, Any], key: str) -> list[Entry]:
    items = document.get(key)
    if not isinstance(items, list):
        raise FixtureError(file, key, "expected a list")
    return [Entry(file, label(key, index, raw), raw) for index, raw in enumerate(items)]


def label(key: str, index: int, raw: Any) -> str:
    """`products[4] "tajine-safi"`: the position, and the entry's key when it has one."""
    name = None
    if isinstance(raw, dict):
        name = raw.get("slug") or raw.get("sku") or raw.get("email") or raw.get("name")
    return f'{key}[{index}] "{name}"' if isinstance(name, str) else f"{key}[{index}]"


def unique(entry: Entry, seen: set[str], key: str, what: str) -> str:
    if key in seen:
        entry.fail(f'duplicate {what} "{key}"')
    seen.add(key)
    return key


def known(entry: Entry, names: Iterable[str], allowed: Iterable[str], what: str) -> None:
    allowed = set(allowed)
    for name in names:
        if name not in allowed:
            entry.fail(f'unknown {what} "{name}"')


def channel_prices(e: Entry, key: str, allowed: Iterable[str]) -> tuple[ChannelPrice, ...]:
    """`{"<channel slug>": amount}` or `{"<channel slug>": {"amount": ..., ...}}`, for
    channels among `allowed`."""
    raw = e.mapping(key)
    if not raw:
        e.fail(f'"{key}" must price at least one channel')
    known(e, raw, allowed, "channel in prices")
    prices = []
    for slug, value in raw.items():
        if isinstance(value, dict):
            inner = Entry(e.file, f"{e.label} {key}.{slug}", value)
            price = ChannelPrice(
                slug,
                inner.decimal("amount", inner.value("amount")),
                inner.opt_decimal("minimum_order_price"),
                inner.opt_decimal("maximum_order_price"),
            )
            inner.done()
        else:
            price = ChannelPrice(slug, e.decimal(f"{key}.{slug}", value))
        prices.append(price)
    return tuple(prices)
