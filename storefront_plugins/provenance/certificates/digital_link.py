"""Stable URLs in the style of GS1 Digital Link for certificate QR codes (pure).

`https://souk.example/01/<GTIN-14>/21/<serial>` when the product has a GTIN (AI 01, AI 21
serial number), else `https://souk.example/p/<Saleor product id>/21/<serial>`. Both
resolve to the certificate's verification page.
"""

from urllib.parse import quote


class InvalidGTIN(ValueError):
    pass


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit of a GTIN's digits before the check digit."""
    total = sum(
        int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body))
    )
    return (10 - total % 10) % 10


def normalize_gtin(gtin: str) -> str:
    """A GTIN-8, -12, -13 or -14 as the 14 digits Digital Link uses, its check digit checked."""
    digits = gtin.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise InvalidGTIN(f"{gtin!r} is not a GTIN-8, -12, -13 or -14.")
    if gtin_check_digit(digits[:-1]) != int(digits[-1]):
        raise InvalidGTIN(f"{gtin!r} has a wrong check digit.")
    return digits.zfill(14)


def digital_link_url(base_url: str, *, serial: str, product_id: str, gtin: str = "") -> str:
    base = base_url.rstrip("/")
    if gtin:
        return f"{base}/01/{normalize_gtin(gtin)}/21/{serial}"
    return f"{base}/p/{quote(product_id, safe='=')}/21/{serial}"
