"""Payments: the App as a Saleor payment app (Transactions API) over Stripe PaymentIntents."""
