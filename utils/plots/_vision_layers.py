"""Drawings of the convolution itself (numbers in cells, the sliding window), for notebook 07.

Private: ``utils.plots.vision`` re-exports the public names, so notebooks call ``plots.number_grid``.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from utils.scratch import conv2d

__all__ = ["number_grid", "sliding_window"]


def _matrix(values, func, name="matrix"):
    """``values`` as a 2-D float array; ``func`` and ``name`` word the error."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"{func} expects a 2-D {name}, got shape {values.shape}")
    return values


def number_grid(matrix, ax=None, title=None, cmap="Blues", window=None, vmin=None, vmax=None):
    """Draw a small matrix as coloured cells with each number written inside.

    Args:
        matrix: 2-D array (a tiny image, a kernel, a feature map); NaN cells stay blank.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        cmap: colour map of the cells.
        window: optional (row, col, height, width) outlined in orange, e.g. a filter's position.
        vmin: lower colour limit (default: the matrix's minimum).
        vmax: upper colour limit (default: the matrix's maximum).

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
        image: 2-D array.
        kernel: 2-D array no larger than the image ("valid" convolution).
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
