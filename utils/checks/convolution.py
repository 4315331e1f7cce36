"""Exercise checks of notebook 07 (convolutional networks)."""

__all__ = []
