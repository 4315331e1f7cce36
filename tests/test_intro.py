"""Tests of the figures and exercise checks of notebooks 00 and 01 (utils/plots/intro.py,
utils/checks/intro.py): every plot draws under Agg and returns its Axes, every check passes on a
right answer and fails with a hint on wrong ones."""
from collections import namedtuple

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf
from matplotlib.patches import Circle, FancyArrowPatch

from utils import checks, data, plots

SUM_PRODUCT = [("a", "Placeholder", []), ("b", "Placeholder", []), ("c", "Placeholder", []),
               ("d", "Placeholder", []), ("add", "AddV2", ["a", "b"]), ("add_1", "AddV2", ["c", "d"]),
               ("mul", "Mul", ["add", "add_1"]), ("Identity", "Identity", ["mul"])]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- plots ---------------------------------------------------------------------------------------

def test_nested_sets_draws_three_labelled_discs():
    ax = plots.nested_sets()
    assert isinstance(ax, plt.Axes)
    assert sum(isinstance(patch, Circle) for patch in ax.patches) == 3
    texts = " ".join(text.get_text() for text in ax.texts)
    assert all(name in texts for name in ("Artificial intelligence", "Machine learning", "Deep learning"))


def test_nested_sets_uses_the_given_axes():
    _, ax = plt.subplots()
    assert plots.nested_sets(ax=ax, title=None) is ax


def test_timeline_labels_every_milestone_of_the_csv():
    milestones = data.load_milestones()
    ax = plots.timeline(milestones)
    texts = [text.get_text() for text in ax.texts]
    assert all(milestone.event in texts for milestone in milestones)
    assert "1957–62" in texts  # a span of years is written as a range
    assert len(ax.get_legend().get_texts()) == len({milestone.kind for milestone in milestones})


def test_timeline_accepts_any_records_and_rejects_none():
    Row = namedtuple("Row", "year year_end event people kind")
    rows = [Row(2000, 2000, "second", "B; C; D", "idea"), Row(1990, 1995, "first", "A", "model")]
    ax = plots.timeline(rows)
    texts = [text.get_text() for text in ax.texts]
    assert texts.index("first") < texts.index("second")  # drawn oldest first
    assert "B et al." in texts
    with pytest.raises(ValueError, match="non-empty list of Milestone records.*got an empty one"):
        plots.timeline([])


def test_computation_graph_draws_nodes_and_edges_in_steps():
    values = {"a": 1, "b": 2, "c": 3, "d": 4, "add": 3, "add_1": 7, "mul": 21, "Identity": 21}
    ax = plots.computation_graph(SUM_PRODUCT, values=values, title="(a + b) × (c + d)")
    assert isinstance(ax, plt.Axes)
    circles = [patch for patch in ax.patches if isinstance(patch, Circle)]
    arrows = [patch for patch in ax.patches if isinstance(patch, FancyArrowPatch)]
    assert len(circles) == 8 and len(arrows) == 7
    centres = {text.get_text(): text.get_position() for text in ax.texts}
    assert centres["a"][0] == centres["d"][0] == 0  # the inputs share the first column
    texts = [text.get_text() for text in ax.texts]
    assert "= 21" in texts and "step 3" in texts and "step 4" not in texts
    adds = [circle.center for circle in circles if circle.center[0] == 2.0]
    assert len(adds) == 2, "both additions belong to step 1: they can run in parallel"


def test_computation_graph_rejects_unknown_inputs_cycles_and_nothing():
    with pytest.raises(ValueError, match="inputs among the operations"):
        plots.computation_graph([("add", "AddV2", ["a", "b"])])
    with pytest.raises(ValueError, match="without cycles"):
        plots.computation_graph([("x", "Placeholder", []), ("f", "Mul", ["x", "g"]), ("g", "Mul", ["f"])])
    with pytest.raises(ValueError, match="at least one .name, op_type, inputs. operation, got an empty list"):
        plots.computation_graph([])


def test_computation_graph_reads_a_traced_tf_function():
    @tf.function
    def sum_product(a, b, c, d):
        return (a + b) * (c + d)

    spec = tf.TensorSpec([], tf.float32)
    graph = sum_product.get_concrete_function(spec, spec, spec, spec).graph
    operations = [(op.name, op.type, [t.op.name for t in op.inputs]) for op in graph.get_operations()]
    ax = plots.computation_graph(operations)
    assert sum(isinstance(patch, FancyArrowPatch) for patch in ax.patches) == sum(len(op[2]) for op in operations)


