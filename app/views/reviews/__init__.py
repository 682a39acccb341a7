"""Screens of dynamic management: the review queue and form, the county's proposals."""
