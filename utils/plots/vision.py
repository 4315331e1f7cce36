"""Placeholder for the vision part of utils.plots."""
__all__ = []
