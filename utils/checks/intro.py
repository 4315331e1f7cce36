"""Placeholder for the intro part of utils.checks."""
__all__ = []
