"""Exercise checks of notebooks 00 (introduction) and 01 (TensorFlow basics)."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._source import require_own_code

__all__ = ["check_problem_types", "check_centroids", "check_matmul",
           "check_pairwise_distances", "check_derivatives", "check_gradient_steps"]

PROBLEM_TYPES = {"A": "regression", "B": "classification", "C": "clustering",
                 "D": "dimensionality reduction", "E": "classification", "F": "regression"}
PROBLEM_HINTS = {
    "classification": "the answer is one of a few categories",
    "regression": "the answer is a real number",
    "clustering": "there are no labels, and similar examples are grouped together",
    "dimensionality reduction": "many numbers per example are replaced by a few",
}
# What Exercise 3 of notebook 00 rules out: the product operator, NumPy's product functions, loops.
MATMUL_SHORTCUTS = ("@", "@=", "dot", "matmul", "einsum", "tensordot", "inner", "multi_dot", "for", "while")


def check_problem_types(answers):
    """Exercise 1 of notebook 00: name the basic problem behind each scenario A-F.

    Args:
        answers: dict scenario letter -> "classification", "regression", "clustering" or
            "dimensionality reduction".

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(answers, "Exercise 1")
    if not isinstance(answers, dict) or set(answers) != set(PROBLEM_TYPES):
        fail(f"Expected a dict with the keys {sorted(PROBLEM_TYPES)}, got {answers!r}.")
    given = {key: str(value).strip().lower() for key, value in answers.items()}
    unknown = sorted(key for key, value in given.items() if value not in PROBLEM_HINTS)
    if unknown:
        fail(f"Scenario(s) {unknown}: use one of {sorted(PROBLEM_HINTS)}.")
    wrong = sorted(key for key in PROBLEM_TYPES if given[key] != PROBLEM_TYPES[key])
    if wrong:
        fail(f"Look again at scenario(s) {wrong}. Classification: {PROBLEM_HINTS['classification']}; "
             f"regression: {PROBLEM_HINTS['regression']}; clustering: {PROBLEM_HINTS['clustering']}; "
             f"dimensionality reduction: {PROBLEM_HINTS['dimensionality reduction']}.")
    passed("Two classifications, two regressions, one clustering, one dimensionality reduction.")


def check_centroids(centroids, accuracy):
    """Exercise 2 of notebook 00: the nearest-centroid rule learned from the iris petals.

    Args:
        centroids: (3, 2) mean petal (length, width) per species.
        accuracy: share of the 150 flowers the nearest-centroid rule classifies correctly.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    from sklearn.datasets import load_iris

    expect_answered(centroids, "Exercise 2")
    expect_answered(accuracy, "Exercise 2")
    iris = load_iris()
    X, y = iris.data[:, 2:], iris.target  # petal length and width (cm), species 0-2
    expected = np.stack([X[y == label].mean(axis=0) for label in range(3)])  # (3, 2)
    if np.shape(centroids) == (2, 3):
        fail("Your centroids have shape (2, 3): put one species per row, shape (3, 2).")
    expect_close(centroids, expected, "Each row should be the mean petal (length, width) of one species: "
                 "X[y == label].mean(axis=0).", rtol=1e-6)
    distances = ((X[:, None, :] - expected[None, :, :]) ** 2).sum(axis=2)  # (150, 3)
    expected_accuracy = np.mean(distances.argmin(axis=1) == y)
    expect_close(accuracy, expected_accuracy, "Predict the species whose centroid is nearest (argmin over the "
                 "distances to the three centroids), then average (predictions == y).", atol=1e-9)
    passed(f"A rule learned from 150 examples classifies {expected_accuracy:.0%} of the flowers correctly.")


def check_matmul(matmul):
    """Exercise 3 of notebook 00: a matrix product written with broadcasting, without @, dot or loops.

    Args:
        matmul: the student's function ``matmul(A, B)`` for an (n, m) and an (m, p) array.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(matmul, "Exercise 3")
    if not callable(matmul):
        fail(f"Expected a function matmul(A, B), got {type(matmul).__name__}.")
    require_own_code(matmul, "Exercise 3", forbidden=MATMUL_SHORTCUTS,
                     hint="Build the product from broadcasting and one .sum(axis=...), with no loop.")
    rng = np.random.default_rng(0)
    for n, m, p in [(2, 3, 4), (5, 1, 5), (4, 4, 4), (1, 6, 2)]:
        A, B = rng.normal(size=(n, m)), rng.normal(size=(m, p))
        result = np.asarray(matmul(A, B))
        if result.shape != (n, p):
            fail(f"For A of shape {A.shape} and B of shape {B.shape} the product has shape {(n, p)}, "
                 f"got {result.shape}. Multiply A[:, :, None] by B[None, :, :] and sum over axis 1.")
        expect_close(result, A @ B, f"Wrong values for shapes {A.shape} @ {B.shape}: entry (i, j) is "
                     "sum_k A[i, k] * B[k, j].", rtol=1e-7, atol=1e-9)
    passed("Your broadcast product agrees with NumPy's on four pairs of shapes, without a loop.")


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
    for n_points, n_centers, n_dims in [(5, 3, 2), (7, 4, 2), (3, 6, 3)]:
        points, centers = rng.normal(size=(n_points, n_dims)), rng.normal(size=(n_centers, n_dims))
        expected = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=-1)  # (n_points, n_centers)
        actual = np.asarray(squared_distances(tf.constant(points), tf.constant(centers)), dtype=np.float64)
        if actual.shape == expected.shape[::-1] and actual.shape != expected.shape:
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
    expect_answered(first, "Exercise 2")
    expect_answered(second, "Exercise 2")
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
