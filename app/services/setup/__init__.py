"""Use cases of setting up: installations, first run, accounts, areas, standards, backups."""
