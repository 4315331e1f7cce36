"""Plots for gradient descent: loss landscapes, descent paths, loss curves.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from utils.plots.core import CLASS_COLORS, _titled

__all__ = ["loss_contour", "loss_surface", "descent_path", "compare_curves"]


def _grid(loss_fn, w0_range, w1_range, resolution, func):
    """Evaluate ``loss_fn(W0, W1)`` on a grid; each range is (low, high); errors name ``func``."""
    for name, bounds in (("w0_range", w0_range), ("w1_range", w1_range)):
        if np.shape(bounds) != (2,) or not bounds[0] < bounds[1]:
            raise ValueError(f"{func} expects {name} as (low, high) with low < high, got {bounds!r}")
    W0, W1 = np.meshgrid(np.linspace(*w0_range, resolution), np.linspace(*w1_range, resolution))
    J = np.asarray(loss_fn(W0, W1), dtype=float)
    if J.shape != W0.shape:
        raise ValueError(f"{func} expects loss_fn(W0, W1) to return shape {W0.shape}, got {J.shape}")
    return W0, W1, J


def loss_contour(loss_fn, w0_range, w1_range, ax=None, resolution=120, levels=20, minimum=None, title=None):
    """Draw the loss of a two-weight model as filled contours, on a log colour scale.

    Args:
        loss_fn: callable taking two equal-shaped arrays (W0, W1) and returning J of that shape.
        w0_range, w1_range: (low, high) limits of the two weights.
        ax: Axes to draw on; a new figure when None.
        resolution, levels: grid points per axis; contour levels (evenly spaced in log J).
        minimum: optional (w0, w1) marked with a star.
        title: optional title.

    Returns:
        The Axes.
    """
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution, "loss_contour")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    positive = np.clip(J, J[J > 0].min() if (J > 0).any() else 1e-12, None)
    bounds = np.geomspace(positive.min(), positive.max(), levels)
    ax.contourf(W0, W1, positive, levels=bounds, norm=LogNorm(), cmap="viridis")  # bands, no lines: small PNGs
    if minimum is not None:
        ax.plot(*minimum, marker="*", markersize=16, color="gold", markeredgecolor="black", ls="none", label="minimum")
    ax.set(xlim=w0_range, ylim=w1_range, xlabel="$w_0$", ylabel="$w_1$")
    ax.grid(False)
    return _titled(ax, title)


def loss_surface(loss_fn, w0_range, w1_range, ax=None, resolution=60, title=None):
    """Draw the loss of a two-weight model as a 3-D surface.

    Args:
        loss_fn, w0_range, w1_range, resolution, title: as for ``loss_contour``.
        ax: a 3-D Axes (``projection="3d"``); a new figure when None.

    Returns:
        The 3-D Axes.
    """
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution, "loss_surface")
    if ax is None:
        ax = plt.figure(figsize=(6, 4.5)).add_subplot(projection="3d")
    if not hasattr(ax, "plot_surface"):
        raise ValueError(f"loss_surface expects a 3-D Axes (projection='3d'), got {type(ax).__name__}")
    ax.plot_surface(W0, W1, J, cmap="viridis", linewidth=0, antialiased=True, alpha=0.9)
    ax.set(xlabel="$w_0$", ylabel="$w_1$", zlabel="$J$")
    return _titled(ax, title)


def descent_path(path, ax=None, label=None, color=None, linewidth=1.5):
    """Draw the weights visited by an optimizer: a line through the steps, a dot at the start.

    Args:
        path: (steps + 1, 2) array of (w0, w1) after each step, the start first.
        ax: Axes to draw on (usually one from ``loss_contour``); a new figure when None.
        label, color: legend entry; line colour (the next in the colour cycle when None).
        linewidth: line width; the step markers scale with it.

    Returns:
        The Axes.
    """
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or path.shape[1] != 2 or len(path) < 1:
        raise ValueError(f"descent_path expects a (steps + 1, 2) array of weights, got shape {path.shape}")
    if ax is None:
        _, ax = plt.subplots()
    (line,) = ax.plot(path[:, 0], path[:, 1], marker="o", markersize=2 * linewidth, linewidth=linewidth, color=color,
                      label=label)
    ax.plot(*path[0], marker="o", markersize=8, color=line.get_color(), markeredgecolor="white")
    return ax


def compare_curves(curves, ax=None, xlabel="step", ylabel="loss", log=True, colors=None, title=None):
    """Draw several curves (loss per step, per epoch, ...) on one Axes, one colour each.

    Args:
        curves: dict mapping a label to a sequence of values.
        ax: Axes to draw on; a new figure when None.
        xlabel, ylabel, title: axis labels and an optional title.
        log: use a logarithmic y axis.
        colors: optional colours, one per curve; else the default cycle, as ``descent_path`` uses.

    Returns:
        The Axes.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"compare_curves expects a non-empty dict of label -> values, got {type(curves).__name__}")
    if ax is None:
        _, ax = plt.subplots()
    if colors is not None and len(colors) != len(curves):
        raise ValueError(f"compare_curves expects one colour per curve ({len(curves)}), got {len(colors)}")
    for index, (label, values) in enumerate(curves.items()):
        ax.plot(np.arange(len(values)), np.asarray(values, dtype=float), label=label,
                color=None if colors is None else colors[index])
    ax.set(xlabel=xlabel, ylabel=ylabel, yscale="log" if log else "linear")
    ax.legend()
    return _titled(ax, title)
