"""catalogue.json (attributes, product types, categories, collections) and products.json
read into specs and checked against each other and against the channels, warehouses and
artisan pages already read. No ORM here."""

from typing import Any

from django.utils.text import slugify

from saleor_sandbox.services.seed_specs import (
    ENTITY_TYPES,
    INPUT_TYPES,
    AttributeAssignment,
    AttributeSpec,
    CategorySpec,
    ChannelSpec,
    CollectionSpec,
    Entry,
    MediaSpec,
    PageSpec,
    PageTypeSpec,
    ProductSpec,
    ProductTypeSpec,
    VariantSpec,
    WarehouseSpec,
    channel_prices,
    entries,
    known,
    label,
    unique,
)

CATALOGUE = "catalogue.json"
PRODUCTS = "products.json"


def parse_catalogue(
    documents: dict[str, dict[str, Any]],
    channels: dict[str, ChannelSpec],
    warehouses: tuple[WarehouseSpec, ...],
    page_types: tuple[PageTypeSpec, ...],
    pages: tuple[PageSpec, ...],
) -> dict[str, Any]:
    catalogue = documents[CATALOGUE]
    attributes = _parse_attributes(catalogue, {p.slug for p in page_types})
    by_slug = {a.slug: a for a in attributes}
    product_types = _parse_product_types(catalogue, by_slug)
    categories = _parse_categories(catalogue)
    collections = _parse_collections(catalogue, channels)
    products = _parse_products(
        documents[PRODUCTS],
        ProductContext(
            channels=channels,
            warehouses={w.slug: w for w in warehouses},
            pages={p.slug: p for p in pages},
            attributes=by_slug,
            product_types={t.slug: t for t in product_types},
            categories={c.slug for c in categories},
            collections={c.slug for c in collections},
        ),
    )
    return {
        "attributes": attributes,
        "product_types": product_types,
        "categories": categories,
        "collections": collections,
        "products": products,
    }


def _parse_attributes(document: dict[str, Any], page_types: set[str]) -> tuple[AttributeSpec, ...]:
    attributes, seen = [], set[str]()
    for e in entries(CATALOGUE, document, "attributes"):
        slug = unique(e, seen, e.slug(), "attribute")
        input_type = e.text("input_type")
        if input_type not in INPUT_TYPES:
            e.fail(f'"input_type" must be one of {", ".join(INPUT_TYPES)}')
        entity_type, reference_types = "", tuple[str, ...]()
        if input_type == "REFERENCE":
            entity = e.text("entity_type")
            if entity not in ENTITY_TYPES:
                e.fail(f'"entity_type" must be one of {", ".join(ENTITY_TYPES)}')
            entity_type = ENTITY_TYPES[entity]
            reference_types = e.texts("reference_page_types")
            known(e, reference_types, page_types, "page type")
        values: list[tuple[str, str]] = []
        if input_type == "DROPDOWN":
            names = e.texts("values", required=True)
            value_slugs = [slugify(name) for name in names]
            if len(set(value_slugs)) != len(value_slugs) or not all(value_slugs):
                e.fail('"values" must have distinct names that make distinct slugs')
            values = list(zip(value_slugs, names, strict=True))
        attributes.append(
            AttributeSpec(
                slug=slug,
                name=e.text("name"),
                input_type=INPUT_TYPES[input_type],
                entity_type=entity_type,
                reference_page_types=reference_types,
                values=tuple(values),
            )
        )
        e.done()
    return tuple(attributes)


def _parse_product_types(
    document: dict[str, Any], attributes: dict[str, AttributeSpec]
) -> tuple[ProductTypeSpec, ...]:
    product_types, seen = [], set[str]()
    for e in entries(CATALOGUE, document, "product_types"):
        spec = ProductTypeSpec(
            slug=unique(e, seen, e.slug(), "product type"),
            name=e.text("name"),
            has_variants=e.flag("has_variants", True),
            is_shipping_required=e.flag("is_shipping_required", True),
            product_attributes=e.texts("product_attributes"),
            variant_attributes=e.texts("variant_attributes"),
        )
        known(e, spec.product_attributes + spec.variant_attributes, attributes, "attribute")
        for slug in spec.variant_attributes:
            if attributes[slug].input_type != "dropdown":
                e.fail(f'variant attribute "{slug}" must be a DROPDOWN')
        e.done()
        product_types.append(spec)
    return tuple(product_types)


def _parse_categories(document: dict[str, Any]) -> tuple[CategorySpec, ...]:
    categories, seen = [], set[str]()
    for e in entries(CATALOGUE, document, "categories"):
        slug = e.slug()
        parent = e.opt_text("parent")
        if parent is not None and parent not in seen:
            e.fail(f'parent "{parent}" must be a category listed before this one')
        categories.append(
            CategorySpec(
                slug=unique(e, seen, slug, "category"),
                name=e.text("name"),
                description=e.paragraphs("description", f"category-{slug}", required=False),
                parent=parent,
                translations=e.translations(f"category-{slug}"),
            )
        )
        e.done()
    return tuple(categories)


def _parse_collections(
    document: dict[str, Any], channels: dict[str, ChannelSpec]
) -> tuple[CollectionSpec, ...]:
    collections, seen = [], set[str]()
    for e in entries(CATALOGUE, document, "collections"):
        slug = unique(e, seen, e.slug(), "collection")
        spec = CollectionSpec(
            slug=slug,
            name=e.text("name"),
            description=e.paragraphs("description", f"collection-{slug}", required=False),
            channels=e.texts("channels", required=True),
            translations=e.translations(f"collection-{slug}"),
        )
        known(e, spec.channels, channels, "channel")
        e.done()
        collections.append(spec)
    return tuple(collections)


