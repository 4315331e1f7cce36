"""Exercise checks of notebook 04 (neural networks and losses)."""

__all__ = []
