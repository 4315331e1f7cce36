"""Exercise checks of notebook 02 (the perceptron)."""

__all__ = []
