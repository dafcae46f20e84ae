"""Where domain code says "this happened": the webhook machinery turns each call into
deliveries for every active app subscribed to the event and allowed to see it.

    trigger_async_event("PRODUCT_UPDATED", product, info.context)

Call it inside the writing transaction; deliveries are created and queued on commit.
"""

from typing import Any


def trigger_async_event(event_type: str, subject: Any, context: Any = None) -> None:
    from saleor_sandbox.webhooks.deliveries import create_deliveries_on_commit

    create_deliveries_on_commit(event_type, subject, context)
