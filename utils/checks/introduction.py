"""Exercise checks of notebook 00 (what deep learning is).

1. ``check_nearest_centroid``: a nearest-centroid classifier, learned from examples and tried on
   points it has not seen;
2. ``check_broadcast_product``: a matrix product by broadcasting and a sum, with no product
   function and no loop;
3. ``check_failing_projects``: a diagnosis of four failing projects from their error curves.
"""
import tracemalloc

import numpy as np

from utils.checks.core import (as_array, as_choice, call, call_guarded, exercise, expect_answered,
                               fail, passed)

__all__ = ["check_nearest_centroid", "check_broadcast_product", "check_failing_projects",
           "failing_project_curves"]


# --- Exercise 1: nearest centroid ------------------------------------------------------------------

def _blobs(rng, sizes, dims, spread=1.0):
    """Points around one centre per class, with skewed (exponential) noise: mean != median.

    Returns:
        X (n, dims) and y (n,) with labels 0..len(sizes)-1, in shuffled order.
    """
    centres = rng.normal(scale=2.5, size=(len(sizes), dims))
    X = np.concatenate([centre + spread * (rng.exponential(size=(size, dims)) - 1.0)
                        for centre, size in zip(centres, sizes)])
    y = np.repeat(np.arange(len(sizes)), sizes)
    order = rng.permutation(len(y))
    return X[order], y[order]


def _nearest(centroids, X, distance="squared"):
    """Labels of the nearest centroid: the reference, and the usual mistakes for the hints."""
    differences = X[:, None, :] - centroids[None, :, :]  # (n, k, d)
    if distance == "manhattan":
        return np.abs(differences).sum(axis=2).argmin(axis=1)
    distances = (differences**2).sum(axis=2)  # (n, k)
    return distances.argmax(axis=1) if distance == "farthest" else distances.argmin(axis=1)


def _centroids(X, y, statistic=np.mean):
    return np.stack([statistic(X[y == label], axis=0) for label in range(y.max() + 1)])


@exercise(1)
def check_nearest_centroid(nearest_centroid):
    """Exercise 1 of notebook 00: ``nearest_centroid(X_train, y_train, X_new)`` -> labels of X_new.

    The check draws its own labelled training points (2 to 5 classes of unequal sizes, 2 to 6
    features) and fresh points the function has not seen, and compares every predicted label
    with the nearest centroid's.
    """
    rng = np.random.default_rng(2024)
    cases = [([40, 25, 60, 15], 3), ([30, 70], 2), ([20, 35, 25, 50, 30], 6)]
    for sizes, dims in cases:
        X_train, y_train = _blobs(rng, sizes, dims)
        X_new = rng.uniform(X_train.min(axis=0), X_train.max(axis=0), size=(150, dims))
        result = call(nearest_centroid, X_train.copy(), y_train.copy(), X_new.copy(),
                      name="nearest_centroid")
        predicted = as_array(result, name="what `nearest_centroid` returns")
        where = (f"(with {len(sizes)} classes, {dims} features, {len(y_train)} training points "
                 f"and {len(X_new)} new ones)")
        if predicted.shape == (len(y_train),) and len(y_train) != len(X_new):
            fail(f"`nearest_centroid` returned one label per *training* point {where}: "
                 "predict the labels of X_new, the points it has not seen.")
        if predicted.shape == (len(X_new), len(sizes)):
            fail(f"`nearest_centroid` returned shape {predicted.shape}, one row of {len(sizes)} "
                 f"numbers per point {where}: return one label per point (the argmin of each row).")
        if predicted.shape != (len(X_new),):
            fail(f"`nearest_centroid` should return one label per row of X_new, shape "
                 f"({len(X_new)},), got shape {predicted.shape} {where}.")
        centroids = _centroids(X_train, y_train)
        expected = _nearest(centroids, X_new)
        if np.array_equal(predicted, expected):
            continue
        wrong = int(np.sum(predicted != expected))
        message = f"{wrong} of {len(X_new)} predicted labels are wrong {where}. "
        if not np.all(np.isin(predicted, np.arange(len(sizes)))):
            fail(message + f"Every label should be one of the classes 0..{len(sizes) - 1}: "
                 "is a number of classes fixed in your code? Read it from y_train.")
        if len(set(predicted.tolist())) == 1:
            fail(message + "Every new point got the same label: are all your centroids the "
                 "same? Take the mean of each class's training points separately, not of all.")
        missing = sorted(set(expected.tolist()) - set(predicted.tolist()))
        if missing and predicted.max() < len(sizes) - 1:
            fail(message + f"No new point got the label(s) {missing}, which the rule gives to "
                 f"some: is a number of classes fixed in your code? There are {len(sizes)} "
                 "classes here; read them from y_train.")
        if np.array_equal(predicted, _nearest(centroids, X_new, "farthest")):
            fail(message + "You picked the *farthest* centroid: the nearest has the smallest "
                 "distance (argmin, not argmax).")
        if np.array_equal(predicted, _nearest(centroids, X_new, "manhattan")):
            fail(message + "You measured distances as sums of absolute differences: the prompt "
                 "asks for the squared Euclidean distance, the sum of squared differences.")
        if np.array_equal(predicted, _nearest(_centroids(X_train, y_train, np.median), X_new)):
            fail(message + "Your centroids look like medians: a centroid is the mean of its "
                 "class's training points.")
        fail(message + "Compute each class's centroid as the mean of its training points "
             "(X_train[y_train == label].mean(axis=0)), then give each new point the label of "
             "the centroid with the smallest squared distance.")
    passed("Your classifier learned one centroid per class from the examples and labelled "
           "fresh points the way the nearest-centroid rule does, for 2 to 5 classes.")


