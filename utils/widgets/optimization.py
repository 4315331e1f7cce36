"""Gradient descent with a learning-rate slider: watch it crawl, converge, or blow up.

The demo fits a line y = w0 + w1 x by gradient descent on the mean squared error. The gradient is
the closed form 2/n X^T (X w - y), in NumPy, so that the figure redraws instantly as a slider moves.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from utils.plots.optimization import compare_curves, descent_path, loss_contour
from utils.widgets.core import png_bytes, show_png

__all__ = ["draw_learning_rate_explorer", "learning_rate_explorer"]


def _design(x, y, func):
    """The (n, 2) design matrix [1, x] and the targets, validated; errors name ``func``."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
        raise ValueError(f"{func} expects x and y as two 1-D arrays of the same length >= 2, "
                         f"got shapes {x.shape} and {y.shape}")
    return np.stack([np.ones_like(x), x], axis=1), y


def _descend(X, y, learning_rate, steps, start, func):
    """Weights after each full-batch gradient-descent step, (steps + 1, 2); errors name ``func``."""
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"{func} expects steps to be an integer >= 1, got {steps!r}")
    if isinstance(learning_rate, bool) or not np.isscalar(learning_rate) or not learning_rate > 0:
        raise ValueError(f"{func} expects a positive learning_rate, got {learning_rate!r}")
    w = np.asarray(start, dtype=float).copy()
    if w.shape != (2,):
        raise ValueError(f"{func} expects start as (w0, w1), got shape {w.shape}")
    path = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run may overflow: we show it
        for _ in range(steps):
            w = w - learning_rate * 2 / len(y) * X.T @ (X @ w - y)
            path.append(w.copy())
    return np.array(path)


def draw_learning_rate_explorer(x, y, learning_rate=0.1, steps=30, start=(-2.0, -1.5), axes=None):
    """Draw the descent path on the loss contours (left) and the loss per step (right).

    Args:
        x, y: 1-D arrays, the data the line is fitted to.
        learning_rate: the step size eta.
        steps: number of gradient-descent steps.
        start: the initial weights (w0, w1).
        axes: two Axes to draw on; a new figure when None.

    Returns:
        The two Axes.
    """
    X, y = _design(x, y, "draw_learning_rate_explorer")
    path = _descend(X, y, learning_rate, steps, start, "draw_learning_rate_explorer")
    minimum = np.linalg.lstsq(X, y, rcond=None)[0]
    reach = 1.3 * np.abs(np.asarray(start, dtype=float) - minimum).max()

    def loss(w0, w1):  # J on a grid of (w0, w1) pairs
        residuals = np.asarray(w0)[..., None] + np.asarray(w1)[..., None] * X[:, 1] - y
        return np.mean(residuals**2, axis=-1)

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    loss_contour(loss, (minimum[0] - reach, minimum[0] + reach),
                 (minimum[1] - reach, minimum[1] + reach), ax=axes[0], minimum=minimum,
                 title=rf"Gradient descent, $\eta$ = {learning_rate:.3g}")
    descent_path(path, ax=axes[0], label=f"{steps} steps", color="white")
    axes[0].legend(loc="upper right")
    with np.errstate(over="ignore", invalid="ignore"):
        losses = loss(path[:, 0], path[:, 1])
    compare_curves({rf"$\eta$ = {learning_rate:.3g}": losses}, ax=axes[1],
                   title="Loss per step (log scale)")
    axes[1].set_ylim(bottom=max(np.nanmin(losses[np.isfinite(losses)]) * 0.5, 1e-3))
    return axes


def _render_png(x, y, learning_rate, steps, start):
    """The explorer's figure as PNG bytes, drawn off-screen (no pyplot, no file)."""
    figure = Figure(figsize=(11, 4.2), layout="tight")
    draw_learning_rate_explorer(x, y, learning_rate, steps, start, axes=figure.subplots(1, 2))
    return png_bytes(figure, dpi=80)


def learning_rate_explorer(x, y, learning_rate=0.1, steps=30, start=(-2.0, -1.5)):
    """Sliders for the learning rate (log scale) and the number of steps, redrawing the descent.

    The figure is an image widget redrawn on each change, so the demo needs no output capture and
    builds the same way in a live notebook and in a headless run.

    Args:
        x, y, learning_rate, steps, start: the data and the initial state of the sliders,
            as for ``draw_learning_rate_explorer``.

    Returns:
        An ``ipywidgets.VBox`` (sliders above the figure); display it in a notebook.
    """
    X, targets = _design(x, y, "learning_rate_explorer")  # validated here: errors name this
    _descend(X, targets, learning_rate, steps, start, "learning_rate_explorer")
    import ipywidgets  # imported here so that the rest of utils works without it

    rate = ipywidgets.FloatLogSlider(value=learning_rate, base=10, min=-3, max=np.log10(0.3),
                                     step=0.05, description="η", continuous_update=False)
    n_steps = ipywidgets.IntSlider(value=steps, min=1, max=100, description="steps",
                                   continuous_update=False)
    image = ipywidgets.Image(format="png")
    show_png(image, _render_png(x, y, learning_rate, steps, start))

    def redraw(_change):
        show_png(image, _render_png(x, y, rate.value, n_steps.value, start))

    rate.observe(redraw, names="value")
    n_steps.observe(redraw, names="value")

    class Explorer(ipywidgets.VBox):
        def __repr__(self):  # what a reader without a live kernel sees instead of the widget
            return "Learning-rate explorer: run the notebook to move the sliders."

    return Explorer([ipywidgets.HBox([rate, n_steps]), image])
