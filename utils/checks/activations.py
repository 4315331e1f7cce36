"""Exercise checks of notebook 03 (activation functions).

1. ``check_stable_softmax``: a softmax along the last axis that survives scores 2,000 apart, for
   1-D and 2-D inputs, in float64 and float32;
2. ``check_deep_gradient``: which ten-layer network still feeds its first layer a gradient,
   predicted, then measured here;
3. ``check_tent_from_relus``: the weights that build a tent out of three ReLUs.
"""
import contextlib
import functools
import sys

import numpy as np

from utils.checks.core import (ForbiddenOperation, as_array, as_choice, as_number, call, exercise,
                               expect_answered, expect_close, fail, passed)

__all__ = ["check_stable_softmax", "check_deep_gradient", "check_tent_from_relus",
           "deep_gradient_ratios"]


# --- Exercise 1: a stable softmax ------------------------------------------------------------------

def _softmax(scores):
    """The reference, in float64 (long double for the shift), along the last axis."""
    scores = np.asarray(scores, dtype=np.float64)
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


@contextlib.contextmanager
def _ready_made_softmax_refused():
    """While the student's function runs, the course's, SciPy's, TensorFlow's and Keras' softmax
    refuse to work: the exercise is to write one."""
    def refuse(*args, **kwargs):
        raise ForbiddenOperation("a ready-made softmax")

    owners = [("utils.scratch", ""), ("utils.scratch.activations", ""), ("scipy.special", ""),
              ("tensorflow", "nn"), ("tensorflow", "math"), ("keras", "activations"),
              ("keras", "ops")]
    targets = []
    for module_name, attribute in owners:
        owner = sys.modules.get(module_name)
        owner = getattr(owner, attribute, None) if attribute and owner is not None else owner
        if owner is not None and callable(getattr(owner, "softmax", None)):
            targets.append((owner, owner.softmax))
    try:
        for owner, _ in targets:
            with contextlib.suppress(AttributeError, TypeError):
                owner.softmax = refuse
        yield
    finally:
        for owner, original in targets:
            with contextlib.suppress(AttributeError, TypeError):
                owner.softmax = original


def _softmax_cases(rng):
    """(description, scores) pairs: fresh random scores, then the edge cases, in teaching order."""
    square = rng.normal(scale=3.0, size=(6, 6))
    return [
        ("7 random scores (1-D)", rng.normal(scale=2.0, size=7)),
        ("a (5, 8) batch of random scores", rng.normal(scale=2.0, size=(5, 8))
         + rng.normal(scale=5.0, size=(5, 1))),
        ("a (6, 6) batch of random scores", square),
        ("rows 1,000 and 2,000 wide: [[0, 1000], [-1000, 1000], [997, -3]]",
         np.array([[0.0, 1000.0], [-1000.0, 1000.0], [997.0, -3.0]])),
        ("a row far below the others: [[-1000, -999, -998], [0, 500, 1000]]",
         np.array([[-1000.0, -999.0, -998.0], [0.0, 500.0, 1000.0]])),
        ("the 1-D scores [-1000, 1000]", np.array([-1000.0, 1000.0])),
        ("float32 scores: a (4, 9) batch spread over 400",
         np.vstack([rng.normal(scale=40.0, size=(3, 9)),
                    np.linspace(-200.0, 200.0, 9)[None, :]]).astype(np.float32)),
    ]


def _softmax_hint(result, scores, what):
    """Name the mistake behind a wrong softmax result on ``scores``."""
    if not np.all(np.isfinite(result)):
        if "far below" in what:
            return (f"nan or inf on {what}: a row whose scores all lie far below the array's "
                    "largest score underflows to 0 / 0. Subtract each row's own maximum, "
                    "`scores.max(axis=-1, keepdims=True)`, not the largest score of the whole "
                    "array.")
        return (f"nan or inf on {what}: e^z overflowed. Subtract each row's largest score before "
                "np.exp, so that every exponent is <= 0; subtracting the minimum or the mean "
                "still leaves exponents in the hundreds.")
    sums = result.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=1e-4):
        if result.ndim == 2 and np.allclose(result.sum(axis=0), 1.0, atol=1e-4):
            return (f"on {what} each column sums to 1, not each row: normalize along the last "
                    "axis, `.sum(axis=-1, keepdims=True)` (one row of scores per example).")
        if np.isclose(result.sum(), 1.0, atol=1e-4):
            return (f"on {what} the whole array sums to 1, not each row: sum along the last axis "
                    "with `axis=-1, keepdims=True`.")
        return f"on {what} the probabilities of a row should sum to 1; yours sum to {sums.round(4)}."
    return (f"on {what} your probabilities differ from softmax(scores) = e^z_i / sum_j e^z_j, "
            "taken along the last axis, row by row.")


