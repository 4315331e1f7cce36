"""Private pieces of the NumPy MLP (``utils.scratch.mlp``): argument checks, targets, the loss.

Kept apart so that ``mlp.py`` reads as the lecture's algorithm: forward, backward, update.
"""
import numpy as np

from utils.scratch.activations import relu, relu_grad, tanh

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
# name -> (g, g') with g' written in terms of Z and A = g(Z), whichever is cheaper
ACTIVATIONS = {"tanh": (tanh, lambda Z, A: 1 - A**2), "relu": (relu, lambda Z, A: relu_grad(Z))}
CACHE_KEYS = ("X", "Z1", "A1", "Y_hat", "activation")


def check_params(params, func):
    """Raise a ValueError naming ``func`` unless params holds consistent W1, b1, W2, b2."""
    if not isinstance(params, dict) or any(name not in params for name in PARAMETER_NAMES):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"{func} expects a dict with keys {PARAMETER_NAMES}, got {got}")
    not_arrays = {name: type(params[name]).__name__ for name in PARAMETER_NAMES
                  if not isinstance(params[name], np.ndarray)}
    if not_arrays:
        raise ValueError(f"{func} expects NumPy arrays for {PARAMETER_NAMES}, got {not_arrays}")
    W1, b1, W2, b2 = (params[name] for name in PARAMETER_NAMES)
    consistent = W1.ndim == 2 and W2.ndim == 2 and W2.shape[0] == W1.shape[1]
    if not consistent or b1.shape != (W1.shape[1],) or b2.shape != (W2.shape[1],):
        raise ValueError(f"{func} expects W1 (n_in, h), b1 (h,), W2 (h, n_out), b2 (n_out,), got "
                         f"{W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}")


def check_cache(cache, params, func):
    """Raise a ValueError naming ``func`` unless cache is a dict with every key of ``CACHE_KEYS``
    and an A1 whose width matches the rows of params' W2 (a cheap sanity check, not a full one)."""
    if not isinstance(cache, dict) or any(key not in cache for key in CACHE_KEYS):
        got = f"a dict with keys {sorted(cache)}" if isinstance(cache, dict) else f"a {type(cache).__name__}"
        raise ValueError(f"{func} expects the cache dict from mlp_forward with keys {CACHE_KEYS}, got {got}")
    width, rows = np.shape(cache["A1"])[-1], len(params["W2"])
    if width != rows:
        raise ValueError(f"{func} expects a cache from these params: A1 with {rows} columns (the rows of W2), "
                         f"got A1 of shape {np.shape(cache['A1'])}")


def activation_pair(name, func):
    """The (g, g') pair of a hidden activation, or a ValueError naming ``func``."""
    if name not in ACTIVATIONS:
        raise ValueError(f"{func} expects activation in {sorted(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name]


def targets(y, m, n_out, func):
    """Labels as an (m, n_out) float array: 0/1 for one output, one-hot for several."""
    y = np.asarray(y)
    if y.shape == (m,) and n_out > 1 and np.issubdtype(y.dtype, np.integer):  # class indices
        if y.min() < 0 or y.max() >= n_out:
            raise ValueError(f"{func} expects integer labels in [0, {n_out - 1}], got {y.min()} to {y.max()}")
        return np.eye(n_out)[y]
    if y.shape not in ((m, n_out),) + (((m,),) if n_out == 1 else ()):
        raise ValueError(f"{func} expects {m} labels for {n_out} output(s), got shape {y.shape}")
    Y = y.reshape(m, n_out).astype(np.float64)
    if not np.all(np.isfinite(Y)):
        raise ValueError(f"{func} expects finite labels, got {int(np.sum(~np.isfinite(Y)))} NaN or infinite value(s)")
    if Y.min() < 0 or Y.max() > 1:
        raise ValueError(f"{func} expects labels in [0, 1], got values from {Y.min()} to {Y.max()}")
    return Y


def cross_entropy(Z2, y, func):
    """Mean cross-entropy computed from the logits, so it stays finite when Y_hat rounds to 0 or 1."""
    Y = targets(y, Z2.shape[0], Z2.shape[1], func)
    if Z2.shape[1] == 1:  # log(1 + e^z) - y z, written without overflow
        return float(np.mean(np.maximum(Z2, 0) - Z2 * Y + np.log1p(np.exp(-np.abs(Z2)))))
    shifted = Z2 - Z2.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(np.sum(Y * log_probabilities, axis=1)))
