"""Helpers shared by the course notebooks.

Import modules, not names: ``from utils import data, plots``. Importing this package does
nothing but define functions: no downloads, no prints, no TensorFlow start-up.
"""
