"""What the widget demos share: a picture shown at its own pixel size, never stretched."""
import io
import struct

__all__ = []  # building blocks for the demos, not demos


def png_bytes(figure, dpi=100):
    """Render a finished matplotlib figure to PNG bytes in memory (no file)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def png_size(png):
    """(width, height) in pixels, read from a PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("png_size expects PNG bytes")
    return struct.unpack(">II", png[16:24])


def show_png(image, png):
    """Put ``png`` into the ``ipywidgets.Image`` ``image`` at its own size, never stretched.

    Without a fixed width, JupyterLab stretches the picture to the page: blurry, and the controls
    and the plot no longer fit on one laptop screen. A page narrower than the picture shrinks it
    (``max_width``), keeping its proportions (``height: auto``), rather than cutting it off.
    """
    width, _ = png_size(png)
    image.value = png
    image.layout.width, image.layout.height = f"{width}px", "auto"
    image.layout.max_width = "100%"
