"""The attention explorer: pick a query position, see its weights (notebook 11).

``ipywidgets`` is imported only when an explorer is built, so the rest of ``utils`` works without it.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from utils.plots.attention import attention_heatmap
from utils.plots.core import CLASS_COLORS
from utils.widgets.core import png_bytes, show_png

__all__ = ["draw_attention_explorer", "attention_explorer"]


def _check(weights, query_tokens, key_tokens, query, func):
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 2:
        raise ValueError(f"{func} expects weights of shape (n_q, n_k), got {weights.shape}")
    if len(query_tokens) != weights.shape[0] or len(key_tokens) != weights.shape[1]:
        raise ValueError(f"{func} expects {weights.shape[0]} query tokens and {weights.shape[1]} "
                         f"key tokens for weights of shape {weights.shape}, got "
                         f"{len(query_tokens)} and {len(key_tokens)}")
    if isinstance(query, bool) or not isinstance(query, (int, np.integer)) or not (
            0 <= query < weights.shape[0]):
        raise ValueError(f"{func} expects query to be a position in 0..{weights.shape[0] - 1}, "
                         f"got {query!r}")
    return weights


def draw_attention_explorer(weights, query_tokens, key_tokens, query=0, axes=None):
    """Draw the explorer's state: the heat map with one query outlined, and that query's weights.

    Args:
        weights: (n_q, n_k) attention weights, rows summing to 1.
        query_tokens, key_tokens: the tokens at the query and key positions.
        query: the query position to show.
        axes: two Axes side by side (map, bars); a new figure when None.

    Returns:
        The two Axes.
    """
    weights = _check(weights, query_tokens, key_tokens, query, "draw_attention_explorer")
    if axes is None:
        figure = plt.figure(figsize=(11.0, 4.4))
        axes = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
    map_ax, bar_ax = axes
    attention_heatmap(weights, query_labels=[f"{i}: {t}" for i, t in enumerate(query_tokens)],
                      key_labels=[f"{t}" for t in key_tokens], ax=map_ax, highlight=query,
                      colorbar=False, annotate=False)
    row = weights[query]
    colors = [CLASS_COLORS[3] if value == row.max() else CLASS_COLORS[2] for value in row]
    bar_ax.bar(range(len(row)), row, color=colors)
    bar_ax.set_xticks(range(len(row)), [f"{i}\n{t}" for i, t in enumerate(key_tokens)])
    bar_ax.set(ylim=(0, 1.05), xlabel="key position and token", ylabel="attention weight",
               title=f"weights of query {query} ({query_tokens[query]!s}); largest on "
                     f"position {int(np.argmax(row))} ({key_tokens[int(np.argmax(row))]!s})")
    return axes


def attention_explorer(weights, query_tokens, key_tokens, query=0):
    """A slider over the query positions; the picture shows where that query looks.

    Args:
        weights, query_tokens, key_tokens, query: as for ``draw_attention_explorer``.

    Returns:
        An ``ipywidgets.VBox``; ``.result`` holds the weights of the query drawn last.
    """
    import ipywidgets  # only the live demo needs it

    weights = _check(weights, query_tokens, key_tokens, query, "attention_explorer")
    slider = ipywidgets.IntSlider(value=int(query), min=0, max=weights.shape[0] - 1,
                                  description="query", continuous_update=False)
    image = ipywidgets.Image(format="png")
    box = ipywidgets.VBox([slider, image])

    def redraw(_change=None):
        figure = Figure(figsize=(11.0, 4.4))
        axes = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        draw_attention_explorer(weights, query_tokens, key_tokens, slider.value, axes=axes)
        figure.tight_layout()
        show_png(image, png_bytes(figure))
        box.result = weights[slider.value].copy()

    slider.observe(redraw, names="value")
    redraw()
    return box
