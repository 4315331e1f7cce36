"""Exercise checks of notebook 02 (the perceptron).

1. ``check_perceptron_epoch``: one epoch of Rosenblatt's rule, with labels -1/+1, as a function,
   compared update by update with the rule, then trained from zeros to convergence on separable
   sets the check draws itself;
2. ``check_boundary_shift``: how far, and which way, the boundary moves when only the bias changes;
3. ``check_converging_sets``: on which of four small data sets the rule converges, verified here by
   running the rule.
"""
import numpy as np

from utils.checks.core import (as_array, as_choice, as_number, call, exercise, expect_answered,
                               fail, passed)

__all__ = ["check_perceptron_epoch", "check_boundary_shift", "check_converging_sets",
           "CONVERGENCE_SETS"]


# --- Exercise 1: one epoch of Rosenblatt's rule ----------------------------------------------------

def _epoch(X, y, w0, W, learning_rate, mistake="none"):
    """One epoch of the rule with labels -1/+1, in the given order: the reference, and the usual
    mistakes for the hints.

    A point is a mistake when y z <= 0 (the boundary counts, so training can start from zeros);
    then W += learning_rate y x and w0 += learning_rate y. ``mistake`` is one of "none",
    "strict" (y z < 0), "no_bias", "wrong_sign", "batch", "double" ((y - sign z) in place of y),
    "no_rate".
    """
    W = np.array(W, dtype=float)
    start_w0, start_W, mistakes = w0, W.copy(), 0
    total, total_bias = np.zeros_like(W), 0.0
    rate = 1.0 if mistake == "no_rate" else learning_rate
    for x_i, y_i in zip(X, y):
        weights, bias = (start_W, start_w0) if mistake == "batch" else (W, w0)
        z = bias + x_i @ weights
        wrong = y_i * z < 0 if mistake == "strict" else y_i * z <= 0
        if not wrong:
            continue
        mistakes += 1
        step = (y_i - np.sign(z)) if mistake == "double" else y_i
        step = -step if mistake == "wrong_sign" else step
        if mistake == "batch":
            total, total_bias = total + rate * step * x_i, total_bias + rate * step
            continue
        W = W + rate * step * x_i
        if mistake != "no_bias":
            w0 = w0 + rate * step
    if mistake == "batch":
        W, w0 = start_W + total, start_w0 + total_bias
    return float(w0), W, mistakes


def _separable_set(rng, n, dims, margin=0.25):
    """n points in [-3, 3]^dims labelled -1/+1 by a random hyperplane, none closer than ``margin``."""
    normal = rng.normal(size=dims)
    normal /= np.linalg.norm(normal)
    offset = rng.uniform(-1.0, 1.0)
    X = np.empty((0, dims))
    while len(X) < n:
        points = rng.uniform(-3.0, 3.0, size=(4 * n, dims))
        points = points[np.abs(points @ normal + offset) > margin]
        X = np.vstack([X, points])
    X = X[:n]
    return X, np.where(X @ normal + offset > 0, 1, -1)


