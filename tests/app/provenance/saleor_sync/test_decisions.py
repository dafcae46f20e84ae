"""The write-back's pure decisions, exactly."""

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from storefront_plugins.provenance.saleor_sync.decisions import (
    artisan_page_input,
    artisan_page_metadata,
    artisan_references,
    metadata_changes,
    page_input_changes,
    product_needs_sync,
    provenance_metadata,
)
from storefront_plugins.provenance.saleor_sync.summary import ArtisanShare, ProvenanceSummary


@dataclass
class FakeArtisan:  # the fields the pure functions read from an Artisan
    pk: int = 7
    name: str = "Abdelkader Benhima"
    slug: str = "abdelkader-benhima"
    bio: dict[str, str] = field(
        default_factory=lambda: {
            "fr": "Potier de Safi & tourneur.\n\nIl émaille <en vert>.",
            "ar": "خزاف من آسفي",
            "en": "A potter of Safi.",
        }
    )
    is_published: bool = True


SUMMARY = ProvenanceSummary(
    saleor_product_id="UHJvZHVjdDox",
    artisans=(ArtisanShare("abdelkader-benhima", 8000), ArtisanShare("khadija-ouazzani", 2000)),
    cooperative_slug="cooperative-safi",
    cooperative_name="Coopérative des potiers de Safi",
    materials=("Argile rouge de Safi", "Émail vert"),
    technique="tour à pied",
    certifications=("Label national Fait main Maroc",),
    certificate_url="https://souk.example/verify/abc",
)


def test_artisan_page_input_has_the_french_bio_as_editorjs():
    # when
    page_input = artisan_page_input(FakeArtisan())

    # then
    assert page_input == {
        "title": "Abdelkader Benhima",
        "slug": "abdelkader-benhima",
        "isPublished": True,
        "content": page_input["content"],
    }
    assert json.loads(page_input["content"]) == {
        "blocks": [
            {"id": "p0", "type": "paragraph", "data": {"text": "Potier de Safi &amp; tourneur."}},
            {"id": "p1", "type": "paragraph", "data": {"text": "Il émaille &lt;en vert&gt;."}},
        ],
        "version": "2.24.3",
    }


def test_artisan_page_input_is_the_same_every_time():
    assert artisan_page_input(FakeArtisan()) == artisan_page_input(FakeArtisan())


def test_an_unpublished_artisan_without_bio_gets_an_empty_unpublished_page():
    page_input = artisan_page_input(FakeArtisan(bio={}, is_published=False))

    assert page_input["isPublished"] is False
    assert json.loads(page_input["content"]) == {"blocks": [], "version": "2.24.3"}


def test_artisan_page_metadata():
    assert artisan_page_metadata(FakeArtisan(), ["cooperative-safi"]) == [
        {"key": "souk.artisan.id", "value": "7"},
        {"key": "souk.artisan.bio.ar", "value": "خزاف من آسفي"},
        {"key": "souk.artisan.bio.en", "value": "A potter of Safi."},
        {"key": "souk.cooperative", "value": "cooperative-safi"},
    ]


def test_provenance_metadata_exactly():
    assert provenance_metadata(SUMMARY) == [
        {
            "key": "souk.provenance",
            "value": (
                '{"artisans":[{"share_bps":8000,"slug":"abdelkader-benhima"},'
                '{"share_bps":2000,"slug":"khadija-ouazzani"}],'
                '"certificate_url":"https://souk.example/verify/abc",'
                '"certifications":["Label national Fait main Maroc"],'
                '"cooperative":{"name":"Coopérative des potiers de Safi","slug":"cooperative-safi"},'
                '"materials":["Argile rouge de Safi","Émail vert"],'
                '"technique":"tour à pied","v":1}'
            ),
        },
        {"key": "souk.provenance.artisans", "value": "abdelkader-benhima,khadija-ouazzani"},
        {"key": "souk.provenance.cooperative", "value": "cooperative-safi"},
        {"key": "souk.provenance.certificate_url", "value": "https://souk.example/verify/abc"},
    ]


