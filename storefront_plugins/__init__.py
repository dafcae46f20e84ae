"""Souk's capabilities, one Django app each. `saleor_app` is the layer they all stand on."""
