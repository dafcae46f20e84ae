"""From a listing form's fields to the listings service's changes, and back (pure).

The form has one input per language for the title and description, one row per variant
(`variant-<n>-...`, existing rows carrying their id, plus empty rows to add some), and
plain inputs for the rest. Numbers are read as Decimal or int, never float; what does not
parse is reported per field before anything is sent to the service."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from storefront_plugins.listings.content import VariantInput
from storefront_plugins.portal.languages import LANGUAGES, NAMES
from storefront_plugins.portal.money import typed_decimal

DECIMAL_FIELDS = ("length_cm", "width_cm", "height_cm", "price")
INTEGER_FIELDS = ("weight_g", "stock")
EMPTY_VARIANT_ROWS = 2


@dataclass
class ListingForm:
    changes: dict[str, Any] = field(default_factory=dict)
    variants: list[VariantInput] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # field -> error code


def _integer(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw else None


def _texts(data: Mapping[str, str], prefix: str) -> dict[str, str]:
    return {language: data.get(f"{prefix}_{language}", "").strip() for language in LANGUAGES}


def read_listing_form(data: Mapping[str, Any], materials: list[str]) -> ListingForm:
    """`data` is the POST (a QueryDict's single values); `materials` its checked boxes."""
    form = ListingForm()
    form.changes["title"] = _texts(data, "title")
    form.changes["description"] = _texts(data, "description")
    form.changes["saleor_category_id"] = data.get("category", "").strip()
    form.changes["craft"] = data.get("craft", "").strip()
    form.changes["materials"] = materials
    for name in DECIMAL_FIELDS:
        try:
            form.changes[name] = typed_decimal(data.get(name, ""))
        except (InvalidOperation, ValueError):
            form.errors[name] = "number"
    for name in INTEGER_FIELDS:
        try:
            value = _integer(data.get(name, ""))
        except ValueError:
            form.errors[name] = "number"
            continue
        form.changes[name] = value if value is not None or name != "stock" else 0
    form.variants = _read_variants(data, form.errors)
    return form


def _read_variants(data: Mapping[str, Any], errors: dict[str, str]) -> list[VariantInput]:
    rows = sorted(
        {
            int(parts[1])
            for parts in (key.split("-") for key in data)
            if len(parts) >= 3 and parts[0] == "variant" and parts[1].isdigit()
        }
    )
    variants = []
    for n in rows:
        prefix = f"variant-{n}"
        label = _texts(data, f"{prefix}-label")
        raw_id = data.get(f"{prefix}-id", "").strip()
        if data.get(f"{prefix}-remove") or (not raw_id and not any(label.values())):
            continue
        try:
            price = typed_decimal(data.get(f"{prefix}-price", ""))
            stock = _integer(data.get(f"{prefix}-stock", "")) or 0
            variant_id = int(raw_id) if raw_id else None
        except (InvalidOperation, ValueError):
            errors[f"{prefix}"] = "number"
            continue
        variants.append(
            VariantInput(
                label=label,
                id=variant_id,
                sku=data.get(f"{prefix}-sku", "").strip(),
                price=price,
                stock=stock,
            )
        )
    return variants


@dataclass(frozen=True)
class LabelInput:
    language: str
    caption: str
    value: str


@dataclass(frozen=True)
class VariantRow:
    n: int
    id: int | None
    labels: list[LabelInput]
    sku: str
    price: Decimal | None
    stock: int


def variant_rows(variants: list[Any], caption: str) -> list[VariantRow]:
    """The form's variant rows: the listing's variants, then empty rows to add some.
    `caption` is the label's caption with a `{language}` slot."""

    def labels(values: Mapping[str, str]) -> list[LabelInput]:
        return [
            LabelInput(language, caption.format(language=NAMES[language]), values.get(language, ""))
            for language in LANGUAGES
        ]

    rows = [
        VariantRow(n, v.pk, labels(v.label or {}), v.sku, v.price, v.stock)
        for n, v in enumerate(variants)
    ]
    start = len(rows)
    rows += [
        VariantRow(start + k, None, labels({}), "", None, 0) for k in range(EMPTY_VARIANT_ROWS)
    ]
    return rows


@dataclass(frozen=True)
class TextInputs:
    language: str
    title: str
    title_label: str
    title_value: str
    description: str
    description_label: str
    description_value: str


def text_inputs(values: Mapping[str, Any], texts: Mapping[str, str]) -> list[TextInputs]:
    return [
        TextInputs(
            language,
            f"title_{language}",
            texts["title_in"].format(language=NAMES[language]),
            values.get(f"title_{language}", ""),
            f"description_{language}",
            texts["description_in"].format(language=NAMES[language]),
            values.get(f"description_{language}", ""),
        )
        for language in LANGUAGES
    ]


FORM_FIELD_OF = {"saleorCategoryId": "category", "saleor_category_id": "category"}


def form_values(listing: Any | None, posted: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the form's inputs show: what was just posted (after an error), else the
    listing's current values, else nothing."""
    if posted is not None:
        values = {key: posted.get(key, "") for key in posted}
        values["materials"] = posted.getlist("materials") if hasattr(posted, "getlist") else []
        return values
    if listing is None:
        return {"materials": [], "stock": 0}
    values = {
        f"{name}_{language}": (getattr(listing, name) or {}).get(language, "")
        for name in ("title", "description")
        for language in LANGUAGES
    }
    values |= {
        "category": listing.saleor_category_id,
        "craft": listing.craft,
        "materials": list(listing.materials),
        **{
            name: "" if getattr(listing, name) is None else getattr(listing, name)
            for name in (*DECIMAL_FIELDS, *INTEGER_FIELDS)
        },
    }
    return values


def form_errors(codes: Mapping[str, str], texts: Mapping[str, str]) -> dict[str, str]:
    """{form field: message in the page's language} from {service field: error code}."""
    return {
        FORM_FIELD_OF.get(name, name): texts.get(f"error_{code}", texts["error_INVALID"])
        for name, code in codes.items()
    }
