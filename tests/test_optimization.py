"""Tests of the gradient-descent and backpropagation helpers (notebooks 05 and 06).

The NumPy MLP is checked against finite differences and against tf.GradientTape on random inputs of
several shapes, in float64; the plots and the widget are smoke-tested under Agg; every exercise check
is run with a right and with a wrong answer.
"""
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf

from utils import plots, scratch, widgets

SHAPES = [(1, 2, 3, 1), (5, 3, 4, 1), (16, 2, 8, 1), (7, 4, 6, 3), (12, 3, 5, 4)]  # (m, n_in, n_hidden, n_out)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def random_problem(m, n_in, n_hidden, n_out, seed):
    """Random float64 parameters (biases non-zero too), inputs and labels."""
    rng = np.random.default_rng(seed)
    params = {name: value + rng.normal(scale=0.1, size=value.shape)
              for name, value in scratch.init_mlp(n_in, n_hidden, n_out, seed=seed).items()}
    X = rng.normal(size=(m, n_in))
    y = rng.integers(0, 2 if n_out == 1 else n_out, size=m)
    return params, X, y


def tape_gradients(params, X, y, activation):
    """The same network and loss in TensorFlow, differentiated by tf.GradientTape."""
    variables = {name: tf.Variable(value, dtype=tf.float64) for name, value in params.items()}
    with tf.GradientTape() as tape:
        Z1 = tf.constant(X) @ variables["W1"] + variables["b1"]
        A1 = tf.tanh(Z1) if activation == "tanh" else tf.nn.relu(Z1)
        logits = A1 @ variables["W2"] + variables["b2"]
        if logits.shape[1] == 1:
            losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(y, tf.float64)[:, None], logits=logits)
        else:
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(y), logits=logits)
        loss = tf.reduce_mean(losses)
    grads = tape.gradient(loss, list(variables.values()))
    return float(loss), {name: grad.numpy() for name, grad in zip(variables, grads)}


# --- the MLP ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_backprop_matches_finite_differences(shape, activation):
    params, X, y = random_problem(*shape, seed=sum(shape))
    grads = scratch.mlp_backward(params, scratch.mlp_forward(params, X, activation)[1], y)
    numerical = scratch.mlp_numerical_gradients(params, X, y, activation)
    assert scratch.gradient_relative_error(grads, numerical) < 1e-6


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_backprop_and_loss_match_gradient_tape(shape, activation):
    params, X, y = random_problem(*shape, seed=100 + sum(shape))
    tf_loss, taped = tape_gradients(params, X, y, activation)
    Y_hat, cache = scratch.mlp_forward(params, X, activation)
    grads = scratch.mlp_backward(params, cache, y)
    assert scratch.mlp_loss(params, X, y, activation) == pytest.approx(tf_loss, rel=1e-12)
    assert scratch.gradient_relative_error(grads, taped) < 1e-6
    for name in params:
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], taped[name], rtol=1e-6, atol=1e-12)
    assert Y_hat.shape == (shape[0], shape[3])
    assert np.allclose(Y_hat.sum(axis=1), 1.0) if shape[3] > 1 else np.all((Y_hat > 0) & (Y_hat < 1))


def test_loss_is_finite_when_the_output_saturates():
    params, X, y = random_problem(4, 2, 3, 1, seed=0)
    params["b2"] = np.array([800.0])  # sigmoid(800) rounds to 1: log(1 - y_hat) would be -inf
    loss = scratch.mlp_loss(params, X, np.zeros(4))
    assert np.isfinite(loss) and loss > 700


def test_a_training_step_reduces_the_loss_and_leaves_params_alone():
    params, X, y = random_problem(32, 2, 8, 1, seed=3)
    before = {name: value.copy() for name, value in params.items()}
    new_params, loss = scratch.mlp_train_step(params, X, y, learning_rate=0.1)
    assert loss == pytest.approx(scratch.mlp_loss(params, X, y))
    assert scratch.mlp_loss(new_params, X, y) < loss
    for name in params:
        np.testing.assert_array_equal(params[name], before[name])


