"""Screens of setting up: the first-run wizard, settings, standards."""
