"""Exercise checks of notebook 06 (backpropagation)."""

__all__ = []
