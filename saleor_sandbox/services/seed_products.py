"""The seed's products: each with its listings, variants (prices, stock), media and
attribute values, written as upserts."""

from collections import Counter
from dataclasses import dataclass

from django.utils.text import slugify

from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    Channel,
    Page,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
    SelectedAttributeValue,
    Stock,
    Warehouse,
)
from saleor_sandbox.services.catalogue_common import description_plaintext
from saleor_sandbox.services.seed_specs import AttributeAssignment, ProductSpec, VariantSpec
from saleor_sandbox.services.seed_writer import Writer


@dataclass(frozen=True)
class ProductWriteContext:
    channels: dict[str, Channel]
    warehouses: dict[str, Warehouse]
    pages: dict[str, Page]
    attributes: dict[str, Attribute]
    product_types: dict[str, ProductType]
    categories: dict[str, Category]


def write_product(writer: Writer, spec: ProductSpec, context: ProductWriteContext) -> Product:
    plaintext = description_plaintext(spec.description)
    product = writer.upsert(
        Product,
        "products",
        {"slug": spec.slug},
        {
            "name": spec.name,
            "product_type_id": context.product_types[spec.product_type].pk,
            "category_id": context.categories[spec.category].pk,
            "description": spec.description,
            "description_plaintext": plaintext,
            # as the catalogue services build it
            "search_vector": " ".join(p.lower() for p in (spec.name, spec.slug, plaintext) if p),
            "seo_title": spec.name[:70],
            "seo_description": spec.seo_description,
            "weight_kg": spec.weight_kg,
        },
    )
    _attribute_values(writer, product, spec.attributes, context)
    writer.translations(ProductTranslation, "product", product, spec.translations)
    for slug in spec.channels:
        channel = context.channels[slug]
        writer.upsert(
            ProductChannelListing,
            "product listings",
            {"product": product, "channel": channel},
            {
                "is_published": True,
                "published_at": spec.published_at,
                "visible_in_listings": spec.visible_in_listings,
                "available_for_purchase_at": spec.available_for_purchase_at,
                "currency": channel.currency_code,
            },
        )
    for position, variant_spec in enumerate(spec.variants):
        _variant(writer, product, position, variant_spec, context)
    for position, media in enumerate(spec.media):
        writer.upsert(
            ProductMedia,
            "product media",
            {"product": product, "image": media.image},
            {"type": "IMAGE", "alt": media.alt, "sort_order": position},
        )
    return product


def _variant(
    writer: Writer,
    product: Product,
    position: int,
    spec: VariantSpec,
    context: ProductWriteContext,
) -> None:
    variant = writer.upsert(
        ProductVariant,
        "variants",
        {"sku": spec.sku},
        {
            "product_id": product.pk,
            "name": spec.name,
            "sort_order": position,
            "track_inventory": True,
            "weight_kg": spec.weight_kg,
        },
    )
    _attribute_values(writer, variant, spec.attributes, context)
    writer.translations(ProductVariantTranslation, "product_variant", variant, spec.translations)
    for price in spec.prices:
        channel = context.channels[price.channel]
        writer.upsert(
            ProductVariantChannelListing,
            "variant listings",
            {"variant": variant, "channel": channel},
            {"price_amount": price.amount, "currency": channel.currency_code},
        )
    for warehouse, quantity in spec.stocks:
        writer.upsert(
            Stock,
            "stocks",
            {"warehouse": context.warehouses[warehouse], "product_variant": variant},
            {"quantity": quantity},
        )


def _attribute_values(
    writer: Writer,
    owner: Product | ProductVariant,
    assignments: tuple[AttributeAssignment, ...],
    context: ProductWriteContext,
) -> None:
    """The owner's selected values become exactly the fixture's, value rows named as the
    catalogue services name them (references `<owner pk>_<page pk>`, texts per owner)."""
    owner_field = "product" if isinstance(owner, Product) else "variant"
    wanted: list[tuple[Attribute, AttributeValue]] = []
    for assignment in assignments:
        attribute = context.attributes[assignment.attribute]
        for text in assignment.values:
            wanted.append((attribute, _value(writer, owner, attribute, text, context)))
    selected = SelectedAttributeValue.objects.filter(**{owner_field: owner}).order_by(
        "attribute_id", "sort_order", "pk"
    )
    current = [(s.attribute_id, s.value_id) for s in selected]
    target = sorted(
        ((a.pk, v.pk) for a, v in wanted), key=lambda pair: pair[0]
    )  # stable: keeps the fixture's order within an attribute
    if current == target:
        writer.report.count("attribute assignments", "unchanged")
        return
    selected.delete()
    positions: Counter[int] = Counter()
    for attribute, value in wanted:
        SelectedAttributeValue.objects.create(
            attribute=attribute,
            value=value,
            sort_order=positions[attribute.pk],
            **{owner_field: owner},
        )
        positions[attribute.pk] += 1
    writer.report.count("attribute assignments", "updated")


def _value(
    writer: Writer,
    owner: Product | ProductVariant,
    attribute: Attribute,
    text: str,
    context: ProductWriteContext,
) -> AttributeValue:
    if attribute.input_type == Attribute.InputType.DROPDOWN:
        return AttributeValue.objects.get(attribute=attribute, slug=text)
    if attribute.input_type == Attribute.InputType.REFERENCE:
        page = context.pages[text]
        return writer.upsert(
            AttributeValue,
            "attribute values",
            {"attribute": attribute, "slug": slugify(f"{owner.pk}_{page.pk}")},
            {"name": page.title, "reference_page_id": page.pk},
        )
    return writer.upsert(
        AttributeValue,
        "attribute values",
        {
            "attribute": attribute,
            "slug": slugify(f"{owner._meta.model_name}-{owner.pk}_{attribute.pk}"),
        },
        {"name": text[:200], "plain_text": text},
    )
