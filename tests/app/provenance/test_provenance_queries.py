"""productProvenances: one call for a page of products, a fixed number of SQL queries."""

from datetime import UTC, date, datetime

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from storefront_plugins.artisans.models import Artisan, Collector, Cooperative
from storefront_plugins.provenance.models import (
    Certification,
    Contribution,
    CustodyEvent,
    MaterialUse,
    ProductProvenance,
)
from storefront_plugins.provenance.services import certify
from tests.app.graphql_client import graphql

PROVENANCES = """
query Provenances($ids: [ID!]!, $language: LanguageCodeEnum) {
  productProvenances(saleorProductIds: $ids) {
    saleorProductId workshop technique(language: $language) timeToMakeHours madeOn
    cooperative { slug name }
    contributions { share shareOfWhole role artisan { slug name } }
    materials { material name(language: $language) lotCode quantity collector { slug name } }
    custodyEvents { bizStep eventTime readPoint }
    certifications { scheme name level issuer heldBy }
    qualityCheck { checkedBy result notes(language: $language) }
    euSafety { manufacturer { name } responsiblePerson { name } }
    certificate { serial url qrUrl status }
  }
}
"""


def _pieces(count: int) -> list[str]:
    safi = Cooperative.objects.get(slug="cooperative-safi")
    serghini = Artisan.objects.get(slug="mohamed-serghini")
    ouazzani = Artisan.objects.get(slug="khadija-ouazzani")
    clay = Collector.objects.get(slug="argile-safi-el-haddad")
    Certification.objects.create(
        cooperative=safi, scheme="morocco_handmade", name="Morocco Handmade", issuer="MdA"
    )
    Certification.objects.create(
        artisan=serghini, scheme="collective_mark", name="Potiers de Safi", issuer="OMPIC"
    )
    ids = []
    for index in range(count):
        provenance = ProductProvenance.objects.create(
            saleor_product_id=f"UHJvZHVjdDo{index:03}",
            cooperative=safi,
            technique={"fr": "Tournage", "ar": "خراطة", "en": "Wheel-thrown"},
            quality_result="passed",
            quality_checked_by_name="Comité qualité",
            quality_notes={"fr": "Conforme", "en": "Passed"},
            made_on=date(2025, 1, 2),
            is_published=True,
        )
        Contribution.objects.create(
            provenance=provenance, artisan=serghini, share=6000, role="thrown"
        )
        Contribution.objects.create(
            provenance=provenance, artisan=ouazzani, share=4000, role="painted"
        )
        MaterialUse.objects.create(provenance=provenance, material="safi_red_clay", collector=clay)
        CustodyEvent.objects.create(
            provenance=provenance,
            event_time=datetime(2025, 1, 1, tzinfo=UTC),
            biz_step="urn:souk:bizstep:crafting",
            read_point="Safi",
        )
        Certification.objects.create(
            provenance=provenance, scheme="geographical_indication", name="IG Safi", issuer="X"
        )
        certify(provenance.pk)
        ids.append(provenance.saleor_product_id)
    return ids


@pytest.mark.parametrize("page_size", [5, 20])
def test_provenances_take_the_same_queries_whatever_the_page_size(
    client: Client,
    directory: None,
    django_assert_num_queries: DjangoAssertNumQueries,
    page_size: int,
) -> None:
    # given
    ids = _pieces(page_size)
    # when: the pieces, contributions with artisans, the cooperatives, materials with
    # collectors, custody events, certification holders, certifications, certificates
    with django_assert_num_queries(8):
        result = graphql(client, PROVENANCES, {"ids": list(reversed(ids)), "language": "AR"})
    # then
    provenances = result["data"]["productProvenances"]
    assert [p["saleorProductId"] for p in provenances] == list(reversed(ids))
    first = provenances[0]
    assert first["technique"] == "خراطة"
    assert first["materials"][0]["name"] == "طين آسفي الأحمر"
    assert first["contributions"][0]["shareOfWhole"] == "0.6"
    assert first["qualityCheck"] == {
        "checkedBy": "Comité qualité",
        "result": "PASSED",
        "notes": "Conforme",
    }
    assert [c["heldBy"] for c in first["certifications"]] == ["product", "cooperative", "artisan"]
    assert first["certificate"]["status"] == "VALID"


@pytest.mark.parametrize(("language", "technique"), [("FR", "Tournage"), ("EN", "Wheel-thrown")])
def test_texts_come_in_the_language_asked_for(
    client: Client, directory: None, language: str, technique: str
) -> None:
    # given
    ids = _pieces(1)
    # when
    result = graphql(client, PROVENANCES, {"ids": ids, "language": language})
    # then
    assert "data" in result, result
    assert result["data"]["productProvenances"][0]["technique"] == technique
