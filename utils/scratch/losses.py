"""Loss functions in NumPy, each the mean over the examples as Keras computes it."""
import numpy as np

from utils.scratch._validate import as_float_array, require_in_range, require_same_shape

EPSILON = 1e-7  # Keras clips probabilities to [eps, 1 - eps] so that log(0) never happens


def _pair(y_true, y_pred, func):
    y_true = as_float_array(y_true, func, "y_true")
    y_pred = as_float_array(y_pred, func, "y_pred")
    require_same_shape(y_true, y_pred, func)
    if y_true.size == 0:
        raise ValueError(f"{func} expects at least one example, got shape {y_true.shape}")
    return y_true, y_pred


def binary_cross_entropy(y_true, y_pred, eps=EPSILON):
    """Mean of -[y log p + (1 - y) log(1 - p)] over all entries.

    Args:
        y_true: labels in [0, 1], any shape.
        y_pred: predicted probabilities in [0, 1], the same shape.
        eps: clipping that keeps the logarithms finite.

    Returns:
        A float: the average loss.
    """
    y_true, y_pred = _pair(y_true, y_pred, "binary_cross_entropy")
    require_in_range(y_true, 0, 1, "binary_cross_entropy", "y_true")
    require_in_range(y_pred, 0, 1, "binary_cross_entropy", "y_pred (probabilities)")
    p = np.clip(y_pred, eps, 1 - eps)
    return float(np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))))


def categorical_cross_entropy(y_true, y_pred, eps=EPSILON):
    """Mean over examples of -sum_k y_k log p_k, the classes along the last axis.

    Args:
        y_true: one-hot (or soft) labels, shape (n, classes) or (classes,).
        y_pred: probabilities of the same shape; each row should sum to 1 (rows that do not are
            rescaled, as Keras does, so that scores can be passed after a warning in the text).
        eps: clipping that keeps the logarithm finite.

    Returns:
        A float: the average loss.
    """
    y_true, y_pred = _pair(y_true, y_pred, "categorical_cross_entropy")
    if y_true.ndim == 0:
        raise ValueError(f"categorical_cross_entropy expects at least a 1-D array of classes, got shape {y_true.shape}")
    require_in_range(y_pred, 0, np.inf, "categorical_cross_entropy", "y_pred (probabilities)")
    row_sums = y_pred.sum(axis=-1, keepdims=True)
    if np.any(row_sums == 0):
        raise ValueError("categorical_cross_entropy expects each row of y_pred to have a positive sum, got a row of zeros")
    p = np.clip(y_pred / row_sums, eps, 1 - eps)
    return float(np.mean(-np.sum(y_true * np.log(p), axis=-1)))


def mean_squared_error(y_true, y_pred):
    """Mean of (y - y_hat)^2 over all entries.

    Args:
        y_true: targets, any shape.
        y_pred: predictions of the same shape.

    Returns:
        A float: the average squared error.
    """
    y_true, y_pred = _pair(y_true, y_pred, "mean_squared_error")
    return float(np.mean((y_true - y_pred) ** 2))
