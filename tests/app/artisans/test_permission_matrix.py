"""Every query and mutation of the directory and the storefronts, for each kind of viewer.

Target: cooperative-safi (manager abdelkader-benhima, treasurer khadija-ouazzani) and its
artisan mohamed-serghini, unpublished for the queries so only those who may see him do; for
the storefront mutations, cooperative-safi's storefront and its "artisans" page."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.models import Artisan, Collector, Cooperative, Membership
from storefront_plugins.storefronts.loading import load_storefronts, read_fixtures_file
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from tests.app.graphql_client import graphql
from tests.app.storefronts.conftest import STOREFRONTS

ACTORS = [
    "anonymous",
    "artisan_self",
    "other_artisan",
    "manager",
    "other_manager",
    "treasurer",
    "staff",
]


def _ids() -> dict[str, str]:
    storefront = Storefront.objects.filter(slug="cooperative-safi").first()
    page = StorefrontPage.objects.filter(storefront=storefront, slug="artisans").first()
    return {
        "storefront": to_global_id("Storefront", storefront.pk if storefront else 0),
        "page": to_global_id("StorefrontPage", page.pk if page else 0),
        "safi": to_global_id("Cooperative", Cooperative.objects.get(slug="cooperative-safi").pk),
        "serghini": to_global_id("Artisan", Artisan.objects.get(slug="mohamed-serghini").pk),
        "bennani": to_global_id("Artisan", Artisan.objects.get(slug="youssef-bennani").pk),
        "clay": to_global_id("Collector", Collector.objects.get(slug="argile-safi-el-haddad").pk),
    }


# Queries: who sees the unpublished artisan.
ARTISAN_QUERY = 'query { artisan(slug: "mohamed-serghini") { slug } }'
ARTISANS_QUERY = 'query { artisans(first: 50, filter: {cooperative: "cooperative-safi"}) { edges { node { slug } } } }'
MEMBERS_QUERY = 'query { cooperative(slug: "cooperative-safi") { members { artisan { slug } } } }'
COOPERATIVES_QUERY = "query { cooperatives(first: 10) { totalCount } }"
COLLECTORS_QUERY = "query { collectors(first: 10) { totalCount } }"

SEES_UNPUBLISHED_SERGHINI = {"artisan_self", "manager", "treasurer"}


def _sees_serghini(query: str, data: dict[str, Any]) -> bool:
    if query is ARTISAN_QUERY:
        return data["artisan"] is not None
    if query is ARTISANS_QUERY:
        return "mohamed-serghini" in [e["node"]["slug"] for e in data["artisans"]["edges"]]
    return "mohamed-serghini" in [m["artisan"]["slug"] for m in data["cooperative"]["members"]]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("query", [ARTISAN_QUERY, ARTISANS_QUERY, MEMBERS_QUERY])
def test_unpublished_artisan_is_seen_by_self_managers_and_treasurers(
    api_client: Client, tokens: dict[str, str | None], actor: str, query: str
) -> None:
    # given
    Artisan.objects.filter(slug="mohamed-serghini").update(is_published=False)
    # when
    result = graphql(api_client, query, token=tokens[actor])
    # then
    assert "errors" not in result
    assert _sees_serghini(query, result["data"]) is (actor in SEES_UNPUBLISHED_SERGHINI)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("query", "field", "total"),
    [(COOPERATIVES_QUERY, "cooperatives", 5), (COLLECTORS_QUERY, "collectors", 7)],
)
def test_published_cooperatives_and_collectors_are_public(
    api_client: Client,
    tokens: dict[str, str | None],
    actor: str,
    query: str,
    field: str,
    total: int,
) -> None:
    # when
    result = graphql(api_client, query, token=tokens[actor])
    # then
    assert result["data"][field]["totalCount"] == total


@pytest.mark.parametrize("actor", ACTORS)
def test_unpublished_cooperative_is_seen_by_its_members_only(
    api_client: Client, tokens: dict[str, str | None], actor: str
) -> None:
    # given
    Cooperative.objects.filter(slug="cooperative-safi").update(is_published=False)
    # when
    result = graphql(
        api_client, 'query { cooperative(slug: "cooperative-safi") { slug } }', token=tokens[actor]
    )
    # then
    seen = result["data"]["cooperative"] is not None
    assert seen is (actor in {"artisan_self", "manager", "treasurer"})


# Mutations: who may run each one.
MUTATIONS: dict[str, tuple[str, Any, set[str]]] = {
    "artisanProfileUpdate": (
        """mutation($id: ID!) { artisanProfileUpdate(id: $id, input: {workshop: "Atelier Serghini, Safi", bio: {en: "Glazer."}}) {
             artisan { workshop bio(language: EN) } errors { field code } } }""",
        lambda ids: {"id": ids["serghini"]},
        {"artisan_self", "manager"},
    ),
    "cooperativeCreate": (
        """mutation { cooperativeCreate(input: {name: "Coopérative Tifawin", region: MA_09, city: "Taroudant",
             ice: "002345678000091", crafts: [CARPET_WEAVING], description: {fr: "Tisserandes de l'Anti-Atlas."}}) {
             cooperative { slug isPublished } errors { field code } } }""",
        lambda ids: {},
        {"staff"},
    ),
    "artisanCreate": (
        """mutation($c: ID!) { artisanCreate(cooperativeId: $c, input: {name: "Aicha Ait Baha", region: MA_07,
             city: "Safi", crafts: [POTTERY], role: ARTISAN, email: "aicha.aitbaha@souk.example"}) {
             artisan { slug } membership { role cooperative { slug } } errors { field code } } }""",
        lambda ids: {"c": ids["safi"]},
        {"manager", "staff"},
    ),
    "cooperativeUpdate": (
        """mutation($id: ID!) { cooperativeUpdate(id: $id, input: {phone: "+212 524 00 00 00", commissionRate: "11.5"}) {
             cooperative { phone commissionRate } errors { field code } } }""",
        lambda ids: {"id": ids["safi"]},
        {"manager"},
    ),
    "cooperativeMemberAdd": (
        """mutation($c: ID!, $a: ID!) { cooperativeMemberAdd(cooperativeId: $c, artisanId: $a, role: ARTISAN) {
             membership { role artisan { slug } } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["bennani"]},
        {"manager"},
    ),
    "cooperativeMemberRoleUpdate": (
        """mutation($c: ID!, $a: ID!) { cooperativeMemberRoleUpdate(cooperativeId: $c, artisanId: $a, role: TREASURER) {
             membership { role } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["serghini"]},
        {"manager"},
    ),
    "cooperativeMemberRemove": (
        """mutation($c: ID!, $a: ID!) { cooperativeMemberRemove(cooperativeId: $c, artisanId: $a) {
             cooperative { slug } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["serghini"]},
        {"manager"},
    ),
    "cooperativeMemberSuspend": (
        """mutation($c: ID!, $a: ID!) { cooperativeMemberSuspend(cooperativeId: $c, artisanId: $a) {
             membership { suspendedAt } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["serghini"]},
        {"manager"},
    ),
    "cooperativeMemberReinstate": (
        """mutation($c: ID!, $a: ID!) { cooperativeMemberReinstate(cooperativeId: $c, artisanId: $a) {
             membership { suspendedAt } errors { field code } } }""",
        lambda ids: {"c": ids["safi"], "a": ids["serghini"]},
        {"manager"},
    ),
    "collectorCreate": (
        """mutation($c: ID!) { collectorCreate(input: {name: "Aziz Naciri", materials: [CLAY], regions: [MA_07], cooperatives: [$c]}) {
             collector { slug cooperatives { slug } } errors { field code } } }""",
        lambda ids: {"c": ids["safi"]},
        {"manager"},
    ),
    "collectorUpdate": (
        """mutation($id: ID!) { collectorUpdate(id: $id, input: {materials: [CLAY, NATURAL_DYES]}) {
             collector { materials } errors { field code } } }""",
        lambda ids: {"id": ids["clay"]},
        {"manager"},
    ),
    "storefrontCreate": (
        """mutation($c: ID!) { storefrontCreate(input: {cooperative: $c, path: "/potiers"}) {
             storefront { slug isPublished } errors { field code } } }""",
        lambda ids: {"c": ids["safi"]},
        {"manager", "staff"},
    ),
    "storefrontUpdate": (
        """mutation($id: ID!) { storefrontUpdate(id: $id, input: {tagline: {fr: "Faïence de Safi"},
             theme: {primaryColor: "#123456"}}) { storefront { tagline } errors { field code } } }""",
        lambda ids: {"id": ids["storefront"]},
        {"manager", "staff"},
    ),
    "storefrontPublish": (
        """mutation($id: ID!) { storefrontPublish(id: $id, isPublished: false) {
             storefront { isPublished } errors { field code } } }""",
        lambda ids: {"id": ids["storefront"]},
        {"manager", "staff"},
    ),
    "storefrontPageCreate": (
        """mutation($s: ID!) { storefrontPageCreate(storefront: $s, input: {kind: CUSTOM,
             title: {fr: "Visiter l'atelier"}}) { page { slug } errors { field code } } }""",
        lambda ids: {"s": ids["storefront"]},
        {"manager", "staff"},
    ),
    "storefrontPageUpdate": (
        """mutation($id: ID!) { storefrontPageUpdate(id: $id, input: {title: {en: "Our makers"}}) {
             page { title } errors { field code } } }""",
        lambda ids: {"id": ids["page"]},
        {"manager", "staff"},
    ),
    "storefrontPageDelete": (
        """mutation($id: ID!) { storefrontPageDelete(id: $id) {
             storefront { slug } errors { field code } } }""",
        lambda ids: {"id": ids["page"]},
        {"manager", "staff"},
    ),
}


def _given_storefronts(mutation: str) -> None:
    """The storefronts of the fixture cooperatives; none for Safi when one is to be made;
    mohamed-serghini suspended when he is to be reinstated."""
    if mutation == "cooperativeMemberReinstate":
        Membership.objects.filter(artisan__slug="mohamed-serghini").update(
            suspended_at=timezone.now()
        )
    if mutation.startswith("storefront"):
        load_storefronts(read_fixtures_file(STOREFRONTS))
    if mutation == "storefrontCreate":
        Storefront.objects.filter(slug="cooperative-safi").delete()


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutation_permission_matrix(
    api_client: Client, tokens: dict[str, str | None], actor: str, mutation: str
) -> None:
    # given
    document, variables, allowed = MUTATIONS[mutation]
    _given_storefronts(mutation)
    before = _snapshot()
    # when
    result = graphql(api_client, document, variables(_ids()), token=tokens[actor])
    # then
    if actor in allowed:
        assert "errors" not in result, result
        assert result["data"][mutation]["errors"] == []
    else:
        assert result["data"][mutation] is None
        assert [e["extensions"]["exception"]["code"] for e in result["errors"]] == [
            "PermissionDenied"
        ]
        assert _snapshot() == before


def _snapshot() -> tuple[Any, ...]:
    return (
        list(User.objects.order_by("pk").values("email", "is_active")),
        list(Artisan.objects.order_by("pk").values()),
        list(Cooperative.objects.order_by("pk").values()),
        list(Collector.objects.order_by("pk").values()),
        list(Collector.cooperatives.through.objects.order_by("pk").values()),
        list(
            Cooperative.members.through.objects.order_by("pk").values(
                "artisan_id", "cooperative_id", "role", "suspended_at"
            )
        ),
        list(Storefront.objects.order_by("pk").values()),
        list(HeroImage.objects.order_by("pk").values()),
        list(StorefrontPage.objects.order_by("pk").values()),
    )
