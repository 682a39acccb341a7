"""Use cases of dynamic management: periodic reviews and the county's decisions on proposals."""
