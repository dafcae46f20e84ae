"""Checkout queries and mutations; each mutation parses input and calls one service."""

from typing import Any
from uuid import UUID

import graphene

from saleor_sandbox.errors import MutationErrors
from saleor_sandbox.graphql.checkout.types import Checkout, CheckoutError
from saleor_sandbox.graphql.core.enums import CountryCode, LanguageCodeEnum
from saleor_sandbox.graphql.core.metadata import MetadataInput
from saleor_sandbox.graphql.core.mutations import SaleorMutation, errors_field
from saleor_sandbox.graphql.core.scalars import PositiveDecimal
from saleor_sandbox.models import Checkout as CheckoutModel
from saleor_sandbox.services import checkout as checkout_services
from saleor_sandbox.services.checkout_complete import complete_checkout


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address_1 = graphene.String()
    street_address_2 = graphene.String()
    city = graphene.String()
    city_area = graphene.String()
    postal_code = graphene.String()
    country = CountryCode()
    country_area = graphene.String()
    phone = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    skip_validation = graphene.Boolean(default_value=False)


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)
    price = PositiveDecimal()
    force_new_line = graphene.Boolean(default_value=False)
    metadata = graphene.List(graphene.NonNull(MetadataInput))


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId` instead.")
    quantity = graphene.Int()
    price = PositiveDecimal()
    line_id = graphene.ID()
    metadata = graphene.List(graphene.NonNull(MetadataInput))


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    shipping_address = AddressInput()
    billing_address = AddressInput()
    language_code = LanguageCodeEnum()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))


class CheckoutMutation(SaleorMutation):
    """Checkout mutations report errors in `errors` and the deprecated `checkoutErrors`."""

    class Meta:
        abstract = True

    error_type = CheckoutError

    legacy_errors_attribute = "checkout_errors"

    @classmethod
    def target_checkout(cls, arguments: dict[str, Any]) -> CheckoutModel:
        return checkout_services.checkout_by_id_or_token(
            arguments.get("id") or arguments.get("checkout_id"),
            arguments.get("token"),
            lock=True,
        )


def _checkout_errors() -> graphene.List:
    return graphene.List(
        graphene.NonNull(CheckoutError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )


def _target_arguments(deprecated_checkout_id: bool = True) -> dict[str, Any]:
    arguments: dict[str, Any] = {"id": graphene.ID(), "token": graphene.UUID()}
    if deprecated_checkout_id:
        arguments["checkout_id"] = graphene.ID(deprecation_reason="Use `id` instead.")
    return arguments


class CheckoutCreate(CheckoutMutation):
    created = graphene.Boolean(deprecation_reason="Always returns `true`.")
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)
    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(required=True)

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.create_checkout(info.context, arguments["input"])
        return {"checkout": checkout, "created": True}


class CheckoutLinesAdd(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {
            **_target_arguments(),
            "lines": graphene.List(graphene.NonNull(CheckoutLineInput), required=True),
        },
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.add_lines(
            info.context, cls.target_checkout(arguments), arguments["lines"]
        )
        return {"checkout": checkout}


class CheckoutLinesUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {
            **_target_arguments(),
            "lines": graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True),
        },
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.update_lines(
            info.context, cls.target_checkout(arguments), arguments["lines"]
        )
        return {"checkout": checkout}


class CheckoutLinesDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {
            **_target_arguments(deprecated_checkout_id=False),
            "lines_ids": graphene.List(graphene.NonNull(graphene.ID), required=True),
        },
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.delete_lines(
            info.context, cls.target_checkout(arguments), arguments["lines_ids"]
        )
        return {"checkout": checkout}


class CheckoutEmailUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments", (), {**_target_arguments(), "email": graphene.String(required=True)}
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.update_email(
            info.context, cls.target_checkout(arguments), arguments["email"]
        )
        return {"checkout": checkout}


class CheckoutShippingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {**_target_arguments(), "shipping_address": AddressInput(required=True)},
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.update_shipping_address(
            info.context, cls.target_checkout(arguments), arguments["shipping_address"]
        )
        return {"checkout": checkout}


class CheckoutBillingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {**_target_arguments(), "billing_address": AddressInput(required=True)},
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.update_billing_address(
            info.context, cls.target_checkout(arguments), arguments["billing_address"]
        )
        return {"checkout": checkout}


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {**_target_arguments(deprecated_checkout_id=False), "delivery_method_id": graphene.ID()},
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        checkout = checkout_services.update_delivery_method(
            info.context, cls.target_checkout(arguments), arguments.get("delivery_method_id")
        )
        return {"checkout": checkout}


class CheckoutComplete(CheckoutMutation):
    order = graphene.Field("saleor_sandbox.graphql.orders.types.Order")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()
    checkout_errors = _checkout_errors()
    errors = errors_field(CheckoutError)

    Arguments = type(
        "Arguments",
        (),
        {
            **_target_arguments(),
            "redirect_url": graphene.String(),
            "payment_data": graphene.JSONString(),
            "store_source": graphene.Boolean(),
            "metadata": graphene.List(graphene.NonNull(MetadataInput)),
        },
    )

    @classmethod
    def perform(cls, info: Any, **arguments: Any) -> dict[str, Any]:
        order = complete_checkout(
            info.context, cls.target_checkout(arguments), arguments.get("redirect_url")
        )
        return {"order": order, "confirmation_needed": False, "confirmation_data": None}

    @classmethod
    def mutate(cls, _root: Any, info: Any, **arguments: Any) -> Any:
        payload = super().mutate(_root, info, **arguments)
        if payload.errors:
            payload.confirmation_needed = False
        return payload


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(Checkout, id=graphene.ID(), token=graphene.UUID())

    @staticmethod
    def resolve_checkout(
        _root: Any, _info: Any, id: str | None = None, token: UUID | None = None
    ) -> CheckoutModel | None:
        try:
            return checkout_services.checkout_by_id_or_token(id, token)
        except MutationErrors:
            return None


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_complete = CheckoutComplete.Field()
