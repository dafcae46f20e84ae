"""Provenance mutations: validation errors (nothing written), append-only custody, the
certificate issued on publish and superseded on change, translations."""

import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance.models import Certificate, CustodyEvent, ProductProvenance
from storefront_plugins.provenance.services import provenance_summary
from tests.app.graphql_client import graphql

CREATE = """
mutation($input: ProductProvenanceCreateInput!) {
  productProvenanceCreate(input: $input) {
    productProvenance { saleorProductId contributions { share role artisan { slug } } }
    errors { field code message }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: ProductProvenanceInput!) {
  productProvenanceUpdate(id: $id, input: $input) {
    productProvenance { technique(language: AR) techniqueTranslations { fr ar en } }
    certificate { serial status }
    errors { field code }
  }
}
"""
PUBLISH = """
mutation($id: ID!) {
  productProvenancePublish(id: $id) {
    productProvenance { isPublished }
    certificate { serial url qrUrl status }
    errors { field code }
  }
}
"""
RECORD = """
mutation($id: ID!, $input: CustodyEventInput!) {
  custodyEventRecord(productProvenanceId: $id, input: $input) {
    custodyEvent { id bizStep eventTime }
    errors { field code }
  }
}
"""


def _pk(model: Any, slug: str) -> str:
    return to_global_id(model.__name__, model.objects.get(slug=slug).pk)


def _create_input(**overrides: Any) -> dict[str, Any]:
    return {
        "saleorProductId": "UHJvZHVjdDoxMDA=",
        "cooperative": _pk(Cooperative, "cooperative-safi"),
        "madeOn": "2025-02-01",
        "contributions": [
            {"artisan": _pk(Artisan, "mohamed-serghini"), "share": 7000, "role": "THROWN"},
            {"artisan": _pk(Artisan, "khadija-ouazzani"), "share": 3000, "role": "PAINTED"},
        ],
        **overrides,
    }


