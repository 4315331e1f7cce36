"""Notebook 11's from-scratch attention against Keras, its input checks, plots and explorer."""
import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import plots, scratch, widgets

TOLERANCE = {"float32": 1e-5, "float64": 1e-10}


def identity_attention_layer(d, d_v, dtype):
    """A one-head MultiHeadAttention whose projections are identities: plain attention."""
    layer = keras.layers.MultiHeadAttention(num_heads=1, key_dim=d, value_dim=d_v,
                                            output_shape=d_v, dtype=dtype)
    layer.build((1, 1, d), (1, 1, d_v), (1, 1, d))
    layer.set_weights([np.eye(d)[:, None, :], np.zeros((1, d)), np.eye(d)[:, None, :],
                       np.zeros((1, d)), np.eye(d_v)[:, None, :], np.zeros((1, d_v)),
                       np.eye(d_v)[None], np.zeros(d_v)])
    return layer


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("batch, n_q, n_k, d, d_v", [(1, 1, 2, 4, 1), (2, 5, 7, 16, 3),
                                                     (3, 8, 4, 64, 5)])
def test_attention_equals_keras_multi_head_with_one_identity_head(dtype, batch, n_q, n_k, d, d_v):
    # key_dim 4, 16, 64: 1/sqrt(d) is exact in float32, which Keras uses for its scale
    rng = np.random.default_rng(d + n_q)
    Q, K = rng.normal(size=(batch, n_q, d)).astype(dtype), rng.normal(size=(batch, n_k, d)).astype(dtype)
    V = rng.normal(size=(batch, n_k, d_v)).astype(dtype)
    mask = rng.random((batch, n_q, n_k)) < 0.6
    mask[..., 0] = True  # every query sees at least one key
    layer = identity_attention_layer(d, d_v, dtype)
    for given_mask in (None, mask):
        expected, expected_weights = layer(Q, V, key=K, attention_mask=given_mask,
                                           return_attention_scores=True)
        output, weights = scratch.scaled_dot_product_attention(Q, K, V, mask=given_mask)
        assert output.dtype == np.dtype(dtype)
        np.testing.assert_allclose(output, expected, atol=TOLERANCE[dtype], rtol=0)
        np.testing.assert_allclose(weights, expected_weights[:, 0], atol=TOLERANCE[dtype], rtol=0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape_q, shape_k, d_v", [((2, 3, 5), (2, 6, 5), 4), ((1, 7, 3), (1, 7, 3), 2)])
def test_attention_equals_keras_attention_layer_with_its_scale_set(dtype, shape_q, shape_k, d_v):
    rng = np.random.default_rng(0)
    Q, K = rng.normal(size=shape_q).astype(dtype), rng.normal(size=shape_k).astype(dtype)
    V = rng.normal(size=(*shape_k[:-1], d_v)).astype(dtype)
    layer = keras.layers.Attention(use_scale=True, dtype=dtype)
    layer.build([Q.shape, V.shape, K.shape])
    layer.set_weights([np.array(1 / np.sqrt(shape_q[-1]), dtype=dtype)])
    expected = layer([Q, V, K])
    output, _ = scratch.scaled_dot_product_attention(Q, K, V)
    np.testing.assert_allclose(output, expected, atol=TOLERANCE[dtype], rtol=0)


def test_attention_without_batch_axes_and_with_a_causal_mask():
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(3, 6, 4))
    output, weights = scratch.scaled_dot_product_attention(Q, K, V, mask=scratch.causal_mask(6))
    assert output.shape == (6, 4) and weights.shape == (6, 6)
    assert np.all(weights[np.triu_indices(6, k=1)] == 0)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0)
    np.testing.assert_allclose(output[0], V[0])  # the first position sees only itself


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n, d", [(1, 4), (5, 16), (9, 4)])
def test_causal_mask_matches_keras_use_causal_mask(dtype, n, d):
    rng = np.random.default_rng(n)
    Q, K, V = (rng.normal(size=(2, n, d)).astype(dtype) for _ in range(3))
    layer = identity_attention_layer(d, d, dtype)
    expected = layer(Q, V, key=K, use_causal_mask=True)
    output, _ = scratch.scaled_dot_product_attention(Q, K, V, mask=scratch.causal_mask(n))
    np.testing.assert_allclose(output, expected, atol=TOLERANCE[dtype], rtol=0)


