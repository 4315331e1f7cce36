"""Tests of notebook 05's exercise checks (utils/checks/gradient_descent.py): right answers written
two ways pass, the mistakes students make fail with a hint naming them, placeholders say
"not answered yet"."""
import numpy as np
import pytest
import tensorflow as tf

from check_output import not_answered, passes
from utils import checks


def placeholder_function(*args):
    ### what the student edition leaves: the signature and `return ...`
    return ...


@pytest.mark.parametrize("check, number", [
    (checks.check_critical_learning_rate, 1), (checks.check_epoch_batches, 2),
    (checks.check_momentum_step, 3), (checks.check_adam_first_step, 4),
])
def test_placeholders_say_not_answered_and_numbers_match(check, number, capsys):
    assert check.exercise_number == number
    assert not_answered(check, ..., capsys, number)
    assert not_answered(check, None, capsys, number)
    if number in (2, 3):
        assert not_answered(check, placeholder_function, capsys, number)


# --- Exercise 1: the critical learning rate -------------------------------------------------------

def hessian():
    q = checks.CRITICAL_QUADRATIC
    return np.array([[2 * q["a"], q["b"]], [q["b"], 2 * q["c"]]])


def test_critical_learning_rate_right_answers_pass(capsys):
    eigenvalues = np.linalg.eigvalsh(hessian())
    assert passes(checks.check_critical_learning_rate, 2 / eigenvalues.max(), capsys)
    by_hand = 2 / (6 + np.sqrt(13))  # eigenvalues of [[4, 3], [3, 8]]: 6 +- sqrt(13)
    assert passes(checks.check_critical_learning_rate, np.array([round(by_hand, 3)]), capsys)
    assert passes(checks.check_critical_learning_rate, tf.constant(by_hand), capsys)


