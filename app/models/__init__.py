"""SQLAlchemy 2 typed tables, one module per aggregate."""