def test_attention_is_stable_for_huge_scores():
    Q = np.array([[1000.0, 0.0]])
    K = np.array([[1000.0, 0.0], [-1000.0, 0.0]])
    output, weights = scratch.scaled_dot_product_attention(Q, K, np.eye(2))
    np.testing.assert_allclose(weights, [[1.0, 0.0]])
    assert np.all(np.isfinite(output))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("heads, key_dim, n_q, n_k, d_in", [(1, 4, 3, 3, 8), (4, 16, 5, 7, 32),
                                                            (2, 4, 6, 2, 6)])
def test_multi_head_attention_equals_keras_with_random_weights(dtype, heads, key_dim, n_q, n_k,
                                                               d_in):
    rng = np.random.default_rng(heads * 10 + n_q)
    query = rng.normal(size=(2, n_q, d_in)).astype(dtype)
    value = rng.normal(size=(2, n_k, d_in)).astype(dtype)
    layer = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=key_dim, dtype=dtype)
    mask = np.tril(np.ones((n_q, n_k), dtype=bool)) | (np.arange(n_k) == 0)
    expected, expected_weights = layer(query, value, attention_mask=np.broadcast_to(mask, (2, n_q, n_k)),
                                       return_attention_scores=True)
    output, weights = scratch.multi_head_attention(query, value, layer.get_weights(), mask=mask)
    np.testing.assert_allclose(output, expected, atol=TOLERANCE[dtype], rtol=0)
    np.testing.assert_allclose(weights, expected_weights, atol=TOLERANCE[dtype], rtol=0)


def test_positional_encoding_matches_the_formula_and_tensorflow():
    import tensorflow as tf

    encoding = scratch.positional_encoding(20, 7)
    assert encoding.shape == (20, 7)
    position = tf.range(20, dtype=tf.float64)[:, None]
    i = tf.range(7, dtype=tf.float64)[None, :] // 2
    angle = position / tf.pow(tf.constant(10000.0, tf.float64), 2 * i / 7)
    expected = tf.where(tf.range(7)[None, :] % 2 == 0, tf.sin(angle), tf.cos(angle))
    np.testing.assert_allclose(encoding, expected.numpy(), atol=1e-12)
    np.testing.assert_allclose(encoding[0], [0, 1, 0, 1, 0, 1, 0])
    assert len({tuple(row.round(6)) for row in scratch.positional_encoding(50, 16)}) == 50


def test_causal_mask_is_lower_triangular():
    np.testing.assert_array_equal(scratch.causal_mask(3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])


@pytest.mark.parametrize("args, match", [
    ((np.zeros(4), np.zeros((3, 4)), np.zeros((3, 2))), r"Q with at least 2 axes .* got shape \(4,\)"),
    ((np.zeros((2, 4)), np.zeros((3, 5)), np.zeros((3, 2))),
     r"queries and keys of the same size d, got Q \(2, 4\) \(d = 4\) and K \(3, 5\) \(d = 5\)"),
    ((np.zeros((2, 4)), np.zeros((3, 4)), np.zeros((2, 2))),
     r"one value per key, got K \(3, 4\) \(3 keys\) and V \(2, 2\) \(2 values\)"),
    ((np.zeros((2, 2, 4)), np.zeros((3, 3, 4)), np.zeros((3, 3, 2))), "the same leading axes"),
    ((np.zeros((2, 4)), np.zeros((3, 4)), np.zeros((3, 4, 1))), "the same leading axes"),
])
def test_attention_rejects_mismatched_shapes(args, match):
    with pytest.raises(ValueError, match=match):
        scratch.scaled_dot_product_attention(*args)


@pytest.mark.parametrize("mask, match", [
    (np.ones((3, 2), dtype=bool), r"broadcasts to the scores' shape \(2, 3\) .* got shape \(3, 2\)"),
    (np.ones((4, 2, 3), dtype=bool), r"got shape \(4, 2, 3\)"),
    (np.array([[True, False, False], [False, False, False]]), "all-False row"),
    (np.full((2, 3), 0.5), "booleans"),
])
def test_attention_rejects_bad_masks(mask, match):
    with pytest.raises(ValueError, match=match):
        scratch.scaled_dot_product_attention(np.zeros((2, 4)), np.zeros((3, 4)), np.zeros((3, 2)),
                                             mask=mask)


def test_attention_accepts_a_0_1_mask_and_rejects_nan():
    ones = np.ones((2, 3), dtype=int)
    scratch.scaled_dot_product_attention(np.zeros((2, 4)), np.zeros((3, 4)), np.zeros((3, 2)),
                                         mask=ones)
    with pytest.raises(ValueError, match="without NaN"):
        scratch.scaled_dot_product_attention(np.full((2, 4), np.nan), np.zeros((3, 4)),
                                             np.zeros((3, 2)))