# --- Exercise 2: a matrix product by broadcasting --------------------------------------------------

PRODUCT_SHAPES = [(5, 6, 7), (7, 5, 1), (6, 6, 6), (1, 9, 6), (60, 70, 80)]  # (n, m, p)
MEASURED = (60, 70, 80)  # the case where the check measures the memory the product takes


def _peak_bytes(function):
    """Run ``function`` and return (its result, the peak of the memory NumPy allocated meanwhile)."""
    already = tracemalloc.is_tracing()
    if not already:
        tracemalloc.start()
    tracemalloc.reset_peak()
    start, _ = tracemalloc.get_traced_memory()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not already:
            tracemalloc.stop()
    return result, peak - start


@exercise(2)
def check_broadcast_product(matmul_broadcast):
    """Exercise 2 of notebook 00: ``matmul_broadcast(A, B)``, the product of an (n, m) and an
    (m, p) matrix by broadcasting and a sum, without ``@``, a product function or a loop.

    The inputs are arrays that refuse every matrix-product function and element-wise loops, and
    on the largest pair the check measures that the (n, m, p) products were formed, so converting
    the inputs back to plain arrays and multiplying them with ``@`` does not pass either.
    """
    rng = np.random.default_rng(7)
    forbidden = ("Multiply A[:, :, None] by B[None, :, :] (shape (n, m, p)) and sum over the "
                 "middle axis.")
    for n, m, p in PRODUCT_SHAPES:
        A, B = rng.normal(size=(n, m)), rng.normal(size=(m, p))
        where = f"for A of shape {(n, m)} and B of shape {(m, p)}"
        if (n, m, p) == MEASURED:
            result, peak = _peak_bytes(lambda: call_guarded(
                matmul_broadcast, A, B, name="matmul_broadcast", forbidden_hint=forbidden))
        else:
            result = call_guarded(matmul_broadcast, A, B, name="matmul_broadcast",
                                  forbidden_hint=forbidden)
        if result.shape == (n, m, p):
            fail(f"`matmul_broadcast` returned the shape (n, m, p) = {(n, m, p)} {where}: these "
                 "are all the products A[i, k] * B[k, j]; now sum them over k, the middle axis.")
        if result.shape != (n, p):
            fail(f"`matmul_broadcast` should return shape (n, p) = {(n, p)} {where}, got "
                 f"{result.shape}: sum over the shared axis m, which is axis 1 of (n, m, p).")
        expected = A @ B
        if not np.allclose(result, expected, rtol=1e-7, atol=1e-9):
            if n == m == p and np.allclose(result, A @ B.T):
                fail(f"Your result is A times B *transposed* {where}: it pairs row i of A with "
                     "row j of B. Pair row i of A with column j of B: A[:, :, None] * "
                     "B[None, :, :].")
            if n == m == p and np.allclose(result, A.T @ B):
                fail(f"Your result is A *transposed* times B {where}: sum over the middle axis "
                     "of A[:, :, None] * B[None, :, :], the one A's columns and B's rows share.")
            fail(f"`matmul_broadcast` gives wrong values {where}: entry (i, j) should be "
                 "sum over k of A[i, k] * B[k, j].")
        if (n, m, p) == MEASURED and peak < 4 * n * m * p:
            fail(f"`matmul_broadcast` gives the right values but never formed the {n} × {m} × {p} "
                 "array of products: did it loop over k (slices such as A[:, k:k+1]), or turn the "
                 "inputs back into plain arrays (np.asarray, np.array, .view) or tensors and "
                 "multiply them with a product function? Use NumPy broadcasting and one .sum.")
    passed(f"Your broadcast product agrees with A @ B on {len(PRODUCT_SHAPES)} pairs of shapes, "
           "one row or column included, without a product function or a loop.")


