"""Placeholder for the intro part of utils.plots."""
__all__ = []
