"""One module per Stripe resource: its objects, its behaviour and its routes."""