@pytest.mark.parametrize("answer, match", [
    (2 / (6 - np.sqrt(13)), "STEEPEST direction"),  # 2 / lambda_min
    (1 / 4, "STEEPEST direction"),  # the 1-D rule 1/a on the steeper axis, cross term ignored
    (4 / (6 + np.sqrt(13)), "Hessian 2A"),  # eigenvalues of the coefficient matrix A, not of H
    (1 / (6 + np.sqrt(13)), "zig-zag"),  # where the overshooting starts
    (2 / 12, "trace"),  # 2 / (sum of the eigenvalues)
    (0.0, "positive"),
])
def test_critical_learning_rate_wrong_answers_fail(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_critical_learning_rate(answer)


def test_critical_learning_rate_rejects_text():
    with pytest.raises(AssertionError, match="drop the quotes"):
        checks.check_critical_learning_rate("0.2")


# --- Exercise 2: the mini-batches of an epoch -----------------------------------------------------

def batches_permutation(n, batch_size, seed, epoch):
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_replay(n, batch_size, seed, epoch):  # one stream per run, replayed up to the epoch
    rng = np.random.default_rng(seed)
    for _ in range(epoch + 1):
        order = np.arange(n)
        rng.shuffle(order)
    return tuple(np.split(order, range(batch_size, n, batch_size)))


def batches_seed_plus_epoch(n, batch_size, seed, epoch):
    order = np.random.default_rng(seed + epoch).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_fixed(n, batch_size, seed, epoch):
    order = np.random.default_rng(seed).permutation(n)  # epoch ignored
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_rotation(n, batch_size, seed, epoch):  # the known hole: a cyclic rotation
    order = np.roll(np.arange(n), np.random.default_rng([seed, epoch]).integers(1, n))
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_rotated_permutation(n, batch_size, seed, epoch):
    order = np.roll(np.random.default_rng(seed).permutation(n), 7 * epoch + 1)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_shuffled_batch_order(n, batch_size, seed, epoch):  # the short batch stays last
    batches = [np.arange(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]
    full = len(batches) - (n % batch_size > 0)
    rng = np.random.default_rng([seed, epoch])
    return [batches[i] for i in rng.permutation(full)] + batches[full:]


def batches_shuffled_inside(n, batch_size, seed, epoch):
    rng = np.random.default_rng([seed, epoch])
    return [rng.permutation(np.arange(start, min(start + batch_size, n)))
            for start in range(0, n, batch_size)]


def batches_stride(n, batch_size, seed, epoch):  # a pseudo-shuffle: (a * i + b) % n
    rng = np.random.default_rng([seed, epoch])
    strides = [a for a in range(2, n - 1) if np.gcd(a, n) == 1]  # not 1 or n - 1: no rotation
    order = (rng.choice(strides) * np.arange(n) + rng.integers(n)) % n
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_global_random(n, batch_size, seed, epoch):
    order = np.random.permutation(n)  # ignores seed and epoch: not reproducible
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def batches_drop_last(n, batch_size, seed, epoch):
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[start:start + batch_size] for start in range(0, n - batch_size + 1, batch_size)]


def batches_array_split(n, batch_size, seed, epoch):
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return np.array_split(order, -(-n // batch_size))


def batches_with_replacement(n, batch_size, seed, epoch):
    order = np.random.default_rng([seed, epoch]).integers(0, n, size=n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def test_epoch_batches_right_answers_pass(capsys):
    assert passes(checks.check_epoch_batches, batches_permutation, capsys)
    assert passes(checks.check_epoch_batches, batches_replay, capsys)


@pytest.mark.parametrize("answer, match", [
    (batches_seed_plus_epoch, r"seed \+ epoch mixes"),
    (batches_fixed, "the epoch must change it|fixed permutation"),
    (batches_rotation, "cyclic rotation"),
    (batches_rotated_permutation, "rotation of one fixed permutation"),
    (batches_shuffled_batch_order, "same groups of examples"),
    (batches_shuffled_inside, "same groups of examples"),
    (batches_global_random, "same seed .* and epoch .* gave different"),
    (batches_stride, "fixed stride|shifted copies"),
    (batches_drop_last, "missing"),
    (batches_array_split, "batch sizes should be"),
    (batches_with_replacement, "exactly once"),
])
def test_epoch_batches_wrong_answers_fail(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_epoch_batches(answer)


# --- Exercise 3: a momentum step ------------------------------------------------------------------

def momentum_keras_form(w, velocity, gradient, learning_rate, momentum):
    new_velocity = momentum * velocity - learning_rate * gradient
    return w + new_velocity, new_velocity


def momentum_in_place(w, velocity, gradient, learning_rate, momentum):
    velocity *= momentum
    velocity -= learning_rate * gradient
    w += velocity
    return [tf.constant(w), velocity]  # a list, and a tensor, are fine


def momentum_old_velocity(w, velocity, gradient, learning_rate, momentum):
    return w + velocity, momentum * velocity - learning_rate * gradient


def momentum_pytorch_form(w, velocity, gradient, learning_rate, momentum):
    new_velocity = momentum * velocity + gradient
    return w - learning_rate * new_velocity, new_velocity


def momentum_nesterov(w, velocity, gradient, learning_rate, momentum):
    new_velocity = momentum * velocity - learning_rate * gradient
    return w + momentum * new_velocity - learning_rate * gradient, new_velocity


def momentum_dampened(w, velocity, gradient, learning_rate, momentum):
    new_velocity = momentum * velocity - (1 - momentum) * learning_rate * gradient
    return w + new_velocity, new_velocity


def momentum_flipped_velocity(w, velocity, gradient, learning_rate, momentum):
    new_velocity = momentum * velocity + learning_rate * gradient
    return w - new_velocity, new_velocity


def momentum_forgotten(w, velocity, gradient, learning_rate, momentum):
    return w - learning_rate * gradient, velocity


def momentum_one_value(w, velocity, gradient, learning_rate, momentum):
    return w + momentum * velocity - learning_rate * gradient


def test_momentum_step_right_answers_pass(capsys):
    assert passes(checks.check_momentum_step, momentum_keras_form, capsys)
    assert passes(checks.check_momentum_step, momentum_in_place, capsys)


@pytest.mark.parametrize("answer, match", [
    (momentum_old_velocity, "OLD velocity"),
    (momentum_pytorch_form, "PyTorch"),
    (momentum_nesterov, "Nesterov"),
    (momentum_dampened, r"\(1 - β\)"),
    (momentum_flipped_velocity, "opposite sign"),
    (momentum_forgotten, "new_velocity .* is not"),
    (momentum_one_value, "return two things"),
])
def test_momentum_step_wrong_answers_fail(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_momentum_step(answer)


# --- Exercise 4: Adam's first step ----------------------------------------------------------------

def adam_reference():
    g = np.array(checks.ADAM_EXERCISE["gradient"])
    return -checks.ADAM_EXERCISE["learning_rate"] * np.sign(g)


def test_adam_first_step_right_answers_pass(capsys):
    assert passes(checks.check_adam_first_step, adam_reference(), capsys)
    assert passes(checks.check_adam_first_step, [-0.01, 0.01, 0, -0.01], capsys)
    assert passes(checks.check_adam_first_step, (-0.01, 0.009999, 0.0, -0.01), capsys)


@pytest.mark.parametrize("answer, match", [
    (-0.01 * np.array(checks.ADAM_EXERCISE["gradient"]), "plain gradient descent"),
    (-adam_reference(), "signs are reversed"),
    (adam_reference() * np.sqrt(1000) / 10, "bias correction"),
    ([-0.01, 0.01, -0.01, -0.01], "does not move"),
    ([-0.01, 0.01, 0.0], "shape"),
    ([-0.02, 0.02, 0.0, -0.02], "same length"),
])
def test_adam_first_step_wrong_answers_fail(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_adam_first_step(answer)
