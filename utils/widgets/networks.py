"""Interactive demos for notebooks 02-03: the perceptron's boundary and the activation explorer.

Each demo returns an ``ipywidgets.VBox``: controls above an ``ipywidgets.Image`` of the figure, redrawn
in place (so it also runs headless); ``.result`` holds the state drawn last. Each ``draw_...``
function draws the same picture on a plain figure. The explorer's small network is trained here,
in NumPy, with the activations of ``utils.scratch``.
"""
import matplotlib.pyplot as plt
import numpy as np

from utils import plots, scratch
from utils.widgets.core import png_bytes, show_png

__all__ = ["ACTIVATION_NAMES", "draw_perceptron_demo", "perceptron_demo", "draw_activation_explorer",
           "activation_explorer"]

# name -> (g, g_prime, the z where g_prime jumps)
ACTIVATIONS = {
    "linear": (lambda z: np.asarray(z, dtype=float), lambda z: np.ones_like(z, dtype=float), ()),
    "sigmoid": (scratch.sigmoid, scratch.sigmoid_grad, ()),
    "tanh": (scratch.tanh, scratch.tanh_grad, ()),
    "relu": (scratch.relu, scratch.relu_grad, (0.0,)),
    "leaky_relu": (scratch.leaky_relu, scratch.leaky_relu_grad, (0.0,)),
    "elu": (scratch.elu, scratch.elu_grad, ()),
}


def _fit_tiny_network(X, y, activation, hidden=16, steps=400, learning_rate=0.5, seed=0):
    """Train a 2 -> hidden -> 1 network (sigmoid output) by full-batch gradient descent with momentum.

    Returns ``(predict, accuracy)``: points (m, 2) -> probabilities (m,), and the training accuracy.
    """
    g, g_prime, _ = ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=(2, hidden)), np.zeros(hidden),
              rng.normal(scale=hidden ** -0.5, size=(hidden, 1)), np.zeros(1)]
    velocity = [np.zeros_like(param) for param in params]
    target = y.reshape(-1, 1).astype(float)
    for _ in range(steps):
        W1, b1, W2, b2 = params
        z1 = X @ W1 + b1  # (n, hidden)
        h = g(z1)
        p = scratch.sigmoid(h @ W2 + b2)  # (n, 1)
        d_logit = (p - target) / len(X)  # gradient of the mean cross-entropy w.r.t. the output's z
        d_z1 = (d_logit @ W2.T) * g_prime(z1)
        grads = [X.T @ d_z1, d_z1.sum(axis=0), h.T @ d_logit, d_logit.sum(axis=0)]
        for index, grad in enumerate(grads):
            velocity[index] = 0.9 * velocity[index] - learning_rate * grad
            params[index] = params[index] + velocity[index]
    W1, b1, W2, b2 = params

    def predict(points):
        return scratch.sigmoid(g(np.asarray(points, dtype=float) @ W1 + b1) @ W2 + b2).ravel()

    return predict, float(np.mean((predict(X) >= 0.5) == y))


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
    png = png_bytes(fig)
    plt.close(fig)
    return png


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
    if ax is None:
        _, ax = plt.subplots(figsize=(6.8, 4.6))
    ax = plots.perceptron_boundary(w0, (w1, w2), X, y, ax=ax, title=title, legend="outside")
    ax.figure.tight_layout()
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
        fig, ax = plt.subplots(figsize=(6.8, 4.6))
        _, accuracy = draw_perceptron_demo(X, y, w1, w2, w0, ax=ax)
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
