"""A two-layer perceptron in NumPy: forward pass, loss, backpropagation and one gradient step.

X (m, n_in) -> Z1 = X W1 + b1 (m, n_hidden) -> A1 = g(Z1) -> Z2 = A1 W2 + b2 (m, n_out) -> Y_hat.
One output: Y_hat = sigmoid(Z2) with binary cross-entropy; several: softmax(Z2) with categorical
cross-entropy. Both pairs have the same simple gradient at the logits, dJ/dZ2 = (Y_hat - Y) / m.
"""
import numpy as np

from utils.scratch._validate import as_float_array, require_positive_int
from utils.scratch.activations import relu, relu_grad, sigmoid, softmax, tanh
from utils.scratch.gradients import numerical_gradient

__all__ = ["init_mlp", "mlp_forward", "mlp_loss", "mlp_backward", "mlp_train_step", "mlp_numerical_gradients",
           "gradient_relative_error"]

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")
# name -> (g, g') with g' written in terms of Z and A = g(Z), whichever is cheaper
ACTIVATIONS = {"tanh": (tanh, lambda Z, A: 1 - A**2), "relu": (relu, lambda Z, A: relu_grad(Z))}
CACHE_KEYS = ("X", "Z1", "A1", "Y_hat", "activation")


def init_mlp(n_in, n_hidden, n_out=1, seed=0):
    """Random float64 weights W ~ N(0, 1 / fan_in) and zero biases.

    Args:
        n_in, n_hidden, n_out: numbers of inputs, hidden units and outputs (1 for two classes).
        seed: seed of the random generator.

    Returns:
        A dict with W1 (n_in, n_hidden), b1 (n_hidden,), W2 (n_hidden, n_out), b2 (n_out,).
    """
    for value, name in ((n_in, "n_in"), (n_hidden, "n_hidden"), (n_out, "n_out")):
        require_positive_int(value, "init_mlp", name)
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_hidden)), "b1": np.zeros(n_hidden),
            "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=(n_hidden, n_out)), "b2": np.zeros(n_out)}


def mlp_forward(params, X, activation="tanh"):
    """Run the network forward and keep what the backward pass needs.

    Args:
        params: the dict from ``init_mlp``; X: (m, n_in) inputs; activation: "tanh" or "relu".

    Returns:
        ``(Y_hat, cache)``: Y_hat (m, n_out) probabilities, and a dict with X, Z1, A1, Z2, Y_hat and
        "activation" (the name, so that ``mlp_backward`` uses the matching derivative).
    """
    _check_params(params, "mlp_forward")
    X = as_float_array(X, "mlp_forward", "X")
    if X.ndim != 2 or X.shape[1] != params["W1"].shape[0] or X.shape[0] == 0:
        raise ValueError(f"mlp_forward expects X of shape (m >= 1, {params['W1'].shape[0]}), got {X.shape}")
    g = _activation_pair(activation, "mlp_forward")[0]
    Z1 = X @ params["W1"] + params["b1"]  # (m, n_hidden)
    A1 = g(Z1)  # (m, n_hidden)
    Z2 = A1 @ params["W2"] + params["b2"]  # (m, n_out), the logits
    Y_hat = sigmoid(Z2) if Z2.shape[1] == 1 else softmax(Z2, axis=1)  # (m, n_out)
    return Y_hat, {"X": X, "Z1": Z1, "A1": A1, "Z2": Z2, "Y_hat": Y_hat, "activation": activation}


def mlp_loss(params, X, y, activation="tanh"):
    """Mean cross-entropy of the network on (X, y): binary for one output, categorical for several.

    Args:
        params, X, activation: as for ``mlp_forward``.
        y: (m,) labels (0/1, or class indices), or (m, n_out) targets.

    Returns:
        The loss J, a float.
    """
    return _cross_entropy(mlp_forward(params, X, activation)[1]["Z2"], y, "mlp_loss")


