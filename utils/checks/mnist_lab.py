"""Exercise checks of notebook 09 (the MNIST lab)."""

__all__ = []
