"""Placeholder for the networks part of utils.widgets."""
__all__ = []
