"""Screens of intake: the intake wizard and the Excel ledger import wizard."""
