"""Plots for recurrent networks: unrolled cells, forecasts, gradient decay (notebook 10)."""

__all__ = []
