"""What payouts ask of the directory and of provenance, in a fixed number of queries."""

from storefront_plugins.artisans.services import cooperative_payout_terms
from storefront_plugins.provenance.models import Contribution, ProductProvenance
from storefront_plugins.provenance.services import PieceMakers, makers_of_products
from tests.app.payouts.conftest import TAJINE


def test_makers_of_products_reads_any_number_of_products_in_one_query(
    safi, potters, django_assert_num_queries
):
    # given a variant of the tajine made by the first potter alone
    variant = ProductProvenance.objects.create(
        saleor_product_id=TAJINE, saleor_variant_id="VmFyaWFudDo5", cooperative=safi
    )
    Contribution.objects.create(provenance=variant, artisan=potters[0], share=10_000, role="made")

    # when
    with django_assert_num_queries(1):
        makers = makers_of_products([TAJINE, "UHJvZHVjdDo5OQ==", TAJINE])

    # then
    assert sorted(makers, key=lambda m: m.saleor_variant_id) == [
        PieceMakers(TAJINE, "", safi.pk, ((potters[0].pk, 7000), (potters[1].pk, 3000))),
        PieceMakers(TAJINE, "VmFyaWFudDo5", safi.pk, ((potters[0].pk, 10_000),)),
    ]


def test_cooperative_terms_by_id_or_channel_in_one_query(safi, django_assert_num_queries):
    # when
    with django_assert_num_queries(1):
        terms = cooperative_payout_terms(ids=[safi.pk], channel_slugs=["fes-zellige"])

    # then
    assert sorted((t.slug, t.saleor_channel_slug, t.commission_bp) for t in terms) == [
        ("cooperative-safi", "cooperative-safi", 1200),
        ("fes-zellige", "fes-zellige", 1500),
    ]
