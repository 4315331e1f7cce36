"""Smoke tests of the backpropagation plots (utils/plots/backprop.py) under the Agg backend."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils import plots, scratch  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def lecture_chain(x=2.0, w1=0.5, w2=2.0, y=1.0):
    """Forward values and gradients of J = (y - w2 sigmoid(w1 x))^2, by the chain rule."""
    z1 = w1 * x
    a1 = scratch.sigmoid(z1)
    y_hat = w2 * a1
    dJ_dy_hat = -2 * (y - y_hat)
    dJ_dz1 = dJ_dy_hat * w2 * a1 * (1 - a1)
    forward = {"x": x, "w1": w1, "z1": z1, "a1": a1, "w2": w2, "y_hat": y_hat,
               "J": (y - y_hat) ** 2, "y": y}
    backward = {"w1": dJ_dz1 * x, "z1": dJ_dz1, "a1": dJ_dy_hat * w2, "w2": dJ_dy_hat * a1,
                "y_hat": dJ_dy_hat, "J": 1.0}
    return forward, backward


def texts(ax):
    return [text.get_text() for text in ax.texts]


def test_chain_rule_graph_writes_values_gradients_and_local_derivatives():
    forward, backward = lecture_chain()
    ax = plots.chain_rule_graph(forward, backward, title="chain")
    shown = texts(ax)
    assert ax.get_title() == "chain"
    assert "0.7311" in shown and "0.7269" in shown  # g(z1) forward, dJ/dw1 backward
    local = [text for text in shown if "\n$= " in text]
    assert len(local) == 7  # one label per arrow, the target's included
    # every red number is the red number at the arrow's head times the arrow's local derivative
    assert any("0.1966" in text for text in local)  # sigmoid'(1)
    assert backward["z1"] == pytest.approx(backward["a1"] * 0.19661193, rel=1e-6)
    assert any("target" in text for text in shown)


def test_chain_rule_graph_without_target_reads_the_last_derivative_from_the_gradients():
    forward, backward = lecture_chain(x=-1.0, w1=3.0, w2=-0.5, y=0.0)
    del forward["y"]
    ax = plots.chain_rule_graph(forward, backward)
    local = [text for text in texts(ax) if "\n$= " in text]
    assert len(local) == 6 and not any("target" in text for text in texts(ax))
    assert any(f"{backward['y_hat']:.4f}" in text for text in local)


def test_chain_rule_graph_draws_on_a_given_axes():
    _, ax = plt.subplots()
    assert plots.chain_rule_graph(*lecture_chain(), ax=ax) is ax


def test_gradient_norm_bars_draws_one_bar_per_layer_and_network():
    ax = plots.gradient_norm_bars({"sigmoid": [1e-6, 1e-3, 1.0], "relu": [0.1, 0.2, 0.1]},
                                  title="norms")
    assert len(ax.patches) == 6 and ax.get_yscale() == "log" and ax.get_title() == "norms"
    heights = sorted(patch.get_height() for patch in ax.patches)
    np.testing.assert_allclose(heights, sorted([1e-6, 1e-3, 1.0, 0.1, 0.2, 0.1]))


@pytest.mark.parametrize("call, match", [
    (lambda: plots.chain_rule_graph({"x": 1.0}, {}), r"missing \['w1'"),
    (lambda: plots.chain_rule_graph(lecture_chain()[0], {"J": 1.0}), "missing"),
    (lambda: plots.gradient_norm_bars({}), "non-empty dict"),
    (lambda: plots.gradient_norm_bars([1.0, 2.0]), "non-empty dict"),
    (lambda: plots.gradient_norm_bars({"a": [1, 2], "b": [1]}), "same number of layers"),
])
def test_bad_arguments_raise_value_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()