def test_mini_batch_training_learns_a_nonlinear_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)  # XOR of the signs: no line separates it
    params = scratch.init_mlp(2, 16, 1, seed=0)
    start = scratch.mlp_loss(params, X, y)
    for _ in range(100):
        order = rng.permutation(200)
        for begin in range(0, 200, 20):
            params, _ = scratch.mlp_train_step(params, X[order[begin:begin + 20]], y[order[begin:begin + 20]], 0.5)
    accuracy = np.mean((scratch.mlp_forward(params, X)[0][:, 0] >= 0.5) == y)
    assert scratch.mlp_loss(params, X, y) < start / 3 and accuracy >= 0.9


def test_init_mlp_shapes_and_seed():
    params = scratch.init_mlp(3, 5, 2, seed=7)
    assert {name: value.shape for name, value in params.items()} == {"W1": (3, 5), "b1": (5,), "W2": (5, 2), "b2": (2,)}
    np.testing.assert_array_equal(params["W1"], scratch.init_mlp(3, 5, 2, seed=7)["W1"])
    assert not np.array_equal(params["W1"], scratch.init_mlp(3, 5, 2, seed=8)["W1"])


@pytest.mark.parametrize("call, match", [
    (lambda p, X, y, c: scratch.init_mlp(0, 3), "n_in"),
    (lambda p, X, y, c: scratch.init_mlp(2, 3.5), "n_hidden"),
    (lambda p, X, y, c: scratch.mlp_forward(p, X[:, :1]), r"X of shape \(m >= 1, 2\)"),
    (lambda p, X, y, c: scratch.mlp_forward(p, X[0]), "X of shape"),
    (lambda p, X, y, c: scratch.mlp_forward(p, X, activation="sigmoid"), "activation"),
    (lambda p, X, y, c: scratch.mlp_forward({"W1": p["W1"]}, X), "keys"),
    (lambda p, X, y, c: scratch.mlp_forward({**p, "b1": p["b1"][:2]}, X), "b1"),
    (lambda p, X, y, c: scratch.mlp_forward(p, np.array([["a", "b"]])), "numeric"),
    (lambda p, X, y, c: scratch.mlp_loss(p, X, y[:3]), "labels"),
    (lambda p, X, y, c: scratch.mlp_loss(p, X, y + 2.0), r"labels in \[0, 1\]"),
    (lambda p, X, y, c: scratch.mlp_backward(p, {"X": X}, y),
     r"mlp_backward expects the cache.*got a dict with keys \['X'\]"),
    (lambda p, X, y, c: scratch.mlp_backward(p, [X], y), "cache.*got a list"),
    (lambda p, X, y, c: scratch.mlp_backward(p, scratch.mlp_forward(scratch.init_mlp(2, 5), X)[1], y),
     r"A1 with 4 columns.*got A1 of shape \(6, 5\)"),
    (lambda p, X, y, c: scratch.mlp_train_step(p, X, y, learning_rate=0), "learning_rate"),
    (lambda p, X, y, c: scratch.mlp_train_step(p, X, y, learning_rate=-0.1), "learning_rate"),
    (lambda p, X, y, c: scratch.gradient_relative_error(c, {"W1": c["W1"]}), "same keys"),
    (lambda p, X, y, c: scratch.gradient_relative_error(c, {**c, "b1": c["b1"][:1]}), "matching shapes"),
    (lambda p, X, y, c: scratch.gradient_relative_error({}, {}), "non-empty dicts"),
    (lambda p, X, y, c: scratch.mlp_forward({**p, "W1": p["W1"].tolist()}, X),
     r"mlp_forward expects NumPy arrays.*'W1': 'list'"),
    (lambda p, X, y, c: scratch.mlp_loss(p, X, np.where(np.arange(len(y)) == 0, np.nan, y)), "finite labels, got 1 NaN"),
])
def test_bad_inputs_raise_value_errors(call, match):
    params, X, y = random_problem(6, 2, 4, 1, seed=1)
    grads = scratch.mlp_backward(params, scratch.mlp_forward(params, X)[1], y)
    with pytest.raises(ValueError, match=match):
        call(params, X, y, grads)


def test_multiclass_labels_are_checked():
    params, X, _ = random_problem(5, 2, 4, 3, seed=2)
    with pytest.raises(ValueError, match=r"integer labels in \[0, 2\]"):
        scratch.mlp_loss(params, X, np.array([0, 1, 2, 3, 0]))
    one_hot = np.eye(3)[[0, 1, 2, 1, 0]]
    assert scratch.mlp_loss(params, X, one_hot) == pytest.approx(scratch.mlp_loss(params, X, np.array([0, 1, 2, 1, 0])))


