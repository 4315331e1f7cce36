"""Placeholder for the networks part of utils.plots."""
__all__ = []
