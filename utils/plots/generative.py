"""Plots for autoencoders and generative models: latent spaces and grids (notebook 12)."""

__all__ = []
