"""Attribute values of products, variants and pages (Saleor's AttributeAssignmentMixin):
validate the `[AttributeValueInput!]` list first, then write the values.

REFERENCE attributes are how Saleor links a product to another object: each referenced
page (an artisan, say) becomes an AttributeValue pointing at it, named after it."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.text import slugify

from saleor_sandbox.errors import GraphQLError, MutationError, MutationErrors
from saleor_sandbox.global_ids import from_global_id, to_global_id
from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Page,
    Product,
    ProductVariant,
    SelectedAttributeValue,
)

VALUE_REQUIRED = ("Attribute expects a value but none were given.", "REQUIRED")
BLANK_VALUE = ("Attribute values cannot be blank.", "REQUIRED")
DUPLICATED_VALUES = ("Duplicated attribute values are provided.", "DUPLICATED_INPUT_ITEM")
INVALID_INPUT = ("Invalid value provided for attribute.", "INVALID")
MORE_THAN_ONE_VALUE = ("Attribute must take only one value.", "INVALID")
REFERENCE_REQUIRED = ("A reference is required for this attribute.", "REQUIRED")
INVALID_REFERENCE = ("Invalid reference type.", "INVALID")
INVALID_REFERENCE_TYPE = (
    "Invalid reference, must be an object from available choices defined by reference types on attribute.",
    "INVALID",
)

REFERENCE_MODELS: dict[str, tuple[type[Model], str]] = {
    Attribute.EntityType.PAGE: (Page, "title"),
    Attribute.EntityType.PRODUCT: (Product, "name"),
    Attribute.EntityType.PRODUCT_VARIANT: (ProductVariant, "name"),
}
SELECTABLE = {Attribute.InputType.DROPDOWN, Attribute.InputType.MULTISELECT}
REFERENCES = {Attribute.InputType.REFERENCE, Attribute.InputType.SINGLE_REFERENCE}

Owner = Product | ProductVariant | Page


@dataclass
class CleanedAttribute:
    attribute: Attribute
    data: dict[str, Any]
    references: list[Any] = field(default_factory=list)


def _attribute_pk(global_id: str, error_field: str) -> str:
    try:
        _type, pk = from_global_id(global_id, "Attribute")
    except GraphQLError as error:
        raise MutationErrors([MutationError(error_field, "GRAPHQL_ERROR", str(error))]) from error
    return pk


def _selected_strings(attribute: Attribute, data: dict[str, Any]) -> list[str]:
    """The value names/slugs given through `values`, `dropdown`, `multiselect`, `numeric`."""
    if data.get("values"):
        return list(data["values"])
    if data.get("dropdown"):
        return [data["dropdown"].get("value") or data["dropdown"].get("id") or ""]
    if data.get("multiselect"):
        return [item.get("value") or item.get("id") or "" for item in data["multiselect"]]
    if data.get("numeric") is not None:
        return [data["numeric"]]
    return []


def _validate_one(
    attribute: Attribute, data: dict[str, Any], errors: dict[tuple[str, str], list[str]]
) -> list[Any]:
    gid = to_global_id("Attribute", attribute.pk)
    kind = attribute.input_type
    if kind in REFERENCES:
        ids = data.get("references") or []
        if kind == Attribute.InputType.SINGLE_REFERENCE:
            ids = [data["reference"]] if data.get("reference") else list(ids)
        if not ids:
            if attribute.value_required:
                errors[REFERENCE_REQUIRED].append(gid)
            return []
        if attribute.entity_type not in REFERENCE_MODELS:
            errors[INVALID_INPUT].append(gid)
            return []
        model, _name = REFERENCE_MODELS[attribute.entity_type]
        type_name = attribute.entity_type
        try:
            pks = [from_global_id(ref, type_name)[1] for ref in ids]
        except GraphQLError:
            errors[INVALID_REFERENCE].append(gid)
            return []
        found = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=pks)}
        if len(found) != len(set(pks)):
            errors[INVALID_REFERENCE].append(gid)
            return []
        refs = [found[pk] for pk in dict.fromkeys(pks)]
        allowed_types = {pt.pk for pt in attribute.reference_page_types.all()}
        if allowed_types and any(
            getattr(ref, "page_type_id", None) not in allowed_types for ref in refs
        ):
            errors[INVALID_REFERENCE_TYPE].append(gid)
            return []
        return refs
    if kind == Attribute.InputType.BOOLEAN:
        if attribute.value_required and data.get("boolean") is None:
            errors[VALUE_REQUIRED].append(gid)
        return []
    if kind in {Attribute.InputType.PLAIN_TEXT, Attribute.InputType.RICH_TEXT}:
        text = data.get("plain_text") if kind == Attribute.InputType.PLAIN_TEXT else None
        if kind == Attribute.InputType.RICH_TEXT:
            text = str(data.get("rich_text") or "")
        if attribute.value_required and not (text or "").strip():
            errors[VALUE_REQUIRED].append(gid)
        return []
    if kind == Attribute.InputType.DATE:
        if attribute.value_required and not (data.get("date") or data.get("date_time")):
            errors[VALUE_REQUIRED].append(gid)
        return []
    values = _selected_strings(attribute, data)
    if not values:
        if attribute.value_required:
            errors[VALUE_REQUIRED].append(gid)
        return []
    if kind != Attribute.InputType.MULTISELECT and len(values) > 1:
        errors[MORE_THAN_ONE_VALUE].append(gid)
    if len(set(values)) != len(values):
        errors[DUPLICATED_VALUES].append(gid)
    if any(not str(value).strip() for value in values):
        errors[BLANK_VALUE].append(gid)
    if kind == Attribute.InputType.NUMERIC:
        try:
            [float(value) for value in values]
        except ValueError:
            errors[INVALID_INPUT].append(gid)
    return []


def clean_attribute_input(
    raw: list[dict[str, Any]],
    allowed: QuerySet[Attribute],
    *,
    creation: bool,
    error_field: str = "attributes",
) -> list[CleanedAttribute]:
    """Validates every attribute input; all problems are reported together."""
    by_pk: dict[str, dict[str, Any]] = {}
    for item in raw:
        if not item.get("id"):
            raise MutationErrors(
                [
                    MutationError(
                        error_field, "REQUIRED", "Argument 'id' or 'externalReference' is required."
                    )
                ]
            )
        by_pk[_attribute_pk(item["id"], error_field)] = dict(item)
    attributes = {
        str(a.pk): a
        for a in allowed.filter(pk__in=[pk for pk in by_pk if pk.isdigit()]).prefetch_related(
            "reference_page_types"
        )
    }
    missing = [f"ID: {by_pk[pk]['id']}" for pk in by_pk if pk not in attributes]
    if missing:
        raise MutationErrors(
            [
                MutationError(
                    error_field,
                    "NOT_FOUND",
                    f"Could not resolve attributes: {', '.join(missing)}.",
                )
            ]
        )
    errors: dict[tuple[str, str], list[str]] = defaultdict(list)
    cleaned = []
    for pk, data in by_pk.items():
        attribute = attributes[pk]
        cleaned.append(CleanedAttribute(attribute, data, _validate_one(attribute, data, errors)))
    problems = [
        MutationError(error_field, code, message, {"attributes": ids})
        for (message, code), ids in errors.items()
    ]
    if creation:
        missing_required = allowed.filter(value_required=True).exclude(
            pk__in=[int(pk) for pk in attributes]
        )
        if missing_required:
            problems.append(
                MutationError(
                    error_field,
                    "REQUIRED",
                    "All attributes flagged as having a value required must be supplied.",
                    {"attributes": [to_global_id("Attribute", a.pk) for a in missing_required]},
                )
            )
    if problems:
        raise MutationErrors(problems)
    return cleaned


def _value_by_name(attribute: Attribute, text: str) -> AttributeValue:
    existing = (
        attribute.values.filter(slug=text).first() or attribute.values.filter(name=text).first()
    )
    if existing is not None:
        return existing
    try:  # `dropdown: {id}` gives an AttributeValue's global id
        _type, pk = from_global_id(text, "AttributeValue")
        by_id = attribute.values.filter(pk=pk).first() if pk.isdigit() else None
        if by_id is not None:
            return by_id
    except GraphQLError:
        pass
    base = slugify(text) or "value"
    slug, n = base, 1
    while attribute.values.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return AttributeValue.objects.create(
        attribute=attribute, name=text, slug=slug, sort_order=attribute.values.count()
    )


def _owner_slug(owner: Owner, attribute: Attribute) -> str:
    return slugify(f"{owner._meta.model_name}-{owner.pk}_{attribute.pk}")


def _values_for(owner: Owner, item: CleanedAttribute) -> list[AttributeValue]:
    attribute, data = item.attribute, item.data
    kind = attribute.input_type
    if kind in REFERENCES:
        _model, name_field = REFERENCE_MODELS[attribute.entity_type]
        values = []
        for ref in item.references:
            ref_field = {
                "Page": "reference_page",
                "Product": "reference_product",
                "ProductVariant": "reference_variant",
            }[attribute.entity_type]
            value, _created = AttributeValue.objects.get_or_create(
                attribute=attribute,
                slug=slugify(f"{owner.pk}_{ref.pk}"),
                defaults={"name": str(getattr(ref, name_field)), ref_field: ref},
            )
            values.append(value)
        return values
    if kind == Attribute.InputType.BOOLEAN:
        if data.get("boolean") is None:
            return []
        flag = bool(data["boolean"])
        value, _created = AttributeValue.objects.get_or_create(
            attribute=attribute,
            slug=slugify(f"{attribute.pk}_{flag}"),
            defaults={"name": f"{attribute.name}: {'Yes' if flag else 'No'}", "boolean": flag},
        )
        return [value]
    if kind in {Attribute.InputType.PLAIN_TEXT, Attribute.InputType.RICH_TEXT}:
        text = data.get("plain_text")
        if kind == Attribute.InputType.RICH_TEXT and data.get("rich_text") is not None:
            text = str(data["rich_text"])
        if text is None:
            return []
        value, _created = AttributeValue.objects.update_or_create(
            attribute=attribute,
            slug=_owner_slug(owner, attribute),
            defaults={"name": text[:200], "plain_text": text},
        )
        return [value]
    if kind == Attribute.InputType.DATE:
        moment = data.get("date_time") or data.get("date")
        if moment is None:
            return []
        value, _created = AttributeValue.objects.update_or_create(
            attribute=attribute,
            slug=_owner_slug(owner, attribute),
            defaults={"name": str(moment), "date_time": moment},
        )
        return [value]
    if kind == Attribute.InputType.NUMERIC:
        numbers = _selected_strings(attribute, data)
        if not numbers:
            return []
        value, _created = AttributeValue.objects.update_or_create(
            attribute=attribute,
            slug=_owner_slug(owner, attribute),
            defaults={"name": str(numbers[0])},
        )
        return [value]
    return [_value_by_name(attribute, text) for text in _selected_strings(attribute, data)]


def save_attribute_values(owner: Owner, cleaned: list[CleanedAttribute]) -> None:
    """Replaces the owner's values for each given attribute."""
    owner_field = {Product: "product", ProductVariant: "variant", Page: "page"}[type(owner)]
    for item in cleaned:
        SelectedAttributeValue.objects.filter(
            **{owner_field: owner}, attribute=item.attribute
        ).delete()
        for position, value in enumerate(_values_for(owner, item)):
            SelectedAttributeValue.objects.create(
                attribute=item.attribute,
                value=value,
                sort_order=position,
                **{owner_field: owner},
            )
