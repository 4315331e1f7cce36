"""Exercise checks of notebook 01 (TensorFlow basics)."""

__all__ = []
