"""Interactive demos for notebooks 02-03: the perceptron's boundary and the activation explorer.

Each demo returns an ``ipywidgets.VBox``: controls above an ``ipywidgets.Image`` of the figure, redrawn
in place (so it also runs headless); ``.result`` holds the state drawn last. Each ``draw_...``
function draws the same picture on a plain figure."""
import io

import matplotlib.pyplot as plt
import numpy as np

from utils import plots
from utils.widgets.core import show_png
from utils.widgets._networks_training import ACTIVATIONS, _fit_tiny_network

__all__ = ["ACTIVATION_NAMES", "draw_perceptron_demo", "perceptron_demo", "draw_activation_explorer",
           "activation_explorer"]

ACTIVATION_NAMES = tuple(ACTIVATIONS)


def _check_points(X, y, func, activation="linear"):
    if activation not in ACTIVATIONS:
        raise ValueError(f"{func} expects one of {ACTIVATION_NAMES}, got {activation!r}")
    X, y = np.asarray(X, dtype=float), np.asarray(y).ravel()
    if X.ndim != 2 or X.shape[1] != 2 or len(y) != len(X) or not set(np.unique(y).tolist()) <= {0, 1}:
        raise ValueError(f"{func} expects X of shape (n, 2) and n labels in {{0, 1}}, got X {X.shape} and "
                         f"{len(y)} labels with values {np.unique(y)[:6].tolist()}")
    return X, y.astype(int)


def _png(fig):
    """Render a finished figure to PNG bytes in memory, then free it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _demo(controls, draw):
    """Controls above an image; ``draw(**values)`` returns (figure, state) and runs on every change."""
    import ipywidgets  # only the live demos need it; the draw_ functions work without

    image = ipywidgets.Image(format="png")
    box = ipywidgets.VBox([ipywidgets.HBox(list(controls.values())), image])

    def redraw(_change=None):
        fig, state = draw(**{name: control.value for name, control in controls.items()})
        show_png(image, _png(fig))
        box.result = state

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return box


def draw_perceptron_demo(X, y, w1=1.0, w2=1.0, w0=0.0, ax=None):
    """Draw the perceptron demo for one choice of weights: half-planes, boundary, points, accuracy.

    Args:
        X: (n, 2) points; y: their 0/1 labels.
        w1, w2: the weights; w0: the bias.
        ax: Axes to draw on; a new figure when None.

    Returns:
        ``(ax, accuracy)``: the Axes and the share of points on their class's side.
    """
    X, y = _check_points(X, y, "draw_perceptron_demo")
    predictions = (w0 + X @ np.array([w1, w2], dtype=float) > 0).astype(int)
    accuracy = float(np.mean(predictions == y))
    title = f"$w_1$ = {w1:.1f}, $w_2$ = {w2:.1f}, $w_0$ = {w0:.1f}: accuracy {accuracy:.0%}"
    ax = plots.perceptron_boundary(w0, (w1, w2), X, y, ax=ax, title=title)
    return ax, accuracy


def perceptron_demo(X, y, w1=1.0, w2=1.0, w0=0.0):
    """Sliders for w1, w2 and w0 that redraw the perceptron's boundary and its accuracy.

    Args:
        X: (n, 2) points; y: their 0/1 labels.
        w1, w2, w0: the starting weights and bias.

    Returns:
        An ``ipywidgets.VBox``; its ``.result`` is a dict with w1, w2, w0 and accuracy.
    """
    X, y = _check_points(X, y, "perceptron_demo")

    def draw(w1, w2, w0):
        fig, ax = plt.subplots(figsize=(6.0, 4.6))
        _, accuracy = draw_perceptron_demo(X, y, w1, w2, w0, ax=ax)
        fig.tight_layout()
        return fig, {"w1": w1, "w2": w2, "w0": w0, "accuracy": accuracy}

    import ipywidgets

    slider = lambda value, name: ipywidgets.FloatSlider(value=value, min=-5, max=5, step=0.1, description=name,
                                                        continuous_update=False)
    return _demo({"w1": slider(w1, "w1"), "w2": slider(w2, "w2"), "w0": slider(w0, "w0 (bias)")}, draw)


def draw_activation_explorer(X, y, activation="relu", axes=None, trained=None):
    """Draw an activation g and its derivative, and the boundary a small network learns with it.

    Args:
        X: (n, 2) points; y: their 0/1 labels.
        activation: one of ``ACTIVATION_NAMES``.
        axes: two Axes to draw on; a new figure when None.
        trained: optional ``(predict, accuracy)`` already trained for this activation.

    Returns:
        ``(axes, accuracy)``: the two Axes and the network's training accuracy.
    """
    X, y = _check_points(X, y, "draw_activation_explorer", activation)
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [1, 1.15]})
    predict, accuracy = trained or _fit_tiny_network(X, y, activation)
    plots.activation_grid({f"{activation}: $g$ and $g'$": ACTIVATIONS[activation]}, axes=axes[:1])
    plots.decision_boundary(predict, X, y, ax=axes[1],
                            title=f"2-16-1 network with {activation}: training accuracy {accuracy:.0%}")
    axes[1].legend(loc="lower right")
    axes[0].figure.tight_layout()
    return axes, accuracy


def activation_explorer(X, y, activation="relu"):
    """A dropdown of activations; each choice shows g, g' and the boundary a small network learns.

    The network for each activation is trained once (a few hundred NumPy steps) and cached.

    Args:
        X: (n, 2) points; y: their 0/1 labels.
        activation: the first choice, one of ``ACTIVATION_NAMES``.

    Returns:
        An ``ipywidgets.VBox``; its ``.result`` is a dict with activation and accuracy.
    """
    X, y = _check_points(X, y, "activation_explorer", activation)
    cache = {}

    def draw(activation):
        if activation not in cache:
            cache[activation] = _fit_tiny_network(X, y, activation)
        axes, accuracy = draw_activation_explorer(X, y, activation, trained=cache[activation])
        return axes[0].figure, {"activation": activation, "accuracy": accuracy}

    import ipywidgets

    dropdown = ipywidgets.Dropdown(options=ACTIVATION_NAMES, value=activation, description="activation")
    return _demo({"activation": dropdown}, draw)
