"""stripeOnboardingStart and stripeConnectedAccount: who may onboard whom, what they get,
and the refusals, against the Stripe stand-in.

Target: cooperative-safi (manager abdelkader-benhima, treasurer khadija-ouazzani) and its
artisan mohamed-serghini (artisan_self)."""

from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.accounts.models import User
from storefront_plugins.artisans.loading import load_directory_file
from storefront_plugins.artisans.models import Artisan, Cooperative
from tests.app.artisans.conftest import ACTOR_ARTISANS, DIRECTORY
from tests.app.graphql_client import access_token_for, graphql

ACTORS = ["anonymous", "artisan_self", "other_artisan", "manager", "other_manager", "treasurer"]

START = """
mutation Start($artisan: ID, $cooperative: ID, $country: String!, $email: String,
               $returnUrl: String!, $refreshUrl: String!) {
  stripeOnboardingStart(artisanId: $artisan, cooperativeId: $cooperative, country: $country,
                        email: $email, returnUrl: $returnUrl, refreshUrl: $refreshUrl) {
    onboardingUrl
    expiresAt
    connectedAccount { stripeAccountId country status canReceiveTransfers requirementsDue }
    errors { field code message }
  }
}
"""

STATUS = """
query Status($artisan: ID, $cooperative: ID) {
  stripeConnectedAccount(artisanId: $artisan, cooperativeId: $cooperative) {
    stripeAccountId status canReceiveTransfers detailsSubmitted
  }
}
"""


def target(kind: str) -> dict[str, str]:
    if kind == "artisan":
        pk = Artisan.objects.get(slug="mohamed-serghini").pk
        return {"artisan": to_global_id("Artisan", pk)}
    pk = Cooperative.objects.get(slug="cooperative-safi").pk
    return {"cooperative": to_global_id("Cooperative", pk)}


def start(client: Client, token: str | None, **variables: Any) -> Any:
    defaults = {
        "country": "FR",
        "returnUrl": "https://souk.example/payouts/stripe/return",
        "refreshUrl": "https://souk.example/payouts/stripe/refresh",
    }
    return graphql(client, START, {**defaults, **variables}, token=token)


def permission_denied(result: Any) -> bool:
    return [e["extensions"]["exception"]["code"] for e in result.get("errors", [])] == [
        "PermissionDenied"
    ]


@pytest.fixture
def api_client() -> Client:
    return Client()


@pytest.fixture
def tokens(db: None) -> dict[str, str | None]:
    """The fixture directory and an access token per actor (None for the anonymous)."""
    load_directory_file(DIRECTORY)
    result: dict[str, str | None] = {"anonymous": None}
    for actor, slug in ACTOR_ARTISANS.items():
        user = User.objects.create_user(f"{slug}@souk.example", "motdepasse-1")
        Artisan.objects.filter(slug=slug).update(user=user)
        result[actor] = access_token_for(user)
    return result


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("kind", "allowed"), [("artisan", {"artisan_self"}), ("cooperative", {"manager"})]
)
def test_an_artisan_onboards_themselves_and_a_manager_their_cooperative(
    stripe_api, api_client, tokens, actor, kind, allowed
):
    # when
    result = start(api_client, tokens[actor], **target(kind))

    # then
    if actor in allowed:
        payload = result["data"]["stripeOnboardingStart"]
        assert payload["errors"] == []
        assert payload["onboardingUrl"].startswith(f"{stripe_api.url}/connect/onboarding/")
        assert payload["connectedAccount"]["country"] == "FR"
        assert payload["connectedAccount"]["status"] == "ONBOARDING"
        assert payload["connectedAccount"]["canReceiveTransfers"] is False
    else:
        assert permission_denied(result)
        assert result["data"]["stripeOnboardingStart"] is None
        assert stripe_api.received_requests() == []


def test_starting_again_resumes_the_same_account_with_a_fresh_link(stripe_api, api_client, tokens):
    # given
    first = start(api_client, tokens["manager"], **target("cooperative"))

    # when
    second = start(api_client, tokens["manager"], **target("cooperative"))

    # then
    one, two = (r["data"]["stripeOnboardingStart"] for r in (first, second))
    assert one["connectedAccount"]["stripeAccountId"] == two["connectedAccount"]["stripeAccountId"]
    assert one["onboardingUrl"] != two["onboardingUrl"]
    assert len(stripe_api.client().v1.accounts.list().data) == 1


