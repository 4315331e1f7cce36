"""Exercise checks of notebook 12 (autoencoders and generative models)."""

__all__ = []
