"""The Saleor webhook events the App subscribes to, with Saleor's names for them."""

from enum import StrEnum


class WebhookEvent(StrEnum):
    """A `WebhookEventTypeAsyncEnum` value of Saleor's schema."""

    ORDER_FULLY_PAID = "ORDER_FULLY_PAID"
    ORDER_REFUNDED = "ORDER_REFUNDED"
    ORDER_FULLY_REFUNDED = "ORDER_FULLY_REFUNDED"
    ORDER_CANCELLED = "ORDER_CANCELLED"
    ORDER_FULFILLED = "ORDER_FULFILLED"
    PRODUCT_CREATED = "PRODUCT_CREATED"
    PRODUCT_UPDATED = "PRODUCT_UPDATED"
    PRODUCT_DELETED = "PRODUCT_DELETED"

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
    def from_slug(cls, slug: str) -> "WebhookEvent | None":
        for event in cls:
            if event.slug == slug:
                return event
        return None
