"""Exercise checks of notebook 06 (backpropagation).

1. ``check_softmax_backward(softmax_backward)``: the backward pass of a dense softmax output
   layer with cross-entropy, against ``tf.GradientTape``.
2. ``check_dense_relu_backward(dense_relu_backward)``: the backward pass of a dense ReLU layer,
   given the gradient that arrives from above, against ``tf.GradientTape``.
3. ``check_gradient_check_reason(choice)``: why a finite-difference check agrees only to ~1e-10.
"""
import numpy as np
import tensorflow as tf

from utils.checks.core import (as_array, as_choice, call, exercise, fail,
                               library_functions_refused, passed)

__all__ = ["check_softmax_backward", "check_dense_relu_backward", "check_gradient_check_reason"]

# (m examples, n inputs, k units); the square one catches W where W^T belongs by value, not shape
SHAPES = [(5, 5, 5), (6, 4, 3), (1, 3, 2), (32, 7, 10)]
# The exercises ask for the chain rule by hand: automatic differentiation would skip it.
AUTODIFF = ("tensorflow.GradientTape", "tensorflow.autodiff.GradientTape", "tensorflow.gradients")
BY_HAND = "Apply the chain rule yourself, in NumPy, with section 3's rules for Z = XW + b."


def _tape(loss_of, X, W, b):
    """Gradients of ``loss_of(X, W, b)`` with respect to X, W and b, by tf.GradientTape."""
    X, W, b = (tf.Variable(np.asarray(value, dtype=np.float64)) for value in (X, W, b))
    with tf.GradientTape() as tape:
        loss = loss_of(X, W, b)
    return [grad.numpy() for grad in tape.gradient(loss, [X, W, b])]


def _inputs(shape, seed):
    """Fresh float64 X (m, n), W (n, k), b (k,) for one case."""
    m, n, k = shape
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, n)), rng.normal(scale=0.8, size=(n, k)), rng.normal(size=k), rng


def _three_arrays(result, name, shapes):
    """Read (dX, dW, db) from a tuple or list, with a hint naming a missing one or a wrong shape."""
    if isinstance(result, dict) or not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"`{name}` should return the tuple (dX, dW, db), got {type(result).__name__}"
             f"{' of length ' + str(len(result)) if isinstance(result, (tuple, list)) else ''}.")
    arrays = []
    for value, label, shape, of in zip(result, ("dX", "dW", "db"), shapes, ("X", "W", "b")):
        array = as_array(value, name=label)
        if array.shape != shape:
            turned = " (transposed?)" if array.shape == shape[::-1] and len(shape) == 2 else ""
            fail(f"{label} should have the shape of {of}, {shape}, got {array.shape}{turned}. "
                 f"A gradient always has the shape of what it differentiates.")
        arrays.append(array)
    return arrays


def _same(actual, candidate):
    """True when ``candidate()`` computes (without a shape error) an array equal to ``actual``."""
    try:
        value = np.asarray(candidate(), dtype=np.float64)
    except ValueError:  # the wrong formula does not even have a valid shape here
        return False
    return value.shape == actual.shape and np.allclose(actual, value, rtol=1e-6, atol=1e-9)


def _compare(got, expected, shape, hints):
    """Compare dX, dW, db with the taped ones; ``hints(label, got, expected)`` names the mistake."""
    for index in (1, 2, 0):  # dW and db first: a wrong dZ shows most clearly in them
        label, actual, right = ("dX", "dW", "db")[index], got[index], expected[index]
        if not np.all(np.isfinite(actual)):
            fail(f"{label} contains nan or inf for X, W, b of shapes {shape}.")
        if not np.allclose(actual, right, rtol=1e-5, atol=1e-7):  # float32 rounding accepted
            fail(hints(label, actual, right) or
                 f"{label} does not match tf.GradientTape for X of shape {shape[:2]} and W of "
                 f"shape {shape[1:]}.")


