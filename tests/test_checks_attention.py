"""The checks of notebook 11's exercises: right answers pass, typical mistakes fail with a hint."""
import numpy as np
import pytest

from check_output import not_answered, passes
from utils import checks


# Exercise 1: sliding-window attention -------------------------------------------------------

def softmax_rows(scores):
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)


def window_with_where(Q, K, V, window):
    n = Q.shape[-2]
    offset = np.arange(n)[:, None] - np.arange(n)[None, :]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    weights = softmax_rows(np.where((offset >= 0) & (offset <= window), scores, -np.inf))
    return weights @ V, weights


def window_with_band_of_ones(Q, K, V, window):
    n = Q.shape[-2]
    band = np.tril(np.ones((n, n)), 0) - np.tril(np.ones((n, n)), -window - 1)
    scores = np.einsum("...id,...jd->...ij", Q, K) / Q.shape[-1] ** 0.5
    scores = scores + np.log(band)  # log 0 = -inf outside the band
    weights = softmax_rows(scores)
    return [np.einsum("...ij,...jv->...iv", weights, V), weights]


def with_mask(allowed_from_offset):
    """An attention function whose allowed keys are allowed_from_offset(i - j, window)."""
    def attention(Q, K, V, window):
        n = Q.shape[-2]
        offset = np.arange(n)[:, None] - np.arange(n)[None, :]
        scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
        weights = softmax_rows(np.where(allowed_from_offset(offset, window), scores, -np.inf))
        return weights @ V, weights
    return attention


def window_zeroed_after_softmax(Q, K, V, window):
    n = Q.shape[-2]
    offset = np.arange(n)[:, None] - np.arange(n)[None, :]
    weights = softmax_rows(Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]))
    weights = weights * ((offset >= 0) & (offset <= window))
    return weights @ V, weights


def window_unscaled(Q, K, V, window):
    n = Q.shape[-2]
    offset = np.arange(n)[:, None] - np.arange(n)[None, :]
    weights = softmax_rows(np.where((offset >= 0) & (offset <= window),
                                    Q @ np.swapaxes(K, -1, -2), -np.inf))
    return weights @ V, weights


def window_output_before_masking(Q, K, V, window):
    _, weights = window_with_where(Q, K, V, window)
    unmasked = softmax_rows(Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]))
    return unmasked @ V, weights


def window_through_scratch(Q, K, V, window):
    from utils import scratch

    n = Q.shape[-2]
    rows, columns = np.indices((n, n))
    return scratch.scaled_dot_product_attention(Q, K, V, mask=(columns <= rows) & (rows - columns <= window))


def test_sliding_window_accepts_three_ways(capsys):
    assert passes(checks.check_sliding_window_attention, window_with_where, capsys)
    assert passes(checks.check_sliding_window_attention, window_through_scratch, capsys)
    with np.errstate(divide="ignore"):
        assert passes(checks.check_sliding_window_attention, window_with_band_of_ones, capsys)


@pytest.mark.parametrize("wrong, match", [
    (with_mask(lambda offset, window: offset >= 0), "more than `window` positions back"),
    (with_mask(lambda offset, window: (offset >= 0) & (offset <= window + 1)), "one position too wide"),
    (with_mask(lambda offset, window: (offset >= 0) & (offset < window) | (offset == 0)),
     "one position too narrow"),
    (with_mask(lambda offset, window: (offset <= 0) & (offset >= -window)), "attend to the future"),
    (window_zeroed_after_softmax, "do not sum to 1"),
    (window_unscaled, "unscaled scores"),
    (window_output_before_masking, "the output is not"),
    (lambda Q, K, V, window: window_with_where(Q, K, V, window)[1], "the pair"),
])
def test_sliding_window_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_sliding_window_attention(wrong)


def test_sliding_window_names_a_crash():
    def crashes(Q, K, V, window):
        return Q @ K, V  # forgot to transpose K

    with pytest.raises(AssertionError, match="raised ValueError"):
        checks.check_sliding_window_attention(crashes)


def test_sliding_window_placeholder_is_not_answered(capsys):
    placeholder = lambda Q, K, V, window: ...
    assert not_answered(checks.check_sliding_window_attention, placeholder, capsys, 1)


# Exercise 2: parameters of a block ----------------------------------------------------------

@pytest.mark.parametrize("answer", [31424, 31424.0, np.array([31424]), np.int64(31424)])
def test_block_count_accepts_the_number_in_any_form(answer, capsys):
    assert passes(checks.check_block_parameter_count, answer, capsys)


def block_parameters_in_keras(d, heads, key_dim, d_ff, use_bias=True, norms=True):
    import keras

    sequence = keras.Input(shape=(None, d))
    attended = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=key_dim,
                                               use_bias=use_bias)(sequence, sequence)
    norm = keras.layers.LayerNormalization if norms else (lambda: keras.layers.Identity())
    x = norm()(sequence + attended)
    hidden = keras.layers.Dense(d_ff, activation="relu", use_bias=use_bias)(x)
    y = norm()(x + keras.layers.Dense(d, use_bias=use_bias)(hidden))
    return keras.Model(sequence, y).count_params()


def test_block_count_and_its_typical_mistakes_agree_with_keras():
    assert block_parameters_in_keras(48, 3, 32, 128) == 31424
    assert block_parameters_in_keras(48, 3, 16, 128) == 22064       # heads of d / h
    assert block_parameters_in_keras(48, 3, 32, 128, use_bias=False) == 30912
    assert block_parameters_in_keras(48, 3, 32, 128, norms=False) == 31232


@pytest.mark.parametrize("answer, match", [
    (22064, "heads of size d / h = 16"),
    (30912, "biases are missing"),
    (31232, "layer normalizations are"),
    (31424 - 96, "TWO"),
    (31424 - (96 * 48 + 48), "output projection"),
    (31424 - 12464, "feed-forward network"),
    (33472, "is not it"),
    ("31424", "not the text"),
])
def test_block_count_rejects_typical_mistakes(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_block_parameter_count(answer)


def test_block_count_placeholder_is_not_answered(capsys):
    assert not_answered(checks.check_block_parameter_count, ..., capsys, 2)


# Exercise 3: spread of scaled scores --------------------------------------------------------

@pytest.mark.parametrize("answer", [0.25, 0.5 ** 2, np.float32(0.25), [0.25]])
def test_scaled_std_accepts_the_value(answer, capsys):
    assert passes(checks.check_scaled_score_std, answer, capsys)


def test_scaled_std_agrees_with_a_simulation():
    rng = np.random.default_rng(0)
    q, k = rng.normal(0.0, 0.5, (2, 100_000, 64))
    assert abs((q * k).sum(axis=1).std() / 8 - 0.25) < 0.005


@pytest.mark.parametrize("answer, match", [
    (2.0, "spread of q.k itself"),
    (1.0, "entries of variance 1"),
    (0.5, "0.0625"),
    (0.0625, "That is a variance"),
    (0.03125, "sqrt\\(d\\) = 8"),
    (-0.25, "never negative"),
    (0.1, "is not it"),
])
def test_scaled_std_rejects_typical_mistakes(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_scaled_score_std(answer)


def test_scaled_std_placeholder_is_not_answered(capsys):
    assert not_answered(checks.check_scaled_score_std, ..., capsys, 3)


def test_exercise_numbers_match_the_notebook():
    assert checks.check_sliding_window_attention.exercise_number == 1
    assert checks.check_block_parameter_count.exercise_number == 2
    assert checks.check_scaled_score_std.exercise_number == 3
