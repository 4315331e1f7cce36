"""Placeholder for the networks part of utils.checks."""
__all__ = []
