"""A piece's provenance as the claim its certificate signs (pure: reads the instance and
its prefetched relations, writes nothing; no floats).

Keys follow `certificates/claims.py`: shares are decimal strings of the whole ("0.7"), with
the exact basis points beside them; texts shoppers read are objects by language."""

from decimal import Decimal
from typing import Any

from storefront_plugins.artisans.regions import Region, country_of
from storefront_plugins.provenance.materials import material_name
from storefront_plugins.provenance.models import (
    FULL_SHARE,
    Certification,
    ProductProvenance,
)

CLAIM_PREFETCH = (
    "contributions__artisan__certifications",
    "materials__collector",
    "custody_events",
    "certifications",
    "cooperative__certifications",
)


def share_as_decimal(basis_points: int) -> str:
    return format((Decimal(basis_points) / FULL_SHARE).normalize(), "f")


def _region_name(code: str) -> str:
    try:
        return str(Region(code).label)
    except ValueError:
        return code


def _texts(value: dict[str, str] | None) -> dict[str, str]:
    return {language: text for language, text in (value or {}).items() if text}


def _certification(certification: Certification) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "scheme": certification.scheme,
        "name": certification.name,
        "issuer": certification.issuer,
    }
    for key, value in (
        ("level", certification.level),
        ("number", certification.certificate_number),
        ("validFrom", certification.valid_from and certification.valid_from.isoformat()),
        ("validUntil", certification.valid_until and certification.valid_until.isoformat()),
    ):
        if value:
            entry[key] = value
    return entry


def applicable_certifications(provenance: ProductProvenance) -> list[Certification]:
    """The piece's own certifications, its cooperative's, then its artisans'."""
    result = list(provenance.certifications.all())
    result += list(provenance.cooperative.certifications.all())
    for contribution in provenance.contributions.all():
        result += list(contribution.artisan.certifications.all())
    return result


def build_claim(provenance: ProductProvenance) -> dict[str, Any]:
    cooperative = provenance.cooperative
    claim: dict[str, Any] = {"productId": provenance.saleor_product_id}
    if provenance.saleor_variant_id:
        claim["variantId"] = provenance.saleor_variant_id
    if provenance.gtin:
        claim["gtin"] = provenance.gtin
    claim["artisans"] = [
        {
            "slug": c.artisan.slug,
            "name": c.artisan.name,
            "role": c.role,
            "share": share_as_decimal(c.share),
            "shareBasisPoints": c.share,
        }
        for c in provenance.contributions.all()
    ]
    claim["cooperative"] = {
        "slug": cooperative.slug,
        "name": cooperative.name,
        "city": cooperative.city,
        "region": _region_name(cooperative.region),
    }
    if cooperative.ice:
        claim["cooperative"]["ice"] = cooperative.ice
    if provenance.workshop:
        claim["workshop"] = {
            "name": provenance.workshop,
            "city": cooperative.city,
            "region": _region_name(cooperative.region),
            "country": country_of(cooperative.region),
        }
    if _texts(provenance.technique):
        claim["technique"] = _texts(provenance.technique)
    claim["materials"] = [_material(m) for m in provenance.materials.all()]
    if provenance.made_on:
        claim["madeOn"] = provenance.made_on.isoformat()
    if provenance.time_to_make_hours:
        hours = provenance.time_to_make_hours
        claim["timeToMake"] = {"fr": f"{hours} h", "ar": f"{hours} ساعة", "en": f"{hours} h"}
    if provenance.quality_result:
        check: dict[str, Any] = {
            "by": _quality_checker(provenance),
            "result": provenance.quality_result,
        }
        if provenance.quality_checked_on:
            check["on"] = provenance.quality_checked_on.isoformat()
        if _texts(provenance.quality_notes):
            check["notes"] = _texts(provenance.quality_notes)
        claim["qualityCheck"] = check
    claim["certifications"] = [_certification(c) for c in applicable_certifications(provenance)]
    claim["custody"] = [
        {
            "bizStep": e.biz_step,
            "eventTime": e.event_time.isoformat().replace("+00:00", "Z"),
            "readPoint": e.read_point,
            **({"city": e.city} if e.city else {}),
        }
        for e in provenance.custody_events.all()
    ]
    eu_safety = _eu_safety(provenance)
    if eu_safety:
        claim["euSafety"] = eu_safety
    return claim


def _material(use: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": use.material, "name": material_name(use.material).to_json()}
    if use.lot_code:
        entry["lot"] = use.lot_code
    if use.quantity:
        entry["quantity"] = use.quantity
    if use.origin_region:
        entry["origin"] = use.origin_region
    if use.collector is not None:
        entry["collector"] = {"name": use.collector.name, "slug": use.collector.slug}
    return entry


def _quality_checker(provenance: ProductProvenance) -> str:
    checker = provenance.quality_checked_by
    if checker is not None:
        return checker.artisan.name
    return provenance.quality_checked_by_name or provenance.cooperative.name


def _eu_safety(provenance: ProductProvenance) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, prefix in (
        ("manufacturer", "eu_manufacturer"),
        ("responsiblePerson", "eu_responsible_person"),
    ):
        party = {
            part: getattr(provenance, f"{prefix}_{part}")
            for part in ("name", "address", "email")
            if getattr(provenance, f"{prefix}_{part}")
        }
        if party:
            result[key] = party
    return result
