"""Plots for recurrent networks: networks on sequences, unrolled cells, the LSTM cell, gradient
decay and forecasts (notebook 10).

Each helper takes ``ax=None`` (a new figure when None), returns the Axes, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

__all__ = ["feedforward_window", "unrolled_rnn", "lstm_cell", "gradient_norms", "forecast"]

INPUT_COLOR, CELL_COLOR, OUTPUT_COLOR, GATE_COLOR = "#d9e8f5", "#fde2c4", "#d8f0d2", "#f3d3e7"


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _blank(ax, xlim, ylim, title):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def _box(ax, x, y, text, color, width=1.0, height=0.7, fontsize=11):
    """A rounded box centred at (x, y) with ``text`` inside."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.02,rounding_size=0.12", facecolor=color,
                                edgecolor="black", linewidth=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def _arrow(ax, start, end, text=None, color="black", connectionstyle="arc3", text_offset=(0, 0.15),
           fontsize=9):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color,
                                 linewidth=1.3, connectionstyle=connectionstyle, shrinkA=0, shrinkB=0))
    if text:
        middle = (start[0] + end[0]) / 2 + text_offset[0], (start[1] + end[1]) / 2 + text_offset[1]
        ax.text(*middle, text, ha="center", va="bottom", fontsize=fontsize, color=color)


def _check_steps(n_steps, func, low=1):
    if isinstance(n_steps, bool) or not isinstance(n_steps, (int, np.integer)) or n_steps < low:
        raise ValueError(f"{func} expects an integer number of steps >= {low}, got {n_steps!r}")


