"""Money as Saleor shows it: `Money` (a Float amount on the wire, as in Saleor's schema,
plus the integer fractional amount) and `TaxedMoney`."""

import graphene

from saleor_sandbox.money import MoneyValue, TaxedMoneyValue, fraction_digits, quantize

__all__ = ["Money", "MoneyValue", "TaxedMoney", "TaxedMoneyValue", "fraction_digits", "quantize"]


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money.")
    fractional_amount = graphene.Int(required=True)
    fraction_digits = graphene.Int(required=True)

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    def resolve_amount(root: MoneyValue, _info: object) -> float:
        return float(quantize(root.amount, root.currency))

    @staticmethod
    def resolve_fractional_amount(root: MoneyValue, _info: object) -> int:
        return int(quantize(root.amount, root.currency).scaleb(fraction_digits(root.currency)))

    @staticmethod
    def resolve_fraction_digits(root: MoneyValue, _info: object) -> int:
        return fraction_digits(root.currency)


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)

    class Meta:
        description = "Represents a monetary value with taxes. In cases where taxes were not applicable, net and gross values will be equal."
