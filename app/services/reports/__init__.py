"""Use cases of reporting: the monthly report, the year summary, statistics, checks, the dashboard."""
