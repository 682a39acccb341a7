"""Qt item models (kept apart from app.models)."""
