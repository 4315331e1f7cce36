"""Notebook 10's from-scratch recurrent cell against Keras, its errors, and the sequence plots."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import keras  # noqa: E402

from utils import plots, scratch  # noqa: E402

# (batch, time, features, units)
SHAPES = [(1, 1, 1, 1), (4, 7, 3, 5), (2, 12, 6, 2), (3, 30, 1, 8)]
TOLERANCE = {np.float32: 1e-5, np.float64: 1e-10}


def random_weights(features, units, dtype, seed):
    rng = np.random.default_rng(seed)
    W_x = rng.normal(scale=0.6, size=(features, units)).astype(dtype)
    W_h = rng.normal(scale=0.6 / np.sqrt(units), size=(units, units)).astype(dtype)
    b = rng.normal(scale=0.3, size=units).astype(dtype)
    return W_x, W_h, b


def keras_simple_rnn(x, W_x, W_h, b, return_sequences, h0=None):
    dtype = str(x.dtype)
    layer = keras.layers.SimpleRNN(W_x.shape[1], return_sequences=return_sequences, dtype=dtype)
    layer.build(x.shape)
    layer.set_weights([W_x, W_h, b])
    if h0 is None:
        return keras.ops.convert_to_numpy(layer(x))
    return keras.ops.convert_to_numpy(layer(x, initial_state=[h0]))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("return_sequences", [False, True])
def test_rnn_forward_matches_keras_simple_rnn(shape, dtype, return_sequences):
    batch, steps, features, units = shape
    rng = np.random.default_rng(sum(shape))
    x = rng.normal(size=(batch, steps, features)).astype(dtype)
    W_x, W_h, b = random_weights(features, units, dtype, seed=steps)
    ours = scratch.rnn_forward(x, W_x, W_h, b, return_sequences=return_sequences)
    theirs = keras_simple_rnn(x, W_x, W_h, b, return_sequences)
    expected_shape = (batch, steps, units) if return_sequences else (batch, units)
    assert ours.shape == theirs.shape == expected_shape and ours.dtype == dtype
    np.testing.assert_allclose(ours, theirs, rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_rnn_forward_with_an_initial_state_matches_keras(dtype):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 6, 4)).astype(dtype)
    h0 = rng.uniform(-1, 1, size=(3, 5)).astype(dtype)
    W_x, W_h, b = random_weights(4, 5, dtype, seed=1)
    ours = scratch.rnn_forward(x, W_x, W_h, b, h0=h0, return_sequences=True)
    theirs = keras_simple_rnn(x, W_x, W_h, b, True, h0=h0)
    np.testing.assert_allclose(ours, theirs, rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype])


def test_rnn_forward_is_the_cell_step_repeated():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 5, 3))
    W_x, W_h, b = random_weights(3, 4, np.float64, seed=2)
    h = np.zeros((2, 4))
    states = []
    for t in range(5):
        h = scratch.rnn_cell_step(x[:, t], h, W_x, W_h, b)
        states.append(h)
    np.testing.assert_allclose(scratch.rnn_forward(x, W_x, W_h, b, return_sequences=True),
                               np.stack(states, axis=1), rtol=1e-12)
    # Without a recurrent kernel each step sees only its own input: the state carries nothing.
    no_memory = scratch.rnn_forward(x, W_x, np.zeros((4, 4)), b, return_sequences=True)
    np.testing.assert_allclose(no_memory, np.tanh(x @ W_x + b), rtol=1e-12)


def test_cell_step_accepts_lists_and_integers():
    h = scratch.rnn_cell_step([[1, 2]], [[0, 0, 0]], [[1, 0, 0], [0, 1, 0]], np.eye(3), [0, 0, 0])
    np.testing.assert_allclose(h, np.tanh([[1.0, 2.0, 0.0]]))


W_X, W_H, B = np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4)


@pytest.mark.parametrize("call,message", [
    (lambda: scratch.rnn_forward(np.zeros((5, 3)), W_X, W_H, B),
     r"rnn_forward expects a 3-D x \(batch, time, features\), got shape \(5, 3\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 5, 2)), W_X, W_H, B),
     r"expects x with 3 features \(the rows of W_x\), got shape \(2, 5, 2\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 5, 3)), W_X, np.zeros((3, 3)), B),
     r"expects W_h of shape \(4, 4\) to match W_x's 4 units, got shape \(3, 3\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 5, 3)), W_X, W_H, np.zeros(3)),
     r"expects b of shape \(4,\) to match W_x's 4 units, got shape \(3,\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 5, 3)), np.zeros(3), W_H, B),
     r"expects a 2-D W_x \(features, units\), got shape \(3,\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 5, 3)), W_X, W_H, B, h0=np.zeros((3, 4))),
     r"expects h0 of shape \(2, 4\) \(batch, units\), got shape \(3, 4\)"),
    (lambda: scratch.rnn_forward(np.zeros((2, 0, 3)), W_X, W_H, B),
     r"at least one time step, got shape \(2, 0, 3\)"),
    (lambda: scratch.rnn_forward(np.full((2, 5, 3), np.nan), W_X, W_H, B), r"x without NaN"),
    (lambda: scratch.rnn_cell_step(np.zeros((2, 5, 3)), np.zeros((2, 4)), W_X, W_H, B),
     r"rnn_cell_step expects a 2-D x_t \(batch, features\), got shape \(2, 5, 3\)"),
    (lambda: scratch.rnn_cell_step(np.zeros((2, 2)), np.zeros((2, 4)), W_X, W_H, B),
     r"expects x_t with 3 features \(the rows of W_x\), got shape \(2, 2\)"),
    (lambda: scratch.rnn_cell_step(np.zeros((2, 3)), np.zeros((2, 3)), W_X, W_H, B),
     r"expects h_prev of shape \(2, 4\) \(batch, units\), got shape \(2, 3\)"),
    (lambda: scratch.rnn_cell_step(np.zeros((2, 3)), np.zeros((2, 4)), W_X, W_H, "b"),
     r"expects a numeric array as b"),
])
def test_bad_input_is_refused_with_what_was_expected_and_what_came(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- the plots of utils/plots/sequences.py (Agg backend) -------------------------------------------

def test_network_diagrams_draw_one_box_per_step():
    ax = plots.unrolled_rnn(4, folded=False)
    texts = [text.get_text() for text in ax.texts]
    assert texts.count("cell") == 4 and "$x_{4}$" in texts and "$h_{3}$" in texts
    folded = plots.unrolled_rnn(2, cell_label="RNN")
    assert [text.get_text() for text in folded.texts].count("RNN") == 3  # folded + 2 unrolled
    window = plots.feedforward_window(5)
    assert sum(text.get_text().startswith("$x_") for text in window.texts) == 5
    lstm = plots.lstm_cell()
    assert any("forget" in text.get_text() for text in lstm.texts)
    plt.close("all")


def test_gradient_norms_draws_one_log_curve_per_model():
    fig, ax = plt.subplots()
    returned = plots.gradient_norms({"a": [1.0, 0.1, 0.01], "b": np.ones(3)}, ax=ax)
    assert returned is ax and len(ax.lines) == 2 and ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    plt.close(fig)


def test_forecast_draws_truth_forecasts_and_the_split():
    dates = np.arange("2000-01-01", "2000-03-01", 7, dtype="datetime64[D]")
    truth = np.arange(len(dates), dtype=float)
    ax = plots.forecast(dates, truth, {"naive": (dates[4:], truth[3:-1])}, split=dates[4], ylabel="ppm")
    assert len(ax.lines) == 3  # truth, one forecast, the split line
    assert ax.get_ylabel() == "ppm"
    plt.close("all")


@pytest.mark.parametrize("call,message", [
    (lambda: plots.unrolled_rnn(0), r"integer number of steps >= 1, got 0"),
    (lambda: plots.feedforward_window(2.5), r"integer number of steps >= 1, got 2.5"),
    (lambda: plots.gradient_norms({}), r"non-empty dict"),
    (lambda: plots.gradient_norms({"a": np.ones((2, 2))}), r"1-D norms for 'a', got shape \(2, 2\)"),
    (lambda: plots.forecast(np.arange(3), np.arange(4)), r"same 1-D shape, got \(3,\) and \(4,\)"),
    (lambda: plots.forecast(np.arange(3), np.arange(3), {"f": (np.arange(2), np.arange(3))}),
     r"same shape for 'f', got \(2,\) and \(3,\)"),
])
def test_plots_reject_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
    plt.close("all")
