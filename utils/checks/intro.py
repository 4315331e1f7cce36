"""Exercise checks of notebooks 00 (introduction) and 01 (TensorFlow basics).

Notebook 01's checks live in ``_intro_tensorflow.py`` and are re-exported here.
"""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.checks._intro_tensorflow import check_derivatives, check_gradient_steps, check_pairwise_distances
from utils.checks._source import forbid_shortcuts

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
# What Exercise 3 of notebook 00 rules out besides @ and loops: calls of NumPy's product functions.
MATMUL_SHORTCUTS = ("dot", "matmul", "einsum", "tensordot", "inner", "vecdot", "matvec", "multi_dot", "__matmul__")


def check_problem_types(answers):
    """Exercise 1 of notebook 00: name the basic problem behind each scenario A-F.

    Args:
        answers: dict scenario letter "A".."F" -> one of the four problem types.

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
    if np.ndim(accuracy) == 0 and np.isclose(float(accuracy), 100 * expected_accuracy, atol=0.5):
        fail(f"accuracy = {accuracy} looks like a percentage: store the fraction between 0 and 1 (e.g. 0.96, not 96).")
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
    forbid_shortcuts(matmul, "Exercise 3", calls=MATMUL_SHORTCUTS, matmul_operator=True, loops=True,
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
