"""The drawing of a dense network as columns of nodes (notebooks 02 and 04), re-exported by networks.py."""
from itertools import product

import matplotlib.pyplot as plt
import numpy as np

from utils.plots.core import CLASS_COLORS


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
