"""Exercise checks of notebook 11 (attention and transformers)."""
import numpy as np

from utils.checks.core import as_array, as_number, call, exercise, expect_answered, fail, passed

__all__ = ["check_sliding_window_attention", "check_block_parameter_count",
           "check_scaled_score_std"]


def _band_attention(Q, K, V, window, causal=True, scale=True, lower=0):
    """Reference: softmax over keys j with lower <= i - j <= window (or any j <= i + ...)."""
    n = Q.shape[-2]
    offset = np.arange(n)[:, None] - np.arange(n)[None, :]
    allowed = (offset >= lower) & (offset <= window) if causal else np.abs(offset) <= window
    scores = Q @ np.swapaxes(K, -1, -2)
    if scale:
        scores = scores / np.sqrt(Q.shape[-1])
    scores = np.where(allowed, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ V, weights, allowed


def _unpack(result, name):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        size = f" of length {len(result)}" if hasattr(result, "__len__") else ""
        fail(f"`{name}` should return the pair (output, weights), got "
             f"{type(result).__name__}{size}.")
    return result


@exercise(1)
def check_sliding_window_attention(sliding_window_attention):
    """Check causal attention restricted to a window of recent positions, on fresh inputs."""
    name = "sliding_window_attention"
    rng = np.random.default_rng(11)
    cases = [((7, 4), 5, 2), ((2, 9, 8), 3, 3), ((3, 6, 5), 4, 0), ((5, 4), 2, 10),
             ((2, 2, 8, 6), 3, 1)]
    for shape, d_v, window in cases:
        Q, K = rng.normal(0.0, 2.0, shape), rng.normal(0.0, 2.0, shape)
        V = rng.normal(size=(*shape[:-1], d_v))
        where = f"for Q of shape {shape} and window={window}"
        result = call(sliding_window_attention, Q.copy(), K.copy(), V.copy(), window, name=name)
        output, weights = _unpack(result, name)
        output = as_array(output, name=f"the output of `{name}`")
        weights = as_array(weights, name=f"the weights of `{name}`")
        expected_output, expected_weights, allowed = _band_attention(Q, K, V, window)
        if weights.shape != expected_weights.shape or output.shape != expected_output.shape:
            fail(f"`{name}` should return output {expected_output.shape} and weights "
                 f"{expected_weights.shape} {where}, got {output.shape} and {weights.shape}.")
        if not np.all(np.isfinite(weights)) or not np.all(np.isfinite(output)):
            fail(f"`{name}` returned nan or inf {where}: subtract each row's largest allowed "
                 "score before exp, and give the masked scores -inf (not the whole row).")
        future = np.triu(np.ones(weights.shape[-2:], dtype=bool), k=1)
        if np.any(np.abs(weights[..., future]) > 1e-12):
            fail(f"Some queries attend to the future {where}: query i may only see keys j <= i "
                 "(is your mask transposed?).")
        if not np.allclose(weights.sum(axis=-1), 1.0, atol=1e-6):
            fail(f"The rows of your weights do not sum to 1 {where}: mask the scores before the "
                 "softmax (with -inf), rather than zeroing weights after it.")
        outside = ~allowed & ~future
        if np.any(np.abs(weights[..., outside]) > 1e-12):
            too_far = _band_attention(Q, K, V, window + 1)[1]
            if np.allclose(weights, too_far, atol=1e-6):
                fail(f"Your window is one position too wide {where}: query i sees keys "
                     f"i - window .. i, that is window + 1 keys.")
            fail(f"Some queries attend to keys more than `window` positions back {where}.")
        if not np.allclose(weights, expected_weights, atol=1e-6):
            if window > 0 and np.allclose(weights, _band_attention(Q, K, V, window - 1)[1],
                                          atol=1e-6):
                fail(f"Your window is one position too narrow {where}: query i sees keys "
                     f"i - window .. i, itself included.")
            if np.allclose(weights, _band_attention(Q, K, V, window, scale=False)[1], atol=1e-6):
                fail(f"Your weights are the softmax of unscaled scores {where}: divide Q K^T by "
                     "sqrt(d).")
            fail(f"Your weights differ from softmax(Q K^T / sqrt(d)) over the allowed keys "
                 f"{where}.")
        if not np.allclose(output, expected_output, atol=1e-6):
            fail(f"Your weights are right but the output is not {where}: the output is "
                 "weights @ V.")
    Q = rng.normal(size=(6, 4)).astype(np.float32)
    output, _ = _unpack(call(sliding_window_attention, Q, Q, Q, 0, name=name), name)
    if not np.allclose(as_array(output), Q, atol=1e-5):
        fail("With window=0 each position sees only itself, so the output should equal V.")
    passed("the weights are 0 outside the window and in the future, each row sums to 1, and "
           "the outputs match a reference for five shapes and windows from 0 to the full length.")


def _block_count(d, heads, key_dim, d_ff, biases=True, norms=True, output_projection=True):
    """Parameters of a block: attention (with W_O), two layer norms, the feed-forward network."""
    width = heads * key_dim
    attention = 3 * (d * width + (width if biases else 0))
    if output_projection:
        attention += width * d + (d if biases else 0)
    norms_count = 2 * 2 * d if norms else 0
    feed_forward = d * d_ff + d_ff * d + ((d_ff + d) if biases else 0)
    return attention + norms_count + feed_forward


@exercise(2)
def check_block_parameter_count(block_parameters):
    """Check the predicted parameter count of a block with d=48, 3 heads of 32, d_ff=128."""
    expect_answered(block_parameters, what="assign your count to `block_parameters`")
    value = as_number(block_parameters, name="block_parameters")
    d, heads, key_dim, d_ff = 48, 3, 32, 128
    expected = _block_count(d, heads, key_dim, d_ff)
    if value == expected:
        passed(f"{expected:,} parameters: attention 18,768, layer norms 192, "
               "feed-forward 12,464.")
        return
    diagnoses = [
        (_block_count(d, heads, d // heads, d_ff), "you used heads of size d / h = 16; here each "
         "head has key_dim=32, so the heads together are 96 wide."),
        (_block_count(d, heads, key_dim, d_ff, biases=False), "the biases are missing (every "
         "projection and Dense layer has one per output)."),
        (_block_count(d, heads, key_dim, d_ff, norms=False), "the two layer normalizations are "
         "missing: each has a scale and a shift per feature."),
        (_block_count(d, heads, key_dim, d_ff) - 2 * d, "each layer normalization has TWO "
         "parameters per feature, a scale and a shift."),
        (_block_count(d, heads, key_dim, d_ff, output_projection=False), "the output projection "
         "W_O (96 -> 48, with its biases) is missing."),
        (_block_count(d, heads, key_dim, 0, norms=False) - d + 4 * d, "the feed-forward network "
         "(48 -> 128 -> 48, with biases) is missing."),
    ]
    for wrong, hint in diagnoses:
        if value == wrong:
            fail(f"{value:,.0f} is not it: {hint}")
    fail(f"{value:,.0f} is not it. Count W_Q, W_K, W_V (48 x 96 each, plus biases), W_O (96 x 48 "
         "plus biases), two layer norms, and the two Dense layers of the feed-forward network.")


@exercise(3)
def check_scaled_score_std(scaled_score_std):
    """Check the predicted std of q.k / sqrt(d) for entries of std 0.5 and d = 64."""
    expect_answered(scaled_score_std, what="assign your prediction to `scaled_score_std`")
    value = as_number(scaled_score_std, name="scaled_score_std")
    if abs(value - 0.25) <= 0.005:
        passed("0.25: the scaled scores spread by sigma^2 = 0.25, so the softmax starts out "
               "nearly flat.")
        return
    if value < 0:
        fail("A standard deviation is never negative.")
    if abs(value - 2.0) <= 0.02:
        fail("2 is the spread of q.k itself: the question asks about q.k / sqrt(d).")
    if abs(value - 1.0) <= 0.01:
        fail("1 holds for entries of variance 1. Here each entry has standard deviation 0.5: "
             "what is the variance of one product q_i k_i?")
    if abs(value - 0.5) <= 0.01:
        fail("The variance of one product q_i k_i is E[q_i^2] E[k_i^2] = 0.25 * 0.25 = 0.0625, "
             "not 0.25.")
    if abs(value - 0.0625) <= 0.002 or abs(value - 4.0) <= 0.04:
        fail("That is a variance: the question asks for the standard deviation.")
    if abs(value - 0.03125) <= 0.002:
        fail("Dividing by d would be too much: the score is divided by sqrt(d) = 8.")
    fail(f"{value:g} is not it. Find the variance of one term q_i k_i, multiply by d for the sum, "
         "take the square root, then divide by sqrt(d).")
