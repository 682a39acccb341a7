"""Qt widgets; the only layer that imports PySide6."""