def feedforward_window(window=4, ax=None, title="Feed-forward: a fixed window"):
    """Draw a dense network that sees exactly ``window`` inputs at once and forgets them after.

    Args:
        window: how many consecutive inputs x_1 .. x_window feed the network.
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    _check_steps(window, "feedforward_window")
    ax = _axes(ax, (1.3 * window + 1, 3.6))
    xs = np.arange(window) * 1.3
    centre = xs.mean()
    for i, x in enumerate(xs):
        _box(ax, x, 0, f"$x_{i + 1}$", INPUT_COLOR, width=0.9)
        _arrow(ax, (x, 0.37), (centre + (x - centre) * 0.3, 1.63))
    _box(ax, centre, 2.0, "dense layers", CELL_COLOR, width=max(2.0, 0.5 * window), height=0.7)
    _arrow(ax, (centre, 2.37), (centre, 3.13))
    _box(ax, centre, 3.5, r"$\hat y$", OUTPUT_COLOR, width=0.9)
    ax.text(centre, -0.75, f"window length fixed at {window}", ha="center", fontsize=9, style="italic")
    return _blank(ax, (xs[0] - 0.8, xs[-1] + 0.8), (-1.0, 4.1), title)


def unrolled_rnn(n_steps=4, ax=None, folded=True, cell_label="cell", state="h",
                 title="Recurrent: one cell, unrolled through time"):
    """Draw a recurrent cell unrolled over ``n_steps``, optionally with its folded form first.

    Every step's box is the same cell (the same weights); the arrow between boxes is the hidden
    state handed on to the next step.

    Args:
        n_steps: how many time steps to draw.
        ax: Axes to draw on; a new figure when None.
        folded: also draw the folded cell with its loop, then "=".
        cell_label: text inside each cell box.
        state: the symbol of the hidden state (``"h"``).
        title: optional title.

    Returns:
        The Axes.
    """
    _check_steps(n_steps, "unrolled_rnn")
    ax = _axes(ax, (2.0 * n_steps + (3 if folded else 1), 3.6))
    start = 0.0
    if folded:
        _box(ax, 0, 1.6, cell_label, CELL_COLOR, width=1.2)
        _box(ax, 0, 0, "$x_t$", INPUT_COLOR, width=0.9)
        _box(ax, 0, 3.2, f"${state}_t$", OUTPUT_COLOR, width=0.9)
        _arrow(ax, (0, 0.35), (0, 1.25))
        _arrow(ax, (0, 1.95), (0, 2.85))
        # The loop: the state leaves the cell on the right and comes back in at the bottom.
        ax.plot([0.6, 1.0, 1.0, 0.35], [1.6, 1.6, 0.95, 0.95], color="black", linewidth=1.3)
        _arrow(ax, (0.35, 0.95), (0.35, 1.25))
        ax.text(1.07, 1.25, f"${state}_{{t-1}}$", ha="left", va="center", fontsize=9)
        ax.text(2.1, 1.6, "=", ha="center", va="center", fontsize=20)
        start = 3.9
    xs = start + np.arange(n_steps) * 2.0
    _arrow(ax, (xs[0] - 1.3, 1.6), (xs[0] - 0.6, 1.6), f"${state}_0$")
    for t, x in enumerate(xs, start=1):
        _box(ax, x, 1.6, cell_label, CELL_COLOR, width=1.2)
        _box(ax, x, 0, f"$x_{{{t}}}$", INPUT_COLOR, width=0.9)
        _box(ax, x, 3.2, f"${state}_{{{t}}}$", OUTPUT_COLOR, width=0.9)
        _arrow(ax, (x, 0.35), (x, 1.25))
        _arrow(ax, (x, 1.95), (x, 2.85))
        if t < n_steps:
            _arrow(ax, (x + 0.6, 1.6), (x + 1.4, 1.6), f"${state}_{{{t}}}$")
    ax.text(xs.mean(), -0.75, "the same weights $W_x, W_h, b$ in every box", ha="center",
            fontsize=9, style="italic")
    return _blank(ax, (-0.9 if folded else xs[0] - 1.5, xs[-1] + 0.9), (-1.0, 3.8), title)


def lstm_cell(ax=None, title="Inside an LSTM cell"):
    """Draw an LSTM cell: the cell state c running along the top, the four gates below it.

    Args:
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    ax = _axes(ax, (10, 5.2))
    top, gates_y = 4.0, 1.6
    # The cell state: a straight line through one multiplication and one addition.
    _arrow(ax, (-0.6, top), (9.4, top), color="#b35900")
    ax.text(-0.7, top + 0.25, "$c_{t-1}$", ha="left", fontsize=12, color="#b35900")
    ax.text(9.4, top + 0.25, "$c_t$", ha="right", fontsize=12, color="#b35900")
    for x, symbol in ((2.0, r"$\times$"), (4.6, "$+$")):
        ax.add_patch(plt.Circle((x, top), 0.3, facecolor="white", edgecolor="black", zorder=3))
        ax.text(x, top, symbol, ha="center", va="center", fontsize=13, zorder=4)
    # Inputs: the previous state and the new input, concatenated, feed all four gates.
    ax.plot([-0.6, 7.1], [0.3, 0.3], color="black", linewidth=1.3)
    ax.text(-0.7, -0.15, "$h_{t-1}$, $x_t$", ha="left", fontsize=12)
    gates = [(2.0, "$f_t$\nforget\n" + r"$\sigma$"), (3.6, "$i_t$\ninput\n" + r"$\sigma$"),
             (4.9, r"$\tilde c_t$" + "\ncandidate\ntanh"), (7.1, "$o_t$\noutput\n" + r"$\sigma$")]
    for x, text in gates:
        _box(ax, x, gates_y, text, GATE_COLOR, width=1.15, height=1.15, fontsize=9)
        _arrow(ax, (x, 0.3), (x, gates_y - 0.58))
    _arrow(ax, (2.0, gates_y + 0.58), (2.0, top - 0.3))  # forget gate scales the old cell state
    # The input gate scales the candidate; their product is added to the cell state.
    ax.add_patch(plt.Circle((4.25, 2.95), 0.25, facecolor="white", edgecolor="black", zorder=3))
    ax.text(4.25, 2.95, r"$\times$", ha="center", va="center", fontsize=11, zorder=4)
    _arrow(ax, (3.6, gates_y + 0.58), (4.1, 2.75))
    _arrow(ax, (4.9, gates_y + 0.58), (4.4, 2.75))
    _arrow(ax, (4.35, 3.2), (4.5, top - 0.3))
    # Output: tanh of the new cell state, scaled by the output gate, is the new hidden state.
    ax.plot([7.9, 7.9], [top, 3.6], color="#b35900", linewidth=1.3)
    _box(ax, 7.9, 3.35, "tanh", "white", width=0.8, height=0.5, fontsize=9)
    ax.add_patch(plt.Circle((7.9, 2.65), 0.25, facecolor="white", edgecolor="black", zorder=3))
    ax.text(7.9, 2.65, r"$\times$", ha="center", va="center", fontsize=11, zorder=4)
    _arrow(ax, (7.9, 3.1), (7.9, 2.9))
    ax.plot([7.1, 7.1], [gates_y + 0.58, 2.65], color="black", linewidth=1.3)
    _arrow(ax, (7.1, 2.65), (7.65, 2.65))
    _arrow(ax, (8.15, 2.65), (9.4, 2.65))
    ax.text(9.4, 2.85, "$h_t$", ha="right", fontsize=12)
    return _blank(ax, (-0.9, 9.6), (-0.5, 4.6), title)