@exercise(1)
def check_stable_softmax(stable_softmax):
    """Exercise 1 of notebook 03: ``stable_softmax(scores)`` along the last axis, 1-D or 2-D.

    Fresh random scores of several shapes, then rows whose scores are 1,000 to 2,000 apart, a
    row far below the others, and float32 scores spread over 400 (where a float32 exp of 100
    already overflows). Float64 scores must give float64-accurate results, float32 scores
    float32-accurate ones; the scores passed in must come back unchanged; the course's and
    TensorFlow's softmax are switched off while the function runs.
    """
    rng = np.random.default_rng(2000)
    for what, scores in _softmax_cases(rng):
        given = scores.copy()
        with _ready_made_softmax_refused():
            result = call(stable_softmax, given, name="stable_softmax",
                          forbidden_hint="Write it yourself with np.exp, .max and .sum.")
        if not np.array_equal(given, scores):
            fail(f"`stable_softmax` changed the scores it was given ({what}): `scores -= ...` "
                 "works in place. Write `shifted = scores - ...` instead.")
        result = as_array(result, name="what `stable_softmax` returns")
        if result.shape != scores.shape:
            fail(f"`stable_softmax` should return one probability per score, shape "
                 f"{scores.shape}, got {result.shape} on {what}. Hint: `keepdims=True` keeps the "
                 "summed axis so the division broadcasts row by row.")
        expected = _softmax(scores)
        float32 = scores.dtype == np.float32
        rtol, atol = (1e-5, 1e-6) if float32 else (1e-9, 1e-12)
        if not np.all(np.isfinite(result)) or not np.allclose(result, expected, rtol=rtol,
                                                               atol=atol):
            close_in_float32 = np.all(np.isfinite(result)) and np.allclose(
                result, expected, rtol=1e-5, atol=1e-6)
            if not float32 and close_in_float32:
                fail(f"on {what} (float64) your result is only float32-accurate: compute in the "
                     "scores' own precision (no cast to float32 or to a TensorFlow float32 tensor).")
            fail(_softmax_hint(result, scores, what))
        expect_close(result, expected, _softmax_hint(result, scores, what), rtol=rtol, atol=atol,
                     name="what `stable_softmax` returns")
    passed("rows sum to 1 along the last axis, scores 2,000 apart no longer overflow, and "
           "float32 scores give float32-accurate probabilities.")


# --- Exercise 2: a gradient through ten layers -----------------------------------------------------

def deep_gradient_ratios(depth=10, width=64, batch=256, seed=0):
    """Measure, for sigmoid, tanh and ReLU networks, how much gradient reaches the first layer.

    Each network has ``depth`` dense layers of ``width`` units with Glorot-uniform weights (Keras'
    default) and zero biases, fed a batch of standard-normal inputs; a random gradient arrives at
    the top. Returns ``{name: |dL/dW_1| / |dL/dW_depth|}`` (Frobenius norms), computed in NumPy.
    """
    return dict(_measured_ratios(int(depth), int(width), int(batch), int(seed)))


@functools.lru_cache(maxsize=8)  # the same measurement for every run of the check
def _measured_ratios(depth, width, batch, seed):
    """``deep_gradient_ratios``' measurement, as a tuple of (name, ratio) pairs."""
    from utils import scratch

    functions = {"sigmoid": (scratch.sigmoid, scratch.sigmoid_grad),
                 "tanh": (scratch.tanh, scratch.tanh_grad),
                 "relu": (scratch.relu, scratch.relu_grad)}
    ratios = {}
    for name, (g, g_prime) in functions.items():
        rng = np.random.default_rng(seed)  # the same weights and inputs for every activation
        limit = np.sqrt(6.0 / (width + width))
        weights = [rng.uniform(-limit, limit, size=(width, width)) for _ in range(depth)]
        h = rng.normal(size=(batch, width))
        inputs, pre_activations = [], []
        for W in weights:
            inputs.append(h)
            pre_activations.append(h @ W)  # (batch, width)
            h = g(pre_activations[-1])
        grad_h = rng.normal(size=h.shape) / batch  # dL/dh at the top
        norms = []
        for k in reversed(range(depth)):
            grad_z = grad_h * g_prime(pre_activations[k])
            norms.append(np.linalg.norm(inputs[k].T @ grad_z))  # |dL/dW_k|
            grad_h = grad_z @ weights[k].T
        ratios[name] = norms[-1] / norms[0]
    return tuple(ratios.items())


