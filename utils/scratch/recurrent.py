"""A recurrent cell and its unrolled forward pass, in NumPy (notebook 10)."""

__all__ = []
