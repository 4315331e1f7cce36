"""Figures for perceptrons, activation functions and dense networks (notebooks 02-04).

Each helper takes ``ax=None`` (or ``axes=None``), returns what it drew on, never calls
``plt.show()`` and never writes files.
"""
from itertools import product

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from utils.plots.core import CLASS_COLORS

__all__ = ["perceptron_boundary", "activation_grid", "network_diagram"]


def _limits(X, limits, padding=1.0):
    """Axis limits: the ones given, else the data's range plus padding, else (-4, 4)."""
    if limits is not None or X is None:
        return tuple(limits) if limits is not None else ((-4.0, 4.0), (-4.0, 4.0))
    low, high = X.min(axis=0) - padding, X.max(axis=0) + padding
    return (low[0], high[0]), (low[1], high[1])


def perceptron_boundary(w0, w, X=None, y=None, ax=None, limits=None, title=None, arrow=True, legend=True):
    """Shade the two half-planes of a perceptron and draw its boundary w0 + w1 x1 + w2 x2 = 0.

    Args:
        w0: the bias.
        w: the two weights (w1, w2).
        X: optional (n, 2) points to draw on top; y: their 0/1 labels.
        ax: Axes to draw on; a new figure when None.
        limits: ((x1_min, x1_max), (x2_min, x2_max)); from the data (or -4..4) when None.
        title: optional title.
        arrow: draw the weight vector, which points into the half-plane z > 0.
        legend: explain the colours and the line in a legend.

    Returns:
        The Axes.
    """
    w = np.asarray(w, dtype=float).ravel()
    if w.shape != (2,) or not np.isfinite(w).all() or not np.isfinite(w0):
        raise ValueError(f"perceptron_boundary expects a finite bias and two finite weights, got w0={w0!r}, w={w!r}")
    if X is not None:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != 2 or y is None or len(y) != len(X):
            raise ValueError(f"perceptron_boundary expects X of shape (n, 2) with n labels, got X {X.shape}")
    ax = ax if ax is not None else plt.subplots()[1]
    (x_min, x_max), (y_min, y_max) = _limits(X, limits)
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, 400), np.linspace(y_min, y_max, 400))
    positive = (w0 + w[0] * xx + w[1] * yy) > 0
    ax.imshow(positive, extent=(x_min, x_max, y_min, y_max), origin="lower", aspect="auto", alpha=0.18,
              cmap=ListedColormap(CLASS_COLORS[:2]), vmin=0, vmax=1, interpolation="nearest")
    handles = [Patch(color=CLASS_COLORS[1], alpha=0.35, label=r"$z > 0$: $\hat{y} = 1$"),
               Patch(color=CLASS_COLORS[0], alpha=0.35, label=r"$z < 0$: $\hat{y} = 0$")]
    if np.any(w != 0):
        _draw_line(ax, w0, w, (x_min, x_max), (y_min, y_max), arrow)
        handles.append(Line2D([], [], color="black", label="boundary $z = 0$"))
    for label in (0, 1) if X is not None else ():
        ax.scatter(*X[np.asarray(y) == label].T, s=22, color=CLASS_COLORS[label], edgecolor="white", linewidth=0.5)
    ax.set(xlim=(x_min, x_max), ylim=(y_min, y_max), xlabel="$x_1$", ylabel="$x_2$")
    ax.grid(False)
    if legend:
        ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.85, frameon=True)
    if title:
        ax.set_title(title)
    return ax


def _draw_line(ax, w0, w, xlim, ylim, arrow):
    """The line w0 + w . x = 0 across the view, and the weight vector from its closest point to 0."""
    if abs(w[1]) >= abs(w[0]):
        x1 = np.array(xlim)
        ax.plot(x1, -(w0 + w[0] * x1) / w[1], color="black", linewidth=1.8)
    else:
        x2 = np.array(ylim)
        ax.plot(-(w0 + w[1] * x2) / w[0], x2, color="black", linewidth=1.8)
    foot = -w0 * w / (w @ w)  # the point of the line closest to the origin
    inside = xlim[0] < foot[0] < xlim[1] and ylim[0] < foot[1] < ylim[1]
    if arrow and inside:
        tip = foot + w / np.linalg.norm(w) * 0.12 * (xlim[1] - xlim[0])
        ax.annotate("", xy=tip, xytext=foot, arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.5})
        ax.annotate("$W$", xy=tip, xytext=(4, 4), textcoords="offset points", fontsize=11)


