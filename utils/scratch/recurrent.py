"""A recurrent cell and its unrolled forward pass, in NumPy (notebook 10).

The layout is Keras' (``keras.layers.SimpleRNN``): a batch of sequences ``x`` of shape
(batch, time, features), the input kernel ``W_x`` of shape (features, units), the recurrent kernel
``W_h`` of shape (units, units) and the bias ``b`` of shape (units,). One step is

    h_t = tanh(x_t W_x + h_{t-1} W_h + b),

and the same three weights serve every step.
"""
import numpy as np

from utils.scratch._validate import as_float_array, require_ndim

__all__ = ["rnn_cell_step", "rnn_forward"]


def _weights(W_x, W_h, b, func):
    """Check the three weights against each other; return them as float arrays."""
    W_x = as_float_array(W_x, func, "W_x")
    W_h = as_float_array(W_h, func, "W_h")
    b = as_float_array(b, func, "b")
    require_ndim(W_x, 2, func, "W_x (features, units)")
    units = W_x.shape[1]
    if W_h.shape != (units, units):
        raise ValueError(f"{func} expects W_h of shape ({units}, {units}) to match W_x's {units} units, "
                         f"got shape {W_h.shape}")
    if b.shape != (units,):
        raise ValueError(f"{func} expects b of shape ({units},) to match W_x's {units} units, got shape {b.shape}")
    return W_x, W_h, b


def _state(h, batch, units, func, name):
    """Check a hidden state of shape (batch, units)."""
    h = as_float_array(h, func, name)
    if h.shape != (batch, units):
        raise ValueError(f"{func} expects {name} of shape ({batch}, {units}) (batch, units), got shape {h.shape}")
    return h


def rnn_cell_step(x_t, h_prev, W_x, W_h, b):
    """One step of a simple recurrent cell: h_t = tanh(x_t W_x + h_prev W_h + b).

    Args:
        x_t: inputs at this step, shape (batch, features).
        h_prev: hidden state after the previous step, shape (batch, units).
        W_x: input kernel, shape (features, units).
        W_h: recurrent kernel, shape (units, units).
        b: bias, shape (units,).

    Returns:
        The new hidden state h_t, shape (batch, units), in the widest float dtype of the inputs.
    """
    func = "rnn_cell_step"
    W_x, W_h, b = _weights(W_x, W_h, b, func)
    x_t = as_float_array(x_t, func, "x_t")
    require_ndim(x_t, 2, func, "x_t (batch, features)")
    if x_t.shape[1] != W_x.shape[0]:
        raise ValueError(f"{func} expects x_t with {W_x.shape[0]} features (the rows of W_x), "
                         f"got shape {x_t.shape}")
    h_prev = _state(h_prev, x_t.shape[0], W_x.shape[1], func, "h_prev")
    return np.tanh(x_t @ W_x + h_prev @ W_h + b)


def rnn_forward(x, W_x, W_h, b, h0=None, return_sequences=False):
    """Run the simple recurrent cell over whole sequences, unrolled step by step.

    Args:
        x: a batch of sequences, shape (batch, time, features).
        W_x: input kernel, shape (features, units).
        W_h: recurrent kernel, shape (units, units).
        b: bias, shape (units,).
        h0: the state before the first step, shape (batch, units); zeros when None (as Keras).
        return_sequences: False (default) returns only the last state, like Keras' SimpleRNN;
            True returns the state after every step.

    Returns:
        (batch, units), or (batch, time, units) with ``return_sequences=True``.
    """
    func = "rnn_forward"
    W_x, W_h, b = _weights(W_x, W_h, b, func)
    x = as_float_array(x, func, "x")
    require_ndim(x, 3, func, "x (batch, time, features)")
    batch, steps, features = x.shape
    if features != W_x.shape[0]:
        raise ValueError(f"{func} expects x with {W_x.shape[0]} features (the rows of W_x), got shape {x.shape}")
    if steps < 1:
        raise ValueError(f"{func} expects at least one time step, got shape {x.shape}")
    units = W_x.shape[1]
    dtype = np.result_type(x, W_x, W_h, b)
    h = np.zeros((batch, units), dtype=dtype) if h0 is None else _state(h0, batch, units, func, "h0")
    states = []
    for t in range(steps):  # the same weights at every step
        h = np.tanh(x[:, t] @ W_x + h @ W_h + b)  # (batch, units)
        states.append(h)
    return np.stack(states, axis=1) if return_sequences else h
