"""Exercise checks for notebook 07 (convolutions). Private: ``utils.checks.vision`` re-exports them."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed
from utils.scratch import conv2d

__all__ = ["CONV_SIZE_CASES", "check_conv_output_sizes", "check_conv_layer", "check_shift_kernel"]

# Exercise 1 of notebook 07: (input size n, filter size f, stride s, padding p) per case.
CONV_SIZE_CASES = ((32, 5, 1, 0), (32, 5, 1, 2), (28, 3, 2, 1), (7, 3, 2, 0))


def check_conv_output_sizes(sizes):
    """Notebook 07, exercise 1: one output size per case of ``CONV_SIZE_CASES``, in order.

    Args:
        sizes: a sequence of 4 integers, the output size (along one axis) of each case.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(sizes, "Exercise 1")
    if len(sizes) != len(CONV_SIZE_CASES):
        fail(f"Give {len(CONV_SIZE_CASES)} sizes, one per case; got {len(sizes)}.")
    for (n, f, s, p), size in zip(CONV_SIZE_CASES, sizes):
        if size != (n + 2 * p - f) // s + 1:
            fail(f"The case n={n}, f={f}, s={s}, p={p} is off: use (n + 2p - f) / s + 1, rounded down.")
    passed("every output size follows (n + 2p - f) / s + 1.")


def check_conv_layer(parameters, output_shape, input_shape=(14, 14, 32), filters=64, kernel_size=5, strides=2):
    """Notebook 07, exercise 2: parameters and output shape of Conv2D(filters, kernel_size, strides, "same").

    Args:
        parameters: the layer's number of trainable parameters.
        output_shape: the shape of one output, (height, width, channels).
        input_shape: the shape of one input, (height, width, channels).
        filters: number of filters of the layer.
        kernel_size: the filters' height and width f.
        strides: the stride s.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(parameters, "Exercise 2")
    expect_answered(output_shape, "Exercise 2")
    height, width, channels = input_shape
    weights = kernel_size * kernel_size * channels * filters
    if parameters == weights:
        fail("Almost: each filter also has one bias.")
    if channels > 1 and parameters == (kernel_size * kernel_size + 1) * filters:
        fail("Each filter spans all input channels: it has kernel_size x kernel_size x in_channels weights.")
    if parameters != weights + filters:
        fail("Count per filter (f x f x in_channels weights plus 1 bias), then times the number of filters. "
             "Stride and padding do not change the count.")
    # "same" gives ceil(n / s) outputs per axis, whatever f (the zeros may be split unevenly).
    expected = tuple(-(-size // strides) for size in (height, width)) + (filters,)
    if output_shape is not None and len(output_shape) == 4 and output_shape[0] is None:
        fail(f"{tuple(output_shape)} is Keras' shape for a batch: drop the batch axis (the leading None).")
    try:
        shape = tuple(int(value) for value in output_shape)
    except (TypeError, ValueError):
        fail(f"Give the shape of one output as a tuple of 3 integers (height, width, channels), got {output_shape!r}.")
    if len(shape) != 3:
        fail(f"Give the shape of one output as (height, width, channels), got {output_shape!r}.")
    if shape[2] != filters:
        fail("The output has one channel (one feature map) per filter.")
    valid = ((height - kernel_size) // strides + 1, (width - kernel_size) // strides + 1)
    if kernel_size > 1 and shape[:2] == valid and valid != expected[:2]:
        fail("That is the size without padding; padding='same' adds zeros so that the output has ceil(n / s) "
             "positions per axis.")
    if strides > 1 and shape[:2] == (height, width):
        fail("With padding='same' the size is kept only for stride 1; here the stride also divides it.")
    if shape != expected:
        fail("With padding='same' each axis has ceil(n / s) outputs (the same as o = floor((n + 2p - f) / s) + 1 "
             "with p = (f - 1) / 2 for an odd f).")
    passed(f"{parameters:,} parameters, output {expected}: padding and stride change the shape, not the count.")


def check_shift_kernel(kernel, image):
    """Notebook 07, exercise 3: a 3x3 kernel whose "same" convolution moves ``image`` one pixel right.

    Args:
        kernel: the 3x3 kernel to test.
        image: the 2-D image it is applied to (e.g. one MNIST digit).

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(kernel, "Exercise 3")
    kernel, image = np.asarray(kernel, dtype=float), np.asarray(image, dtype=float)
    if kernel.shape != (3, 3):
        fail(f"Expected a 3x3 kernel, got shape {kernel.shape}.")
    result = conv2d(image, kernel, padding="same")
    right, left = np.zeros_like(image), np.zeros_like(image)
    right[:, 1:], left[:, :-1] = image[:, :-1], image[:, 1:]
    if np.allclose(result, left):
        fail("Your kernel moves the image left. In S[i, j] = sum I[i+m-1, j+n-1] K[m, n], which column n "
             "makes pixel (i, j) read its left neighbour (i, j-1)? (No flip here: this is cross-correlation.)")
    if np.allclose(result, image):
        fail("That returns the image unchanged: the single 1 must leave the centre.")
    expect_close(result, right, "Each output pixel should copy the pixel just left of it, and only that one: "
                                "one weight of 1 in the middle row, zeros elsewhere.", atol=1e-6)
    passed("the digit moves one pixel to the right.")
