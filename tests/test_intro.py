"""Tests of the figures of notebooks 00 and 01 (utils/plots/intro.py): every plot draws under Agg
and returns its Axes, and rejects bad arguments with a message. (Their exercise checks are tested in
test_checks_introduction.py and test_checks_tensorflow_basics.py.)"""
from collections import namedtuple

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf
from matplotlib.patches import Circle, FancyArrowPatch

from utils import data, plots

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
    assert any("winter" in text for text in texts)


def test_timeline_stretches_the_crowded_years_and_says_so():
    Row = namedtuple("Row", "year year_end event people kind")
    rows = [Row(1950, 1950, "old", "A", "model"), Row(2010, 2010, "x", "B", "model"),
            Row(2011, 2011, "y", "C", "idea")]
    ax = plots.timeline(rows, stretch_from=2005, stretch=3, winters=())
    markers = {tuple(line.get_ydata()) for line in ax.lines if len(line.get_ydata()) == 1}
    assert (2005 + 3 * 5,) in markers and (2005 + 3 * 6,) in markers and (1950,) in markers
    assert any("3× longer per year" in text.get_text() for text in ax.texts)
    assert not any("winter" in text.get_text() for text in ax.texts)


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
    assert "= 21" in texts and "step 2" in texts and "step 3" not in texts
    assert "output" in texts  # the last column only hands the result back
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
