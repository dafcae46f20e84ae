"""Saleor's enums, with Saleor's names and (a subset of) its values."""

import graphene
from django_countries.data import COUNTRIES

from saleor_sandbox.permissions import ALL_PERMISSIONS, PERMISSION_NAMES


def saleor_enum(
    name: str, values: list[str], description: str | None = None
) -> type[graphene.Enum]:
    """A graphene enum whose GraphQL names and Python values are Saleor's names."""
    return graphene.Enum(name, [(value, value) for value in values], description=description)


PermissionEnum = saleor_enum("PermissionEnum", ALL_PERMISSIONS)
CountryCode = saleor_enum("CountryCode", sorted(COUNTRIES))
LanguageCodeEnum = saleor_enum(
    "LanguageCodeEnum",
    [
        "AR",
        "AR_DZ",
        "AR_MA",
        "AR_TN",
        "DE",
        "EN",
        "EN_GB",
        "EN_US",
        "ES",
        "FR",
        "FR_BE",
        "FR_FR",
        "FR_MA",
        "IT",
        "NL",
    ],
)
WeightUnitsEnum = saleor_enum("WeightUnitsEnum", ["G", "LB", "OZ", "KG", "TONNE"])

__all__ = [
    "PERMISSION_NAMES",
    "CountryCode",
    "LanguageCodeEnum",
    "PermissionEnum",
    "WeightUnitsEnum",
    "saleor_enum",
]
