"""Placeholder for the optimization part of utils.widgets."""
__all__ = []
