"""Tests of notebook 02's exercise checks (utils/checks/perceptron.py): right answers written
two ways pass, the mistakes students make fail with a hint naming them, placeholders say
"not answered yet"."""
import numpy as np
import pytest

from utils import checks


def output(check, capsys, *answer):
    check(*answer)
    return capsys.readouterr().out


# --- Exercise 1: one epoch of Rosenblatt's rule ----------------------------------------------------

def epoch_loop(X, y, w0, W, learning_rate=1.0):
    W = np.array(W, dtype=float)
    mistakes = 0
    for x_i, y_i in zip(X, y):
        if y_i * (w0 + x_i @ W) <= 0:
            W = W + learning_rate * y_i * x_i
            w0 = w0 + learning_rate * y_i
            mistakes += 1
    return w0, W, mistakes


def epoch_augmented(X, y, w0, W, learning_rate=1.0):
    """The bias as the weight of a column of ones, 0/1 thinking translated; lists back."""
    weights = np.concatenate([[w0], W])
    X1 = np.hstack([np.ones((len(X), 1)), X])
    wrong = 0
    for i in range(len(X1)):
        predicted = 1 if X1[i] @ weights > 0 else -1
        if predicted != y[i] or X1[i] @ weights == 0:
            weights = weights + learning_rate * (y[i] - predicted) / 2 * X1[i] if predicted != y[i] \
                else weights + learning_rate * y[i] * X1[i]
            wrong += 1
    return [float(weights[0]), weights[1:].tolist(), np.int64(wrong)]


def epoch_in_place(X, y, w0, W, learning_rate=1.0):
    mistakes = 0
    for x_i, y_i in zip(X, y):
        if y_i * (w0 + x_i @ W) <= 0:
            W += learning_rate * y_i * x_i  # changes the caller's array
            w0 += learning_rate * y_i
            mistakes += 1
    return w0, W, mistakes


def epoch_without_bias(X, y, w0, W, learning_rate=1.0):
    W = np.array(W, dtype=float)
    mistakes = 0
    for x_i, y_i in zip(X, y):
        if y_i * (w0 + x_i @ W) <= 0:
            W = W + learning_rate * y_i * x_i
            mistakes += 1
    return w0, W, mistakes


def epoch_wrong_sign(X, y, w0, W, learning_rate=1.0):
    W = np.array(W, dtype=float)
    mistakes = 0
    for x_i, y_i in zip(X, y):
        if y_i * (w0 + x_i @ W) <= 0:
            W, w0 = W - learning_rate * y_i * x_i, w0 - learning_rate * y_i
            mistakes += 1
    return w0, W, mistakes


def epoch_batch(X, y, w0, W, learning_rate=1.0):
    wrong = y * (w0 + X @ W) <= 0  # every point judged with the starting weights
    return (w0 + learning_rate * y[wrong].sum(), W + learning_rate * y[wrong] @ X[wrong],
            int(wrong.sum()))


def epoch_y_minus_sign(X, y, w0, W, learning_rate=1.0):
    """Section 4's formula copied with sign(z) as the prediction: steps of 2 on mistakes."""
    W = np.array(W, dtype=float)
    mistakes = 0
    for x_i, y_i in zip(X, y):
        error = y_i - np.sign(w0 + x_i @ W)
        W, w0 = W + learning_rate * error * x_i, w0 + learning_rate * error
        mistakes += int(error != 0)
    return w0, W, mistakes


def epoch_strict(X, y, w0, W, learning_rate=1.0):
    W = np.array(W, dtype=float)
    mistakes = 0
    for x_i, y_i in zip(X, y):
        if y_i * (w0 + x_i @ W) < 0:  # z = 0 slips through: stuck at zero weights
            W, w0 = W + learning_rate * y_i * x_i, w0 + learning_rate * y_i
            mistakes += 1
    return w0, W, mistakes


def epoch_shuffled(X, y, w0, W, learning_rate=1.0):
    order = np.random.default_rng(0).permutation(len(X))
    return epoch_loop(X[order], y[order], w0, W, learning_rate)


def epoch_counting_points(X, y, w0, W, learning_rate=1.0):
    w0, W, _ = epoch_loop(X, y, w0, W, learning_rate)
    return w0, W, len(X)


def epoch_placeholder(X, y, w0, W, learning_rate=1.0):
    """One pass of Rosenblatt's rule (the student edition's version)."""
    # your code here
    return ...


