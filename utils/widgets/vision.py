"""The convolution-kernel explorer: pick a preset or type a 3x3 kernel, see the digit's feature map.

``ipywidgets`` is imported only when an explorer is built, so the rest of ``utils`` works without it.
"""
import functools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from utils.plots.vision import number_grid
from utils.scratch import conv2d
from utils.widgets.core import png_bytes, show_png

__all__ = ["KERNEL_PRESETS", "kernel_explorer", "draw_kernel_explorer"]

KERNEL_PRESETS = {
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "vertical edge": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],  # Sobel: positive where values fall from left to right
    "horizontal edge": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],  # Sobel: positive where values fall from top to bottom
    "blur": [[1 / 9] * 3] * 3,
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "outline": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
}


def _as_kernel(kernel, func):
    """A preset name or a 3x3 array -> a float 3x3 array; ``func`` names the caller in errors."""
    if isinstance(kernel, str):
        if kernel not in KERNEL_PRESETS:
            raise ValueError(f"{func} expects a kernel preset among {sorted(KERNEL_PRESETS)}, got {kernel!r}")
        kernel = KERNEL_PRESETS[kernel]
    kernel = np.asarray(kernel, dtype=float)
    if kernel.shape != (3, 3):
        raise ValueError(f"{func} expects a 3x3 kernel, got shape {kernel.shape}")
    return kernel


def _preset_name(kernel):
    """The preset whose numbers ``kernel`` holds (to the boxes' 4 decimals), else "custom"."""
    matches = (name for name, preset in KERNEL_PRESETS.items() if np.allclose(preset, kernel, atol=1e-4))
    return next(matches, "custom")


def _as_image(image, func):
    """``image`` as a 2-D float array of at least 3x3 pixels; ``func`` names the caller in errors."""
    image = np.asarray(image, dtype=float)
    if image.ndim != 2 or min(image.shape) < 3:
        raise ValueError(f"{func} expects a 2-D image of at least 3x3 pixels, got shape {image.shape}")
    return image


def draw_kernel_explorer(image, kernel="vertical edge", axes=None):
    """Draw the explorer's state: the image, the kernel with its numbers, and the feature map.

    Args:
        image: 2-D grayscale image, e.g. one MNIST digit.
        kernel: a name from ``KERNEL_PRESETS`` or a 3x3 array.
        axes: three Axes side by side; a new figure when None.

    Returns:
        The array of three Axes.
    """
    image, kernel = _as_image(image, "draw_kernel_explorer"), _as_kernel(kernel, "draw_kernel_explorer")
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(9, 3.2))
    axes = np.asarray(axes).ravel()
    if axes.size != 3:
        raise ValueError(f"draw_kernel_explorer expects 3 Axes, got {axes.size}")
    feature_map = conv2d(image, kernel, padding="same")  # same size as the image
    axes[0].imshow(image, cmap="gray_r")
    axes[0].set_title("input image")
    number_grid(kernel, ax=axes[1], cmap="RdBu_r", vmin=-np.abs(kernel).max(), vmax=np.abs(kernel).max())
    axes[1].set_title("3x3 kernel")
    limit = float(np.abs(feature_map).max()) or 1.0
    axes[2].imshow(feature_map, cmap="RdBu_r", vmin=-limit, vmax=limit)
    axes[2].set_title("feature map (red +, blue -)")
    for ax in axes[[0, 2]]:
        ax.axis("off")
    return axes


@functools.lru_cache(maxsize=None)
def _explorer_class():
    """The explorer's widget class, defined on first use (it subclasses ``ipywidgets.VBox``)."""
    import ipywidgets  # here, not at the top: utils imports without ipywidgets

    class KernelExplorer(ipywidgets.VBox):
        """A preset menu, nine number boxes for the kernel, and the drawing of the feature map.

        The drawing is a PNG in an ``ipywidgets.Image``: it updates through the widget's state alone,
        so the explorer also builds in a kernel without a front end (nbval, nbclient).
        """

        def __init__(self, image, preset="vertical edge"):
            self._image = _as_image(image, "kernel_explorer")
            start = _as_kernel(preset, "kernel_explorer")
            self._menu = ipywidgets.Dropdown(options=[*KERNEL_PRESETS, "custom"], value=_preset_name(start), description="kernel")
            self._boxes = [ipywidgets.FloatText(value=round(float(value), 4), step=0.1, layout=ipywidgets.Layout(width="80px"))
                           for value in start.ravel()]
            self._picture = ipywidgets.Image(format="png")
            self._quiet = False  # True while the boxes are filled from a preset: one redraw, not nine
            grid = ipywidgets.GridBox(self._boxes, layout=ipywidgets.Layout(grid_template_columns="repeat(3, 90px)"))
            super().__init__([self._menu, grid, self._picture])
            self._menu.observe(self._on_preset, names="value")
            for box in self._boxes:
                box.observe(self._on_box, names="value")
            self.feature_map = None
            self._redraw()

        def __repr__(self):
            return f"KernelExplorer(kernel={self._menu.value!r})"

        @property
        def kernel(self):
            """The kernel the boxes hold now, a 3x3 array."""
            return np.array([box.value for box in self._boxes], dtype=float).reshape(3, 3)

        def set_kernel(self, kernel):
            """Fill the boxes with a kernel and redraw once.

            Args:
                kernel: a name from ``KERNEL_PRESETS`` or a 3x3 array.
            """
            kernel = _as_kernel(kernel, "set_kernel")
            self._quietly(kernel)
            self._redraw()

        def _quietly(self, kernel):
            """Update boxes and menu without their observers firing a redraw each."""
            self._quiet = True
            try:
                for box, value in zip(self._boxes, kernel.ravel()):
                    box.value = round(float(value), 4)
                self._menu.value = _preset_name(kernel)
            finally:
                self._quiet = False

        def _on_preset(self, change):
            if not self._quiet and change["new"] != "custom":
                self.set_kernel(change["new"])

        def _on_box(self, change):
            if not self._quiet:
                self._quietly(self.kernel)  # the menu says "custom" unless the numbers match a preset
                self._redraw()

        def _redraw(self):
            self.feature_map = conv2d(self._image, self.kernel, padding="same")
            figure = Figure(figsize=(9, 3.2))  # not registered with pyplot: nothing to close, nothing shown twice
            draw_kernel_explorer(self._image, self.kernel, axes=figure.subplots(1, 3))
            figure.tight_layout()
            show_png(self._picture, png_bytes(figure))

    return KernelExplorer


def kernel_explorer(image, preset="vertical edge"):
    """Build the explorer for one image.

    Args:
        image: 2-D grayscale image, e.g. one MNIST digit scaled to [0, 1].
        preset: the kernel shown first, a name from ``KERNEL_PRESETS`` (or a 3x3 array).

    Returns:
        A ``KernelExplorer`` (an ``ipywidgets.VBox``); its ``feature_map`` follows every change.
    """
    return _explorer_class()(image, preset)