def _read_epoch_result(result, dims):
    """(w0, W, mistakes) from what the student returned, with hints for other shapes."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"`perceptron_epoch` should return three things, `return w0, W, mistakes`; got "
             f"{type(result).__name__}" + (f" of length {len(result)}." if hasattr(result, "__len__")
                                          else "."))
    w0, W, mistakes = result
    w0 = as_number(w0, name="the bias w0 that `perceptron_epoch` returns")
    W = as_array(W, name="the weights W that `perceptron_epoch` returns").ravel()
    if W.shape != (dims,):
        fail(f"the weights W that `perceptron_epoch` returns should hold {dims} numbers (one per "
             f"column of X), got {W.size}.")
    mistakes = as_number(mistakes, name="the number of mistakes that `perceptron_epoch` returns")
    return w0, W, mistakes


def _same(result, expected):
    return np.isclose(result[0], expected[0], rtol=1e-9, atol=1e-9) and \
        np.allclose(result[1], expected[1], rtol=1e-9, atol=1e-9)


def _diagnose_epoch(result, X, y, w0, W, learning_rate):
    """A hint naming the mistake whose epoch matches the student's, else a general one."""
    hints = {
        "no_bias": "the bias w0 never changes: update it too, like the weight of an input that "
                   "is always 1.",
        "wrong_sign": "your updates move the boundary the wrong way: after a mistake on a point "
                      "with y = +1, z must grow there, so W gains +learning_rate * x.",
        "batch": "you predicted every point with the weights from the start of the epoch and "
                 "updated once at the end: Rosenblatt's rule updates after each point, so the "
                 "next prediction already uses the corrected weights.",
        "double": "your updates are twice too large: with labels -1/+1, y - sign(z) is -2 or +2 "
                  "on a mistake. Section 4's y - y_hat is +1 or -1, which is y itself here: add "
                  "learning_rate * y * x.",
        "strict": "a point with z = 0 exactly (on the boundary, as every point is when the "
                  "weights start at zero) must count as a mistake too: test y * z <= 0, not < 0.",
        "no_rate": "the size of each update should be learning_rate * y: your updates ignore "
                   "`learning_rate`.",
    }
    for mistake, hint in hints.items():
        if _same(result, _epoch(X, y, w0, W, learning_rate, mistake)):
            return hint
    return ("after one epoch your w0 and W differ from Rosenblatt's rule. Visit the rows of X in "
            "the order given (no shuffling: the check compares update by update); a point is a "
            "mistake when y * z <= 0 with z = w0 + x @ W; after each mistake add "
            "learning_rate * y * x to W and learning_rate * y to w0.")


@exercise(1)
def check_perceptron_epoch(perceptron_epoch):
    """Exercise 1 of notebook 02: ``perceptron_epoch(X, y, w0, W, learning_rate)`` -> (w0, W, mistakes),
    with labels y in {-1, +1}: a mistake is y z <= 0, the update W += learning_rate y x,
    w0 += learning_rate y.

    First, single epochs from random starting weights on fresh data (2 to 5 features, several
    learning rates) are compared with the rule, update by update; the inputs must come back
    unchanged. Then the function alone trains a perceptron from zeros, epoch after epoch, on
    linearly separable sets drawn here, until an epoch makes no mistake; the result must separate
    every point.
    """
    rng = np.random.default_rng(1958)
    for dims, n, learning_rate in [(2, 30, 1.0), (3, 40, 0.1), (5, 25, 0.5)]:
        X = rng.normal(size=(n, dims))
        y = rng.choice([-1, 1], size=n)
        w0, W = float(rng.normal()), rng.normal(size=dims)
        X_in, y_in, W_in = X.copy(), y.copy(), W.copy()
        result = call(perceptron_epoch, X_in, y_in, w0, W_in, learning_rate,
                      name="perceptron_epoch")
        if not np.array_equal(W_in, W):
            fail("`perceptron_epoch` changed the array W it was given (`W += ...` or `W[...] = ` "
                 "works in place): the caller's weights must stay as they were. Start from a "
                 "copy, `W = np.array(W, dtype=float)`, or write `W = W + ...`.")
        if not (np.array_equal(X_in, X) and np.array_equal(y_in, y)):
            fail("`perceptron_epoch` changed X or y: the data must stay as they were.")
        result = _read_epoch_result(result, dims)
        expected = _epoch(X, y, w0, W, learning_rate)
        where = f" (checked on {n} points with {dims} features, learning_rate={learning_rate})"
        if not _same(result, expected):
            fail(_diagnose_epoch(result, X, y, w0, W, learning_rate) + where)
        if result[2] != expected[2]:
            fail(f"the weights are right, but `mistakes` should count the points with y * z <= 0 "
                 f"met during the epoch: {expected[2]}, got {result[2]:g}{where}.")

    epochs_needed = []
    for dims, n in [(2, 60), (4, 80)]:
        X, y = _separable_set(rng, n, dims)
        w0, W = 0.0, np.zeros(dims)
        for epoch in range(1, 301):
            w0, W, mistakes = _read_epoch_result(
                call(perceptron_epoch, X, y, w0, W, 1.0, name="perceptron_epoch"), dims)
            if mistakes == 0:
                break
        else:
            stuck = " It never moved from the zero weights: z = 0 must count as a mistake." \
                if w0 == 0 and not np.any(W) else ""
            fail(f"trained from zeros on a linearly separable set ({n} points, {dims} features), "
                 "your rule still made mistakes after 300 epochs; Rosenblatt's rule stops "
                 f"making them after a few dozen.{stuck}")
        wrong = int(np.sum(y * (w0 + X @ W) <= 0))
        if wrong and w0 == 0 and not np.any(W):
            fail("trained from zero weights, your function never moved them: every point then "
                 "has z = 0, which must count as a mistake (test y * z <= 0, not < 0).")
        if wrong:
            fail(f"an epoch reported 0 mistakes, but the final weights put {wrong} of {n} points "
                 "on the wrong side (or on the line): count every point with y * z <= 0.")
        epochs_needed.append(epoch)
    passed(f"one epoch matches Rosenblatt's rule update by update, and trained from zeros your "
           f"function separated two fresh separable sets after {epochs_needed[0]} and "
           f"{epochs_needed[1]} epochs.")


