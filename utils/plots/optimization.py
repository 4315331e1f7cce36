"""Plots for gradient descent: loss landscapes, descent paths, loss curves, learning-rate sweeps.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker
from matplotlib.colors import LogNorm

from utils.plots.core import _titled

__all__ = ["loss_contour", "loss_surface", "descent_path", "compare_curves", "band_curves",
           "learning_rate_sweep", "working_ranges", "readable_log_axis", "add_log_colorbar"]


def readable_log_axis(ax, axis="y"):
    """Label a log axis with plain numbers (0.2, 0.5, 1, 10), minor ticks too when it spans little.

    Args:
        ax: the Axes whose axis is (or becomes) logarithmic.
        axis: "x" or "y".

    Returns:
        The Axes.
    """
    if axis not in ("x", "y"):
        raise ValueError(f"readable_log_axis expects axis 'x' or 'y', got {axis!r}")
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(_PlainLogFormatter(labelOnlyBase=False))
    target.set_minor_formatter(_PlainLogFormatter(labelOnlyBase=False,
                                                  minor_thresholds=(3, 0.8)))
    return ax


class _PlainLogFormatter(ticker.LogFormatter):
    """Matplotlib's choice of which log ticks to label, written as 0.01, 0.2, 1, 50, 1000."""

    def _num_to_string(self, x, vmin, vmax):
        return f"{x:g}"


def _log_ticks(low, high):
    """Round values (1, 2, 5 times a power of ten) between low and high; only powers when many."""
    powers = range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
    ticks = [m * 10.0**k for k in powers for m in (1, 2, 5) if low <= m * 10.0**k <= high]
    return ticks if len(ticks) <= 8 else [t for t in ticks if np.isclose(np.log10(t) % 1, 0)]


def _grid(loss_fn, w0_range, w1_range, resolution, func):
    """Evaluate ``loss_fn(W0, W1)`` on a grid; each range is (low, high); errors name ``func``."""
    for name, bounds in (("w0_range", w0_range), ("w1_range", w1_range)):
        if np.shape(bounds) != (2,) or not bounds[0] < bounds[1]:
            raise ValueError(f"{func} expects {name} as (low, high) with low < high, "
                             f"got {bounds!r}")
    W0, W1 = np.meshgrid(np.linspace(*w0_range, resolution), np.linspace(*w1_range, resolution))
    J = np.asarray(loss_fn(W0, W1), dtype=float)
    if J.shape != W0.shape:
        raise ValueError(f"{func} expects loss_fn(W0, W1) to return shape {W0.shape}, "
                         f"got {J.shape}")
    return W0, W1, J


def loss_contour(loss_fn, w0_range, w1_range, ax=None, resolution=120, levels=20, minimum=None,
                 title=None, colorbar=True, floor=None):
    """Draw the loss of a two-weight model as filled contours, on a log colour scale.

    Args:
        loss_fn: callable taking two equal-shaped arrays (W0, W1) and returning J of that shape.
        w0_range, w1_range: (low, high) limits of the two weights.
        ax: Axes to draw on; a new figure when None.
        resolution, levels: grid points per axis; contour levels (evenly spaced in log J).
        minimum: optional (w0, w1), or a list of them, marked with a star.
        title: optional title.
        colorbar: add a colour bar labelled "loss J (log scale)"; pass False to add one shared
            bar yourself, from ``ax.collections[0]``.
        floor: the smallest J coloured (default: the grid's smallest positive J); lower values,
            zero included, take the darkest colour, so a loss whose minimum is 0 still has levels.

    Returns:
        The Axes.
    """
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution, "loss_contour")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.6, 4.5))
    if floor is None:
        floor = J[J > 0].min() if (J > 0).any() else 1e-12
    positive = np.clip(J, floor, None)
    bounds = np.geomspace(positive.min(), positive.max(), levels)
    # bands without lines keep the PNGs small
    filled = ax.contourf(W0, W1, positive, levels=bounds, norm=LogNorm(), cmap="viridis")
    if colorbar:
        add_log_colorbar(filled, ax)
    if minimum is not None:
        stars = np.atleast_2d(np.asarray(minimum, dtype=float))
        ax.plot(stars[:, 0], stars[:, 1], marker="*", markersize=16, color="gold",
                markeredgecolor="black", ls="none", label="minimum")
    ax.set(xlim=w0_range, ylim=w1_range, xlabel="$w_0$", ylabel="$w_1$")
    ax.grid(False)
    return _titled(ax, title)


