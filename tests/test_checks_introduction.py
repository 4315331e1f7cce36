"""Tests of notebook 00's exercise checks (utils/checks/introduction.py): right answers written
two ways pass, the mistakes students make fail with a hint naming them, placeholders say
"not answered yet"."""
import numpy as np
import pytest

from check_output import not_answered, passes
from utils import checks


# --- Exercise 1: nearest centroid ------------------------------------------------------------------

def centroid_broadcast(X_train, y_train, X_new):
    labels = np.unique(y_train)
    centroids = np.stack([X_train[y_train == label].mean(axis=0) for label in labels])
    distances = ((X_new[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)
    return labels[distances.argmin(axis=1)]


def centroid_loops(X_train, y_train, X_new):
    centroids = {}
    for label in set(y_train.tolist()):
        members = [x for x, y in zip(X_train, y_train) if y == label]
        centroids[label] = sum(members) / len(members)
    predictions = []
    for x in X_new:
        predictions.append(min(centroids, key=lambda label: np.sum((x - centroids[label]) ** 2)))
    return predictions  # a list of ints


def centroid_farthest(X_train, y_train, X_new):
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(y_train.max() + 1)])
    return ((X_new[:, None] - centroids[None]) ** 2).sum(-1).argmax(axis=1)


def centroid_manhattan(X_train, y_train, X_new):
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(y_train.max() + 1)])
    return np.abs(X_new[:, None] - centroids[None]).sum(-1).argmin(axis=1)


def centroid_median(X_train, y_train, X_new):
    centroids = np.stack([np.median(X_train[y_train == k], axis=0) for k in range(y_train.max() + 1)])
    return ((X_new[:, None] - centroids[None]) ** 2).sum(-1).argmin(axis=1)


def centroid_three_classes(X_train, y_train, X_new):  # iris had three species
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(3)])
    return ((X_new[:, None] - centroids[None]) ** 2).sum(-1).argmin(axis=1)


def centroid_on_training_points(X_train, y_train, X_new):
    return centroid_broadcast(X_train, y_train, X_train)


def centroid_distances(X_train, y_train, X_new):  # forgot the argmin
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(y_train.max() + 1)])
    return ((X_new[:, None] - centroids[None]) ** 2).sum(-1)


def centroid_one_mean(X_train, y_train, X_new):  # the mean of all points, not per class
    centroids = np.stack([X_train.mean(axis=0) + 0.0 * k for k in range(y_train.max() + 1)])
    return ((X_new[:, None] - centroids[None]) ** 2).sum(-1).argmin(axis=1)


@pytest.mark.parametrize("solution", [centroid_broadcast, centroid_loops])
def test_nearest_centroid_accepts_right_answers(solution, capsys):
    assert passes(checks.check_nearest_centroid, solution, capsys)


@pytest.mark.parametrize("mistake, words", [
    (centroid_farthest, "the \\*farthest\\* centroid"),
    (centroid_manhattan, "absolute differences"),
    (centroid_median, "look like medians"),
    (centroid_three_classes, "number of classes fixed"),
    (centroid_on_training_points, "per \\*training\\* point"),
    (centroid_distances, "argmin of each row"),
    (centroid_one_mean, "Every new point got the same label"),
])
def test_nearest_centroid_names_the_mistake(mistake, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_nearest_centroid(mistake)


def test_nearest_centroid_rejects_a_fixed_answer():
    with pytest.raises(AssertionError, match="shape \\(150,\\)"):
        checks.check_nearest_centroid(lambda X_train, y_train, X_new: [0, 1, 2])


def test_nearest_centroid_placeholder(capsys):
    assert not_answered(checks.check_nearest_centroid, lambda X_train, y_train, X_new: ...,
                        capsys, 1)
    assert not_answered(checks.check_nearest_centroid, ..., capsys, 1)
    assert checks.check_nearest_centroid.exercise_number == 1


# --- Exercise 2: a matrix product by broadcasting --------------------------------------------------

def product_broadcast(A, B):
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)


def product_expand_dims(A, B):
    return np.sum(np.expand_dims(A, -1) * np.expand_dims(B, 0), axis=-2)


def product_alias(A, B):
    product = np.matmul
    return product(A, B)


def product_rmatmul(A, B):
    return B.__rmatmul__(A)


def product_escape(A, B):  # plain arrays again, then @
    return np.asarray(A) @ np.asarray(B)


def product_view_escape(A, B):
    return A.view(np.ndarray).dot(B.view(np.ndarray))


