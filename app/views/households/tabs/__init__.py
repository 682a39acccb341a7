"""The tabs of the household file editor, one QWidget per tab (each its own translation context)."""
