"""Exercise checks for notebook 09 (the MNIST lab), re-exported by ``utils.checks.vision``."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed

__all__ = ["check_accuracy_by_hand", "check_per_class_accuracy", "check_top_k_accuracy"]


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
