"""Tests of the exercise checks of notebook 04: right answers pass, typical mistakes fail."""
import keras
import numpy as np
import pytest
import tensorflow as tf

from utils import checks, scratch


def passes(capsys, check, *answers):
    check(*answers)
    assert "Correct!" in capsys.readouterr().out


def fails(check, *answers, match):
    with pytest.raises(AssertionError, match=match):
        check(*answers)


def not_answered(capsys, check, *answers, number):
    check(*answers)
    assert f"Exercise {number} is not answered yet" in capsys.readouterr().out


# --- exercise 1: binary cross-entropy from logits ----------------------------------------------

def stable(y_true, logits):
    return np.mean(np.maximum(logits, 0) - logits * y_true + np.log1p(np.exp(-np.abs(logits))))


def stable_with_logaddexp(y_true, logits):
    # -log sigmoid(z) = log(1 + e^-z) = logaddexp(0, -z); -log(1 - sigmoid(z)) = logaddexp(0, z)
    return float(np.mean(y_true * np.logaddexp(0, -logits) + (1 - y_true) * np.logaddexp(0, logits)))


def keras_own(y_true, logits):
    return keras.losses.BinaryCrossentropy(from_logits=True)(y_true, logits)


def tensorflow_own(y_true, logits):
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=logits))


def naive(y_true, logits):
    p = scratch.sigmoid(logits)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def clipped(y_true, logits):  # what Keras does with probabilities: finite, but not exact
    p = np.clip(scratch.sigmoid(logits), 1e-7, 1 - 1e-7)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def overflowing(y_true, logits):  # right on paper, e^1000 overflows
    return np.mean(np.log(1 + np.exp(logits)) - y_true * logits)


@pytest.mark.parametrize("answer", [stable, stable_with_logaddexp, keras_own, tensorflow_own])
def test_bce_from_logits_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_bce_from_logits, answer)


@pytest.mark.parametrize("answer, match", [
    (naive, "overflows or hits log\\(0\\)"),
    (overflowing, "overflows or hits log\\(0\\)"),
    (clipped, "probability was clipped near 1e-7"),
    (lambda y, z: keras.losses.BinaryCrossentropy()(y, tf.math.sigmoid(z)), "clipped near 1e-7"),
    (lambda y, z: -stable(y, z), "sign is wrong"),
    (lambda y, z: stable(y, z) * y.size, "sum over the examples"),
    (lambda y, z: stable(1 - y, z), "labels are swapped"),
    (lambda y, z: np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), "return their mean"),
    (lambda y, z: np.mean(np.maximum(z, 0) - z * y), "the mean binary cross-entropy is"),
    (lambda y, z: None, "forget the `return`"),
    (0.3329, "should be a function"),
])
def test_bce_from_logits_rejects_typical_mistakes(answer, match):
    fails(checks.check_bce_from_logits, answer, match=match)


def test_bce_from_logits_placeholder(capsys):
    def bce_from_logits(y_true, logits):
        return ...
    not_answered(capsys, checks.check_bce_from_logits, bce_from_logits, number=1)
    not_answered(capsys, checks.check_bce_from_logits, ..., number=1)


# --- exercise 2: the loss of an untrained 10-class classifier ------------------------------------

@pytest.mark.parametrize("answer", [np.log(10), 2.3026, -np.log(0.1), np.array([2.30]),
                                    tf.constant(2.302585)])
def test_initial_loss_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_initial_loss, answer)


@pytest.mark.parametrize("answer, match", [
    (0.1, "probability the true class gets"),
    (1.0, "log base 10"),
    (-2.3026, "sign is wrong"),
    (0.6931, "two classes"),
    (23.026, "only the true class"),
    (4.5, "is not it"),
    ("2.30", "not the text"),
])
def test_initial_loss_rejects_typical_mistakes(answer, match):
    fails(checks.check_initial_loss, answer, match=match)


def test_initial_loss_placeholder(capsys):
    not_answered(capsys, checks.check_initial_loss, ..., number=2)


# --- exercise 3: several yes/no answers at once ------------------------------------------------

@pytest.mark.parametrize("answer", ["B", "b", "(b)", " B "])
def test_multilabel_output_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_multilabel_output, answer)


@pytest.mark.parametrize("answer, match", [
    ("A", "compete"), ("C", "one yes/no question"), ("D", "gradient vanishes"), ("E", "one of the letters"),
])
def test_multilabel_output_rejects_typical_mistakes(answer, match):
    fails(checks.check_multilabel_output, answer, match=match)


def test_multilabel_output_placeholder(capsys):
    not_answered(capsys, checks.check_multilabel_output, ..., number=3)


def test_exercise_numbers_follow_the_notebook():
    assert checks.check_bce_from_logits.exercise_number == 1
    assert checks.check_initial_loss.exercise_number == 2
    assert checks.check_multilabel_output.exercise_number == 3
