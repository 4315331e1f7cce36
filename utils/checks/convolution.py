"""Exercise checks of notebook 07 (convolutional networks).

1. ``check_conv_output_shape``: a function giving a convolution's output shape, on fresh cases.
2. ``check_strided_conv2d``: a stride-2 convolution over several channels, in place of pooling,
   against ``tf.nn.conv2d`` on fresh inputs.
3. ``check_receptive_field``: a prediction, the receptive field of the CNN's second convolution.
"""
import numbers

import numpy as np

from utils.checks.core import (as_number, call, describe, exercise, expect_answered, fail,
                               library_functions_refused, passed)

__all__ = ["check_conv_output_shape", "check_strided_conv2d", "check_receptive_field"]


# Exercise 1 ------------------------------------------------------------------------------------

def _shape_cases(rng):
    """Fresh (input_shape, filters, kernel_size, stride, padding) cases; most divide unevenly."""
    cases = [((7, 7, 3), 8, 2, 2, 0),      # (7 - 2) / 2 = 2.5: the floor matters
             ((28, 28, 1), 16, 3, 1, 0),   # the notebook's first layer
             ((32, 20, 3), 4, 5, 3, 1),    # not square, (32 + 2 - 5) / 3 = 9.67
             ((5, 5, 2), 6, 5, 1, 2),      # padding keeps the size
             ((224, 224, 3), 64, 7, 2, 3)]  # ResNet's first layer, 112.5 before the floor
    while len(cases) < 12:
        f, s, p = int(rng.integers(1, 6)), int(rng.integers(1, 5)), int(rng.integers(0, 3))
        height, width = (int(v) for v in rng.integers(max(f - 2 * p, 1), 40, size=2))
        cases.append(((height, width, int(rng.integers(1, 65))), int(rng.integers(1, 129)), f, s, p))
    return cases


