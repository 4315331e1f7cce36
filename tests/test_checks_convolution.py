"""Tests of the exercise checks of notebook 07 (convolutional networks)."""
import math
from fractions import Fraction

import keras
import numpy as np
import pytest
import tensorflow as tf
from numpy.lib.stride_tricks import sliding_window_view

from check_output import not_answered, passes
from utils import checks, scratch
from utils.checks import convolution


def test_exercise_numbers_follow_the_notebook():
    assert checks.check_conv_output_shape.exercise_number == 1
    assert checks.check_strided_conv2d.exercise_number == 2
    assert checks.check_receptive_field.exercise_number == 3
    assert set(convolution.__all__) == {"check_conv_output_shape", "check_strided_conv2d",
                                        "check_receptive_field"}


# Exercise 1: conv_output_shape -----------------------------------------------------------------

def shape_by_floor_division(input_shape, filters, kernel_size, stride, padding):
    height, width, _ = input_shape
    return ((height + 2 * padding - kernel_size) // stride + 1,
            (width + 2 * padding - kernel_size) // stride + 1, filters)


def shape_by_math_floor_as_list(input_shape, filters, kernel_size, stride, padding):
    return [math.floor((n + 2 * padding - kernel_size) / stride) + 1 for n in input_shape[:2]] + [filters]


def shape_as_generator(input_shape, filters, kernel_size, stride, padding):
    sizes = (scratch.output_size(n, kernel_size, stride, padding) for n in input_shape[:2])
    return (size for size in [*sizes, filters])


def shape_as_array(input_shape, filters, kernel_size, stride, padding):
    sizes = (np.array(input_shape[:2]) + 2 * padding - kernel_size) // stride + 1
    return np.append(sizes, filters)


@pytest.mark.parametrize("answer", [shape_by_floor_division, shape_by_math_floor_as_list,
                                    shape_as_generator, shape_as_array])
def test_output_shape_accepts_right_answers(answer, capsys):
    assert passes(checks.check_conv_output_shape, answer, capsys)


def true_division(input_shape, filters, kernel_size, stride, padding):
    return tuple((n + 2 * padding - kernel_size) / stride + 1 for n in input_shape[:2]) + (filters,)


def rounded_up(input_shape, filters, kernel_size, stride, padding):
    return tuple(math.ceil((n + 2 * padding - kernel_size) / stride) + 1
                 for n in input_shape[:2]) + (filters,)


def one_side_padding(input_shape, filters, kernel_size, stride, padding):
    return tuple((n + padding - kernel_size) // stride + 1 for n in input_shape[:2]) + (filters,)


def input_channels(input_shape, filters, kernel_size, stride, padding):
    return shape_by_floor_division(input_shape, filters, kernel_size, stride, padding)[:2] + (input_shape[2],)


def fractions(input_shape, filters, kernel_size, stride, padding):
    return tuple(Fraction(n + 2 * padding - kernel_size, stride) + 1 for n in input_shape[:2]) + (filters,)


def numpy_floor(input_shape, filters, kernel_size, stride, padding):
    return tuple(np.floor((n + 2 * padding - kernel_size) / stride) + 1 for n in input_shape[:2]) + (filters,)


def missing_plus_one(input_shape, filters, kernel_size, stride, padding):
    return tuple((n + 2 * padding - kernel_size) // stride for n in input_shape[:2]) + (filters,)


@pytest.mark.parametrize("answer, hint", [
    (true_division, "round down with // .floor division"),
    (fractions, "Fraction.*floor division"),
    (rounded_up, "round DOWN"),
    (one_side_padding, "EACH side: 2p"),
    (input_channels, "one channel per filter"),
    (missing_plus_one, r"first window too: \+ 1"),
    (numpy_floor, r"a shape holds integers.*int\(\.\.\.\)"),
    (lambda *args: (26, 26, 16), "For input_shape=\\(7, 7, 3\\)"),  # a typed-in answer
    (lambda *args: 26, "should return a shape"),
    (lambda *args: (26, 26), r"give \(height, width, channels\)"),
])
def test_output_shape_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_conv_output_shape(answer)


def test_output_shape_cases_agree_with_keras():
    import keras

    for case in convolution._shape_cases(np.random.default_rng(7))[:6]:
        input_shape, filters, kernel_size, stride, padding = case
        model = keras.Sequential([keras.Input(shape=input_shape), keras.layers.ZeroPadding2D(padding),
                                  keras.layers.Conv2D(filters, kernel_size, strides=stride)])
        assert tuple(model.output_shape[1:]) == convolution._expected_shape(*case)


@pytest.mark.parametrize("placeholder", [None, ..., lambda *args: ...])
def test_output_shape_placeholder(placeholder, capsys):
    assert not_answered(checks.check_conv_output_shape, placeholder, capsys, 1)


# Exercise 2: strided_conv2d --------------------------------------------------------------------

def conv_with_loops(images, kernels, bias):
    f = kernels.shape[0]
    batch, height, width, _ = images.shape
    out_h, out_w = (height - f) // 2 + 1, (width - f) // 2 + 1
    out = np.zeros((batch, out_h, out_w, kernels.shape[3]))
    for i in range(out_h):
        for j in range(out_w):
            window = images[:, 2 * i:2 * i + f, 2 * j:2 * j + f, :]  # (batch, f, f, in)
            out[:, i, j, :] = np.tensordot(window, kernels, axes=3) + bias
    return out


def conv_by_windows(images, kernels, bias):
    f = kernels.shape[0]
    windows = sliding_window_view(images, (f, f), axis=(1, 2))[:, ::2, ::2]  # (b, oh, ow, in, f, f)
    return np.einsum("bhwcmn,mnck->bhwk", windows, kernels) + bias


@pytest.mark.parametrize("answer", [conv_with_loops, conv_by_windows])
def test_strided_conv_accepts_right_answers(answer, capsys):
    assert passes(checks.check_strided_conv2d, answer, capsys)


def conv_with_tensorflow(images, kernels, bias):
    return tf.nn.conv2d(images, kernels, strides=2, padding="VALID") + bias


def conv_with_keras_ops(images, kernels, bias):
    return keras.ops.conv(images, kernels, strides=2, padding="valid") + bias


def conv_with_scipy(images, kernels, bias):
    from scipy import signal

    f, out = kernels.shape[0], []
    for k in range(kernels.shape[3]):  # "valid" cross-correlation over (height, width, channels)
        per_image = [signal.correlate(image, kernels[..., k], mode="valid")[::2, ::2, 0]
                     for image in images]
        out.append(np.stack(per_image) + bias[k])
    return np.stack(out, axis=-1)


@pytest.mark.parametrize("answer, library", [
    (conv_with_tensorflow, "tensorflow.nn.conv2d"),
    (conv_with_keras_ops, "keras.ops.conv"),
    (conv_with_scipy, "scipy.signal.correlate"),
])
def test_strided_conv_refuses_a_library_convolution(answer, library):
    with pytest.raises(AssertionError, match=f"uses `{library}`, which this exercise rules out"):
        checks.check_strided_conv2d(answer)
    from scipy import signal

    # every library function is back once the check is over
    assert tf.nn.conv2d(tf.ones((1, 3, 3, 1)), tf.ones((3, 3, 1, 1)), 1, "VALID").numpy() == 9
    assert (keras.ops.conv.__name__, signal.correlate.__name__) == ("conv", "correlate")


def test_the_scipy_answer_would_be_right_without_the_rule():
    rng = np.random.default_rng(0)
    images, kernels, bias = rng.normal(size=(2, 7, 9, 3)), rng.normal(size=(3, 3, 3, 4)), np.ones(4)
    assert np.allclose(conv_with_scipy(images, kernels, bias),
                       conv_by_windows(images, kernels, bias))


def stride_one(images, kernels, bias):
    f = kernels.shape[0]
    windows = sliding_window_view(images, (f, f), axis=(1, 2))  # every position, not every other
    return np.einsum("bhwcmn,mnck->bhwk", windows, kernels) + bias


def no_bias(images, kernels, bias):
    return conv_by_windows(images, kernels, bias) - bias


def flipped(images, kernels, bias):
    return conv_by_windows(images, kernels[::-1, ::-1], bias)


def first_channel_only(images, kernels, bias):
    return conv_by_windows(images[..., :1], kernels[:, :, :1], bias)


def same_padding(images, kernels, bias):
    f = kernels.shape[0]
    height, width = images.shape[1:3]
    pad_h = max((-(-height // 2) - 1) * 2 + f - height, 0)  # TensorFlow's "same" with stride 2
    pad_w = max((-(-width // 2) - 1) * 2 + f - width, 0)
    padded = np.pad(images, ((0, 0), (pad_h // 2, pad_h - pad_h // 2),
                             (pad_w // 2, pad_w - pad_w // 2), (0, 0)))
    return conv_by_windows(padded, kernels, bias)


@pytest.mark.parametrize("answer, hint", [
    (stride_one, "stride-1 convolution"),
    (no_bias, "miss the bias"),
    (flipped, "flipped kernel"),
    (first_channel_only, "only the first input channel"),
    (same_padding, "no padding"),
    (lambda images, kernels, bias: conv_by_windows(images, kernels, bias) * 2, "values differ"),
    (lambda images, kernels, bias: np.zeros(3), "expected \\(2, 3, 3, 1\\)"),
])
def test_strided_conv_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_strided_conv2d(answer)


def test_strided_conv_error_in_student_code_becomes_a_hint():
    def broken(images, kernels, bias):
        return images @ kernels
    with pytest.raises(AssertionError, match="raised ValueError"):
        checks.check_strided_conv2d(broken)


@pytest.mark.parametrize("placeholder", [None, ..., lambda images, kernels, bias: ...])
def test_strided_conv_placeholder(placeholder, capsys):
    assert not_answered(checks.check_strided_conv2d, placeholder, capsys, 2)


# Exercise 3: receptive field -------------------------------------------------------------------

@pytest.mark.parametrize("answer", [8, 8.0, np.int64(8), (8, 8), [8, 8], np.array([8])])
def test_receptive_field_accepts_eight(answer, capsys):
    assert passes(checks.check_receptive_field, answer, capsys)


def test_receptive_field_matches_a_gradient_measurement():
    """One unit of the second convolution depends on exactly 8x8 pixels (measured, not assumed)."""
    import keras

    # average pooling has max pooling's windows, and a gradient for every pixel of each window
    layers = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(1, 3),
                               keras.layers.AveragePooling2D(2), keras.layers.Conv2D(1, 3)])
    for layer in (layers.layers[0], layers.layers[2]):
        layer.kernel.assign(tf.ones_like(layer.kernel))
    image = tf.Variable(np.random.default_rng(0).random((1, 28, 28, 1)), dtype=tf.float32)
    with tf.GradientTape() as tape:
        unit = layers(image)[0, 5, 5, 0]
    rows, cols = np.nonzero(tape.gradient(unit, image).numpy()[0, :, :, 0] != 0)
    assert rows.max() - rows.min() + 1 == 8 and cols.max() - cols.min() + 1 == 8
    assert len(rows) == 64
    assert convolution._receptive_field([(3, 1), (2, 2), (3, 1)]) == 8


@pytest.mark.parametrize("answer, hint", [
    (5, "two stacked 3x3 convolutions without pooling"),
    (6, "2 pixels apart"),
    (9, "do not multiply"),
    (18, "do not multiply"),
    (7, "Work backwards"),
    ((8, 5), "a square"),
    ("8", "not the text"),
])
def test_receptive_field_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_receptive_field(answer)


@pytest.mark.parametrize("placeholder", [None, ...])
def test_receptive_field_placeholder(placeholder, capsys):
    assert not_answered(checks.check_receptive_field, placeholder, capsys, 3)
