"""Scaled dot-product attention and positional encoding, in NumPy (notebook 11).

Shapes follow the lecture: queries ``Q`` (..., n_q, d), keys ``K`` (..., n_k, d), values ``V``
(..., n_k, d_v); the leading axes (a batch, heads) are the same for all three. A mask holds True
where a query may look at a key, as in Keras.
"""
import numpy as np

from utils.scratch._validate import as_float_array

__all__ = ["scaled_dot_product_attention", "causal_mask", "positional_encoding",
           "multi_head_attention"]


def _common_float(arrays):
    """float32 when every array is float32, else float64: compare in the precision given."""
    return np.float32 if all(array.dtype == np.float32 for array in arrays) else np.float64


def _check_mask(mask, target_shape, func):
    """``mask`` as a boolean array broadcast to ``target_shape`` (..., n_q, n_k)."""
    mask = np.asarray(mask)
    if mask.dtype != bool:
        if mask.dtype.kind not in "biuf" or not np.all((mask == 0) | (mask == 1)):
            raise ValueError(f"{func} expects a mask of booleans (or 0/1), got dtype {mask.dtype}")
        mask = mask.astype(bool)
    try:
        broadcast = np.broadcast_shapes(mask.shape, target_shape)
    except ValueError:
        broadcast = None
    if broadcast != tuple(target_shape):
        raise ValueError(f"{func} expects a mask that broadcasts to the scores' shape "
                         f"{tuple(target_shape)} (..., n_q, n_k), got shape {mask.shape}")
    mask = np.broadcast_to(mask, target_shape)
    if not mask.any(axis=-1).all():
        raise ValueError(f"{func} expects every query to see at least one key, got a mask with "
                         f"{int((~mask.any(axis=-1)).sum())} all-False row(s)")
    return mask


def scaled_dot_product_attention(Q, K, V, mask=None):
    """Attention(Q, K, V) = softmax(Q K^T / sqrt(d)) V, with an optional mask.

    Args:
        Q: queries, shape (..., n_q, d).
        K: keys, shape (..., n_k, d), the same leading axes as Q.
        V: values, shape (..., n_k, d_v).
        mask: optional booleans broadcasting to (..., n_q, n_k): True where a query may attend
            to a key. Masked scores get weight exactly 0.

    Returns:
        ``(output, weights)``: output (..., n_q, d_v), each row a weighted average of the
        values; weights (..., n_q, n_k), each row summing to 1.
    """
    func = "scaled_dot_product_attention"
    Q, K, V = (as_float_array(x, func, name) for x, name in ((Q, "Q"), (K, "K"), (V, "V")))
    for x, name in ((Q, "Q"), (K, "K"), (V, "V")):
        if x.ndim < 2:
            raise ValueError(f"{func} expects {name} with at least 2 axes (..., n, d), "
                             f"got shape {x.shape}")
    if not (Q.ndim == K.ndim == V.ndim) or not (Q.shape[:-2] == K.shape[:-2] == V.shape[:-2]):
        raise ValueError(f"{func} expects Q, K and V with the same leading axes, got shapes "
                         f"{Q.shape}, {K.shape} and {V.shape}")
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(f"{func} expects queries and keys of the same size d, got Q {Q.shape} "
                         f"(d = {Q.shape[-1]}) and K {K.shape} (d = {K.shape[-1]})")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError(f"{func} expects one value per key, got K {K.shape} "
                         f"({K.shape[-2]} keys) and V {V.shape} ({V.shape[-2]} values)")
    dtype = _common_float((Q, K, V))
    Q, K, V = Q.astype(dtype), K.astype(dtype), V.astype(dtype)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(dtype(Q.shape[-1]))  # (..., n_q, n_k)
    if mask is not None:
        mask = _check_mask(mask, scores.shape, func)
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)  # stable softmax: the largest is 0
    exponentials = np.exp(scores)                          # exp(-inf) = 0 where masked
    weights = exponentials / exponentials.sum(axis=-1, keepdims=True)
    return weights @ V, weights


