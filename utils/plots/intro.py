"""Figures of the introduction: AI, ML and DL as nested sets, the history timeline, a
computational graph, and a 3-axis tensor drawn as a row of matrices.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle

from utils.plots._intro_graph import computation_graph
from utils.plots.core import CLASS_COLORS, _axes

__all__ = ["nested_sets", "timeline", "computation_graph", "tensor_slices"]


def nested_sets(ax=None, title="Deep learning inside machine learning inside AI"):
    """Draw artificial intelligence ⊃ machine learning ⊃ deep learning as nested discs.

    Args:
        ax: Axes to draw on; a new figure when None.
        title: title above the figure (None for none).

    Returns:
        The Axes.
    """
    ax = _axes(ax, figsize=(6.5, 6.5))
    rings = [  # (radius, centre height, colour, name, what it means, height of the name)
        (3.0, 0.0, "#c6dbef", "Artificial intelligence", "machines that act intelligently,\nfor example by hand-written rules", 2.62),
        (2.0, -1.0, "#9ecae1", "Machine learning", "rules learned from examples", 0.62),
        (1.05, -1.95, "#4292c6", "Deep learning", "layers of learned\nrepresentations", -1.7),
    ]
    for radius, centre, color, name, meaning, label_y in rings:
        ax.add_patch(Circle((0, centre), radius, facecolor=color, edgecolor="#08306b", linewidth=1.2))
        ax.text(0, label_y, name, ha="center", va="center", fontsize=13, fontweight="bold", color="#08306b")
        ax.text(0, label_y - 0.42, meaning, ha="center", va="top", fontsize=9.5, color="#08306b")
    ax.set(xlim=(-3.2, 3.2), ylim=(-3.2, 3.2), aspect="equal", title=title or "")
    ax.axis("off")
    return ax


def timeline(milestones, ax=None, title="Milestones of neural networks and deep learning"):
    """Draw milestones on a vertical time axis, each joined by a leader line to its label.

    The dot (a bar for a span of years) sits at the true year; labels are spread evenly.

    Args:
        milestones: records with ``year``, ``year_end``, ``event``, ``people`` and ``kind``
            attributes, e.g. ``data.load_milestones()``.
        ax: Axes to draw on; a new figure when None.
        title: title above the timeline (None for none).

    Returns:
        The Axes.
    """
    milestones = sorted(milestones, key=lambda milestone: (milestone.year, milestone.year_end))
    if not milestones:
        raise ValueError("timeline expects a non-empty list of Milestone records (data.load_milestones()), got an empty one")
    kinds = [milestone.kind for milestone in milestones]
    kinds = sorted(set(kinds), key=lambda kind: (-kinds.count(kind), kind))  # the commonest gets blue
    colors = dict(zip(kinds, CLASS_COLORS[2:] + CLASS_COLORS[:2]))
    first, last = milestones[0].year, max(milestone.year_end for milestone in milestones)
    ax = _axes(ax, figsize=(11, 0.34 * len(milestones) + 1.2))
    ax.plot([0.06, 0.06], [first // 10 * 10 - 1, last + 2], color="0.3", linewidth=1.5)
    for decade in range(first // 10 * 10, last + 1, 10):
        ax.text(0.048, decade, str(decade), ha="right", va="center", fontsize=9, color="0.3")
    for milestone, row in zip(milestones, np.linspace(first, last, len(milestones))):
        color = colors[milestone.kind]
        ax.plot([0.06, 0.06], [milestone.year, milestone.year_end], color=color, linewidth=6, marker="o", markersize=6)
        ax.plot([0.065, 0.125], [milestone.year, row], color=color, linewidth=0.8)
        span = f"–{milestone.year_end % 100:02d}" if milestone.year_end != milestone.year else ""
        ax.text(0.13, row, f"{milestone.year}{span}", va="center", fontsize=9, fontweight="bold", color=color)
        event = ax.text(0.21, row, milestone.event, va="center", fontsize=9)
        people = [name.strip() for name in milestone.people.split(";")]  # 'A; B; C' -> 'A et al.'
        ax.annotate(f"{people[0]} et al." if len(people) > 2 else " and ".join(people), xy=(1, 0.5), xycoords=event, xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8, color="0.45", style="italic")
    ax.legend(handles=[plt.Line2D([], [], color=colors[kind], linewidth=6, label=kind) for kind in kinds],
              loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=len(kinds), fontsize=9, title="kind of milestone")
    ax.set(xlim=(0, 1), ylim=(last + 3, first // 10 * 10 - 2))
    ax.set_title(title or "", loc="left")
    ax.axis("off")
    return ax


def tensor_slices(values, axes=None, title=None):
    """Draw a 3-axis array as a row of matrices ``values[0], values[1], ...`` showing their numbers.

    Args:
        values: array-like of shape (depth, rows, columns), e.g. a ``tf.Tensor``.
        axes: ``depth`` Axes to fill; a new figure when None.
        title: optional figure title.

    Returns:
        The array of Axes.
    """
    values = np.asarray(values)
    if values.ndim != 3:
        raise ValueError(f"tensor_slices expects a 3-axis array, got shape {values.shape}")
    if axes is None:
        _, axes = plt.subplots(1, len(values), figsize=(3.3 * len(values), 0.5 * values.shape[1] + 1.4), squeeze=False)
    axes = np.asarray(axes).ravel()
    if len(axes) != len(values):
        raise ValueError(f"tensor_slices expects one Axes per slice ({len(values)}), got {len(axes)}")
    low, high = values.min(), values.max()
    for index, (ax, matrix) in enumerate(zip(axes, values)):
        ax.imshow(matrix, cmap="Blues", vmin=low - 0.3 * (high - low), vmax=high)
        for (row, col), number in np.ndenumerate(matrix):
            ax.text(col, row, f"{number:g}", ha="center", va="center", fontsize=10)
        ax.set(xticks=range(matrix.shape[1]), yticks=range(matrix.shape[0]), title=f"[{index}, :, :]")
        ax.grid(False)
    if title:
        axes[0].figure.suptitle(title)
    return axes
