"""Tests of notebook 01's exercise checks (utils/checks/tensorflow_basics.py): right answers
written two ways pass, the mistakes students make fail with a hint naming them, placeholders say
"not answered yet"."""
import numpy as np
import pytest
import tensorflow as tf

from check_output import not_answered, passes
from utils import checks

RIGHT_SHAPES = {"A": (8, 3, 5), "B": (8, 5), "C": (8, 3, 1), "D": (8, 3, 4, 5), "E": None}


# --- Exercise 1: predict the shapes ----------------------------------------------------------------

def test_broadcast_shapes_accepts_tuples_lists_and_tensor_shapes(capsys):
    assert passes(checks.check_broadcast_shapes, RIGHT_SHAPES, capsys)
    written_otherwise = {"a": [8, 3, 5], "b": tf.TensorShape([8, 5]), "c": (8, 3, 1),
                         "d": np.array([8, 3, 4, 5]).tolist(), "e": "error"}
    assert passes(checks.check_broadcast_shapes, written_otherwise, capsys)


@pytest.mark.parametrize("change, words", [
    ({"B": (8, 1, 5)}, "B, tf.reduce_sum.*removes that axis"),  # kept the axis without keepdims
    ({"C": (8, 3)}, "C, .*keepdims=True keeps the reduced axis"),
    ({"D": None}, "D, .*\\(8, 3, 1, 5\\)"),  # lined up from the left
    ({"E": (8, 3, 5)}, "E, .*5 against 3"),  # thought a length-3 vector matches axis 1
    ({"A": None}, "A, .*missing axes count as 1"),
    ({"B": (3,)}, "B, "),
])
def test_broadcast_shapes_names_the_wrong_letters(change, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_broadcast_shapes({**RIGHT_SHAPES, **change})


def test_broadcast_shapes_rejects_malformed_answers():
    with pytest.raises(AssertionError, match="keys \\['A', 'B', 'C', 'D', 'E'\\]"):
        checks.check_broadcast_shapes({"A": (8, 3, 5)})
    with pytest.raises(AssertionError, match="tuple of whole numbers"):
        checks.check_broadcast_shapes({**RIGHT_SHAPES, "A": "(8, 3, 5)"})
    with pytest.raises(AssertionError, match="should be a dict"):
        checks.check_broadcast_shapes([(8, 3, 5)])


def test_broadcast_shapes_placeholder(capsys):
    assert not_answered(checks.check_broadcast_shapes, ..., capsys, 1)
    assert not_answered(checks.check_broadcast_shapes, dict.fromkeys("ABCDE", ...), capsys, 1)
    assert checks.check_broadcast_shapes.exercise_number == 1


# --- Exercise 2: standardize every column -------------------------------------------------------

def standardize_tf(x):
    return (x - tf.reduce_mean(x, axis=0)) / tf.math.reduce_std(x, axis=0)


def standardize_numpy(x):
    x = np.asarray(x)
    mean = x.mean(axis=0, keepdims=True)
    return ((x - mean) / np.sqrt(((x - mean) ** 2).mean(axis=0, keepdims=True))).tolist()


@pytest.mark.parametrize("solution", [standardize_tf, standardize_numpy])
def test_standardize_columns_accepts_right_answers(solution, capsys):
    assert passes(checks.check_standardize_columns, solution, capsys)


@pytest.mark.parametrize("mistake, words", [
    (lambda x: (x - tf.reduce_mean(x, axis=1, keepdims=True))
     / tf.math.reduce_std(x, axis=1, keepdims=True), "standardized each \\*row\\*"),
    (lambda x: (x - tf.reduce_mean(x)) / tf.math.reduce_std(x), "whole table"),
    (lambda x: x - tf.reduce_mean(x, axis=0), "centred but not scaled"),
    (lambda x: (x - tf.reduce_mean(x, axis=0)) / tf.math.reduce_variance(x, axis=0),
     "divided by the variance"),
    (lambda x: (x - np.mean(x, axis=0)) / np.std(x, axis=0, ddof=1), "sample standard deviation"),
    (lambda x: x / tf.math.reduce_std(x, axis=0) - tf.reduce_mean(x, axis=0), "before you divide"),
    (lambda x: tf.reduce_mean(x, axis=0), "shape of its input"),
    (lambda x: (x - tf.reduce_min(x, axis=0)) / (tf.reduce_max(x, axis=0) - tf.reduce_min(x, axis=0)),
     "mean 0 and standard deviation 1"),
])
def test_standardize_columns_names_the_mistake(mistake, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_standardize_columns(mistake)


def test_standardize_columns_placeholder(capsys):
    assert not_answered(checks.check_standardize_columns, lambda x: ..., capsys, 2)
    assert checks.check_standardize_columns.exercise_number == 2


# --- Exercise 3: a derivative with GradientTape ---------------------------------------------------

def derivative_watch(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def derivative_variable(f, x):
    x = tf.Variable(x)
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(f(x))
    return tape.gradient(total, x).numpy()


def derivative_unwatched(f, x):
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)


def derivative_outside(f, x):
    y = f(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
    return tape.gradient(y, x)


def derivative_value(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return y


def derivative_square(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x**2
    return tape.gradient(y, x)


def derivative_jacobian(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.jacobian(y, x)


def derivative_forward_difference(f, x):
    return (f(x + 1e-2) - f(x)) / 1e-2


def derivative_central_difference(f, x):  # as good as float32 allows, still not exact
    return (f(x + 3e-3) - f(x - 3e-3)) / 6e-3


def derivative_float64_difference(f, x):
    x = tf.cast(x, tf.float64)
    return (f(x + 1e-6) - f(x - 1e-6)) / 2e-6


@pytest.mark.parametrize("solution", [derivative_watch, derivative_variable])
def test_tape_derivative_accepts_right_answers(solution, capsys):
    assert passes(checks.check_tape_derivative, solution, capsys)


@pytest.mark.parametrize("mistake, words", [
    (derivative_unwatched, "must be watched"),
    (derivative_outside, "inside the `with` block"),
    (derivative_value, "returned f\\(x\\) itself"),
    (derivative_square, "returned 2x"),
    (derivative_jacobian, "one slope per entry of x"),
    (derivative_forward_difference, "not exact enough"),
    (derivative_central_difference, "not exact enough"),
    (derivative_float64_difference, "f expects a float32 tensor"),
    (lambda f, x: 6.0, "is off for f\\(x\\) = x\\*\\*3 - 2x"),  # a typed-in number
])
def test_tape_derivative_names_the_mistake(mistake, words):
    with pytest.raises(AssertionError, match=words):
        checks.check_tape_derivative(mistake)


def test_tape_derivative_placeholder(capsys):
    assert not_answered(checks.check_tape_derivative, lambda f, x: ..., capsys, 3)
    assert not_answered(checks.check_tape_derivative, ..., capsys, 3)
    assert checks.check_tape_derivative.exercise_number == 3
