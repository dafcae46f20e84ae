"""Money as Saleor shows it: a Decimal amount with its currency (Float on the wire, as in
Saleor's schema), plus the integer fractional amount."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import graphene

# ISO 4217 minor units for the currencies the sandbox sells in; 2 for the others.
FRACTION_DIGITS = {"BHD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "OMR": 3, "TND": 3}


def fraction_digits(currency: str) -> int:
    return FRACTION_DIGITS.get(currency.upper(), 2)


def quantize(amount: Decimal, currency: str) -> Decimal:
    exponent = Decimal(1).scaleb(-fraction_digits(currency))
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MoneyValue:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class TaxedMoneyValue:
    net: MoneyValue
    gross: MoneyValue

    @property
    def currency(self) -> str:
        return self.gross.currency

    @property
    def tax(self) -> MoneyValue:
        return MoneyValue(self.gross.amount - self.net.amount, self.currency)

    @classmethod
    def untaxed(cls, amount: Decimal, currency: str) -> "TaxedMoneyValue":
        money = MoneyValue(amount, currency)
        return cls(net=money, gross=money)


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
