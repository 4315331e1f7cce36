"""Exercise checks of notebooks 00 (introduction) and 01 (TensorFlow basics)."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed

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


def check_problem_types(answers):
    """Exercise 1 of notebook 00: name the basic problem behind each scenario A-F."""
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
    """Exercise 2 of notebook 00: the nearest-centroid rule learned from the iris petals."""
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
    """Exercise 3 of notebook 00: a matrix product written with broadcasting, without loops."""
    expect_answered(matmul, "Exercise 3")
    if not callable(matmul):
        fail(f"Expected a function matmul(A, B), got {type(matmul).__name__}.")
    rng = np.random.default_rng(0)
    for n, m, p in [(2, 3, 4), (5, 1, 5), (4, 4, 4), (1, 6, 2)]:
        A, B = rng.normal(size=(n, m)), rng.normal(size=(m, p))
        result = np.asarray(matmul(A, B))
        if result.shape != (n, p):
            fail(f"For A of shape {A.shape} and B of shape {B.shape} the product has shape {(n, p)}, "
                 f"got {result.shape}. Multiply A[:, :, None] by B[None, :, :] and sum over axis 1.")
        expect_close(result, A @ B, f"Wrong values for shapes {A.shape} @ {B.shape}: entry (i, j) is "
                     "sum_k A[i, k] * B[k, j].", rtol=1e-7, atol=1e-9)
    passed("Your broadcast product agrees with NumPy's on four pairs of shapes.")


def check_pairwise_distances(points, centers, distances):
    """Exercise 1 of notebook 01: squared distances from every point to every center."""
    expect_answered(distances, "Exercise 1")
    points, centers = np.asarray(points, dtype=np.float64), np.asarray(centers, dtype=np.float64)
    expected = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=-1)  # (n_points, n_centers)
    actual = np.asarray(distances, dtype=np.float64)
    if actual.shape == expected.shape[::-1] and actual.shape != expected.shape:
        fail(f"Expected one row per point, shape {expected.shape}, got {actual.shape}: swap the roles of the axes.")
    if actual.shape == expected.shape and np.allclose(actual, np.sqrt(expected)):
        fail("These are the distances themselves: the exercise asks for squared distances (no square root).")
    expect_close(actual, expected, "Give points shape (n, 1, 2) and centers (1, k, 2), subtract, square, "
                 "and reduce_sum over the last axis.", rtol=1e-5)
    passed(f"Broadcasting turned a ({len(points)}, 1, 2) and a (1, {len(centers)}, 2) tensor into all "
           f"{expected.size} squared distances at once.")


def check_derivatives(first, second):
    """Exercise 2 of notebook 01: f(x) = x^3 - 2x at x = 2, first and second derivatives."""
    expect_answered(first, "Exercise 2")
    expect_answered(second, "Exercise 2")
    x = 2.0
    expect_close(first, 3 * x**2 - 2, "The first derivative of x**3 - 2*x is 3x^2 - 2: record the function "
                 "inside the inner tape, then inner_tape.gradient(y, x).", rtol=1e-5)
    expect_close(second, 6 * x, "The second derivative is the derivative of the first: compute the first "
                 "gradient inside the outer tape's block, then outer_tape.gradient(first, x).", rtol=1e-5)
    passed("f'(2) = 10 and f''(2) = 12: tapes can be nested to differentiate twice.")


def check_gradient_steps(w, start=5.0, learning_rate=0.1, steps=3):
    """Exercise 3 of notebook 01: a Variable after a few gradient-descent steps on w**2."""
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
