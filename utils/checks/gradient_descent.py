"""Exercise checks of notebook 05 (gradient descent and optimizers).

1. ``check_critical_learning_rate``: the largest learning rate for which gradient descent on a given
   quadratic converges, predicted as a number, then verified by running gradient descent just
   below and just above it;
2. ``check_epoch_batches``: the mini-batches of one epoch, as a function of the run's seed and the
   epoch: every example once, a new order each epoch and each seed, reproducible;
3. ``check_momentum_step``: one step of gradient descent with momentum, compared with Keras'
   ``SGD(momentum=...)`` over several steps on fresh inputs;
4. ``check_adam_first_step``: Adam's first update predicted for a given gradient, compared with
   Keras' ``Adam``.
"""
import itertools

import numpy as np

from utils.checks.core import as_array, as_number, call, exercise, expect_close, fail, passed

__all__ = ["check_critical_learning_rate", "check_epoch_batches", "check_momentum_step",
           "check_adam_first_step", "CRITICAL_QUADRATIC", "ADAM_EXERCISE"]


# --- Exercise 1: the critical learning rate, predicted then verified ------------------------------

# J(w0, w1) = 2 w0^2 + 3 w0 w1 + 4 w1^2: its Hessian [[4, 3], [3, 8]] has eigenvalues 6 -+ sqrt(13).
CRITICAL_QUADRATIC = {"a": 2.0, "b": 3.0, "c": 4.0}


def _quadratic_hessian():
    q = CRITICAL_QUADRATIC
    return np.array([[2 * q["a"], q["b"]], [q["b"], 2 * q["c"]]])


def _final_distance_ratio(learning_rate, steps=400, seed=0):
    """How far gradient descent ends from the minimum (0, 0), relative to where it started.

    Five fresh random starts at once; the largest ratio is returned (the worst start).
    """
    hessian = _quadratic_hessian()
    starts = np.random.default_rng(seed).normal(size=(5, 2))
    W = starts.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            W = W - learning_rate * W @ hessian  # the gradient of J is H w (H is symmetric)
        ratio = np.linalg.norm(W, axis=1) / np.linalg.norm(starts, axis=1)
    return float(np.nan_to_num(ratio, nan=np.inf).max())


@exercise(1)
def check_critical_learning_rate(critical_learning_rate):
    """Exercise 1 of notebook 05: the critical learning rate of J = 2 w0^2 + 3 w0 w1 + 4 w1^2.

    The answer is verified by running: gradient descent from five fresh starts must converge at
    0.97 times the answer and diverge at 1.03 times it.
    """
    value = as_number(critical_learning_rate, name="critical_learning_rate")
    if not value > 0:
        fail(f"critical_learning_rate should be a positive number, got {value}: a learning rate "
             "of zero or below does not descend at all.")
    eigenvalues = np.linalg.eigvalsh(_quadratic_hessian())  # (4, 8)
    below, above = 0.97 * value, 1.03 * value
    converges = _final_distance_ratio(below) < 1e-3
    diverges = _final_distance_ratio(above) > 1e3
    if not converges:
        hint = (f"At 0.97 × your value (η = {below:.4g}) gradient descent already diverges: your "
                "rate is too large.")
        q = CRITICAL_QUADRATIC
        one_weight = [2 / eigenvalues.min(), 1 / q["a"], 1 / q["c"]]
        if any(np.isclose(value, candidate, rtol=0.03) for candidate in one_weight):
            hint += (" The limit is set by the STEEPEST direction of the bowl. The cross term "
                     f"{q['b']:g} w0 w1 makes a diagonal direction steeper than either axis: use "
                     "the largest eigenvalue of the Hessian, not one weight alone.")
        elif np.isclose(value, 4 / eigenvalues.max(), rtol=0.03):
            hint += (" J = w^T A w has the Hessian 2A, not A: its second derivatives are twice "
                     "the coefficients.")
        else:
            hint += (" Along an eigenvector of the Hessian with eigenvalue λ one step multiplies "
                     "the distance by 1 - ηλ.")
        fail(hint)
    if not diverges:
        hint = (f"At 1.03 × your value (η = {above:.4g}) gradient descent still converges: the "
                "limit lies higher.")
        if np.isclose(value, 1 / eigenvalues.max(), rtol=0.03):
            hint += (" At η = 1/λ_max the steep direction starts to zig-zag (1 - ηλ turns "
                     "negative) but still shrinks; divergence needs |1 - ηλ| > 1.")
        elif np.isclose(value, 2 / eigenvalues.sum(), rtol=0.03):
            hint += " The trace adds the curvatures; the limit depends on the largest one alone."
        else:
            hint += (" Gradient descent converges while |1 - ηλ| < 1 for every eigenvalue λ of "
                     "the Hessian.")
        fail(hint)
    passed(f"2 / λ_max = 2 / {eigenvalues.max():g} = {2 / eigenvalues.max():g}: gradient "
           f"descent converged at η = {below:.4g} and blew up at η = {above:.4g}, from five "
           "random starts.")


