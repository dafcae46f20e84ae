"""draftOrderCreate as Saleor's `graphql/order/mutations/draft_order_create.py`: the
channel, customer, shipping method, lines (grouped by variant unless `forceNewLine`),
addresses and redirect URL are checked in Saleor's order, then a DRAFT order is written,
priced from the channel listings with the checkout's arithmetic.

Drafts neither check nor allocate stock: that happens when they are completed
(services/draft_orders_complete.py)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils import timezone

from saleor_sandbox.errors import PermissionDenied, mutation_error
from saleor_sandbox.global_ids import from_global_id, to_global_id
from saleor_sandbox.models import (
    Address,
    Channel,
    Order,
    OrderEvent,
    OrderLine,
    ProductChannelListing,
    ProductVariant,
    ShippingMethod,
    ShippingMethodChannelListing,
    User,
)
from saleor_sandbox.money import quantize
from saleor_sandbox.services.catalogue_pricing import variant_prices
from saleor_sandbox.services.catalogue_translations import translated_line_names
from saleor_sandbox.services.checkout import save_address, variants_from_ids
from saleor_sandbox.services.checkout_calculations import LinePrice, checkout_totals
from saleor_sandbox.services.orders_payments import actor
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)
# Saleor's ALLOWED_CLIENT_HOSTS: hosts a redirectUrl may point at ("*" allows any).
ALLOWED_CLIENT_HOSTS: list[str] = getattr(settings, "SANDBOX_ALLOWED_CLIENT_HOSTS", ["*"])


@dataclass
class DraftLine:
    variant: ProductVariant
    quantity: int
    price_override: Decimal | None


def _variant_ids(variants: list[ProductVariant]) -> list[str]:
    return sorted({to_global_id("ProductVariant", v.pk) for v in variants})


def clean_draft_channel(context: Any, channel_id: str | None) -> Channel:
    """Saleor's `get_instance_channel_id` and channel access check: a staff user is refused
    a channel they cannot see (one that does not exist); an app gets NOT_FOUND."""
    if not channel_id:
        raise mutation_error("channel", "REQUIRED", "Channel id is required.")
    _type, pk = from_global_id(channel_id, "Channel")
    channel = Channel.objects.filter(pk=pk).first() if pk.isdigit() else None
    if channel is None:
        if context.app is None:
            raise PermissionDenied(message="You don't have access to some objects' channel.")
        raise mutation_error("channelId", "NOT_FOUND", f"Couldn't resolve to a node: {channel_id}")
    return channel


def clean_shipping_method(method_id: str | None) -> ShippingMethod | None:
    """Saleor's `get_shipping_model_by_object_id`."""
    if not method_id:
        return None
    type_name, pk = from_global_id(method_id)
    if type_name not in ("ShippingMethod", "ShippingMethodType"):
        raise mutation_error(
            "shippingMethod", "INVALID", "Must receive a ShippingMethod or ShippingMethodType id."
        )
    method = ShippingMethod.objects.filter(pk=pk).first() if pk.isdigit() else None
    if method is None:
        raise mutation_error(
            "shippingMethod", "NOT_FOUND", f"Couldn't resolve to a node: {method_id}"
        )
    return method


def clean_customer(user_id: str | None, user_email: str | None) -> User | None:
    """An email of an active user links the draft to them (and wins over `user`)."""
    if user_email:
        return User.objects.filter(email=user_email, is_active=True).first()
    if not user_id:
        return None
    _type, pk = from_global_id(user_id, "User", field="user")
    user = User.objects.filter(pk=pk).first() if pk.isdigit() else None
    if user is None:
        raise mutation_error("user", "NOT_FOUND", f"Couldn't resolve to a node: {user_id}")
    return user


def unpublished_variants(variants: list[ProductVariant], channel: Channel) -> list[ProductVariant]:
    """Saleor's `Product.objects.not_published(channel)`: no listing in the channel, not
    published, or published in the future."""
    now = timezone.now()
    published = set(
        ProductChannelListing.objects.filter(
            channel=channel,
            product_id__in={v.product_id for v in variants},
            is_published=True,
        )
        .exclude(published_at__gt=now)
        .values_list("product_id", flat=True)
    )
    return [v for v in variants if v.product_id not in published]