def product_row_loop(A, B):
    return np.stack([(A[i][:, None] * B).sum(axis=0) for i in range(A.shape[0])])


def product_for_rows(A, B):
    return np.array([(row[:, None] * B).sum(axis=0) for row in A])


def product_slice_loop(A, B):  # a loop over k with slices, which no integer index betrays
    return sum(A[:, k:k + 1] * B[k:k + 1, :] for k in range(A.shape[1]))


def product_no_sum(A, B):
    return A[:, :, None] * B[None, :, :]


def product_wrong_axis(A, B):
    return (A[:, :, None] * B[None, :, :]).sum(axis=0)


def product_transposed(A, B):  # pairs rows with rows: A @ B.T where the shapes allow it
    if A.shape[1] == B.shape[1]:
        return (A[:, None, :] * B[None, :, :]).sum(axis=-1)
    return product_broadcast(A, B)


@pytest.mark.parametrize("solution", [product_broadcast, product_expand_dims])
def test_broadcast_product_accepts_right_answers(solution, capsys):
    assert passes(checks.check_broadcast_product, solution, capsys)


@pytest.mark.parametrize("mistake, words", [
    (product_alias, "np.matmul, which this exercise rules out"),
    (product_rmatmul, "the @ operator"),
    (lambda A, B: np.einsum("ik,kj->ij", A, B), "np.einsum"),
    (lambda A, B: A.dot(B), "\\.dot"),
    (product_row_loop, "row-by-row"),
    (product_for_rows, "a loop over the array's rows"),
    (product_escape, "never formed the 60 × 70 × 80 array"),
    (product_view_escape, "never formed"),
    (product_slice_loop, "did it loop over k"),
    (product_no_sum, "now sum them over k"),
    (product_wrong_axis, "should return shape \\(n, p\\)"),
    (product_transposed, "B \\*transposed\\*"),
    (lambda A, B: A * B, "raised ValueError"),
])
def test_broadcast_product_names_the_mistake(mistake, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_broadcast_product(mistake)


def test_broadcast_product_placeholder(capsys):
    assert not_answered(checks.check_broadcast_product, lambda A, B: ..., capsys, 2)
    assert checks.check_broadcast_product.exercise_number == 2


# --- Exercise 3: four failing projects -------------------------------------------------------------

def test_failing_projects_accepts_dict_list_and_string(capsys):
    assert passes(checks.check_failing_projects, {1: "C", 2: "B", 3: "A", 4: "D"}, capsys)
    assert passes(checks.check_failing_projects, ["c", "(b)", "A", " d "], capsys)
    assert passes(checks.check_failing_projects, "C, B, A, D", capsys)
    assert passes(checks.check_failing_projects, {"1": "C", "2": "B", "3": "A", "4": "D"}, capsys)


@pytest.mark.parametrize("answer, words", [
    ("BCAD", "projects 1, 2 .*lowest.*slope"),  # too long and too short swapped
    ("CAAD", "project 2 .*slope of both curves"),  # a slow start read as too few examples
    ("CBCD", "project 3 .*training error with the validation error"),
    ("CBAE", "project 4 .*third curve"),  # the in-use curve overlooked
    ("CBA", "four letters"),
    ({1: "C", 2: "B", 3: "A"}, "keys 1, 2, 3, 4"),
    ("CBAF", "one of the letters"),
])
def test_failing_projects_points_at_the_evidence(answer, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_failing_projects(answer)


def test_failing_projects_placeholder(capsys):
    assert not_answered(checks.check_failing_projects, ..., capsys, 3)
    assert not_answered(checks.check_failing_projects, {1: ..., 2: ..., 3: ..., 4: ...}, capsys, 3)
    assert checks.check_failing_projects.exercise_number == 3


def test_failing_project_curves_show_what_the_answers_say():
    curves = checks.failing_project_curves()
    too_long = curves[1]["validation"]
    assert 5 < too_long.argmin() < 30 and too_long[-1] > too_long.min() + 0.05
    too_short = curves[2]
    assert too_short["training"][-2] - too_short["training"][-1] > 1e-3  # still falling
    assert too_short["validation"][-1] > 0.25
    few = curves[3]
    assert few["training"][-1] < 0.02 and few["validation"][5:].min() > 0.25
    unlike = curves[4]
    assert abs(unlike["validation"][-1] - unlike["training"][-1]) < 0.03
    assert unlike["in use (new hospital)"][-1] > 0.25