def test_tensor_slices_draws_one_panel_per_matrix_with_its_numbers():
    axes = plots.tensor_slices(np.arange(30).reshape(3, 2, 5), title="cube")
    assert len(axes) == 3 and all(isinstance(ax, plt.Axes) for ax in axes)
    assert [text.get_text() for text in axes[1].texts][:2] == ["10", "11"]
    assert all(len(ax.images) == 1 for ax in axes)


def test_tensor_slices_rejects_wrong_shapes():
    with pytest.raises(ValueError, match="3-axis"):
        plots.tensor_slices(np.zeros((2, 2)))
    _, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="one Axes per slice"):
        plots.tensor_slices(np.zeros((3, 2, 2)), axes=axes)


# --- checks of notebook 00 ------------------------------------------------------------------------

RIGHT_PROBLEMS = {"A": "regression", "B": "classification", "C": "clustering",
                  "D": "dimensionality reduction", "E": "classification", "F": "Regression "}


def test_check_problem_types(capsys):
    checks.check_problem_types(RIGHT_PROBLEMS)
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match=r"scenario\(s\) \['A', 'C'\]"):
        checks.check_problem_types({**RIGHT_PROBLEMS, "A": "classification", "C": "classification"})
    with pytest.raises(AssertionError, match="use one of"):
        checks.check_problem_types({**RIGHT_PROBLEMS, "D": "compression"})
    with pytest.raises(AssertionError, match="keys"):
        checks.check_problem_types({"A": "regression"})
    with pytest.raises(AssertionError, match="placeholder"):
        checks.check_problem_types(None)


def iris_petals():
    from sklearn.datasets import load_iris

    iris = load_iris()
    return iris.data[:, 2:], iris.target


def test_check_centroids(capsys):
    petals, species = iris_petals()
    centroids = np.stack([petals[species == label].mean(axis=0) for label in range(3)])
    nearest = ((petals[:, None] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
    checks.check_centroids(centroids, np.mean(nearest == species))
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="shape \\(3, 2\\)"):
        checks.check_centroids(centroids.T, 0.96)
    with pytest.raises(AssertionError, match="mean petal"):
        checks.check_centroids(np.stack([petals[species == label].mean(axis=0) for label in (1, 0, 2)]), 0.96)
    with pytest.raises(AssertionError, match="nearest"):
        checks.check_centroids(centroids, 0.5)
    with pytest.raises(AssertionError, match="fraction between 0 and 1"):
        checks.check_centroids(centroids, 96)


def matmul_broadcast(A, B):
    """A right answer: broadcasting and one sum (the words for, @ and dot in a docstring are fine)."""
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)  # (n, m, 1) * (1, m, p) -> (n, m, p)


def matmul_at(A, B):
    return A @ B


def matmul_loops(A, B):
    return np.array([[sum(A[i, k] * B[k, j] for k in range(A.shape[1])) for j in range(B.shape[1])]
                     for i in range(A.shape[0])])


def matmul_dot(A, B):
    return np.dot(A, B)


def matmul_named_inner(A, B):
    """A right answer whose variables are called inner and dot: only CALLS of those names are ruled out."""
    inner = A[:, :, None] * B[None, :, :]
    dot = inner.sum(axis=1)
    return dot


def matmul_vecdot(A, B):
    return np.vecdot(A[:, None, :], B.T[None, :, :])


def matmul_dunder(A, B):
    return A.__matmul__(B)


def matmul_while(A, B):
    rows, i = [], 0
    while i < len(A):
        rows.append((A[i][:, None] * B).sum(axis=0))
        i += 1
    return np.array(rows)


def matmul_augmented(A, B):
    C = A.copy()
    C @= B
    return C


@pytest.mark.parametrize("solution", [matmul_broadcast, matmul_named_inner])
def test_check_matmul_accepts_broadcasting(capsys, solution):
    checks.check_matmul(solution)
    assert "Correct!" in capsys.readouterr().out


@pytest.mark.parametrize("shortcut,named", [
    (matmul_at, "'@'"), (matmul_loops, "a 'for' comprehension"), (matmul_dot, "'dot'"), (matmul_vecdot, "'vecdot'"),
    (matmul_dunder, "'__matmul__'"), (matmul_while, "'while'"), (matmul_augmented, "'@'"),
])
def test_check_matmul_rejects_what_the_prompt_forbids(shortcut, named):
    with pytest.raises(AssertionError, match=f"uses {named}.*rules out"):
        checks.check_matmul(shortcut)