def test_a_manager_records_a_piece_made_by_two_artisans(
    api_client: Client, tokens: dict[str, str | None]
) -> None:
    # when
    result = graphql(api_client, CREATE, {"input": _create_input()}, token=tokens["manager"])
    # then
    payload = result["data"]["productProvenanceCreate"]
    assert payload["errors"] == []
    assert payload["productProvenance"]["contributions"] == [
        {"share": 7000, "role": "THROWN", "artisan": {"slug": "mohamed-serghini"}},
        {"share": 3000, "role": "PAINTED", "artisan": {"slug": "khadija-ouazzani"}},
    ]


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"contributions": "shares_90"},
            [("contributions", "SHARES_NOT_FULL")],
        ),
        ({"contributions": "unknown_artisan"}, [("contributions", "NOT_FOUND")]),
        ({"contributions": "not_a_member"}, [("contributions", "NOT_A_MEMBER")]),
        ({"contributions": "twice"}, [("contributions", "DUPLICATE_ARTISAN")]),
        ({"contributions": []}, [("contributions", "REQUIRED")]),
        ({"madeOn": "2999-01-01"}, [("madeOn", "INVALID_DATE")]),
        (
            {"madeOn": "2025-02-01", "qualityCheckedOn": "2025-01-15", "qualityResult": "PASSED"},
            [("qualityCheckedOn", "INVALID_DATE")],
        ),
        ({"gtin": "6111234567890"}, [("gtin", "INVALID_GTIN")]),
        ({"timeToMakeHours": 0}, [("timeToMakeHours", "OUT_OF_RANGE")]),
    ],
)
def test_invalid_provenance_is_refused_and_nothing_written(
    api_client: Client,
    tokens: dict[str, str | None],
    overrides: dict[str, Any],
    errors: list[tuple[str, str]],
) -> None:
    # given
    serghini = _pk(Artisan, "mohamed-serghini")
    contributions = {
        "shares_90": [{"artisan": serghini, "share": 9000}],
        "unknown_artisan": [{"artisan": to_global_id("Artisan", 999999), "share": 10000}],
        "not_a_member": [
            {"artisan": serghini, "share": 5000},
            {"artisan": _pk(Artisan, "youssef-bennani"), "share": 5000},
        ],
        "twice": [{"artisan": serghini, "share": 5000}, {"artisan": serghini, "share": 5000}],
    }
    if isinstance(overrides.get("contributions"), str):
        overrides = {**overrides, "contributions": contributions[overrides["contributions"]]}
    # when
    result = graphql(
        api_client, CREATE, {"input": _create_input(**overrides)}, token=tokens["manager"]
    )
    # then
    payload = result["data"]["productProvenanceCreate"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == errors
    assert payload["productProvenance"] is None
    assert not ProductProvenance.objects.exists()


def test_an_update_with_bad_shares_leaves_the_piece_as_it_was(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # given
    serghini = _pk(Artisan, "mohamed-serghini")
    # when
    result = graphql(
        api_client,
        UPDATE,
        {
            "id": to_global_id("ProductProvenance", vase.pk),
            "input": {"workshop": "Ailleurs", "contributions": [{"artisan": serghini, "share": 1}]},
        },
        token=tokens["artisan_self"],
    )
    # then
    assert result["data"]["productProvenanceUpdate"]["errors"] == [
        {"field": "contributions", "code": "SHARES_NOT_FULL"}
    ]
    vase.refresh_from_db()
    assert vase.workshop == "Atelier Serghini"
    assert list(vase.contributions.values_list("share", flat=True)) == [10000]


def test_publishing_issues_a_certificate_and_a_change_supersedes_it(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # given
    vase_id = to_global_id("ProductProvenance", vase.pk)
    # when
    published = graphql(api_client, PUBLISH, {"id": vase_id}, token=tokens["manager"])
    changed = graphql(
        api_client,
        UPDATE,
        {"id": vase_id, "input": {"technique": {"ar": "مينا بريق معدني، طهيتان"}}},
        token=tokens["artisan_self"],
    )
    # then
    first = published["data"]["productProvenancePublish"]["certificate"]
    assert first["status"] == "VALID"
    assert first["url"].endswith(f"/21/{first['serial']}")
    assert first["qrUrl"].endswith(f"/verify/{first['serial']}/qr.svg")
    second = changed["data"]["productProvenanceUpdate"]
    assert second["certificate"]["serial"] != first["serial"]
    assert second["productProvenance"]["technique"] == "مينا بريق معدني، طهيتان"
    assert second["productProvenance"]["techniqueTranslations"]["en"] == "Lustre glaze"
    old = Certificate.objects.get(serial=first["serial"])
    assert old.superseded_by is not None
    assert old.superseded_by.serial == second["certificate"]["serial"]
    claim = json.loads(old.superseded_by.document)["claim"]
    assert claim["artisans"] == [
        {
            "slug": "mohamed-serghini",
            "name": "Mohamed Serghini",
            "role": "made",
            "share": "1",
            "shareBasisPoints": 10000,
        }
    ]
    verification = graphql(
        api_client,
        "query($s: String!) { certificateVerification(idOrSerial: $s) { valid status supersededBy } }",
        {"s": first["serial"]},
    )
    assert verification["data"]["certificateVerification"] == {
        "valid": False,
        "status": "SUPERSEDED",
        "supersededBy": second["certificate"]["serial"],
    }


def test_unpublished_changes_issue_no_certificate(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # when
    result = graphql(
        api_client,
        UPDATE,
        {"id": to_global_id("ProductProvenance", vase.pk), "input": {"workshop": "Atelier 2"}},
        token=tokens["manager"],
    )
    # then
    assert result["data"]["productProvenanceUpdate"]["certificate"] is None
    assert not Certificate.objects.exists()


def test_custody_events_are_appended_in_time_order_and_never_edited(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # given
    vase_id = to_global_id("ProductProvenance", vase.pk)
    events = [
        {"eventTime": "2025-03-05T09:00:00+01:00", "bizStep": "PACKING", "readPoint": "Safi"},
        {"eventTime": "2025-02-10T08:00:00+00:00", "bizStep": "COLLECTING", "readPoint": "Safi"},
    ]
    # when
    for event in events:
        result = graphql(
            api_client, RECORD, {"id": vase_id, "input": event}, token=tokens["artisan_self"]
        )
        assert result["data"]["custodyEventRecord"]["errors"] == []
    # then
    assert list(vase.custody_events.values_list("biz_step", flat=True)) == [
        "urn:epcglobal:cbv:bizstep:collecting",
        "urn:epcglobal:cbv:bizstep:packing",
    ]
    recorded = CustodyEvent.objects.first()
    assert recorded is not None
    with pytest.raises(ValueError, match="append-only"):
        recorded.save()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE provenance_custodyevent SET read_point = 'Ailleurs'")


@pytest.mark.parametrize(
    ("event", "errors"),
    [
        (
            {"eventTime": "2999-01-01T00:00:00+00:00", "bizStep": "SHIPPING", "readPoint": "Safi"},
            [("eventTime", "INVALID_DATE")],
        ),
        (
            {"eventTime": "2025-01-01T00:00:00", "bizStep": "SHIPPING", "readPoint": "Safi"},
            [("eventTime", "INVALID_DATE")],
        ),
        (
            {"eventTime": "2025-01-01T00:00:00+00:00", "bizStep": "SHIPPING", "readPoint": " "},
            [("readPoint", "REQUIRED")],
        ),
    ],
)
def test_bad_custody_events_are_refused(
    api_client: Client,
    tokens: dict[str, str | None],
    vase: ProductProvenance,
    event: dict[str, Any],
    errors: list[tuple[str, str]],
) -> None:
    # when
    result = graphql(
        api_client,
        RECORD,
        {"id": to_global_id("ProductProvenance", vase.pk), "input": event},
        token=tokens["manager"],
    )
    # then
    payload = result["data"]["custodyEventRecord"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == errors
    assert not CustodyEvent.objects.exists()


def test_certifications_with_dates_in_the_wrong_order_are_refused(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # when
    result = graphql(
        api_client,
        """mutation($c: ID!) { certificationCreate(input: {cooperative: $c, scheme: FAIR_TRADE,
             name: "WFTO", issuer: "WFTO", validFrom: "2025-01-01", validUntil: "2024-01-01"}) {
             errors { field code } } }""",
        {"c": _pk(Cooperative, "cooperative-safi")},
        token=tokens["manager"],
    )
    # then
    assert result["data"]["certificationCreate"]["errors"] == [
        {"field": "validUntil", "code": "INVALID_DATE"}
    ]


def test_the_write_back_summary_of_a_published_piece(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # given
    graphql(
        api_client,
        PUBLISH,
        {"id": to_global_id("ProductProvenance", vase.pk)},
        token=tokens["manager"],
    )
    # when
    summary = provenance_summary("UHJvZHVjdDo1")
    # then
    assert summary is not None
    assert [(a.slug, a.share) for a in summary.artisans] == [("mohamed-serghini", 10000)]
    assert summary.cooperative_slug == "cooperative-safi"
    assert [m.en for m in summary.materials] == ["Safi red clay"]
    assert summary.certificate_serial is not None
    assert summary.certificate_url is not None
    assert summary.certificate_serial in summary.certificate_url
    assert provenance_summary("UHJvZHVjdDo5OTk=") is None


def test_the_published_piece_is_what_the_saleor_write_back_writes(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    from storefront_plugins.provenance.saleor_sync.decisions import provenance_metadata
    from storefront_plugins.provenance.saleor_sync.providers import (
        product_ids_with_provenance,
        provenance_summary_for,
    )

    # given nothing is published yet
    assert provenance_summary_for("https://saleor.example/graphql/", "UHJvZHVjdDo1") is None
    assert product_ids_with_provenance("https://saleor.example/graphql/") == []

    # when the manager publishes the piece
    graphql(
        api_client,
        PUBLISH,
        {"id": to_global_id("ProductProvenance", vase.pk)},
        token=tokens["manager"],
    )

    # then the write-back, through the providers registered at start-up, sees it
    summary = provenance_summary_for("https://saleor.example/graphql/", "UHJvZHVjdDo5")
    assert summary is None
    summary = provenance_summary_for("https://saleor.example/graphql/", "UHJvZHVjdDo1")
    assert summary is not None
    assert summary.artisan_slugs == ("mohamed-serghini",)
    assert summary.materials == ("Argile rouge de Safi",)
    assert product_ids_with_provenance("https://saleor.example/graphql/") == ["UHJvZHVjdDo1"]
    metadata = {item["key"]: item["value"] for item in provenance_metadata(summary)}
    assert metadata["souk.provenance.cooperative"] == "cooperative-safi"
    assert summary.certificate_url is not None
    assert metadata["souk.provenance.certificate_url"] == summary.certificate_url


def test_a_pieces_craft_is_recorded_and_read(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance
) -> None:
    # given
    document = """mutation($id: ID!) { productProvenanceUpdate(id: $id, input: {craft: POTTERY}) {
                    productProvenance { craft } errors { field code } } }"""
    # when
    result = graphql(
        api_client,
        document,
        {"id": to_global_id("ProductProvenance", vase.pk)},
        token=tokens["manager"],
    )
    # then
    assert result["data"]["productProvenanceUpdate"] == {
        "productProvenance": {"craft": "POTTERY"},
        "errors": [],
    }
    vase.refresh_from_db()
    assert vase.craft == "pottery"
