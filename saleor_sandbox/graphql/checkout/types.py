"""Checkout, its lines and addresses, as Saleor's types. Prices come from one
`CheckoutInfo` per checkout and request (`checkout_info` below)."""

from typing import Any

import graphene
from django_countries import countries

from saleor_sandbox.graphql.catalogue.types import ProductVariant
from saleor_sandbox.graphql.channels.types import (
    Channel,
    CountryDisplay,
    ShippingMethod,
    Warehouse,
)
from saleor_sandbox.graphql.core.enums import LanguageCodeEnum, saleor_enum
from saleor_sandbox.graphql.core.metadata import ObjectWithMetadata
from saleor_sandbox.graphql.core.money import Money, MoneyValue, TaxedMoney, TaxedMoneyValue
from saleor_sandbox.graphql.core.nodes import register_node, to_global_id
from saleor_sandbox.models import Address as AddressModel
from saleor_sandbox.models import Checkout as CheckoutModel
from saleor_sandbox.models import CheckoutLine as CheckoutLineModel
from saleor_sandbox.models import TransactionItem as TransactionItemModel
from saleor_sandbox.permissions import has_any_permission
from saleor_sandbox.services.checkout import CheckoutInfo, LineInfo, fetch_checkout_info
from saleor_sandbox.services.payment_gateways import DUMMY_GATEWAY_ID, DUMMY_GATEWAY_NAME

CheckoutErrorCode = saleor_enum(
    "CheckoutErrorCode",
    [
        "BILLING_ADDRESS_NOT_SET",
        "CHECKOUT_NOT_FULLY_PAID",
        "GRAPHQL_ERROR",
        "PRODUCT_NOT_PUBLISHED",
        "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
        "INSUFFICIENT_STOCK",
        "INVALID",
        "INVALID_SHIPPING_METHOD",
        "NOT_FOUND",
        "PAYMENT_ERROR",
        "QUANTITY_GREATER_THAN_LIMIT",
        "REQUIRED",
        "SHIPPING_ADDRESS_NOT_SET",
        "SHIPPING_METHOD_NOT_APPLICABLE",
        "DELIVERY_METHOD_NOT_APPLICABLE",
        "SHIPPING_METHOD_NOT_SET",
        "SHIPPING_NOT_REQUIRED",
        "TAX_ERROR",
        "UNIQUE",
        "ZERO_QUANTITY",
        "MISSING_CHANNEL_SLUG",
        "CHANNEL_INACTIVE",
        "UNAVAILABLE_VARIANT_IN_CHANNEL",
        "EMAIL_NOT_SET",
        "NO_LINES",
        "INACTIVE_PAYMENT",
        "MISSING_ADDRESS_DATA",
    ],
)
AddressTypeEnum = saleor_enum("AddressTypeEnum", ["BILLING", "SHIPPING"])
CheckoutChargeStatusEnum = saleor_enum(
    "CheckoutChargeStatusEnum", ["NONE", "PARTIAL", "FULL", "OVERCHARGED"]
)
CheckoutAuthorizeStatusEnum = saleor_enum(
    "CheckoutAuthorizeStatusEnum", ["NONE", "PARTIAL", "FULL"]
)


class CheckoutError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = CheckoutErrorCode(required=True)
    variants = graphene.List(graphene.NonNull(graphene.ID))
    lines = graphene.List(graphene.NonNull(graphene.ID))
    address_type = AddressTypeEnum()


class Address(graphene.ObjectType):
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True)
    phone = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, AddressModel)

    @staticmethod
    def resolve_country(root: AddressModel, _info: Any) -> CountryDisplay:
        return CountryDisplay(code=root.country, country=str(countries.name(root.country)))

    @staticmethod
    def resolve_metadata(root: AddressModel, _info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_private_metadata(root: AddressModel, _info: Any) -> list[Any]:
        return []


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True)
    id = graphene.ID(required=True)
    config = graphene.List(graphene.NonNull(GatewayConfigLine), required=True)
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)


def checkout_info(info: Any, checkout: CheckoutModel) -> CheckoutInfo:
    """One CheckoutInfo per checkout and request (or webhook payload)."""
    key = f"checkout_info:{checkout.pk}"
    cached: CheckoutInfo | None = info.context.loaders.get(key)
    if cached is None:
        cached = fetch_checkout_info(checkout)
        info.context.loaders[key] = cached
    return cached


def _line_info(info: Any, line: CheckoutLineModel) -> LineInfo:
    data = checkout_info(info, line.checkout)
    return next(i for i in data.lines if i.line.pk == line.pk)


def _taxed(amount: Any, currency: str) -> TaxedMoneyValue:
    return TaxedMoneyValue.untaxed(amount, currency)


class CheckoutLine(graphene.ObjectType):
    variant = graphene.Field(ProductVariant, required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(Money, required=True)
    requires_shipping = graphene.Boolean(required=True)
    is_gift = graphene.Boolean()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, CheckoutLineModel)

    @staticmethod
    def resolve_id(root: CheckoutLineModel, _info: Any) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_unit_price(root: CheckoutLineModel, info: Any) -> TaxedMoneyValue:
        return _taxed(_line_info(info, root).unit_price, root.checkout.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: CheckoutLineModel, info: Any) -> MoneyValue:
        return MoneyValue(_line_info(info, root).undiscounted_unit_price, root.checkout.currency)

    @staticmethod
    def resolve_total_price(root: CheckoutLineModel, info: Any) -> TaxedMoneyValue:
        return _taxed(_line_info(info, root).total_price, root.checkout.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root: CheckoutLineModel, info: Any) -> MoneyValue:
        return MoneyValue(_line_info(info, root).total_price, root.checkout.currency)

    @staticmethod
    def resolve_requires_shipping(root: CheckoutLineModel, info: Any) -> bool:
        return _line_info(info, root).requires_shipping

    @staticmethod
    def resolve_is_gift(root: CheckoutLineModel, _info: Any) -> bool:
        return False


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)


