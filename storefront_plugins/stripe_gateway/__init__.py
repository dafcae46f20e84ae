"""Stripe plumbing: the configured client, signed Stripe webhooks and their handler registry,
webhook endpoint registration, and Stripe Connect accounts of artisans and cooperatives."""
