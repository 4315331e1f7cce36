"""Plotting helpers for convolutions, regularization and the MNIST lab: each takes ``ax=None``
(or ``axes=None``), returns what it drew on, never calls ``plt.show()``, never writes files.

The convolution itself (numbers in cells, the sliding window, several channels, the receptive
field), what a trained CNN holds (feature maps, filters), its predictions, and the curves of
early stopping.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from utils.plots.core import CLASS_COLORS, loss_curves
from utils.plots.images import image_panels
from utils.scratch import conv2d

__all__ = ["number_grid", "sliding_window", "multichannel_convolution", "receptive_field",
           "feature_maps", "conv_filters", "probability_bars", "early_stopping_curves"]

WINDOW_COLOR = "#ff7f0e"  # the filter's current position, in every drawing of this module


def _matrix(values, func, name="matrix"):
    """``values`` as a 2-D float array; ``func`` and ``name`` word the error."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"{func} expects a 2-D {name}, got shape {values.shape}")
    return values


def _outline(ax, row, col, height, width, color=WINDOW_COLOR, linewidth=3):
    """Draw a rectangle around cells ``row..row+height-1`` x ``col..col+width-1``."""
    ax.add_patch(Rectangle((col - 0.5, row - 0.5), width, height, fill=False, edgecolor=color,
                           linewidth=linewidth))


def number_grid(matrix, ax=None, title=None, cmap="Blues", window=None, vmin=None, vmax=None,
                fontsize=10):
    """Draw a small matrix as coloured cells with each number written inside.

    Args:
        matrix: 2-D array (a tiny image, a kernel, a feature map); NaN cells stay blank.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        cmap: colour map of the cells.
        window: optional (row, col, height, width) outlined in orange, e.g. a filter's position.
        vmin: lower colour limit (default: the matrix's minimum).
        vmax: upper colour limit (default: the matrix's maximum).
        fontsize: size of the numbers.

    Returns:
        The Axes.
    """
    matrix = _matrix(matrix, "number_grid")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.5 * matrix.shape[1] + 0.6, 0.5 * matrix.shape[0] + 0.6))
    cells = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=vmin, vmax=vmax)
    for (row, col), value in np.ndenumerate(matrix):
        if not np.isnan(value):
            red, green, blue, _ = cells.cmap(cells.norm(value))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5  # white text on dark cells
            ax.text(col, row, f"{value:.3g}", ha="center", va="center", fontsize=fontsize,
                    color="white" if dark else "black")
    ax.set_xticks(np.arange(matrix.shape[1] + 1) - 0.5, labels=[], minor=True)
    ax.set_yticks(np.arange(matrix.shape[0] + 1) - 0.5, labels=[], minor=True)
    ax.set(xticks=[], yticks=[], xlim=(-0.5, matrix.shape[1] - 0.5),
           ylim=(matrix.shape[0] - 0.5, -0.5))
    ax.grid(which="minor", color="#b0b0b0", linewidth=0.8)  # thin lines between cells
    ax.tick_params(which="both", length=0)
    ax.spines[:].set(visible=True, color="#b0b0b0")
    if window is not None:
        _outline(ax, *window)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def sliding_window(image, kernel, steps=4, axes=None):
    """Small multiples of a convolution: the window's first positions and the map it fills.

    Inside the window each cell shows its pixel and, below it in red, the filter weight it is
    multiplied by.

    Args:
        image: 2-D array.
        kernel: 2-D array no larger than the image ("valid" convolution).
        steps: how many window positions to show, in reading order.
        axes: a (2, steps) array of Axes; a new figure when None.

    Returns:
        The (2, steps) array of Axes: the image with the window on top, the feature map below.
    """
    image = _matrix(image, "sliding_window", "image")
    kernel = _matrix(kernel, "sliding_window", "kernel")
    feature_map = conv2d(image, kernel)  # (out_h, out_w), also checks the sizes
    if (isinstance(steps, bool) or not isinstance(steps, (int, np.integer))
            or not 1 <= steps <= feature_map.size):
        raise ValueError(f"sliding_window expects steps between 1 and {feature_map.size}, "
                         f"got {steps!r}")
    if axes is None:
        _, axes = plt.subplots(2, steps, figsize=(2.9 * steps, 5.6), squeeze=False,
                               gridspec_kw={"height_ratios": [image.shape[0], feature_map.shape[0]]})
    axes = np.asarray(axes)
    if axes.size != 2 * steps:
        raise ValueError(f"sliding_window expects {2 * steps} Axes (2 rows of {steps}), "
                         f"got {axes.size}")
    axes = axes.reshape(2, steps)
    (kh, kw), width = kernel.shape, feature_map.shape[1]
    for step in range(steps):
        row, col = divmod(step, width)
        top = axes[0, step]
        number_grid(image, ax=top, window=(row, col, kh, kw), cmap="Greys", vmin=0,
                    vmax=3 * image.max(), fontsize=11)
        for text in top.texts:  # lift the pixel values inside the window to make room below
            x, y = text.get_position()
            if row <= y < row + kh and col <= x < col + kw:
                text.set(y=y - 0.18, fontweight="bold")
        for (m, n), weight in np.ndenumerate(kernel):  # the weight each covered pixel meets
            top.text(col + n, row + m + 0.27, f"×{weight:.3g}", ha="center", va="center",
                     fontsize=9, fontweight="bold", color="#b00000")
        top.set_title(f"position ({row}, {col}): sum = {feature_map[row, col]:.3g}", fontsize=10)
        partial = np.full(feature_map.shape, np.nan)
        partial.flat[:step + 1] = feature_map.flat[:step + 1]
        number_grid(partial, ax=axes[1, step], window=(row, col, 1, 1), cmap="Blues",
                    vmin=feature_map.min() - 1, vmax=feature_map.max() + 1, fontsize=11)
        axes[1, step].set_title(f"feature map after {step + 1} step{'s' if step else ''}",
                                fontsize=10)
    return axes


