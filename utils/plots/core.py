"""Plotting helpers used across the course: the style, class colours, boundaries and curves.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MaxNLocator

# Two classes read as red and green in the lectures. Red and green alone fail colour-blind
# readers, so every class also gets its own marker shape: never tell classes apart by colour only.
CLASS_COLORS = ("#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")

__all__ = ["CLASS_COLORS", "CLASS_MARKERS", "set_style", "decision_boundary", "loss_curves"]


def set_style():
    """Apply the course's figure style: readable fonts, light grids, no top/right spines.

    Returns:
        None; it changes matplotlib's defaults for the figures drawn after it.
    """
    plt.rcParams.update({
        "figure.figsize": (6.4, 4.0), "figure.dpi": 100, "savefig.dpi": 100,
        "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 12, "axes.labelsize": 11, "legend.frameon": False,
    })


def _titled(ax, title):
    """Set ``title`` on ``ax`` when given; return ``ax``."""
    if title:
        ax.set_title(title)
    return ax


def _axes(ax, figsize=None):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _class_colors(n_classes):
    if n_classes > len(CLASS_COLORS):
        raise ValueError(f"decision_boundary expects at most {len(CLASS_COLORS)} classes to colour, got {n_classes}")
    return CLASS_COLORS[:n_classes]


def decision_boundary(predict, X, y, ax=None, resolution=200, padding=0.5, title=None):
    """Shade the regions a classifier assigns to each class, with the data points on top.

    Args:
        predict: callable mapping an (m, 2) float32 array to class labels (m,) or to
            probabilities, (m,) or (m, 1) for one class, (m, k) for k classes.
        X: (n, 2) points; y: (n,) integer labels.
        ax: Axes to draw on; a new figure when None.
        resolution: grid points per axis.
        padding: margin around the data, in data units.
        title: optional title.

    Returns:
        The Axes.
    """
    X = np.asarray(X)
    y = np.asarray(y).astype(int).ravel()
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"decision_boundary expects X of shape (n, 2), got {X.shape}")
    if len(y) != len(X):
        raise ValueError(f"decision_boundary expects one label per point ({len(X)}), got {len(y)}")
    ax = _axes(ax)
    (x_min, y_min), (x_max, y_max) = X.min(axis=0) - padding, X.max(axis=0) + padding
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    grid = np.c_[xx.ravel(), yy.ravel()].astype(np.float32)
    labels = _as_labels(np.asarray(predict(grid))).reshape(xx.shape)
    n_classes = int(max(y.max(), labels.max())) + 1
    colors = _class_colors(n_classes)
    ax.contourf(xx, yy, labels, levels=np.arange(n_classes + 1) - 0.5, cmap=ListedColormap(colors), alpha=0.25)
    for label in range(n_classes):
        members = y == label
        ax.scatter(X[members, 0], X[members, 1], s=18, color=colors[label], marker=CLASS_MARKERS[label],
                   edgecolor="white", linewidth=0.4, label=f"class {label}")
    ax.set(xlim=(x_min, x_max), ylim=(y_min, y_max), xlabel="$x_1$", ylabel="$x_2$")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def _as_labels(output):
    """Turn a classifier's output into integer labels (probabilities are thresholded)."""
    if output.ndim == 2 and output.shape[1] > 1:
        return output.argmax(axis=1)
    output = output.reshape(-1)
    if np.issubdtype(output.dtype, np.floating):
        return (output >= 0.5).astype(int)
    return output.astype(int)


def loss_curves(history, metrics=("loss",), ax=None, title=None):
    """Plot training (and validation, when present) curves per epoch.

    Args:
        history: a ``keras.callbacks.History`` or a dict of lists, e.g. ``{"loss": [...]}``.
        metrics: keys to plot; ``val_<key>`` is drawn dashed beside each when present.
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    curves = getattr(history, "history", history)
    if not isinstance(curves, dict):
        raise ValueError(f"loss_curves expects a History or a dict of lists, got {type(history).__name__}")
    ax = _axes(ax)
    for index, metric in enumerate(metrics):
        if metric not in curves:
            raise ValueError(f"loss_curves expects the key {metric!r}, got keys {sorted(curves)}")
        color = CLASS_COLORS[2 + index % 8]
        epochs = np.arange(1, len(curves[metric]) + 1)
        ax.plot(epochs, curves[metric], color=color, label=f"training {metric}")
        if f"val_{metric}" in curves:
            ax.plot(epochs, curves[f"val_{metric}"], color=color, linestyle="--", label=f"validation {metric}")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
    ax.set(xlabel="epoch", ylabel=", ".join(metrics))
    ax.legend()
    if title:
        ax.set_title(title)
    return ax
