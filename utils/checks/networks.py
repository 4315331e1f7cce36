"""Exercise checks for notebooks 02-04: perceptrons, activation functions, dense networks, losses."""
import numpy as np

from utils import scratch
from utils.checks._common import expect_answered, expect_close, fail, passed

__all__ = [
    "check_perceptron_output", "check_and_gate", "check_boundary_line",
    "check_softplus", "check_stable_softmax", "check_nested_sigmoid_grad",
    "check_parameter_count", "check_dense_forward", "check_binary_cross_entropy",
]

# The fixed inputs the notebooks' exercises state (not random values).
EXERCISE_PERCEPTRON = {"w0": 0.5, "W": (2.0, -1.0, 1.5), "x": (1.0, 3.0, -2.0)}
EXERCISE_BOUNDARY = {"w0": 2.0, "w1": 1.0, "w2": -2.0}
EXERCISE_LAYERS = (20, 64, 32, 1)
EXERCISE_DEPTH = 5


def check_perceptron_output(z, y_hat):
    """Exercise (02): z and sigmoid(z) for w0 = 0.5, W = [2, -1, 1.5], x = [1, 3, -2]."""
    expect_answered(z, "Exercise 1")
    expect_answered(y_hat, "Exercise 1")
    expected_z = EXERCISE_PERCEPTRON["w0"] + np.dot(EXERCISE_PERCEPTRON["W"], EXERCISE_PERCEPTRON["x"])
    expect_close(z, expected_z, "z is the bias plus the dot product: w0 + x1*w1 + x2*w2 + x3*w3.")
    expect_close(y_hat, scratch.sigmoid(expected_z), "y_hat is sigmoid(z) = 1 / (1 + exp(-z)).", rtol=1e-4)
    passed(f"z = {expected_z:g} is negative, so the perceptron's output {float(y_hat):.4f} is close to 0.")


def check_and_gate(w0, W):
    """Exercise (02): a perceptron with a step activation that computes x1 AND x2 on {0, 1}^2."""
    expect_answered(w0, "Exercise 2")
    expect_answered(W, "Exercise 2")
    W = np.asarray(W, dtype=float).ravel()
    if W.shape != (2,):
        fail(f"W holds two weights, one per input; got shape {W.shape}.")
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    z = float(w0) + inputs @ W
    if np.min(np.abs(z)) < 1e-6:
        fail("An input lands exactly on the boundary (z = 0); move the bias so that every z is clearly + or -.")
    wrong = [tuple(int(v) for v in x) for x, zi, target in zip(inputs, z, (0, 0, 0, 1)) if (zi > 0) != target]
    if wrong:
        fail(f"Wrong output for input(s) {wrong}. Only (1, 1) may give z > 0: try W = [1, 1] with a bias "
             "between -2 and -1.")
    passed("only (1, 1) lies on the positive side of the line, so the perceptron computes AND.")


def check_boundary_line(slope, intercept):
    """Exercise (02): the boundary 2 + x1 - 2 x2 = 0 written as x2 = slope * x1 + intercept."""
    expect_answered(slope, "Exercise 3")
    expect_answered(intercept, "Exercise 3")
    w0, w1, w2 = (EXERCISE_BOUNDARY[key] for key in ("w0", "w1", "w2"))
    hint = "Solve w0 + w1*x1 + w2*x2 = 0 for x2: x2 = -(w1 / w2) * x1 - w0 / w2."
    expect_close(slope, -w1 / w2, f"The slope is wrong. {hint}")
    expect_close(intercept, -w0 / w2, f"The intercept is wrong. {hint}")
    passed(f"the boundary is x2 = {-w1 / w2:g} x1 + {-w0 / w2:g}.")


def check_softplus(softplus, softplus_grad):
    """Exercise (03): softplus log(1 + e^z) and its derivative, accurate also for large |z|."""
    expect_answered(softplus, "Exercise 1")
    expect_answered(softplus_grad, "Exercise 1")
    z = np.linspace(-30, 30, 121)
    expect_close(softplus(z[40:81]), np.logaddexp(0, z[40:81]), "softplus(z) is log(1 + exp(z)).", rtol=1e-6)
    expect_close(softplus_grad(z[40:81]), scratch.sigmoid(z[40:81]),
                 "Differentiate log(1 + e^z): the result is a function you met above.", rtol=1e-6)
    with np.errstate(all="ignore"):
        big = np.asarray(softplus(np.array([-800.0, 800.0])), dtype=float)
    if not np.all(np.isfinite(big)):
        fail("softplus overflows for z = 800: use np.logaddexp(0, z), or max(z, 0) + log1p(exp(-|z|)).")
    expect_close(big, [0.0, 800.0], "For large |z| softplus(z) tends to max(0, z).", atol=1e-6)
    passed("softplus is a smooth ReLU, and its derivative is the sigmoid.")


