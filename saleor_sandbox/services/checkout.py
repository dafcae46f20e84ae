"""Checkouts: reading them with their prices, and the writers behind the checkout
mutations (create, lines, email, addresses, delivery method). Validations follow Saleor's
`graphql/checkout/mutations/utils.py` and `warehouse/availability.py`."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F, Q, Sum
from django.utils import timezone

from saleor_sandbox.errors import MutationError, MutationErrors, mutation_error
from saleor_sandbox.global_ids import from_global_id, to_global_id
from saleor_sandbox.models import (
    Address,
    Channel,
    Checkout,
    CheckoutLine,
    ProductChannelListing,
    ProductVariant,
    ShippingMethod,
    ShippingMethodChannelListing,
    Stock,
    TransactionItem,
)
from saleor_sandbox.money import MoneyValue
from saleor_sandbox.services.catalogue_pricing import variant_prices
from saleor_sandbox.services.checkout_addresses import normalize_address
from saleor_sandbox.services.checkout_calculations import (
    CheckoutTotals,
    LinePrice,
    authorize_status,
    charge_status,
    checkout_totals,
)
from saleor_sandbox.webhooks.triggers import trigger_async_event

ZERO = Decimal(0)


@dataclass
class LineInfo:
    line: CheckoutLine
    variant: ProductVariant
    unit_price: Decimal
    undiscounted_unit_price: Decimal
    total_price: Decimal
    requires_shipping: bool


@dataclass
class CheckoutInfo:
    checkout: Checkout
    lines: list[LineInfo]
    totals: CheckoutTotals
    shipping_methods: list[ShippingMethod]  # each annotated with `channel_price`
    is_shipping_required: bool
    charged: Decimal  # charged + charge pending, over the checkout's transactions
    authorized: Decimal  # authorized + authorize pending

    @property
    def currency(self) -> str:
        return self.checkout.currency

    @property
    def charge_status(self) -> str:
        return charge_status(self.totals.total, self.charged, bool(self.lines))

    @property
    def authorize_status(self) -> str:
        return authorize_status(self.totals.total, self.authorized, self.charged, bool(self.lines))

    @property
    def total_balance(self) -> Decimal:
        return self.charged - self.totals.total

    def money(self, amount: Decimal) -> MoneyValue:
        return MoneyValue(amount, self.currency)


# Reading ---------------------------------------------------------------------------------


def checkout_by_id_or_token(
    id: str | None = None, token: UUID | str | None = None, *, lock: bool = False
) -> Checkout:
    """As Saleor's `get_checkout`: NOT_FOUND on the field that named it."""
    field_name = "id" if id is not None else "token"
    if id is not None:
        _type, pk = from_global_id(id, "Checkout")
        token = pk
    if token is None:
        raise mutation_error(
            "id", "GRAPHQL_ERROR", "At least one of arguments is required: 'id', 'token'."
        )
    queryset = Checkout.objects.select_related("channel")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    try:
        checkout = queryset.filter(token=token).first()
    except (ValueError, ValidationError):
        checkout = None
    if checkout is None:
        raise mutation_error(field_name, "NOT_FOUND", f"Couldn't resolve to a node: {id or token}")
    return checkout


def shipping_methods_for(
    channel: Channel, country: str | None, subtotal: Decimal
) -> list[ShippingMethod]:
    """Methods of the channel's zones covering `country`, priced in the channel and allowed
    for the subtotal (min/max order price), each with `channel_price`."""
    if not country:
        return []
    listings = (
        ShippingMethodChannelListing.objects.filter(
            channel=channel,
            shipping_method__shipping_zone__channels=channel,
            shipping_method__shipping_zone__countries__contains=[country],
        )
        .filter(
            Q(minimum_order_price_amount__isnull=True) | Q(minimum_order_price_amount__lte=subtotal)
        )
        .filter(
            Q(maximum_order_price_amount__isnull=True) | Q(maximum_order_price_amount__gte=subtotal)
        )
        .select_related("shipping_method")
        .order_by("price_amount", "shipping_method_id")
    )
    methods = []
    for listing in listings:
        method = listing.shipping_method
        method.channel_price = MoneyValue(listing.price_amount, listing.currency)  # type: ignore[attr-defined]
        methods.append(method)
    return methods


