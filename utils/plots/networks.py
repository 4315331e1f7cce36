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

from utils.plots.core import CLASS_COLORS, CLASS_MARKERS

__all__ = ["perceptron_boundary", "activation_grid", "network_diagram", "perceptron_diagram",
           "neuron_sketch"]


def _limits(X, limits, padding=1.0):
    """Axis limits: the ones given, else the data's range plus padding, else (-4, 4)."""
    if limits is not None or X is None:
        return tuple(limits) if limits is not None else ((-4.0, 4.0), (-4.0, 4.0))
    low, high = X.min(axis=0) - padding, X.max(axis=0) + padding
    return (low[0], high[0]), (low[1], high[1])


def perceptron_boundary(w0, w, X=None, y=None, ax=None, limits=None, title=None, arrow=True, legend=True,
                        equal_aspect=True):
    """Shade the two half-planes of a perceptron and draw its boundary w0 + w1 x1 + w2 x2 = 0.

    Args:
        w0: the bias.
        w: the two weights (w1, w2).
        X: optional (n, 2) points to draw on top; y: their 0/1 labels.
        ax: Axes to draw on; a new figure when None.
        limits: ((x1_min, x1_max), (x2_min, x2_max)); from the data (or -4..4) when None.
        title: optional title.
        arrow: draw the weight vector, which points into the half-plane z > 0.
        legend: explain the colours and the line in a legend: True (inside, top left), "outside"
            (to the right of the panel, where it hides nothing) or False.
        equal_aspect: one unit is as long on both axes, so that W looks perpendicular to the
            line (as it is); False lets the panel's shape stretch the picture.

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
    ax.set_aspect("equal" if equal_aspect else "auto")
    ax.grid(False)
    if legend == "outside":
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9,
                  frameon=False)
    elif legend:
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


def perceptron_diagram(n_inputs=3, ax=None, title=None):
    """Draw one perceptron with every part labelled: inputs, weights, bias, sum, activation, output.

    The bias is drawn as an extra input fixed at 1 whose weight is w0, so the sum reads
    z = 1 * w0 + x1 w1 + ... + xm wm.

    Args:
        n_inputs: how many inputs x1..xm to draw (1 to 6).
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)) or not 1 <= n_inputs <= 6:
        raise ValueError(f"perceptron_diagram expects n_inputs to be an integer from 1 to 6, got {n_inputs!r}")
    ax = ax if ax is not None else plt.subplots(figsize=(7.0, 3.8))[1]
    heights = np.linspace(1.0, -1.0, n_inputs + 1) * (0.55 * (n_inputs + 1))  # bias first, at the top
    names = ["1"] + [f"$x_{i}$" for i in range(1, n_inputs + 1)]
    weights = ["$w_0$"] + [f"$w_{i}$" for i in range(1, n_inputs + 1)]
    sum_at, g_at, out_at = (3.0, 0.0), (4.6, 0.0), (6.0, 0.0)
    for height, name, weight in zip(heights, names, weights):
        bias = name == "1"
        ax.annotate("", xy=(sum_at[0] - 0.36, sum_at[1]), xytext=(0.3, height),
                    arrowprops={"arrowstyle": "-|>", "color": CLASS_COLORS[3] if bias else "gray",
                                "lw": 1.4, "shrinkA": 0, "shrinkB": 0})
        ax.add_patch(plt.Circle((0, height), 0.3, facecolor="#fde0c5" if bias else "#dddddd",
                                edgecolor="black", zorder=3))
        ax.text(0, height, name, ha="center", va="center", fontsize=12, zorder=4)
        at = 0.45  # where along the arrow the weight's label sits
        ax.text(0.3 + at * (sum_at[0] - 0.66), height * (1 - at) + 0.12, weight, ha="center", va="bottom",
                fontsize=12, color=CLASS_COLORS[3] if bias else "black",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    ax.add_patch(plt.Circle(sum_at, 0.36, facecolor=CLASS_COLORS[2], edgecolor="black", alpha=0.9, zorder=3))
    ax.text(*sum_at, r"$\Sigma$", ha="center", va="center", fontsize=16, color="white", zorder=4)
    ax.add_patch(plt.Rectangle((g_at[0] - 0.36, -0.36), 0.72, 0.72, facecolor=CLASS_COLORS[1],
                               edgecolor="black", alpha=0.9, zorder=3))
    ax.text(*g_at, "$g$", ha="center", va="center", fontsize=16, color="white", zorder=4)
    for start, end in [(sum_at[0] + 0.36, g_at[0] - 0.36), (g_at[0] + 0.36, out_at[0] - 0.05)]:
        ax.annotate("", xy=(end, 0), xytext=(start, 0), arrowprops={"arrowstyle": "-|>", "lw": 1.6})
    ax.text(out_at[0] + 0.02, 0, r"$\hat{y}$", ha="left", va="center", fontsize=16)
    ax.text((sum_at[0] + g_at[0]) / 2, 0.12, "$z$", ha="center", va="bottom", fontsize=13)
    bottom = heights[-1] - 0.6
    captions = [(0, "inputs\n(and the bias input 1)"), (1.4, "weights"),
                (sum_at[0], "sum\n$z = w_0 + \\sum_i x_i w_i$"), (g_at[0], "activation\n$g$"),
                (out_at[0] + 0.2, "output\n$\\hat{y} = g(z)$")]
    for x, caption in captions:
        ax.text(x, bottom, caption, ha="center", va="top", fontsize=9.5)
    ax.set(xlim=(-0.8, 6.8), ylim=(bottom - 0.9, heights[0] + 0.5), aspect="equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def neuron_sketch(ax=None, title=None):
    """A schematic biological neuron (dendrites, cell body, axon, axon terminals), labelled.

    Not to scale and not anatomy: just the parts the perceptron borrows, in the same left-to-right
    order as ``perceptron_diagram``.

    Args:
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    ax = ax if ax is not None else plt.subplots(figsize=(7.0, 3.8))[1]
    body, tissue, membrane = np.array([2.3, 0.0]), "#f4c7a1", "#c9875a"
    rng = np.random.default_rng(3)  # a fixed, pleasant tangle of dendrites
    synapses = []
    for angle in np.linspace(np.pi * 0.72, np.pi * 1.28, 5):
        direction = np.array([np.cos(angle), np.sin(angle)])
        start = body + 0.45 * direction
        end = start + 0.95 * direction
        ax.plot(*np.c_[start, end], color=membrane, linewidth=3, solid_capstyle="round", zorder=1)
        for turn in (-0.4, 0.4):
            twig = end + np.array([np.cos(angle + turn), np.sin(angle + turn)]) * rng.uniform(0.35, 0.5)
            ax.plot(*np.c_[end, twig], color=membrane, linewidth=1.8, solid_capstyle="round", zorder=1)
            ax.plot(*twig, "o", color=CLASS_COLORS[3], markersize=5, zorder=2)  # a synapse
            synapses.append(twig)
    ax.add_patch(plt.Circle(body, 0.55, facecolor=tissue, edgecolor="#8a5a3c", linewidth=1.5, zorder=3))
    ax.add_patch(plt.Circle(body, 0.2, facecolor="#8a5a3c", edgecolor="none", zorder=4))
    ax.plot([body[0] + 0.55, 5.6], [0, 0], color=membrane, linewidth=3, zorder=1)
    for left in np.arange(3.15, 5.3, 0.55):  # myelin sheath segments along the axon
        ax.add_patch(plt.Rectangle((left, -0.13), 0.42, 0.26, facecolor="#fff3c4", edgecolor="#8a5a3c",
                                   zorder=2))
    for angle in (-0.5, 0.0, 0.5):
        tip = np.array([5.6, 0]) + 0.5 * np.array([np.cos(angle), np.sin(angle)])
        ax.plot([5.6, tip[0]], [0, tip[1]], color=membrane, linewidth=1.8, zorder=1)
        ax.plot(*tip, "o", color="#8a5a3c", markersize=6, zorder=2)
    lowest = min(synapses, key=lambda point: point[1])
    pointers = [("dendrites (inputs)", (0.9, 0.75), (0.6, 1.55)),
                ("synapses (weights)", tuple(lowest), (0.5, -1.6)),
                ("cell body (sum, threshold)", (body[0], -0.55), (body[0] + 0.5, -1.25)),
                ("axon (output)", (4.2, 0.13), (4.2, 0.8)),
                ("axon terminals", (6.0, -0.25), (6.0, -1.0))]
    for text, target, where in pointers:
        ax.annotate(text, xy=target, xytext=where, ha="center", va="center", fontsize=9.5,
                    arrowprops={"arrowstyle": "-", "lw": 0.7, "color": "black", "shrinkB": 2})
    ax.set(xlim=(-0.5, 6.8), ylim=(-1.9, 1.8), aspect="equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
