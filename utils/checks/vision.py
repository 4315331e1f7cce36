"""Exercise checks for notebooks 07 (convolutions), 08 (regularization) and 09 (the MNIST lab).

The checks of notebook 07 live in ``_vision_convolution`` and are re-exported here.
"""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._vision_convolution import CONV_SIZE_CASES, check_conv_layer, check_conv_output_sizes, check_shift_kernel

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


def check_accuracy_by_hand(accuracy, probabilities, y_true):
    """Notebook 09, exercise 1: accuracy from predicted probabilities, by argmax.

    Args:
        accuracy: the student's accuracy, a number in [0, 1].
        probabilities: (n, classes) predicted probabilities.
        y_true: (n,) true labels.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(accuracy, "Exercise 1")
    expected = np.mean(np.asarray(probabilities).argmax(axis=1) == np.asarray(y_true))
    if not np.isclose(accuracy, expected) and np.isclose(accuracy, 1 - expected):
        fail("That is the error rate: count the predictions that are right.")
    expect_close(accuracy, expected, "Take the most probable class per row (argmax over axis 1), compare with y_true, average.")
    passed(f"accuracy {float(accuracy):.4f}.")


def check_per_class_accuracy(per_class, y_true, y_pred):
    """Notebook 09, exercise 2: for each digit 0-9, the fraction of its test images predicted right.

    Args:
        per_class: the student's 10 accuracies, digit 0 first.
        y_true: (n,) true digits.
        y_pred: (n,) predicted digits.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(per_class, "Exercise 2")
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if any(not np.any(y_true == digit) for digit in range(10)):
        fail(f"Every digit 0-9 must occur in y_true (got {sorted(set(y_true.tolist()))}): an absent digit has no accuracy.")
    expected = [np.mean(y_pred[y_true == digit] == digit) for digit in range(10)]
    by_prediction = [np.mean(y_true[y_pred == digit] == digit) if np.any(y_pred == digit) else np.nan
                     for digit in range(10)]
    if np.shape(per_class) == (10,) and np.allclose(per_class, by_prediction, equal_nan=True) \
            and not np.allclose(by_prediction, expected, equal_nan=True):
        fail("You grouped by the predicted digit; group by the true digit (y_true == digit).")
    expect_close(per_class, expected, "For each digit d: among the images whose true label is d, the share predicted d.")
    passed(f"the hardest digit here is {int(np.argmin(expected))}.")


def check_top_k_accuracy(accuracy, probabilities, y_true, k=2):
    """Notebook 09, exercise 3: the share of examples whose true class is among the k most probable.

    Args:
        accuracy: the student's top-k accuracy, a number in [0, 1].
        probabilities: (n, classes) predicted probabilities.
        y_true: (n,) true labels.
        k: how many of the most probable classes count.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(accuracy, "Exercise 3")
    probabilities, y_true = np.asarray(probabilities), np.asarray(y_true)
    top_k = np.argsort(probabilities, axis=1)[:, -k:]  # (n, k) the k most probable classes per row
    expected = np.mean(np.any(top_k == y_true[:, None], axis=1))
    if not np.isclose(accuracy, expected):
        if np.isclose(accuracy, np.mean(probabilities.argmax(axis=1) == y_true)):
            fail(f"That is the top-1 accuracy: count a hit when the true digit is any of the {k} most probable.")
        if np.isclose(accuracy, 1 - expected):
            fail("That is the top-k error: count the hits, not the misses.")
    expect_close(accuracy, expected, f"Sort each row (np.argsort), keep the last {k} columns, look for y_true among them.")
    passed(f"top-{k} accuracy {float(accuracy):.4f}.")
