"""Plots for regularization: fits by degree, train and validation curves (notebook 08)."""

__all__ = []
