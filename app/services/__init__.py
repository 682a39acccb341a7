"""Use cases over a unit of work; role checks live here."""
