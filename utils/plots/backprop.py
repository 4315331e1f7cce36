"""Plots for backpropagation (notebook 06): the chain-rule graph and gradient norms per layer.

Each helper takes ``ax=None`` (a new figure when None), returns the Axes it drew on, never calls
``plt.show()`` and never writes files.
"""
import matplotlib.pyplot as plt
import numpy as np

from utils.plots.core import CLASS_COLORS, _titled

__all__ = ["chain_rule_graph", "gradient_norm_bars"]

CHAIN_LABELS = {"x": "$x$", "w1": "$w_1$", "z1": "$z_1$", "a1": "$g(z_1)$", "w2": "$w_2$",
                "y_hat": r"$\hat{y}$", "J": "$J$"}
CHAIN_SPOTS = {"x": (0.0, 0.0), "z1": (2.6, 0.0), "a1": (5.2, 0.0), "y_hat": (7.8, 0.0),
               "J": (10.4, 0.0), "w1": (1.3, 2.3), "w2": (6.5, 2.3), "y": (9.1, 2.3)}
FORWARD_COLOR, BACKWARD_COLOR, LOCAL_COLOR = CLASS_COLORS[2], CLASS_COLORS[0], "0.2"


def _local_derivatives(forward, backward):
    """Each arrow's local derivative, d(head)/d(tail), as (formula, value), for the lecture's chain:
    g is the sigmoid and J = (y - y_hat)^2."""
    a1 = forward["a1"]
    if "y" in forward:
        dJ_dy_hat = -2 * (forward["y"] - forward["y_hat"])
    else:  # without the target, read dJ/dy_hat off the backward pass (dJ/dJ is 1)
        dJ_dy_hat = backward["y_hat"] / backward["J"]
    derivatives = {
        ("x", "z1"): (r"$\partial z_1/\partial x = w_1$", forward["w1"]),
        ("w1", "z1"): (r"$\partial z_1/\partial w_1 = x$", forward["x"]),
        ("z1", "a1"): (r"$g'(z_1) = g(1-g)$", a1 * (1 - a1)),
        ("a1", "y_hat"): (r"$\partial \hat{y}/\partial g = w_2$", forward["w2"]),
        ("w2", "y_hat"): (r"$\partial \hat{y}/\partial w_2 = g(z_1)$", a1),
        ("y_hat", "J"): (r"$\partial J/\partial \hat{y} = -2(y-\hat{y})$", dJ_dy_hat),
    }
    if "y" in forward:
        derivatives[("y", "J")] = (r"$\partial J/\partial y = 2(y-\hat{y})$", -dJ_dy_hat)
    return derivatives