# --- Exercise 2: the mini-batches of an epoch -----------------------------------------------------

def _batches(epoch_batches, n, batch_size, seed, epoch):
    """The student's batches as a list of integer arrays, checked to cover 0..n-1 exactly once."""
    where = f"(n={n}, batch_size={batch_size}, seed={seed}, epoch={epoch})"
    result = call(epoch_batches, n, batch_size, seed, epoch, name="epoch_batches")
    try:
        batches = [np.asarray(batch) for batch in result]
    except TypeError:
        fail(f"`epoch_batches` should return a list of index arrays, got {type(result).__name__} "
             f"{where}.")
    if not batches or any(batch.ndim != 1 for batch in batches):
        fail(f"`epoch_batches` should return a list of 1-D index arrays, one per mini-batch "
             f"{where}.")
    if any(batch.size and not np.issubdtype(batch.dtype, np.integer) for batch in batches):
        fail(f"The batches should hold integer indices (they index x and y), got "
             f"{batches[0].dtype} {where}: use rng.permutation(n), which gives integers.")
    sizes = [len(batch) for batch in batches]
    expected = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    everything = np.sort(np.concatenate(batches)) if batches else np.array([])
    if len(everything) != n or not np.array_equal(everything, np.arange(n)):
        missing = sorted(set(range(n)) - set(everything.tolist()))[:5]
        fail(f"Every index 0..n-1 must appear exactly once per epoch {where}; "
             f"{'missing ' + str(missing) if missing else 'some appear twice'} "
             f"(batch sizes {sizes}). Shuffle all n indices once, then cut them into batches; "
             "keep the last, smaller batch.")
    if sizes != expected:
        fail(f"With {where} the batch sizes should be {expected}, got {sizes}: consecutive "
             "batches of batch_size, only the last one smaller.")
    return np.concatenate(batches), batches


def _successor_pairs(order):
    """The set of (a, b) with b right after a in ``order`` (cyclically)."""
    return set(zip(order.tolist(), np.roll(order, -1).tolist()))


def _together_pairs(batches):
    """The set of unordered pairs of examples that share a batch."""
    return {pair for batch in batches for pair in itertools.combinations(sorted(batch.tolist()), 2)}


