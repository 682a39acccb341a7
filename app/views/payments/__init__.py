"""Screens of the monthly payments (发放)."""