# --- Exercise 2: moving the bias -------------------------------------------------------------------

@exercise(2)
def check_boundary_shift(shift_distance, shift_direction):
    """Exercise 2 of notebook 02: W = [3, 4]; w0 goes from -5 to 5. How far and which way?

    The boundary moves by |change of w0| / |W| = 10 / 5 = 2, perpendicular to itself, against W
    (option "B"): a larger bias makes z larger everywhere, so the z > 0 side grows.
    """
    expect_answered(shift_distance, shift_direction)
    distance = as_number(shift_distance, name="`shift_distance`")
    direction = as_choice(shift_direction, "ABCD", name="`shift_direction`")
    hints = [
        (10.0, "10 is how much w0 (and so z at every point) changes; moving a point a distance "
               "d along W / |W| changes z by d * |W|, and |W| = 5 here."),
        (10.0 / 7.0, "|W| is the length sqrt(w1^2 + w2^2) = 5, not |w1| + |w2| = 7."),
        (2.5, "2.5 is how far the line's crossing with the x2 axis moves (10 / w2); the distance "
              "between two parallel lines is measured perpendicular to them."),
        (10.0 / 3.0, "10/3 is how far the line's crossing with the x1 axis moves (10 / w1); the "
                     "distance between two parallel lines is measured perpendicular to them."),
        (0.4, "0.4 = 2 / 5 divides by |W| twice: the line w0 + W . x = 0 lies at distance "
              "|w0| / |W| from the origin."),
    ]
    if np.isclose(distance, -2.0, atol=0.02):
        fail("a distance is positive: `shift_distance` is 2; the way the line moves goes in "
             "`shift_direction`.")
    for wrong, hint in hints:
        if np.isclose(distance, wrong, atol=0.02):
            fail(f"`shift_distance`: {hint}")
    if not np.isclose(distance, 2.0, atol=0.02):
        fail(f"`shift_distance` = {distance:g} is not the distance between the lines 3 x1 + 4 x2 "
             "= 5 and 3 x1 + 4 x2 = -5. Hint: the line w0 + W . x = 0 lies at distance "
             "|w0| / |W| from the origin.")
    if direction != "B":
        fail({"A": "`shift_direction`: raising w0 raises z at every point, so the side where "
                   "z > 0 grows: the line retreats against W, into what was the negative side.",
              "C": "`shift_direction`: the bias does not turn the line: W alone fixes its "
                   "direction (section 3's three parallel lines).",
              "D": "`shift_direction`: the points where z = 0 change when w0 changes, so the line "
                   "moves; it does not only change the confidence."}[direction])
    passed("the line slides by |change of w0| / |W| = 10 / 5 = 2, parallel to itself, against W: "
           "the positive side grows.")


