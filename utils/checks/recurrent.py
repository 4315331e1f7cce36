"""Exercise checks of notebook 10 (recurrent networks)."""
import numpy as np

from utils.checks.core import as_array, as_number, call, exercise, expect_answered, fail, passed

__all__ = ["check_lstm_step", "check_lstm_model_parameters", "check_clip_by_global_norm"]


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step_reference(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias, order="ifco",
                        candidate=np.tanh, squash_cell=True):
    """One LSTM step as keras.layers.LSTM computes it (order "ifco"), or a typical mistake."""
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    blocks = dict(zip(order, np.split(z, 4, axis=-1)))
    c_t = _sigmoid(blocks["f"]) * c_prev + _sigmoid(blocks["i"]) * candidate(blocks["c"])
    h_t = _sigmoid(blocks["o"]) * (np.tanh(c_t) if squash_cell else c_t)
    return h_t, c_t


def _lstm_case(batch, features, units, seed, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(batch, features)).astype(dtype),
            rng.uniform(-1, 1, size=(batch, units)).astype(dtype),
            rng.normal(size=(batch, units)).astype(dtype),
            rng.normal(scale=0.8, size=(features, 4 * units)).astype(dtype),
            rng.normal(scale=0.8, size=(units, 4 * units)).astype(dtype),
            rng.normal(scale=0.5, size=4 * units).astype(dtype))


def _read_pair(result, batch, units):
    """(h_t, c_t) from a tuple or list of two arrays, each (batch, units)."""
    if isinstance(result, np.ndarray) or not isinstance(result, (tuple, list)) or len(result) != 2:
        fail("`lstm_step` should return a pair (h_t, c_t): `return h_t, c_t`.")
    return (as_array(result[0], "h_t", shape=(batch, units)),
            as_array(result[1], "c_t", shape=(batch, units)))


def _lstm_mistake(h, c, case):
    """A hint naming the mistake when (h, c) is what a typical wrong step computes."""
    close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-6)
    right_h, right_c = lstm_step_reference(*case)
    if close(h, right_c) and close(c, right_h):
        return "h_t and c_t are swapped: return the pair in the order (h_t, c_t)."
    for order in ("icfo", "fico", "ifoc", "cifo", "oifc"):
        wrong_h, wrong_c = lstm_step_reference(*case, order=order)
        if close(h, wrong_h) and close(c, wrong_c):
            return (f"the four blocks are read in the order {', '.join(order)}: Keras stores them "
                    "as i, f, c~ (candidate), o, `units` columns each.")
    wrong_h, wrong_c = lstm_step_reference(*case, candidate=_sigmoid)
    if close(h, wrong_h) and close(c, wrong_c):
        return "the candidate c~_t uses tanh, not the sigmoid: it may be negative."
    if close(c, right_c):
        wrong_h, _ = lstm_step_reference(*case, squash_cell=False)
        if close(h, wrong_h):
            return "c_t is right; h_t = o_t * tanh(c_t), with the tanh."
        return "c_t is right but h_t is not: h_t = o_t * tanh(c_t), with the output gate o_t."
    if close(h, right_h):
        return "h_t is right but c_t is not: return the new cell state, not the old one."
    return ("h_t and c_t differ from Keras' LSTM: check c_t = f_t * c_prev + i_t * c~_t and "
            "h_t = o_t * tanh(c_t), with the gates computed from x_t @ kernel + h_prev @ "
            "recurrent_kernel + bias.")


@exercise(1)
def check_lstm_step(lstm_step):
    """Exercise 1: one LSTM step with Keras' weight layout, on fresh weights and sizes.

    Args:
        lstm_step: the student's ``lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel,
            bias)`` returning ``(h_t, c_t)``.
    """
    for batch, features, units, seed in [(4, 3, 5, 0), (1, 1, 1, 1), (6, 7, 2, 2), (3, 2, 9, 3)]:
        case = _lstm_case(batch, features, units, seed)
        result = call(lstm_step, *case, name="lstm_step")
        h, c = _read_pair(result, batch, units)
        right_h, right_c = lstm_step_reference(*case)
        if not (np.allclose(h, right_h, rtol=1e-7, atol=1e-9)
                and np.allclose(c, right_c, rtol=1e-7, atol=1e-9)):
            fail(f"With batch {batch}, {features} features, {units} units: "
                 + _lstm_mistake(h, c, case))
    case = _lstm_case(5, 4, 3, 4, dtype=np.float32)  # float32 in: float32 rounding is fine
    h, c = _read_pair(call(lstm_step, *case, name="lstm_step"), 5, 3)
    right_h, right_c = lstm_step_reference(*[np.float64(a) for a in case])
    if not (np.allclose(h, right_h, rtol=1e-4, atol=1e-5) and np.allclose(c, right_c, rtol=1e-4, atol=1e-5)):
        fail("Right in float64 but not for float32 inputs: do not round or cast to integers.")
    passed("your step matches Keras' LSTM on four sizes and in float32.")


LSTM_MODEL = {"steps": 30, "features": 6, "units": (8, 4), "outputs": 1}


def _lstm_parameters(features, units, recurrent=True, bias=True):
    return 4 * (features * units + (units * units if recurrent else 0) + (units if bias else 0))


