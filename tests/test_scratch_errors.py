"""Every bad input to utils.scratch raises a ValueError naming what was expected and what came."""
import numpy as np
import pytest

from utils import scratch

IMAGE = np.ones((5, 5))
KERNEL = np.ones((3, 3))


@pytest.mark.parametrize("call,message", [
    (lambda: scratch.conv2d(np.ones((5, 5, 3)), KERNEL), r"2-D image, got shape \(5, 5, 3\)"),
    (lambda: scratch.conv2d(IMAGE, np.ones(3)), r"2-D kernel, got shape \(3,\)"),
    (lambda: scratch.conv2d(np.ones((2, 2)), KERNEL), r"no larger than the image \(2, 2\), got kernel \(3, 3\)"),
    (lambda: scratch.conv2d(IMAGE, KERNEL, stride=0), r"stride to be an integer >= 1, got 0"),
    (lambda: scratch.conv2d(IMAGE, KERNEL, stride=1.5), r"stride to be an integer >= 1, got 1.5"),
    (lambda: scratch.conv2d(IMAGE, KERNEL, padding="full"), r"padding 'valid' or 'same', got 'full'"),
    (lambda: scratch.conv2d(np.full((5, 5), np.nan), KERNEL), r"image without NaN, got 25 NaN"),
    (lambda: scratch.conv2d([["a"]], KERNEL), r"numeric array as image, got dtype <U1"),
    (lambda: scratch.max_pool2d(np.ones(4)), r"2-D image, got shape \(4,\)"),
    (lambda: scratch.max_pool2d(np.ones((2, 2)), size=3), r"window no larger than the image \(2, 2\), got size 3"),
    (lambda: scratch.max_pool2d(IMAGE, stride=0), r"stride to be an integer >= 1, got 0"),
    (lambda: scratch.avg_pool2d(IMAGE, size=-1), r"size to be an integer >= 1, got -1"),
    (lambda: scratch.output_size(5, 7), r"f <= n \+ 2p = 5, got f = 7"),
    (lambda: scratch.output_size(5, 3, padding=-1), r"padding to be an integer >= 0, got -1"),
    (lambda: scratch.sigmoid(np.array([1.0, np.nan])), r"z without NaN, got 1 NaN"),
    (lambda: scratch.relu("zero"), r"numeric array as z, got dtype <U4"),
    (lambda: scratch.leaky_relu(1.0, alpha="big"), r"alpha to be a finite number, got 'big'"),
    (lambda: scratch.elu(1.0, alpha=np.inf), r"alpha to be a finite number, got inf"),
    (lambda: scratch.softmax(np.float64(3.0)), r"at least a 1-D array of scores, got shape \(\)"),
    (lambda: scratch.softmax(np.ones((2, 3)), axis=2), r"axis in \[-2, 1\] for shape \(2, 3\), got 2"),
    (lambda: scratch.binary_cross_entropy([1, 0], [0.5]), r"same shape, got \(2,\) and \(1,\)"),
    (lambda: scratch.binary_cross_entropy([1, 0], [1.5, 0.2]), r"y_pred \(probabilities\) in \[0, 1\], got values from 0.2 to 1.5"),
    (lambda: scratch.binary_cross_entropy([2, 0], [0.5, 0.2]), r"y_true in \[0, 1\], got values from 0 to 2"),
    (lambda: scratch.binary_cross_entropy([], []), r"at least one example, got shape \(0,\)"),
    (lambda: scratch.categorical_cross_entropy([0, 1], [-0.5, 1.0]), r"y_pred \(probabilities\) in \[0, inf\]"),
    (lambda: scratch.categorical_cross_entropy([0, 1], [0.0, 0.0]), r"positive sum, got a row of zeros"),
    (lambda: scratch.mean_squared_error(np.ones((2, 2)), np.ones(4)), r"same shape, got \(2, 2\) and \(4,\)"),
    (lambda: scratch.numerical_gradient(3, np.ones(2)), r"callable f, got int"),
    (lambda: scratch.numerical_gradient(np.sum, np.ones(2), eps=0), r"eps > 0, got 0"),
    (lambda: scratch.numerical_gradient(lambda v: v, np.ones(2)), r"f to return a scalar, got shape \(2,\)"),
    (lambda: scratch.relative_error(np.ones(2), np.ones(3)), r"same shape, got \(2,\) and \(3,\)"),
])
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("call,message", [
    (lambda: scratch.conv2d(IMAGE, np.zeros((0, 0))), r"non-empty kernel, got shape \(0, 0\)"),
    (lambda: scratch.softmax(np.ones((2, 0))), r"at least one score along axis -1, got shape \(2, 0\)"),
    (lambda: scratch.softmax(np.ones(3), axis=None), r"integer axis in \[-1, 0\] for shape \(3,\), got None"),
    (lambda: scratch.numerical_gradient(np.sum, np.ones(2), eps=True), r"eps > 0, got True"),
    (lambda: scratch.categorical_cross_entropy(1.0, 1.0), r"at least a 1-D array of classes, got shape \(\)"),
    (lambda: scratch.sigmoid([[1.0, 2.0], [3.0]]), r"numeric array as z, got list"),
])
def test_edge_cases_raise_clear_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
