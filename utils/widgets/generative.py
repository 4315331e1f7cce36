"""The latent-space explorer: move through a 2-D code, see the digit (notebook 12)."""

__all__ = []
