"""Telling Saleor what happened at Stripe: each transaction event once.

Saleor itself keeps one event per pspReference, type and amount (answering
`alreadyProcessed`); `ReportedEvent` keeps the App from telling it twice: a sync answer
already gave Saleor the event, or Stripe sends the same news again (a redelivery, or another
event about the same state)."""

import logging

from django.db import IntegrityError, transaction

from storefront_plugins.payments.documents import payments_documents
from storefront_plugins.payments.models import Payment, ReportedEvent
from storefront_plugins.payments.outcomes import SaleorOutcome
from storefront_plugins.saleor_app.exceptions import SaleorTransportError
from storefront_plugins.saleor_app.handlers import RetryLater
from storefront_plugins.saleor_app.services import client_for

logger = logging.getLogger(__name__)


def mark_reported(payment: Payment, outcome: SaleorOutcome, stripe_event_id: str = "") -> bool:
    """Record that Saleor has this event; False when it already had it."""
    try:
        with transaction.atomic():
            ReportedEvent.objects.create(
                payment=payment,
                type=outcome.result,
                psp_reference=outcome.psp_reference,
                amount=outcome.amount,
                stripe_event_id=stripe_event_id,
            )
    except IntegrityError:
        return False
    return True


def report_to_saleor(payment: Payment, outcome: SaleorOutcome, stripe_event_id: str) -> bool:
    """transactionEventReport, unless Saleor has the event already; runs in the caller's
    transaction, so a failed call leaves nothing recorded and the caller retries."""
    if not mark_reported(payment, outcome, stripe_event_id):
        return False
    variables = {
        "id": payment.saleor_transaction_id,
        "type": outcome.result,
        "amount": str(outcome.decimal_amount),
        "pspReference": outcome.psp_reference,
        "message": outcome.message or None,
        "availableActions": list(outcome.actions) if outcome.actions is not None else None,
    }
    try:
        client_for(payment.installation).execute(
            payments_documents.get("mutations/transaction_event_report"), variables
        )
    except SaleorTransportError as error:
        raise RetryLater(str(error)) from error
    logger.info("Reported %s of %s to Saleor.", outcome.result, payment)
    return True