def mlp_backward(params, cache, y):
    """Backpropagation: the gradient of ``mlp_loss`` with respect to every parameter.

    Args:
        params: the dict from ``init_mlp``; cache: what ``mlp_forward`` returned for these params.
        y: the labels, as for ``mlp_loss``.

    Returns:
        A dict of gradients with the same keys and shapes as ``params``.
    """
    _check_params(params, "mlp_backward")
    _check_cache(cache, params, "mlp_backward")
    X, Z1, A1, Y_hat = (cache[key] for key in CACHE_KEYS[:4])
    m, n_out = Y_hat.shape
    Y = _targets(y, m, n_out, "mlp_backward")
    g_prime = _activation_pair(cache["activation"], "mlp_backward")[1]
    dZ2 = (Y_hat - Y) / m  # (m, n_out): dJ/dZ2 for sigmoid + BCE and for softmax + CCE alike
    dW2 = A1.T @ dZ2  # (n_hidden, m) @ (m, n_out) -> (n_hidden, n_out)
    db2 = dZ2.sum(axis=0)  # (n_out,): b2 was added to every row
    dA1 = dZ2 @ params["W2"].T  # (m, n_out) @ (n_out, n_hidden) -> (m, n_hidden)
    dZ1 = dA1 * g_prime(Z1, A1)  # (m, n_hidden), elementwise chain rule through g
    dW1 = X.T @ dZ1  # (n_in, m) @ (m, n_hidden) -> (n_in, n_hidden)
    db1 = dZ1.sum(axis=0)  # (n_hidden,)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def mlp_train_step(params, X, y, learning_rate, activation="tanh"):
    """One gradient-descent step on the batch (X, y): W <- W - learning_rate * dJ/dW.

    Args:
        params, X, y, activation: as for ``mlp_loss`` (params is left unchanged).
        learning_rate: the step size, a positive number.

    Returns:
        ``(new_params, loss)``: the updated parameters and the batch loss before the step.
    """
    if isinstance(learning_rate, bool) or not np.isscalar(learning_rate) or not learning_rate > 0:
        raise ValueError(f"mlp_train_step expects a positive learning_rate, got {learning_rate!r}")
    _, cache = mlp_forward(params, X, activation)
    loss = _cross_entropy(cache["Z2"], y, "mlp_train_step")
    grads = mlp_backward(params, cache, y)
    return {name: params[name] - learning_rate * grads[name] for name in PARAMETER_NAMES}, loss


def mlp_numerical_gradients(params, X, y, activation="tanh", eps=1e-6):
    """Central finite differences of ``mlp_loss`` for every parameter: slow, but obviously right.

    Args:
        params, X, y, activation: as for ``mlp_loss``; eps: the step of the finite differences.

    Returns:
        A dict of gradients with the same keys and shapes as ``params``.
    """
    _check_params(params, "mlp_numerical_gradients")
    grads = {}
    for name in PARAMETER_NAMES:
        def loss_of(value, name=name):  # J as a function of one parameter array, the others fixed
            return mlp_loss({**params, name: value}, X, y, activation)
        grads[name] = numerical_gradient(loss_of, np.asarray(params[name], dtype=np.float64), eps=eps)
    return grads


def gradient_relative_error(grads, other):
    """Relative error ||g - g'|| / max(||g||, ||g'||) of two gradients, all parameters as one vector.

    One norm over every entry, rather than the worst entry, because a finite difference carries an
    absolute rounding error (about 1e-10 in float64) that swamps entries which are themselves tiny.

    Args:
        grads, other: dicts of arrays with the same keys and shapes (e.g. from ``mlp_backward``).

    Returns:
        A float; below 1e-6 the two gradients agree.
    """
    keys = [sorted(g) if isinstance(g, dict) else type(g).__name__ for g in (grads, other)]
    if keys[0] != keys[1] or not isinstance(grads, dict) or not keys[0]:
        raise ValueError(f"gradient_relative_error expects two non-empty dicts with the same keys, got {keys[0]} and {keys[1]}")
    shapes = {key: (np.shape(grads[key]), np.shape(other[key])) for key in keys[0]}
    if any(a != b for a, b in shapes.values()):
        raise ValueError(f"gradient_relative_error expects matching shapes, got {shapes}")
    a, b = (np.concatenate([np.ravel(g[key]).astype(np.float64) for key in keys[0]]) for g in (grads, other))
    scale = max(np.linalg.norm(a), np.linalg.norm(b), 1e-300)
    return float(np.linalg.norm(a - b) / scale)


# --- argument checks, targets and the loss, shared by the functions above ---------------

def _check_params(params, func):
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


def _check_cache(cache, params, func):
    """Raise a ValueError naming ``func`` unless cache is a dict with every key of ``CACHE_KEYS``
    and an A1 whose width matches the rows of params' W2 (a cheap sanity check, not a full one)."""
    if not isinstance(cache, dict) or any(key not in cache for key in CACHE_KEYS):
        got = f"a dict with keys {sorted(cache)}" if isinstance(cache, dict) else f"a {type(cache).__name__}"
        raise ValueError(f"{func} expects the cache dict from mlp_forward with keys {CACHE_KEYS}, got {got}")
    width, rows = np.shape(cache["A1"])[-1], len(params["W2"])
    if width != rows:
        raise ValueError(f"{func} expects a cache from these params: A1 with {rows} columns (the rows of W2), "
                         f"got A1 of shape {np.shape(cache['A1'])}")


def _activation_pair(name, func):
    """The (g, g') pair of a hidden activation, or a ValueError naming ``func``."""
    if name not in ACTIVATIONS:
        raise ValueError(f"{func} expects activation in {sorted(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name]


def _targets(y, m, n_out, func):
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


def _cross_entropy(Z2, y, func):
    """Mean cross-entropy computed from the logits, so it stays finite when Y_hat rounds to 0 or 1."""
    Y = _targets(y, Z2.shape[0], Z2.shape[1], func)
    if Z2.shape[1] == 1:  # log(1 + e^z) - y z, written without overflow
        return float(np.mean(np.maximum(Z2, 0) - Z2 * Y + np.log1p(np.exp(-np.abs(Z2)))))
    shifted = Z2 - Z2.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.mean(np.sum(Y * log_probabilities, axis=1)))
