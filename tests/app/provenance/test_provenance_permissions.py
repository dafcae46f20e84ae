"""Every provenance query and mutation, for each kind of viewer.

Target: the vase mohamed-serghini (artisan_self) made for cooperative-safi (manager
abdelkader-benhima, treasurer khadija-ouazzani), unpublished."""

from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance.models import (
    Certification,
    Contribution,
    CustodyEvent,
    MaterialUse,
    ProductProvenance,
)
from tests.app.graphql_client import graphql

ACTORS = ["anonymous", "artisan_self", "other_artisan", "manager", "other_manager", "treasurer"]
EDITORS = {"artisan_self", "manager"}

PROVENANCES = 'query { productProvenances(saleorProductIds: ["UHJvZHVjdDo1"]) { saleorProductId } }'
PROVENANCE = 'query { productProvenance(saleorProductId: "UHJvZHVjdDo1") { saleorProductId } }'


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("query", [PROVENANCES, PROVENANCE])
def test_unpublished_provenance_is_seen_by_its_editors_only(
    api_client: Client,
    tokens: dict[str, str | None],
    vase: ProductProvenance,
    actor: str,
    query: str,
) -> None:
    # when
    result = graphql(api_client, query, token=tokens[actor])
    # then
    assert "errors" not in result, result
    data = result["data"]
    seen = (
        bool(data["productProvenances"])
        if "productProvenances" in data
        else bool(data["productProvenance"])
    )
    assert seen is (actor in EDITORS)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("query", [PROVENANCES, PROVENANCE])
def test_published_provenance_is_public(
    api_client: Client,
    tokens: dict[str, str | None],
    vase: ProductProvenance,
    actor: str,
    query: str,
) -> None:
    # given
    ProductProvenance.objects.filter(pk=vase.pk).update(is_published=True)
    # when
    result = graphql(api_client, query, token=tokens[actor])
    # then
    data = result["data"]
    seen = data.get("productProvenances") or data.get("productProvenance")
    assert seen


def _ids(vase: ProductProvenance) -> dict[str, str]:
    return {
        "vase": to_global_id("ProductProvenance", vase.pk),
        "safi": to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk),
        "serghini": to_global_id("Artisan", Artisan.objects.get(slug="mohamed-serghini").pk),
    }


MUTATIONS: dict[str, tuple[str, Any, set[str]]] = {
    "productProvenanceCreate": (
        """mutation($c: ID!, $a: ID!) { productProvenanceCreate(input: {
             saleorProductId: "UHJvZHVjdDo5OQ==", cooperative: $c, workshop: "Atelier Serghini",
             contributions: [{artisan: $a, share: 10000, role: MADE}],
             materials: [{material: SAFI_RED_CLAY, lotCode: "ARG-1"}]}) {
             productProvenance { saleorProductId } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["serghini"]},
        EDITORS,
    ),
    "productProvenanceUpdate": (
        """mutation($id: ID!) { productProvenanceUpdate(id: $id, input: {timeToMakeHours: 20,
             technique: {en: "Lustre glaze, two firings"}}) {
             productProvenance { timeToMakeHours } errors { field code } } }""",
        lambda ids: {"id": ids["vase"]},
        EDITORS,
    ),
    "productProvenancePublish": (
        """mutation($id: ID!) { productProvenancePublish(id: $id) {
             productProvenance { isPublished } certificate { serial status } errors { field code } } }""",
        lambda ids: {"id": ids["vase"]},
        EDITORS,
    ),
    "custodyEventRecord": (
        """mutation($id: ID!) { custodyEventRecord(productProvenanceId: $id, input: {
             eventTime: "2025-03-02T10:00:00+01:00", bizStep: PACKING, readPoint: "Entrepôt Safi"}) {
             custodyEvent { bizStepUrn } errors { field code } } }""",
        lambda ids: {"id": ids["vase"]},
        EDITORS,
    ),
    "certificationCreate": (
        """mutation($id: ID!) { certificationCreate(input: {productProvenance: $id,
             scheme: GEOGRAPHICAL_INDICATION, name: "Poterie de Safi", issuer: "OMPIC"}) {
             certification { name heldBy } errors { field code } } }""",
        lambda ids: {"id": ids["vase"]},
        EDITORS,
    ),
    "certificationCreateForCooperative": (
        """mutation($c: ID!) { certificationCreate(input: {cooperative: $c,
             scheme: MOROCCO_HANDMADE, name: "Morocco Handmade", level: "Or", issuer: "Maison de l'Artisan"}) {
             certification { name heldBy } errors { field code } } }""",
        lambda ids: {"c": ids["safi"]},
        {"manager"},
    ),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutation_permission_matrix(
    api_client: Client,
    tokens: dict[str, str | None],
    vase: ProductProvenance,
    actor: str,
    mutation: str,
) -> None:
    # given
    document, variables, allowed = MUTATIONS[mutation]
    name = "certificationCreate" if mutation.startswith("certificationCreate") else mutation
    before = _snapshot()
    # when
    result = graphql(api_client, document, variables(_ids(vase)), token=tokens[actor])
    # then
    if actor in allowed:
        assert "errors" not in result, result
        assert result["data"][name]["errors"] == []
    else:
        assert result["data"][name] is None
        assert [e["extensions"]["exception"]["code"] for e in result["errors"]] == [
            "PermissionDenied"
        ]
        assert _snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_certification_update_permission_matrix(
    api_client: Client, tokens: dict[str, str | None], vase: ProductProvenance, actor: str
) -> None:
    # given
    certification = Certification.objects.create(
        provenance=vase, scheme="collective_mark", name="Safi", issuer="OMPIC"
    )
    document = """mutation($id: ID!) { certificationUpdate(id: $id, input: {level: "A"}) {
        certification { level } errors { field code } } }"""
    # when
    result = graphql(
        api_client,
        document,
        {"id": to_global_id("Certification", certification.pk)},
        token=tokens[actor],
    )
    # then
    certification.refresh_from_db()
    if actor in EDITORS:
        assert result["data"]["certificationUpdate"] == {
            "certification": {"level": "A"},
            "errors": [],
        }
    else:
        assert result["data"]["certificationUpdate"] is None
        assert certification.level == ""


def _snapshot() -> tuple[Any, ...]:
    return (
        list(ProductProvenance.objects.order_by("pk").values()),
        list(Contribution.objects.order_by("pk").values()),
        list(MaterialUse.objects.order_by("pk").values()),
        list(CustodyEvent.objects.order_by("pk").values()),
        list(Certification.objects.order_by("pk").values()),
    )
