"""Anonymous public reads come from a cache that no committed write can leave stale."""

from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from storefront_plugins.api.public_tables import PUBLIC_DATA_APPS, TRIGGER_NAME
from storefront_plugins.api.response_cache import is_cacheable_document, public_data_version
from storefront_plugins.provenance.models import ProductProvenance
from tests.app.artisans.conftest import directory, tokens
from tests.app.graphql_client import graphql, post_graphql
from tests.app.provenance.conftest import vase

__all__ = ["directory", "tokens", "vase"]

PROVENANCE = """
query Provenance($ids: [ID!]!) {
  productProvenances(saleorProductIds: $ids) {
    saleorProductId technique(language: EN) contributions { artisan { slug } }
  }
}
"""
VASE_ID = "UHJvZHVjdDo1"


@pytest.fixture
def response_cache(settings: Any) -> None:
    settings.SOUK_PUBLIC_RESPONSE_CACHE_SECONDS = 60


@pytest.fixture
def published_vase(vase: ProductProvenance) -> ProductProvenance:
    ProductProvenance.objects.filter(pk=vase.pk).update(is_published=True)
    return vase


def test_a_repeated_anonymous_read_is_answered_with_one_query(
    response_cache: None,
    published_vase: ProductProvenance,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given
    client = Client()
    first = post_graphql(client, PROVENANCE, {"ids": [VASE_ID]})

    # when
    with django_assert_num_queries(1):  # the public data version
        again = post_graphql(client, PROVENANCE, {"ids": [VASE_ID]})

    # then
    assert again.status_code == 200
    assert again.content == first.content
    assert again.json()["data"]["productProvenances"][0]["technique"] == "Lustre glaze"


def test_any_committed_write_reaches_the_next_read_even_a_bulk_update(
    response_cache: None, published_vase: ProductProvenance
) -> None:
    # given
    client = Client()
    graphql(client, PROVENANCE, {"ids": [VASE_ID]})

    # when: no model save, no signal; only the table's trigger sees it
    ProductProvenance.objects.filter(pk=published_vase.pk).update(
        technique={"fr": "Émail", "ar": "مينا", "en": "Tin glaze"}
    )

    # then
    body = graphql(client, PROVENANCE, {"ids": [VASE_ID]})
    assert body["data"]["productProvenances"][0]["technique"] == "Tin glaze"


def test_unpublishing_removes_the_piece_from_the_next_anonymous_read(
    response_cache: None, published_vase: ProductProvenance
) -> None:
    client = Client()
    assert len(graphql(client, PROVENANCE, {"ids": [VASE_ID]})["data"]["productProvenances"]) == 1

    ProductProvenance.objects.filter(pk=published_vase.pk).update(is_published=False)

    assert graphql(client, PROVENANCE, {"ids": [VASE_ID]})["data"]["productProvenances"] == []


def test_signed_in_reads_are_neither_cached_nor_served_from_the_cache(
    response_cache: None,
    vase: ProductProvenance,
    tokens: dict[str, str | None],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given: the unpublished vase, visible to its maker only
    client = Client()
    maker = graphql(client, PROVENANCE, {"ids": [VASE_ID]}, token=tokens["artisan_self"])
    assert len(maker["data"]["productProvenances"]) == 1

    # when
    anonymous = graphql(client, PROVENANCE, {"ids": [VASE_ID]})

    # then
    assert anonymous["data"]["productProvenances"] == []
    with django_assert_num_queries(4):  # user, then executing again: nothing cached for them
        again = graphql(client, PROVENANCE, {"ids": [VASE_ID]}, token=tokens["artisan_self"])
    assert again == maker


def test_a_read_that_failed_is_executed_again(
    response_cache: None, published_vase: ProductProvenance
) -> None:
    from django.core.cache import caches

    too_many = [VASE_ID] * 101
    body = graphql(Client(), PROVENANCE, {"ids": too_many})

    assert body["errors"][0]["message"] == "Ask for at most 100 products at once."
    assert caches["public_responses"]._cache == {}  # type: ignore[attr-defined]


def test_a_rolled_back_write_never_lends_its_version_to_another(
    published_vase: ProductProvenance,
) -> None:
    # given
    before = public_data_version()
    with transaction.atomic():
        ProductProvenance.objects.filter(pk=published_vase.pk).update(workshop="Atelier A")
        seen_inside = public_data_version()
        transaction.set_rollback(True)
    assert public_data_version() == before

    # when
    ProductProvenance.objects.filter(pk=published_vase.pk).update(workshop="Atelier B")

    # then
    after = public_data_version()
    assert after is not None
    assert seen_inside is not None
    assert before is not None
    assert after > seen_inside > before


def test_every_table_the_public_api_reads_moves_the_version(db: None) -> None:
    from django.apps import apps

    tables = {
        model._meta.db_table
        for label in PUBLIC_DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}

    assert tables, "the public data apps have tables"
    assert tables - with_trigger == set(), (
        "add the trigger in a migration of storefront_plugins.api"
    )


@pytest.mark.parametrize(
    ("document", "cacheable"),
    [
        (PROVENANCE, True),
        (
            '{ cooperatives(first: 5) { edges { node { slug } } } artisan(slug: "x") { slug } }',
            True,
        ),
        ('query { a: productProvenance(saleorProductId: "1") { workshop } __typename }', True),
        ('{ certificateVerification(idOrSerial: "X") { checkedAt } }', False),
        (
            '{ cooperatives(first: 1) { totalCount } certificateVerification(idOrSerial: "X") { valid } }',
            False,
        ),
        ('mutation { tokenRefresh(refreshToken: "x") { accessToken } }', False),
        ("{ ...Root } fragment Root on Query { cooperatives(first: 1) { totalCount } }", False),
        ("{ not a document", False),
    ],
)
def test_only_queries_of_public_data_are_cacheable(document: str, cacheable: bool) -> None:
    assert is_cacheable_document(document, None) is cacheable


def test_a_mutation_costs_no_version_read(
    response_cache: None, directory: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    sign_in = 'mutation { signIn(email: "nobody@souk.example", password: "x") { errors { code } } }'
    with django_assert_num_queries(1):  # looking the user up, nothing else
        body = graphql(Client(), sign_in)
    assert body["data"]["signIn"]["errors"] != []