# --- Exercise 3: diagnose four failing projects ----------------------------------------------------

FAILING_PROJECT_OPTIONS = {
    "A": "too few examples for the size of the model",
    "B": "trained too short",
    "C": "trained too long",
    "D": "test data unlike the data met in use",
    "E": "nothing is wrong",
}
# What each project's curves show: the cause, and a hint that points at the evidence, not the answer.
FAILING_PROJECTS = {
    1: ("C", "look at where the validation error is lowest, and what happens after that epoch"),
    2: ("B", "look at the slope of both curves at the last epoch"),
    3: ("A", "compare the training error with the validation error from the first epochs on"),
    4: ("D", "the training and validation errors agree; which third curve disagrees with them?"),
}


def failing_project_curves(epochs=40):
    """The error curves of the four projects of Exercise 3, as fractions of misclassified examples.

    Returns:
        dict project number -> dict curve name -> array of ``epochs`` errors.
    """
    t = np.arange(1, epochs + 1)
    wiggle = 0.004 * np.sin(1.7 * t)  # a little noise, the same for every run
    too_long_train = 0.03 + 0.32 * np.exp(-t / 6)
    return {
        1: {"training": too_long_train + wiggle,
            "validation": 0.11 + 0.24 * np.exp(-t / 6) + 0.0025 * np.maximum(t - 14, 0) ** 1.3
            - wiggle},
        2: {"training": 0.12 + 0.4 * np.exp(-t / 60) + wiggle,
            "validation": 0.14 + 0.4 * np.exp(-t / 60) - wiggle},
        3: {"training": 0.005 + 0.2 * np.exp(-t / 2.5) + wiggle / 4,
            "validation": 0.27 + 0.08 * np.exp(-t / 3) - wiggle},
        4: {"training": 0.05 + 0.3 * np.exp(-t / 5) + wiggle,
            "validation": 0.065 + 0.3 * np.exp(-t / 5) - wiggle,
            "in use (new hospital)": 0.31 + 0.15 * np.exp(-t / 5) + wiggle},
    }


@exercise(3)
def check_failing_projects(diagnoses):
    """Exercise 3 of notebook 00: the cause behind each of four failing projects' error curves.

    Args:
        diagnoses: the letters "A".."E" of the causes of projects 1-4, as a dict
            ``{1: "C", ...}``, a list or tuple of four letters, or a string such as ``"CBAD"``.
    """
    expect_answered(diagnoses, what="store your four letters in `diagnoses`")
    options = "".join(FAILING_PROJECT_OPTIONS)
    if isinstance(diagnoses, dict):
        given = {str(key).strip(): value for key, value in diagnoses.items()}
        if set(given) != {str(project) for project in FAILING_PROJECTS}:
            fail(f"`diagnoses` should have the keys 1, 2, 3, 4 (one per project), got "
                 f"{sorted(given)}.")
        given = {int(key): value for key, value in given.items()}
    else:
        letters = (list(diagnoses.replace(",", "").replace(" ", "")) if isinstance(diagnoses, str)
                   else list(diagnoses) if isinstance(diagnoses, (list, tuple)) else None)
        if letters is None or len(letters) != len(FAILING_PROJECTS):
            fail("`diagnoses` should hold four letters, one per project, e.g. a dict "
                 "{1: 'A', 2: 'B', 3: 'C', 4: 'D'} or the string 'ABCD', got "
                 f"{diagnoses!r}.")
        given = dict(zip(FAILING_PROJECTS, letters))
    for project, letter in given.items():
        expect_answered(letter, what=f"give a letter for project {project}")
    given = {project: as_choice(letter, options, name=f"the diagnosis of project {project}")
             for project, letter in given.items()}
    wrong = [project for project, (cause, _) in FAILING_PROJECTS.items() if given[project] != cause]
    if wrong:
        hints = "; ".join(f"project {project}: {FAILING_PROJECTS[project][1]}" for project in wrong)
        fail(f"Look again at project{'s' if len(wrong) > 1 else ''} "
             f"{', '.join(map(str, wrong))} ({hints}).")
    passed("Each curve pattern points to its own cause; the model answer below says why.")
