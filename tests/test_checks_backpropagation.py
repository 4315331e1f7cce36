"""Tests of the exercise checks of notebook 06: right answers pass, typical mistakes fail."""
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


# --- exercise 1: the backward pass of a softmax output layer ---------------------------------

def softmax_backward(X, W, b, Y, sign=1, scale=None, db_mean=False, forget_y=False,
                     dx_no_transpose=False, dw_transposed=False):
    """The right answer, or one typical mistake switched on by a keyword."""
    m = len(X)
    P = scratch.softmax(X @ W + b, axis=1)
    dZ = sign * ((P if forget_y else P - Y) / (m if scale is None else scale))
    dW = dZ.T @ X if dw_transposed else X.T @ dZ
    db = dZ.mean(axis=0) if db_mean else dZ.sum(axis=0)
    dX = dZ @ W if dx_no_transpose else dZ @ W.T
    return dX, dW, db


def softmax_backward_with_tape(X, W, b, Y):
    X, W, b = (tf.Variable(value) for value in (X, W, b))
    with tf.GradientTape() as tape:
        probabilities = tf.nn.softmax(X @ W + b)
        loss = -tf.reduce_mean(tf.reduce_sum(Y * tf.math.log(probabilities), axis=1))
    return [grad.numpy() for grad in tape.gradient(loss, [X, W, b])]  # a list, not a tuple


def softmax_backward_with_loops(X, W, b, Y):
    m = X.shape[0]
    dX, dW, db = np.zeros_like(X), np.zeros_like(W), np.zeros_like(b)
    for i in range(m):  # one example at a time
        z = X[i] @ W + b
        p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        dz = (p - Y[i]) / m
        dW += np.outer(X[i], dz)
        db += dz
        dX[i] = W @ dz
    return dX, dW, db


@pytest.mark.parametrize("answer", [softmax_backward, softmax_backward_with_loops])
def test_softmax_backward_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_softmax_backward, answer)


def dense_relu_backward_with_tape(X, W, b, dA):
    X, W, b = (tf.Variable(value) for value in (X, W, b))
    with tf.autodiff.GradientTape() as tape:  # the same tape, by its other name
        loss = tf.reduce_sum(tf.nn.relu(X @ W + b) * dA)
    return [grad.numpy() for grad in tape.gradient(loss, [X, W, b])]


@pytest.mark.parametrize("check, answer, library", [
    (checks.check_softmax_backward, softmax_backward_with_tape, "tensorflow.GradientTape"),
    (checks.check_dense_relu_backward, dense_relu_backward_with_tape,
     "tensorflow.autodiff.GradientTape"),
])
def test_automatic_differentiation_is_refused(check, answer, library):
    before = (tf.GradientTape, tf.autodiff.GradientTape, tf.gradients)
    with pytest.raises(AssertionError, match=f"uses `{library}`, which this exercise rules out"):
        check(answer)
    assert (tf.GradientTape, tf.autodiff.GradientTape, tf.gradients) == before  # all back


