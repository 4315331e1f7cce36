"""Exercise checks of notebook 04 (neural networks and losses).

1. ``check_bce_from_logits(bce_from_logits)``: a binary cross-entropy computed from logits that
   stays exact where the sigmoid rounds to 0 or 1.
2. ``check_initial_loss(initial_loss)``: the predicted loss of an untrained 10-class classifier.
3. ``check_multilabel_output(choice)``: the output layer and loss for several yes/no answers.
"""
import numpy as np
import tensorflow as tf

from utils.checks.core import as_choice, as_number, call, exercise, expect_answered, fail, passed

__all__ = ["check_bce_from_logits", "check_initial_loss", "check_multilabel_output"]

STABLE_FORM = "max(z, 0) - z y + log(1 + e^(-|z|))"


def _reference_bce(y_true, logits):
    """Mean binary cross-entropy from logits, by TensorFlow, in float64."""
    losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(y_true, tf.float64),
                                                     logits=tf.constant(logits, tf.float64))
    return float(tf.reduce_mean(losses))


def _one_loss(bce_from_logits, y_true, logits):
    """Call the student's function and read one number from what it returns."""
    with np.errstate(all="ignore"):  # an overflow is diagnosed below, not printed as a warning
        result = call(bce_from_logits, y_true, logits, name="bce_from_logits")
    if np.size(result) != 1:
        fail(f"`bce_from_logits` returned {np.size(result)} numbers for {y_true.size} examples: "
             f"return their mean, one number.")
    return as_number(result, "what `bce_from_logits` returns")


def _typical_cases():
    """Fresh labels and logits of moderate size, in several shapes and dtypes."""
    rng = np.random.default_rng(404)
    cases = []
    for shape, dtype in [((8,), np.float64), ((5, 3), np.float32), ((2, 4, 3), np.float64)]:
        y_true = rng.integers(0, 2, size=shape).astype(dtype)
        y_true.flat[:2] = [0, 1]  # both classes present
        cases.append((y_true, rng.normal(scale=3.0, size=shape).astype(dtype)))
    return cases


@exercise(1)
def check_bce_from_logits(bce_from_logits):
    """Check a mean binary cross-entropy computed from logits, on moderate and extreme logits.

    Args:
        bce_from_logits: the student's function ``bce_from_logits(y_true, logits)``.
    """
    for y_true, logits in _typical_cases():
        loss = _one_loss(bce_from_logits, y_true, logits)
        expected = _reference_bce(y_true, logits)
        if not np.isfinite(loss):
            fail(f"`bce_from_logits` returned {loss} on ordinary logits (shape {logits.shape}): "
                 f"check the logarithms.")
        if np.isclose(loss, -expected, rtol=1e-5):
            fail("Your loss is negative: the sign is wrong. Cross-entropy is minus the mean "
                 "log-probability of the true label, so it is never below 0.")
        if np.isclose(loss, expected * y_true.size, rtol=1e-5):
            fail("Your loss is the sum over the examples: return their mean, as Keras does.")
        if np.isclose(loss, _reference_bce(1 - y_true, logits), rtol=1e-5):
            fail("The labels are swapped: a logit z > 0 means class 1 is likely, so y = 1 with a "
                 "large z must cost little.")
        if not np.isclose(loss, expected, rtol=1e-5, atol=1e-7):
            fail(f"On logits of shape {logits.shape}, your loss is {loss:.6f}; the mean binary "
                 f"cross-entropy is {expected:.6f}. Compare with the formula of section 5, "
                 f"with p = sigmoid(z).")
    for z, y in [(40.0, 0.0), (-40.0, 1.0), (1000.0, 0.0), (-1000.0, 1.0), (1000.0, 1.0),
                 (-1000.0, 0.0)]:
        loss = _one_loss(bce_from_logits, np.array([y]), np.array([z]))
        expected = _reference_bce(np.array([y]), np.array([z]))
        if not np.isfinite(loss):
            fail(f"For the logit z = {z:g} with label {y:g} your loss is {loss}, the right one is "
                 f"{expected:g}. Taking log(sigmoid(z)), or e^z for a large z, overflows or hits "
                 f"log(0): rewrite the loss as {STABLE_FORM}, where nothing can overflow.")
        if 15.0 < loss < 17.0:  # -log(1e-7) = 16.1 in float64, 15.9 in float32
            fail(f"For the logit z = {z:g} with label {y:g} your loss is {loss:.3f}: the "
                 f"probability was clipped near 1e-7. The exact loss is {expected:g}; compute it "
                 f"from z directly ({STABLE_FORM}), without going through probabilities.")
        if not np.isclose(loss, expected, rtol=1e-5):
            fail(f"For the logit z = {z:g} with label {y:g} your loss is {loss:g}; the exact one "
                 f"is {expected:g}. A confident wrong answer costs about |z|.")
    rng = np.random.default_rng(4040)
    y_true = rng.integers(0, 2, size=(6, 5)).astype(np.float64)
    logits = rng.choice([-1000.0, -40.0, -1.5, 0.0, 2.0, 40.0, 1000.0], size=(6, 5))
    loss, expected = _one_loss(bce_from_logits, y_true, logits), _reference_bce(y_true, logits)
    if not np.isclose(loss, expected, rtol=1e-5):
        fail(f"On a (6, 5) batch mixing logits of +-1000, +-40 and small ones your loss is "
             f"{loss:g}, the right one is {expected:g}.")
    passed(f"your loss agrees with tf.nn.sigmoid_cross_entropy_with_logits on {len(_typical_cases())} "
           f"batches and stays exact at z = +-40 and +-1000 (a confident mistake at z = 1000 costs "
           f"1000, not inf and not a clipped 16.1).")