def test_check_matmul_rejects_builtins_wrong_shapes_and_values():
    with pytest.raises(AssertionError, match="pass a function you wrote"):
        checks.check_matmul(np.matmul)
    with pytest.raises(AssertionError, match="has shape"):
        checks.check_matmul(lambda A, B: (A[:, :, None] * B[None, :, :]).sum(axis=0))
    with pytest.raises(AssertionError, match="Wrong values"):
        checks.check_matmul(lambda A, B: (A[:, :, None] * B[None, :, :]).sum(axis=1) + 1)
    with pytest.raises(AssertionError, match="Expected a function"):
        checks.check_matmul(np.eye(2))


def test_code_tokens_skips_comments_and_strings():
    from utils.checks._source import code_tokens

    tokens = code_tokens(matmul_broadcast)
    assert {"sum", "None", "return"} <= tokens and not {"for", "@", "dot"} & tokens
    assert "@" in code_tokens(matmul_at) and code_tokens(np.matmul) is None


# --- checks of notebook 01 ------------------------------------------------------------------------

def squared_distances(points, centers):
    return tf.reduce_sum((points[:, None, :] - centers[None, :, :]) ** 2, axis=-1)  # (n, k)


def test_check_pairwise_distances(capsys):
    checks.check_pairwise_distances(squared_distances)
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="one row per point"):
        checks.check_pairwise_distances(lambda p, c: tf.transpose(squared_distances(p, c)))
    with pytest.raises(AssertionError, match="squared distances"):
        checks.check_pairwise_distances(lambda p, c: tf.sqrt(squared_distances(p, c)))
    with pytest.raises(AssertionError, match="reduce_sum"):
        checks.check_pairwise_distances(lambda p, c: tf.reduce_sum(p[:, None, :] - c[None], axis=-1))
    with pytest.raises(AssertionError, match="Expected a function"):
        checks.check_pairwise_distances(squared_distances(tf.zeros((5, 2)), tf.zeros((3, 2))))


def test_check_pairwise_distances_rejects_loops():
    def with_loop(points, centers):
        return tf.stack([tf.reduce_sum((points - center) ** 2, axis=-1) for center in centers], axis=1)

    np.testing.assert_allclose(with_loop(tf.ones((4, 2)), tf.zeros((3, 2))), 2.0)  # right values...
    with pytest.raises(AssertionError, match="uses 'for'"):  # ...but a loop, which the prompt forbids
        checks.check_pairwise_distances(with_loop)


def test_check_derivatives(capsys):
    x = tf.Variable(2.0)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = x**3 - 2 * x
        first = inner.gradient(y, x)
    checks.check_derivatives(first, outer.gradient(first, x))
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="first derivative"):
        checks.check_derivatives(tf.constant(12.0), tf.constant(12.0))
    with pytest.raises(AssertionError, match="second derivative"):
        checks.check_derivatives(tf.constant(10.0), tf.constant(10.0))
    with pytest.raises(AssertionError, match="expected the tf.Tensor"):  # numbers typed in, no tape
        checks.check_derivatives(10.0, 12.0)
    with pytest.raises(AssertionError, match="placeholder"):
        checks.check_derivatives(None, None)
    with tf.GradientTape() as outer_too_early:
        pass
    with tf.GradientTape() as inner:
        y = x**3 - 2 * x
    first_outside = inner.gradient(y, x)  # computed after the outer block closed
    with pytest.raises(AssertionError, match="INSIDE the outer tape"):
        checks.check_derivatives(first_outside, outer_too_early.gradient(first_outside, x))


def descend(steps, start=5.0):
    w = tf.Variable(start)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = w**2
        w.assign_sub(0.1 * tape.gradient(loss, w))
    return w


def test_check_gradient_steps(capsys):
    checks.check_gradient_steps(descend(3))
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="took 2 step"):
        checks.check_gradient_steps(descend(2))
    with pytest.raises(AssertionError, match="starting value"):
        checks.check_gradient_steps(descend(0))
    with pytest.raises(AssertionError, match="stay a tf.Variable"):
        checks.check_gradient_steps(tf.constant(2.56))
    with pytest.raises(AssertionError, match="subtracts learning_rate"):
        checks.check_gradient_steps(tf.Variable(1.0))
