"""Exercise checks of notebook 08 (regularization)."""

__all__ = []
