"""Certificates a shopper can verify: a canonical provenance document signed with Ed25519.

Pure modules (`canonical`, `signing`, `digital_link`, `key_encryption`, `qr`) decide and
compute; `services` is the only writer; `views` parse requests and call one service.
"""