class Checkout(graphene.ObjectType):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    channel = graphene.Field(Channel, required=True)
    billing_address = graphene.Field(Address)
    shipping_address = graphene.Field(Address)
    customer_note = graphene.String(required=True)
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        deprecation_reason="Use `shippingMethods` instead.",
    )
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway),
        required=True,
        deprecation_reason="The legacy Payments API is deprecated and will be removed. Use the Transactions API instead.",
    )
    email = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `delivery` instead.")
    delivery_method = graphene.Field(DeliveryMethod, deprecation_reason="Use `delivery` instead.")
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    tax_exemption = graphene.Boolean(required=True)
    token = graphene.UUID(required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    total_balance = graphene.Field(Money, required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    transactions = graphene.List(
        graphene.NonNull("saleor_sandbox.graphql.payments.types.TransactionItem")
    )
    display_gross_prices = graphene.Boolean(required=True)
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True)
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: object, _info: object) -> bool:
        return isinstance(root, CheckoutModel)

    @staticmethod
    def resolve_id(root: CheckoutModel, _info: Any) -> str:
        return str(root.token)

    @staticmethod
    def resolve_created(root: CheckoutModel, _info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_last_change(root: CheckoutModel, _info: Any) -> Any:
        return root.last_change

    @staticmethod
    def resolve_customer_note(root: CheckoutModel, _info: Any) -> str:
        return root.note

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info: Any) -> list[Any]:
        return checkout_info(info, root).shipping_methods

    @staticmethod
    def resolve_available_shipping_methods(root: CheckoutModel, info: Any) -> list[Any]:
        return checkout_info(info, root).shipping_methods

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, _info: Any) -> list[Any]:
        return [
            PaymentGateway(
                id=DUMMY_GATEWAY_ID, name=DUMMY_GATEWAY_NAME, config=[], currencies=[root.currency]
            )
        ]

    @staticmethod
    def resolve_is_shipping_required(root: CheckoutModel, info: Any) -> bool:
        return checkout_info(info, root).is_shipping_required

    @staticmethod
    def resolve_quantity(root: CheckoutModel, info: Any) -> int:
        return sum(line.line.quantity for line in checkout_info(info, root).lines)

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: Any) -> list[CheckoutLineModel]:
        return [line.line for line in checkout_info(info, root).lines]

    @staticmethod
    def resolve_shipping_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return _taxed(checkout_info(info, root).totals.shipping, root.currency)

    @staticmethod
    def resolve_shipping_method(root: CheckoutModel, info: Any) -> Any:
        data = checkout_info(info, root)
        if not data.is_shipping_required or root.shipping_method_id is None:
            return None
        chosen = next((m for m in data.shipping_methods if m.pk == root.shipping_method_id), None)
        return chosen or root.shipping_method

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info: Any) -> Any:
        return Checkout.resolve_shipping_method(root, info)

    @staticmethod
    def resolve_subtotal_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return _taxed(checkout_info(info, root).totals.subtotal, root.currency)

    @staticmethod
    def resolve_tax_exemption(root: CheckoutModel, _info: Any) -> bool:
        return False

    @staticmethod
    def resolve_total_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return _taxed(checkout_info(info, root).totals.total, root.currency)

    @staticmethod
    def resolve_total_balance(root: CheckoutModel, info: Any) -> MoneyValue:
        return MoneyValue(checkout_info(info, root).total_balance, root.currency)

    @staticmethod
    def resolve_language_code(root: CheckoutModel, _info: Any) -> str:
        return root.language_code.upper().replace("-", "_")

    @staticmethod
    def resolve_transactions(root: CheckoutModel, info: Any) -> list[TransactionItemModel]:
        """Saleor: requires MANAGE_CHECKOUTS or HANDLE_PAYMENTS; null otherwise."""
        if not has_any_permission(info.context, ["MANAGE_CHECKOUTS", "HANDLE_PAYMENTS"]):
            from saleor_sandbox.errors import PermissionDenied

            raise PermissionDenied(["MANAGE_CHECKOUTS", "HANDLE_PAYMENTS"])
        return list(TransactionItemModel.objects.filter(checkout=root).order_by("created_at"))

    @staticmethod
    def resolve_display_gross_prices(root: CheckoutModel, _info: Any) -> bool:
        return True

    @staticmethod
    def resolve_authorize_status(root: CheckoutModel, info: Any) -> str:
        return checkout_info(info, root).authorize_status

    @staticmethod
    def resolve_charge_status(root: CheckoutModel, info: Any) -> str:
        return checkout_info(info, root).charge_status


def checkout_global_id(checkout: CheckoutModel) -> str:
    return to_global_id("Checkout", checkout.token)


register_node("Checkout", CheckoutModel, "MANAGE_CHECKOUTS")
register_node("CheckoutLine", CheckoutLineModel, "MANAGE_CHECKOUTS")
register_node("Address", AddressModel, "MANAGE_USERS")