class ProductContext:
    """What a product entry may refer to."""

    def __init__(self, **kinds: Any) -> None:
        self.channels: dict[str, ChannelSpec] = kinds["channels"]
        self.warehouses: dict[str, WarehouseSpec] = kinds["warehouses"]
        self.pages: dict[str, PageSpec] = kinds["pages"]
        self.attributes: dict[str, AttributeSpec] = kinds["attributes"]
        self.product_types: dict[str, ProductTypeSpec] = kinds["product_types"]
        self.categories: set[str] = kinds["categories"]
        self.collections: set[str] = kinds["collections"]
        self.skus: set[str] = set()


def _assignments(
    e: Entry, allowed: tuple[str, ...], context: ProductContext
) -> tuple[AttributeAssignment, ...]:
    """`{"materiau": "Argile rouge de Safi", "artisan": ["fatima-..."], "dimensions": "..."}`:
    choices by name or slug, pages by slug, one text for PLAIN_TEXT."""
    raw = e.mapping("attributes")
    known(e, raw, allowed, "attribute for this product type")
    assignments = []
    for slug, given in raw.items():
        attribute = context.attributes[slug]
        values = [given] if isinstance(given, str) else given
        if not isinstance(values, list) or not values:
            e.fail(f'attribute "{slug}" needs a value or a list of values')
        if any(not isinstance(v, str) or not v.strip() for v in values):
            e.fail(f'attribute "{slug}" values must be non-empty strings')
        if len(values) > 1 and attribute.input_type != "reference":
            e.fail(f'attribute "{slug}" takes a single value')
        if attribute.input_type == "dropdown":
            choices = {s: s for s, _n in attribute.values} | {n: s for s, n in attribute.values}
            if values[0] not in choices:
                e.fail(f'"{values[0]}" is not a value of attribute "{slug}"')
            values = [choices[values[0]]]
        elif attribute.input_type == "reference":
            for page_slug in values:
                page = context.pages.get(page_slug)
                if page is None:
                    e.fail(f'attribute "{slug}" refers to unknown page "{page_slug}"')
                elif (
                    attribute.reference_page_types
                    and page.page_type not in attribute.reference_page_types
                ):
                    e.fail(f'attribute "{slug}" cannot refer to page "{page_slug}" of its type')
        assignments.append(AttributeAssignment(slug, tuple(values)))
    return tuple(assignments)


def _parse_variant(
    product: Entry, index: int, raw: Any, product_type: ProductTypeSpec, context: ProductContext
) -> VariantSpec:
    e = Entry(product.file, f"{product.label} {label('variants', index, raw)}", raw)
    sku = e.text("sku")
    if sku in context.skus:
        e.fail(f'duplicate SKU "{sku}"')
    context.skus.add(sku)
    stocks = e.mapping("stocks")
    known(e, stocks, context.warehouses, "warehouse in stocks")
    for warehouse, quantity in stocks.items():
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            e.fail(f'stock in "{warehouse}" must be a non-negative integer')
    spec = VariantSpec(
        sku=sku,
        name=e.text("name", ""),
        attributes=_assignments(e, product_type.variant_attributes, context),
        prices=channel_prices(e, "prices", context.channels),
        stocks=tuple(stocks.items()),
        weight_kg=e.opt_decimal("weight_kg"),
        translations=e.translations(sku, with_description=False),
    )
    priced = {price.channel for price in spec.prices}
    for warehouse in stocks:
        if not priced & set(context.warehouses[warehouse].channels):
            e.fail(f'warehouse "{warehouse}" serves none of the channels the variant is priced in')
    e.done()
    return spec


def _parse_products(document: dict[str, Any], context: ProductContext) -> tuple[ProductSpec, ...]:
    products, seen = [], set[str]()
    for e in entries(PRODUCTS, document, "products"):
        slug = unique(e, seen, e.slug(), "product")
        type_slug = e.text("product_type")
        known(e, [type_slug], context.product_types, "product type")
        product_type = context.product_types[type_slug]
        category = e.text("category")
        known(e, [category], context.categories, "category")
        collections = e.texts("collections")
        known(e, collections, context.collections, "collection")
        raw_variants = e.items("variants", required=True)
        variants = tuple(
            _parse_variant(e, index, raw, product_type, context)
            for index, raw in enumerate(raw_variants)
        )
        if not product_type.has_variants and len(variants) != 1:
            e.fail(f'product type "{type_slug}" has no variants: give exactly one')
        channels = {frozenset(price.channel for price in v.prices) for v in variants}
        if len(channels) != 1:
            e.fail("every variant must be priced in the same channels")
        media = []
        for index, raw in enumerate(e.items("media")):
            m = Entry(PRODUCTS, f"{e.label} {label('media', index, raw)}", raw)
            image = m.text("image")
            if image.startswith(("http://", "https://", "/")) or ".." in image:
                m.fail('"image" must be a relative path under the media root, e.g. products/x.jpg')
            media.append(MediaSpec(image, m.text("alt", "")))
            m.done()
        products.append(
            ProductSpec(
                slug=slug,
                name=e.text("name"),
                product_type=type_slug,
                category=category,
                collections=collections,
                description=e.paragraphs("description", slug) or {},
                seo_description=e.text("seo_description", ""),
                attributes=_assignments(e, product_type.product_attributes, context),
                variants=variants,
                media=tuple(media),
                weight_kg=e.opt_decimal("weight_kg"),
                published_at=e.moment("published_at"),
                available_for_purchase_at=e.moment("available_for_purchase_at"),
                visible_in_listings=e.flag("visible_in_listings", True),
                translations=e.translations(slug),
            )
        )
        e.done()
    return tuple(products)
