"""Plots for attention: heat maps of attention weights, positional encodings (notebook 11)."""

__all__ = []
