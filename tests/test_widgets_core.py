"""The widgets' shared picture: shown at its own pixel size, never stretched."""
import matplotlib.pyplot as plt
import pytest

from utils.widgets import core


def test_png_bytes_and_size_read_back_the_figure():
    figure = plt.figure(figsize=(6, 4.6))
    png = core.png_bytes(figure, dpi=100)
    plt.close(figure)
    assert core.png_size(png) == (600, 460)


def test_png_size_refuses_other_bytes():
    with pytest.raises(ValueError, match="PNG"):
        core.png_size(b"GIF89a" + b"\0" * 30)


def test_show_png_fixes_the_width_and_lets_a_narrow_page_shrink_it():
    ipywidgets = pytest.importorskip("ipywidgets")
    figure = plt.figure(figsize=(6, 4.6))
    png = core.png_bytes(figure)
    plt.close(figure)
    image = ipywidgets.Image(format="png")
    core.show_png(image, png)
    assert bytes(image.value) == png
    assert (image.layout.width, image.layout.height, image.layout.max_width) == ("600px", "auto", "100%")