def test_gradient_relative_error_values():
    a = {"W": np.array([3.0, 4.0])}
    assert scratch.gradient_relative_error(a, a) == 0.0
    assert scratch.gradient_relative_error(a, {"W": np.array([3.0, 4.5])}) == pytest.approx(0.5 / np.hypot(3, 4.5))


# --- plots and widget ------------------------------------------------------------------------------

def bowl(w0, w1):
    return (w0 - 1.0) ** 2 + 10 * (w1 + 0.5) ** 2


def test_plot_helpers_draw_under_agg():
    ax = plots.loss_contour(bowl, (-2, 3), (-2, 1), minimum=(1.0, -0.5), title="bowl")
    assert ax.get_title() == "bowl" and ax.get_xlim() == (-2, 3)
    assert plots.descent_path(np.array([[-1.0, 0.5], [0.0, 0.0], [1.0, -0.5]]), ax=ax, label="path") is ax
    surface = plots.loss_surface(bowl, (-2, 3), (-2, 1))
    assert surface.name == "3d"
    curves = plots.compare_curves({"a": [3, 2, 1], "b": [3, 1, 0.5]}, title="curves")
    assert len(curves.get_lines()) == 2 and curves.get_yscale() == "log"
    bars = plots.gradient_norm_bars({"sigmoid": [1e-6, 1e-3, 1.0], "relu": [0.1, 0.2, 0.1]})
    assert len(bars.patches) == 6 and bars.get_yscale() == "log"
    forward = {"x": 2.0, "w1": 0.5, "z1": 1.0, "a1": 0.73, "w2": 2.0, "y_hat": 1.46, "J": 0.21}
    backward = {"w1": 0.73, "z1": 0.36, "a1": 1.85, "w2": 0.68, "y_hat": 0.92, "J": 1.0}
    graph = plots.chain_rule_graph(forward, backward)
    assert "0.7300" in [text.get_text() for text in graph.texts]


@pytest.mark.parametrize("call, match", [
    (lambda: plots.loss_contour(bowl, (3, -2), (-2, 1)), "loss_contour expects w0_range"),
    (lambda: plots.loss_contour(bowl, (-2, 3), (1,)), r"loss_contour expects w1_range.*got \(1,\)"),
    (lambda: plots.loss_surface(bowl, (-2, 3), (1, 1)), "loss_surface expects w1_range"),
    (lambda: plots.loss_contour(lambda a, b: 1.0, (-2, 3), (-2, 1)), "loss_contour expects loss_fn.*return shape"),
    (lambda: plots.loss_surface(bowl, (-2, 3), (-2, 1), ax=plt.subplots()[1]), "3-D Axes"),
    (lambda: plots.descent_path(np.zeros((4, 3))), "steps"),
    (lambda: plots.compare_curves({}), "non-empty dict"),
    (lambda: plots.gradient_norm_bars({"a": [1, 2], "b": [1]}), "same number of layers"),
    (lambda: plots.chain_rule_graph({"x": 1.0}, {}), "missing"),
])
def test_plot_helpers_reject_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_sweep_and_band_helpers_draw_under_agg():
    ax = plots.loss_contour(bowl, (-2, 3), (-2, 1), minimum=[(1.0, -0.5), (0.0, 0.0)])
    bar_axes = [a for a in ax.figure.axes if a is not ax]
    assert len(bar_axes) == 1 and "log scale" in bar_axes[0].get_ylabel()
    labels = [t.get_text() for t in bar_axes[0].get_yticklabels()]
    assert "1" in labels and "10" in labels and not any("e" in label for label in labels)
    plain = plots.loss_contour(bowl, (-2, 3), (-2, 1), colorbar=False, floor=0.5)
    assert len(plain.figure.axes) == 1
    assert plots.add_log_colorbar(plain.collections[0], plain).ax.get_ylabel().startswith("loss")
    runs = np.array([[10.0, 12.0], [1.0, 1.5], [0.2, 0.3]])  # (points, runs)
    band = plots.band_curves({"a": runs, "b": runs / 2}, x={"a": [0, 1, 2], "b": [0, 5, 10]})
    assert len(band.get_lines()) == 2 and band.get_yscale() == "log"
    assert band.get_lines()[1].get_xdata()[-1] == 10
    rates = np.geomspace(1e-3, 10, 5)
    steps = {"SGD": [[np.inf, np.inf], [50, 60], [20, 30], [np.inf, 40], [np.inf, np.inf]],
             "Adam": np.full((5, 2), 30.0), "none": np.full((5, 2), np.inf)}
    sweep = plots.learning_rate_sweep(rates, steps)
    sgd_y = sweep.containers[0].lines[0].get_ydata()
    assert np.isnan(sgd_y[0]) and sgd_y[1] == 55 and np.isnan(sgd_y[3])  # a missed start drops it
    assert sweep.get_xscale() == "log"
    ranges = plots.working_ranges(rates, steps)
    texts = [t.get_text() for t in ranges.texts]
    assert "×10" in texts and "×10,000" in texts and "none works" in texts
    ticks = plots.readable_log_axis(plots.compare_curves({"c": [0.9, 0.5, 0.2]}))
    ticks.figure.canvas.draw()
    assert "0.2" in [t.get_text() for t in ticks.get_yticklabels(minor=True)]


