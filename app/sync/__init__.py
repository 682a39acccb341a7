"""Encrypted, signed sync bundles (see docs/bundle-format.md)."""
