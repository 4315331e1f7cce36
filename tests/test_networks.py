"""Notebooks 02-04's helpers: plots under Agg, the widgets headless, every check passing and failing."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.datasets import make_moons

from utils import plots, scratch, widgets
from utils.widgets.networks import _fit_tiny_network


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal([-2, -2], 0.5, size=(20, 2)), rng.normal([2, 2], 0.5, size=(20, 2))])
    return X.astype(np.float32), np.repeat([0, 1], 20)


@pytest.fixture(scope="module")
def moons():
    X, y = make_moons(n_samples=200, noise=0.2, random_state=0)
    return X.astype(np.float32), y


def scatter_labels(ax):
    return [collection.get_label() for collection in ax.collections if collection.get_label().startswith("class")]


# --- plots.decision_boundary (utils/plots/core.py) --------------------------------------------------

def test_decision_boundary_with_labels_calls_predict_on_a_float32_grid(blobs):
    X, y = blobs
    calls = []

    def predict(points):
        calls.append(points)
        return (points[:, 0] > 0).astype(int)

    ax = plots.decision_boundary(predict, X, y, resolution=30, padding=1.0, title="labels")
    assert len(calls) == 1 and calls[0].shape == (900, 2) and calls[0].dtype == np.float32
    assert scatter_labels(ax) == ["class 0", "class 1"]
    assert ax.get_xlim() == pytest.approx((X[:, 0].min() - 1.0, X[:, 0].max() + 1.0))
    assert ax.get_title() == "labels"


def test_decision_boundary_thresholds_probabilities_of_shape_n_by_1(blobs):
    X, y = blobs
    seen = {}

    def predict(points):
        probabilities = scratch.sigmoid(points.sum(axis=1, keepdims=True))  # (m, 1)
        seen["shape"] = probabilities.shape
        return probabilities

    _, ax = plt.subplots()
    assert plots.decision_boundary(predict, X, y, ax=ax, resolution=20) is ax
    assert seen["shape"] == (400, 1)
    assert scatter_labels(ax) == ["class 0", "class 1"]


def test_decision_boundary_takes_the_argmax_of_k_class_outputs():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    y = np.arange(30) % 3
    centres = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    ax = plots.decision_boundary(lambda points: -((points[:, None, :] - centres) ** 2).sum(axis=2), X, y, resolution=25)
    assert scatter_labels(ax) == ["class 0", "class 1", "class 2"]


@pytest.mark.parametrize("X,y,message", [
    (np.zeros((5, 3)), np.zeros(5), r"X of shape \(n, 2\), got \(5, 3\)"),
    (np.zeros(5), np.zeros(5), r"X of shape \(n, 2\), got \(5,\)"),
    (np.zeros((5, 2)), np.zeros(4), r"one label per point \(5\), got 4"),
])
def test_decision_boundary_rejects_bad_shapes(X, y, message):
    with pytest.raises(ValueError, match=message):
        plots.decision_boundary(lambda points: np.zeros(len(points), dtype=int), X, y)


def test_decision_boundary_rejects_more_classes_than_colours():
    X = np.random.default_rng(2).normal(size=(12, 2))
    with pytest.raises(ValueError, match="at most 10 classes"):
        plots.decision_boundary(lambda points: np.zeros(len(points), dtype=int), X, np.arange(12))


# --- plots/networks.py ----------------------------------------------------------------------------

def test_perceptron_boundary_shades_the_positive_side_and_draws_the_line(blobs):
    X, y = blobs
    w0, w = 1.0, np.array([2.0, -1.0])
    ax = plots.perceptron_boundary(w0, w, X, y, limits=((-3, 3), (-3, 3)), title="t")
    mask = ax.images[0].get_array()  # rows follow x2 upwards (origin="lower"), columns x1
    assert mask[0, -1] and not mask[-1, 0]  # (3, -3) has z = 10 > 0; (-3, 3) has z = -8 < 0
    line = ax.get_lines()[0]
    for x1, x2 in zip(line.get_xdata(), line.get_ydata()):
        assert w0 + w @ [x1, x2] == pytest.approx(0.0)
    assert len(ax.collections) == 2 and ax.get_legend() is not None and ax.get_title() == "t"
    assert [collection.get_paths()[0] for collection in ax.collections] != [] and \
        ax.collections[0].get_paths()[0] != ax.collections[1].get_paths()[0]  # a marker shape per class
    assert {"class 0", "class 1"} <= {text.get_text() for text in ax.get_legend().get_texts()}


def test_perceptron_boundary_handles_steep_lines_zero_weights_and_no_legend():
    ax = plots.perceptron_boundary(0.5, [1.0, 0.0], legend=False)
    x1 = ax.get_lines()[0].get_xdata()
    assert np.allclose(x1, -0.5) and ax.get_legend() is None
    ax = plots.perceptron_boundary(1.0, [0.0, 0.0])
    assert not ax.get_lines() and ax.images[0].get_array().all()  # z = 1 everywhere


@pytest.mark.parametrize("w0,w,X,message", [
    (0.0, [1.0, 2.0, 3.0], None, "two finite weights"),
    (np.nan, [1.0, 2.0], None, "finite bias"),
    (0.0, [1.0, 2.0], np.zeros((4, 3)), r"X of shape \(n, 2\)"),
])
def test_perceptron_boundary_rejects_bad_arguments(w0, w, X, message):
    with pytest.raises(ValueError, match=message):
        plots.perceptron_boundary(w0, w, X, None if X is None else np.zeros(len(X)))


def test_activation_grid_draws_each_function_and_its_derivative():
    functions = {"sigmoid": (scratch.sigmoid, scratch.sigmoid_grad), "relu": (scratch.relu, scratch.relu_grad)}
    z = np.linspace(-2, 2, 5)
    axes = plots.activation_grid(functions, z=z, ncols=3)
    assert len(axes) == 3 and not axes[2].axison
    g_line, g_prime_line = axes[1].get_lines()[2:]  # after the two axis lines
    np.testing.assert_allclose(g_line.get_ydata(), scratch.relu(z))
    np.testing.assert_allclose(g_prime_line.get_ydata(), scratch.relu_grad(z))
    assert [ax.get_title() for ax in axes[:2]] == ["sigmoid", "relu"]


def test_activation_grid_breaks_the_derivative_at_a_jump():
    z = np.linspace(-2, 2, 5)
    axes = plots.activation_grid({"ReLU": (scratch.relu, scratch.relu_grad, [0.0])}, z=z, ncols=1)
    g_prime_line, filled, hollow = axes[0].get_lines()[3:]
    np.testing.assert_array_equal(g_prime_line.get_xdata(), [-2, -1, 0, np.nan, 0, 1, 2])
    np.testing.assert_array_equal(g_prime_line.get_ydata(), [0, 0, 0, np.nan, 1, 1, 1])  # no vertical segment
    assert (filled.get_xdata()[0], filled.get_ydata()[0]) == (0, 0)  # ReLU'(0) = 0, as TensorFlow says
    assert (hollow.get_xdata()[0], hollow.get_ydata()[0]) == (0, 1) and hollow.get_markerfacecolor() == "white"


def test_activation_grid_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"non-empty dict name -> \(g, g_prime\).*got an empty dict"):
        plots.activation_grid({})
    with pytest.raises(ValueError, match="got list"):
        plots.activation_grid([np.tanh])
    with pytest.raises(ValueError, match="for 'a'"):
        plots.activation_grid({"a": np.tanh})
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="at least 2 Axes, got 1"):
        plots.activation_grid({"a": (np.tanh, np.tanh), "b": (np.tanh, np.tanh)}, axes=[ax])


def test_network_diagram_draws_layers_and_truncates_large_ones():
    ax = plots.network_diagram([784, 3, 2], max_nodes=7, title="net")
    nodes = [len(collection.get_offsets()) for collection in ax.collections]
    assert nodes == [6, 3, 2]
    assert len(ax.get_lines()) == 6 * 3 + 3 * 2  # every node joined to every node of the next layer
    texts = [text.get_text() for text in ax.texts]
    assert "input\n784 units" in texts and "output\n2 units" in texts and ax.get_title() == "net"


@pytest.mark.parametrize("sizes,names,message", [
    ([3], None, "at least two layer sizes"),
    ([3, 0], None, "at least two layer sizes"),
    ([3, 2], ["only one"], r"one name per layer \(2\), got 1"),
])
def test_network_diagram_rejects_bad_arguments(sizes, names, message):
    with pytest.raises(ValueError, match=message):
        plots.network_diagram(sizes, layer_names=names)


def test_perceptron_diagram_labels_every_part():
    ax = plots.perceptron_diagram(3, title="p")
    texts = {text.get_text() for text in ax.texts}
    assert {"1", "$x_1$", "$x_3$", "$w_0$", "$w_3$", r"$\Sigma$", "$g$", r"$\hat{y}$"} <= texts
    assert any(text.startswith("inputs") for text in texts) and ax.get_title() == "p"
    assert ax.get_aspect() == 1.0  # circles stay round
    with pytest.raises(ValueError, match="integer from 1 to 6, got 0"):
        plots.perceptron_diagram(0)


def test_neuron_sketch_names_the_parts_the_perceptron_borrows():
    ax = plots.neuron_sketch(title="n")
    texts = " ".join(text.get_text() for text in ax.texts)
    for part in ("dendrites", "synapses", "cell body", "axon (output)", "axon terminals"):
        assert part in texts
    assert ax.get_title() == "n"


def test_perceptron_boundary_keeps_the_weight_vector_perpendicular():
    ax = plots.perceptron_boundary(1.0, [3.0, -2.0], limits=((-4, 4), (-3, 3)))
    assert ax.get_aspect() == 1.0  # equal units on both axes, so W looks perpendicular to the line
    ax = plots.perceptron_boundary(1.0, [3.0, -2.0], equal_aspect=False)
    assert ax.get_aspect() == "auto"


def test_gelu_and_silu_match_tensorflow():
    import tensorflow as tf

    from utils.scratch import activations

    z = np.linspace(-6, 6, 121)
    np.testing.assert_allclose(activations.gelu(z), tf.nn.gelu(z, approximate=False).numpy(), atol=1e-7)
    np.testing.assert_allclose(activations.silu(z), tf.nn.silu(z).numpy(), atol=1e-12)
    assert activations.gelu(np.float32([1.0])).dtype == np.float32
    assert activations.silu(np.array([0])).tolist() == [0.0]


# --- widgets/networks.py --------------------------------------------------------------------------

def test_draw_perceptron_demo_reports_the_accuracy(blobs):
    X, y = blobs
    ax, accuracy = widgets.draw_perceptron_demo(X, y, w1=1.0, w2=1.0, w0=0.0)
    assert accuracy == 1.0 and "accuracy 100%" in ax.get_title()
    _, accuracy = widgets.draw_perceptron_demo(X, y, w1=-1.0, w2=-1.0, w0=0.0)
    assert accuracy == 0.0


def test_perceptron_demo_redraws_when_a_slider_moves(blobs):
    X, y = blobs
    demo = widgets.perceptron_demo(X, y, w1=1.0, w2=1.0, w0=0.0)
    sliders = {slider.description: slider for slider in demo.children[0].children}
    image = demo.children[1]
    first_png = bytes(image.value)
    assert first_png.startswith(b"\x89PNG") and demo.result == {"w1": 1.0, "w2": 1.0, "w0": 0.0, "accuracy": 1.0}
    sliders["w1"].value = -1.0
    sliders["w2"].value = -1.0
    assert demo.result["w1"] == -1.0 and demo.result["w2"] == -1.0 and demo.result["accuracy"] == 0.0
    assert bytes(image.value) != first_png
    sliders["w1"].value, sliders["w2"].value, sliders["w0 (bias)"].value = 0.0, 0.0, 1.0  # z = 1: all called 1
    assert demo.result == {"w1": 0.0, "w2": 0.0, "w0": 1.0, "accuracy": 0.5}
    sliders["w0 (bias)"].value = 9.0  # beyond the slider's range: clamped to 5
    assert demo.result["w0"] == 5.0
    assert not plt.get_fignums()  # every redraw freed its figure


def test_perceptron_demo_rejects_bad_points():
    with pytest.raises(ValueError, match=r"X of shape \(n, 2\) and n labels in \{0, 1\}"):
        widgets.perceptron_demo(np.zeros((4, 3)), np.zeros(4))
    with pytest.raises(ValueError, match=r"labels in.*3 labels with values \[0, 1, 2\]"):
        widgets.draw_perceptron_demo(np.zeros((3, 2)), [0, 1, 2])
    with pytest.raises(ValueError, match=r"got X \(3, 2\) and 2 labels"):
        widgets.draw_perceptron_demo(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match=r"values \[0.0, 0.5\]"):  # not silently rounded to 0
        widgets.draw_perceptron_demo(np.zeros((2, 2)), [0.0, 0.5])


@pytest.mark.parametrize("y,message", [
    (None, "got X \\(3, 2\\) and no y"), ([0, 1], "and 2 labels"), ([0, 1, 2], r"values \[0, 1, 2\]"),
])
def test_perceptron_boundary_reports_the_bad_labels(y, message):
    with pytest.raises(ValueError, match=message):
        plots.perceptron_boundary(0.0, [1.0, 1.0], np.zeros((3, 2)), y)


def test_tiny_network_learns_moons_only_with_a_non_linearity(moons):
    X, y = moons
    predict, relu_accuracy = _fit_tiny_network(X.astype(float), y, "relu")
    assert relu_accuracy >= 0.95 and predict(X[:5]).shape == (5,)
    _, linear_accuracy = _fit_tiny_network(X.astype(float), y, "linear")
    assert linear_accuracy <= 0.9


def test_draw_activation_explorer_shows_g_and_the_boundary(moons):
    X, y = moons
    axes, accuracy = widgets.draw_activation_explorer(X, y, activation="tanh")
    assert len(axes) == 2 and accuracy >= 0.9
    assert "tanh" in axes[0].get_title() and "tanh" in axes[1].get_title()
    with pytest.raises(ValueError, match="expects one of"):
        widgets.draw_activation_explorer(X, y, activation="swish")


def test_activation_explorer_retrains_and_redraws_on_a_new_choice(moons):
    X, y = moons
    demo = widgets.activation_explorer(X, y, activation="relu")
    dropdown, image = demo.children[0].children[0], demo.children[1]
    assert tuple(dropdown.options) == widgets.ACTIVATION_NAMES
    relu_png, relu_result = bytes(image.value), demo.result
    assert relu_result["activation"] == "relu" and relu_result["accuracy"] >= 0.95
    dropdown.value = "linear"
    assert demo.result["activation"] == "linear" and demo.result["accuracy"] < relu_result["accuracy"]
    assert bytes(image.value) != relu_png
    dropdown.value = "relu"  # served from the cache: the same picture again
    assert demo.result == relu_result and bytes(image.value) == relu_png
    with pytest.raises(ValueError, match="expects one of"):
        widgets.activation_explorer(X, y, activation="swish")
