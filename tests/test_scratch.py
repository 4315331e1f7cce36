"""The from-scratch NumPy functions against TensorFlow, on random inputs and the lecture examples."""
import numpy as np
import pytest
import keras
import tensorflow as tf

from utils import scratch

SHAPES = [(7,), (4, 5), (2, 3, 6)]
DTYPES = [np.float32, np.float64]
TOLERANCE = {np.float32: 1e-6, np.float64: 1e-12}
# tf.nn.leaky_relu stores alpha as a float32 attribute, so in float64 it is off by ~1e-9 relative.
LEAKY_TOLERANCE = 1e-7


def random_z(shape, dtype, seed=0, scale=4.0):
    """Pre-activations spread over both signs, avoiding exact zeros where derivatives jump."""
    z = np.random.default_rng(seed).normal(scale=scale, size=shape).astype(dtype)
    z[np.abs(z) < 1e-3] = 0.5
    return z


ACTIVATIONS = {
    "sigmoid": (scratch.sigmoid, scratch.sigmoid_grad, tf.math.sigmoid),
    "tanh": (scratch.tanh, scratch.tanh_grad, tf.math.tanh),
    "relu": (scratch.relu, scratch.relu_grad, tf.nn.relu),
    "leaky_relu": (scratch.leaky_relu, scratch.leaky_relu_grad, lambda z: tf.nn.leaky_relu(z, alpha=0.1)),
    "elu": (scratch.elu, scratch.elu_grad, tf.nn.elu),
}


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_activation_matches_tensorflow(name, shape, dtype):
    ours, _, theirs = ACTIVATIONS[name]
    z = random_z(shape, dtype)
    result = ours(z)
    assert result.shape == z.shape and result.dtype == dtype
    tolerance = max(TOLERANCE[dtype], LEAKY_TOLERANCE if name == "leaky_relu" else 0)
    np.testing.assert_allclose(result, theirs(tf.constant(z)).numpy(), rtol=tolerance, atol=tolerance)


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_activation_derivative_matches_gradient_tape(name, shape):
    ours, derivative, theirs = ACTIVATIONS[name]
    z = tf.constant(random_z(shape, np.float64, seed=1))
    with tf.GradientTape() as tape:
        tape.watch(z)
        output = theirs(z)
    tolerance = LEAKY_TOLERANCE if name == "leaky_relu" else 1e-10
    np.testing.assert_allclose(derivative(z.numpy()), tape.gradient(output, z).numpy(), rtol=tolerance, atol=1e-12)


def test_leaky_relu_and_elu_take_alpha():
    z = np.array([-2.0, -0.5, 1.5])
    np.testing.assert_allclose(scratch.leaky_relu(z, alpha=0.2), tf.nn.leaky_relu(z, alpha=0.2).numpy())
    np.testing.assert_allclose(scratch.leaky_relu_grad(z, alpha=0.2), [0.2, 0.2, 1.0])
    np.testing.assert_allclose(scratch.elu(z, alpha=2.0), [2 * np.expm1(-2.0), 2 * np.expm1(-0.5), 1.5])
    np.testing.assert_allclose(scratch.elu_grad(z, alpha=2.0), [2 * np.exp(-2.0), 2 * np.exp(-0.5), 1.0])


def test_lecture_values():
    assert scratch.sigmoid(-6.0) == pytest.approx(0.00247, abs=5e-6)  # w0 = 1, W = [3, -2], x = [-1, 2]
    assert scratch.sigmoid_grad(np.linspace(-10, 10, 2001)).max() == pytest.approx(0.25)
    assert scratch.relu(np.array([-3, 0, 2])).tolist() == [0, 0, 2]


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        np.testing.assert_allclose(scratch.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        np.testing.assert_allclose(scratch.elu(np.array([1000.0])), [1000.0])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("axis", [-1, 0])
def test_softmax_matches_tensorflow(shape, dtype, axis):
    z = random_z(shape, dtype, seed=2)
    result = scratch.softmax(z, axis=axis)
    np.testing.assert_allclose(result, tf.nn.softmax(z, axis=axis).numpy(), rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype])
    np.testing.assert_allclose(result.sum(axis=axis), 1.0, rtol=1e-6)


def test_softmax_is_stable_for_large_scores():
    with np.errstate(over="raise", invalid="raise"):
        np.testing.assert_allclose(scratch.softmax(np.array([1000.0, 1000.0, 0.0])), [0.5, 0.5, 0.0], atol=1e-12)


# Losses ------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(8,), (6, 1), (5, 3)])
def test_binary_cross_entropy_matches_keras(shape):
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 2, size=shape).astype(np.float64)
    y_pred = rng.uniform(0.01, 0.99, size=shape)
    expected = float(np.mean(keras.losses.binary_crossentropy(y_true.reshape(-1, 1), y_pred.reshape(-1, 1))))
    assert scratch.binary_cross_entropy(y_true, y_pred) == pytest.approx(expected, rel=1e-6)


def test_binary_cross_entropy_of_certain_predictions_is_finite():
    assert np.isfinite(scratch.binary_cross_entropy([1.0, 0.0], [0.0, 1.0]))
    assert scratch.binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("shape", [(10,), (4, 3), (6, 10)])
def test_categorical_cross_entropy_matches_keras(shape):
    rng = np.random.default_rng(4)
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    y_true = np.eye(shape[-1])[labels]
    y_pred = scratch.softmax(rng.normal(size=shape))
    expected = float(np.mean(keras.losses.categorical_crossentropy(y_true, y_pred)))
    assert scratch.categorical_cross_entropy(y_true, y_pred) == pytest.approx(expected, rel=1e-6)