def multichannel_convolution(maps, kernel, bias=0.0, position=(0, 0), ncols=8, figure=None):
    """One filter spanning every channel: each input map meets its own slice of the filter.

    Pairs of panels show input channel ``c`` with the window at ``position`` and the filter's
    slice ``kernel[:, :, c]``; a last panel shows the output map, where the products of all the
    channels add up to the one marked number.

    Args:
        maps: (height, width, channels) input feature maps.
        kernel: (kh, kw, channels) one filter, or (kh, kw, channels, 1) as Keras stores it.
        bias: the filter's bias, added once to each output value.
        position: (row, col) of the window's top-left corner.
        ncols: channels per row of panels.
        figure: a matplotlib Figure to draw on; a new one when None.

    Returns:
        A dict of Axes: "maps" and "slices" (one per channel) and "output".
    """
    maps, kernel = np.asarray(maps, dtype=float), np.asarray(kernel, dtype=float)
    if kernel.ndim == 4 and kernel.shape[3] == 1:
        kernel = kernel[..., 0]
    if maps.ndim != 3 or kernel.ndim != 3 or maps.shape[2] != kernel.shape[2]:
        raise ValueError("multichannel_convolution expects maps (height, width, channels) and a "
                         f"kernel (kh, kw, channels), got {maps.shape} and {kernel.shape}")
    channels, (kh, kw) = maps.shape[2], kernel.shape[:2]
    output = sum(conv2d(maps[:, :, c], kernel[:, :, c]) for c in range(channels)) + float(bias)
    row, col = position
    if not (0 <= row < output.shape[0] and 0 <= col < output.shape[1]):
        raise ValueError(f"multichannel_convolution expects a position inside the output "
                         f"{output.shape}, got {position}")
    if isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"multichannel_convolution expects ncols >= 1, got {ncols!r}")
    nrows = -(-channels // ncols)
    figure = figure if figure is not None else plt.figure(figsize=(1.15 * ncols + 3.2,
                                                                   2.3 * nrows + 0.6))
    left, right = figure.subfigures(1, 2, width_ratios=[1.15 * ncols, 3.2])
    grid = left.subplots(2 * nrows, ncols, squeeze=False)
    limit = float(np.abs(kernel).max()) or 1.0
    found = {"maps": [], "slices": []}
    for index, ax in enumerate(grid.ravel()):
        ax.axis("off")
    for c in range(channels):
        block, column = divmod(c, ncols)
        top, bottom = grid[2 * block, column], grid[2 * block + 1, column]
        top.imshow(maps[:, :, c], cmap="viridis")  # each channel on its own colour scale
        _outline(top, row, col, kh, kw, color="white", linewidth=1.5)
        top.set_title(f"channel {c}", fontsize=8)
        bottom.imshow(kernel[:, :, c], cmap="RdBu_r", vmin=-limit, vmax=limit)
        bottom.set_title(f"slice {c}", fontsize=8)
        found["maps"].append(top)
        found["slices"].append(bottom)
    left.suptitle(f"{channels} input maps (window in white) and the {kh}x{kw} slice of the filter"
                  f" for each (red +, blue -)", fontsize=10)
    found["output"] = right.subplots()
    found["output"].imshow(output, cmap="viridis")
    _outline(found["output"], row, col, 1, 1, color="white", linewidth=2)
    found["output"].set_title(f"output map {output.shape[0]}x{output.shape[1]}\n"
                              f"value at ({row}, {col}) = {output[row, col]:.3g}\n"
                              f"= {kh}x{kw}x{channels} products + bias", fontsize=9)
    found["output"].axis("off")
    return found


def receptive_field(n_layers=2, kernel_size=3, axes=None):
    """Stacked stride-1 convolutions: which pixels one unit of the last layer depends on.

    Draws the input and each layer's map side by side, the last layer's centre unit marked, and
    in every earlier map the window of units it depends on: 1 + L (f - 1) wide after L layers.

    Args:
        n_layers: how many convolutions are stacked, an integer >= 1.
        kernel_size: the filters' size f, an odd integer >= 1.
        axes: n_layers + 1 Axes side by side; a new figure when None.

    Returns:
        The array of Axes, input first.
    """
    if isinstance(n_layers, bool) or not isinstance(n_layers, (int, np.integer)) or n_layers < 1:
        raise ValueError(f"receptive_field expects n_layers to be an integer >= 1, got {n_layers!r}")
    if (isinstance(kernel_size, bool) or not isinstance(kernel_size, (int, np.integer))
            or kernel_size < 1 or kernel_size % 2 == 0):
        raise ValueError(f"receptive_field expects an odd kernel_size >= 1, got {kernel_size!r}")
    grow = kernel_size - 1
    last = 3  # the last layer's map is 3x3; each earlier map is f - 1 larger
    sizes = [last + grow * (n_layers - k) for k in range(n_layers + 1)]  # input first
    if axes is None:
        _, axes = plt.subplots(1, n_layers + 1, figsize=(3.0 * (n_layers + 1), 3.4),
                               gridspec_kw={"width_ratios": sizes})
    axes = np.asarray(axes).ravel()
    if axes.size != n_layers + 1:
        raise ValueError(f"receptive_field expects {n_layers + 1} Axes, got {axes.size}")
    for k, (ax, size) in enumerate(zip(axes, sizes)):
        field = 1 + grow * (n_layers - k)  # units of this map that the marked unit depends on
        start = (size - field) // 2
        shade = np.zeros((size, size))
        shade[start:start + field, start:start + field] = 1
        ax.imshow(shade, cmap="Oranges", vmin=0, vmax=2.2)
        ax.set_xticks(np.arange(size + 1) - 0.5, labels=[], minor=True)
        ax.set_yticks(np.arange(size + 1) - 0.5, labels=[], minor=True)
        ax.set(xticks=[], yticks=[])
        ax.grid(which="minor", color="#b0b0b0", linewidth=0.8)
        ax.tick_params(which="both", length=0)
        ax.spines[:].set(visible=True, color="#b0b0b0")
        _outline(ax, start, start, field, field)
        name = "input" if k == 0 else f"after conv {k}"
        ax.set_title(f"{name} ({size}x{size})\nsees {field}x{field}" if k < n_layers
                     else f"{name} ({size}x{size})\none unit", fontsize=10)
    return axes


def feature_maps(maps, ncols=8, axes=None, title=None, cmap="viridis"):
    """Show each channel of a convolutional layer's output as a small image.

    Each map has its own colour scale, from its smallest value (dark) to its largest (bright);
    the largest is written above the map, so faint and strong maps can be told apart.

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
        raise ValueError(f"feature_maps expects maps of shape (height, width, channels), "
                         f"got {maps.shape}")
    panels = np.moveaxis(maps, -1, 0)
    labels = [f"{k}: max {panel.max():.2g}" for k, panel in enumerate(panels)]
    return image_panels(panels, labels, ncols, axes, title, "feature_maps", cmap=cmap,
                        panel_size=(1.3, 1.8), fontsize=9)


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
        raise ValueError(f"conv_filters expects a kernel of shape (kh, kw, 1, filters) or "
                         f"(kh, kw, filters), got {kernel.shape}")
    limit = float(np.abs(kernel).max()) or 1.0  # one symmetric scale: zero is white everywhere
    panels = np.moveaxis(kernel, -1, 0)
    return image_panels(panels, [f"filter {k}" for k in range(len(panels))], ncols, axes, title,
                        "conv_filters", cmap="RdBu_r", vmin=-limit, vmax=limit,
                        panel_size=(1.3, 1.4), fontsize=9)


def probability_bars(probabilities, true_label=None, ax=None, class_names=None, title=None):
    """Bar chart of a classifier's probabilities for one example; the predicted class is coloured.

    Args:
        probabilities: (k,) probabilities (e.g. one row of ``model.predict``).
        true_label: optional index of the right class: its bar is outlined, its tick label bold,
            and a "true" arrow points at it, so it shows even when its probability is near 0.
        ax: the Axes to draw on; a new figure when None.
        class_names: optional k tick labels (default 0..k-1).
        title: optional title.

    Returns:
        The Axes.
    """
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.ndim != 1 or probabilities.size < 2:
        raise ValueError(f"probability_bars expects a 1-D array of at least 2 probabilities, "
                         f"got shape {probabilities.shape}")
    if true_label is not None and not 0 <= int(true_label) < probabilities.size:
        raise ValueError(f"probability_bars expects true_label in [0, {probabilities.size - 1}], "
                         f"got {true_label}")
    ax = ax if ax is not None else plt.subplots(figsize=(4, 2.5))[1]
    predicted, colors = int(probabilities.argmax()), ["#c7c7c7"] * probabilities.size
    right = true_label is None or predicted == int(true_label)
    colors[predicted] = CLASS_COLORS[1] if right else CLASS_COLORS[0]
    bars = ax.bar(np.arange(probabilities.size), probabilities, color=colors)
    ax.set(ylim=(0, 1.05), xticks=range(probabilities.size), ylabel="probability",
           xticklabels=class_names if class_names is not None else range(probabilities.size))
    if true_label is not None:
        true_label = int(true_label)
        bars[true_label].set(edgecolor="black", linewidth=1.5)
        ax.get_xticklabels()[true_label].set(fontweight="bold", color=CLASS_COLORS[1])
        if not right:  # point at the true class, whose bar may be too small to see
            height = probabilities[true_label]
            ax.annotate("true", xy=(true_label, height), xytext=(true_label, height + 0.45),
                        ha="center", fontsize=9, fontweight="bold", color=CLASS_COLORS[1],
                        arrowprops={"arrowstyle": "->", "color": CLASS_COLORS[1], "lw": 1.5})
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def early_stopping_curves(history, stop_epoch=None, best_epoch=None, metric="loss", ax=None,
                          title=None):
    """Training and validation curves with the stopping epoch (and the restored one) marked.

    Args:
        history: a ``keras.callbacks.History`` or a dict of lists with ``metric`` and
            ``val_<metric>``.
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
    marks = ((stop_epoch, "-", CLASS_COLORS[0], "stopped after epoch"),
             (best_epoch, ":", CLASS_COLORS[1], "weights kept from epoch"))
    for epoch, style, color, label in (mark for mark in marks if mark[0] is not None):
        if not 1 <= epoch <= n_epochs:
            raise ValueError(f"early_stopping_curves expects epochs between 1 and {n_epochs}, "
                             f"got {epoch}")
        ax.axvline(epoch, color=color, linestyle=style, linewidth=2, label=f"{label} {epoch}")
    ax.legend()
    return ax
