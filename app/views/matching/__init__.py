"""Screens of data matching (信息比对)."""
