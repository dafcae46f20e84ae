"""Stripe's events about the App's PaymentIntents and refunds, reported to Saleor.

A Stripe event is stored once by its id and handled once (`stripe_gateway`); what it means
to Saleor is `outcomes.event_outcomes`, reported once per pspReference, type and amount."""

from storefront_plugins.payments.models import Payment
from storefront_plugins.payments.outcomes import (
    PAYMENT_INTENT_EVENTS,
    REFUND_EVENTS,
    event_outcomes,
    payment_intent_of,
)
from storefront_plugins.payments.reports import report_to_saleor
from storefront_plugins.stripe_gateway.handlers import StripeEventMessage, stripe_event_handler

REPORTED_EVENTS = (*PAYMENT_INTENT_EVENTS, "charge.refunded", *REFUND_EVENTS)


def report_stripe_event(message: StripeEventMessage) -> None:
    if message.account is not None:  # a connected account's event: not a shopper's payment
        return
    intent_id = payment_intent_of(message.type, message.object)
    if not intent_id:
        return
    payment = (
        Payment.objects.select_related("installation").filter(payment_intent_id=intent_id).first()
    )
    if payment is None:  # a PaymentIntent Souk did not create for Saleor
        return
    for outcome in event_outcomes(message.type, message.object):
        report_to_saleor(payment, outcome, message.event_id)


def register_stripe_event_handlers() -> None:
    for event_type in REPORTED_EVENTS:
        stripe_event_handler(event_type)(report_stripe_event)
