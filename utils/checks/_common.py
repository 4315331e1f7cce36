"""What every exercise check shares: a confirmation on success, a hint on failure."""
import numpy as np


def passed(message):
    """Print the short confirmation a student sees when an answer is right."""
    print(f"Correct! {message}")


def fail(hint):
    """Stop with the hint as the message, without a long traceback into NumPy."""
    raise AssertionError(hint)


def expect_close(actual, expected, hint, rtol=1e-5, atol=1e-8):
    """Fail with ``hint`` unless ``actual`` matches ``expected`` (shape and values, within tolerance)."""
    try:
        actual = np.asarray(actual, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"Expected numbers, got {type(actual).__name__}. {hint}")
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        fail(f"Expected shape {expected.shape}, got {actual.shape}. {hint}")
    try:
        np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
    except AssertionError:
        fail(hint)


def expect_answered(value, exercise):
    """Fail with a friendly message when the solution cell still holds its placeholder (None or ...)."""
    if value is None or value is Ellipsis:
        fail(f"{exercise}: replace the placeholder with your answer, then run the check again.")
