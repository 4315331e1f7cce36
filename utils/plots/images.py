"""Image helpers used across the course: grids of images and the confusion matrix.

Each takes ``ax=None`` (or ``axes=None``), returns what it drew on, never calls ``plt.show()``
and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np

from utils.plots.core import _axes

__all__ = ["image_grid", "confusion_matrix"]


def image_grid(images, labels=None, ncols=5, axes=None, cmap="gray_r", title=None):
    """Show images in a grid, each titled with its label.

    Args:
        images: (n, height, width) array.
        labels: optional n labels (numbers or strings) shown above the images.
        ncols: images per row (when ``axes`` is None), an integer >= 1.
        axes: array of at least n Axes to fill; a new figure when None.
        cmap: colour map; dark ink on white by default.
        title: optional figure title.

    Returns:
        The array of Axes.
    """
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(f"image_grid expects images of shape (n, height, width), got {images.shape}")
    if labels is not None and len(labels) != len(images):
        raise ValueError(f"image_grid expects one label per image ({len(images)}), got {len(labels)}")
    labels = [str(label) for label in labels] if labels is not None else [""] * len(images)
    return image_panels(images, labels, ncols, axes, title, "image_grid", cmap=cmap)


def image_panels(panels, labels, ncols, axes, title, func, cmap="gray_r", vmin=None, vmax=None,
                 panel_size=(1.6, 1.8), fontsize=10):
    """Draw 2-D panels as images with titles, ``ncols`` per row; the grid behind the public helpers.

    Args:
        panels: sequence of 2-D arrays; labels: one title string per panel.
        ncols: panels per row (when ``axes`` is None); axes: at least len(panels) Axes, or None.
        title: optional figure title; func: the public helper's name, for error messages.
        cmap, vmin, vmax: passed to ``imshow``; panel_size: inches per panel; fontsize: of titles.

    Returns:
        The flat array of Axes.
    """
    if isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"{func} expects ncols to be an integer >= 1, got {ncols!r}")
    if axes is None:
        nrows = max(-(-len(panels) // ncols), 1)
        _, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows), squeeze=False)
    axes = np.asarray(axes).ravel()
    if len(axes) < len(panels):
        raise ValueError(f"{func} expects at least {len(panels)} Axes, got {len(axes)}")
    for index, ax in enumerate(axes):
        ax.axis("off")
        if index < len(panels):
            ax.imshow(panels[index], cmap=cmap, vmin=vmin, vmax=vmax)
            ax.set_title(labels[index], fontsize=fontsize)
    if title:
        axes[0].figure.suptitle(title)
    return axes


def confusion_matrix(y_true, y_pred, ax=None, class_names=None, title=None):
    """Draw the confusion matrix: rows are true classes, columns predicted ones, counts inside.

    Args:
        y_true: true class labels, integers >= 0; y_pred: predicted labels, as many.
        ax: Axes to draw on; a new figure when None.
        class_names: optional tick labels, one per class.
        title: optional title.

    Returns:
        The Axes.
    """
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"confusion_matrix expects as many predictions as labels, got {y_pred.shape} and {y_true.shape}")
    if y_true.size == 0 or min(y_true.min(), y_pred.min()) < 0:
        raise ValueError(f"confusion_matrix expects at least one label, all >= 0, got {y_true.size} labels"
                         f"{'' if y_true.size == 0 else f' from {min(y_true.min(), y_pred.min())}'}")
    n_classes = int(max(y_true.max(), y_pred.max())) + 1
    counts = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(counts, (y_true, y_pred), 1)
    ax = _axes(ax, figsize=(6, 5.5))
    ax.imshow(counts, cmap="Blues")
    # Counts as large as the cells allow: 14 pt for a few classes, 10 pt for ten; zeros in grey
    # so the few mistakes stand out.
    fontsize = max(8, min(14, 100 // n_classes))
    for (row, col), count in np.ndenumerate(counts):
        color = "white" if count > counts.max() / 2 else ("#a0a0a0" if count == 0 else "black")
        ax.text(col, row, count, ha="center", va="center", fontsize=fontsize, color=color,
                fontweight="bold" if row == col else "normal")
    names = class_names if class_names is not None else range(n_classes)
    ax.set(xticks=range(n_classes), yticks=range(n_classes), xticklabels=names, yticklabels=names,
           xlabel="predicted class", ylabel="true class")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax
