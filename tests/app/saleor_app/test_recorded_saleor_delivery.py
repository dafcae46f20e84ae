"""A delivery recorded from a real Saleor 3.23 verifies and is accepted."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from storefront_plugins.saleor_app.models import Installation, WebhookDelivery
from storefront_plugins.saleor_app.signatures import SignatureError, verify_webhook_signature

RECORDED = Path(__file__).parent / "recorded"
BODY = (RECORDED / "product_updated.body").read_bytes()
HEADERS = json.loads((RECORDED / "product_updated.headers.json").read_text())
JWKS = json.loads((RECORDED / "jwks.json").read_text())


def test_saleors_own_signature_verifies():
    verified = verify_webhook_signature(HEADERS["Saleor-Signature"], BODY, JWKS)

    assert verified.key_id == JWKS["keys"][0]["kid"]


def test_saleors_signature_fails_for_a_changed_body():
    with pytest.raises(SignatureError):
        verify_webhook_signature(
            HEADERS["Saleor-Signature"], BODY.replace(b"Monospace", b"Monospaced"), JWKS
        )


@pytest.mark.django_db
def test_the_recorded_delivery_is_accepted_by_the_webhook_endpoint(client):
    # given
    Installation.objects.create(
        saleor_api_url=HEADERS["Saleor-Api-Url"],
        saleor_app_id="QXBwOjEx",
        auth_token="recorded",
        jwks=JWKS,
        jwks_fetched_at=timezone.now(),
    )

    # when
    response = client.post(
        "/api/webhooks/product-updated",
        data=BODY,
        content_type=HEADERS["Content-Type"],
        headers={key: value for key, value in HEADERS.items() if key.startswith("Saleor-")},
    )

    # then
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert json.loads(delivery.body)["product"]["slug"] == "ascii-tee"