@pytest.mark.parametrize("call, match", [
    (lambda: scratch.causal_mask(0), "integer >= 1, got 0"),
    (lambda: scratch.causal_mask(2.5), "integer >= 1, got 2.5"),
    (lambda: scratch.positional_encoding(0, 4), "length to be an integer >= 1"),
    (lambda: scratch.positional_encoding(4, True), "d_model to be an integer >= 1"),
    (lambda: scratch.positional_encoding(4, 4, base=1), "base > 1"),
    (lambda: scratch.multi_head_attention(np.zeros((2, 3)), np.zeros((2, 3)), [1, 2]), "the 8 arrays"),
])
def test_helpers_reject_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_multi_head_attention_rejects_inputs_that_do_not_fit_the_kernels():
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    layer.build((1, 4, 6), (1, 4, 6))
    with pytest.raises(ValueError, match=r"query of shape \(\.\.\., n, 6\) .* got query of shape \(4, 5\)"):
        scratch.multi_head_attention(np.zeros((4, 5)), np.zeros((4, 6)), layer.get_weights())


# plots and the explorer ------------------------------------------------------------------------

def test_attention_heatmap_labels_axes_and_adds_a_colour_bar():
    weights = np.full((3, 4), 0.25)
    ax = plots.attention_heatmap(weights, ["a", "b", "c"], list("wxyz"), title="t", highlight=1)
    assert [label.get_text() for label in ax.get_xticklabels()] == list("wxyz")
    assert len(ax.figure.axes) == 2  # the heat map and its colour bar
    assert len(ax.texts) == 12 and len(ax.patches) == 1
    plt.close("all")


@pytest.mark.parametrize("weights, kwargs, match", [
    (np.zeros(3), {}, r"\(n_q, n_k\)"),
    (np.full((2, 2), 2.0), {}, r"in \[0, 1\]"),
    (np.zeros((2, 2)), {"query_labels": ["a"]}, "2 query labels"),
    (np.zeros((2, 2)), {"highlight": 5}, "highlight in 0..1"),
])
def test_attention_heatmap_rejects_bad_input(weights, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plots.attention_heatmap(weights, **kwargs)
    plt.close("all")


def test_positional_encoding_map_and_model_scale_chart_draw():
    ax = plots.positional_encoding_map(scratch.positional_encoding(10, 8), title="pe")
    assert ax.get_ylabel() == "position in the sequence"
    ax = plots.model_scale_chart([("a", 2018, 1e8), ("b", 2020, 1e11, "left")], highlight="a")
    assert ax.get_yscale() == "log" and len(ax.collections) == 2
    assert ax.texts[1].get_ha() == "right"
    with pytest.raises(ValueError, match="parameters > 0"):
        plots.model_scale_chart([("a", 2018, 0)])
    with pytest.raises(ValueError, match="parameters > 0"):
        plots.model_scale_chart([("a", 2018, 1e3, "up")])
    with pytest.raises(ValueError, match=r"\(length, d_model\)"):
        plots.positional_encoding_map(np.zeros(3))
    plt.close("all")


def test_draw_attention_explorer_shows_the_chosen_row():
    weights = np.array([[1.0, 0.0, 0.0], [0.2, 0.8, 0.0], [0.1, 0.3, 0.6]])
    map_ax, bar_ax = widgets.draw_attention_explorer(weights, list("abc"), list("abc"), query=1)
    heights = [patch.get_height() for patch in bar_ax.patches]
    np.testing.assert_allclose(heights, weights[1])
    assert "largest on position 1" in bar_ax.get_title()
    plt.close("all")


@pytest.mark.parametrize("kwargs, match", [
    ({"query": 3}, r"position in 0..2, got 3"),
    ({"query": True}, "position in 0..2"),
    ({"query_tokens": list("ab")}, "3 query tokens and 3 key tokens"),
])
def test_draw_attention_explorer_rejects_bad_input(kwargs, match):
    arguments = {"weights": np.eye(3), "query_tokens": list("abc"), "key_tokens": list("abc")}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=match):
        widgets.draw_attention_explorer(**arguments)


def test_attention_explorer_runs_headless_and_follows_the_slider():
    pytest.importorskip("ipywidgets")
    weights = np.array([[1.0, 0.0], [0.4, 0.6]])
    box = widgets.attention_explorer(weights, list("ab"), list("ab"))
    np.testing.assert_allclose(box.result, weights[0])
    box.children[0].value = 1
    np.testing.assert_allclose(box.result, weights[1])
    assert box.children[1].value[:4] == b"\x89PNG"
    plt.close("all")
