"""Test-wide settings: draw without a screen."""
import matplotlib

matplotlib.use("Agg")
