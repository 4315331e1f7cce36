"""Plotting helpers for convolutions, regularization and the MNIST lab: each takes ``ax=None``
(or ``axes=None``), returns what it drew on, never calls ``plt.show()``, never writes files.

``number_grid`` and ``sliding_window`` live in ``_vision_layers`` and are re-exported here.
"""
import matplotlib.pyplot as plt
import numpy as np

from utils.plots._vision_layers import number_grid, sliding_window
from utils.plots.core import CLASS_COLORS, loss_curves
from utils.plots.images import image_panels

__all__ = ["number_grid", "sliding_window", "feature_maps", "conv_filters", "probability_bars", "early_stopping_curves"]


def feature_maps(maps, ncols=8, axes=None, title=None, cmap="viridis"):
    """Show each channel of a convolutional layer's output as a small image.

    Args:
        maps: (height, width, channels) activations for one input (drop the batch axis first).
        ncols: panels per row.
        axes: an array of at least ``channels`` Axes to fill; a new figure when None.
        title: optional title above all panels.
        cmap: colour map; bright means a strong response.

    Returns:
        The array of Axes.
    """
    maps = np.asarray(maps, dtype=float)
    if maps.ndim != 3:
        raise ValueError(f"feature_maps expects maps of shape (height, width, channels), got {maps.shape}")
    panels = np.moveaxis(maps, -1, 0)
    return image_panels(panels, [f"map {k}" for k in range(len(panels))], ncols, axes, title, "feature_maps",
                        cmap=cmap, panel_size=(1.3, 1.4), fontsize=9)


def conv_filters(kernel, ncols=8, axes=None, title=None):
    """Show the learned filters of a one-channel convolution, red positive, blue negative.

    Args:
        kernel: the layer's weights, (kh, kw, 1, filters) as Keras stores them, or (kh, kw, filters).
        ncols: panels per row.
        axes: an array of at least ``filters`` Axes to fill; a new figure when None.
        title: optional title above all panels.

    Returns:
        The array of Axes.
    """
    kernel = np.asarray(kernel, dtype=float)
    if kernel.ndim == 4 and kernel.shape[2] == 1:
        kernel = kernel[:, :, 0, :]
    if kernel.ndim != 3:
        raise ValueError(f"conv_filters expects a kernel of shape (kh, kw, 1, filters) or (kh, kw, filters), got {kernel.shape}")
    limit = float(np.abs(kernel).max()) or 1.0  # one symmetric colour scale, so zero is white everywhere
    panels = np.moveaxis(kernel, -1, 0)
    return image_panels(panels, [f"filter {k}" for k in range(len(panels))], ncols, axes, title, "conv_filters",
                        cmap="RdBu_r", vmin=-limit, vmax=limit, panel_size=(1.3, 1.4), fontsize=9)


def probability_bars(probabilities, true_label=None, ax=None, class_names=None, title=None):
    """Bar chart of a classifier's probabilities for one example; the predicted class is coloured.

    Args:
        probabilities: (k,) probabilities (e.g. one row of ``model.predict``).
        true_label: optional index of the right class, outlined in black.
        ax: the Axes to draw on; a new figure when None.
        class_names: optional k tick labels (default 0..k-1).
        title: optional title.

    Returns:
        The Axes.
    """
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.ndim != 1 or probabilities.size < 2:
        raise ValueError(f"probability_bars expects a 1-D array of at least 2 probabilities, got shape {probabilities.shape}")
    if true_label is not None and not 0 <= int(true_label) < probabilities.size:
        raise ValueError(f"probability_bars expects true_label in [0, {probabilities.size - 1}], got {true_label}")
    ax = ax if ax is not None else plt.subplots(figsize=(4, 2.5))[1]
    predicted, colors = int(probabilities.argmax()), ["#c7c7c7"] * probabilities.size
    colors[predicted] = CLASS_COLORS[1] if true_label is None or predicted == int(true_label) else CLASS_COLORS[0]
    bars = ax.bar(np.arange(probabilities.size), probabilities, color=colors)
    if true_label is not None:
        bars[int(true_label)].set(edgecolor="black", linewidth=1.5)
    ax.set(ylim=(0, 1.05), xticks=range(probabilities.size), ylabel="probability",
           xticklabels=class_names if class_names is not None else range(probabilities.size))
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def early_stopping_curves(history, stop_epoch=None, best_epoch=None, metric="loss", ax=None, title=None):
    """Training and validation curves with the stopping epoch (and the restored one) marked.

    Args:
        history: a ``keras.callbacks.History`` or a dict of lists with ``metric`` and ``val_<metric>``.
        stop_epoch: the epoch (counted from 1) after which training stopped; a red line.
        best_epoch: the epoch (counted from 1) whose weights were kept; a green dotted line.
        metric: the curve to draw, e.g. "loss" or "accuracy".
        ax: the Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    ax = loss_curves(history, metrics=(metric,), ax=ax, title=title)
    n_epochs = len(getattr(history, "history", history)[metric])
    marks = ((stop_epoch, "-", CLASS_COLORS[0], "stopped after epoch"), (best_epoch, ":", CLASS_COLORS[1], "weights kept from epoch"))
    for epoch, style, color, label in (mark for mark in marks if mark[0] is not None):
        if not 1 <= epoch <= n_epochs:
            raise ValueError(f"early_stopping_curves expects epochs between 1 and {n_epochs}, got {epoch}")
        ax.axvline(epoch, color=color, linestyle=style, linewidth=2, label=f"{label} {epoch}")
    ax.legend()
    return ax

