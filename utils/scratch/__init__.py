"""From-scratch NumPy versions of what the lectures derive, to compare with TensorFlow.

The names follow the lectures' maths (``z``, ``W``, ``b``, ``x``). Everything is re-exported here,
so notebooks write ``scratch.sigmoid(z)`` or ``scratch.conv2d(image, kernel)``.
"""
from utils.scratch.activations import (
    elu, elu_grad, gelu, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad, silu, softmax, tanh, tanh_grad,
)
from utils.scratch.convolution import avg_pool2d, conv2d, max_pool2d, output_size
from utils.scratch.gradients import numerical_gradient, relative_error
from utils.scratch.losses import binary_cross_entropy, categorical_cross_entropy, mean_squared_error
from utils.scratch.mlp import *  # noqa: F401,F403
from utils.scratch.mlp import __all__ as _mlp_names
from utils.scratch.recurrent import *  # noqa: F401,F403
from utils.scratch.recurrent import __all__ as _recurrent_names
from utils.scratch.attention import *  # noqa: F401,F403
from utils.scratch.attention import __all__ as _attention_names

__all__ = [
    "sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad", "leaky_relu", "leaky_relu_grad",
    "elu", "elu_grad", "gelu", "silu", "softmax",
    "conv2d", "max_pool2d", "avg_pool2d", "output_size",
    "binary_cross_entropy", "categorical_cross_entropy", "mean_squared_error",
    "numerical_gradient", "relative_error",
    *_mlp_names, *_recurrent_names, *_attention_names,
]