def chain_rule_graph(forward, backward, ax=None, title=None):
    """Draw x -> z1 = w1 x -> g(z1) -> y_hat = w2 g(z1) -> J = (y - y_hat)^2, with g the sigmoid.

    Under each node: its forward value (blue) and the gradient dJ/d(node) (red). On each arrow: its
    local derivative d(head)/d(tail), as a formula and a value, so that every red number is the red
    number at the arrow's head times the arrow's local derivative.

    Args:
        forward: dict with the forward values of "x", "w1", "z1", "a1", "w2", "y_hat", "J", and
            optionally the target "y" (then drawn as a node feeding J).
        backward: dict with dJ/d(node) for "w1", "z1", "a1", "w2", "y_hat", "J".
        ax, title: Axes to draw on (a new figure when None); optional title.

    Returns:
        The Axes.
    """
    missing = [key for key in CHAIN_LABELS
               if key not in forward or (key != "x" and key not in backward)]
    if missing:
        raise ValueError(f"chain_rule_graph expects forward values and gradients of "
                         f"{list(CHAIN_LABELS)}, missing {missing}")
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 5.4))
    labels = {**CHAIN_LABELS, "y": "$y$"}
    for (tail, head), (formula, value) in _local_derivatives(forward, backward).items():
        (x0, y0), (x1, y1) = CHAIN_SPOTS[tail], CHAIN_SPOTS[head]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=dict(
            arrowstyle="-|>", color="0.45", shrinkA=22, shrinkB=22, linewidth=1.3,
            linestyle="--" if tail == "y" else "-"))
        if y0 == y1:  # a horizontal arrow: its label above it
            spot, align = ((x0 + x1) / 2, 0.22), "center"
        else:  # a slanted arrow from above: its label beside its middle, away from the arrow
            spot, align = ((x0 + x1) / 2 + 0.25 * np.sign(x1 - x0), (y0 + y1) / 2), "left"
            if x1 < x0:
                align = "right"
        ax.text(*spot, f"{formula}\n$= {value:.4f}$", ha=align, va="bottom", fontsize=9,
                color=LOCAL_COLOR, linespacing=1.4)
    for name, (x, y) in CHAIN_SPOTS.items():
        if name not in forward:
            continue  # the target is optional
        ax.plot(x, y, marker="s" if name in ("w1", "w2") else "o", markersize=40,
                color="white" if name != "y" else "0.93", markeredgecolor="0.25",
                markeredgewidth=1.5)
        ax.text(x, y, labels[name], ha="center", va="center", fontsize=13)
        # the main row's numbers sit under it, the top row's above it, away from the arrows
        side, align = (-1, "top") if y == 0 else (1, "bottom")
        ax.text(x, y + side * 0.52, f"{forward[name]:.4f}", ha="center", va=align, fontsize=10,
                color=FORWARD_COLOR)
        if name in backward:
            ax.text(x, y + side * 0.85, f"{backward[name]:.4f}", ha="center", va=align,
                    fontsize=10, color=BACKWARD_COLOR)
        if name == "y":
            ax.text(x - 0.55, y, "target\n(not trained)", ha="right", va="center",
                    fontsize=9, color="0.35")
    ax.text(-0.6, 3.75, "blue: forward value", color=FORWARD_COLOR, fontsize=10)
    ax.text(2.6, 3.75, r"red: gradient $\partial J/\partial$(node)", color=BACKWARD_COLOR,
            fontsize=10)
    ax.text(6.4, 3.75, "grey, on each arrow: its local derivative", color=LOCAL_COLOR,
            fontsize=10)
    ax.annotate("", xy=(CHAIN_SPOTS["x"][0], -1.75), xytext=(CHAIN_SPOTS["J"][0], -1.75),
                arrowprops=dict(arrowstyle="-|>", color=BACKWARD_COLOR, linewidth=1.2,
                                linestyle="--"))
    ax.text(CHAIN_SPOTS["a1"][0], -1.9, "backward pass: red at the tail = red at the head "
            "x local derivative", color=BACKWARD_COLOR, ha="center", va="top", fontsize=10)
    ax.set(xlim=(-0.9, 12.0), ylim=(-2.35, 4.1))
    ax.axis("off")
    return _titled(ax, title)


def gradient_norm_bars(norms, ax=None, title=None):
    """Grouped bars of the gradient norm of each layer, one group per layer, one colour per network.

    Args:
        norms: dict mapping a network's name to its per-layer gradient norms (first layer first).
        ax, title: Axes to draw on (a new figure when None); optional title.

    Returns:
        The Axes (log y axis, since the norms span orders of magnitude).
    """
    if not isinstance(norms, dict) or not norms:
        raise ValueError(f"gradient_norm_bars expects a non-empty dict of name -> norms, got {type(norms).__name__}")
    lengths = {name: len(values) for name, values in norms.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"gradient_norm_bars expects the same number of layers for each network, got {lengths}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    n_layers, width = next(iter(lengths.values())), 0.8 / len(norms)
    for index, (name, values) in enumerate(norms.items()):
        positions = np.arange(1, n_layers + 1) + (index - (len(norms) - 1) / 2) * width
        ax.bar(positions, values, width=width, color=CLASS_COLORS[(index + 2) % len(CLASS_COLORS)], label=name)
    ax.set(xticks=np.arange(1, n_layers + 1), xlabel="layer (1 = nearest the input)", ylabel="gradient norm",
           yscale="log")
    ax.legend()
    return _titled(ax, title)