@exercise(2)
def check_epoch_batches(epoch_batches):
    """Exercise 2 of notebook 05: ``epoch_batches(n, batch_size, seed, epoch)`` -> list of batches.

    Every example once per epoch, sizes right; the same (seed, epoch) gives the same batches; the
    orders differ between epochs and between seeds (also seed + 1 / epoch - 1); no cyclic rotation
    of a fixed order; no fixed batches whose order alone is shuffled.
    """
    rng = np.random.default_rng(505)
    for n, batch_size in ((10, 3), (7, 7), (5, 8), (12, 4)):
        _batches(epoch_batches, n, batch_size, int(rng.integers(100)), 0)
    n, batch_size = 60, 8
    first_seed = int(rng.integers(10, 1000))
    seeds = [first_seed, first_seed + 1, first_seed + 500]  # neighbours: seed + epoch collides
    runs = {}
    for seed in seeds:
        for epoch in range(4):
            runs[seed, epoch] = _batches(epoch_batches, n, batch_size, seed, epoch)
    for (seed, epoch), (order, _) in list(runs.items())[:3]:
        again, _ = _batches(epoch_batches, n, batch_size, seed, epoch)
        if not np.array_equal(order, again):
            fail(f"Two calls with the same seed ({seed}) and epoch ({epoch}) gave different "
                 "batches. Draw the shuffle from a generator made from the seed and the epoch, "
                 "not from np.random's global state, so a run can be repeated and resumed.")
    if any(np.array_equal(order, np.arange(n)) for order, _ in runs.values()):
        fail("An epoch visits the examples in the order 0, 1, 2, ...: shuffle them first.")
    seed = seeds[0]
    if all(np.array_equal(runs[seed, 0][0], runs[seed, epoch][0]) for epoch in range(1, 4)):
        fail("Every epoch of one run has the same order (a fixed permutation): the order must "
             "change from epoch to epoch, so let the generator depend on `epoch` too.")
    for (first_key, (first, _)), (second_key, (second, _)) in itertools.combinations(
            runs.items(), 2):
        if np.array_equal(first, second):
            if first_key[1] == second_key[1]:
                detail = (f" At epoch {first_key[1]} the seeds {first_key[0]} and {second_key[0]} "
                          "agree: the seed must change the order.")
            elif first_key[0] == second_key[0]:
                detail = f" Seed {first_key[0]} repeats an order: the epoch must change it."
            else:
                detail = (" seed + epoch mixes the two numbers: (s, 1) and (s + 1, 0) collide. "
                          "Give the generator both numbers, e.g. as a list.")
            fail(f"(seed, epoch) = {first_key} and {second_key} give the same order: every "
                 f"epoch of every run needs an order of its own.{detail}")
    identity = _successor_pairs(np.arange(n))
    identity |= {(b, a) for a, b in identity}
    for key, (order, batches) in runs.items():
        boundaries = {(int(left[-1]), int(right[0])) for left, right in zip(batches, batches[1:])}
        if len(_successor_pairs(order) & identity) > n // 2 and \
                len(boundaries & identity) > len(boundaries) // 2:  # not only inside batches
            fail(f"For (seed, epoch) = {key} the order keeps neighbours together, like a cyclic "
                 "rotation of 0..n-1 (np.roll): the same examples always follow each other. "
                 "Shuffle with a random permutation.")
    for (first_key, (first, first_batches)), (second_key, (second, second_batches)) in \
            itertools.combinations(runs.items(), 2):
        together = _together_pairs(first_batches)
        if len(together & _together_pairs(second_batches)) > 0.8 * len(together):
            fail(f"The batches of {first_key} and {second_key} hold the same groups of examples "
                 "(only the order of the batches, or of the examples inside each batch, is "
                 "shuffled). Shuffle all the examples first, then cut them into batches.")
        if len(_successor_pairs(first) & _successor_pairs(second)) > n // 3:
            fail(f"The orders of {first_key} and {second_key} are shifted copies of each other "
                 "(a rotation of one fixed permutation): the same examples follow each other in "
                 "every epoch. Draw a fresh permutation per epoch.")
    for key, (order, _) in runs.items():
        strides = np.unique(np.diff(order) % n)
        if len(strides) < n // 4:  # a random permutation of 60 has about 38 distinct steps
            fail(f"For (seed, epoch) = {key} the steps between consecutive indices repeat (only "
                 f"{len(strides)} different ones): a fixed stride such as (a * i + b) % n is not "
                 "a shuffle. Draw a random permutation.")
    passed("Each epoch visits every example once, in an order of its own for every (seed, "
           "epoch), and the same (seed, epoch) repeats exactly.")


# --- Exercise 3: a momentum step, as Keras' SGD(momentum=...) takes it ----------------------------

