"""Tests of notebook 03's exercise checks (utils/checks/activations.py): right answers written
two ways pass, the mistakes students make fail with a hint naming them, placeholders say
"not answered yet"."""
import numpy as np
import pytest

from utils import checks, scratch


def output(check, capsys, *answer):
    check(*answer)
    return capsys.readouterr().out


# --- Exercise 1: a stable softmax ------------------------------------------------------------------

def softmax_max_shift(scores):
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def softmax_log_sum_exp(scores):
    """exp(z - logsumexp(z)), the largest score taken out by hand; a list of rows back for 2-D."""
    top = np.max(scores, axis=-1)[..., np.newaxis]
    log_total = top + np.log(np.sum(np.exp(scores - top), axis=-1))[..., np.newaxis]
    result = np.exp(scores - log_total)
    return [list(row) for row in result] if result.ndim == 2 else result


def with_shift(shift):
    def softmax(scores):
        exps = np.exp(scores - shift(scores))
        return exps / exps.sum(axis=-1, keepdims=True)
    return softmax


def softmax_placeholder(scores):
    """Softmax along the last axis (the student edition's version)."""
    # your code here
    return ...


@pytest.mark.parametrize("answer", [softmax_max_shift, softmax_log_sum_exp])
def test_stable_softmax_passes_right_answers(answer, capsys):
    assert "Correct!" in output(checks.check_stable_softmax, capsys, answer)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the wrong answers overflow, as students see
@pytest.mark.parametrize("answer,hint", [
    (with_shift(lambda s: 0.0), "e\\^z overflowed"),
    (with_shift(lambda s: s.min(axis=-1, keepdims=True)), "e\\^z overflowed.*minimum or the mean"),
    (with_shift(lambda s: s.mean(axis=-1, keepdims=True)), "e\\^z overflowed"),
    (with_shift(lambda s: s.max()), "each row's own maximum"),
    (lambda s: np.exp(s - s.max(axis=-1, keepdims=True)) / np.exp(s - s.max(axis=-1, keepdims=True)).sum(),
     "the whole array sums to 1"),
    (lambda s: np.exp(s - s.max(axis=0)) / np.exp(s - s.max(axis=0)).sum(axis=0), "each column sums to 1"),
    (lambda s: np.exp(s - s.max(axis=-1)) / np.exp(s - s.max(axis=-1)).sum(axis=-1), "raised ValueError"),
    (lambda s: softmax_max_shift(s.astype(np.float32)), "only float32-accurate"),
    (lambda s: scratch.softmax(s), "uses a ready-made softmax"),
    (lambda s: softmax_max_shift(s.__isub__(s.max(axis=-1, keepdims=True))), "changed the scores"),
    (lambda s: softmax_max_shift(s)[..., :-1], "one probability per score"),
    (lambda s: np.exp(s) / (1 + np.exp(s)), "nan or inf|sum to 1"),
])
def test_stable_softmax_names_the_mistake(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_stable_softmax(answer)


def test_stable_softmax_refuses_tensorflow_and_puts_it_back():
    import tensorflow as tf

    original = tf.nn.softmax
    with pytest.raises(AssertionError, match="ready-made softmax"):
        checks.check_stable_softmax(lambda s: tf.nn.softmax(s).numpy())
    assert tf.nn.softmax is original and scratch.softmax(np.array([0.0, 0.0]))[0] == 0.5


def test_stable_softmax_placeholder_is_not_answered(capsys):
    assert "Exercise 1 is not answered yet" in output(checks.check_stable_softmax, capsys,
                                                      softmax_placeholder)
    assert "Exercise 1 is not answered yet" in output(checks.check_stable_softmax, capsys, ...)


# --- Exercise 2: a gradient through ten layers -----------------------------------------------------

@pytest.mark.parametrize("alive,power", [("B", -5), ("(b)", np.float64(-6.0)), ("b", [-5])])
def test_deep_gradient_passes_right_answers(alive, power, capsys):
    text = output(checks.check_deep_gradient, capsys, alive, power)
    assert "Correct!" in text and "sigmoid" in text


@pytest.mark.parametrize("alive,power,hint", [
    ("A", -5, "it is the sigmoid whose slope is at most 0.25"),
    ("C", -5, "nine of them"),
    ("D", -5, "slope exactly 1"),
    ("B", -10, "more than one power of ten away"),
    ("B", -1, "more than one power of ten away"),
    ("B", 5, "power of ten is negative"),
    ("B", "-5", "drop the quotes"),
])
def test_deep_gradient_names_the_mistake(alive, power, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_deep_gradient(alive, power)


def test_deep_gradient_placeholder_is_not_answered(capsys):
    assert "Exercise 2 is not answered yet" in output(checks.check_deep_gradient, capsys, ..., ...)
    assert "Exercise 2 is not answered yet" in output(checks.check_deep_gradient, capsys, "B", ...)


def test_deep_gradient_ratios_separate_the_activations_for_several_seeds():
    for seed in range(3):
        ratios = checks.deep_gradient_ratios(seed=seed)
        assert ratios["sigmoid"] < 1e-4 and ratios["tanh"] > 0.3 and ratios["relu"] > 0.3
        assert abs(np.log10(ratios["sigmoid"]) + 5.4) < 0.4  # the check accepts -6 and -5


# --- Exercise 3: a tent from three ReLUs -----------------------------------------------------------

@pytest.mark.parametrize("answer", [[1, -2, 1], (1.0, -2.0, 1.0), np.array([[1.0], [-2.0], [1.0]])])
def test_tent_from_relus_passes_right_answers(answer, capsys):
    assert "Correct!" in output(checks.check_tent_from_relus, capsys, answer)


@pytest.mark.parametrize("answer,hint", [
    ([1, -1, 0], "wrong between 0 and 1"),
    ([1, -2, 0], "wrong above 1: all three"),
    ([-1, 2, -1], "wrong between -1 and 0"),
    ([1, -1, 1], "wrong between 0 and 1"),
    ([1, -2], "three numbers"),
    ("1, -2, 1", "should be numbers"),
])
def test_tent_from_relus_names_the_mistake(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_tent_from_relus(answer)


def test_tent_from_relus_placeholder_is_not_answered(capsys):
    assert "Exercise 3 is not answered yet" in output(checks.check_tent_from_relus, capsys, ...)


def test_exercise_numbers():
    assert checks.check_stable_softmax.exercise_number == 1
    assert checks.check_deep_gradient.exercise_number == 2
    assert checks.check_tent_from_relus.exercise_number == 3
