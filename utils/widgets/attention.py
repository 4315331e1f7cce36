"""The attention explorer: pick a query position, see its weights (notebook 11)."""

__all__ = []