def check_stable_softmax(softmax):
    """Exercise (03): a softmax over the last axis that survives scores like 1000."""
    expect_answered(softmax, "Exercise 2")
    rng = np.random.default_rng(3)
    scores = rng.normal(size=(4, 5))
    expect_close(softmax(scores), scratch.softmax(scores), "Normalize each row: e^z_i / sum_j e^z_j over the last axis.")
    with np.errstate(all="ignore"):
        large = np.asarray(softmax(np.array([[1000.0, 1001.0, 1002.0]])), dtype=float)
    if not np.all(np.isfinite(large)):
        fail("softmax([1000, 1001, 1002]) overflows: subtract each row's maximum before np.exp.")
    expect_close(large, scratch.softmax(np.array([[0.0, 1.0, 2.0]])), "Shifting all scores by a constant must not change softmax.")
    passed("rows sum to 1 and large scores no longer overflow.")


def check_nested_sigmoid_grad(grad):
    """Exercise (03): d/dz of five nested sigmoids s(s(s(s(s(z))))) at z = 0."""
    expect_answered(grad, "Exercise 3")
    a, expected = 0.0, 1.0
    for _ in range(EXERCISE_DEPTH):  # chain rule: multiply the local slopes s'(a) on the way up
        expected *= float(scratch.sigmoid_grad(a))
        a = float(scratch.sigmoid(a))
    if np.isclose(float(np.asarray(grad)), 0.25 ** EXERCISE_DEPTH, rtol=1e-3):
        fail("0.25^5 is only the upper bound: after the first sigmoid the input is 0.5, not 0, so later slopes are smaller.")
    expect_close(grad, expected, "Apply scratch.sigmoid five times inside a tf.GradientTape, then ask the tape for the gradient.", rtol=1e-4)
    passed(f"the gradient is {expected:.2e}, below the bound 0.25^5 = {0.25 ** EXERCISE_DEPTH:.2e}.")


def check_parameter_count(n_params):
    """Exercise (04): trainable parameters of the dense network 20 -> 64 -> 32 -> 1."""
    expect_answered(n_params, "Exercise 1")
    sizes = EXERCISE_LAYERS
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    biases = sum(sizes[1:])
    if n_params == weights:
        fail("You counted the weights only: every unit also has a bias.")
    if n_params == weights + sum(sizes):
        fail("Input units have no bias: only the units of the hidden and output layers have one.")
    if n_params != weights + biases:
        fail("Each dense layer from n_in to n_out units has (n_in + 1) * n_out parameters; add the three layers.")
    passed(f"{weights} weights + {biases} biases = {weights + biases} parameters.")


def check_dense_forward(dense_forward):
    """Exercise (04): ``dense_forward(x, W, b)`` = sigmoid(x W + b) for a batch x."""
    expect_answered(dense_forward, "Exercise 2")
    rng = np.random.default_rng(4)
    x, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    hint = "Multiply the batch (5, 3) by W (3, 2), add b to every row, then apply the sigmoid."
    expect_close(dense_forward(x, W, b), scratch.sigmoid(x @ W + b), hint)
    passed("your dense layer gives the same (5, 2) outputs as sigmoid(x @ W + b).")


def check_binary_cross_entropy(bce):
    """Exercise (04): ``bce(y_true, y_pred)``, the mean binary cross-entropy of probabilities."""
    expect_answered(bce, "Exercise 3")
    rng = np.random.default_rng(5)
    y_true = rng.integers(0, 2, size=8).astype(float)
    y_pred = rng.uniform(0.05, 0.95, size=8)
    loss = float(np.asarray(bce(y_true, y_pred)))
    expected = scratch.binary_cross_entropy(y_true, y_pred)
    if np.isclose(loss, -expected, rtol=1e-6):
        fail("The sign is wrong: the loss is the NEGATIVE mean of y log p + (1 - y) log(1 - p).")
    if np.isclose(loss, expected * len(y_true), rtol=1e-6):
        fail("That is the sum over the examples: take the mean instead.")
    expect_close(loss, expected, "Average -[y log p + (1 - y) log(1 - p)] over the examples.", rtol=1e-6)
    passed(f"mean binary cross-entropy {expected:.4f}, as scratch.binary_cross_entropy computes it.")
