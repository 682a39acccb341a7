"""Use cases of the monthly payments: runs, amount changes, the bank's return file."""
