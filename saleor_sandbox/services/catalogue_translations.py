"""Translations of products, variants, categories and collections: Saleor's
`<type>Translate` mutations create the row for a language or update it."""

from typing import Any

from django.db import models

from saleor_sandbox.errors import GraphQLError, MutationError, MutationErrors
from saleor_sandbox.global_ids import from_global_id, to_global_id
from saleor_sandbox.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductTranslation,
    ProductVariant,
    ProductVariantTranslation,
)
from saleor_sandbox.services.catalogue_common import enum_value, get_node

# Saleor's `translatable content` ids name the object they translate.
TRANSLATABLE_CONTENT = {
    "Product": "ProductTranslatableContent",
    "ProductVariant": "ProductVariantTranslatableContent",
    "Category": "CategoryTranslatableContent",
}


def stored_language_code(language_code: Any) -> str:
    """LanguageCodeEnum's name (`AR_MA`) in the form Saleor stores (`ar-ma`)."""
    return str(enum_value(language_code)).lower().replace("_", "-")


def translated_line_names(variant: ProductVariant, language_code: str) -> dict[str, str]:
    """An order line's `translated_product_name` and `translated_variant_name`: the names
    in the order's language, "" where there is no translation or it says the same."""
    code = stored_language_code(language_code)
    product = ProductTranslation.objects.filter(product_id=variant.product_id, language_code=code)
    own = ProductVariantTranslation.objects.filter(product_variant=variant, language_code=code)
    product_name = next((t.name for t in product if t.name), "")
    variant_name = next((t.name for t in own if t.name), "")
    return {
        "translated_product_name": "" if product_name == variant.product.name else product_name,
        "translated_variant_name": "" if variant_name == variant.name else variant_name,
    }


def translation_fields(
    translation_model: type[models.Model], data: dict[str, Any]
) -> dict[str, Any]:
    """The input's fields as model values, checked as Saleor checks them (the model's
    max lengths); a field left out keeps its stored value."""
    names = {"name": "name", "seo_title": "seo_title", "seo_description": "seo_description"}
    if "description" in {f.name for f in translation_model._meta.fields}:
        names["description"] = "description"
    values: dict[str, Any] = {}
    errors: list[MutationError] = []
    for key, field_name in names.items():
        if key not in data:
            continue
        value = data[key]
        field = translation_model._meta.get_field(field_name)
        max_length = getattr(field, "max_length", None)
        if isinstance(value, str) and max_length and len(value) > max_length:
            errors.append(
                MutationError(
                    _camel(key),
                    "INVALID",
                    f"Ensure this value has at most {max_length} characters (it has {len(value)}).",
                )
            )
        if value is None and not field.null:
            value = ""
        values[field_name] = value
    if errors:
        raise MutationErrors(errors)
    return values


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _instance(global_id: str, type_name: str, model: type[models.Model]) -> Any:
    """Saleor accepts the object's id or its translatable content's id."""
    try:
        found_type, pk = from_global_id(global_id)
    except GraphQLError:  # get_node reports it, as Saleor does
        found_type, pk = "", ""
    if found_type == TRANSLATABLE_CONTENT[type_name]:
        global_id = to_global_id(type_name, pk)
    return get_node(global_id, type_name, model, "id")


def _translate(
    instance: Any,
    translation_model: type[models.Model],
    owner_field: str,
    language_code: Any,
    data: dict[str, Any],
) -> Any:
    values = translation_fields(translation_model, data)
    translation_model._default_manager.update_or_create(
        **{owner_field: instance, "language_code": stored_language_code(language_code)},
        defaults=values,
    )
    return instance


def translate_product(global_id: str, language_code: Any, data: dict[str, Any]) -> Product:
    product = _instance(global_id, "Product", Product)
    return _translate(product, ProductTranslation, "product", language_code, data)


def translate_variant(global_id: str, language_code: Any, data: dict[str, Any]) -> ProductVariant:
    variant = _instance(global_id, "ProductVariant", ProductVariant)
    return _translate(variant, ProductVariantTranslation, "product_variant", language_code, data)


def translate_category(global_id: str, language_code: Any, data: dict[str, Any]) -> Category:
    category = _instance(global_id, "Category", Category)
    return _translate(category, CategoryTranslation, "category", language_code, data)
