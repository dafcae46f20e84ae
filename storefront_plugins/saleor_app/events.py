"""The Saleor webhook events the App subscribes to, with Saleor's names for them."""

from enum import StrEnum
from typing import Self


class _SaleorEventName(StrEnum):
    """Names derived from a Saleor event type, shared by async and sync events."""

    @property
    def header_value(self) -> str:
        """What Saleor sends in the `Saleor-Event` header: `product_updated`."""
        return self.value.lower()

    @property
    def slug(self) -> str:
        """The last part of the event's webhook URL: `product-updated`."""
        return self.value.lower().replace("_", "-")

    @property
    def subscription_name(self) -> str:
        """The name of the `.graphql` file holding the event's subscription query."""
        return self.value.lower()

    @classmethod
    def from_slug(cls, slug: str) -> Self | None:
        for event in cls:
            if event.slug == slug:
                return event
        return None


class WebhookEvent(_SaleorEventName):
    """A `WebhookEventTypeAsyncEnum` value of Saleor's schema."""

    ORDER_FULLY_PAID = "ORDER_FULLY_PAID"
    ORDER_REFUNDED = "ORDER_REFUNDED"
    ORDER_FULLY_REFUNDED = "ORDER_FULLY_REFUNDED"
    ORDER_CANCELLED = "ORDER_CANCELLED"
    ORDER_FULFILLED = "ORDER_FULFILLED"
    PRODUCT_CREATED = "PRODUCT_CREATED"
    PRODUCT_UPDATED = "PRODUCT_UPDATED"
    PRODUCT_DELETED = "PRODUCT_DELETED"


class SyncWebhookEvent(_SaleorEventName):
    """A `WebhookEventTypeSyncEnum` value: Saleor waits for the App's answer (payments)."""

    PAYMENT_GATEWAY_INITIALIZE_SESSION = "PAYMENT_GATEWAY_INITIALIZE_SESSION"
    TRANSACTION_INITIALIZE_SESSION = "TRANSACTION_INITIALIZE_SESSION"
    TRANSACTION_PROCESS_SESSION = "TRANSACTION_PROCESS_SESSION"
    TRANSACTION_CHARGE_REQUESTED = "TRANSACTION_CHARGE_REQUESTED"
    TRANSACTION_REFUND_REQUESTED = "TRANSACTION_REFUND_REQUESTED"
    TRANSACTION_CANCELATION_REQUESTED = "TRANSACTION_CANCELATION_REQUESTED"
