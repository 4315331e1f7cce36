"""Scaled dot-product attention and positional encoding, in NumPy (notebook 11)."""

__all__ = []