@exercise(2)
def check_lstm_model_parameters(n_parameters):
    """Exercise 2: the parameter count of Input((30, 6)) -> LSTM(8, seq) -> LSTM(4) -> Dense(1).

    Args:
        n_parameters: the student's number.
    """
    expect_answered(n_parameters, what="set `n_parameters` to your count")
    answer = as_number(n_parameters, "n_parameters")
    steps, features, outputs = LSTM_MODEL["steps"], LSTM_MODEL["features"], LSTM_MODEL["outputs"]
    first, second = LSTM_MODEL["units"]
    lstm1, lstm2 = _lstm_parameters(features, first), _lstm_parameters(first, second)
    dense = second * outputs + outputs
    right = lstm1 + lstm2 + dense
    if answer == right:
        passed(f"{lstm1} + {lstm2} + {dense} = {right}; the {steps} steps share the same weights.")
        return
    mistakes = [
        ({steps * (lstm1 + lstm2) + dense, steps * right},
         f"You counted the weights once per time step: the same weights serve all {steps} steps."),
        ({(lstm1 + lstm2) // 4 + dense},
         "An LSTM has four blocks of weights (i, f, candidate, o), not one."),
        ({_lstm_parameters(features, first, bias=False) + _lstm_parameters(first, second, bias=False)
          + d for d in (dense, dense - outputs)},
         "Each of the four blocks of an LSTM also has a bias of `units` numbers."),
        ({lstm1 + _lstm_parameters(features, second) + dense},
         f"The second LSTM's input is the first one's state ({first} numbers), not the "
         f"{features} features."),
        ({_lstm_parameters(features, first, recurrent=False)
          + _lstm_parameters(first, second, recurrent=False) + dense},
         "Each block also has a recurrent kernel: units x units weights from h_{t-1}."),
    ]
    for values, hint in mistakes:
        if answer in values:
            fail(hint)
    fail(f"{answer:g} is not it. Count each layer: an LSTM on d inputs with u units has "
         "4 (d u + u^2 + u) weights; a Dense layer has inputs x outputs + outputs.")


def _global_norm(arrays):
    return float(np.sqrt(sum(np.sum(np.square(np.asarray(a, dtype=np.float64))) for a in arrays)))


@exercise(3)
def check_clip_by_global_norm(clip_by_global_norm):
    """Exercise 3: clip a list of gradient arrays by their global norm, as tf.clip_by_global_norm.

    Args:
        clip_by_global_norm: the student's ``clip_by_global_norm(gradients, max_norm)``.
    """
    rng = np.random.default_rng(10)
    shapes = [(3, 4), (5,), (2, 2, 2)]
    cases = [
        ([rng.normal(scale=5.0, size=s) for s in shapes], 1.0),  # far above: clipped
        ([rng.normal(scale=0.01, size=s) for s in shapes], 1.0),  # below: unchanged
        ([rng.normal(scale=1.0, size=s) for s in [(4, 6), (6,)]], 2.5),  # one array dominates
        ([np.zeros((3, 3)), np.zeros(3)], 1.0),  # all zero: unchanged, no nan
    ]
    cases[2][0][1][:] *= 0.01  # the second array is tiny, so its own norm is far below max_norm
    for gradients, max_norm in cases:
        originals = [g.copy() for g in gradients]
        result = call(clip_by_global_norm, gradients, max_norm, name="clip_by_global_norm")
        if not all(np.array_equal(g, o) for g, o in zip(gradients, originals)):
            fail("Your function changed the arrays it was given: build new arrays instead of "
                 "writing into the inputs (e.g. `g * factor`, not `g *= factor`).")
        if isinstance(result, np.ndarray) or not isinstance(result, (list, tuple)) \
                or len(result) != len(gradients):
            fail(f"Return a list of {len(gradients)} arrays, one per gradient, got {type(result).__name__}.")
        if any(hasattr(r, "numpy") for r in result):
            fail("Your function returns TensorFlow tensors: write the clipping itself with NumPy "
                 "(the point is to see how it works), not with tf.clip_by_global_norm.")
        clipped = [as_array(r, "each returned array", shape=g.shape) for r, g in zip(result, gradients)]
        norm = _global_norm(gradients)
        factor = min(1.0, max_norm / norm) if norm > 0 else 1.0
        expected = [g * factor for g in gradients]
        if all(np.allclose(c, e, rtol=1e-6, atol=1e-9) for c, e in zip(clipped, expected)):
            continue
        if not all(np.all(np.isfinite(c)) for c in clipped):
            fail("nan or inf in the result: when the global norm is 0 (or below max_norm), "
                 "return the gradients unchanged instead of dividing by it.")
        if norm <= max_norm:
            fail(f"The global norm is {norm:.3g}, already at most max_norm = {max_norm}: return the "
                 "gradients unchanged (only norms above max_norm are clipped).")
        per_array = [g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300)) for g in gradients]
        if all(np.allclose(c, p, rtol=1e-6, atol=1e-9) for c, p in zip(clipped, per_array)):
            fail("Each array was clipped by its own norm: use one global norm over all the arrays "
                 "together, and the same factor for every array, so the direction is kept.")
        if all(np.allclose(c, np.clip(g, -max_norm, max_norm)) for c, g in zip(clipped, gradients)):
            fail("That clips each value separately (clipping by value), which changes the "
                 "direction: rescale all the arrays by max_norm / global_norm.")
        got = _global_norm(clipped)
        fail(f"The result's global norm is {got:.4g}; it should be {norm * factor:.4g} "
             f"(global norm {norm:.4g} = sqrt of the sum of all squares of all arrays, then "
             "multiply every array by max_norm / global_norm).")
    passed("the global norm is capped, the direction kept, small gradients left alone.")
