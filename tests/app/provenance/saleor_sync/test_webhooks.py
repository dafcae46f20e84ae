"""The write-back's webhook handlers: registered from ready(), PRODUCT_DELETED's hook."""

import logging

import pytest

from storefront_plugins.provenance.saleor_sync import providers
from storefront_plugins.provenance.saleor_sync.webhooks import (
    forget_deleted_product,
    repair_product_provenance,
)
from storefront_plugins.saleor_app.events import WebhookEvent
from storefront_plugins.saleor_app.handlers import WebhookMessage, handlers_for

API_URL = "https://saleor.example/graphql/"


def _deleted(product_id: str) -> WebhookMessage:
    return WebhookMessage(
        delivery_id=1,
        installation_id=1,
        saleor_api_url=API_URL,
        event=WebhookEvent.PRODUCT_DELETED,
        payload={"product": {"id": product_id, "slug": "tajine", "metadata": []}},
    )


@pytest.fixture
def no_provider():
    providers.unregister()
    yield
    providers.reset()


def test_the_handlers_are_registered_from_the_app_config():
    assert repair_product_provenance in handlers_for(WebhookEvent.PRODUCT_UPDATED)
    assert forget_deleted_product in handlers_for(WebhookEvent.PRODUCT_DELETED)


def test_a_deleted_product_without_provenance_data_is_logged_and_skipped(no_provider, caplog):
    with caplog.at_level(logging.INFO):
        forget_deleted_product(_deleted("UHJvZHVjdDox"))

    assert "Product UHJvZHVjdDox deleted in Saleor; no provenance data to mark." in caplog.text


def test_a_deleted_product_is_passed_to_the_provenance_data(no_provider):
    removed: list[tuple[str, str]] = []
    providers.register(
        summary_for=lambda _url, _id: None,
        product_deleted=lambda url, product_id: removed.append((url, product_id)),
    )

    forget_deleted_product(_deleted("UHJvZHVjdDox"))

    assert removed == [(API_URL, "UHJvZHVjdDox")]


def test_a_product_update_without_provenance_does_not_reach_saleor(no_provider):
    # no installation row, no Saleor: the handler returns before needing either
    message = WebhookMessage(1, 1, API_URL, WebhookEvent.PRODUCT_UPDATED, {"product": {"id": "x"}})

    repair_product_provenance(message)