def causal_mask(n):
    """The (n, n) boolean mask of a decoder: position i may look at positions 0..i only.

    Args:
        n: sequence length, an integer >= 1.

    Returns:
        Lower-triangular booleans, True on and below the diagonal.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"causal_mask expects a length n that is an integer >= 1, got {n!r}")
    return np.tril(np.ones((n, n), dtype=bool))


def positional_encoding(length, d_model, base=10000.0):
    """The sinusoidal positional encoding of Vaswani et al. (2017).

    PE[pos, 2i] = sin(pos / base^(2i / d_model)) and PE[pos, 2i + 1] = cos(the same angle):
    each pair of columns is a clock turning at its own speed, fast for small i, slow for large i.

    Args:
        length: number of positions, an integer >= 1.
        d_model: size of each position's vector, an integer >= 1.
        base: the wavelength scale (10000 in the paper).

    Returns:
        float64 array of shape (length, d_model), values in [-1, 1].
    """
    for value, name in ((length, "length"), (d_model, "d_model")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"positional_encoding expects {name} to be an integer >= 1, "
                             f"got {value!r}")
    if not np.isscalar(base) or not base > 1:
        raise ValueError(f"positional_encoding expects a base > 1, got {base!r}")
    positions = np.arange(length)[:, None]                       # (length, 1)
    pair_index = np.arange(d_model)[None, :] // 2                # 0, 0, 1, 1, 2, 2, ...
    angles = positions / np.power(float(base), 2 * pair_index / d_model)  # (length, d_model)
    return np.where(np.arange(d_model) % 2 == 0, np.sin(angles), np.cos(angles))


def multi_head_attention(query, value, weights, key=None, mask=None):
    """Multi-head attention with the weights of a ``keras.layers.MultiHeadAttention``.

    Each head h projects the inputs, Q_h = query W_q[:, h] + b_q[h] (and so for K and V), runs
    scaled dot-product attention, and the heads' outputs are projected back and summed.

    Args:
        query: (..., n_q, d_query).
        value: (..., n_k, d_value); also the keys when ``key`` is None.
        weights: the list ``layer.get_weights()`` returns: W_q (d_query, heads, d), b_q
            (heads, d), W_k (d_key, heads, d), b_k, W_v (d_value, heads, d_v), b_v (heads, d_v),
            W_o (heads, d_v, d_out), b_o (d_out,).
        key: optional (..., n_k, d_key).
        mask: optional booleans broadcasting to (..., n_q, n_k), the same for every head.

    Returns:
        ``(output, attention_weights)``: (..., n_q, d_out) and (..., heads, n_q, n_k).
    """
    func = "multi_head_attention"
    if not isinstance(weights, (list, tuple)) or len(weights) != 8:
        raise ValueError(f"{func} expects the 8 arrays of MultiHeadAttention.get_weights(), got "
                         f"{len(weights) if isinstance(weights, (list, tuple)) else type(weights)}")
    Wq, bq, Wk, bk, Wv, bv, Wo, bo = (as_float_array(w, func, "weights") for w in weights)
    key = value if key is None else key
    query, key, value = (as_float_array(x, func, name)
                         for x, name in ((query, "query"), (key, "key"), (value, "value")))
    for x, W, name in ((query, Wq, "query"), (key, Wk, "key"), (value, Wv, "value")):
        if W.ndim != 3 or x.ndim < 2 or x.shape[-1] != W.shape[0]:
            raise ValueError(f"{func} expects {name} of shape (..., n, {W.shape[0]}) to match "
                             f"its kernel of shape {W.shape}, got {name} of shape {x.shape}")
    dtype = _common_float((query, key, value, Wq, Wo))
    # (..., n, d_in) x (d_in, heads, d) -> (..., heads, n, d)
    Q = np.moveaxis(np.einsum("...ni,ihd->...nhd", query, Wq) + bq, -2, -3).astype(dtype)
    K = np.moveaxis(np.einsum("...ni,ihd->...nhd", key, Wk) + bk, -2, -3).astype(dtype)
    V = np.moveaxis(np.einsum("...ni,ihd->...nhd", value, Wv) + bv, -2, -3).astype(dtype)
    if mask is not None:
        mask = np.expand_dims(np.asarray(mask), axis=-3)  # the same mask for every head
    heads, attention_weights = scaled_dot_product_attention(Q, K, V, mask=mask)
    output = np.einsum("...hnv,hvo->...no", heads, Wo) + bo
    return output.astype(dtype), attention_weights
