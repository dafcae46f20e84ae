import json
from datetime import timedelta

import pytest
from django.utils import timezone

from storefront_plugins.saleor_app.models import Installation, WebhookDelivery

pytestmark = pytest.mark.django_db

PRODUCT_UPDATED = json.dumps(
    {
        "issuedAt": "2026-11-22T10:15:00+00:00",
        "version": "3.23.28",
        "product": {"id": "UHJvZHVjdDo3Mg==", "slug": "tajine-safi-bleu", "name": "Tajine de Safi"},
    }
).encode()
URL = "/api/webhooks/product-updated"


def deliver(
    client,
    saleor,
    body=PRODUCT_UPDATED,
    *,
    url=URL,
    event="product_updated",
    signature=None,
    api_url=None,
):
    headers = {
        "Saleor-Event": event,
        "Saleor-Api-Url": api_url or saleor.api_url,
        "Saleor-Domain": "localhost",
        "Saleor-Signature": saleor.sign(body) if signature is None else signature,
    }
    return client.post(url, data=body, content_type="application/json", headers=headers)


def test_a_signed_delivery_is_stored_and_queued(
    client, installation, fake_saleor, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks() as queued:
        response = deliver(client, fake_saleor)

    # then
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert response.json() == {"success": True, "delivery": delivery.pk, "duplicate": False}
    assert delivery.installation == installation
    assert delivery.event == "PRODUCT_UPDATED"
    assert delivery.body.encode() == PRODUCT_UPDATED
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert len(queued) == 1


def test_a_forged_signature_is_refused_and_nothing_is_stored(client, installation, fake_saleor):
    from tests.app.saleor_endpoints import SigningKey, saleor_signature

    forged = saleor_signature(PRODUCT_UPDATED, SigningKey.generate("key-1"))

    response = deliver(client, fake_saleor, signature=forged)

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "INVALID_SIGNATURE",
        "message": "Saleor-Signature does not match the body.",
    }
    assert not WebhookDelivery.objects.exists()


def test_a_signature_of_another_body_is_refused(client, installation, fake_saleor):
    other_body = PRODUCT_UPDATED.replace(b"Tajine", b"Tagine")

    response = deliver(client, fake_saleor, signature=fake_saleor.sign(other_body))

    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()


def test_a_missing_signature_is_refused(client, installation, fake_saleor):
    response = deliver(client, fake_saleor, signature="")

    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Missing Saleor-Signature header."


def test_a_delivery_from_a_saleor_that_did_not_install_the_app_is_refused(
    client, installation, fake_saleor
):
    response = deliver(client, fake_saleor, api_url="https://other.saleor.cloud/graphql/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNKNOWN_INSTALLATION"
    assert not WebhookDelivery.objects.exists()


def test_a_delivery_without_saleor_api_url_is_refused(client, installation, fake_saleor):
    response = client.post(
        URL,
        data=PRODUCT_UPDATED,
        content_type="application/json",
        headers={"Saleor-Signature": fake_saleor.sign(PRODUCT_UPDATED)},
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MISSING_HEADER"


@pytest.mark.parametrize("body", [b"{not json", b'["a list"]', b"\xff\xfe"])
def test_a_signed_but_malformed_body_is_refused(client, installation, fake_saleor, body):
    response = deliver(client, fake_saleor, body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MALFORMED_BODY"
    assert not WebhookDelivery.objects.exists()


def test_an_event_sent_to_another_events_endpoint_is_refused(client, installation, fake_saleor):
    response = deliver(client, fake_saleor, event="order_fully_paid")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "EVENT_MISMATCH"


def test_an_unknown_event_endpoint_is_not_found(client, installation, fake_saleor):
    response = deliver(
        client, fake_saleor, url="/api/webhooks/checkout-created", event="checkout_created"
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "UNKNOWN_EVENT"


def test_a_replayed_delivery_is_stored_and_queued_once(
    client, installation, fake_saleor, django_capture_on_commit_callbacks
):
    # given
    with django_capture_on_commit_callbacks() as first_queued:
        first = deliver(client, fake_saleor)

    # when Saleor retries after a timeout, with the same body
    with django_capture_on_commit_callbacks() as second_queued:
        second = deliver(client, fake_saleor)

    # then
    assert second.status_code == 200
    assert second.json() == {
        "success": True,
        "delivery": first.json()["delivery"],
        "duplicate": True,
    }
    assert WebhookDelivery.objects.count() == 1
    assert (len(first_queued), len(second_queued)) == (1, 0)


def test_the_same_body_for_two_events_is_two_deliveries(client, installation, fake_saleor):
    deliver(client, fake_saleor)
    deliver(client, fake_saleor, url="/api/webhooks/product-created", event="product_created")

    assert sorted(WebhookDelivery.objects.values_list("event", flat=True)) == [
        "PRODUCT_CREATED",
        "PRODUCT_UPDATED",
    ]


def test_a_rotated_key_is_fetched_once_and_then_verifies(
    client, installation, fake_saleor, settings
):
    # given Saleor rotated its key after the App fetched its JWKS long enough ago
    Installation.objects.update(jwks_fetched_at=timezone.now() - timedelta(hours=1))
    fake_saleor.rotate_key("key-2")
    fetches_before = fake_saleor.jwks_requests

    # when
    response = deliver(client, fake_saleor)

    # then
    assert response.status_code == 200
    assert fake_saleor.jwks_requests == fetches_before + 1
    assert [key["kid"] for key in Installation.objects.get().jwks["keys"]] == ["key-2"]

    # and later deliveries with the new key need no fetch
    deliver(client, fake_saleor, PRODUCT_UPDATED.replace(b"10:15", b"10:16"))
    assert fake_saleor.jwks_requests == fetches_before + 1


def test_unknown_keys_refetch_the_jwks_at_most_once_per_interval(
    client, installation, fake_saleor, settings
):
    # given a flood of signatures with keys Saleor never had
    from tests.app.saleor_endpoints import SigningKey, saleor_signature

    settings.SALEOR_JWKS_REFETCH_INTERVAL = 60
    Installation.objects.update(jwks_fetched_at=timezone.now() - timedelta(hours=1))
    fetches_before = fake_saleor.jwks_requests

    # when
    statuses = [
        deliver(
            client,
            fake_saleor,
            signature=saleor_signature(PRODUCT_UPDATED, SigningKey.generate(f"bogus-{n}")),
        ).status_code
        for n in range(5)
    ]

    # then: the first is checked against a fresh key set and refused; the others wait
    assert statuses == [401, 503, 503, 503, 503]
    assert fake_saleor.jwks_requests == fetches_before + 1
    assert not WebhookDelivery.objects.exists()


def test_a_key_rotated_just_after_a_fetch_is_retried_by_saleor_after_the_interval(
    client, installation, fake_saleor, settings
):
    # given the JWKS was fetched a moment ago (at installation), then Saleor rotated its key
    settings.SALEOR_JWKS_REFETCH_INTERVAL = 60
    fake_saleor.rotate_key("key-2")

    # when
    refused = deliver(client, fake_saleor)

    # then Saleor is told to retry (5xx), not to give up (4xx)
    assert refused.status_code == 503
    assert refused["Retry-After"] == "60"
    assert refused.json()["error"]["code"] == "SIGNING_KEY_NOT_YET_KNOWN"

    # and when it retries after the interval, the new key is fetched and the delivery kept
    Installation.objects.update(jwks_fetched_at=timezone.now() - timedelta(seconds=61))
    retried = deliver(client, fake_saleor)
    assert retried.status_code == 200
    assert WebhookDelivery.objects.count() == 1
