"""Exercise checks of notebook 00 (what deep learning is)."""

__all__ = []
