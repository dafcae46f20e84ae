"""Money as the sandbox keeps it: a Decimal amount with its currency, rounded per currency."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
