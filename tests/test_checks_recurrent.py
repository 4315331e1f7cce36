"""Tests of notebook 10's exercise checks (utils/checks/recurrent.py): right answers written two
ways pass, the mistakes students make fail with a hint naming them, placeholders say "not answered
yet", and the checks' own reference agrees with Keras."""
import keras
import numpy as np
import pytest
import tensorflow as tf

from check_output import not_answered, passes
from utils import checks
from utils.checks import recurrent


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- Exercise 1: one LSTM step ---------------------------------------------------------------------

def lstm_split(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=-1)
    c_t = sigmoid(z_f) * c_prev + sigmoid(z_i) * np.tanh(z_c)
    return sigmoid(z_o) * np.tanh(c_t), c_t


def lstm_slices_as_list(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    u = h_prev.shape[1]
    gate = lambda k: x_t @ kernel[:, k * u:(k + 1) * u] + h_prev @ recurrent_kernel[:, k * u:(k + 1) * u] \
        + bias[k * u:(k + 1) * u]
    i, f, o = tf.sigmoid(gate(0)).numpy(), tf.sigmoid(gate(1)).numpy(), tf.sigmoid(gate(3)).numpy()
    c = f * c_prev + i * np.tanh(gate(2))
    return [o * np.tanh(c), c]  # a list, computed partly with TensorFlow


def lstm_wrong_order(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    z_f, z_i, z_c, z_o = np.split(z, 4, axis=-1)  # f first: not Keras' order
    c_t = sigmoid(z_f) * c_prev + sigmoid(z_i) * np.tanh(z_c)
    return sigmoid(z_o) * np.tanh(c_t), c_t


def lstm_sigmoid_candidate(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z_i, z_f, z_c, z_o = np.split(x_t @ kernel + h_prev @ recurrent_kernel + bias, 4, axis=-1)
    c_t = sigmoid(z_f) * c_prev + sigmoid(z_i) * sigmoid(z_c)
    return sigmoid(z_o) * np.tanh(c_t), c_t


def lstm_no_tanh_on_cell(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z_i, z_f, z_c, z_o = np.split(x_t @ kernel + h_prev @ recurrent_kernel + bias, 4, axis=-1)
    c_t = sigmoid(z_f) * c_prev + sigmoid(z_i) * np.tanh(z_c)
    return sigmoid(z_o) * c_t, c_t


def lstm_swapped(*args):
    h, c = lstm_split(*args)
    return c, h


def lstm_old_cell(*args):
    h, _ = lstm_split(*args)
    return h, args[2]


def lstm_only_h(*args):
    return lstm_split(*args)[0]


def test_lstm_reference_matches_keras():
    for batch, features, units, seed in [(4, 3, 5, 0), (2, 6, 3, 1)]:
        x_t, h_prev, c_prev, kernel, recurrent_kernel, bias = recurrent._lstm_case(batch, features, units, seed)
        layer = keras.layers.LSTM(units, return_state=True, dtype="float64")
        layer.build((batch, 1, features))
        layer.set_weights([kernel, recurrent_kernel, bias])
        _, h_keras, c_keras = layer(x_t[:, None, :], initial_state=[h_prev, c_prev])
        h, c = recurrent.lstm_step_reference(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)
        np.testing.assert_allclose(h, h_keras.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(c, c_keras.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("answer", [lstm_split, lstm_slices_as_list])
def test_lstm_step_accepts_right_answers(answer, capsys):
    assert passes(checks.check_lstm_step, answer, capsys)


@pytest.mark.parametrize("answer,hint", [
    (lstm_wrong_order, r"read in the order f, i, c, o: Keras stores them as i, f"),
    (lstm_sigmoid_candidate, r"candidate c~_t uses tanh, not the sigmoid"),
    (lstm_no_tanh_on_cell, r"h_t = o_t \* tanh\(c_t\), with the tanh"),
    (lstm_swapped, r"h_t and c_t are swapped"),
    (lstm_old_cell, r"h_t is right but c_t is not"),
    (lstm_only_h, r"should return a pair \(h_t, c_t\)"),
])
def test_lstm_step_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_lstm_step(answer)


def test_lstm_step_placeholder(capsys):
    def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        return ...
    assert not_answered(checks.check_lstm_step, lstm_step, capsys, 1)
    assert not_answered(checks.check_lstm_step, ..., capsys, 1)
    assert checks.check_lstm_step.exercise_number == 1


# --- Exercise 2: the parameter count ---------------------------------------------------------------

def keras_count():
    model = keras.Sequential([keras.Input(shape=(30, 6)), keras.layers.LSTM(8, return_sequences=True),
                              keras.layers.LSTM(4), keras.layers.Dense(1)])
    return model.count_params()


@pytest.mark.parametrize("answer", [693, 693.0, np.array([693]), "expression"])
def test_parameter_count_accepts_the_number_however_written(answer, capsys):
    if answer == "expression":
        answer = 4 * (6 * 8 + 8 * 8 + 8) + 4 * (8 * 4 + 4 * 4 + 4) + 5
    assert keras_count() == 693
    assert passes(checks.check_lstm_model_parameters, answer, capsys)


@pytest.mark.parametrize("answer,hint", [
    (30 * (480 + 208) + 5, r"once per time step: the same weights serve all 30 steps"),
    (30 * 693, r"once per time step"),
    ((480 + 208) // 4 + 5, r"four blocks of weights"),
    (4 * (6 * 8 + 8 * 8) + 4 * (8 * 4 + 4 * 4) + 5, r"also has a bias"),
    (480 + 4 * (6 * 4 + 16 + 4) + 5, r"second LSTM's input is the first one's state"),
    (4 * (6 * 8 + 8) + 4 * (8 * 4 + 4) + 5, r"recurrent kernel"),
    (700, r"700 is not it"),
    ("693", r"not the text"),
])
def test_parameter_count_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_lstm_model_parameters(answer)


def test_parameter_count_placeholder(capsys):
    assert not_answered(checks.check_lstm_model_parameters, ..., capsys, 2)
    assert not_answered(checks.check_lstm_model_parameters, None, capsys, 2)
    assert checks.check_lstm_model_parameters.exercise_number == 2


# --- Exercise 3: clipping by the global norm -------------------------------------------------------

def clip_numpy(gradients, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients))
    if norm <= max_norm:
        return [g.copy() for g in gradients]
    return [g * (max_norm / norm) for g in gradients]


def clip_concatenated(gradients, max_norm):
    norm = np.linalg.norm(np.concatenate([g.ravel() for g in gradients]))
    scale = max_norm / max(norm, max_norm)  # 1 when the norm is small (or zero)
    return tuple(g * scale for g in gradients)  # a tuple


def clip_tensorflow(gradients, max_norm):
    clipped, _ = tf.clip_by_global_norm([tf.constant(g) for g in gradients], max_norm)
    return list(clipped)  # right values, but tensors from TensorFlow's own function


def clip_per_array(gradients, max_norm):
    return [g * min(1.0, max_norm / np.linalg.norm(g)) if np.linalg.norm(g) > 0 else g for g in gradients]


def clip_by_value(gradients, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in gradients]


def clip_always(gradients, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients)) + 1e-12
    return [g * max_norm / norm for g in gradients]


def clip_in_place(gradients, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients))
    for g in gradients:
        g *= min(1.0, max_norm / norm) if norm > 0 else 1.0
    return gradients


def clip_divides_by_zero(gradients, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in gradients))
    with np.errstate(invalid="ignore", divide="ignore"):
        return [g / norm * min(norm, max_norm) for g in gradients]  # 0 / 0 for zero gradients


def clip_sum_of_norms(gradients, max_norm):
    norm = sum(np.linalg.norm(g) for g in gradients)
    return [g * min(1.0, max_norm / norm) if norm > 0 else g for g in gradients]


@pytest.mark.parametrize("answer", [clip_numpy, clip_concatenated])
def test_clip_accepts_right_answers(answer, capsys):
    assert passes(checks.check_clip_by_global_norm, answer, capsys)


@pytest.mark.parametrize("answer,hint", [
    (clip_per_array, r"clipped by its own norm: use one global norm"),
    (clip_tensorflow, r"returns TensorFlow tensors: write the clipping itself with NumPy"),
    (clip_by_value, r"clips each value separately"),
    (clip_always, r"already at most max_norm = 1.0: return the gradients unchanged"),
    (clip_in_place, r"changed the arrays it was given"),
    (clip_divides_by_zero, r"nan or inf in the result"),
    (clip_sum_of_norms, r"global norm .* sqrt of the sum of all squares"),
])
def test_clip_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_clip_by_global_norm(answer)


def test_clip_placeholder(capsys):
    def clip_by_global_norm(gradients, max_norm):
        return ...
    assert not_answered(checks.check_clip_by_global_norm, clip_by_global_norm, capsys, 3)
    assert checks.check_clip_by_global_norm.exercise_number == 3
