"""Plotting helpers for convolutions, regularization and the MNIST lab: each takes ``ax=None``
(or ``axes=None``), returns what it drew on, never calls ``plt.show()``, never writes files."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from utils.plots.core import CLASS_COLORS, loss_curves
from utils.scratch import conv2d

__all__ = ["number_grid", "sliding_window", "feature_maps", "conv_filters", "probability_bars", "early_stopping_curves"]


def _matrix(values, func, name="matrix"):
    values = np.asarray(values, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"{func} expects a 2-D {name}, got shape {values.shape}")
    return values


def number_grid(matrix, ax=None, title=None, cmap="Blues", window=None, vmin=None, vmax=None):
    """Draw a small matrix as coloured cells with each number written inside.

    Args:
        matrix: 2-D array (a tiny image, a kernel, a feature map); NaN cells stay blank.
        ax, title: the Axes to draw on (a new figure when None) and an optional title.
        cmap: colour map of the cells.
        window: optional (row, col, height, width) outlined in orange, e.g. a filter's position.
        vmin, vmax: colour limits (default: the matrix's own range).

    Returns:
        The Axes.
    """
    matrix = _matrix(matrix, "number_grid")
    ax = ax if ax is not None else plt.subplots(figsize=(0.5 * matrix.shape[1] + 0.6, 0.5 * matrix.shape[0] + 0.6))[1]
    cells = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=vmin, vmax=vmax)
    for (row, col), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            red, green, blue, _ = cells.cmap(cells.norm(value))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5  # white text on dark cells
            ax.text(col, row, f"{value:.3g}", ha="center", va="center", fontsize=10, color="white" if dark else "black")
    ax.set_xticks(np.arange(matrix.shape[1] + 1) - 0.5, labels=[], minor=True)
    ax.set_yticks(np.arange(matrix.shape[0] + 1) - 0.5, labels=[], minor=True)
    ax.set(xticks=[], yticks=[], xlim=(-0.5, matrix.shape[1] - 0.5), ylim=(matrix.shape[0] - 0.5, -0.5))
    ax.grid(which="minor", color="#b0b0b0", linewidth=0.8)  # thin lines between cells
    ax.tick_params(which="both", length=0)
    ax.spines[:].set(visible=True, color="#b0b0b0")
    if window is not None:
        row, col, height, width = window
        ax.add_patch(Rectangle((col - 0.5, row - 0.5), width, height, fill=False, edgecolor="#ff7f0e", linewidth=3))
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def sliding_window(image, kernel, steps=4, axes=None):
    """Small multiples of a convolution: the window's first positions and the map it fills.

    Args:
        image: 2-D array; kernel: 2-D array no larger than the image ("valid" convolution).
        steps: how many window positions to show, in reading order.
        axes: a (2, steps) array of Axes; a new figure when None.

    Returns:
        The (2, steps) array of Axes: the image with the window on top, the feature map below.
    """
    image, kernel = _matrix(image, "sliding_window", "image"), _matrix(kernel, "sliding_window", "kernel")
    feature_map = conv2d(image, kernel)  # (out_h, out_w), also checks the sizes
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= feature_map.size:
        raise ValueError(f"sliding_window expects steps between 1 and {feature_map.size}, got {steps!r}")
    axes = np.asarray(axes if axes is not None else plt.subplots(2, steps, figsize=(2.4 * steps, 4.8), squeeze=False)[1])
    if axes.size != 2 * steps:
        raise ValueError(f"sliding_window expects {2 * steps} Axes (2 rows of {steps}), got {axes.size}")
    axes = axes.reshape(2, steps)
    (kh, kw), width = kernel.shape, feature_map.shape[1]
    for step in range(steps):
        row, col = divmod(step, width)
        number_grid(image, ax=axes[0, step], window=(row, col, kh, kw), cmap="Greys", vmin=0, vmax=3 * image.max())
        for (m, n), weight in np.ndenumerate(kernel):  # the filter's weight in each covered cell, small
            axes[0, step].text(col + n + 0.45, row + m + 0.45, f"×{weight:.3g}", ha="right", va="bottom", fontsize=7, color="#d62728")
        axes[0, step].set_title(f"position ({row}, {col}): sum = {feature_map[row, col]:.3g}", fontsize=9)
        partial = np.full(feature_map.shape, np.nan)
        partial.flat[:step + 1] = feature_map.flat[:step + 1]
        number_grid(partial, ax=axes[1, step], window=(row, col, 1, 1), cmap="Blues",
                    vmin=feature_map.min() - 1, vmax=feature_map.max() + 1)
        axes[1, step].set_title(f"feature map after {step + 1} step{'s' if step else ''}", fontsize=9)
    return axes


def _panels(panels, labels, ncols, axes, cmap, vmin, vmax, title, func):
    if isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"{func} expects ncols to be an integer >= 1, got {ncols!r}")
    nrows = -(-len(panels) // ncols)
    axes = np.asarray(axes if axes is not None else plt.subplots(nrows, ncols, figsize=(1.3 * ncols, 1.4 * nrows))[1]).ravel()
    if len(axes) < len(panels):
        raise ValueError(f"{func} expects at least {len(panels)} Axes, got {len(axes)}")
    for index, ax in enumerate(axes):
        ax.axis("off")
        if index < len(panels):
            ax.imshow(panels[index], cmap=cmap, vmin=vmin, vmax=vmax)
            ax.set_title(labels[index], fontsize=9)
    if title:
        axes[0].figure.suptitle(title)
    return axes


def feature_maps(maps, ncols=8, axes=None, title=None, cmap="viridis"):
    """Show each channel of a convolutional layer's output as a small image.

    Args:
        maps: (height, width, channels) activations for one input (drop the batch axis first).
        ncols, axes, title: panels per row, an array of Axes to fill (new figure when None), a title.
        cmap: colour map; bright means a strong response.

    Returns:
        The array of Axes.
    """
    maps = np.asarray(maps, dtype=float)
    if maps.ndim != 3:
        raise ValueError(f"feature_maps expects maps of shape (height, width, channels), got {maps.shape}")
    panels = np.moveaxis(maps, -1, 0)
    return _panels(panels, [f"map {k}" for k in range(len(panels))], ncols, axes, cmap, None, None, title, "feature_maps")


def conv_filters(kernel, ncols=8, axes=None, title=None):
    """Show the learned filters of a one-channel convolution, red positive, blue negative.

    Args:
        kernel: the layer's weights, (kh, kw, 1, filters) as Keras stores them, or (kh, kw, filters).
        ncols, axes, title: panels per row, an array of Axes to fill (new figure when None), a title.

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
    return _panels(panels, [f"filter {k}" for k in range(len(panels))], ncols, axes, "RdBu_r", -limit, limit, title, "conv_filters")


def probability_bars(probabilities, true_label=None, ax=None, class_names=None, title=None):
    """Bar chart of a classifier's probabilities for one example; the predicted class is coloured.

    Args:
        probabilities: (k,) probabilities (e.g. one row of ``model.predict``).
        true_label: optional index of the right class, outlined in black.
        class_names: optional k tick labels (default 0..k-1).
        ax, title: the Axes to draw on (a new figure when None) and an optional title.

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
        ax, title: the Axes to draw on (a new figure when None) and an optional title.

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

