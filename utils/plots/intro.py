"""Figures of notebooks 00 and 01: AI, ML and DL as nested sets, the history timeline, a 3-axis
tensor drawn as a row of matrices, and a computational graph traced by tf.function.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

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


KIND_STYLES = {  # kind of milestone -> (colour, marker): told apart by shape as well as colour
    "model": (CLASS_COLORS[2], "o"),
    "algorithm": (CLASS_COLORS[4], "s"),
    "landmark result": (CLASS_COLORS[0], "D"),
    "data or hardware": (CLASS_COLORS[3], "^"),
    "idea": (CLASS_COLORS[1], "P"),
    "critique": ("0.15", "X"),
}
AI_WINTERS = ((1974, 1980, "first AI winter"), (1987, 1993, "second AI winter"))


def _stretched(year, start=2005, factor=3.0):
    """Position of ``year`` on the timeline's axis: one unit a year, ``factor`` units after ``start``."""
    year = np.asarray(year, dtype=float)
    return np.where(year <= start, year, start + factor * (year - start))


def timeline(milestones, ax=None, title="Milestones of neural networks and deep learning",
             winters=AI_WINTERS, stretch_from=2005, stretch=3.0):
    """Draw milestones on a vertical time axis, each joined by a leader line to its label.

    The marker (a bar for a span of years) sits at the true year; labels are spread evenly. The
    axis runs ``stretch`` times faster from ``stretch_from`` on, where milestones crowd together,
    and says so; shaded bands mark the AI winters.

    Args:
        milestones: records with ``year``, ``year_end``, ``event``, ``people`` and ``kind``
            attributes, e.g. ``data.load_milestones()``.
        ax: Axes to draw on; a new figure when None.
        title: title above the timeline (None for none).
        winters: ``(first year, last year, name)`` bands to shade; () for none.
        stretch_from: the year from which the axis is stretched.
        stretch: how many times longer a year is after ``stretch_from``.

    Returns:
        The Axes.
    """
    milestones = sorted(milestones, key=lambda milestone: (milestone.year, milestone.year_end))
    if not milestones:
        raise ValueError("timeline expects a non-empty list of Milestone records "
                         "(data.load_milestones()), got an empty one")
    kinds = [milestone.kind for milestone in milestones]
    kinds = sorted(set(kinds), key=lambda kind: (-kinds.count(kind), kind))  # commonest first
    spare = [(color, marker) for color, marker in zip(CLASS_COLORS[5:], "v<>ph")]
    styles = {kind: KIND_STYLES.get(kind) or spare.pop(0) for kind in kinds}
    where = lambda year: float(_stretched(year, stretch_from, stretch))  # noqa: E731
    first, last = milestones[0].year, max(milestone.year_end for milestone in milestones)
    top, bottom = where(first // 10 * 10 - 2), where(last + 1.5)
    ax = _axes(ax, figsize=(11.5, 0.36 * len(milestones) + 1.6))
    axis_x = 0.11  # room on the left for the years and the names of the AI winters
    ax.plot([axis_x, axis_x], [top, bottom], color="0.3", linewidth=1.5, zorder=1)
    ticks = list(range(first // 10 * 10, stretch_from + 1, 10))
    ticks += list(range(stretch_from // 5 * 5 + 5, last + 1, 5))
    for year in ticks:
        ax.plot([axis_x - 0.006, axis_x], [where(year)] * 2, color="0.3", linewidth=1)
        ax.text(axis_x - 0.01, where(year), str(year), ha="right", va="center", fontsize=9,
                color="0.3")
    if stretch != 1 and stretch_from < last:  # a bracket: from here on a year takes more room
        ax.plot([0.01, 0.01], [where(stretch_from) + 0.5, bottom - 0.5], color="0.6",
                linewidth=1)
        ax.text(0.015, (where(stretch_from) + bottom) / 2, f"from {stretch_from}: {stretch:g}× "
                "longer per year", rotation=90, ha="left", va="center", fontsize=7.5, color="0.4")
    for start, end, name in winters:
        ax.axhspan(where(start), where(end), xmin=0.0, xmax=axis_x, color="#c6dbef",
                   linewidth=0, zorder=0)
        ax.text(0.003, where((start + end) / 2), name.replace(" AI", "\nAI"), ha="left",
                va="center", fontsize=7.5, color="#2b6a99", style="italic", zorder=1)
    rows = np.linspace(top + 2.5, bottom - 1.5, len(milestones))
    for milestone, row in zip(milestones, rows):
        color, marker = styles[milestone.kind]
        start, end = where(milestone.year), where(milestone.year_end)
        if end != start:
            ax.plot([axis_x, axis_x], [start, end], color=color, linewidth=5, alpha=0.8, zorder=2)
        ax.plot(axis_x, start, marker=marker, color=color, markersize=7, markeredgecolor="white",
                markeredgewidth=0.6, zorder=3)
        ax.plot([axis_x + 0.004, axis_x + 0.095], [start, row], color=color, linewidth=0.8, zorder=2)
        span = f"–{milestone.year_end % 100:02d}" if milestone.year_end != milestone.year else ""
        ax.plot(axis_x + 0.102, row, marker=marker, color=color, markersize=6, markeredgecolor="white",
                markeredgewidth=0.5)
        ax.text(axis_x + 0.112, row, f"{milestone.year}{span}", va="center", fontsize=9,
                fontweight="bold", color=color)
        event = ax.text(axis_x + 0.185, row, milestone.event, va="center", fontsize=9)
        people = [name.strip() for name in milestone.people.split(";")]  # 'A; B; C' -> 'A et al.'
        ax.annotate(f"{people[0]} et al." if len(people) > 2 else " and ".join(people),
                    xy=(1, 0.5), xycoords=event, xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8, color="0.45", style="italic")
    handles = [plt.Line2D([], [], color=styles[kind][0], marker=styles[kind][1], linestyle="",
                          markersize=8, label=kind) for kind in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=len(kinds),
              fontsize=9, title="kind of milestone", frameon=False)
    ax.set(xlim=(0, 1), ylim=(bottom, top))
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
            dark = high > low and (number - low) / (high - low) > 0.55  # white on dark blue
            ax.text(col, row, f"{number:g}", ha="center", va="center", fontsize=10,
                    color="white" if dark else "black")
        ax.set(xticks=range(matrix.shape[1]), yticks=range(matrix.shape[0]), title=f"[{index}, :, :]")
        ax.grid(False)
    if title:
        axes[0].figure.suptitle(title)
    return axes


# What is written inside the node of a computational graph, by TensorFlow op type.
OP_SYMBOLS = {"AddV2": "+", "Add": "+", "Mul": "×", "Sub": "−", "RealDiv": "÷", "MatMul": "@", "Identity": "out"}


def computation_graph(operations, values=None, ax=None, title=None):
    """Draw a computational graph from the inputs (left) to the output (right), a column per step.

    Operations in one column do not depend on each other: they could run in parallel. A last
    column holding only ``Identity`` operations, which hand the result back, is labelled "output".

    Args:
        operations: ``(name, op_type, input_names)`` triples, e.g. from a traced ``tf.function``:
            ``[(op.name, op.type, [t.op.name for t in op.inputs]) for op in graph.get_operations()]``.
        values: optional dict ``name -> number`` written above the nodes (a forward pass).
        ax: Axes to draw on; a new figure when None.
        title: optional title.

    Returns:
        The Axes.
    """
    nodes = {name: (op_type, list(inputs)) for name, op_type, inputs in operations}
    if not nodes:
        raise ValueError("computation_graph expects at least one (name, op_type, inputs) operation, got an empty list")
    for name, (_, inputs) in nodes.items():
        if any(source not in nodes for source in inputs):
            raise ValueError(f"computation_graph expects inputs among the operations, got {inputs} for {name!r}")
    steps = _steps(nodes)
    used = {source for _, inputs in nodes.values() for source in inputs}
    outputs = {step for step in set(steps.values()) if step and all(  # columns that only hand back
        nodes[name][0] == "Identity" and name not in used for name in nodes if steps[name] == step)}
    position, depth = _layout(nodes, steps), max(steps.values())
    ax = _axes(ax, figsize=(2.2 * depth + 3.2, 0.55 * max(len(nodes), 4) + 1.5))
    circles = {name: _draw_node(ax, name, op_type, position[name], (values or {}).get(name))
               for name, (op_type, _) in nodes.items()}
    for name, (_, inputs) in nodes.items():
        for source in inputs:
            ax.add_patch(FancyArrowPatch(position[source], position[name], patchA=circles[source], patchB=circles[name],
                                         arrowstyle="-|>", mutation_scale=14, color="0.3", zorder=2))
    top, bottom = max(y for _, y in position.values()), min(y for _, y in position.values())
    for step in range(depth + 1):  # shade the columns: everything in one column can run at once
        ax.axvspan(2 * step - 0.8, 2 * step + 0.8, color="0.5", alpha=0.07 if step % 2 else 0.13, linewidth=0)
        label = "output" if step in outputs else f"step {step}" if step else "inputs"
        ax.text(2 * step, top + 0.85, label, ha="center", fontsize=10, color="0.3")
    ax.set(xlim=(-0.9, 2 * depth + 0.9), ylim=(bottom - 1.1, top + 1.2), aspect="equal", title=title or "")
    ax.axis("off")
    return ax


def _draw_node(ax, name, op_type, xy, value):
    """One node: a disc with the input's name or the op's symbol, its caption, its value."""
    color = {"Placeholder": "#9ecae1", "Identity": "#d9d9d9"}.get(op_type, "#fdae6b")
    circle = ax.add_patch(Circle(xy, 0.3, facecolor=color, edgecolor="0.2", zorder=3))
    inside = name if op_type == "Placeholder" else OP_SYMBOLS.get(op_type, op_type[:5])
    ax.text(*xy, inside, ha="center", va="center", fontsize=13 if len(inside) < 3 else 9, zorder=4)
    if op_type != "Placeholder":
        caption = name if name == op_type else f"{name}\n({op_type})"
        ax.text(xy[0], xy[1] - 0.38, caption, ha="center", va="top", fontsize=8, color="0.35")
    if value is not None:
        ax.text(xy[0], xy[1] + 0.36, f"= {value:g}", ha="center", va="bottom", fontsize=9, color="#2ca02c", fontweight="bold")
    return circle


def _steps(nodes):
    """Longest path from an input to each node: the earliest step at which it can be computed."""
    steps = {}
    while len(steps) < len(nodes):
        ready = [name for name, (_, inputs) in nodes.items() if name not in steps and all(s in steps for s in inputs)]
        if not ready:
            raise ValueError(f"computation_graph expects a graph without cycles, got one among {sorted(set(nodes) - set(steps))}")
        steps.update({name: 1 + max((steps[s] for s in nodes[name][1]), default=-1) for name in ready})
    return steps


def _layout(nodes, steps):
    """Inputs evenly spaced from the top; every other node at the mean height of its inputs."""
    position = {}
    for step in range(max(steps.values()) + 1):
        names = [name for name in nodes if steps[name] == step]
        heights = [-1.2 * index if step == 0 else np.mean([position[source][1] for source in nodes[name][1]])
                   for index, name in enumerate(names)]
        lowest = np.inf
        for index in np.argsort(heights, kind="stable")[::-1]:  # at least 1.2 apart within a column
            lowest = min(heights[index], lowest - 1.2)
            position[names[index]] = (2.0 * step, lowest)
    return position
