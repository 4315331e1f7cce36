"""The latent-space explorer: move through a 2-D code, see the digit (notebook 12).

``ipywidgets`` is imported only when an explorer is built, so the rest of ``utils`` works without it.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from utils.plots.generative import _as_images, _bare, latent_scatter
from utils.widgets.core import png_bytes, show_png

__all__ = ["draw_latent_explorer", "latent_explorer"]


def _decode_one(decode, z1, z2, func):
    """The image ``decode`` makes of the single code (z1, z2), as a 2-D array."""
    if not callable(decode):
        raise ValueError(f"{func} expects decode to be a function from codes (m, 2) to images, "
                         f"got {type(decode).__name__}")
    for name, value in (("z1", z1), ("z2", z2)):
        if (isinstance(value, (bool, str)) or not np.isscalar(value)
                or not np.isfinite(float(value))):
            raise ValueError(f"{func} expects {name} to be a finite number, got {value!r}")
    images = _as_images(np.asarray(decode(np.array([[z1, z2]], dtype="float32"))), func,
                        "decoded images")
    return images[0]


def draw_latent_explorer(decode, codes=None, labels=None, z1=0.0, z2=0.0, axes=None):
    """Draw the explorer's state: where the code sits among the digits' codes, and its digit.

    Args:
        decode: function from codes (m, 2) to images (m, h, w) or (m, pixels), values 0-1.
        codes: optional (n, 2) codes of real digits, drawn as the map (with ``labels``).
        labels: their n class labels.
        z1, z2: the code to decode.
        axes: two Axes side by side (map, digit); a new figure when None.

    Returns:
        The two Axes.
    """
    image = _decode_one(decode, z1, z2, "draw_latent_explorer")
    if axes is None:
        figure = plt.figure(figsize=(9.0, 4.2))
        axes = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
    map_ax, digit_ax = axes
    if codes is not None:
        latent_scatter(codes, labels, ax=map_ax, point_size=6)
    map_ax.plot([z1], [z2], marker="*", markersize=20, color="black", markeredgecolor="white",
                linestyle="none", zorder=5)
    map_ax.set(xlabel="$z_1$", ylabel="$z_2$", title="where the code sits")
    digit_ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    _bare(digit_ax)
    digit_ax.set_title(f"decoded $z = ({z1:.2f}, {z2:.2f})$")
    return axes


def latent_explorer(decode, codes=None, labels=None, z1=0.0, z2=0.0, limit=3.0):
    """Two sliders for a 2-D code; the picture shows the code on the map and the decoded digit.

    Args:
        decode, codes, labels: as for ``draw_latent_explorer``.
        z1, z2: the starting code.
        limit: the sliders run from -limit to +limit.

    Returns:
        An ``ipywidgets.VBox``; ``.result`` holds the digit drawn last, a 2-D array.
    """
    import ipywidgets  # only the live demo needs it

    if isinstance(limit, bool) or not np.isscalar(limit) or not limit > 0:
        raise ValueError(f"latent_explorer expects a positive limit, got {limit!r}")
    sliders = [ipywidgets.FloatSlider(value=float(value), min=-limit, max=limit, step=0.05,
                                      description=name, continuous_update=False)
               for name, value in (("z1", z1), ("z2", z2))]
    image = ipywidgets.Image(format="png")
    box = ipywidgets.VBox([ipywidgets.HBox(sliders), image])

    def redraw(_change=None):
        figure = Figure(figsize=(9.0, 4.2))
        axes = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        draw_latent_explorer(decode, codes, labels, sliders[0].value, sliders[1].value, axes=axes)
        figure.tight_layout()
        show_png(image, png_bytes(figure))
        box.result = _decode_one(decode, sliders[0].value, sliders[1].value, "latent_explorer")

    for slider in sliders:
        slider.observe(redraw, names="value")
    redraw()
    return box
