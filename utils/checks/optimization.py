"""Placeholder for the optimization part of utils.checks."""
__all__ = []
