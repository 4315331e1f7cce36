"""Placeholder for the vision part of utils.checks."""
__all__ = []
