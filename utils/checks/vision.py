"""Exercise checks for notebooks 07 (convolutions), 08 (regularization) and 09 (the MNIST lab).

The checks of notebooks 07 and 09 live in ``_vision_convolution`` and ``_vision_lab``, re-exported here.
"""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._vision_convolution import CONV_SIZE_CASES, check_conv_layer, check_conv_output_sizes, check_shift_kernel
from utils.checks._vision_lab import check_accuracy_by_hand, check_per_class_accuracy, check_top_k_accuracy

__all__ = [
    "CONV_SIZE_CASES", "check_conv_output_sizes", "check_conv_layer", "check_shift_kernel",
    "check_inverted_dropout", "check_l2_penalty", "check_early_stopping_epochs",
    "check_accuracy_by_hand", "check_per_class_accuracy", "check_top_k_accuracy",
]


def _dropout_run(dropout, activations, rate, seed):
    """The student's dropout on ``activations`` with a fresh generator, as a float array of the same shape."""
    result = np.asarray(dropout(activations.copy(), rate, np.random.default_rng(seed)), dtype=float)
    if result.shape != activations.shape:
        fail(f"The output should have the input's shape {activations.shape}, got {result.shape}.")
    return result


def check_inverted_dropout(dropout):
    """Notebook 08, exercise 1: ``dropout(activations, rate, rng)`` behaves as Keras' Dropout in training.

    Args:
        dropout: the student's function; it gets a 1-D float array, the rate, and a NumPy Generator.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(dropout, "Exercise 1")
    if not callable(dropout):
        fail(f"Pass the function itself, got {type(dropout).__name__}.")
    activations = np.random.default_rng(1).uniform(0.5, 1.5, size=100_000)  # never 0: a 0 out means dropped
    for rate in (0.2, 0.7):
        result = _dropout_run(dropout, activations, rate, seed=2)
        dropped = result == 0
        tolerance = 5 * np.sqrt(rate * (1 - rate) / activations.size)  # 5 binomial standard errors
        if abs(dropped.mean() - (1 - rate)) < tolerance:
            fail(f"You zeroed a fraction 1 - rate = {1 - rate:.1f}: rate is the probability of dropping a unit.")
        if abs(dropped.mean() - rate) > tolerance:
            fail(f"With rate {rate} about {rate:.0%} of the units should be 0; yours zeroed {dropped.mean():.1%}.")
        if np.any(np.abs(dropped.reshape(10, -1).mean(axis=1) - rate) > tolerance * np.sqrt(10)):
            fail("Drop each unit independently at random (compare rng.random(shape) with rate), not a fixed block.")
        kept, inputs = result[~dropped], activations[~dropped]
        if np.allclose(kept, inputs):
            fail("The survivors must be scaled up, or the expected output is (1 - rate) times the input.")
        if np.allclose(kept, inputs * (1 - rate)):
            fail("You multiplied the survivors by (1 - rate); divide by it instead.")
        expect_close(kept, inputs / (1 - rate), "Each survivor should equal its input divided by (1 - rate).")
        if not np.array_equal(result, _dropout_run(dropout, activations, rate, seed=2)):
            fail("Draw the random numbers from the rng you are given, so that the same seed gives the same mask.")
        if np.array_equal(result, _dropout_run(dropout, activations, rate, seed=3)):
            fail("A different rng should give a different mask: draw the mask from rng on every call.")
    passed(f"rate {rate}: {dropped.mean():.1%} zeroed, mean output / mean input = {result.mean() / activations.mean():.3f}.")


def check_l2_penalty(penalty, weights, l2):
    """Notebook 08, exercise 2: the L2 penalty l2 * sum(w^2) that keras.regularizers.L2 adds.

    Args:
        penalty: the student's number.
        weights: the weight array the penalty is computed on.
        l2: the regularization strength.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(penalty, "Exercise 2")
    squares = np.sum(np.asarray(weights, dtype=float) ** 2)
    if not np.isclose(penalty, l2 * squares, rtol=1e-4):
        if np.isclose(penalty, l2 * np.sqrt(squares), rtol=1e-4):
            fail("Square the weights and add them up; do not take the square root (that is the norm).")
        if np.isclose(penalty, squares, rtol=1e-4):
            fail("Multiply the sum of squares by the regularization strength l2.")
    expect_close(penalty, l2 * squares, "The penalty is l2 times the sum of the squared weights.", rtol=1e-4)
    passed(f"penalty = {float(penalty):.4g}, as keras.regularizers.L2({l2}) computes it.")


def _early_stopping(val_losses, patience):
    """Epochs (counted from 1) after which Keras' EarlyStopping stops, and whose weights it keeps."""
    best, best_epoch, wait = np.inf, 1, 0
    for epoch, loss in enumerate(val_losses, start=1):
        wait += 1
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        elif wait >= patience and epoch > 1:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def check_early_stopping_epochs(stop_epoch, best_epoch, val_losses, patience):
    """Notebook 08, exercise 3: where early stopping stops and which epoch's weights it restores.

    Args:
        stop_epoch: the epoch (counted from 1) after which training stops.
        best_epoch: the epoch (counted from 1) whose weights are restored.
        val_losses: the validation loss of each epoch.
        patience: the callback's patience.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(stop_epoch, "Exercise 3")
    expect_answered(best_epoch, "Exercise 3")
    expected_stop, expected_best = _early_stopping(val_losses, patience)
    if best_epoch != expected_best:
        fail("The weights kept are those of the epoch with the lowest validation loss seen (count epochs from 1).")
    if stop_epoch != expected_stop:
        fail(f"Training stops once {patience} epochs in a row bring no new lowest validation loss.")
    passed(f"it stops after epoch {stop_epoch} and restores the weights of epoch {best_epoch}.")