def fetch_checkout_info(checkout: Checkout) -> CheckoutInfo:
    lines = list(
        checkout.lines.select_related("variant__product__product_type").order_by("created_at", "id")
    )
    prices = variant_prices([line.variant_id for line in lines], checkout.channel)
    infos = []
    for line in lines:
        listed = prices.get(line.variant_id) or ZERO
        unit = line.price_override_amount if line.price_override_amount is not None else listed
        infos.append(
            LineInfo(
                line=line,
                variant=line.variant,
                unit_price=unit,
                undiscounted_unit_price=unit,
                total_price=ZERO,
                requires_shipping=line.variant.product.product_type.is_shipping_required,
            )
        )
    is_shipping_required = any(info.requires_shipping for info in infos)
    subtotal_only = checkout_totals(
        [LinePrice(i.unit_price, i.line.quantity) for i in infos], ZERO, checkout.currency
    )
    shipping_country = (
        checkout.shipping_address.country if checkout.shipping_address_id else None  # type: ignore[union-attr]
    )
    methods = (
        shipping_methods_for(checkout.channel, shipping_country, subtotal_only.subtotal)
        if is_shipping_required
        else []
    )
    shipping_price = ZERO
    if is_shipping_required and checkout.shipping_method_id:
        chosen = next((m for m in methods if m.pk == checkout.shipping_method_id), None)
        if chosen is not None:
            shipping_price = chosen.channel_price.amount  # type: ignore[attr-defined]
        else:
            listing = ShippingMethodChannelListing.objects.filter(
                shipping_method_id=checkout.shipping_method_id, channel=checkout.channel
            ).first()
            shipping_price = listing.price_amount if listing else ZERO
    totals = checkout_totals(
        [LinePrice(i.unit_price, i.line.quantity) for i in infos], shipping_price, checkout.currency
    )
    for info, total in zip(infos, totals.line_totals, strict=True):
        info.total_price = total
    amounts = TransactionItem.objects.filter(checkout=checkout).aggregate(
        charged=Sum(F("charged_value") + F("charge_pending_value")),
        authorized=Sum(F("authorized_value") + F("authorize_pending_value")),
    )
    return CheckoutInfo(
        checkout=checkout,
        lines=infos,
        totals=totals,
        shipping_methods=methods,
        is_shipping_required=is_shipping_required,
        charged=amounts["charged"] or ZERO,
        authorized=amounts["authorized"] or ZERO,
    )


# Validations ----------------------------------------------------------------------------


def _variant_ids(variants: list[ProductVariant]) -> list[str]:
    return sorted(to_global_id("ProductVariant", v.pk) for v in variants)


def variants_from_ids(global_ids: list[str], field_name: str = "variantId") -> list[ProductVariant]:
    pks = []
    for global_id in global_ids:
        _type, pk = from_global_id(global_id, "ProductVariant", field=field_name)
        pks.append(pk)
    found = {
        str(v.pk): v
        for v in ProductVariant.objects.filter(
            pk__in=[p for p in pks if p.isdigit()]
        ).select_related("product__product_type")
    }
    missing = [gid for gid, pk in zip(global_ids, pks, strict=True) if pk not in found]
    if missing:
        raise mutation_error(field_name, "NOT_FOUND", f"Couldn't resolve to a node: {missing[0]}")
    return [found[pk] for pk in pks]


def validate_variants_in_channel(variants: list[ProductVariant], channel: Channel) -> None:
    """Available for purchase, then priced in the channel, then published (Saleor's order)."""
    product_ids = {v.product_id for v in variants}
    listings = {
        listing.product_id: listing
        for listing in ProductChannelListing.objects.filter(
            channel=channel, product_id__in=product_ids
        )
    }
    now = timezone.now()
    unavailable = [
        v
        for v in variants
        if (listing := listings.get(v.product_id)) is None
        or listing.available_for_purchase_at is None
        or listing.available_for_purchase_at > now
    ]
    if unavailable:
        raise mutation_error(
            "lines",
            "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
            "Cannot add lines for unavailable for purchase variants.",
            variants=_variant_ids(unavailable),
        )
    prices = variant_prices([v.pk for v in variants], channel)
    not_in_channel = [v for v in variants if prices.get(v.pk) is None]
    if not_in_channel:
        raise mutation_error(
            "lines",
            "UNAVAILABLE_VARIANT_IN_CHANNEL",
            "Cannot add lines with unavailable variants.",
            variants=_variant_ids(not_in_channel),
        )
    unpublished = [v for v in variants if not listings[v.product_id].is_published]
    if unpublished:
        raise mutation_error(
            "lines",
            "PRODUCT_NOT_PUBLISHED",
            "Cannot add lines for unpublished variants.",
            variants=_variant_ids(unpublished),
        )