def test_the_tape_answer_would_be_right_without_the_rule():
    rng = np.random.default_rng(0)
    X, W, b = rng.normal(size=(6, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    Y = np.eye(3)[rng.integers(0, 3, size=6)]
    for ours, theirs in zip(softmax_backward_with_tape(X, W, b, Y), softmax_backward(X, W, b, Y)):
        assert np.allclose(ours, theirs)
    dA = rng.normal(size=(6, 3))
    for ours, theirs in zip(dense_relu_backward_with_tape(X, W, b, dA),
                            dense_relu_backward(X, W, b, dA)):
        assert np.allclose(ours, theirs)


@pytest.mark.parametrize("mistake, match", [
    (dict(sign=-1), "wrong sign"),
    (dict(scale=1), "times too large"),
    (dict(db_mean=True), "db SUMS dZ"),
    (dict(forget_y=True), "subtract the one-hot labels"),
    (dict(dx_no_transpose=True), "dX = dZ W\\^T"),
    (dict(dw_transposed=True), "transpose of the right answer"),
])
def test_softmax_backward_rejects_typical_mistakes(mistake, match):
    fails(checks.check_softmax_backward, lambda X, W, b, Y: softmax_backward(X, W, b, Y, **mistake),
          match=match)


@pytest.mark.parametrize("answer, match", [
    (lambda X, W, b, Y: {"dX": 0, "dW": 0, "db": 0}, "the tuple \\(dX, dW, db\\)"),
    (lambda X, W, b, Y: softmax_backward(X, W, b, Y)[1:], "length 2"),
    (lambda X, W, b, Y: (*softmax_backward(X, W, b, Y)[:2], (scratch.softmax(X @ W + b, axis=1) - Y)
                         / len(X)), "db should have the shape of b"),
    (lambda X, W, b, Y: tuple(g * np.nan for g in softmax_backward(X, W, b, Y)), "nan or inf"),
    ([1.0, 2.0, 3.0], "should be a function"),
])
def test_softmax_backward_rejects_malformed_answers(answer, match):
    fails(checks.check_softmax_backward, answer, match=match)


def test_softmax_backward_placeholder(capsys):
    def placeholder(X, W, b, Y):
        return ...
    not_answered(capsys, checks.check_softmax_backward, placeholder, number=1)


# --- exercise 2: the backward pass of a dense ReLU layer --------------------------------------

def dense_relu_backward(X, W, b, dA, mask="right", db_mean=False, dx_no_transpose=False,
                        dw_transposed=False):
    Z = X @ W + b
    dZ = {"right": dA * (Z > 0), "none": dA, "times_z": dA * Z}[mask]
    dW = dZ.T @ X if dw_transposed else X.T @ dZ
    db = dZ.mean(axis=0) if db_mean else dZ.sum(axis=0)
    dX = dZ @ W if dx_no_transpose else dZ @ W.T
    return dX, dW, db


def dense_relu_backward_from_activations(X, W, b, dA):
    A = np.maximum(0, X @ W + b)
    dZ = np.where(A > 0, dA, 0.0)
    return [dZ @ W.T, X.T @ dZ, np.sum(dZ, axis=0)]


@pytest.mark.parametrize("answer", [dense_relu_backward, dense_relu_backward_from_activations])
def test_dense_relu_backward_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_dense_relu_backward, answer)


@pytest.mark.parametrize("mistake, match", [
    (dict(mask="none"), "ignores the ReLU"),
    (dict(mask="times_z"), "multiplied dA by Z"),
    (dict(db_mean=True), "should SUM them"),
    (dict(dx_no_transpose=True), "dX = dZ W\\^T"),
    (dict(dw_transposed=True), "transpose of the right answer"),
])
def test_dense_relu_backward_rejects_typical_mistakes(mistake, match):
    fails(checks.check_dense_relu_backward,
          lambda X, W, b, dA: dense_relu_backward(X, W, b, dA, **mistake), match=match)


def test_dense_relu_backward_placeholder(capsys):
    def placeholder(X, W, b, dA):
        return ...
    not_answered(capsys, checks.check_dense_relu_backward, placeholder, number=2)


# --- exercise 3: why finite differences agree only to about 1e-10 ------------------------------

@pytest.mark.parametrize("answer", ["B", "b", "(B)"])
def test_gradient_check_reason_accepts_right_answers(capsys, answer):
    passes(capsys, checks.check_gradient_check_reason, answer)


@pytest.mark.parametrize("answer, match", [
    ("A", "agrees to 1e-16"), ("C", "eps\\^2"), ("D", "dtype you give it"), (2, "one of the letters"),
])
def test_gradient_check_reason_rejects_typical_mistakes(answer, match):
    fails(checks.check_gradient_check_reason, answer, match=match)


def test_gradient_check_reason_placeholder(capsys):
    not_answered(capsys, checks.check_gradient_check_reason, ..., number=3)


def test_exercise_numbers_follow_the_notebook():
    assert checks.check_softmax_backward.exercise_number == 1
    assert checks.check_dense_relu_backward.exercise_number == 2
    assert checks.check_gradient_check_reason.exercise_number == 3


def test_a_flattened_gradient_gets_a_shape_hint():
    def flattened(X, W, b, Y):
        dX, dW, db = softmax_backward(X, W, b, Y)
        return dX, dW.ravel(), db
    fails(checks.check_softmax_backward, flattened, match=r"dW should have the shape of W, \(5, 5\)")
