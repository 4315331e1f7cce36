"""Exercise checks of notebook 03 (activation functions)."""

__all__ = []
