"""Placeholder for the vision part of utils.widgets."""
__all__ = []