@pytest.mark.parametrize("answer", [epoch_loop, epoch_augmented])
def test_perceptron_epoch_passes_right_answers(answer, capsys):
    text = output(checks.check_perceptron_epoch, capsys, answer)
    assert "Correct!" in text and "separated two fresh separable sets" in text


@pytest.mark.parametrize("answer,hint", [
    (epoch_in_place, "changed the array W it was given"),
    (epoch_without_bias, "the bias w0 never changes"),
    (epoch_wrong_sign, "the wrong way"),
    (epoch_batch, "updates after each point"),
    (epoch_y_minus_sign, "twice too large"),
    (epoch_shuffled, "in the order given"),
    (epoch_counting_points, "should count the points with y \\* z <= 0"),
    (lambda X, y, w0, W, learning_rate=1.0: (w0, W), "should return three things"),
    (lambda X, y, w0, W, learning_rate=1.0: None, "forget the `return`"),
    (lambda X, y, w0, W, learning_rate=1.0: 0.5, "should return three things"),
])
def test_perceptron_epoch_names_the_mistake(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_perceptron_epoch(answer)


def test_a_strict_test_never_leaves_zero_weights():
    with pytest.raises(AssertionError, match="never moved them: every point then has z = 0"):
        checks.check_perceptron_epoch(epoch_strict)


def test_perceptron_epoch_placeholder_is_not_answered(capsys):
    assert "Exercise 1 is not answered yet" in output(checks.check_perceptron_epoch, capsys,
                                                      epoch_placeholder)
    assert "Exercise 1 is not answered yet" in output(checks.check_perceptron_epoch, capsys, ...)


# --- Exercise 2: how the boundary moves with the bias ----------------------------------------------

@pytest.mark.parametrize("distance,direction", [
    (2, "B"), (np.float32(2.0), "(b)"), (np.array([2.0]), " b"), (10 / 5, "b)"),
])
def test_boundary_shift_passes_right_answers(distance, direction, capsys):
    assert "Correct!" in output(checks.check_boundary_shift, capsys, distance, direction)


@pytest.mark.parametrize("distance,direction,hint", [
    (10, "B", "how much w0"),
    (10 / 7, "B", "not |w1| \\+ |w2|"),
    (2.5, "B", "crossing with the x2 axis"),
    (0.4, "B", "divides by |W| twice"),
    (-2, "B", "a distance is positive"),
    (1, "B", "is not the distance"),
    (2, "A", "the line retreats against W"),
    (2, "C", "does not turn the line"),
    (2, "D", "so the line moves"),
    ("2", "B", "drop the quotes"),
    (2, "E", "one of the letters"),
])
def test_boundary_shift_names_the_mistake(distance, direction, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_boundary_shift(distance, direction)


def test_boundary_shift_placeholder_is_not_answered(capsys):
    assert "Exercise 2 is not answered yet" in output(checks.check_boundary_shift, capsys, ..., ...)
    assert "Exercise 2 is not answered yet" in output(checks.check_boundary_shift, capsys, 2, ...)


# --- Exercise 3: on which sets does the rule converge? ---------------------------------------------

@pytest.mark.parametrize("answer", ["AC", "c, a", ["A", "C"], {"c", "a"}, ("(a)", "C")])
def test_converging_sets_passes_right_answers(answer, capsys):
    text = output(checks.check_converging_sets, capsys, answer)
    assert "Correct!" in text and "epoch 1,000" in text


@pytest.mark.parametrize("answer,hint", [
    ("A", "does converge on set C"),
    ("ACD", "never converges on set D: .*midpoint"),
    ("ABC", "never converges on set B"),
    ("ABCD", "never converges on set B"),
    ("", "does converge on set A"),
    ("AE", "only the letters A, B, C and D"),
    (3, "letters such as"),
])
def test_converging_sets_names_the_mistake(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_converging_sets(answer)


def test_converging_sets_placeholder_is_not_answered(capsys):
    assert "Exercise 3 is not answered yet" in output(checks.check_converging_sets, capsys, ...)


def test_the_sets_are_as_the_check_says():
    from utils.checks.perceptron import CONVERGENCE_SETS, _epochs_to_converge

    assert [_epochs_to_converge(*CONVERGENCE_SETS[name], max_epochs=200) is not None
            for name in "ABCD"] == [True, False, True, False]


def test_exercise_numbers():
    assert checks.check_perceptron_epoch.exercise_number == 1
    assert checks.check_boundary_shift.exercise_number == 2
    assert checks.check_converging_sets.exercise_number == 3
