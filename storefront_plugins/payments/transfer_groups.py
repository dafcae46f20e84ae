"""A paid order's PaymentIntent joins the order's transfer group, where payouts' separate
transfers to artisans go (Stripe's "separate charges and transfers").

The webhook handler only records which order the payment belongs to; Stripe is called by
a task after that commits, so a slow Stripe never holds the transaction that posts a batch
of paid orders to the ledger, and a Stripe outage never fails the order's delivery."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import stripe
from django.db import transaction
from django.db.models import Q

from storefront_plugins.payments import intents
from storefront_plugins.payments.models import Payment
from storefront_plugins.stripe_gateway.client import StripeUnavailable, is_transient

logger = logging.getLogger(__name__)


class TransferGroupNotYetSet(Exception):
    """Stripe could not be reached or answered a transient error: try again later."""


@dataclass(frozen=True)
class OrderPayments:
    installation_id: int
    order_id: str
    transaction_ids: list[str]


def payments_to_group(orders: Sequence[OrderPayments]) -> list[int]:
    """Records each paid order on its payments (one query to read them, one write per
    payment that changes); the ids of those whose PaymentIntent must still join its order's
    transfer group."""
    order_of = {
        (o.installation_id, transaction_id): o.order_id
        for o in orders
        for transaction_id in o.transaction_ids
    }
    if not order_of:
        return []
    condition = Q()
    for installation_id, transaction_id in order_of:
        condition |= Q(installation_id=installation_id, saleor_transaction_id=transaction_id)
    pending = []
    for payment in Payment.objects.select_for_update().filter(condition).order_by("pk"):
        order_id = order_of[(payment.installation_id, payment.saleor_transaction_id)]
        if payment.saleor_order_id != order_id:
            payment.saleor_order_id = order_id
            payment.save(update_fields=["saleor_order_id", "updated_at"])
        if payment.payment_intent_id and payment.transfer_group != order_id:
            pending.append(payment.pk)
    return pending


def group_payment(payment_id: int) -> str:
    """Sets the PaymentIntent's transfer group to its order (idempotent: Stripe's update is
    keyed, and a payment already grouped is left alone)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
        if payment is None or not payment.saleor_order_id or not payment.payment_intent_id:
            return "nothing to group"
        if payment.transfer_group == payment.saleor_order_id:
            return "already grouped"
        try:
            intents.set_transfer_group(payment.payment_intent_id, payment.saleor_order_id)
        except StripeUnavailable as error:
            raise TransferGroupNotYetSet(error.message) from error
        except stripe.StripeError as error:
            if is_transient(error):
                raise TransferGroupNotYetSet(str(error)) from error
            logger.warning("Stripe refused the transfer group of %s: %s", payment, error)
            return "refused"
        payment.transfer_group = payment.saleor_order_id
        payment.save(update_fields=["transfer_group", "updated_at"])
        return "grouped"
