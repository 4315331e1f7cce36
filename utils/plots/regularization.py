"""Plots for regularization: fits by degree, errors by capacity, train and validation curves,
validation sweeps, weight and confidence histograms, and a comparison over seeds (notebook 08).

Each helper takes ``ax=None`` (a new figure when None), returns the Axes, never calls
``plt.show()`` and never writes files.
"""
import numpy as np
from matplotlib.ticker import MaxNLocator

from utils.plots.core import CLASS_COLORS, _axes

__all__ = ["polynomial_fit", "error_by_capacity", "train_validation_curves", "validation_sweep",
           "overlaid_histograms", "mean_std_dots"]


def polynomial_fit(x, y, predict, true_curve=None, ax=None, title=None, ylim=(-2, 2)):
    """Training points, a fitted curve and (optionally) the true curve on [min(x), max(x)] and beyond.

    Args:
        x, y: (n,) the training points.
        predict: callable mapping an (m,) array of x values to (m,) predictions.
        true_curve: optional callable, drawn dashed grey.
        ax: Axes to draw on; a new figure when None.
        title: optional title.
        ylim: the y range shown (a wild fit is clipped, not allowed to squash the others).

    Returns:
        The Axes.
    """
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape or x.size == 0:
        raise ValueError(f"polynomial_fit expects x and y of the same length, got {x.shape} and "
                         f"{y.shape}")
    ax = _axes(ax)
    grid = np.linspace(min(0.0, x.min()), max(1.0, x.max()), 400)
    if true_curve is not None:
        ax.plot(grid, true_curve(grid), color="grey", linestyle="--", label="true curve")
    ax.plot(grid, predict(grid), color=CLASS_COLORS[2], linewidth=2, label="fitted model")
    ax.scatter(x, y, color=CLASS_COLORS[3], zorder=3, s=25, label="training points")
    ax.set(xlabel="$x$", ylabel="$y$", ylim=ylim)
    if title:
        ax.set_title(title)
    return ax