def available_quantities(variant_ids: list[int], channel: Channel) -> dict[int, int]:
    rows = (
        Stock.objects.filter(product_variant_id__in=variant_ids, warehouse__channels=channel)
        .values("product_variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
    )
    return {row["product_variant_id"]: max(int(row["available"] or 0), 0) for row in rows}


def validate_quantities(quantities: dict[ProductVariant, int], channel: Channel) -> None:
    """Per-line limit (the variant's or MAX_CHECKOUT_LINE_QUANTITY), then stock in the
    channel's warehouses; `quantities` are the lines' resulting quantities."""
    for variant, quantity in quantities.items():
        if quantity <= 0:
            continue
        limit = variant.quantity_limit_per_customer or settings.MAX_CHECKOUT_LINE_QUANTITY
        if quantity > limit:
            raise mutation_error(
                "quantity",
                "QUANTITY_GREATER_THAN_LIMIT",
                f"Cannot add more than {limit} times this item: {variant.name or variant.pk}.",
            )
    available = available_quantities([v.pk for v in quantities], channel)
    errors = [
        MutationError(
            "quantity",
            "INSUFFICIENT_STOCK",
            f"Could not add items {variant.name or variant.pk}. "
            f"Only {available.get(variant.pk, 0)} remaining in stock.",
        )
        for variant, quantity in quantities.items()
        if quantity > 0 and variant.track_inventory and quantity > available.get(variant.pk, 0)
    ]
    if errors:
        raise MutationErrors(errors)


def _clean_quantity(quantity: int, allow_zero: bool = False) -> None:
    if quantity < 0 or (quantity == 0 and not allow_zero):
        message = (
            "The quantity should be higher or equal zero."
            if allow_zero
            else "The quantity should be higher than zero."
        )
        raise mutation_error("quantity", "ZERO_QUANTITY", message)


def _clean_channel(slug: str | None) -> Channel:
    if not slug:
        raise mutation_error(
            "channel",
            "MISSING_CHANNEL_SLUG",
            "You must provide channel slug to create checkout.",
        )
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        raise mutation_error("channel", "NOT_FOUND", f"Channel with '{slug}' slug does not exist.")
    if not channel.is_active:
        raise mutation_error("channel", "CHANNEL_INACTIVE", f"Channel with '{slug}' is inactive.")
    return channel


def clean_email(email: str | None) -> str | None:
    if email is None:
        return None
    try:
        validate_email(email)
    except ValidationError as error:
        raise mutation_error("email", "INVALID", "Enter a valid email address.") from error
    return email


# Writing ---------------------------------------------------------------------------------


def save_address(data: dict[str, Any], address_type: str, existing: Address | None) -> Address:
    cleaned = (
        normalize_address(data, address_type)
        if not data.get("skip_validation")
        else {
            **{k: str(data.get(k) or "") for k in data if k not in ("metadata", "skip_validation")},
            "country": str(getattr(data.get("country"), "value", data.get("country")) or ""),
        }
    )
    address = existing or Address()
    for name, value in cleaned.items():
        if hasattr(address, name):
            setattr(address, name, value)
    address.save()
    return address


def _merge_lines(lines: list[dict[str, Any]]) -> list[tuple[str, int, dict[str, Any]]]:
    """Lines of the same variant are added together unless `forceNewLine` (as Saleor)."""
    merged: dict[str, tuple[str, int, dict[str, Any]]] = {}
    forced: list[tuple[str, int, dict[str, Any]]] = []
    for line in lines:
        if line.get("force_new_line"):
            forced.append((line["variant_id"], line["quantity"], line))
            continue
        previous = merged.get(line["variant_id"])
        quantity = line["quantity"] + (previous[1] if previous else 0)
        merged[line["variant_id"]] = (line["variant_id"], quantity, line)
    return [*merged.values(), *forced]


def _clean_new_lines(
    checkout: Checkout | None, channel: Channel, lines: list[dict[str, Any]]
) -> list[tuple[ProductVariant, int, dict[str, Any]]]:
    for line in lines:
        _clean_quantity(line["quantity"])
    grouped = _merge_lines(lines)
    variants = variants_from_ids([variant_id for variant_id, _q, _l in grouped])
    validate_variants_in_channel(list({v.pk: v for v in variants}.values()), channel)
    totals: dict[ProductVariant, int] = defaultdict(int)
    if checkout is not None:
        for existing in checkout.lines.all():
            totals_key = next((v for v in variants if v.pk == existing.variant_id), None)
            if totals_key is not None:
                totals[totals_key] += existing.quantity
    for variant, (_gid, quantity, _line) in zip(variants, grouped, strict=True):
        totals[variant] += quantity
    validate_quantities(dict(totals), channel)
    return [
        (variant, quantity, line)
        for variant, (_gid, quantity, line) in zip(variants, grouped, strict=True)
    ]


def _add_lines(
    checkout: Checkout, cleaned: list[tuple[ProductVariant, int, dict[str, Any]]]
) -> None:
    existing = {line.variant_id: line for line in checkout.lines.all()}
    for variant, quantity, data in cleaned:
        line = existing.get(variant.pk)
        if line is not None and not data.get("force_new_line"):
            line.quantity += quantity
            line.save(update_fields=["quantity"])
            continue
        created = CheckoutLine.objects.create(
            checkout=checkout,
            variant=variant,
            quantity=quantity,
            price_override_amount=data.get("price"),
            metadata={item.key: item.value for item in data.get("metadata") or []},
        )
        existing[variant.pk] = created


def create_checkout(context: Any, data: dict[str, Any]) -> Checkout:
    channel = _clean_channel(data.get("channel"))
    cleaned_lines = _clean_new_lines(None, channel, list(data.get("lines") or []))
    email = clean_email(data.get("email"))
    shipping = data.get("shipping_address")
    billing = data.get("billing_address")
    shipping_address = save_address(shipping, "SHIPPING", None) if shipping else None
    billing_address = save_address(billing, "BILLING", None) if billing else None
    user = context.user if context.user is not None and not context.user.is_staff else None
    language = data.get("language_code")
    checkout = Checkout.objects.create(
        channel=channel,
        user=user,
        email=email or (user.email if user else None),
        currency=channel.currency_code,
        country=shipping_address.country if shipping_address else channel.default_country,
        language_code=(getattr(language, "value", language) or "EN").lower().replace("_", "-"),
        shipping_address=shipping_address,
        billing_address=billing_address,
        metadata={item.key: item.value for item in data.get("metadata") or []},
        private_metadata={item.key: item.value for item in data.get("private_metadata") or []},
    )
    _add_lines(checkout, cleaned_lines)
    trigger_async_event("CHECKOUT_CREATED", checkout, context)
    return checkout


def _touch(checkout: Checkout, context: Any) -> Checkout:
    checkout.save()
    trigger_async_event("CHECKOUT_UPDATED", checkout, context)
    return checkout


def _ensure_not_completed(checkout: Checkout) -> None:
    if checkout.completed_order_id is not None:
        raise mutation_error("id", "NOT_FOUND", f"Couldn't resolve to a node: {checkout.pk}")


def add_lines(context: Any, checkout: Checkout, lines: list[dict[str, Any]]) -> Checkout:
    _ensure_not_completed(checkout)
    cleaned = _clean_new_lines(checkout, checkout.channel, lines)
    _add_lines(checkout, cleaned)
    return _touch(checkout, context)


def update_lines(context: Any, checkout: Checkout, lines: list[dict[str, Any]]) -> Checkout:
    """`lineId` (or the deprecated `variantId`) with a new quantity; 0 deletes the line."""
    _ensure_not_completed(checkout)
    existing = {str(line.pk): line for line in checkout.lines.select_related("variant")}
    targets: list[tuple[CheckoutLine, dict[str, Any]]] = []
    for data in lines:
        if data.get("line_id"):
            _type, pk = from_global_id(data["line_id"], "CheckoutLine")
            line = existing.get(pk)
            if line is None:
                raise mutation_error(
                    "lineId", "NOT_FOUND", f"Couldn't resolve to a node: {data['line_id']}"
                )
        elif data.get("variant_id"):
            [variant] = variants_from_ids([data["variant_id"]])
            line = next((ln for ln in existing.values() if ln.variant_id == variant.pk), None)
            if line is None:
                raise mutation_error(
                    "variantId", "NOT_FOUND", f"Couldn't resolve to a node: {data['variant_id']}"
                )
        else:
            raise mutation_error(
                "lineId", "GRAPHQL_ERROR", "Field `lineId` or `variantId` is required."
            )
        if data.get("quantity") is not None:
            _clean_quantity(data["quantity"], allow_zero=True)
        targets.append((line, data))
    variants = [line.variant for line, _d in targets]
    validate_variants_in_channel(variants, checkout.channel)
    quantities = {
        line.variant: data["quantity"] if data.get("quantity") is not None else line.quantity
        for line, data in targets
    }
    validate_quantities(quantities, checkout.channel)
    for line, data in targets:
        if data.get("quantity") == 0:
            line.delete()
            continue
        if data.get("quantity") is not None:
            line.quantity = data["quantity"]
        if data.get("price") is not None:
            line.price_override_amount = data["price"]
        line.save()
    return _touch(checkout, context)


def delete_lines(context: Any, checkout: Checkout, line_ids: list[str]) -> Checkout:
    _ensure_not_completed(checkout)
    pks = [from_global_id(line_id, "CheckoutLine")[1] for line_id in line_ids]
    existing = {str(pk) for pk in checkout.lines.values_list("pk", flat=True)}
    if not set(pks) <= existing:
        raise mutation_error("lineId", "INVALID", "Provided line_ids aren't part of checkout.")
    checkout.lines.filter(pk__in=pks).delete()
    return _touch(checkout, context)


def update_email(context: Any, checkout: Checkout, email: str) -> Checkout:
    _ensure_not_completed(checkout)
    checkout.email = clean_email(email)
    return _touch(checkout, context)


def update_shipping_address(context: Any, checkout: Checkout, data: dict[str, Any]) -> Checkout:
    _ensure_not_completed(checkout)
    info = fetch_checkout_info(checkout)
    if not info.is_shipping_required:
        raise mutation_error(
            "shippingAddress",
            "SHIPPING_NOT_REQUIRED",
            "This checkout doesn't need shipping",
        )
    checkout.shipping_address = save_address(data, "SHIPPING", checkout.shipping_address)
    checkout.country = checkout.shipping_address.country
    return _touch(checkout, context)


def update_billing_address(context: Any, checkout: Checkout, data: dict[str, Any]) -> Checkout:
    _ensure_not_completed(checkout)
    checkout.billing_address = save_address(data, "BILLING", checkout.billing_address)
    return _touch(checkout, context)


def update_delivery_method(context: Any, checkout: Checkout, method_id: str | None) -> Checkout:
    _ensure_not_completed(checkout)
    if method_id is None:
        checkout.shipping_method = None
        return _touch(checkout, context)
    type_name, pk = from_global_id(method_id, field="deliveryMethodId")
    if type_name != "ShippingMethod":
        raise mutation_error(
            "deliveryMethodId", "INVALID", f"Invalid ID: {method_id}. Expected: ShippingMethod."
        )
    info = fetch_checkout_info(checkout)
    if not info.is_shipping_required:
        raise mutation_error(
            "deliveryMethodId", "SHIPPING_NOT_REQUIRED", "This checkout doesn't need shipping"
        )
    if checkout.shipping_address_id is None:
        raise mutation_error(
            "deliveryMethodId",
            "SHIPPING_ADDRESS_NOT_SET",
            "Cannot choose a shipping method for a checkout without the shipping address.",
        )
    method = next((m for m in info.shipping_methods if str(m.pk) == pk), None)
    if method is None:
        if not ShippingMethod.objects.filter(pk=pk if pk.isdigit() else 0).exists():
            raise mutation_error(
                "deliveryMethodId", "NOT_FOUND", f"Couldn't resolve to a node: {method_id}"
            )
        raise mutation_error(
            "deliveryMethodId",
            "DELIVERY_METHOD_NOT_APPLICABLE",
            "This shipping method is not applicable.",
        )
    checkout.shipping_method = method
    return _touch(checkout, context)
