"""Screens of sync: export, import, stations and the county's queues."""
