"""Screens of the household file: the registry and the household window with its tabs."""
