"""Where Stripe Connect accounts can be created: data, not code.

Stripe's global availability list (https://stripe.com/global): the countries whose
businesses and individuals can hold a Stripe account. Morocco (MA) and Algeria (DZ) are not
on it, so Moroccan and Algerian artisans are paid through the manual rails (bank, cash,
mobile transfers); export cooperatives and diaspora artisans established in, say, France or
Spain can be paid through Stripe Connect.
"""

STRIPE_CONNECT_COUNTRIES: frozenset[str] = frozenset(
    {
        "AE", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
        "FI", "FR", "GB", "GI", "GR", "HK", "HR", "HU", "IE", "IT", "JP", "LI", "LT", "LU",
        "LV", "MT", "MX", "MY", "NL", "NO", "NZ", "PL", "PT", "RO", "SE", "SG", "SI", "SK",
        "TH", "US",
    }
)  # fmt: skip


def stripe_connect_available_in(country: str) -> bool:
    return country.upper() in STRIPE_CONNECT_COUNTRIES
