"""The Saleor App protocol: manifest, registration, signed webhooks and the GraphQL client.

Capabilities build on this package (they register webhook handlers and call Saleor through
its client); it never imports them.
"""