def variants_not_in_channel(
    variants: list[ProductVariant], channel: Channel
) -> list[ProductVariant]:
    """Saleor's `get_not_available_variants_in_channel`: no priced variant listing."""
    prices = variant_prices([v.pk for v in variants], channel)
    return [v for v in variants if prices.get(v.pk) is None]


def clean_draft_lines(lines: list[dict[str, Any]], channel: Channel) -> list[DraftLine]:
    """Saleor's `DraftOrderCreate.clean_lines`: published, then listed in the channel, then
    quantities; lines of a variant are added together (the last price wins) and come after
    the `forceNewLine` ones."""
    if not lines:
        return []
    variants = variants_from_ids([line["variant_id"] for line in lines])
    unique = list({v.pk: v for v in variants}.values())
    unpublished = unpublished_variants(unique, channel)
    if unpublished:
        raise mutation_error(
            "lines",
            "PRODUCT_NOT_PUBLISHED",
            "Can't add product variant that are not published in the channel associated "
            "with this draft order.",
            variants=_variant_ids(unpublished),
        )
    not_in_channel = variants_not_in_channel(unique, channel)
    if not_in_channel:
        raise mutation_error(
            "lines",
            "NOT_AVAILABLE_IN_CHANNEL",
            "Cannot add lines with unavailable variants.",
            variants=_variant_ids(not_in_channel),
        )
    if not all(line["quantity"] > 0 for line in lines):
        raise mutation_error("quantity", "ZERO_QUANTITY", "Ensure this value is greater than 0.")
    forced: list[DraftLine] = []
    grouped: dict[int, DraftLine] = {}
    for line, variant in zip(lines, variants, strict=True):
        price = line.get("price")
        if line.get("force_new_line"):
            forced.append(DraftLine(variant, line["quantity"], price))
            continue
        draft_line = grouped.setdefault(variant.pk, DraftLine(variant, 0, None))
        draft_line.quantity += line["quantity"]
        draft_line.price_override = price
    return [*forced, *grouped.values()]


def clean_address(data: dict[str, Any], kind: str) -> Address | None:
    """The `shipping` or `billing` address, validated as checkout addresses are; asking to
    save an address that was not given is MISSING_ADDRESS_DATA."""
    address_data = data.get(f"{kind}_address")
    if address_data:
        return save_address(address_data, kind.upper(), None)
    if data.get(f"save_{kind}_address") is not None:
        raise mutation_error(
            f"save{kind.capitalize()}Address",
            "MISSING_ADDRESS_DATA",
            f"This option can only be selected if a {kind} address is provided.",
        )
    return None


def clean_redirect_url(redirect_url: str | None) -> str | None:
    """Saleor's `validate_storefront_url`."""
    if not redirect_url:
        return None
    parsed = urlparse(redirect_url)
    if not parsed.netloc:
        raise mutation_error(
            "redirectUrl", "INVALID", "Invalid URL. Please check if URL is in RFC 1808 format."
        )
    domain, _port = split_domain_port(parsed.netloc)
    if not validate_host(domain, ALLOWED_CLIENT_HOSTS):
        raise mutation_error(
            "redirectUrl",
            "INVALID",
            f"{domain or redirect_url} is not allowed. Please check "
            "`ALLOWED_CLIENT_HOSTS` configuration.",
        )
    return redirect_url


def clean_external_reference(reference: str | None) -> None:
    """Unique over orders, as Saleor's model validation checks it."""
    if reference and Order.objects.filter(external_reference=reference).exists():
        raise mutation_error(
            "externalReference", "UNIQUE", "Order with this External reference already exists."
        )


def shipping_listing(
    method: ShippingMethod | None, channel: Channel
) -> ShippingMethodChannelListing | None:
    if method is None:
        return None
    listing = ShippingMethodChannelListing.objects.filter(
        shipping_method=method, channel=channel
    ).first()
    if listing is None:
        raise mutation_error(
            "shippingMethod",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "Shipping method not available in the given channel.",
        )
    return listing


def _metadata(items: list[Any] | None) -> dict[str, str]:
    return {item.key: item.value for item in items or []}


def _language(value: Any) -> str:
    code = getattr(value, "value", value) or settings.LANGUAGE_CODE
    return str(code).lower().replace("_", "-")


