"""Exercise checks of notebook 04: counting parameters, a dense layer in NumPy, a safe cross-entropy."""
import numpy as np

from utils import scratch
from utils.checks._common import expect_answered, expect_close, fail, passed

EXERCISE_LAYERS = (20, 64, 32, 1)
CLIP = 1e-7  # what Keras clips probabilities to before the logarithm


def check_parameter_count(n_params):
    """Exercise 1 of notebook 04: trainable parameters of the dense network 20 -> 64 -> 32 -> 1.

    Args:
        n_params: the student's count, an integer.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
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
    """Exercise 2 of notebook 04: ``dense_forward(x, W, b)`` = sigmoid(x W + b) for a batch x.

    Args:
        dense_forward: the student's function of a (batch, inputs) array, an (inputs, units) array
            and a (units,) array.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(dense_forward, "Exercise 2")
    rng = np.random.default_rng(4)
    x, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    hint = "Multiply the batch (5, 3) by W (3, 2), add b to every row, then apply the sigmoid."
    expect_close(dense_forward(x, W, b), scratch.sigmoid(x @ W + b), hint)
    passed("your dense layer gives the same (5, 2) outputs as sigmoid(x @ W + b).")


def _clipped_bce(y_true, y_pred):
    p = np.clip(y_pred, CLIP, 1 - CLIP)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def check_binary_cross_entropy(bce):
    """Exercise 3 of notebook 04: ``bce(y_true, y_pred)``, a mean binary cross-entropy safe at 0 and 1.

    Args:
        bce: the student's function of 1-D arrays of labels (0 or 1) and probabilities.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
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
    y_sure, p_sure = np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.0, 1.0, 1.0, 0.0])  # two confident mistakes
    with np.errstate(all="ignore"):
        loss_sure = float(np.asarray(bce(y_sure, p_sure)))
    if not np.isfinite(loss_sure):
        fail(f"bce({y_sure.tolist()}, {p_sure.tolist()}) is not finite: log(0) = -inf. Clip the predictions "
             f"to [{CLIP:g}, 1 - {CLIP:g}] with np.clip before taking the logarithm.")
    expect_close(loss_sure, _clipped_bce(y_sure, p_sure), f"Clip to exactly [{CLIP:g}, 1 - {CLIP:g}], as Keras "
                 "does: a confident mistake then costs -log(1e-7), about 16.1.", rtol=1e-6)
    passed(f"mean binary cross-entropy {expected:.4f}; two certain mistakes out of four cost "
           f"{_clipped_bce(y_sure, p_sure):.2f} instead of infinity.")