def _keras_momentum_run(w, gradients, learning_rates, momentum):
    """Weights after each step of keras.optimizers.SGD(momentum=...) fed ``gradients``."""
    import keras

    variable = keras.Variable(np.array(w, dtype=np.float64), dtype="float64")
    optimizer = keras.optimizers.SGD(learning_rate=learning_rates[0], momentum=momentum)
    weights = []
    for gradient, learning_rate in zip(gradients, learning_rates):
        optimizer.learning_rate = learning_rate  # a learning rate that changes between steps
        optimizer.apply_gradients([(np.array(gradient, dtype=np.float64), variable)])
        weights.append(np.array(variable.numpy(), dtype=np.float64))
    return weights


def _momentum_variants(w, velocity, gradient, learning_rate, momentum):
    """What the usual mistakes return for one step, each with the hint that names it."""
    v_keras = momentum * velocity - learning_rate * gradient
    return [
        ((w + velocity, v_keras), "You moved w with the OLD velocity. Update the velocity "
         "first, v <- βv - ηg, then move the weights by the new one, w <- w + v."),
        ((w - learning_rate * (momentum * velocity + gradient), momentum * velocity + gradient),
         "Your velocity sums gradients (v <- βv + g, then w <- w - ηv, PyTorch's form). Keras "
         "keeps the step itself in the velocity, v <- βv - ηg, w <- w + v: the two differ as "
         "soon as the learning rate changes between steps."),
        ((w + momentum * v_keras - learning_rate * gradient, v_keras),
         "That is Nesterov's momentum (Keras' nesterov=True): w <- w + βv - ηg with the new v. "
         "Plain momentum moves by the new velocity itself, w <- w + v."),
        ((w + momentum * velocity - (1 - momentum) * learning_rate * gradient,
          momentum * velocity - (1 - momentum) * learning_rate * gradient),
         "The gradient's share is not damped by (1 - β): the velocity is v <- βv - ηg."),
        ((w + v_keras, -v_keras), "Your velocity has the opposite sign: Keras keeps "
         "v <- βv - ηg, pointing the way the weights move."),
        ((w - learning_rate * gradient, -learning_rate * gradient), "This is plain gradient "
         "descent: the velocity must remember the previous steps, v <- βv - ηg."),
    ]


