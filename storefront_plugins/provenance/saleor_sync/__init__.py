"""Saleor's marketplace recipe, kept in sync: each artisan as a Page of the `artisan` page
type, linked from products by the REFERENCE attribute `artisan`, and a short provenance
summary in each product's public metadata.

`decisions` decides what Saleor should hold (pure); `services` reads Saleor and writes only
what differs, so the App's own writes never start a webhook loop; `tasks` and `webhooks`
keep both sides in sync.
"""
