"""A small catalogue: two channels (Safi in MAD, Tiznit export in EUR), a ceramics
product type with a REFERENCE attribute to artisan pages, and products in each state."""

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import (
    Attribute,
    AttributeValue,
    Category,
    Channel,
    Page,
    PageType,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    SelectedAttributeValue,
    Stock,
    Warehouse,
)
from saleor_sandbox.services.accounts import create_access_token, create_user
from saleor_sandbox.services.catalogue_events import event_listeners
from tests.sandbox.conftest import make_app


def gid(instance: Any) -> str:
    return to_global_id(type(instance).__name__, instance.pk)


@pytest.fixture
def emitted():
    """The catalogue events emitted during the test, as (event type, subject)."""
    events: list[tuple[str, Any]] = []

    def listen(event_type: str, subject: Any) -> None:
        events.append((event_type, subject))

    event_listeners.append(listen)
    yield events
    event_listeners.remove(listen)


@pytest.fixture
def export_channel(channel):
    export = Channel.objects.create(
        name="Tiznit Argent Export", slug="tiznit-export", currency_code="EUR", default_country="FR"
    )
    warehouse = Warehouse.objects.create(name="Atelier Tiznit", slug="atelier-tiznit", country="MA")
    warehouse.channels.add(export)
    return export


@pytest.fixture
def artisan_type(db):
    return PageType.objects.create(name="Artisan", slug="artisan")


@pytest.fixture
def artisan(artisan_type):
    return Page.objects.create(
        page_type=artisan_type,
        title="Fatima Zahra Belkadi",
        slug="fatima-zahra-belkadi",
        is_published=True,
    )


@pytest.fixture
def artisan_attribute(artisan_type):
    attribute = Attribute.objects.create(
        name="Artisan",
        slug="artisan",
        input_type=Attribute.InputType.REFERENCE,
        entity_type=Attribute.EntityType.PAGE,
    )
    attribute.reference_page_types.add(artisan_type)
    return attribute


@pytest.fixture
def material(db):
    attribute = Attribute.objects.create(
        name="Matière", slug="matiere", input_type=Attribute.InputType.DROPDOWN
    )
    AttributeValue.objects.create(attribute=attribute, name="Argile", slug="argile")
    return attribute


@pytest.fixture
def ceramics(material, artisan_attribute):
    product_type = ProductType.objects.create(name="Céramique", slug="ceramique")
    product_type.product_attributes.add(material, artisan_attribute)
    return product_type


@pytest.fixture
def category(db):
    return Category.objects.create(name="Poterie", slug="poterie")


def make_product(
    product_type: ProductType,
    slug: str,
    channel: Channel | None,
    *,
    price: str | None = "250.00",
    published: bool = True,
    visible: bool = True,
    quantity: int = 5,
    category: Category | None = None,
) -> Product:
    product = Product.objects.create(
        product_type=product_type, name=slug.replace("-", " ").title(), slug=slug, category=category
    )
    variant = ProductVariant.objects.create(product=product, sku=f"{slug}-1", name="Unique")
    if channel is not None:
        ProductChannelListing.objects.create(
            product=product,
            channel=channel,
            currency=channel.currency_code,
            is_published=published,
            visible_in_listings=visible,
            available_for_purchase_at=timezone.now(),
        )
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel,
            currency=channel.currency_code,
            price_amount=Decimal(price) if price is not None else None,
        )
        for warehouse in channel.warehouses.all():
            Stock.objects.create(warehouse=warehouse, product_variant=variant, quantity=quantity)
    return product


@pytest.fixture
def tajine(ceramics, channel, category, artisan, artisan_attribute):
    product = make_product(ceramics, "tajine-de-safi", channel, category=category)
    value = AttributeValue.objects.create(
        attribute=artisan_attribute,
        name=artisan.title,
        slug=f"{product.pk}_{artisan.pk}",
        reference_page=artisan,
    )
    SelectedAttributeValue.objects.create(attribute=artisan_attribute, value=value, product=product)
    return product


@pytest.fixture
def manager_token(db):
    user = create_user(
        "catalogue@souk.example",
        "password",
        is_staff=True,
        permissions=[
            "MANAGE_PRODUCTS",
            "MANAGE_PAGES",
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
        ],
    )
    return create_access_token(user)


@pytest.fixture
def customer_token(db):
    return create_access_token(create_user("client@souk.example", "password"))


@pytest.fixture
def orders_app_token(db):
    _app, token = make_app(["MANAGE_ORDERS"], name="Orders")
    return token