def add_log_colorbar(mappable, ax, label="loss $J$ (log scale)", **kwargs):
    """A colour bar for log-scaled contours, with round tick values (0.2, 1, 10, ...).

    Args:
        mappable: what ``contourf`` returned (``ax.collections[0]`` after ``loss_contour``).
        ax: the Axes (or a list of Axes) the bar serves; it takes its room from them.
        label: the bar's label; kwargs go to ``Figure.colorbar`` (e.g. ``shrink``).

    Returns:
        The Colorbar.
    """
    figure = np.ravel(ax)[0].figure if isinstance(ax, (list, tuple, np.ndarray)) else ax.figure
    bar = figure.colorbar(mappable, ax=ax, label=label, **kwargs)
    low, high = mappable.norm.vmin, mappable.norm.vmax
    ticks = _log_ticks(low, high)
    bar.set_ticks(ticks, labels=[f"{tick:g}" for tick in ticks])
    bar.ax.minorticks_off()
    return bar


def loss_surface(loss_fn, w0_range, w1_range, ax=None, resolution=60, title=None):
    """Draw the loss of a two-weight model as a 3-D surface.

    Args:
        loss_fn, w0_range, w1_range, resolution, title: as for ``loss_contour``.
        ax: a 3-D Axes (``projection="3d"``); a new figure when None.

    Returns:
        The 3-D Axes.
    """
    W0, W1, J = _grid(loss_fn, w0_range, w1_range, resolution, "loss_surface")
    if ax is None:
        ax = plt.figure(figsize=(6, 4.5)).add_subplot(projection="3d")
    if not hasattr(ax, "plot_surface"):
        raise ValueError(f"loss_surface expects a 3-D Axes (projection='3d'), "
                         f"got {type(ax).__name__}")
    ax.plot_surface(W0, W1, J, cmap="viridis", linewidth=0, antialiased=True, alpha=0.9)
    ax.set(xlabel="$w_0$", ylabel="$w_1$", zlabel="$J$")
    return _titled(ax, title)


def descent_path(path, ax=None, label=None, color=None, linewidth=1.5):
    """Draw the weights visited by an optimizer: a line through the steps, a dot at the start.

    Args:
        path: (steps + 1, 2) array of (w0, w1) after each step, the start first.
        ax: Axes to draw on (usually one from ``loss_contour``); a new figure when None.
        label, color: legend entry; line colour (the next in the colour cycle when None).
        linewidth: line width; the step markers scale with it.

    Returns:
        The Axes.
    """
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or path.shape[1] != 2 or len(path) < 1:
        raise ValueError(f"descent_path expects a (steps + 1, 2) array of weights, "
                         f"got shape {path.shape}")
    if ax is None:
        _, ax = plt.subplots()
    (line,) = ax.plot(path[:, 0], path[:, 1], marker="o", markersize=2 * linewidth,
                      linewidth=linewidth, color=color, label=label)
    ax.plot(*path[0], marker="o", markersize=8, color=line.get_color(), markeredgecolor="white")
    return ax


def _check_curves(curves, func):
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"{func} expects a non-empty dict of label -> values, "
                         f"got {type(curves).__name__}")


def compare_curves(curves, ax=None, xlabel="step", ylabel="loss", log=True, colors=None,
                   title=None, x=None):
    """Draw several curves (loss per step, per epoch, ...) on one Axes, one colour each.

    Args:
        curves: dict mapping a label to a sequence of values.
        ax: Axes to draw on; a new figure when None.
        xlabel, ylabel, title: axis labels and an optional title.
        log: use a logarithmic y axis, labelled with plain numbers.
        colors: optional colours, one per curve; else the default cycle, as ``descent_path`` uses.
        x: optional dict mapping each label to its x values (default 0, 1, 2, ...).

    Returns:
        The Axes.
    """
    _check_curves(curves, "compare_curves")
    if ax is None:
        _, ax = plt.subplots()
    if colors is not None and len(colors) != len(curves):
        raise ValueError(f"compare_curves expects one colour per curve ({len(curves)}), "
                         f"got {len(colors)}")
    for index, (label, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=float)
        steps = np.arange(len(values)) if x is None else np.asarray(x[label], dtype=float)
        ax.plot(steps, values, label=label, color=None if colors is None else colors[index])
    ax.set(xlabel=xlabel, ylabel=ylabel, yscale="log" if log else "linear")
    if log:
        readable_log_axis(ax, "y")
    ax.legend()
    return _titled(ax, title)


