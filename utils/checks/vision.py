"""Exercise checks for notebooks 07 (convolutions), 08 (regularization) and 09 (the MNIST lab)."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed

__all__ = [
    "CONV_SIZE_CASES", "check_conv_output_sizes", "check_conv_parameter_count", "check_edge_kernel",
    "check_dropout_scale", "check_l2_penalty", "check_early_stopping_epochs",
    "check_accuracy_by_hand", "check_per_class_accuracy", "check_top_k_accuracy",
]

# Exercise 1 of notebook 07: (input size n, filter size f, stride s, padding p) per case.
CONV_SIZE_CASES = ((32, 5, 1, 0), (32, 5, 1, 2), (28, 3, 2, 1), (7, 3, 2, 0))


def check_conv_output_sizes(sizes):
    """Notebook 07, exercise 1: one output size per case of ``CONV_SIZE_CASES``, in order."""
    expect_answered(sizes, "Exercise 1")
    if len(sizes) != len(CONV_SIZE_CASES):
        fail(f"Give {len(CONV_SIZE_CASES)} sizes, one per case; got {len(sizes)}.")
    for (n, f, s, p), size in zip(CONV_SIZE_CASES, sizes):
        if size != (n + 2 * p - f) // s + 1:
            fail(f"The case n={n}, f={f}, s={s}, p={p} is off: use (n + 2p - f) / s + 1, rounded down.")
    passed("every output size follows (n + 2p - f) / s + 1.")


def check_conv_parameter_count(count, kernel_size=3, in_channels=16, filters=32):
    """Notebook 07, exercise 2: the parameters of Conv2D(filters, kernel_size) on in_channels channels."""
    expect_answered(count, "Exercise 2")
    weights = kernel_size * kernel_size * in_channels * filters
    if count == weights:
        fail("Almost: each filter also has one bias.")
    if count == (kernel_size * kernel_size + 1) * filters:
        fail("Each filter spans all input channels: it has kernel_size * kernel_size * in_channels weights.")
    if count != weights + filters:
        fail("Count per filter: kernel_size x kernel_size x in_channels weights plus 1 bias; then times filters.")
    passed(f"{count:,} parameters: {filters} filters of {kernel_size}x{kernel_size}x{in_channels} weights + 1 bias.")


def _response(kernel, image):
    """Largest absolute value of the valid convolution of ``image`` with ``kernel``."""
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)  # (out_h, out_w, 3, 3)
    return float(np.abs((windows * kernel).sum(axis=(-2, -1))).max())


def check_edge_kernel(kernel):
    """Notebook 07, exercise 3: a 3x3 kernel that answers horizontal edges and ignores vertical ones."""
    expect_answered(kernel, "Exercise 3")
    kernel = np.asarray(kernel, dtype=float)
    if kernel.shape != (3, 3):
        fail(f"Expected a 3x3 kernel, got shape {kernel.shape}.")
    step = (np.arange(8) >= 4).astype(float)
    horizontal, vertical = np.tile(step[:, None], (1, 8)), np.tile(step[None, :], (8, 1))
    if _response(kernel, np.ones((8, 8))) > 1e-6:
        fail("A flat region should give 0: make the weights sum to zero.")
    if _response(kernel, vertical) > 1e-6:
        fail("Your kernel answers a vertical edge: make each column of weights sum to zero.")
    if _response(kernel, horizontal) < 1:
        fail("It should answer a horizontal edge strongly (>= 1): weigh the rows above and below differently.")
    passed("it lights up on horizontal edges and stays dark on flat regions and vertical edges.")


def check_dropout_scale(scale, rate=0.2):
    """Notebook 08, exercise 1: the factor Dropout(rate) multiplies the surviving units by."""
    expect_answered(scale, "Exercise 1")
    if not np.isclose(scale, 1 / (1 - rate), rtol=1e-3) and (np.isclose(scale, 1 - rate) or np.isclose(scale, rate)):
        fail("That is a fraction of units. The survivors are divided by the fraction kept, 1 - rate.")
    expect_close(scale, 1 / (1 - rate), "Keep the expected sum unchanged: scale = 1 / (1 - rate).", rtol=1e-3)
    passed(f"with rate {rate}, survivors are multiplied by {1 / (1 - rate):.4g}.")


def check_l2_penalty(penalty, weights, l2):
    """Notebook 08, exercise 2: the L2 penalty l2 * sum(w^2) that keras.regularizers.L2 adds."""
    expect_answered(penalty, "Exercise 2")
    squares = np.sum(np.asarray(weights, dtype=float) ** 2)
    if not np.isclose(penalty, l2 * squares, rtol=1e-4):
        if np.isclose(penalty, l2 * np.sqrt(squares), rtol=1e-4):
            fail("Square the weights and add them up; do not take the square root (that is the norm).")
        if np.isclose(penalty, squares, rtol=1e-4):
            fail("Multiply the sum of squares by the regularization strength l2.")
    expect_close(penalty, l2 * squares, "The penalty is l2 times the sum of the squared weights.", rtol=1e-4)
    passed(f"penalty = {float(penalty):.4g}, as keras.regularizers.L2({l2}) computes it.")


def _early_stopping(val_losses, patience):
    """Epochs (counted from 1) after which Keras' EarlyStopping stops, and whose weights it keeps."""
    best, best_epoch, wait = np.inf, 1, 0
    for epoch, loss in enumerate(val_losses, start=1):
        wait += 1
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        elif wait >= patience and epoch > 1:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def check_early_stopping_epochs(stop_epoch, best_epoch, val_losses, patience):
    """Notebook 08, exercise 3: where early stopping stops and which epoch's weights it restores."""
    expect_answered(stop_epoch, "Exercise 3")
    expect_answered(best_epoch, "Exercise 3")
    expected_stop, expected_best = _early_stopping(val_losses, patience)
    if best_epoch != expected_best:
        fail("The weights kept are those of the epoch with the lowest validation loss seen (count epochs from 1).")
    if stop_epoch != expected_stop:
        fail(f"Training stops once {patience} epochs in a row bring no new lowest validation loss.")
    passed(f"it stops after epoch {stop_epoch} and restores the weights of epoch {best_epoch}.")