def test_provenance_metadata_without_cooperative_or_certificate():
    summary = ProvenanceSummary("UHJvZHVjdDox", (ArtisanShare("hassan-tazi", 10_000),))

    items = {item["key"]: item["value"] for item in provenance_metadata(summary)}

    assert json.loads(items["souk.provenance"]) == {
        "v": 1,
        "artisans": [{"slug": "hassan-tazi", "share_bps": 10000}],
        "cooperative": None,
        "materials": [],
        "technique": None,
        "certifications": [],
        "certificate_url": None,
    }
    assert items["souk.provenance.cooperative"] == ""
    assert items["souk.provenance.certificate_url"] == ""


@pytest.mark.parametrize(
    ("artisans", "message"),
    [
        ((ArtisanShare("a", 6000), ArtisanShare("b", 5000)), "over 10 000"),
        ((ArtisanShare("a", 5000), ArtisanShare("a", 5000)), "listed twice"),
    ],
)
def test_a_summary_refuses_impossible_shares(artisans, message):
    with pytest.raises(ValueError, match=message):
        ProvenanceSummary("UHJvZHVjdDox", artisans)


def test_a_share_is_in_basis_points():
    with pytest.raises(ValueError, match="basis points"):
        ArtisanShare("a", 10_001)


def test_metadata_changes_are_only_the_differing_items():
    current = [
        {"key": "souk.provenance.artisans", "value": "abdelkader-benhima,khadija-ouazzani"},
        {"key": "souk.provenance.cooperative", "value": "fes-zellige"},
        {"key": "other", "value": "kept"},
    ]

    changes = metadata_changes(current, provenance_metadata(SUMMARY))

    assert [item["key"] for item in changes] == [
        "souk.provenance",
        "souk.provenance.cooperative",
        "souk.provenance.certificate_url",
    ]
    assert metadata_changes(provenance_metadata(SUMMARY), provenance_metadata(SUMMARY)) == []


def test_page_input_changes_compare_content_as_json():
    desired = artisan_page_input(FakeArtisan())
    page: dict[str, Any] = {
        **desired,
        "content": json.dumps(json.loads(desired["content"]), indent=2),
        "title": "Abdelkader Benhima, potier de Safi",
    }

    assert page_input_changes(page, desired) == {"title": "Abdelkader Benhima"}
    assert page_input_changes(desired, desired) == {}


def _product(references: list[str], metadata: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "id": "UHJvZHVjdDox",
        "attributes": [
            {"attribute": {"slug": "materiau"}, "values": [{"reference": None}]},
            {"attribute": {"slug": "artisan"}, "values": [{"reference": r} for r in references]},
        ],
        "metadata": metadata,
    }


def test_artisan_references_reads_the_artisan_attribute():
    assert artisan_references(_product(["UGFnZTox", "UGFnZToy"], []), "artisan") == [
        "UGFnZTox",
        "UGFnZToy",
    ]
    assert artisan_references({"attributes": []}, "artisan") == []


@pytest.mark.parametrize(
    ("references", "metadata", "needs_sync"),
    [
        (["UGFnZToy", "UGFnZTox"], provenance_metadata(SUMMARY), False),  # the App's own write
        ([], provenance_metadata(SUMMARY), True),  # the artisan was removed in the Dashboard
        (["UGFnZTox"], provenance_metadata(SUMMARY), True),
        (["UGFnZTox", "UGFnZToy"], [], True),  # metadata removed
        (["UGFnZTox", "UGFnZToy"], provenance_metadata(SUMMARY)[:3], True),
    ],
)
def test_product_needs_sync(references, metadata, needs_sync):
    product = _product(references, metadata)

    assert product_needs_sync(product, SUMMARY, ["UGFnZTox", "UGFnZToy"]) is needs_sync
