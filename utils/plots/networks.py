"""Figures for perceptrons, activation functions and dense networks (notebooks 02-04).

Each helper takes ``ax=None`` (or ``axes=None``), returns what it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from utils.plots._networks_diagrams import network_diagram
from utils.plots.core import CLASS_COLORS, CLASS_MARKERS

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
        X, y = np.asarray(X, dtype=float), None if y is None else np.asarray(y).ravel()
        if X.ndim != 2 or X.shape[1] != 2 or y is None or len(y) != len(X) or not set(np.unique(y).tolist()) <= {0, 1}:
            got_y = "no y" if y is None else f"{len(y)} labels with values {np.unique(y)[:6].tolist()}"
            raise ValueError(f"perceptron_boundary expects X of shape (n, 2) and n labels in {{0, 1}}, got X {X.shape} "
                             f"and {got_y}")
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
        ax.scatter(*X[np.asarray(y) == label].T, s=22, color=CLASS_COLORS[label], marker=CLASS_MARKERS[label],
                   edgecolor="white", linewidth=0.5)
        handles.append(Line2D([], [], linestyle="", marker=CLASS_MARKERS[label], color=CLASS_COLORS[label],
                              label=f"class {label}"))
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

    Where g' jumps (ReLU at 0, say) the dashed line is broken: a filled dot marks the value g'
    takes at the jump, an open dot the limit from the other side.

    Args:
        functions: dict name -> (g, g_prime) or (g, g_prime, jumps), where g and g_prime map an
            array of z to an array and jumps lists the z where g_prime is discontinuous.
        z: the points to draw at; 401 points in [-4, 4] when None.
        axes: array of at least len(functions) Axes; a new figure when None.
        ncols: panels per row (when ``axes`` is None).

    Returns:
        The array of Axes.
    """
    if not isinstance(functions, dict) or not functions:
        got = "an empty dict" if isinstance(functions, dict) else type(functions).__name__
        raise ValueError(f"activation_grid expects a non-empty dict name -> (g, g_prime) or (g, g_prime, jumps), got {got}")
    z = np.linspace(-4, 4, 401) if z is None else np.asarray(z, dtype=float)
    if axes is None:
        nrows = -(-len(functions) // ncols)
        _, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.7 * nrows), squeeze=False)
    axes = np.asarray(axes).ravel()
    if len(axes) < len(functions):
        raise ValueError(f"activation_grid expects at least {len(functions)} Axes, got {len(axes)}")
    for ax, (name, entry) in zip(axes, functions.items()):
        if not isinstance(entry, tuple) or len(entry) not in (2, 3):
            raise ValueError(f"activation_grid expects (g, g_prime) or (g, g_prime, jumps) for {name!r}, got {entry!r}")
        g, g_prime, jumps = entry if len(entry) == 3 else (*entry, ())
        ax.axhline(0, color="gray", linewidth=0.8)
        ax.axvline(0, color="gray", linewidth=0.8)
        ax.plot(z, g(z), color=CLASS_COLORS[2], linewidth=2, label="$g(z)$")
        _draw_derivative(ax, z, g_prime, sorted(jumps))
        ax.set(title=name, xlabel="$z$")
    for ax in axes[len(functions):]:
        ax.axis("off")
    axes[0].legend(loc="upper left")
    return axes


def _draw_derivative(ax, z, g_prime, jumps, eps=1e-9):
    """g' dashed, broken at each jump c: a filled dot at (c, g'(c)), an open one at the other limit."""
    xs, ys = [], []
    for low, high in zip([-np.inf] + jumps, jumps + [np.inf]):
        piece = z[(z > low) & (z < high)]
        piece = np.concatenate([[low] if np.isfinite(low) else [], piece, [high] if np.isfinite(high) else []])
        values = np.asarray(g_prime(piece), dtype=float)
        if np.isfinite(low):
            values[0] = float(g_prime(np.array([low + eps]))[0])  # the limit from the right
        if np.isfinite(high):
            values[-1] = float(g_prime(np.array([high - eps]))[0])  # the limit from the left
        xs += [*piece, np.nan]
        ys += [*values, np.nan]
    color = CLASS_COLORS[3]
    ax.plot(xs[:-1], ys[:-1], color=color, linewidth=2, linestyle="--", label="$g'(z)$")
    for c in jumps:
        at, left, right = (float(g_prime(np.array([v]))[0]) for v in (c, c - eps, c + eps))
        ax.plot([c], [at], "o", color=color, markersize=6, zorder=4)
        for limit in {left, right} - {at}:
            ax.plot([c], [limit], "o", markerfacecolor="white", markeredgecolor=color, markersize=6, zorder=4)
