"""Plots for backpropagation: the chain-rule graph and gradient norms per layer.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np

from utils.plots.core import CLASS_COLORS, _titled

__all__ = ["chain_rule_graph", "gradient_norm_bars"]

CHAIN_NODES = ("x", "z1", "a1", "y_hat", "J")
CHAIN_LABELS = {"x": "$x$", "w1": "$w_1$", "z1": "$z_1$", "a1": "$g(z_1)$", "w2": "$w_2$", "y_hat": r"$\hat{y}$",
                "J": "$J$"}


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
        raise ValueError(f"chain_rule_graph expects forward values and gradients of {list(CHAIN_LABELS)}, "
                         f"missing {missing}")
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
        labels = ((0.62, forward[name], CLASS_COLORS[2]), (0.95, backward.get(name), CLASS_COLORS[0]))
        for offset, value, color in labels:
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