def gradient_norms(norms, ax=None, title="How far back does the gradient reach?"):
    """Plot gradient norms against the number of steps back, one log-scale curve per model.

    Args:
        norms: dict mapping a label to a 1-D array; entry k is the gradient norm k steps back
            (k = 0 is the last step).
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    if not isinstance(norms, dict) or not norms:
        raise ValueError(f"gradient_norms expects a non-empty dict of label -> norms, got {type(norms).__name__}")
    ax = _axes(ax, (7, 4))
    for label, values in norms.items():
        values = np.asarray(values, dtype=float)
        if values.ndim != 1:
            raise ValueError(f"gradient_norms expects 1-D norms for {label!r}, got shape {values.shape}")
        ax.semilogy(np.arange(len(values)), values, marker="o", markersize=3, label=label)
    ax.set(xlabel="steps back from the last step", ylabel="gradient norm (log scale)")
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def forecast(dates, truth, forecasts=None, split=None, ax=None, ylabel="value", title=None):
    """Plot a series and one or more forecasts of it over time, with the train/test split marked.

    Args:
        dates: (n,) times of ``truth`` (datetime64 or numbers).
        truth: (n,) the observed series.
        forecasts: dict mapping a label to ``(dates, values)`` of a forecast, or None.
        split: the first test time, drawn as a dashed vertical line and shaded to the right.
        ax: Axes to draw on; a new figure when None.
        ylabel: the y-axis label (with units).
        title: optional title.

    Returns:
        The Axes.
    """
    dates, truth = np.asarray(dates), np.asarray(truth, dtype=float)
    if dates.shape != truth.shape or truth.ndim != 1:
        raise ValueError(f"forecast expects dates and truth of the same 1-D shape, got {dates.shape} and {truth.shape}")
    ax = _axes(ax, (10, 4))
    ax.plot(dates, truth, color="black", linewidth=1.4, label="measured")
    for index, (label, (when, values)) in enumerate((forecasts or {}).items()):
        when, values = np.asarray(when), np.asarray(values, dtype=float)
        if when.shape != values.shape:
            raise ValueError(f"forecast expects dates and values of the same shape for {label!r}, "
                             f"got {when.shape} and {values.shape}")
        ax.plot(when, values, linewidth=1.4, linestyle=("--", "-", ":", "-.")[index % 4],
                color=("#1f77b4", "#d62728", "#2ca02c", "#9467bd")[index % 4], label=label)
    if split is not None:
        ax.axvline(split, color="grey", linestyle="--", linewidth=1)
        ax.axvspan(split, dates.max(), color="grey", alpha=0.08, label="test period")
    ax.set(xlabel="date", ylabel=ylabel)
    ax.legend(loc="upper left")
    if title:
        ax.set_title(title)
    return ax
