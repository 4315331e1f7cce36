"""Exercise checks of notebook 10 (recurrent networks)."""

__all__ = []
