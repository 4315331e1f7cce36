"""Argument checks shared by the from-scratch functions: clear ValueErrors, never asserts."""
import numpy as np


def as_float_array(x, func, name="input"):
    """Return ``x`` as a floating-point array, refusing non-numbers and NaN.

    Integer and boolean input becomes float64; float32/float64 keep their precision so the
    comparisons with TensorFlow can be made in either.
    """
    try:
        array = np.asarray(x)
    except Exception as error:  # ragged lists and the like
        raise ValueError(f"{func} expects a numeric array as {name}, got {type(x).__name__}") from error
    if array.dtype.kind in "biu":
        array = array.astype(np.float64)
    elif array.dtype.kind != "f":
        raise ValueError(f"{func} expects a numeric array as {name}, got dtype {array.dtype}")
    if np.isnan(array).any():
        raise ValueError(f"{func} expects {name} without NaN, got {int(np.isnan(array).sum())} NaN value(s)")
    return array


def require_ndim(array, ndim, func, name="input"):
    """Raise unless ``array`` has exactly ``ndim`` axes."""
    if array.ndim != ndim:
        raise ValueError(f"{func} expects a {ndim}-D {name}, got shape {array.shape}")


def require_same_shape(a, b, func, names=("y_true", "y_pred")):
    """Raise unless two arrays have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{func} expects {names[0]} and {names[1]} of the same shape, got {a.shape} and {b.shape}")


def require_positive_int(value, func, name):
    """Raise unless ``value`` is an integer of at least 1."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{func} expects {name} to be an integer >= 1, got {value!r}")


def require_in_range(array, low, high, func, name):
    """Raise unless every entry of ``array`` lies in [low, high]."""
    if array.size and (array.min() < low or array.max() > high):
        raise ValueError(
            f"{func} expects {name} in [{low}, {high}], got values from {array.min():.4g} to {array.max():.4g}"
        )