@exercise(2)
def check_initial_loss(initial_loss):
    """Check the predicted cross-entropy of a 10-class classifier that gives each class 1/10.

    Args:
        initial_loss: the student's number.
    """
    expect_answered(initial_loss, what="store your prediction in `initial_loss`")
    value = as_number(initial_loss, "`initial_loss`")
    expected = np.log(10)
    if abs(value - expected) <= 0.01:
        passed(f"-log(1/10) = ln 10 = {expected:.4f}, whatever the label. A real network's first "
               f"loss near ln K says its start is sane; far above it, something is wrong.")
        return
    hints = [
        (0.1, "0.1 is the probability the true class gets; the loss is minus its logarithm."),
        (-expected, "The sign is wrong: -log p is positive for p < 1."),
        (1.0, "That is log base 10. Cross-entropy uses the natural logarithm (np.log)."),
        (np.log(2), "ln 2 is the answer for two classes; here each of ten classes gets 1/10."),
        (10 * expected, "That sums -log(1/10) over all ten classes, but the one-hot label keeps "
                        "only the true class's term."),
        (0.0, "Zero would be a certain, right prediction; 1/10 is far from certain."),
    ]
    for wrong, hint in hints:
        if abs(value - wrong) <= 0.01:
            fail(hint)
    fail(f"{value:g} is not it. Each class gets probability 1/10, including the true one; the "
         f"loss is -sum_k y_k log p_k with a one-hot y.")


@exercise(3)
def check_multilabel_output(choice):
    """Check the output layer and loss chosen for several independent yes/no answers.

    Args:
        choice: "A", "B", "C" or "D".
    """
    letter = as_choice(choice, "ABCD", "`multilabel_choice`")
    hints = {
        "A": "A softmax makes the five outputs compete: they sum to 1, so two findings cannot "
             "both get a high probability, and 'none of them' cannot be said at all.",
        "C": "One sigmoid output answers one yes/no question; here there are five.",
        "D": "Mean squared error on 0/1 labels trains, but it is not the loss of a probability: "
             "with a sigmoid its gradient vanishes when a confident output is wrong.",
    }
    if letter in hints:
        fail(hints[letter])
    passed("five independent sigmoids, each with its own binary cross-entropy (in practice a "
           "Dense(5) of logits with BinaryCrossentropy(from_logits=True)).")
