"""Plots for autoencoders and generative models: latent spaces and grids (notebook 12).

Each helper takes ``ax=None`` (or ``axes=None``), returns what it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from utils.plots.core import CLASS_COLORS, CLASS_MARKERS, _axes, _titled

__all__ = ["image_rows", "latent_scatter", "decode_grid", "latent_grid", "gan_diagram"]


def _as_images(images, func, name="images"):
    """(n, 784) or (n, h, w) -> (n, h, w); square images only when flat."""
    images = np.asarray(images, dtype=float)
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"{func} expects flat {name} of a square size (e.g. 784 = 28 x 28), "
                             f"got {images.shape[1]} values per image")
        images = images.reshape(len(images), side, side)
    if images.ndim != 3:
        raise ValueError(f"{func} expects {name} of shape (n, height, width) or (n, pixels), "
                         f"got {images.shape}")
    return images


def image_rows(rows, row_labels=None, axes=None, title=None, cmap="gray_r"):
    """Rows of images side by side, e.g. originals above their reconstructions.

    Args:
        rows: sequence of image arrays, each (n, height, width) or (n, pixels), same n.
        row_labels: one label per row, written left of it.
        axes: a (len(rows), n) array of Axes; a new figure when None.
        title: optional figure title.
        cmap: colour map; dark ink on white by default, values 0-1.

    Returns:
        The (len(rows), n) array of Axes.
    """
    rows = [_as_images(row, "image_rows", "rows") for row in rows]
    if not rows or len({len(row) for row in rows}) != 1:
        raise ValueError(f"image_rows expects rows with the same number of images, "
                         f"got {[len(row) for row in rows]}")
    if row_labels is not None and len(row_labels) != len(rows):
        raise ValueError(f"image_rows expects one label per row ({len(rows)}), got {len(row_labels)}")
    n = len(rows[0])
    if axes is None:
        _, axes = plt.subplots(len(rows), n, figsize=(1.1 * n + 1.2, 1.15 * len(rows) + 0.3),
                               squeeze=False)
    axes = np.asarray(axes).reshape(len(rows), n)
    for row_index, row in enumerate(rows):
        for ax, image in zip(axes[row_index], row):
            ax.imshow(image, cmap=cmap, vmin=0, vmax=1)
            _bare(ax)
        if row_labels is not None:
            axes[row_index, 0].set_ylabel(row_labels[row_index], rotation=0, ha="right",
                                          va="center", fontsize=10)
    if title:
        axes[0, 0].figure.suptitle(title, y=1.0, va="bottom")
    return axes


def _bare(ax):
    """An image panel: no ticks, no grid, no frame (the y label stays)."""
    ax.set_xticks([]), ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def latent_scatter(codes, labels, ax=None, title=None, point_size=10, legend=True):
    """The 2-D codes of digits, one colour and marker per class.

    Args:
        codes: (n, 2) array of latent codes.
        labels: n class labels 0-9.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        point_size: marker area.
        legend: draw the class legend outside the plot, on the right.

    Returns:
        The Axes.
    """
    codes, labels = np.asarray(codes, dtype=float), np.asarray(labels).ravel()
    if codes.ndim != 2 or codes.shape[1] != 2 or len(labels) != len(codes):
        raise ValueError(f"latent_scatter expects codes of shape (n, 2) and n labels, "
                         f"got codes {codes.shape} and {len(labels)} labels")
    ax = _axes(ax, figsize=(6.2, 5.0))
    for label in np.unique(labels):
        chosen = labels == label
        index = int(label) % len(CLASS_COLORS)
        ax.scatter(codes[chosen, 0], codes[chosen, 1], s=point_size, alpha=0.75,
                   color=CLASS_COLORS[index], marker=CLASS_MARKERS[index], label=str(label))
    ax.set(xlabel="$z_1$", ylabel="$z_2$")
    if legend:
        ax.legend(title="digit", loc="center left", bbox_to_anchor=(1.0, 0.5), markerscale=2)
    return _titled(ax, title)


def decode_grid(decode, z1_values, z2_values):
    """Decode every point of a grid of 2-D codes and tile the images into one mosaic.

    Args:
        decode: function from codes (m, 2) to images (m, h, w) or (m, pixels).
        z1_values, z2_values: 1-D arrays of the grid's coordinates (columns, rows).

    Returns:
        The mosaic, a 2-D array; row 0 is the largest z2, so up is up as in a scatter plot.
    """
    z1_values, z2_values = np.ravel(z1_values), np.ravel(z2_values)
    if len(z1_values) < 1 or len(z2_values) < 1:
        raise ValueError("decode_grid expects at least one value on each axis, "
                         f"got {len(z1_values)} and {len(z2_values)}")
    z2_top_down = z2_values[::-1]
    points = np.array([[z1, z2] for z2 in z2_top_down for z1 in z1_values], dtype="float32")
    images = _as_images(np.asarray(decode(points)), "decode_grid", "decoded images")
    if len(images) != len(points):
        raise ValueError(f"decode_grid expects decode to return one image per code ({len(points)}), "
                         f"got {len(images)}")
    h, w = images.shape[1:]
    tiles = images.reshape(len(z2_values), len(z1_values), h, w)
    return tiles.transpose(0, 2, 1, 3).reshape(len(z2_values) * h, len(z1_values) * w)


def latent_grid(decode, z1_values, z2_values, ax=None, title=None, cmap="gray_r"):
    """Draw the digits a decoder makes across a grid of 2-D codes, with the codes on the axes.

    Args:
        decode: function from codes (m, 2) to images (m, h, w) or (m, pixels), values 0-1.
        z1_values, z2_values: 1-D arrays, evenly spaced, the grid's coordinates.
        ax: the Axes to draw on; a new figure when None.
        title: optional title.
        cmap: colour map.

    Returns:
        The Axes.
    """
    z1_values, z2_values = np.ravel(z1_values), np.ravel(z2_values)
    mosaic = decode_grid(decode, z1_values, z2_values)
    step1 = (z1_values[-1] - z1_values[0]) / max(len(z1_values) - 1, 1) or 1.0
    step2 = (z2_values[-1] - z2_values[0]) / max(len(z2_values) - 1, 1) or 1.0
    extent = (z1_values[0] - step1 / 2, z1_values[-1] + step1 / 2,
              z2_values[0] - step2 / 2, z2_values[-1] + step2 / 2)
    ax = _axes(ax, figsize=(6.0, 6.0))
    ax.imshow(mosaic, cmap=cmap, vmin=0, vmax=1, extent=extent, aspect="auto")
    ax.grid(False)
    ax.set(xlabel="$z_1$", ylabel="$z_2$")
    return _titled(ax, title)


def _box(ax, xy, text, color, width=0.2, height=0.16):
    x, y = xy
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.015", facecolor=color, edgecolor="black",
                                alpha=0.9))
    ax.text(x, y, text, ha="center", va="center", fontsize=10)


def _arrow(ax, start, end, text=None, color="black", style="-|>", offset=(0, 0.04), **kwargs):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, color=color,
                                 linewidth=1.5, **kwargs))
    if text:
        middle = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
        ax.text(*middle, text, ha="center", va="center", fontsize=9, color=color)


def gan_diagram(ax=None, title="A GAN: two networks trained against each other"):
    """Draw a generative adversarial network: noise -> generator -> fakes -> discriminator.

    Args:
        ax: the Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    ax = _axes(ax, figsize=(10.5, 4.4))
    ax.set(xlim=(0, 1.23), ylim=(0.05, 1))
    ax.axis("off")
    generator_color, discriminator_color = CLASS_COLORS[3], CLASS_COLORS[2]
    _box(ax, (0.08, 0.55), "noise $z$\n$\\sim \\mathcal{N}(0, I)$", "#eeeeee", width=0.14)
    _box(ax, (0.31, 0.55), "generator $G$", "#fdd0a2")
    _box(ax, (0.54, 0.55), "fake image\n$G(z)$", "#f2f2f2", width=0.15)
    _box(ax, (0.54, 0.87), "real image $x$\n(training data)", "#f2f2f2", width=0.18)
    _box(ax, (0.79, 0.71), "discriminator $D$", "#c6dbef")
    _box(ax, (1.095, 0.71), "$D(\\cdot)$ = probability\nthat the image is real", "#eeeeee",
         width=0.23)
    _arrow(ax, (0.15, 0.55), (0.21, 0.55))
    _arrow(ax, (0.41, 0.55), (0.465, 0.55))
    _arrow(ax, (0.615, 0.6), (0.70, 0.66))
    _arrow(ax, (0.63, 0.84), (0.70, 0.76))
    _arrow(ax, (0.89, 0.71), (0.98, 0.71))
    # the two training signals, as paths below the boxes
    ax.plot([1.02, 1.02, 0.83], [0.63, 0.45, 0.45], color=discriminator_color, linewidth=1.5)
    _arrow(ax, (0.83, 0.45), (0.83, 0.63), color=discriminator_color)
    ax.text(0.925, 0.41, "D learns: real $\\to$ 1, fake $\\to$ 0", ha="center", va="top",
            fontsize=9, color=discriminator_color)
    ax.plot([1.16, 1.16, 0.31], [0.63, 0.22, 0.22], color=generator_color, linewidth=1.5)
    _arrow(ax, (0.31, 0.22), (0.31, 0.47), color=generator_color)
    ax.text(0.72, 0.18, "G learns: make D say \"real\" for its fakes "
            "(the gradient flows back through D)", ha="center", va="top", fontsize=9,
            color=generator_color)
    return _titled(ax, title)
