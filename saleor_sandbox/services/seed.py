"""Writes the demo catalogue (`SeedData`, read and checked by `seed_fixtures`) in one
transaction, as upserts keyed by slug (SKU for variants, e-mail for users, name for
shipping zones, zone and name for shipping methods): a row is created when missing,
saved only when a field differs, and left alone otherwise, so a rerun changes nothing.

The fixtures are the truth for the rows they name: a seeded product's attribute values,
listings and stocks are set to the fixture's; rows the fixtures do not name (other
products, variants, media added through the API) are kept."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.text import slugify

from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    Channel,
    Collection,
    Page,
    PageType,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    SelectedAttributeValue,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
    Stock,
    User,
    Warehouse,
)
from saleor_sandbox.services.accounts import create_user
from saleor_sandbox.services.catalogue_common import description_plaintext
from saleor_sandbox.services.seed_specs import (
    AttributeAssignment,
    ProductSpec,
    SeedData,
    ShippingZoneSpec,
    StaffSpec,
    VariantSpec,
)

M = TypeVar("M", bound=models.Model)


@dataclass
class SeedReport:
    """How many rows of each kind were created, updated or found as they should be."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)

    def count(self, kind: str, status: str) -> None:
        getattr(self, status)[kind] += 1

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]


class Writer:
    def __init__(self, report: SeedReport) -> None:
        self.report = report

    def upsert(
        self, model: type[M], kind: str, lookup: dict[str, Any], values: dict[str, Any]
    ) -> M:
        """The row matching `lookup` with `values`, saved only if something differs."""
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is None:
            self.report.count(kind, "created")
            return model._default_manager.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.save()
            self.report.count(kind, "updated")
        else:
            self.report.count(kind, "unchanged")
        return instance

    def link(self, kind: str, manager: Any, objects: Iterable[models.Model]) -> None:
        """Sets a many-to-many relation, only if it differs."""
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.report.count(kind, "updated")


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
        products = [_product(writer, spec, context) for spec in data.products]
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
        collections[spec.slug] = collection
    return collections


@dataclass(frozen=True)
class ProductWriteContext:
    channels: dict[str, Channel]
    warehouses: dict[str, Warehouse]
    pages: dict[str, Page]
    attributes: dict[str, Attribute]
    product_types: dict[str, ProductType]
    categories: dict[str, Category]


def _product(writer: Writer, spec: ProductSpec, context: ProductWriteContext) -> Product:
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