def test_categorical_cross_entropy_normalizes_the_lecture_scores():
    scores = np.array([0.1, 0.2, 0.5, 0.7, 0.3, 0.9, 0.55, 0.2, 0.5, 0.1])
    label = np.eye(10)[3]
    assert scratch.categorical_cross_entropy(label, scores) == pytest.approx(-np.log(0.7 / scores.sum()))


@pytest.mark.parametrize("shape", [(5,), (4, 3)])
def test_mean_squared_error_matches_keras(shape):
    rng = np.random.default_rng(5)
    y_true, y_pred = rng.normal(size=shape), rng.normal(size=shape)
    expected = float(keras.losses.MeanSquaredError()(y_true, y_pred))
    assert scratch.mean_squared_error(y_true, y_pred) == pytest.approx(expected, rel=1e-6)


# Convolution and pooling ---------------------------------------------------------------------

LECTURE_IMAGE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
LECTURE_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def tf_conv2d(image, kernel, stride, padding):
    result = tf.nn.conv2d(image[None, :, :, None], kernel[:, :, None, None], strides=stride, padding=padding.upper())
    return result.numpy()[0, :, :, 0]


def test_conv2d_lecture_example():
    expected = [[4, 3, 4], [2, 4, 3], [2, 3, 4]]
    np.testing.assert_array_equal(scratch.conv2d(LECTURE_IMAGE, LECTURE_KERNEL), expected)
    np.testing.assert_array_equal(tf_conv2d(LECTURE_IMAGE.astype(np.float32), LECTURE_KERNEL.astype(np.float32), 1, "valid"), expected)


@pytest.mark.parametrize("image_shape", [(5, 5), (8, 6), (28, 28)])
@pytest.mark.parametrize("kernel_shape", [(1, 1), (3, 3), (2, 4)])
@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_conv2d_matches_tensorflow(image_shape, kernel_shape, stride, padding):
    rng = np.random.default_rng(6)
    image, kernel = rng.normal(size=image_shape), rng.normal(size=kernel_shape)
    expected = tf_conv2d(image, kernel, stride, padding)
    np.testing.assert_allclose(scratch.conv2d(image, kernel, stride, padding), expected, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("image_shape", [(4, 4), (7, 6), (28, 28)])
@pytest.mark.parametrize("size,stride", [(2, 2), (3, 1), (2, 1), (3, 2)])
def test_pooling_matches_tensorflow(image_shape, size, stride):
    image = np.random.default_rng(7).normal(size=image_shape)
    batch = image[None, :, :, None]
    max_expected = tf.nn.max_pool2d(batch, size, stride, "VALID").numpy()[0, :, :, 0]
    avg_expected = tf.nn.avg_pool2d(batch, size, stride, "VALID").numpy()[0, :, :, 0]
    np.testing.assert_allclose(scratch.max_pool2d(image, size, stride), max_expected)
    np.testing.assert_allclose(scratch.avg_pool2d(image, size, stride), avg_expected, rtol=1e-12)


def test_max_pool_lecture_style_example():
    image = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
    np.testing.assert_array_equal(scratch.max_pool2d(image), [[6, 8], [3, 4]])


@pytest.mark.parametrize("n,f,stride,padding,expected", [(5, 3, 1, 0, 3), (28, 3, 1, 1, 28), (32, 5, 2, 0, 14), (7, 3, 2, 1, 4)])
def test_output_size(n, f, stride, padding, expected):
    assert scratch.output_size(n, f, stride, padding) == expected


# Numerical gradient ------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(3,), (2, 4)])
def test_numerical_gradient_matches_gradient_tape(shape):
    x = np.random.default_rng(8).normal(size=shape)
    f = lambda v: np.sum(np.sin(v) * v ** 2)  # noqa: E731
    variable = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(variable)
        y = tf.reduce_sum(tf.sin(variable) * variable ** 2)
    exact = tape.gradient(y, variable).numpy()
    numeric = scratch.numerical_gradient(f, x)
    assert scratch.relative_error(numeric, exact) < 1e-7
    np.testing.assert_array_equal(x, np.random.default_rng(8).normal(size=shape))  # x left untouched


def test_relative_error_is_zero_for_equal_arrays_and_positive_otherwise():
    assert scratch.relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert scratch.relative_error([1.0, 2.0], [1.0, 2.2]) == pytest.approx(0.2 / 2.2)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_derivatives_at_zero_match_gradient_tape(name):
    """At z = 0 the piecewise functions must pick the same side as TensorFlow."""
    _, derivative, theirs = ACTIVATIONS[name]
    z = tf.constant([0.0, -0.0], dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        output = theirs(z)
    np.testing.assert_allclose(derivative(z.numpy()), tape.gradient(output, z).numpy(), rtol=LEAKY_TOLERANCE)


def test_elu_with_alpha_matches_keras_at_and_around_zero():
    z = tf.constant([-1.5, -1e-3, 0.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        output = keras.activations.elu(z, alpha=2.0)
    np.testing.assert_allclose(scratch.elu(z.numpy(), alpha=2.0), output.numpy(), rtol=1e-12)
    np.testing.assert_allclose(scratch.elu_grad(z.numpy(), alpha=2.0), tape.gradient(output, z).numpy(), rtol=1e-12)


def test_mlp_loss_is_finite_and_exact_for_huge_multiclass_logits():
    params = scratch.init_mlp(3, 4, 3, seed=0)
    params["b2"] = np.array([900.0, 0.0, -900.0])  # a softmax of these rounds to [1, 0, 0]
    X = np.random.default_rng(0).normal(size=(5, 3))
    y = np.array([2, 0, 1, 2, 0])
    logits = np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    expected = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    assert scratch.mlp_loss(params, X, y) == pytest.approx(float(expected), rel=1e-12)
    assert scratch.mlp_loss(params, X, y) > 700
