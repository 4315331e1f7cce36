"""Exercise checks of notebook 01 (TensorFlow basics): broadcasting, nested tapes, gradient steps."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._source import require_own_code

# The five points and three centres shown in the exercise's prompt cell.
EXAMPLE_POINTS = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 1.0], [4.0, 4.0], [-1.0, 3.0]])
EXAMPLE_CENTERS = np.array([[0.0, 0.0], [3.0, 3.0], [-2.0, 2.0]])


def check_pairwise_distances(squared_distances):
    """Exercise 1 of notebook 01: squared distances from every point to every centre, without loops.

    Args:
        squared_distances: the student's function ``squared_distances(points, centers)`` for an
            (n, d) and a (k, d) tensor, returning the (n, k) squared distances.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(squared_distances, "Exercise 1")
    if not callable(squared_distances):
        fail(f"Expected a function squared_distances(points, centers), got {type(squared_distances).__name__}.")
    require_own_code(squared_distances, "Exercise 1", forbidden=("for", "while"),
                     hint="Let broadcasting pair every point with every centre instead of a loop.")
    import tensorflow as tf

    rng = np.random.default_rng(1)
    cases = [(EXAMPLE_POINTS, EXAMPLE_CENTERS)] + [(rng.normal(size=(n, d)), rng.normal(size=(k, d)))
                                                   for n, k, d in [(5, 3, 2), (7, 4, 2), (3, 6, 3)]]
    for points, centers in cases:
        n_points, n_centers = len(points), len(centers)
        expected = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=-1)  # (n_points, n_centers)
        actual = np.asarray(squared_distances(tf.constant(points), tf.constant(centers)), dtype=np.float64)
        if actual.shape == expected.shape[::-1] != expected.shape:
            fail(f"Expected one row per point, shape {expected.shape}, got {actual.shape}: swap the roles of the axes.")
        if actual.shape == expected.shape and np.allclose(actual, np.sqrt(expected)):
            fail("These are the distances themselves: the exercise asks for squared distances (no square root).")
        expect_close(actual, expected, f"Wrong values for {n_points} points and {n_centers} centres: give points "
                     "shape (n, 1, d) and centers (1, k, d), subtract, square, and reduce_sum over the last axis.",
                     rtol=1e-5)
    passed("Broadcasting turns an (n, 1, d) and a (1, k, d) tensor into all n × k squared distances at once.")


def check_derivatives(first, second):
    """Exercise 2 of notebook 01: f(x) = x^3 - 2x at x = 2, first and second derivatives.

    Args:
        first: f'(2) from an inner GradientTape.
        second: f''(2) from an outer GradientTape.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    import tensorflow as tf

    expect_answered(first, "Exercise 2")
    if second is None:
        fail("second is None: the outer tape returned None because it never saw `first` being computed. Call "
             "inner_tape.gradient(...) INSIDE the outer tape's `with` block, then outer_tape.gradient(first, x).")
    for name, value in (("first", first), ("second", second)):
        if not isinstance(value, tf.Tensor):
            fail(f"{name} is a {type(value).__name__}; expected the tf.Tensor that tape.gradient returns. "
                 "Compute both derivatives with tf.GradientTape instead of typing the numbers.")
    x = 2.0
    expect_close(first, 3 * x**2 - 2, "The first derivative of x**3 - 2*x is 3x^2 - 2: record the function "
                 "inside the inner tape, then inner_tape.gradient(y, x).", rtol=1e-5)
    expect_close(second, 6 * x, "The second derivative is the derivative of the first: compute the first "
                 "gradient inside the outer tape's block, then outer_tape.gradient(first, x).", rtol=1e-5)
    passed("f'(2) = 10 and f''(2) = 12: tapes can be nested to differentiate twice.")


def check_gradient_steps(w, start=5.0, learning_rate=0.1, steps=3):
    """Exercise 3 of notebook 01: a Variable after a few gradient-descent steps on w**2.

    Args:
        w: the ``tf.Variable`` after the steps.
        start, learning_rate, steps: the exercise's starting value, step size and number of steps.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    import tensorflow as tf

    expect_answered(w, "Exercise 3")
    if not isinstance(w, tf.Variable):
        fail(f"Expected w to stay a tf.Variable, got {type(w).__name__}: update it in place with "
             "w.assign_sub(learning_rate * gradient) instead of w = w - ...")
    value = float(w.numpy())
    shrink = 1 - 2 * learning_rate  # each step: w - lr * 2w
    if np.isclose(value, start):
        fail("w still holds its starting value: did the loop call w.assign_sub(...)?")
    done = [k for k in range(1, 20) if np.isclose(value, start * shrink**k)]
    if done and done[0] != steps:
        fail(f"w looks like it took {done[0]} step(s); take exactly {steps}.")
    expect_close(value, start * shrink**steps, "Each step computes the gradient 2w inside a GradientTape "
                 "and subtracts learning_rate times it.", rtol=1e-5)
    passed(f"w = {value:.4f} = {start} × {shrink:g}^{steps}: each step multiplies w by (1 - 2 × learning rate).")
