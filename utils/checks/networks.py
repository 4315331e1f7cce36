"""Exercise checks for notebooks 02-04: perceptrons, activation functions, dense networks, losses.

Notebook 04's checks live in ``_networks_dense.py`` and are re-exported here.
"""
import numpy as np

from utils import scratch
from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._networks_dense import check_binary_cross_entropy, check_dense_forward, check_parameter_count
from utils.checks._source import require_own_code

__all__ = [
    "check_perceptron_output", "check_and_not_gate", "check_boundary_line",
    "check_softplus", "check_stable_softmax", "check_nested_sigmoid_grad",
    "check_parameter_count", "check_dense_forward", "check_binary_cross_entropy",
]

# The fixed inputs the notebooks' exercises state (not random values).
EXERCISE_PERCEPTRON = {"w0": 0.5, "W": (2.0, -1.0, 1.5), "x": (1.0, 3.0, -2.0)}
EXERCISE_BOUNDARY = {"w0": 2.0, "w1": 1.0, "w2": -2.0}
EXERCISE_DEPTH = 5


def check_perceptron_output(z, y_hat):
    """Exercise 1 of notebook 02: z and sigmoid(z) for w0 = 0.5, W = [2, -1, 1.5], x = [1, 3, -2].

    Args:
        z: the weighted sum plus bias.
        y_hat: the sigmoid of z.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(z, "Exercise 1")
    expect_answered(y_hat, "Exercise 1")
    expected_z = EXERCISE_PERCEPTRON["w0"] + np.dot(EXERCISE_PERCEPTRON["W"], EXERCISE_PERCEPTRON["x"])
    expect_close(z, expected_z, "z is the bias plus the dot product: w0 + x1*w1 + x2*w2 + x3*w3.")
    expect_close(y_hat, scratch.sigmoid(expected_z), "y_hat is sigmoid(z) = 1 / (1 + exp(-z)).", rtol=1e-4)
    passed(f"z = {expected_z:g} is negative, so the perceptron's output {float(y_hat):.4f} is close to 0.")


def check_and_not_gate(w0, W):
    """Exercise 2 of notebook 02: a step perceptron that computes x1 AND NOT x2 on {0, 1}^2.

    Args:
        w0: the bias.
        W: the two weights (w1, w2).

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(w0, "Exercise 2")
    expect_answered(W, "Exercise 2")
    W = np.asarray(W, dtype=float).ravel()
    if W.shape != (2,):
        fail(f"W holds two weights, one per input; got shape {W.shape}.")
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    z = float(w0) + inputs @ W
    if np.min(np.abs(z)) < 1e-6:
        fail("An input lands exactly on the boundary (z = 0); move the bias so that every z is clearly + or -.")
    wrong = [tuple(int(v) for v in x) for x, zi, target in zip(inputs, z, (0, 0, 1, 0)) if (zi > 0) != target]
    if wrong:
        fail(f"Wrong output for input(s) {wrong}. Only (1, 0) may give z > 0: give x1 a positive weight, x2 a "
             "negative one, and pick the bias so that (0, 0) stays negative while (1, 0) turns positive.")
    passed("only (1, 0) lies on the positive side of the line, so the perceptron computes x1 AND NOT x2.")


def check_boundary_line(slope, intercept):
    """Exercise 3 of notebook 02: the boundary 2 + x1 - 2 x2 = 0 written as x2 = slope * x1 + intercept.

    Args:
        slope: the student's slope a.
        intercept: the student's intercept b.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(slope, "Exercise 3")
    expect_answered(intercept, "Exercise 3")
    w0, w1, w2 = (EXERCISE_BOUNDARY[key] for key in ("w0", "w1", "w2"))
    hint = "Solve w0 + w1*x1 + w2*x2 = 0 for x2: x2 = -(w1 / w2) * x1 - w0 / w2."
    expect_close(slope, -w1 / w2, f"The slope is wrong. {hint}")
    expect_close(intercept, -w0 / w2, f"The intercept is wrong. {hint}")
    passed(f"the boundary is x2 = {-w1 / w2:g} x1 + {-w0 / w2:g}.")


def check_softplus(softplus, softplus_grad):
    """Exercise 1 of notebook 03: softplus log(1 + e^z) and its derivative, accurate also for large |z|.

    Args:
        softplus: the student's function of a NumPy array.
        softplus_grad: the student's derivative of it.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(softplus, "Exercise 1")
    expect_answered(softplus_grad, "Exercise 1")
    z = np.linspace(-30, 30, 121)
    expect_close(softplus(z[40:81]), np.logaddexp(0, z[40:81]), "softplus(z) is log(1 + exp(z)).", rtol=1e-6)
    expect_close(softplus_grad(z[40:81]), scratch.sigmoid(z[40:81]),
                 "Differentiate log(1 + e^z): the result is a function you met above.", rtol=1e-6)
    with np.errstate(all="ignore"):
        big = np.asarray(softplus(np.array([-800.0, 800.0])), dtype=float)
        big_grad = np.asarray(softplus_grad(np.array([-800.0, 800.0])), dtype=float)
    if not np.all(np.isfinite(big)):
        fail("softplus overflows for z = 800: use np.logaddexp(0, z), or max(z, 0) + log1p(exp(-|z|)).")
    expect_close(big, [0.0, 800.0], "For large |z| softplus(z) tends to max(0, z).", atol=1e-6)
    if not np.all(np.isfinite(big_grad)):
        fail(f"softplus_grad([-800, 800]) gives {big_grad.tolist()}: exp(800) overflows, so e^z / (1 + e^z) "
             "becomes inf / inf. Write it as 1 / (1 + e^-z) (a function you met above).")
    expect_close(big_grad, [0.0, 1.0], "For large |z| the slope of softplus tends to 0 (z < 0) or 1 (z > 0).", atol=1e-6)
    passed("softplus is a smooth ReLU, and its derivative is the sigmoid.")


