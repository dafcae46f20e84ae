"""The provenance fixtures: validation (pure, against a snapshot of the directory) and the
load through the services' system path (idempotent)."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from storefront_plugins.provenance.loading import (
    DirectorySnapshot,
    ProvenanceFixtureError,
    directory_snapshot,
    load_provenance,
    parse_provenance_fixtures,
)
from storefront_plugins.provenance.models import (
    BizStep,
    Certificate,
    Contribution,
    ProductProvenance,
)
from tests.app.artisans.conftest import DIRECTORY

PROVENANCE = DIRECTORY.parent / "provenance.json"
PRODUCTS = Path(DIRECTORY).parents[1] / "sandbox" / "products.json"


def _snapshot() -> DirectorySnapshot:
    """Primary keys invented in file order: validation needs no database."""
    data = json.loads(DIRECTORY.read_text(encoding="utf-8"))
    return DirectorySnapshot(
        cooperatives={c["slug"]: pk for pk, c in enumerate(data["cooperatives"], 1)},
        artisans={a["slug"]: pk for pk, a in enumerate(data["artisans"], 1)},
        collectors={c["slug"]: pk for pk, c in enumerate(data["collectors"], 1)},
        memberships=frozenset(
            (a["slug"], m["cooperative"]) for a in data["artisans"] for m in a["memberships"]
        ),
    )


@pytest.fixture
def fixtures() -> dict[str, Any]:
    return copy.deepcopy(json.loads(PROVENANCE.read_text(encoding="utf-8")))


def _errors(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ProvenanceFixtureError) as raised:
        parse_provenance_fixtures(data, _snapshot())
    return raised.value.errors


def test_the_fixtures_cover_every_sandbox_product_and_are_valid(fixtures):
    # given
    products = json.loads(PRODUCTS.read_text(encoding="utf-8"))["products"]

    # when
    parsed = parse_provenance_fixtures(fixtures, _snapshot())

    # then
    assert [p.product_slug for p in parsed.pieces] == [p["slug"] for p in products]
    for piece in parsed.pieces:
        assert sum(c.share for c in piece.provenance_input.contributions or ()) == 10_000
        assert 3 <= len(piece.custody_events) <= 5
        assert piece.custody_events[0].biz_step == BizStep.COLLECTING
        assert piece.is_published
    assert len(parsed.certifications) == 7


def test_the_artisans_are_those_the_sandbox_product_names(fixtures):
    products = json.loads(PRODUCTS.read_text(encoding="utf-8"))["products"]
    for product in products:
        named = [c["artisan"] for c in fixtures["products"][product["slug"]]["contributions"]]
        assert named == product["attributes"]["artisan"]


def test_an_unknown_artisan_is_named_with_its_entry(fixtures):
    # given
    fixtures["products"]["tajine-safi-vert"]["contributions"][0]["artisan"] = "nobody"

    # when
    errors = _errors(fixtures)

    # then
    assert errors == ['tajine-safi-vert: unknown artisan "nobody"']


def test_an_unknown_cooperative_is_named_with_its_entry(fixtures):
    # given
    fixtures["products"]["coussin-kilim"]["cooperative"] = "nowhere"
    fixtures["cooperatives"]["nowhere"] = {"certifications": []}

    # when
    errors = _errors(fixtures)

    # then
    assert errors == [
        'cooperatives.nowhere: unknown cooperative "nowhere"',
        'coussin-kilim: unknown cooperative "nowhere"',
    ]


def test_an_unknown_collector_is_named_with_its_entry(fixtures):
    # given
    fixtures["products"]["bague-cornaline"]["materials"][0]["collector"] = "ghost"

    # when
    errors = _errors(fixtures)

    # then
    assert errors == ['bague-cornaline: unknown collector "ghost"']


def test_shares_not_summing_to_10000_are_refused(fixtures):
    # given
    fixtures["products"]["jarre-safi-bleue"]["contributions"][1]["share"] = 3000

    # when
    errors = _errors(fixtures)

    # then
    assert errors == ["jarre-safi-bleue: the shares sum to 9000 basis points, not 10000"]


def test_an_artisan_of_another_cooperative_is_refused(fixtures):
    # given
    fixtures["products"]["tajine-safi-vert"]["contributions"][0]["artisan"] = "hassan-tazi"

    # when
    errors = _errors(fixtures)

    # then
    assert errors == [
        'tajine-safi-vert: artisan "hassan-tazi" is not a member of "cooperative-safi"'
    ]


def test_every_error_of_the_file_is_reported_at_once(fixtures):
    # given
    fixtures["products"]["tajine-safi-vert"]["materials"][0]["material"] = "plastic"
    fixtures["products"]["portefeuille-cuir"]["custody"][0]["biz_step"] = "teleporting"
    fixtures["products"]["fibule-tizerzai"]["quality_check"]["by"] = "nadia-chraibi"

    # when
    errors = _errors(fixtures)

    # then
    assert errors == [
        'tajine-safi-vert: unknown material "plastic"',
        'fibule-tizerzai: quality checker "nadia-chraibi" is not a member of "tiznit-argent"',
        'portefeuille-cuir: unknown business step "teleporting"',
    ]


# Writes: through the services' system path, with Saleor ids given (no Saleor needed)


def _product_ids(data: dict[str, Any]) -> dict[str, str]:
    return {slug: f"UHJvZHVjdDo{index}" for index, slug in enumerate(data["products"])}


def test_a_second_load_writes_nothing_and_issues_no_certificate(directory, fixtures):
    # given
    parsed = parse_provenance_fixtures(fixtures, directory_snapshot())
    first = load_provenance(parsed, _product_ids(fixtures))
    updated_at = dict(ProductProvenance.objects.values_list("pk", "updated_at"))
    contributions = set(Contribution.objects.values_list("pk", flat=True))

    # when
    second = load_provenance(parsed, _product_ids(fixtures))

    # then
    assert len(first.created) == 30
    assert (second.created, second.updated, len(second.unchanged)) == ([], [], 30)
    assert second.certifications_changed == 0
    assert second.certificate_ids == first.certificate_ids
    assert Certificate.objects.count() == 30
    assert dict(ProductProvenance.objects.values_list("pk", "updated_at")) == updated_at
    assert set(Contribution.objects.values_list("pk", flat=True)) == contributions


def test_a_changed_piece_is_updated_and_its_certificate_superseded(directory, fixtures):
    # given
    load_provenance(
        parse_provenance_fixtures(fixtures, directory_snapshot()), _product_ids(fixtures)
    )
    piece = fixtures["products"]["kilim-hanbel-bouguemez"]
    piece["time_to_make_hours"] += 10
    piece["custody"].append(
        {
            "biz_step": "shipping",
            "event_time": "2025-08-01T10:00:00+01:00",
            "read_point": "Dépôt de la coopérative, Azilal",
            "city": "Azilal",
        }
    )
    before = load_provenance(
        parse_provenance_fixtures(fixtures, directory_snapshot()), _product_ids(fixtures)
    )

    # when
    after = load_provenance(
        parse_provenance_fixtures(fixtures, directory_snapshot()), _product_ids(fixtures)
    )

    # then
    assert before.updated == ["kilim-hanbel-bouguemez"]
    assert len(before.unchanged) == 29
    assert after.updated == []
    assert Certificate.objects.count() == 31
    superseded = Certificate.objects.get(superseded_at__isnull=False)
    assert superseded.superseded_by_id is not None
    assert str(superseded.superseded_by_id) == before.certificate_ids["kilim-hanbel-bouguemez"]
    provenance = ProductProvenance.objects.get(saleor_product_id=superseded.product_id)
    assert (
        provenance.time_to_make_hours
        == fixtures["products"]["kilim-hanbel-bouguemez"]["time_to_make_hours"]
    )
    assert provenance.custody_events.count() == 5


def test_the_fixtures_are_checked_against_the_directory_in_the_database(db, fixtures):
    # given: an empty directory

    # when
    with pytest.raises(ProvenanceFixtureError) as raised:
        parse_provenance_fixtures(fixtures, directory_snapshot())

    # then
    assert raised.value.errors[0] == 'cooperatives.atlas-tapis: unknown cooperative "atlas-tapis"'