@pytest.mark.parametrize("call, match", [
    (lambda: plots.band_curves({"a": [1.0, 2.0]}), r"band_curves expects 'a' as a \(points, runs\)"),
    (lambda: plots.band_curves({}), "band_curves expects a non-empty dict"),
    (lambda: plots.learning_rate_sweep([0.1], {"a": [1]}), "at least two positive learning rates"),
    (lambda: plots.learning_rate_sweep([0.1, 1.0], {"a": [1, 2, 3]}), "one row of step counts"),
    (lambda: plots.working_ranges([-1.0, 1.0], {"a": [1, 2]}), "working_ranges expects at least"),
    (lambda: plots.readable_log_axis(plt.subplots()[1], axis="z"), "axis 'x' or 'y'"),
    (lambda: plots.compare_curves({"a": [1, 2]}, colors=["r", "g"]), "one colour per curve"),
])
def test_sweep_and_band_helpers_reject_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def line_data():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 4, 50)
    return x, 1.0 + 0.5 * x + rng.normal(0, 0.3, 50)


@pytest.mark.parametrize("learning_rate", [0.001, 0.1, 0.3])
def test_learning_rate_drawing_handles_divergence_quietly(learning_rate):
    x, y = line_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a diverging run must not print overflow warnings
        axes = widgets.draw_learning_rate_explorer(x, y, learning_rate=learning_rate, steps=100)
    assert len(axes) == 2 and len(axes[1].get_lines()) == 1


def test_learning_rate_widget_builds_headless_and_redraws():
    import ipywidgets

    x, y = line_data()
    widget = widgets.learning_rate_explorer(x, y, learning_rate=0.05, steps=10)
    sliders, image = widget.children
    rate, steps = sliders.children
    assert isinstance(image, ipywidgets.Image) and image.value[:4] == b"\x89PNG"
    assert rate.value == pytest.approx(0.05) and steps.value == 10
    first = image.value
    steps.value = 40
    assert image.value != first
    assert "run the notebook" in repr(widget)


@pytest.mark.parametrize("kwargs, match", [
    ({"learning_rate": 0.0}, "a positive learning_rate"),
    ({"steps": 0}, "steps"),
    ({"start": (1.0, 2.0, 3.0)}, "start"),
])
def test_learning_rate_widget_rejects_bad_arguments(kwargs, match):
    x, y = line_data()
    with pytest.raises(ValueError, match="draw_learning_rate_explorer expects " + match):
        widgets.draw_learning_rate_explorer(x, y, **kwargs)
    with pytest.raises(ValueError, match="^learning_rate_explorer expects " + match):
        widgets.learning_rate_explorer(x, y, **kwargs)
    with pytest.raises(ValueError, match="draw_learning_rate_explorer expects x and y.*same length"):
        widgets.draw_learning_rate_explorer(x, y[:-1])
    with pytest.raises(ValueError, match="^learning_rate_explorer expects x and y"):
        widgets.learning_rate_explorer(x[:, None], y)
