"""Orders made with the ORM (as checkoutComplete leaves them: lines allocated in the
channel's warehouse), tokens per permission, and a record of the webhook events sent."""

from decimal import Decimal
from typing import Any

import pytest
from django.db.models import F

from saleor_sandbox.graphql.core.nodes import to_global_id
from saleor_sandbox.models import (
    Address,
    Allocation,
    Channel,
    Order,
    OrderLine,
    ProductVariant,
    Stock,
)
from saleor_sandbox.services.accounts import create_access_token, create_user
from saleor_sandbox.webhooks import deliveries
from tests.sandbox.checkout.fixtures import make_shipping, make_variant
from tests.sandbox.conftest import make_app


def gid(type_name: str, instance: Any) -> str:
    return to_global_id(type_name, instance.pk)


def make_address() -> Address:
    return Address.objects.create(
        first_name="Fatima",
        last_name="Zahra",
        street_address_1="12 Rue des Potiers",
        city="Safi",
        postal_code="46000",
        country="MA",
    )


def make_order(
    channel: Channel,
    lines: list[tuple[ProductVariant, int, str]],
    *,
    shipping: str = "30.00",
    status: str = Order.Status.UNFULFILLED,
    email: str = "client@souk.example",
    billing: bool = True,
) -> Order:
    subtotal = sum((Decimal(price) * quantity for _v, quantity, price in lines), Decimal(0))
    total = subtotal + Decimal(shipping)
    method = make_shipping(channel, price=shipping)
    order = Order.objects.create(
        status=status,
        channel=channel,
        user_email=email,
        currency=channel.currency_code,
        billing_address=make_address() if billing else None,
        shipping_address=make_address(),
        shipping_method=method,
        shipping_method_name=method.name,
        shipping_price_net_amount=Decimal(shipping),
        shipping_price_gross_amount=Decimal(shipping),
        subtotal_net_amount=subtotal,
        subtotal_gross_amount=subtotal,
        total_net_amount=total,
        total_gross_amount=total,
        undiscounted_total_net_amount=total,
        undiscounted_total_gross_amount=total,
    )
    for variant, quantity, price in lines:
        line = OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=variant.product.name,
            variant_name=variant.name,
            product_sku=variant.sku,
            quantity=quantity,
            currency=order.currency,
            unit_price_net_amount=Decimal(price),
            unit_price_gross_amount=Decimal(price),
            undiscounted_unit_price_net_amount=Decimal(price),
            undiscounted_unit_price_gross_amount=Decimal(price),
            total_price_net_amount=Decimal(price) * quantity,
            total_price_gross_amount=Decimal(price) * quantity,
            undiscounted_total_price_net_amount=Decimal(price) * quantity,
            undiscounted_total_price_gross_amount=Decimal(price) * quantity,
        )
        if status != Order.Status.DRAFT:
            stock = Stock.objects.get(product_variant=variant)
            Allocation.objects.create(order_line=line, stock=stock, quantity_allocated=quantity)
            Stock.objects.filter(pk=stock.pk).update(
                quantity_allocated=F("quantity_allocated") + quantity
            )
    return order


@pytest.fixture
def tajine(channel: Channel) -> ProductVariant:
    return make_variant(channel, price="100.00", stock=10, slug="tajine")


@pytest.fixture
def plate(channel: Channel) -> ProductVariant:
    return make_variant(channel, price="40.00", stock=5, slug="plate")


@pytest.fixture
def order(channel: Channel, tajine: ProductVariant, plate: ProductVariant) -> Order:
    """2 tajines at 100 and 1 plate at 40, shipping 30: 270 MAD, allocated."""
    return make_order(channel, [(tajine, 2, "100.00"), (plate, 1, "40.00")])


@pytest.fixture
def orders_token(db: None) -> str:
    user = create_user("orders@souk.example", "pw", is_staff=True, permissions=["MANAGE_ORDERS"])
    return create_access_token(user)


@pytest.fixture
def payments_token(db: None) -> str:
    user = create_user(
        "payments@souk.example",
        "pw",
        is_staff=True,
        permissions=["MANAGE_ORDERS", "HANDLE_PAYMENTS"],
    )
    return create_access_token(user)


@pytest.fixture
def no_permission_token(db: None) -> str:
    user = create_user("intern@souk.example", "pw", is_staff=True, permissions=[])
    return create_access_token(user)


@pytest.fixture
def payment_app(db: None) -> tuple[Any, str]:
    return make_app(["HANDLE_PAYMENTS", "MANAGE_ORDERS"], name="Souk Pay")


@pytest.fixture
def sent_events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The async webhook events triggered (in order), still passed on to the real
    delivery machinery."""
    sent: list[str] = []
    original = deliveries.create_deliveries_on_commit

    def record(event_type: str, subject: Any, context: Any) -> None:
        sent.append(event_type)
        original(event_type, subject, context)

    monkeypatch.setattr(deliveries, "create_deliveries_on_commit", record)
    return sent