def error_by_capacity(capacities, train_errors, validation_errors, validation_se=None,
                      ax=None, title=None, xlabel="capacity", ylabel="error", log=True):
    """Training and validation error against capacity, with the validation error's noise band.

    Args:
        capacities: (k,) e.g. polynomial degrees.
        train_errors, validation_errors: (k,) errors at each capacity.
        validation_se: optional (k,) standard errors; drawn as error bars on the validation curve,
            and the capacities within one standard error of the best are shaded.
        ax: Axes to draw on; a new figure when None.
        title, xlabel, ylabel: texts; log: a log y axis.

    Returns:
        The Axes.
    """
    capacities = np.asarray(capacities)
    train_errors, validation_errors = np.asarray(train_errors), np.asarray(validation_errors)
    if not capacities.shape == train_errors.shape == validation_errors.shape:
        raise ValueError(f"error_by_capacity expects arrays of one length, got {capacities.shape}, "
                         f"{train_errors.shape} and {validation_errors.shape}")
    ax = _axes(ax)
    ax.plot(capacities, train_errors, "o-", color=CLASS_COLORS[2], label="training error")
    best = int(np.argmin(validation_errors))
    if validation_se is None:
        ax.plot(capacities, validation_errors, "s--", color=CLASS_COLORS[3],
                label="validation error")
    else:
        validation_se = np.asarray(validation_se)
        ax.errorbar(capacities, validation_errors, yerr=validation_se, fmt="s--",
                    color=CLASS_COLORS[3], capsize=3, label="validation error ± 1 standard error")
        tied = capacities[validation_errors <= validation_errors[best] + validation_se[best]]
        ax.axvspan(tied.min() - 0.4, tied.max() + 0.4, color=CLASS_COLORS[1], alpha=0.15,
                   label="within one standard error of the best")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel=xlabel, ylabel=ylabel + (" (log scale)" if log else ""))
    if log:
        ax.set_yscale("log")
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def train_validation_curves(curves, ax=None, title=None, ylabel="cross-entropy", log=False):
    """Training (solid) and validation (dashed) curves of several models, one colour per model.

    Args:
        curves: dict name -> (training values, validation values), one value per epoch.
        ax: Axes to draw on; a new figure when None.
        title, ylabel: texts; log: a log y axis.

    Returns:
        The Axes.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"train_validation_curves expects a dict name -> (train, validation), "
                         f"got {type(curves).__name__}")
    ax = _axes(ax)
    for index, (name, (train, validation)) in enumerate(curves.items()):
        color = CLASS_COLORS[(0, 2, 1, 3, 4)[index % 5]]
        ax.plot(np.arange(1, len(train) + 1), train, color=color, label=f"{name}: training")
        ax.plot(np.arange(1, len(validation) + 1), validation, color=color, linestyle="--",
                label=f"{name}: validation")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="epoch", ylabel=ylabel + (" (log scale)" if log else ""))
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def validation_sweep(values, train_losses, validation_losses, chosen=None, ax=None, title=None,
                     xlabel="setting", ylabel="cross-entropy", log_x=False):
    """Mean training and validation loss (± standard deviation over seeds) for each setting.

    Args:
        values: (k,) the settings tried (e.g. the L2 strengths or dropout rates).
        train_losses, validation_losses: (k, seeds) losses, one column per seed.
        chosen: the setting chosen, marked by a vertical line.
        ax: Axes to draw on; a new figure when None.
        title, xlabel, ylabel: texts; log_x: a log x axis (values must be positive).

    Returns:
        The Axes.
    """
    values = np.asarray(values, dtype=float)
    train_losses, validation_losses = np.atleast_2d(train_losses), np.atleast_2d(validation_losses)
    if not len(values) == len(train_losses) == len(validation_losses):
        raise ValueError(f"validation_sweep expects one row of losses per setting ({len(values)}),"
                         f" got {len(train_losses)} and {len(validation_losses)}")
    ax = _axes(ax)
    for losses, name, style, color in ((train_losses, "training (inference mode)", "o-", 2),
                                       (validation_losses, "validation", "s--", 3)):
        ax.errorbar(values, losses.mean(axis=1), yerr=losses.std(axis=1), fmt=style, capsize=4,
                    color=CLASS_COLORS[color], label=f"{name}, mean ± std over seeds")
    if chosen is not None:
        ax.axvline(chosen, color=CLASS_COLORS[1], linestyle=":", linewidth=2,
                   label=f"chosen: {chosen:g}")
    if log_x:
        ax.set_xscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)  # below
    if title:
        ax.set_title(title)
    return ax


def overlaid_histograms(samples, bins=50, ax=None, title=None, xlabel="value", log=False,
                        density=False):
    """Step histograms of several samples on shared bins, each labelled with its mean and std.

    Args:
        samples: dict name -> 1-D array of values.
        bins: an int or the bin edges.
        ax: Axes to draw on; a new figure when None.
        title, xlabel: texts; log: a log count axis; density: normalize each to area 1.

    Returns:
        The Axes.
    """
    if not isinstance(samples, dict) or not samples:
        raise ValueError(f"overlaid_histograms expects a dict name -> values, "
                         f"got {type(samples).__name__}")
    arrays = {name: np.asarray(values, dtype=float).ravel() for name, values in samples.items()}
    if np.ndim(bins) == 0:
        everything = np.concatenate(list(arrays.values()))
        bins = np.linspace(everything.min(), everything.max(), int(bins) + 1)
    ax = _axes(ax)
    for index, (name, values) in enumerate(arrays.items()):
        ax.hist(values, bins=bins, histtype="step", linewidth=2, density=density,
                color=CLASS_COLORS[(0, 2, 1, 3, 4)[index % 5]],
                label=f"{name}: mean {values.mean():.3f}, std {values.std():.3f}")
    ylabel = "density" if density else "count"
    ax.set(xlabel=xlabel, ylabel=ylabel + (" (log scale)" if log else ""))
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def mean_std_dots(names, values, ax=None, title=None, ylabel="value"):
    """One dot per seed and the mean ± standard deviation for each model, side by side.

    Args:
        names: (k,) model names.
        values: (k, seeds) one value per model and seed.
        ax: Axes to draw on; a new figure when None.
        title, ylabel: texts.

    Returns:
        The Axes.
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    if len(names) != len(values):
        raise ValueError(f"mean_std_dots expects one row of values per name ({len(names)}), "
                         f"got {len(values)}")
    ax = _axes(ax)
    for index, row in enumerate(values):
        color = CLASS_COLORS[(0, 2, 1, 3, 4)[index % 5]]
        ax.scatter(np.full(row.size, index) - 0.15, row, color=color, alpha=0.5, s=18)
        ax.errorbar(index + 0.1, row.mean(), yerr=row.std(), fmt="o", color=color, capsize=6,
                    markersize=8)
    ax.set_xticks(range(len(names)), names)
    ax.set(ylabel=ylabel, xlim=(-0.6, len(names) - 0.4))
    if title:
        ax.set_title(title)
    return ax
