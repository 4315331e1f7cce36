"""2-D convolution (cross-correlation, as deep learning uses the word) and pooling in NumPy.

Single-channel images and kernels, so that each loop matches the pictures in the lectures:
slide a window over the image, multiply elementwise, add up.
"""
import numpy as np

from utils.scratch._validate import as_float_array, require_ndim, require_positive_int

PADDINGS = ("valid", "same")


def output_size(n, f, stride=1, padding=0):
    """Output length of a convolution: floor((n + 2p - f) / s) + 1.

    Args:
        n: input length (height or width).
        f: filter length.
        stride: step between windows.
        padding: zeros added on each side.

    Returns:
        The number of window positions along that axis.
    """
    require_positive_int(n, "output_size", "n")
    require_positive_int(f, "output_size", "f")
    require_positive_int(stride, "output_size", "stride")
    if isinstance(padding, bool) or not isinstance(padding, (int, np.integer)) or padding < 0:
        raise ValueError(f"output_size expects padding to be an integer >= 0, got {padding!r}")
    if f > n + 2 * padding:
        raise ValueError(f"output_size expects f <= n + 2p = {n + 2 * padding}, got f = {f}")
    return (n + 2 * padding - f) // stride + 1


def _same_padding(n, f, stride):
    """Zeros (before, after) that make the output ceil(n / stride) long, as TensorFlow pads."""
    out = -(-n // stride)
    total = max((out - 1) * stride + f - n, 0)
    return total // 2, total - total // 2


def conv2d(image, kernel, stride=1, padding="valid"):
    """Slide ``kernel`` over ``image`` and sum the elementwise products at each position.

    Args:
        image: 2-D array (height, width).
        kernel: 2-D array (kh, kw), no larger than the image when padding is "valid".
        stride: step between windows, an integer >= 1.
        padding: "valid" (no padding) or "same" (zeros so the output is ceil(n / stride) long).

    Returns:
        The feature map, a 2-D array.
    """
    image = as_float_array(image, "conv2d", "image")
    kernel = as_float_array(kernel, "conv2d", "kernel")
    require_ndim(image, 2, "conv2d", "image")
    require_ndim(kernel, 2, "conv2d", "kernel")
    require_positive_int(stride, "conv2d", "stride")
    if padding not in PADDINGS:
        raise ValueError(f"conv2d expects padding 'valid' or 'same', got {padding!r}")
    if kernel.size == 0:
        raise ValueError(f"conv2d expects a non-empty kernel, got shape {kernel.shape}")
    kh, kw = kernel.shape
    if padding == "same":
        image = np.pad(image, (_same_padding(image.shape[0], kh, stride), _same_padding(image.shape[1], kw, stride)))
    elif kh > image.shape[0] or kw > image.shape[1]:
        raise ValueError(f"conv2d expects a kernel no larger than the image {image.shape}, got kernel {kernel.shape}")
    out_h = (image.shape[0] - kh) // stride + 1
    out_w = (image.shape[1] - kw) // stride + 1
    result = np.zeros((out_h, out_w), dtype=np.result_type(image, kernel))
    for i in range(out_h):
        for j in range(out_w):
            window = image[i * stride:i * stride + kh, j * stride:j * stride + kw]
            result[i, j] = np.sum(window * kernel)
    return result


def _pool2d(image, size, stride, reduce, func):
    image = as_float_array(image, func, "image")
    require_ndim(image, 2, func, "image")
    require_positive_int(size, func, "size")
    require_positive_int(stride, func, "stride")
    if size > min(image.shape):
        raise ValueError(f"{func} expects a window no larger than the image {image.shape}, got size {size}")
    out_h = (image.shape[0] - size) // stride + 1
    out_w = (image.shape[1] - size) // stride + 1
    result = np.zeros((out_h, out_w), dtype=image.dtype)
    for i in range(out_h):
        for j in range(out_w):
            result[i, j] = reduce(image[i * stride:i * stride + size, j * stride:j * stride + size])
    return result


def max_pool2d(image, size=2, stride=2):
    """Keep the largest value of each ``size`` x ``size`` window ("valid" pooling).

    Args:
        image: 2-D array (height, width).
        size: window side, an integer >= 1, no larger than the image.
        stride: step between windows, an integer >= 1.

    Returns:
        The pooled 2-D array, floor((n - size) / stride) + 1 along each axis.
    """
    return _pool2d(image, size, stride, np.max, "max_pool2d")


def avg_pool2d(image, size=2, stride=2):
    """Keep the mean of each ``size`` x ``size`` window; arguments and result as in ``max_pool2d``."""
    return _pool2d(image, size, stride, np.mean, "avg_pool2d")