def band_curves(curves, ax=None, x=None, xlabel="step", ylabel="loss", colors=None, title=None):
    """Draw, for each label, the median of several runs and the band from their min to their max.

    Args:
        curves: dict mapping a label to an array (points, runs): one column per seed.
        ax: Axes to draw on; a new figure when None.
        x: optional dict mapping each label to its x values (default 0, 1, 2, ...).
        xlabel, ylabel, title: labels; the y axis is logarithmic, labelled with plain numbers.
        colors: optional colours, one per label.

    Returns:
        The Axes.
    """
    _check_curves(curves, "band_curves")
    if colors is not None and len(colors) != len(curves):
        raise ValueError(f"band_curves expects one colour per label ({len(curves)}), "
                         f"got {len(colors)}")
    if ax is None:
        _, ax = plt.subplots()
    for index, (label, runs) in enumerate(curves.items()):
        runs = np.asarray(runs, dtype=float)
        if runs.ndim != 2:
            raise ValueError(f"band_curves expects {label!r} as a (points, runs) array, "
                             f"got shape {runs.shape}")
        steps = np.arange(len(runs)) if x is None else np.asarray(x[label], dtype=float)
        color = None if colors is None else colors[index]
        with np.errstate(invalid="ignore"):
            (line,) = ax.plot(steps, np.median(runs, axis=1), label=label, color=color)
            ax.fill_between(steps, runs.min(axis=1), runs.max(axis=1), color=line.get_color(),
                            alpha=0.2, linewidth=0)
    ax.set(xlabel=xlabel, ylabel=ylabel, yscale="log")
    readable_log_axis(ax, "y")
    ax.legend()
    return _titled(ax, title)


def _sweep_arrays(learning_rates, steps, func):
    """Validated (K,) learning rates and a dict of (K, runs) step counts; errors name ``func``."""
    learning_rates = np.asarray(learning_rates, dtype=float)
    if learning_rates.ndim != 1 or len(learning_rates) < 2 or np.any(learning_rates <= 0):
        raise ValueError(f"{func} expects at least two positive learning rates, "
                         f"got {learning_rates!r}")
    _check_curves(steps, func)
    arrays = {}
    for label, counts in steps.items():
        counts = np.asarray(counts, dtype=float)
        if counts.ndim == 1:
            counts = counts[:, None]
        if counts.shape[0] != len(learning_rates):
            raise ValueError(f"{func} expects one row of step counts per learning rate "
                             f"({len(learning_rates)}) for {label!r}, got shape {counts.shape}")
        arrays[label] = counts
    return learning_rates, arrays


def learning_rate_sweep(learning_rates, steps, ax=None, colors=None, title=None,
                        ylabel="steps to reach the target"):
    """Steps an optimizer needs at each learning rate: mean over runs, with a ± std bar.

    A learning rate at which any run misses the target within its budget (an infinite count) is
    left out, so each line covers exactly the range that works.

    Args:
        learning_rates: (K,) the grid, drawn on a log axis.
        steps: dict mapping an optimizer's name to a (K, runs) array of step counts (inf = missed).
        ax, colors, title, ylabel: as usual.

    Returns:
        The Axes.
    """
    learning_rates, steps = _sweep_arrays(learning_rates, steps, "learning_rate_sweep")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.2))
    for index, (label, counts) in enumerate(steps.items()):
        works = np.isfinite(counts).all(axis=1)
        finite = np.where(np.isfinite(counts), counts, 0.0)  # rows that miss are dropped below
        mean = np.where(works, finite.mean(axis=1), np.nan)
        spread = np.where(works, finite.std(axis=1), np.nan)
        ax.errorbar(learning_rates, mean, yerr=spread, marker="o", markersize=4, capsize=2,
                    label=label, color=None if colors is None else colors[index])
    ax.set(xscale="log", xlabel=r"learning rate $\eta$ (log scale)", ylabel=ylabel)
    readable_log_axis(ax, "x")
    return _titled(ax, title)


def working_ranges(learning_rates, steps, ax=None, colors=None, title=None):
    """One horizontal bar per optimizer, over the learning rates at which every run works.

    Args:
        learning_rates, steps, colors, title: as for ``learning_rate_sweep``.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes; each bar is labelled with its width (largest / smallest working rate).
    """
    learning_rates, steps = _sweep_arrays(learning_rates, steps, "working_ranges")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    labels = list(steps)
    for row, label in enumerate(labels):
        works = np.isfinite(steps[label]).all(axis=1)
        color = None if colors is None else colors[row]
        ax.plot(learning_rates, np.full(len(learning_rates), row), ls="none", marker="|",
                color="lightgrey")
        if works.any():
            low, high = learning_rates[works].min(), learning_rates[works].max()
            ax.plot([low, high], [row, row], linewidth=8, solid_capstyle="butt", color=color,
                    alpha=0.85)
            ax.plot(learning_rates[works], np.full(works.sum(), row), ls="none", marker="o",
                    markersize=3, color="black")
            ratio = high / low
            ax.annotate(f"×{ratio:,.0f}" if ratio >= 10 else f"×{ratio:.2g}", (high, row),
                        xytext=(8, 0),
                        textcoords="offset points", va="center", fontsize=9)
        else:
            ax.annotate("none works", (learning_rates[0], row), xytext=(0, 0),
                        textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(len(labels)), labels)
    ax.set(xscale="log", xlabel=r"learning rate $\eta$ (log scale)", ylim=(len(labels) - 0.5, -0.5))
    ax.set_xlim(learning_rates[0] / 1.5, learning_rates[-1] * 3)
    readable_log_axis(ax, "x")
    ax.grid(axis="y", visible=False)
    return _titled(ax, title)