def check_stable_softmax(softmax):
    """Exercise 2 of notebook 03: a softmax over the last axis that survives scores like 1000.

    Args:
        softmax: the student's function of a 2-D array of scores, one row per example.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(softmax, "Exercise 2")
    rng = np.random.default_rng(3)
    scores = rng.normal(size=(4, 5))
    expect_close(softmax(scores), scratch.softmax(scores), "Normalize each row: e^z_i / sum_j e^z_j over the last axis.")
    for batch in ([[1000.0, 1001.0, 1002.0]], [[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]], [[0.0, 1.0], [1000.0, 1001.0]]):
        with np.errstate(all="ignore"):
            large = np.asarray(softmax(np.array(batch)), dtype=float)
        if not np.all(np.isfinite(large)):
            fail(f"softmax({batch}) is not finite. Subtract each row's OWN maximum before np.exp "
                 "(max(axis=-1, keepdims=True)): one maximum for the whole batch leaves other rows at exp(-2000) = 0.")
        expect_close(large, scratch.softmax(np.array(batch)), f"Wrong values for the batch {batch}: shifting a row's "
                     "scores by a constant must not change its softmax.")
    passed("rows sum to 1 and large scores no longer overflow.")


def _nested_sigmoid_slope(z):
    """d/dz of five nested sigmoids by the chain rule: the product of the local slopes on the way up."""
    slope = 1.0
    for _ in range(EXERCISE_DEPTH):
        slope *= float(scratch.sigmoid_grad(z))
        z = float(scratch.sigmoid(z))
    return slope


def check_nested_sigmoid_grad(nested_grad):
    """Exercise 3 of notebook 03: ``nested_grad(z)``, d/dz of s(s(s(s(s(z))))) from a tf.GradientTape.

    Args:
        nested_grad: the student's function of a Python float z, returning the derivative.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(nested_grad, "Exercise 3")
    if not callable(nested_grad):
        fail(f"Expected a function nested_grad(z), got {type(nested_grad).__name__}.")
    require_own_code(nested_grad, "Exercise 3", required=("GradientTape",),
                     hint="Record five tf.math.sigmoid calls inside `with tf.GradientTape() as tape:`.")
    hint = "Apply tf.math.sigmoid five times inside a tf.GradientTape (tape.watch(z) for a constant), then tape.gradient."
    only_tf = ("The tape only follows TensorFlow operations on watched tensors: use tf.math.sigmoid (not "
               "scratch.sigmoid or NumPy) and tape.watch(z) on a tf.constant(z).")
    for z in (0.0, 1.5, -2.0):
        try:
            value = nested_grad(z)
        except (AttributeError, TypeError, ValueError) as error:
            fail(f"nested_grad({z}) raised {type(error).__name__}: {error}. {only_tf}")
        if value is None:
            fail(f"The tape returned None. {only_tf}")
        if z == 0.0 and np.isclose(float(np.asarray(value)), 0.25 ** EXERCISE_DEPTH, rtol=1e-3):
            fail("0.25^5 is only the upper bound: after the first sigmoid the input is 0.5, not 0, so later slopes are smaller.")
        expect_close(value, _nested_sigmoid_slope(z), f"Wrong derivative at z = {z}. {hint}", rtol=1e-4)
    at_zero = _nested_sigmoid_slope(0.0)
    passed(f"at z = 0 the gradient is {at_zero:.2e}, below the bound 0.25^5 = {0.25 ** EXERCISE_DEPTH:.2e}: only the "
           "first sigmoid sees 0, where its slope is 0.25; the others see inputs between 0.5 and 0.66, where it is smaller.")
