"""Plots for gradient descent and backpropagation: loss landscapes, descent paths, curves, gradients.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from utils.plots.core import CLASS_COLORS

__all__ = ["loss_contour", "loss_surface", "descent_path", "compare_curves", "gradient_norm_bars", "chain_rule_graph"]

CHAIN_NODES = ("x", "z1", "a1", "y_hat", "J")
CHAIN_LABELS = {"x": "$x$", "w1": "$w_1$", "z1": "$z_1$", "a1": "$g(z_1)$", "w2": "$w_2$", "y_hat": r"$\hat{y}$", "J": "$J$"}


def _titled(ax, title):
    if title:
        ax.set_title(title)
    return ax


def _grid(loss_fn, w0_range, w1_range, resolution):
    """Evaluate ``loss_fn(W0, W1)`` on a grid; each range is (low, high)."""
    for name, bounds in (("w0_range", w0_range), ("w1_range", w1_range)):
        if len(bounds) != 2 or not bounds[0] < bounds[1]:
            raise ValueError(f"expects {name} as (low, high) with low < high, got {bounds!r}")
    W0, W1 = np.meshgrid(np.linspace(*w0_range, resolution), np.linspace(*w1_range, resolution))
    J = np.asarray(loss_fn(W0, W1), dtype=float)
    if J.shape != W0.shape:
        raise ValueError(f"expects loss_fn(W0, W1) to return shape {W0.shape}, got {J.shape}")
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
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution)
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
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution)
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


def gradient_norm_bars(norms, ax=None, title=None):
    """Grouped bars of the gradient norm of each layer, one group per layer, one colour per network.

    Args:
        norms: dict mapping a network's name to its per-layer gradient norms (first layer first).
        ax, title: Axes to draw on (a new figure when None); optional title.

    Returns:
        The Axes (log y axis, since the norms span orders of magnitude).
    """
    if not isinstance(norms, dict) or not norms:
        raise ValueError(f"gradient_norm_bars expects a non-empty dict of name -> norms, got {type(norms).__name__}")
    lengths = {name: len(values) for name, values in norms.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"gradient_norm_bars expects the same number of layers for each network, got {lengths}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    n_layers, width = next(iter(lengths.values())), 0.8 / len(norms)
    for index, (name, values) in enumerate(norms.items()):
        positions = np.arange(1, n_layers + 1) + (index - (len(norms) - 1) / 2) * width
        ax.bar(positions, values, width=width, color=CLASS_COLORS[(index + 2) % len(CLASS_COLORS)], label=name)
    ax.set(xticks=np.arange(1, n_layers + 1), xlabel="layer (1 = nearest the input)", ylabel="gradient norm",
           yscale="log")
    ax.legend()
    return _titled(ax, title)


def chain_rule_graph(forward, backward, ax=None, title=None):
    """Draw the chain x -> z1 = w1 x -> g(z1) -> y_hat = w2 g(z1) -> J with values and gradients.

    Args:
        forward: dict with the forward values of "x", "w1", "z1", "a1", "w2", "y_hat", "J".
        backward: dict with dJ/d(node) for "w1", "z1", "a1", "w2", "y_hat", "J".
        ax, title: Axes to draw on (a new figure when None); optional title.

    Returns:
        The Axes.
    """
    missing = [key for key in CHAIN_LABELS if key not in forward or (key != "x" and key not in backward)]
    if missing:
        raise ValueError(f"chain_rule_graph expects forward values and gradients of {list(CHAIN_LABELS)}, missing {missing}")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.6))
    spots = {**{name: (2.2 * index, 0.0) for index, name in enumerate(CHAIN_NODES)}, "w1": (1.1, 1.3), "w2": (5.5, 1.3)}
    edges = [("x", "z1"), ("w1", "z1"), ("z1", "a1"), ("a1", "y_hat"), ("w2", "y_hat"), ("y_hat", "J")]
    for start, end in edges:
        ax.annotate("", xy=spots[end], xytext=spots[start],
                    arrowprops=dict(arrowstyle="-|>", color="0.35", shrinkA=20, shrinkB=20, linewidth=1.3))
    for name, (x, y) in spots.items():
        ax.plot(x, y, marker="s" if name.startswith("w") else "o", markersize=38, color="white",
                markeredgecolor="0.25", markeredgewidth=1.5)
        ax.text(x, y, CHAIN_LABELS[name], ha="center", va="center", fontsize=12)
        side = -1 if y == 0 else 1  # values sit under the main row and above the two weights
        for offset, value, color in ((0.62, forward[name], CLASS_COLORS[2]), (0.95, backward.get(name), CLASS_COLORS[0])):
            if value is not None:  # x has no gradient
                ax.text(x, y + side * offset, f"{value:.4f}", ha="center", va="center", fontsize=10, color=color)
    ax.annotate("", xy=(spots["x"][0], -1.3), xytext=(spots["J"][0], -1.3),
                arrowprops=dict(arrowstyle="-|>", color=CLASS_COLORS[0], linewidth=1.2, linestyle="--"))
    ax.text(spots["a1"][0], -1.5, "backward pass: one local derivative per arrow", color=CLASS_COLORS[0],
            ha="center", va="top", fontsize=10)
    ax.text(7.2, 2.35, "forward value", color=CLASS_COLORS[2], fontsize=10)
    ax.text(7.2, 2.0, r"gradient $\partial J / \partial$(node)", color=CLASS_COLORS[0], fontsize=10)
    ax.set(xlim=(-0.9, 9.7), ylim=(-1.85, 2.6))
    ax.axis("off")
    return _titled(ax, title)