def test_the_account_email_is_the_viewers_unless_given(stripe_api, api_client, tokens):
    # when
    start(api_client, tokens["artisan_self"], **target("artisan"))

    # then
    (account,) = stripe_api.client().v1.accounts.list().data
    assert account.email == "mohamed-serghini@souk.example"


@pytest.mark.parametrize("country", ["MA", "DZ"])
def test_stripe_is_refused_in_morocco_and_algeria(stripe_api, api_client, tokens, country):
    # when
    result = start(api_client, tokens["artisan_self"], country=country, **target("artisan"))

    # then
    payload = result["data"]["stripeOnboardingStart"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("country", "STRIPE_NOT_AVAILABLE_IN_COUNTRY")
    ]
    assert (payload["onboardingUrl"], payload["connectedAccount"]) == (None, None)
    assert stripe_api.received_requests() == []


@pytest.mark.parametrize(
    ("variables", "errors"),
    [
        pytest.param({"country": "France"}, [("country", "INVALID_COUNTRY")], id="country name"),
        pytest.param(
            {"returnUrl": "javascript:alert(1)", "refreshUrl": "souk.example/r"},
            [("returnUrl", "INVALID"), ("refreshUrl", "INVALID")],
            id="not http urls",
        ),
    ],
)
def test_bad_arguments_are_payload_errors(stripe_api, api_client, tokens, variables, errors):
    # when
    result = start(api_client, tokens["artisan_self"], **target("artisan"), **variables)

    # then
    payload = result["data"]["stripeOnboardingStart"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == errors
    assert stripe_api.received_requests() == []


def test_naming_both_an_artisan_and_a_cooperative_is_refused(stripe_api, api_client, tokens):
    # when
    result = start(api_client, tokens["manager"], **target("artisan"), **target("cooperative"))

    # then
    errors = result["data"]["stripeOnboardingStart"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(None, "INVALID")]


def test_stripe_down_is_a_payload_error_to_retry(stripe_api, api_client, tokens):
    # given
    stripe_api.inject_fault("/v1/accounts", "error")

    # when
    result = start(api_client, tokens["artisan_self"], **target("artisan"))

    # then
    errors = result["data"]["stripeOnboardingStart"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(None, "STRIPE_UNAVAILABLE")]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [("artisan", {"artisan_self"}), ("cooperative", {"manager", "treasurer"})],
)
def test_the_account_status_is_read_by_the_artisan_or_the_cooperatives_officers(
    stripe_api, api_client, tokens, actor, kind, allowed
):
    # given
    onboarder = "artisan_self" if kind == "artisan" else "manager"
    started = start(api_client, tokens[onboarder], **target(kind))
    account_id = started["data"]["stripeOnboardingStart"]["connectedAccount"]["stripeAccountId"]

    # when
    result = graphql(api_client, STATUS, target(kind), token=tokens[actor])

    # then
    if actor in allowed:
        assert result["data"]["stripeConnectedAccount"] == {
            "stripeAccountId": account_id,
            "status": "ONBOARDING",
            "canReceiveTransfers": False,
            "detailsSubmitted": False,
        }
    else:
        assert permission_denied(result)


def test_a_party_without_an_account_reads_null(stripe_api, api_client, tokens):
    result = graphql(api_client, STATUS, target("artisan"), token=tokens["artisan_self"])

    assert result == {"data": {"stripeConnectedAccount": None}}


def test_with_no_party_named_the_signed_in_artisan_reads_their_own_account(
    stripe_api, api_client, tokens
):
    # given
    start(api_client, tokens["artisan_self"], **target("artisan"))

    # when
    own = graphql(api_client, STATUS, {}, token=tokens["artisan_self"])
    others = graphql(api_client, STATUS, {}, token=tokens["other_artisan"])
    anonymous = graphql(api_client, STATUS, {}, token=None)

    # then
    assert own["data"]["stripeConnectedAccount"]["status"] == "ONBOARDING"
    assert others == {"data": {"stripeConnectedAccount": None}}
    assert permission_denied(anonymous)