def _order_line(order: Order, line: DraftLine, unit_price: Decimal, total: Decimal) -> OrderLine:
    variant = line.variant
    return OrderLine.objects.create(
        order=order,
        variant=variant,
        product_name=variant.product.name,
        variant_name=variant.name,
        **translated_line_names(variant, order.language_code),
        product_sku=variant.sku,
        product_variant_id=to_global_id("ProductVariant", variant.pk),
        is_shipping_required=variant.product.product_type.is_shipping_required,
        quantity=line.quantity,
        currency=order.currency,
        unit_price_net_amount=unit_price,
        unit_price_gross_amount=unit_price,
        undiscounted_unit_price_net_amount=unit_price,
        undiscounted_unit_price_gross_amount=unit_price,
        total_price_net_amount=total,
        total_price_gross_amount=total,
        undiscounted_total_price_net_amount=total,
        undiscounted_total_price_gross_amount=total,
    )


def _added_products_parameters(lines: list[OrderLine]) -> dict[str, Any]:
    return {
        "lines": [
            {"quantity": line.quantity, "line_pk": str(line.pk), "item": str(line.product_name)}
            for line in lines
        ]
    }


def create_draft_order(context: Any, data: dict[str, Any]) -> Order:
    channel = clean_draft_channel(context, data.get("channel_id"))
    method = clean_shipping_method(data.get("shipping_method"))
    user = clean_customer(data.get("user"), data.get("user_email"))
    lines = clean_draft_lines(list(data.get("lines") or []), channel)
    shipping_address = clean_address(data, "shipping")
    billing_address = clean_address(data, "billing")
    redirect_url = clean_redirect_url(data.get("redirect_url"))
    clean_external_reference(data.get("external_reference"))
    listing = shipping_listing(method, channel)

    currency = channel.currency_code
    prices = variant_prices([line.variant.pk for line in lines], channel)
    unit_prices = [
        quantize(
            line.price_override
            if line.price_override is not None
            else prices[line.variant.pk] or ZERO,
            currency,
        )
        for line in lines
    ]
    requires_shipping = any(
        line.variant.product.product_type.is_shipping_required for line in lines
    )
    # Saleor's `assign_shipping_price`: the listing's price once there is somewhere to ship.
    shipping_price = (
        listing.price_amount
        if listing is not None and shipping_address is not None and requires_shipping
        else ZERO
    )
    totals = checkout_totals(
        [LinePrice(price, line.quantity) for price, line in zip(unit_prices, lines, strict=True)],
        shipping_price,
        currency,
    )
    order = Order.objects.create(
        status=Order.Status.DRAFT,
        origin="DRAFT",
        channel=channel,
        user=user,
        user_email=data.get("user_email") or "",
        language_code=_language(data.get("language_code")),
        currency=currency,
        billing_address=billing_address,
        shipping_address=shipping_address,
        shipping_method=method,
        shipping_method_name=method.name if method else None,
        shipping_price_net_amount=totals.shipping,
        shipping_price_gross_amount=totals.shipping,
        undiscounted_base_shipping_price_amount=totals.shipping,
        subtotal_net_amount=totals.subtotal,
        subtotal_gross_amount=totals.subtotal,
        total_net_amount=totals.total,
        total_gross_amount=totals.total,
        undiscounted_total_net_amount=totals.total,
        undiscounted_total_gross_amount=totals.total,
        customer_note=data.get("customer_note") or "",
        redirect_url=redirect_url,
        external_reference=data.get("external_reference"),
        metadata=_metadata(data.get("metadata")),
        private_metadata=_metadata(data.get("private_metadata")),
    )
    who = actor(context)
    order_lines = [
        _order_line(order, line, price, total)
        for line, price, total in zip(lines, unit_prices, totals.line_totals, strict=True)
    ]
    if order_lines:
        OrderEvent.objects.create(
            order=order,
            type="ADDED_PRODUCTS",
            parameters=_added_products_parameters(order_lines),
            **who,
        )
    OrderEvent.objects.create(order=order, type="DRAFT_CREATED", **who)
    trigger_async_event("DRAFT_ORDER_CREATED", order, context)
    return order
