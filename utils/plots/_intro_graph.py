"""A computational graph drawn from a traced tf.function (notebook 01), re-exported by intro.py."""
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

from utils.plots.core import _axes

# What is written inside the node of a computational graph, by TensorFlow op type.
OP_SYMBOLS = {"AddV2": "+", "Add": "+", "Mul": "×", "Sub": "−", "RealDiv": "÷", "MatMul": "@", "Identity": "out"}


def computation_graph(operations, values=None, ax=None, title=None):
    """Draw a computational graph from the inputs (left) to the output (right), a column per step.

    Operations in one column do not depend on each other: they could run in parallel.

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
        ax.text(2 * step, top + 0.85, f"step {step}" if step else "inputs", ha="center", fontsize=10, color="0.3")
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
