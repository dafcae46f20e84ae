"""Payout rails: the interface (`base`), the registry by rail name (`registry`), the manual
rails (`manual`) and, when it lands, Stripe Connect (`stripe_connect`)."""