def _expected_shape(input_shape, filters, kernel_size, stride, padding):
    height, width, _ = input_shape
    return tuple((n + 2 * padding - kernel_size) // stride + 1 for n in (height, width)) + (filters,)


def _read_shape(answer, name):
    """The student's shape as a tuple of Python ints; floats and fractions fail with a hint."""
    if hasattr(answer, "as_list"):  # a tf.TensorShape
        answer = answer.as_list()
    if isinstance(answer, (str, bytes, dict)) or isinstance(answer, numbers.Number):
        fail(f"`{name}` should return a shape such as (26, 26, 16), got {describe(answer)}.")
    try:
        entries = list(np.asarray(answer).ravel()) if hasattr(answer, "dtype") else list(answer)
    except TypeError:
        fail(f"`{name}` should return a shape such as (26, 26, 16) (a tuple, a list or an "
             f"array), got {describe(answer)}.")
    sizes = []
    for entry in entries:
        if isinstance(entry, (bool, np.bool_)) or not isinstance(entry, numbers.Real):
            fail(f"`{name}` should return whole numbers, got {entry!r} in {tuple(entries)}.")
        if not isinstance(entry, numbers.Integral) and float(entry).is_integer():
            fail(f"`{name}` returned {tuple(entries)}: a shape holds integers, and {entry!r} is "
                 f"a {type(entry).__name__}. Compute with // on integers (math.floor returns an "
                 "int too), or wrap the size in int(...).")
        if not isinstance(entry, numbers.Integral):
            fail(f"`{name}` returned {tuple(entries)}: a size is a whole number of window "
                 f"positions, and {entry!r} is a {type(entry).__name__}. When (n + 2p - f) / s is "
                 "not whole, the last window would stick out: round down with // (floor "
                 "division), not /.")
        sizes.append(int(entry))
    return tuple(sizes)


@exercise(1)
def check_conv_output_shape(conv_output_shape):
    """Check ``conv_output_shape(input_shape, filters, kernel_size, stride, padding)`` on fresh cases.

    Args:
        conv_output_shape: the student's function; it returns (height, width, channels) of the
            output of ``filters`` square filters of side ``kernel_size``, moved ``stride`` pixels,
            on an input of shape (height, width, channels) padded with ``padding`` zeros per side.
    """
    name = "conv_output_shape"
    expect_answered(conv_output_shape, what=f"define `{name}` above")
    for case in _shape_cases(np.random.default_rng(7)):
        input_shape, filters, kernel_size, stride, padding = case
        answer = call(conv_output_shape, input_shape, filters, kernel_size, stride, padding,
                      name=name)
        shape = _read_shape(answer, name)
        expected = _expected_shape(*case)
        where = (f"For input_shape={input_shape}, filters={filters}, kernel_size={kernel_size}, "
                 f"stride={stride}, padding={padding} the output has shape {expected}")
        if len(shape) != 3:
            fail(f"{where}; `{name}` returned {shape}: give (height, width, channels).")
        if shape[2] != filters:
            fail(f"{where}; `{name}` returned {shape}. The output has one channel per filter, "
                 f"not per input channel.")
        if shape == expected:
            continue
        height = input_shape[0]
        exact = (height + 2 * padding - kernel_size) / stride + 1
        if shape[0] == -(-(height + 2 * padding - kernel_size) // stride) + 1 or shape[0] == round(exact):
            fail(f"{where}; `{name}` returned {shape}. (n + 2p - f) / s = "
                 f"{(height + 2 * padding - kernel_size) / stride:.3g} is not whole: the last "
                 "window would stick out, so round DOWN (floor, //), not up or to the nearest.")
        if shape[0] == (height + padding - kernel_size) // stride + 1:
            fail(f"{where}; `{name}` returned {shape}. Padding adds p zeros on EACH side: 2p.")
        if shape[0] == (height + 2 * padding - kernel_size) // stride:
            fail(f"{where}; `{name}` returned {shape}. Count the first window too: + 1.")
        fail(f"{where}; `{name}` returned {shape}. Use floor((n + 2p - f) / s) + 1 for height "
             "and for width.")
    passed("right on 12 fresh cases, including sizes where (n + 2p - f) / s is not whole.")


# Exercise 2 ------------------------------------------------------------------------------------

def _conv_cases(rng):
    """Fresh (images, kernels, bias) with odd and even sizes, one or several channels."""
    shapes = [((2, 6, 6, 1), (2, 2, 1, 1)),    # like 2x2 pooling windows
              ((1, 7, 9, 3), (3, 3, 3, 4)),    # odd and not square: the floor matters
              ((3, 8, 5, 2), (3, 3, 2, 1)),
              ((2, 11, 11, 4), (5, 5, 4, 3))]
    return [(rng.normal(size=image_shape), rng.normal(size=kernel_shape),
             rng.normal(size=kernel_shape[3])) for image_shape, kernel_shape in shapes]


def _tf_conv(images, kernels, bias, stride=2):
    """The reference: TensorFlow's convolution (float64), "valid" padding, plus the bias."""
    import tensorflow as tf

    return tf.nn.conv2d(images, kernels, strides=stride, padding="VALID").numpy() + bias


# What the exercise asks the student to write: a library's convolution would skip it.
LIBRARY_CONVOLUTIONS = (
    "tensorflow.nn.conv2d", "tensorflow.nn.convolution", "keras.ops.conv", "keras.layers.Conv2D",
    "scipy.signal.convolve", "scipy.signal.correlate", "scipy.signal.convolve2d",
    "scipy.signal.correlate2d", "scipy.signal.fftconvolve", "scipy.ndimage.convolve",
    "scipy.ndimage.correlate",
)


@exercise(2)
def check_strided_conv2d(strided_conv2d):
    """Check ``strided_conv2d(images, kernels, bias)`` against ``tf.nn.conv2d(strides=2)``; while
    the student's function runs, the library convolutions (``LIBRARY_CONVOLUTIONS``) refuse to.

    Args:
        strided_conv2d: the student's function: images (batch, height, width, in_channels),
            kernels (f, f, in_channels, out_channels), bias (out_channels,) -> the "valid"
            convolution with stride 2 plus the bias, (batch, out_height, out_width, out_channels).
    """
    name = "strided_conv2d"
    expect_answered(strided_conv2d, what=f"define `{name}` above")
    for images, kernels, bias in _conv_cases(np.random.default_rng(11)):
        with library_functions_refused(LIBRARY_CONVOLUTIONS):
            answer = call(strided_conv2d, images.copy(), kernels.copy(), bias.copy(), name=name,
                          forbidden_hint="Write the sliding window yourself, with NumPy.")
        if hasattr(answer, "numpy") and callable(answer.numpy):
            answer = answer.numpy()
        try:
            result = np.asarray(answer, dtype=np.float64)
        except (TypeError, ValueError):
            fail(f"`{name}` should return an array, got {describe(answer)}.")
        expected = _tf_conv(images, kernels, bias)
        where = f"For images of shape {images.shape} and kernels of shape {kernels.shape}"
        if result.shape != expected.shape:
            stride_one = _tf_conv(images, kernels, bias, stride=1).shape
            if result.shape == stride_one:
                fail(f"{where} you returned {result.shape}, the shape of a stride-1 convolution; "
                     f"with stride 2 it is {expected.shape}: move the window 2 pixels at a time.")
            if result.shape[1:3] != expected.shape[1:3] and len(result.shape) == 4:
                fail(f"{where} you returned {result.shape}, expected {expected.shape}: "
                     "floor((n - f) / 2) + 1 positions per axis, no padding.")
            fail(f"{where} you returned shape {result.shape}, expected {expected.shape}: "
                 "(batch, out_height, out_width, out_channels).")
        if np.allclose(result, expected, rtol=1e-5, atol=1e-6):
            continue
        if np.allclose(result, expected - bias, rtol=1e-5, atol=1e-6):
            fail(f"{where} your values miss the bias: add bias[k] to output channel k.")
        flipped = _tf_conv(images, kernels[::-1, ::-1], bias)
        if np.allclose(result, flipped, rtol=1e-5, atol=1e-6):
            fail(f"{where} your values are those of the flipped kernel (the mathematician's "
                 "convolution); Keras and TensorFlow do not flip: use kernels[m, n] as it is.")
        first = _tf_conv(images[..., :1], kernels[:, :, :1], bias)
        if images.shape[3] > 1 and np.allclose(result, first, rtol=1e-5, atol=1e-6):
            fail(f"{where} your values use only the first input channel: sum the products over "
                 "every input channel.")
        fail(f"{where} the shape is right but the values differ from tf.nn.conv2d with "
             "strides=2: output[b, i, j, k] = bias[k] + the sum over m, n, c of "
             "images[b, 2i + m, 2j + n, c] * kernels[m, n, c, k].")
    passed("your stride-2 convolution matches tf.nn.conv2d on fresh images, several channels, "
           "odd and even sizes. Like 2x2 pooling it halves each side, but its weights are learned.")


# Exercise 3 ------------------------------------------------------------------------------------

def _receptive_field(layers):
    """Receptive field of one unit after ``layers``, a list of (window, stride)."""
    field, jump = 1, 1  # jump: input pixels between two neighbouring units of the current map
    for window, stride in layers:
        field += (window - 1) * jump
        jump *= stride
    return field


@exercise(3)
def check_receptive_field(receptive_field):
    """Check the predicted receptive field of one unit of the CNN's second convolution.

    Args:
        receptive_field: a number (the side, in input pixels), or a (height, width) pair.
    """
    expect_answered(receptive_field, what="store your prediction in `receptive_field`")
    if isinstance(receptive_field, (tuple, list)) and len(receptive_field) == 2:
        height, width = (as_number(v, "each side") for v in receptive_field)
        if height != width:
            fail("The network treats rows and columns alike: the field is a square.")
        receptive_field = height
    value = as_number(receptive_field, "`receptive_field`")
    expected = _receptive_field([(3, 1), (2, 2), (3, 1)])  # conv 3x3, pool 2x2/2, conv 3x3
    if value == expected:
        passed(f"{expected}x{expected} input pixels: the second convolution's 3 neighbouring "
               "inputs are pooled units 2 pixels apart, each covering 4x4 pixels.")
        return
    if value == _receptive_field([(3, 1), (3, 1)]):
        fail(f"{value:g} is the field of two stacked 3x3 convolutions without pooling. The pool "
             "between them also widens the field, and it spreads the second convolution's "
             "inputs apart: neighbouring pooled units start 2 pixels apart.")
    if value == _receptive_field([(3, 1), (2, 1), (3, 1)]):
        fail(f"{value:g} would be right if the pooled units overlapped like a stride-1 map. "
             "With stride 2, neighbouring pooled units start 2 pixels apart, so the second "
             "convolution's 3 inputs are spread wider.")
    if value in (9, 12, 18, 36):
        fail(f"{value:g}: window sizes do not multiply. Follow one row of pixels: how many does "
             "one pooled unit cover, and how far apart do neighbouring pooled units start?")
    fail(f"{value:g} is not it. Work backwards from one unit: which 3 pooled units does it "
         "read, which first-layer units does each of those take the maximum of, and which "
         "pixels does each first-layer unit see?")
