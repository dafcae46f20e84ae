"""Writes the demo catalogue (`SeedData`, read and checked by `seed_fixtures`) in one
transaction, as upserts keyed by slug (SKU for variants, e-mail for users, name for
shipping zones, zone and name for shipping methods): a row is created when missing,
saved only when a field differs, and left alone otherwise, so a rerun changes nothing.

The fixtures are the truth for the rows they name: a seeded product's attribute values,
listings and stocks are set to the fixture's; rows the fixtures do not name (other
products, variants, media added through the API) are kept."""

from django.db import transaction

from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    CategoryTranslation,
    Channel,
    Collection,
    CollectionTranslation,
    Page,
    PageType,
    ProductType,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
    User,
    Warehouse,
)
from saleor_sandbox.services.accounts import create_user
from saleor_sandbox.services.seed_products import ProductWriteContext, write_product
from saleor_sandbox.services.seed_specs import SeedData, ShippingZoneSpec, StaffSpec
from saleor_sandbox.services.seed_writer import SeedReport, Writer


def load_seed(data: SeedData) -> SeedReport:
    report = SeedReport()
    writer = Writer(report)
    with transaction.atomic():
        channels = _channels(writer, data)
        warehouses = _warehouses(writer, data, channels)
        for zone in data.shipping_zones:
            _shipping_zone(writer, zone, channels, warehouses)
        pages = _pages(writer, data)
        attributes = _attributes(writer, data)
        product_types = _product_types(writer, data, attributes)
        categories = _categories(writer, data)
        collections = _collections(writer, data, channels)
        context = ProductWriteContext(
            channels, warehouses, pages, attributes, product_types, categories
        )
        products = [write_product(writer, spec, context) for spec in data.products]
        for slug, collection in collections.items():
            members = [
                p
                for p, spec in zip(products, data.products, strict=True)
                if slug in spec.collections
            ]
            writer.link("collection products", collection.products, members)
        for staff in data.staff:
            _staff(writer, staff)
    return report


def _channels(writer: Writer, data: SeedData) -> dict[str, Channel]:
    return {
        spec.slug: writer.upsert(
            Channel,
            "channels",
            {"slug": spec.slug},
            {
                "name": spec.name,
                "is_active": True,
                "currency_code": spec.currency_code,
                "default_country": spec.default_country,
                "automatically_confirm_all_new_orders": spec.automatically_confirm_all_new_orders,
                "allow_unpaid_orders": spec.allow_unpaid_orders,
                "mark_as_paid_strategy": spec.mark_as_paid_strategy,
                "default_transaction_flow_strategy": spec.default_transaction_flow_strategy,
            },
        )
        for spec in data.channels
    }


def _warehouses(
    writer: Writer, data: SeedData, channels: dict[str, Channel]
) -> dict[str, Warehouse]:
    warehouses = {}
    for spec in data.warehouses:
        warehouse = writer.upsert(
            Warehouse,
            "warehouses",
            {"slug": spec.slug},
            {"name": spec.name, "city": spec.city, "country": spec.country, "email": spec.email},
        )
        writer.link("warehouse channels", warehouse.channels, [channels[c] for c in spec.channels])
        warehouses[spec.slug] = warehouse
    return warehouses


def _shipping_zone(
    writer: Writer,
    spec: ShippingZoneSpec,
    channels: dict[str, Channel],
    warehouses: dict[str, Warehouse],
) -> None:
    zone = writer.upsert(
        ShippingZone, "shipping zones", {"name": spec.name}, {"countries": list(spec.countries)}
    )
    writer.link("shipping zone channels", zone.channels, [channels[c] for c in spec.channels])
    writer.link(
        "shipping zone warehouses", zone.warehouses, [warehouses[w] for w in spec.warehouses]
    )
    for method_spec in spec.methods:
        method = writer.upsert(
            ShippingMethod,
            "shipping methods",
            {"shipping_zone": zone, "name": method_spec.name},
            {
                "type": "PRICE",
                "minimum_delivery_days": method_spec.minimum_delivery_days,
                "maximum_delivery_days": method_spec.maximum_delivery_days,
                "description": method_spec.description,
            },
        )
        for price in method_spec.prices:
            channel = channels[price.channel]
            writer.upsert(
                ShippingMethodChannelListing,
                "shipping method listings",
                {"shipping_method": method, "channel": channel},
                {
                    "price_amount": price.amount,
                    "currency": channel.currency_code,
                    "minimum_order_price_amount": price.minimum_order_price,
                    "maximum_order_price_amount": price.maximum_order_price,
                },
            )


