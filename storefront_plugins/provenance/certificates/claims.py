"""What a provenance claim must hold to be certified (pure).

A claim is a JSON object; these keys are read, every other key is signed as given:

    productId (Saleor product id, required), variantId, gtin,
    artisans [{name, slug, share}], cooperative {name, slug, city, region},
    workshop {name, city, region, country}, technique, materials [{name, lot, collector}],
    madeOn (YYYY-MM-DD), timeToMake, qualityCheck {by, on, result}, certifications
    [{name, level, issuer, validUntil}], euSafety {manufacturer, responsiblePerson}

Texts shoppers read may be a string or an object by language: {"fr": …, "ar": …, "en": …}.
"""

from dataclasses import dataclass
from typing import Any

from storefront_plugins.provenance.certificates.canonical import (
    CanonicalizationError,
    check_canonicalizable,
)
from storefront_plugins.provenance.certificates.digital_link import InvalidGTIN, normalize_gtin


class InvalidClaim(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ClaimSubject:
    product_id: str
    variant_id: str
    gtin: str


def validate_claim(claim: Any) -> ClaimSubject:
    if not isinstance(claim, dict):
        raise InvalidClaim("claim", "a claim is a JSON object.")
    try:
        check_canonicalizable(claim)
    except CanonicalizationError as error:
        raise InvalidClaim(error.path, str(error)) from error
    product_id = claim.get("productId")
    if not isinstance(product_id, str) or not product_id.strip():
        raise InvalidClaim("productId", "the Saleor product id is required.")
    variant_id = claim.get("variantId") or ""
    if not isinstance(variant_id, str):
        raise InvalidClaim("variantId", "the Saleor variant id is a string.")
    gtin = claim.get("gtin") or ""
    if not isinstance(gtin, str):
        raise InvalidClaim("gtin", "the GTIN is a string of digits.")
    if gtin:
        try:
            gtin = normalize_gtin(gtin)
        except InvalidGTIN as error:
            raise InvalidClaim("gtin", str(error)) from error
    for index, artisan in enumerate(claim.get("artisans") or []):
        share = artisan.get("share") if isinstance(artisan, dict) else None
        if share is not None and not isinstance(share, str | int):
            raise InvalidClaim(f"artisans[{index}].share", "a share is a string or an integer.")
    return ClaimSubject(product_id=product_id, variant_id=variant_id, gtin=gtin)
