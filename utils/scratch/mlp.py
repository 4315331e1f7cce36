"""Placeholder for the two-layer MLP with backpropagation."""
__all__ = []