def activation_grid(functions, z=None, axes=None, ncols=3):
    """One panel per activation: g(z) as a solid line, its derivative g'(z) dashed.

    Args:
        functions: dict name -> (g, g_prime), each mapping an array of z to an array.
        z: the points to draw at; 401 points in [-4, 4] when None.
        axes: array of at least len(functions) Axes; a new figure when None.
        ncols: panels per row (when ``axes`` is None).

    Returns:
        The array of Axes.
    """
    if not isinstance(functions, dict) or not functions:
        raise ValueError(f"activation_grid expects a non-empty dict name -> (g, g_prime), got {type(functions).__name__}")
    z = np.linspace(-4, 4, 401) if z is None else np.asarray(z, dtype=float)
    if axes is None:
        nrows = -(-len(functions) // ncols)
        _, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.7 * nrows), squeeze=False)
    axes = np.asarray(axes).ravel()
    if len(axes) < len(functions):
        raise ValueError(f"activation_grid expects at least {len(functions)} Axes, got {len(axes)}")
    for ax, (name, (g, g_prime)) in zip(axes, functions.items()):
        ax.axhline(0, color="gray", linewidth=0.8)
        ax.axvline(0, color="gray", linewidth=0.8)
        ax.plot(z, g(z), color=CLASS_COLORS[2], linewidth=2, label="$g(z)$")
        ax.plot(z, g_prime(z), color=CLASS_COLORS[3], linewidth=2, linestyle="--", label="$g'(z)$")
        ax.set(title=name, xlabel="$z$")
    for ax in axes[len(functions):]:
        ax.axis("off")
    axes[0].legend(loc="upper left")
    return axes


def network_diagram(layer_sizes, ax=None, layer_names=None, title=None, max_nodes=7):
    """Draw a dense network: a column of nodes per layer, every node joined to the next layer's.

    Args:
        layer_sizes: units per layer, inputs first, e.g. (784, 128, 10).
        ax: Axes to draw on; a new figure when None.
        layer_names: a caption under each column; sizes and roles when None.
        title: optional title.
        max_nodes: larger layers are drawn as this many nodes with a gap marked by dots.

    Returns:
        The Axes.
    """
    sizes = [int(size) for size in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"network_diagram expects at least two layer sizes >= 1, got {layer_sizes!r}")
    if layer_names is not None and len(layer_names) != len(sizes):
        raise ValueError(f"network_diagram expects one name per layer ({len(sizes)}), got {len(layer_names)}")
    ax = ax if ax is not None else plt.subplots(figsize=(1.8 * len(sizes) + 1, 3.6))[1]
    columns = [_node_heights(size, max_nodes) for size in sizes]
    for left, (a, b) in enumerate(zip(columns, columns[1:])):
        for ya, yb in product(a, b):
            ax.plot([left, left + 1], [ya, yb], color="gray", linewidth=0.6, alpha=0.6, zorder=1)
    for index, (size, heights) in enumerate(zip(sizes, columns)):
        color = "#bbbbbb" if index == 0 else CLASS_COLORS[3] if index == len(sizes) - 1 else CLASS_COLORS[2]
        ax.scatter(np.full(len(heights), index), heights, s=260, color=color, edgecolor="black", zorder=2)
        if size > max_nodes:
            ax.text(index, 0, r"$\vdots$", ha="center", va="center", fontsize=14)
    roles = ["input"] + [f"hidden {index}" for index in range(1, len(sizes) - 1)] + ["output"]
    names = layer_names or [f"{role}\n{size} units" for role, size in zip(roles, sizes)]
    top = max(max(abs(h) for h in heights) for heights in columns)
    for index, name in enumerate(names):
        ax.text(index, -top - 0.9, name, ha="center", va="top", fontsize=10)
    ax.set(xlim=(-0.6, len(sizes) - 0.4), ylim=(-top - 2.0, top + 0.8))
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def _node_heights(size, max_nodes):
    """Vertical positions of a layer's drawn nodes, centred on 0, leaving a gap when truncated."""
    if size <= max_nodes:
        return list(np.arange(size) - (size - 1) / 2)
    half = max_nodes // 2
    return list(np.arange(half) - max_nodes / 2) + list(np.arange(half) + max_nodes / 2 - half + 1)
