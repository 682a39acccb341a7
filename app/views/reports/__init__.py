"""Screens of reporting: statistics, the monthly report and year summary, the county dashboard."""
