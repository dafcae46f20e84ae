"""A stateful local stand-in for the part of Stripe's API Souk uses.

Stripe Connect (Express accounts, Account Links, transfers and reversals, payouts), PaymentIntents
with test cards and 3-D Secure, refunds, the balance, events and signed webhook deliveries,
spoken over Stripe's wire protocol so that stripe-python's `StripeClient` works unchanged.
It imports nothing of the project: the App reaches it only over HTTP.
"""
