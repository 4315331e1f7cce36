"""Finite differences: the slow, obviously correct gradient that checks the fast ones."""
import numpy as np

from utils.scratch._validate import as_float_array


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function: (f(x + eps) - f(x - eps)) / 2 eps per entry.

    Args:
        f: callable taking an array shaped like ``x`` and returning a number.
        x: the point, any shape (use float64: float32 is too coarse for eps = 1e-6).
        eps: the step.

    Returns:
        An array shaped like ``x``.
    """
    if not callable(f):
        raise ValueError(f"numerical_gradient expects a callable f, got {type(f).__name__}")
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.integer, np.floating)) or not eps > 0:
        raise ValueError(f"numerical_gradient expects eps > 0, got {eps!r}")
    x = as_float_array(x, "numerical_gradient", "x").astype(np.float64, copy=True)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        upper = _scalar(f(x))
        x[index] = original - eps
        lower = _scalar(f(x))
        x[index] = original  # leave x as we found it
        grad[index] = (upper - lower) / (2 * eps)
    return grad


def _scalar(value):
    value = np.asarray(value)
    if value.size != 1:
        raise ValueError(f"numerical_gradient expects f to return a scalar, got shape {value.shape}")
    return float(value.reshape(()))


def relative_error(a, b):
    """Largest |a - b| / max(|a|, |b|, 1e-12) over the entries: a strict gradient-check score.

    Args:
        a, b: arrays of the same shape.

    Returns:
        A float; 0 for equal arrays (and for empty ones).
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error expects arrays of the same shape, got {a.shape} and {b.shape}")
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-12)
    return float(np.max(np.abs(a - b) / scale)) if a.size else 0.0
