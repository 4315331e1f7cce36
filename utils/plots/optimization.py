"""Placeholder for the optimization part of utils.plots."""
__all__ = []
