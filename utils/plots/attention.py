"""Plots for attention: heat maps of attention weights, positional encodings (notebook 11).

Each helper takes ``ax=None``, returns the Axes it drew on, never calls ``plt.show()`` and never
writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from utils.plots.core import CLASS_COLORS, _axes, _titled

__all__ = ["attention_heatmap", "positional_encoding_map", "model_scale_chart"]


def _labels(labels, n, func, name):
    if labels is None:
        return [str(index) for index in range(n)]
    labels = [str(label) for label in labels]
    if len(labels) != n:
        raise ValueError(f"{func} expects {n} {name} (one per row or column), got {len(labels)}")
    return labels


def attention_heatmap(weights, query_labels=None, key_labels=None, ax=None, title=None,
                      highlight=None, colorbar=True, annotate=None):
    """Draw attention weights: one row per query, one column per key, darker = more weight.

    Args:
        weights: (n_q, n_k) array, each row a distribution over the keys (values 0-1).
        query_labels, key_labels: tokens or positions shown on the axes.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        highlight: optional query row to outline.
        colorbar: add a colour bar labelled "attention weight".
        annotate: write the weights in the cells (default: when the map is at most 10 x 10).

    Returns:
        The Axes.
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2:
        raise ValueError(f"attention_heatmap expects weights of shape (n_q, n_k), "
                         f"got {weights.shape}")
    if weights.size and (weights.min() < -1e-9 or weights.max() > 1 + 1e-9):
        raise ValueError(f"attention_heatmap expects weights in [0, 1], got values from "
                         f"{weights.min():.3g} to {weights.max():.3g}")
    n_q, n_k = weights.shape
    query_labels = _labels(query_labels, n_q, "attention_heatmap", "query labels")
    key_labels = _labels(key_labels, n_k, "attention_heatmap", "key labels")
    ax = _axes(ax, figsize=(0.45 * n_k + 2.2, 0.4 * n_q + 1.5))
    image = ax.imshow(weights, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(n_k), key_labels)
    ax.set_yticks(range(n_q), query_labels)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set(xlabel="key (what is looked at)", ylabel="query (who is looking)")
    if annotate is None:
        annotate = n_q <= 10 and n_k <= 10
    if annotate:
        for row in range(n_q):
            for column in range(n_k):
                value = weights[row, column]
                ax.text(column, row, f"{value:.2f}", ha="center", va="center", fontsize=8,
                        color="white" if value > 0.6 else "black")
    if highlight is not None:
        if not 0 <= int(highlight) < n_q:
            raise ValueError(f"attention_heatmap expects highlight in 0..{n_q - 1}, "
                             f"got {highlight!r}")
        ax.add_patch(Rectangle((-0.5, int(highlight) - 0.5), n_k, 1, fill=False,
                               edgecolor=CLASS_COLORS[3], linewidth=2.5))
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="attention weight")
    if title:
        ax.set_title(title, pad=28 if key_labels else None)
    return ax


def positional_encoding_map(encoding, ax=None, title=None):
    """Draw a positional encoding as an image: positions down, dimensions across.

    Args:
        encoding: (length, d_model) array, e.g. ``scratch.positional_encoding(50, 64)``.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    encoding = np.asarray(encoding, dtype=float)
    if encoding.ndim != 2:
        raise ValueError(f"positional_encoding_map expects an encoding of shape "
                         f"(length, d_model), got {encoding.shape}")
    ax = _axes(ax, figsize=(7.0, 4.2))
    image = ax.imshow(encoding, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto",
                      interpolation="nearest")
    ax.grid(False)
    ax.set(xlabel="dimension of the encoding", ylabel="position in the sequence")
    ax.figure.colorbar(image, ax=ax, label="value")
    return _titled(ax, title)


def model_scale_chart(models, ax=None, title=None, highlight=None):
    """Parameters against year, on a log scale, one labelled point per model.

    Args:
        models: sequence of (name, year, parameters) tuples, or (name, year, parameters, side)
            with side "left" or "right" (default), where the label goes.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        highlight: optional model name drawn in another colour (e.g. the notebook's own model).

    Returns:
        The Axes.
    """
    rows = [tuple(row) + ("right",) * (4 - len(row)) for row in models if 3 <= len(row) <= 4]
    if not rows or len(rows) != len(list(models)) or any(
            not row[2] > 0 or row[3] not in ("left", "right") for row in rows):
        raise ValueError("model_scale_chart expects (name, year, parameters > 0[, side]) tuples, "
                         f"got {list(models)[:3]!r}")
    ax = _axes(ax, figsize=(8.5, 4.8))
    for name, year, parameters, side in rows:
        color = CLASS_COLORS[3] if name == highlight else CLASS_COLORS[2]
        ax.scatter([year], [parameters], s=70 if name == highlight else 50, color=color,
                   zorder=3, marker="*" if name == highlight else "o")
        ax.annotate(name, (year, parameters), xytext=(8 if side == "right" else -8, 0),
                    textcoords="offset points", fontsize=9, va="center",
                    ha="left" if side == "right" else "right")
    ax.set_yscale("log")
    ax.set(xlabel="year", ylabel="parameters (log scale)")
    years, sizes = [row[1] for row in rows], [row[2] for row in rows]
    ax.set_xlim(min(years) - 1.9, max(years) + 1.6)
    ax.set_ylim(min(sizes) / 5, max(sizes) * 10)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    return _titled(ax, title)