# --- Exercise 3: which sets does the rule converge on? ---------------------------------------------

# name -> (points, labels): four tiny data sets of notebook 02's exercise 3
CONVERGENCE_SETS = {
    "A": (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float), np.array([0, 1, 1, 1])),
    "B": (np.array([[0, 0], [1, 1], [2, 2]], dtype=float), np.array([0, 1, 0])),
    "C": (np.array([[0, 0], [3, 0], [0, 3], [2, 2]], dtype=float), np.array([0, 0, 0, 1])),
    "D": (np.array([[0, 0], [2, 0], [0, 2], [1, 1]], dtype=float), np.array([0, 0, 0, 1])),
}


def _epochs_to_converge(X, y, max_epochs=1000):
    """Epochs Rosenblatt's rule (from zeros, rate 1) needs to make a clean pass, or None.

    ``y`` holds 0/1 labels, as the notebook shows them; the rule runs on 2 y - 1.
    """
    w0, W, y = 0.0, np.zeros(X.shape[1]), 2 * np.asarray(y) - 1
    for epoch in range(1, max_epochs + 1):
        w0, W, mistakes = _epoch(X, y, w0, W, 1.0)
        if mistakes == 0:
            return epoch
    return None


def _letters(value):
    """The set of option letters in an answer written as "AC", "a, c", ["A", "C"] or {"A", "C"}."""
    if isinstance(value, str):
        items = [char for char in value.upper() if char.isalpha()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = [str(item).strip().strip("()").upper() for item in value]
    else:
        fail(f"`converging` should be letters such as \"AB\" or [\"A\", \"B\"], got {value!r}.")
    unknown = sorted(set(items) - set(CONVERGENCE_SETS))
    if unknown:
        fail(f"`converging` should use only the letters A, B, C and D, got {', '.join(unknown)}.")
    return set(items)


@exercise(3)
def check_converging_sets(converging):
    """Exercise 3 of notebook 02: the letters of the sets on which the rule converges ("AC").

    The check runs the rule itself, 1,000 epochs at most on each set, and reports what it saw.
    """
    expect_answered(converging)
    chosen = _letters(converging)
    epochs = {name: _epochs_to_converge(*data) for name, data in CONVERGENCE_SETS.items()}
    truth = {name for name, count in epochs.items() if count is not None}
    reasons = {
        "A": "set A (OR) is separable, e.g. by x1 + x2 = 0.5, so the convergence theorem applies.",
        "B": "in set B the three points lie on one line with the odd label in the middle; a "
             "straight boundary crosses that line once, so it cannot cut out the middle point.",
        "C": "set C is separable: (2, 2) has x1 + x2 = 4, the three others at most 3, so the line "
             "x1 + x2 = 3.5 separates them.",
        "D": "in set D, (1, 1) is the midpoint of (2, 0) and (0, 2); z is linear, so z(1, 1) is "
             "the average of the two others' z: it cannot be positive while both are not.",
    }
    if chosen != truth:
        missing, extra = sorted(truth - chosen), sorted(chosen - truth)
        wrong = missing[0] if missing else extra[0]
        verdict = "does converge" if wrong in truth else "never converges"
        fail(f"`converging`: the rule {verdict} on set {wrong}: {reasons[wrong]}")
    passed(f"run here from zeros, the rule made a clean pass on A after {epochs['A']} epochs and "
           f"on C after {epochs['C']}; on B and D it still made mistakes in epoch 1,000.")
