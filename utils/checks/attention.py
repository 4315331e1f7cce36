"""Exercise checks of notebook 11 (attention and transformers)."""

__all__ = []