def check_accuracy_by_hand(accuracy, probabilities, y_true):
    """Notebook 09, exercise 1: accuracy from predicted probabilities, by argmax."""
    expect_answered(accuracy, "Exercise 1")
    expected = np.mean(np.asarray(probabilities).argmax(axis=1) == np.asarray(y_true))
    if not np.isclose(accuracy, expected) and np.isclose(accuracy, 1 - expected):
        fail("That is the error rate: count the predictions that are right.")
    expect_close(accuracy, expected, "Take the most probable class per row (argmax over axis 1), compare with y_true, average.")
    passed(f"accuracy {float(accuracy):.4f}.")


def check_per_class_accuracy(per_class, y_true, y_pred):
    """Notebook 09, exercise 2: for each digit 0-9, the fraction of its test images predicted right."""
    expect_answered(per_class, "Exercise 2")
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    expected = [np.mean(y_pred[y_true == digit] == digit) for digit in range(10)]
    by_prediction = [np.mean(y_true[y_pred == digit] == digit) for digit in range(10)]
    if np.shape(per_class) == (10,) and np.allclose(per_class, by_prediction) and not np.allclose(by_prediction, expected):
        fail("You grouped by the predicted digit; group by the true digit (y_true == digit).")
    expect_close(per_class, expected, "For each digit d: among the images whose true label is d, the share predicted d.")
    passed(f"the hardest digit here is {int(np.argmin(expected))}.")


def check_top_k_accuracy(accuracy, probabilities, y_true, k=2):
    """Notebook 09, exercise 3: the share of examples whose true class is among the k most probable."""
    expect_answered(accuracy, "Exercise 3")
    probabilities, y_true = np.asarray(probabilities), np.asarray(y_true)
    top_k = np.argsort(probabilities, axis=1)[:, -k:]  # (n, k) the k most probable classes per row
    expected = np.mean(np.any(top_k == y_true[:, None], axis=1))
    if not np.isclose(accuracy, expected):
        if np.isclose(accuracy, np.mean(probabilities.argmax(axis=1) == y_true)):
            fail(f"That is the top-1 accuracy: count a hit when the true digit is any of the {k} most probable.")
        if np.isclose(accuracy, 1 - expected):
            fail("That is the top-k error: count the hits, not the misses.")
    expect_close(accuracy, expected, f"Sort each row (np.argsort), keep the last {k} columns, look for y_true among them.")
    passed(f"top-{k} accuracy {float(accuracy):.4f}.")