@exercise(2)
def check_deep_gradient(alive, sigmoid_power):
    """Exercise 2 of notebook 03: which networks keep the ratio above 0.1 ("B": tanh and ReLU),
    and the power of ten of the sigmoid network's ratio (within 1 of the measured one, about -5.4).

    The check measures the ratios itself (``deep_gradient_ratios``) and prints them.
    """
    expect_answered(alive, sigmoid_power)
    choice = as_choice(alive, "ABCD", name="`alive`")
    power = as_number(sigmoid_power, name="`sigmoid_power`")
    if choice != "B":
        fail({"A": "`alive`: tanh's slope is 1 at z = 0 and stays near 1 for the moderate "
                   "pre-activations that Glorot-scaled weights produce; it is the sigmoid whose "
                   "slope is at most 0.25.",
              "C": "`alive`: the sigmoid's slope is at most 0.25, and nine of them sit between "
                   "the first layer and the last.",
              "D": "`alive`: an active ReLU passes a gradient on with slope exactly 1; with "
                   "Glorot-scaled weights the ReLU network's layers get gradients of similar size."
              }[choice])
    ratios = deep_gradient_ratios()
    measured = np.log10(ratios["sigmoid"])
    if power > 0:
        fail("`sigmoid_power`: the first layer gets *less* than the last, so the ratio is below 1 "
             "and its power of ten is negative.")
    if abs(power - measured) > 1.0:
        fail(f"`sigmoid_power` = {power:g} is more than one power of ten away. Count the sigmoid "
             "slopes between the first layer's weights and the last layer's (nine, each about "
             "0.25 here); the Glorot weights keep the sizes otherwise roughly unchanged.")
    listing = ", ".join(f"{name} {ratio:.1e}" for name, ratio in ratios.items())
    passed(f"measured here, first layer / last layer: {listing}. Nine sigmoid slopes of about "
           f"0.24 give 0.24^9 = {0.24 ** 9:.1e}; tanh and ReLU keep the gradient alive.")


# --- Exercise 3: a tent from three ReLUs -----------------------------------------------------------

def _tent(z):
    return np.maximum(0.0, 1.0 - np.abs(z))


@exercise(3)
def check_tent_from_relus(tent_weights):
    """Exercise 3 of notebook 03: c with c[0] ReLU(z + 1) + c[1] ReLU(z) + c[2] ReLU(z - 1) = the
    tent max(0, 1 - |z|) for every z. The answer is [1, -2, 1]; the check compares the sum on a
    grid from -4 to 4 and names the stretch where it goes wrong.
    """
    expect_answered(tent_weights)
    c = as_array(tent_weights, name="`tent_weights`").ravel()
    if c.size != 3:
        fail(f"`tent_weights` should be three numbers, one per ReLU, got {c.size}.")
    z = np.linspace(-4.0, 4.0, 801)
    built = c[0] * np.maximum(z + 1, 0) + c[1] * np.maximum(z, 0) + c[2] * np.maximum(z - 1, 0)
    stretches = [("between -1 and 0", (z > -1) & (z <= 0),
                  "only the first ReLU is on there, so its weight is the slope of the tent's "
                  "left side (+1)."),
                 ("between 0 and 1", (z > 0) & (z <= 1),
                  "the first two ReLUs are on there; their weights must add up to the slope of "
                  "the tent's right side (-1)."),
                 ("above 1", z > 1,
                  "all three ReLUs are on there; their weights must add up to 0, so the tent "
                  "stays flat at 0.")]
    for where, mask, hint in stretches:
        if not np.allclose(built[mask], _tent(z[mask]), atol=1e-6):
            fail(f"`tent_weights` = {c.tolist()}: the sum is wrong {where}: {hint}")
    passed("ReLU(z + 1) - 2 ReLU(z) + ReLU(z - 1) is the tent: each ReLU adds a bend, and the "
           "weights set the change of slope at each bend.")