def _pages(writer: Writer, data: SeedData) -> dict[str, Page]:
    page_types = {
        spec.slug: writer.upsert(PageType, "page types", {"slug": spec.slug}, {"name": spec.name})
        for spec in data.page_types
    }
    return {
        spec.slug: writer.upsert(
            Page,
            "pages",
            {"slug": spec.slug},
            {
                "page_type_id": page_types[spec.page_type].pk,
                "title": spec.title,
                "content": spec.content,
                "is_published": True,
                "published_at": spec.published_at,
                "seo_title": spec.title[:70],
                "seo_description": spec.seo_description,
                "metadata": spec.metadata,
            },
        )
        for spec in data.pages
    }


def _attributes(writer: Writer, data: SeedData) -> dict[str, Attribute]:
    attributes = {}
    for spec in data.attributes:
        attribute = writer.upsert(
            Attribute,
            "attributes",
            {"slug": spec.slug},
            {
                "name": spec.name,
                "type": Attribute.Type.PRODUCT_TYPE,
                "input_type": spec.input_type,
                "entity_type": spec.entity_type,
            },
        )
        writer.link(
            "attribute reference types",
            attribute.reference_page_types,
            PageType.objects.filter(slug__in=spec.reference_page_types),
        )
        for position, (slug, name) in enumerate(spec.values):
            writer.upsert(
                AttributeValue,
                "attribute values",
                {"attribute": attribute, "slug": slug},
                {"name": name, "sort_order": position},
            )
        attributes[spec.slug] = attribute
    return attributes


def _product_types(
    writer: Writer, data: SeedData, attributes: dict[str, Attribute]
) -> dict[str, ProductType]:
    product_types = {}
    for spec in data.product_types:
        product_type = writer.upsert(
            ProductType,
            "product types",
            {"slug": spec.slug},
            {
                "name": spec.name,
                "has_variants": spec.has_variants,
                "is_shipping_required": spec.is_shipping_required,
            },
        )
        writer.link(
            "product type attributes",
            product_type.product_attributes,
            [attributes[a] for a in spec.product_attributes],
        )
        writer.link(
            "product type attributes",
            product_type.variant_attributes,
            [attributes[a] for a in spec.variant_attributes],
        )
        product_types[spec.slug] = product_type
    return product_types


def _categories(writer: Writer, data: SeedData) -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for spec in data.categories:  # parents come first
        parent = categories[spec.parent] if spec.parent else None
        categories[spec.slug] = writer.upsert(
            Category,
            "categories",
            {"slug": spec.slug},
            {
                "name": spec.name,
                "description": spec.description,
                "parent_id": parent.pk if parent else None,
            },
        )
        writer.translations(
            CategoryTranslation, "category", categories[spec.slug], spec.translations
        )
    return categories


def _collections(
    writer: Writer, data: SeedData, channels: dict[str, Channel]
) -> dict[str, Collection]:
    collections = {}
    for spec in data.collections:
        collection = writer.upsert(
            Collection,
            "collections",
            {"slug": spec.slug},
            {"name": spec.name, "description": spec.description},
        )
        writer.link(
            "collection channels", collection.channels, [channels[c] for c in spec.channels]
        )
        writer.translations(CollectionTranslation, "collection", collection, spec.translations)
        collections[spec.slug] = collection
    return collections


def _staff(writer: Writer, spec: StaffSpec) -> User:
    values = {
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "is_staff": True,
        "is_active": True,
        "is_superuser": spec.is_superuser,
        "permissions": list(spec.permissions),
    }
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        writer.report.count("staff users", "created")
        return create_user(spec.email, spec.password, **values)
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, values[name])
    if not user.check_password(spec.password):
        user.set_password(spec.password)
        changed.append("password")
    if changed:
        user.save()
    writer.report.count("staff users", "updated" if changed else "unchanged")
    return user
