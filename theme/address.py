"""The checkout's contact form: read, checked, turned into Saleor's AddressInput (pure)."""

import re
from dataclasses import dataclass, field
from typing import Any

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
REQUIRED = ("email", "first_name", "last_name", "street", "city", "postal_code", "country")
OPTIONAL = ("street2", "phone")
# Where the cooperatives ship: Morocco, Algeria, and the diaspora's countries.
COUNTRIES = ("MA", "DZ", "TN", "FR", "BE", "ES", "DE", "NL", "IT", "GB", "US", "CA")
COUNTRY_NAMES = {
    "fr": {"MA": "Maroc", "DZ": "Algérie", "TN": "Tunisie", "FR": "France", "BE": "Belgique",
           "ES": "Espagne", "DE": "Allemagne", "NL": "Pays-Bas", "IT": "Italie",
           "GB": "Royaume-Uni", "US": "États-Unis", "CA": "Canada"},
    "ar": {"MA": "المغرب", "DZ": "الجزائر", "TN": "تونس", "FR": "فرنسا", "BE": "بلجيكا",
           "ES": "إسبانيا", "DE": "ألمانيا", "NL": "هولندا", "IT": "إيطاليا",
           "GB": "المملكة المتحدة", "US": "الولايات المتحدة", "CA": "كندا"},
    "en": {"MA": "Morocco", "DZ": "Algeria", "TN": "Tunisia", "FR": "France", "BE": "Belgium",
           "ES": "Spain", "DE": "Germany", "NL": "Netherlands", "IT": "Italy",
           "GB": "United Kingdom", "US": "United States", "CA": "Canada"},
}  # fmt: skip
SALEOR_FIELDS = {
    "first_name": "firstName",
    "last_name": "lastName",
    "street": "streetAddress1",
    "street2": "streetAddress2",
    "city": "city",
    "postal_code": "postalCode",
    "country": "country",
    "phone": "phone",
}


@dataclass(frozen=True)
class ContactForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)  # field -> text key

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def email(self) -> str:
        return self.values["email"]

    def saleor_address(self) -> dict[str, Any]:
        return {
            saleor: self.values[name]
            for name, saleor in SALEOR_FIELDS.items()
            if self.values.get(name)
        }


def read_contact_form(data: Any) -> ContactForm:
    values = {name: str(data.get(name, "")).strip()[:256] for name in REQUIRED + OPTIONAL}
    values["country"] = values["country"].upper()
    errors = {name: "field_required" for name in REQUIRED if not values[name]}
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        errors["email"] = "invalid_email"
    if values["country"] and values["country"] not in COUNTRIES:
        errors["country"] = "field_required"
    return ContactForm(values, errors)


def form_from_checkout(checkout: dict[str, Any]) -> dict[str, str]:
    """The form's values from what the checkout already holds."""
    address = checkout.get("shippingAddress") or {}
    values = {name: str(address.get(saleor) or "") for name, saleor in SALEOR_FIELDS.items()}
    values["country"] = str((address.get("country") or {}).get("code") or "")
    values["email"] = str(checkout.get("email") or "")
    return values