@exercise(1)
def check_softmax_backward(softmax_backward):
    """Check the backward pass of Z = X W + b, P = softmax(Z), J = mean cross-entropy.

    Args:
        softmax_backward: the student's ``softmax_backward(X, W, b, Y)`` returning (dX, dW, db).
    """
    def loss_of(X, W, b, Y):
        logits = X @ W + b
        return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))

    for case, shape in enumerate(SHAPES):
        X, W, b, rng = _inputs(shape, seed=600 + case)
        m, n, k = shape
        Y = np.eye(k)[rng.integers(0, k, size=m)]
        Y[0] = np.eye(k)[0]
        expected = _tape(lambda X_, W_, b_: loss_of(X_, W_, b_, tf.constant(Y)), X, W, b)
        with library_functions_refused(AUTODIFF):
            result = call(softmax_backward, X.copy(), W.copy(), b.copy(), Y.copy(),
                          name="softmax_backward", forbidden_hint=BY_HAND)
        got = _three_arrays(result, "softmax_backward", [(m, n), (n, k), (k,)])
        Z = X @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)

        def hints(label, actual, right):
            if _same(actual, lambda: -right):
                return f"{label} has the wrong sign: dZ = (P - Y) / m, not (Y - P) / m."
            if m > 1 and _same(actual, lambda: m * right):
                return (f"{label} is m = {m} times too large: J is the MEAN over the m examples, "
                        f"so dZ = (P - Y) / m.")
            if label == "db" and m > 1 and _same(actual, lambda: right / m):
                return ("db is m times too small: b is added to every row, so db SUMS dZ over "
                        "the examples (dZ already carries the 1/m).")
            if label == "dW" and _same(actual, lambda: X.T @ P / m):
                return "dW = X^T P / m: you forgot to subtract the one-hot labels, dZ = (P - Y) / m."
            if label == "dX" and _same(actual, lambda: (P - Y) / m @ W):
                return ("dX = dZ W is wrong even when the shapes allow it: dX = dZ W^T "
                        "(Z_ij = sum_l X_il W_lj, so dJ/dX_il = sum_j dZ_ij W_lj).")
            if label == "dW" and _same(actual, lambda: ((P - Y) / m).T @ X):
                return "dW = dZ^T X is the transpose of the right answer: dW = X^T dZ."
            return None

        _compare(got, expected, shape, hints)
    passed(f"dZ = (P - Y)/m, dW = X^T dZ, db = sum of dZ over the rows, dX = dZ W^T: equal to "
           f"tf.GradientTape for {len(SHAPES)} shapes (m, n, k), including a square one.")


@exercise(2)
def check_dense_relu_backward(dense_relu_backward):
    """Check the backward pass of Z = X W + b, A = relu(Z), given the upstream gradient dA.

    Args:
        dense_relu_backward: the student's ``dense_relu_backward(X, W, b, dA)`` -> (dX, dW, db).
    """
    for case, shape in enumerate(SHAPES):
        X, W, b, rng = _inputs(shape, seed=660 + case)
        m, n, k = shape
        dA = rng.normal(size=(m, k))
        # J = sum(A * dA) has dJ/dA = dA, so its gradients are what the layer must send back
        expected = _tape(lambda X_, W_, b_: tf.reduce_sum(tf.nn.relu(X_ @ W_ + b_) * dA), X, W, b)
        with library_functions_refused(AUTODIFF):
            result = call(dense_relu_backward, X.copy(), W.copy(), b.copy(), dA.copy(),
                          name="dense_relu_backward", forbidden_hint=BY_HAND)
        got = _three_arrays(result, "dense_relu_backward", [(m, n), (n, k), (k,)])
        Z = X @ W + b

        def hints(label, actual, right):
            unmasked = {"dX": dA @ W.T, "dW": X.T @ dA, "db": dA.sum(axis=0)}[label]
            times_z = {"dX": (dA * Z) @ W.T, "dW": X.T @ (dA * Z), "db": (dA * Z).sum(axis=0)}
            dZ = dA * (Z > 0)
            if _same(actual, lambda: unmasked):
                return (f"{label} ignores the ReLU: relu'(Z) is 0 where Z <= 0, so "
                        f"dZ = dA * (Z > 0) blocks the gradient of the inactive units.")
            if _same(actual, lambda: times_z[label]):
                return "You multiplied dA by Z; relu'(Z) is 1 where Z > 0 and 0 elsewhere."
            if label == "db" and m > 1 and _same(actual, lambda: dZ.mean(axis=0)):
                return ("db averages dZ over the rows; it should SUM them (dA already carries "
                        "any 1/m of the loss).")
            if label == "dX" and _same(actual, lambda: dZ @ W):
                return "dX = dZ W is wrong even when the shapes allow it: dX = dZ W^T."
            if label == "dW" and _same(actual, lambda: dZ.T @ X):
                return "dW = dZ^T X is the transpose of the right answer: dW = X^T dZ."
            if _same(actual, lambda: -right):
                return f"{label} has the wrong sign."
            return None

        _compare(got, expected, shape, hints)
    passed(f"dZ = dA * (Z > 0), then dW = X^T dZ, db = sum of dZ, dX = dZ W^T: equal to "
           f"tf.GradientTape for {len(SHAPES)} shapes.")


@exercise(3)
def check_gradient_check_reason(choice):
    """Check the reason why finite differences agree with backprop only to about 1e-10.

    Args:
        choice: "A", "B", "C" or "D".
    """
    letter = as_choice(choice, "ABCD", "`reason`")
    hints = {
        "A": "If backprop were wrong, tf.GradientTape, which does exact derivatives, would "
             "disagree with it too; it agrees to 1e-16.",
        "C": "The truncation error of a central difference shrinks like eps^2, about 1e-12 for "
             "eps = 1e-6: smaller than what we see. And it would not depend on float32 or float64.",
        "D": "TensorFlow computes in the dtype you give it; the tape comparison in float64 "
             "agrees to 1e-16, which float32 could never do.",
    }
    if letter in hints:
        fail(hints[letter])
    passed("rounding: each stored number keeps about 16 significant digits in float64 (7 in "
           "float32). Subtracting two losses that agree in their first 6 digits leaves about 10, "
           "and dividing by 2 eps does not bring the lost digits back.")
