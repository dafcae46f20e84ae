"""GraphQL inputs as the services' dataclasses."""

from collections.abc import Mapping
from typing import Any

from storefront_plugins.artisans.graphql.input_values import changes_from_input, plain
from storefront_plugins.core.graphql.ids import pk_from_global_id
from storefront_plugins.core.graphql.translations import translated_text_from_input
from storefront_plugins.provenance import services

TRANSLATED = frozenset({"technique", "quality_notes"})
RELATED = frozenset({"contributions", "materials", "quality_checked_by"})
CREATE_ONLY = frozenset({"saleor_product_id", "saleor_variant_id", "cooperative"})


def provenance_input(data: Mapping[str, Any]) -> services.ProvenanceInput:
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name in RELATED | CREATE_ONLY:
            continue
        if name in TRANSLATED and value is not None:
            changes[name] = translated_text_from_input(value)
        else:
            changes[name] = plain(value)
    contributions = data.get("contributions")
    materials = data.get("materials")
    checker = data.get("quality_checked_by")
    return services.ProvenanceInput(
        changes=changes,
        contributions=None
        if contributions is None
        else [
            services.ContributionInput(
                artisan_id=pk_from_global_id(c["artisan"], "Artisan"),
                share=c["share"],
                role=plain(c.get("role")) or "made",
            )
            for c in contributions
        ],
        materials=None
        if materials is None
        else [
            services.MaterialInput(
                material=plain(m["material"]),
                lot_code=m.get("lot_code") or "",
                quantity=m.get("quantity") or "",
                collector_id=pk_from_global_id(m["collector"], "Collector")
                if m.get("collector")
                else None,
                origin_region=m.get("origin_region") or "",
            )
            for m in materials
        ],
        quality_checked_by_artisan_id=pk_from_global_id(checker, "Artisan") if checker else None,
    )


def custody_event_input(data: Mapping[str, Any]) -> services.CustodyEventInput:
    corrects = data.get("corrects")
    return services.CustodyEventInput(
        event_time=data["event_time"],
        biz_step=plain(data["biz_step"]),
        disposition=plain(data.get("disposition")) or "",
        read_point=data["read_point"],
        city=data.get("city") or "",
        region=data.get("region") or "",
        biz_location=data.get("biz_location") or "",
        note=data.get("note") or "",
        corrects_id=pk_from_global_id(corrects, "CustodyEvent") if corrects else None,
    )


def certification_changes(data: Mapping[str, Any]) -> dict[str, Any]:
    return changes_from_input(
        data, exclude=frozenset({"cooperative", "artisan", "product_provenance"})
    )


def certification_holder(data: Mapping[str, Any]) -> services.CertificationHolder:
    def pk(name: str, type_name: str) -> int | None:
        value = data.get(name)
        return pk_from_global_id(value, type_name) if value else None

    return services.CertificationHolder(
        cooperative_id=pk("cooperative", "Cooperative"),
        artisan_id=pk("artisan", "Artisan"),
        provenance_id=pk("product_provenance", "ProductProvenance"),
    )
