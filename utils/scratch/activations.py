"""Activation functions and their derivatives in NumPy, as the lectures write them.

Each function takes an array ``z`` of pre-activations (any shape) and works elementwise, except
``softmax``, which normalizes along one axis.
"""
import numpy as np

from utils.scratch._validate import as_float_array


def _alpha(alpha, func):
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)) or not np.isfinite(alpha):
        raise ValueError(f"{func} expects alpha to be a finite number, got {alpha!r}")
    return alpha


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + e^-z), computed without overflow for large |z|.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, values in (0, 1).
    """
    z = as_float_array(z, "sigmoid", "z")
    # e^-|z| never overflows; pick the algebraically equal form for each sign.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    """Derivative of the sigmoid: s(z) (1 - s(z)); at most 0.25, at z = 0.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    """Hyperbolic tangent (e^z - e^-z) / (e^z + e^-z).

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, values in (-1, 1).
    """
    return np.tanh(as_float_array(z, "tanh", "z"))


def tanh_grad(z):
    """Derivative of tanh: 1 - tanh(z)^2.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    return 1 - tanh(z) ** 2


def relu(z):
    """Rectified linear unit max(0, z).

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "relu", "z")
    return np.maximum(z, 0).astype(z.dtype)


def relu_grad(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (TensorFlow's choice at z = 0).

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "relu_grad", "z")
    return (z > 0).astype(z.dtype)


def leaky_relu(z, alpha=0.1):
    """Leaky ReLU: z for z > 0, alpha z below (max(alpha z, z) when alpha <= 1): a small slope, not zero.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).
        alpha: the slope below zero, a finite number (the lectures use 0.1).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "leaky_relu", "z")
    alpha = _alpha(alpha, "leaky_relu")
    return np.where(z > 0, z, alpha * z).astype(z.dtype)


def leaky_relu_grad(z, alpha=0.1):
    """Derivative of leaky ReLU: 1 where z > 0, else alpha.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).
        alpha: the slope below zero, a finite number (the lectures use 0.1).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "leaky_relu_grad", "z")
    alpha = _alpha(alpha, "leaky_relu_grad")
    return np.where(z > 0, 1.0, alpha).astype(z.dtype)


def elu(z, alpha=1.0):
    """Exponential linear unit: z for z > 0, alpha (e^z - 1) below.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).
        alpha: the level that alpha (e^z - 1) approaches for very negative z.

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "elu", "z")
    alpha = _alpha(alpha, "elu")
    # expm1 on min(z, 0) is accurate near 0 and cannot overflow for large positive z.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0))).astype(z.dtype)


def elu_grad(z, alpha=1.0):
    """Derivative of ELU: 1 for z > 0, alpha e^z below.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).
        alpha: the level that alpha (e^z - 1) approaches for very negative z.

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "elu_grad", "z")
    alpha = _alpha(alpha, "elu_grad")
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0))).astype(z.dtype)


def softmax(z, axis=-1):
    """Softmax e^z_i / sum_j e^z_j along ``axis``, stable for large scores.

    Subtracting the largest score first changes nothing mathematically (it cancels in the ratio)
    but keeps every exponent <= 0, so e^z never overflows.

    Args:
        z: scores, an array with at least one axis.
        axis: the axis along which the probabilities sum to 1.

    Returns:
        Probabilities shaped like ``z``.
    """
    z = as_float_array(z, "softmax", "z")
    if z.ndim == 0:
        raise ValueError(f"softmax expects at least a 1-D array of scores, got shape {z.shape}")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) or not -z.ndim <= axis < z.ndim:
        raise ValueError(f"softmax expects an integer axis in [{-z.ndim}, {z.ndim - 1}] for shape {z.shape}, got {axis!r}")
    if z.shape[axis] == 0:
        raise ValueError(f"softmax expects at least one score along axis {axis}, got shape {z.shape}")
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def gelu(z):
    """Gaussian error linear unit z * Phi(z), with Phi the standard normal CDF (the exact form).

    Phi(z) = (1 + erf(z / sqrt(2))) / 2: the unit keeps z in proportion to how likely a standard
    normal number is to lie below z. ``tf.nn.gelu(z, approximate=False)`` computes the same.

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "gelu", "z")
    phi = 0.5 * (1.0 + _erf(z / np.sqrt(2.0)))
    return (z * phi).astype(z.dtype)


def silu(z):
    """Sigmoid linear unit z * sigmoid(z), also called swish (``tf.nn.silu``).

    Args:
        z: pre-activations, an array of any shape (int, float32 or float64).

    Returns:
        An array shaped like ``z``, in z's float type.
    """
    z = as_float_array(z, "silu", "z")
    return (z * sigmoid(z)).astype(z.dtype)


def _erf(x):
    """The error function, element by element (math.erf is exact to double precision)."""
    import math

    return np.vectorize(math.erf, otypes=[np.float64])(x)