def _read_pair(result, shape, where):
    """The student's (new_w, new_velocity), as two float64 arrays of ``shape``."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"`momentum_step` should return two things, (new_w, new_velocity), got "
             f"{type(result).__name__} {where}.")
    return (as_array(result[0], name=f"new_w {where}", shape=shape),
            as_array(result[1], name=f"new_velocity {where}", shape=shape))


@exercise(3)
def check_momentum_step(momentum_step):
    """Exercise 3 of notebook 05: ``momentum_step(w, velocity, gradient, learning_rate, momentum)``.

    Six steps on fresh random weights and gradients (shapes (3,), (2, 4) and, in float32, (5,)),
    momentum 0, 0.5 and 0.9, the learning rate changing between steps; the weights are compared
    with Keras' SGD(momentum=...) fed the same gradients, the velocity with Keras' rule.
    """
    rng = np.random.default_rng(2025)
    for shape, momentum, dtype in (((3,), 0.9, np.float64), ((2, 4), 0.5, np.float64),
                                   ((5,), 0.0, np.float32), ((3,), 0.9, np.float32)):
        w0 = rng.normal(size=shape).astype(dtype)
        gradients = [rng.normal(scale=2.0, size=shape).astype(dtype) for _ in range(6)]
        learning_rates = [0.1, 0.1, 0.05, 0.05, 0.2, 0.02]
        keras_weights = _keras_momentum_run(w0, gradients, learning_rates, momentum)
        w, velocity = w0.astype(np.float64), np.zeros(shape)
        # Keras keeps the learning rate as a float32 variable: its rounding sets the tolerance
        rtol, atol = (1e-5, 1e-6) if dtype == np.float32 else (1e-6, 1e-8)
        for step, (gradient, learning_rate) in enumerate(zip(gradients, learning_rates), 1):
            where = (f"(step {step}, momentum {momentum}, learning rate {learning_rate}, "
                     f"shape {shape}, {np.dtype(dtype).name})")
            inputs = [np.array(value, dtype=dtype) for value in (w, velocity, gradient)]
            result = call(momentum_step, *inputs, learning_rate, momentum, name="momentum_step")
            new_w, new_velocity = _read_pair(result, shape, where)
            expected_velocity = momentum * velocity - learning_rate * gradient.astype(np.float64)
            right = (np.allclose(new_w, keras_weights[step - 1], rtol=rtol, atol=atol)
                     and np.allclose(new_velocity, expected_velocity, rtol=rtol, atol=atol))
            if not right:
                for (w_wrong, v_wrong), hint in _momentum_variants(
                        w, velocity, gradient.astype(np.float64), learning_rate, momentum):
                    if (np.allclose(new_w, w_wrong, rtol=rtol, atol=atol)
                            and np.allclose(new_velocity, v_wrong, rtol=rtol, atol=atol)):
                        fail(f"{hint} {where}")
                expect_close(new_velocity, expected_velocity, name=f"new_velocity {where}",
                             rtol=rtol, atol=atol, hint=f"new_velocity {where} is not "
                             "βv - ηg, the velocity Keras keeps.")
                fail(f"new_w {where} differs from what Keras' SGD(momentum={momentum}) gives: "
                     "w <- w + v with the new velocity.")
            w, velocity = keras_weights[step - 1], new_velocity
    passed("Six steps with momentum 0, 0.5 and 0.9, and a learning rate that changes between "
           "steps, move the weights exactly as Keras' SGD(momentum=...) does.")


# --- Exercise 4: Adam's first step ----------------------------------------------------------------

ADAM_EXERCISE = {"learning_rate": 0.01, "gradient": (250.0, -0.004, 0.0, 3.0)}


def _keras_adam_first_step():
    import keras

    gradient = np.array(ADAM_EXERCISE["gradient"])
    start = np.array([0.5, -1.0, 2.0, 0.0])
    variable = keras.Variable(start, dtype="float64")
    optimizer = keras.optimizers.Adam(learning_rate=ADAM_EXERCISE["learning_rate"])
    optimizer.apply_gradients([(gradient, variable)])
    return variable.numpy() - start


@exercise(4)
def check_adam_first_step(change):
    """Exercise 4 of notebook 05: the change of each weight in Adam's first step, predicted.

    Compared with what Keras' Adam (default betas and epsilon) does to a float64 variable.
    """
    expected = _keras_adam_first_step()
    learning_rate = ADAM_EXERCISE["learning_rate"]
    gradient = np.array(ADAM_EXERCISE["gradient"])
    answer = as_array(change, name="adam_change", shape=expected.shape)
    close = dict(rtol=2e-3, atol=1e-6)
    if np.allclose(answer, -learning_rate * gradient, **close):
        fail("That is plain gradient descent's step, -η g. Adam divides the (averaged) gradient "
             "by the root of its (averaged) square: work out m_hat / sqrt(v_hat) after one step.")
    if np.allclose(answer, -expected, **close):
        fail("The signs are reversed: every optimizer steps against the gradient.")
    no_correction = -learning_rate * 0.1 * gradient / (np.sqrt(0.001 * gradient**2) + 1e-7)
    if np.allclose(answer, no_correction, **close):
        fail("Without the bias correction m = 0.1 g and v = 0.001 g^2 give steps of 3.16 η. "
             "Adam divides m by (1 - β1^t) and v by (1 - β2^t): at t = 1 both become g and g^2.")
    if np.allclose(np.abs(answer), learning_rate, **close):
        fail("A weight whose gradient is exactly 0 gets m = 0, so it does not move at all.")
    expect_close(answer, expected, name="adam_change", **close, hint=(
        "At t = 1, m_hat = g and v_hat = g^2, so each weight moves by -η g / (|g| + ε): the "
        "same length η for every weight with a nonzero gradient, whatever its size."))
    passed(f"Keras' Adam moves the weights by {np.round(expected, 6).tolist()}: a step of "
           f"length η = {learning_rate} for every weight with a nonzero gradient, 250 or 0.004.")
