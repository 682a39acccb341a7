"""Ledger import and export: messy ledgers built by the tests themselves."""
