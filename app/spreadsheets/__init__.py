"""openpyxl ledgers, rosters and reports."""
