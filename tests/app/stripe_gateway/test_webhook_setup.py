"""stripe_webhook_setup: the App's endpoints on the configured Stripe API, secrets kept."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from storefront_plugins.stripe_gateway.endpoints import set_up_webhook_endpoints
from storefront_plugins.stripe_gateway.handlers import handled_event_types
from storefront_plugins.stripe_gateway.models import WebhookEndpoint
from storefront_plugins.stripe_gateway.webhooks import signing_secrets

pytestmark = pytest.mark.django_db

PUBLIC_URL = "http://app.souk.test:8000/"
WEBHOOK_URL = "http://app.souk.test:8000/api/stripe/webhooks"


def endpoints_on(stripe_api):
    return sorted(
        (e.to_dict() for e in stripe_api.client().v1.webhook_endpoints.list().data),
        key=lambda e: e["metadata"]["souk_scope"] if e["metadata"] else "",
    )


def endpoint_creations(stripe_api):
    return [
        r
        for r in stripe_api.received_requests()
        if (r["method"], r["path"]) == ("POST", "/v1/webhook_endpoints")
    ]


def test_a_platform_and_a_connect_endpoint_are_registered_for_the_handled_events(stripe_api):
    # when
    setups = set_up_webhook_endpoints(PUBLIC_URL)

    # then
    assert "account.updated" in handled_event_types()
    assert [(s.scope, s.url, s.created) for s in setups] == [
        ("platform", WEBHOOK_URL, True),
        ("connect", WEBHOOK_URL, True),
    ]
    remote = endpoints_on(stripe_api)
    assert [(e["metadata"]["souk_scope"], e["url"]) for e in remote] == [
        ("connect", WEBHOOK_URL),
        ("platform", WEBHOOK_URL),
    ]
    assert all(e["enabled_events"] == handled_event_types() for e in remote)
    kept = WebhookEndpoint.objects.order_by("scope")
    assert [(k.scope, k.stripe_endpoint_id, k.api_base) for k in kept] == [
        ("connect", remote[0]["id"], stripe_api.url),
        ("platform", remote[1]["id"], stripe_api.url),
    ]
    assert all(k.secret.startswith("whsec_") for k in kept)
    assert sorted(signing_secrets()) == sorted(k.secret for k in kept)


def test_setting_up_again_reuses_the_endpoints(stripe_api):
    # given
    first = set_up_webhook_endpoints(PUBLIC_URL)
    secrets = set(WebhookEndpoint.objects.values_list("secret", flat=True))

    # when
    second = set_up_webhook_endpoints(PUBLIC_URL)

    # then
    assert [s.stripe_endpoint_id for s in second] == [s.stripe_endpoint_id for s in first]
    assert [s.created for s in second] == [False, False]
    assert len(endpoint_creations(stripe_api)) == 2
    assert set(WebhookEndpoint.objects.values_list("secret", flat=True)) == secrets


def test_a_stripe_that_forgot_the_endpoints_gets_new_ones_and_old_secrets_go(stripe_api):
    # given the demo's stand-in restarted empty
    set_up_webhook_endpoints(PUBLIC_URL)
    old_secrets = set(WebhookEndpoint.objects.values_list("secret", flat=True))
    stripe_api.reset()

    # when
    setups = set_up_webhook_endpoints(PUBLIC_URL)

    # then
    assert [s.created for s in setups] == [True, True]
    assert len(endpoints_on(stripe_api)) == 2
    assert WebhookEndpoint.objects.count() == 2
    assert not old_secrets & set(signing_secrets())


def test_an_endpoint_of_ours_whose_secret_is_lost_is_replaced_and_others_are_left(stripe_api):
    # given one of ours Souk has no secret for, and someone else's endpoint
    client = stripe_api.client()
    lost = client.v1.webhook_endpoints.create(
        params={
            "url": WEBHOOK_URL,
            "enabled_events": ["account.updated"],
            "metadata": {"souk_scope": "platform"},
        }
    )
    foreign = client.v1.webhook_endpoints.create(
        params={"url": "https://crm.example/hooks", "enabled_events": ["*"]}
    )

    # when
    set_up_webhook_endpoints(PUBLIC_URL)

    # then
    ids = {e["id"] for e in endpoints_on(stripe_api)}
    assert foreign.id in ids
    assert lost.id not in ids
    assert len(ids) == 3


def test_the_command_prints_each_endpoint(stripe_api):
    # given
    out = StringIO()

    # when
    call_command("stripe_webhook_setup", PUBLIC_URL, stdout=out)

    # then
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["scope"], line["url"], line["created"]) for line in lines] == [
        ("platform", WEBHOOK_URL, True),
        ("connect", WEBHOOK_URL, True),
    ]
