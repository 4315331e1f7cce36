"""Exercise checks of notebook 05 (gradient descent and optimizers)."""

__all__ = []
