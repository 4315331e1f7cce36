"""Exercise checks of notebook 00 (the Python and Jupyter primer)."""

__all__ = []
