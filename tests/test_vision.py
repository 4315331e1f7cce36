"""Tests of the vision helpers (notebooks 07-09): the kernel explorer, the plot helpers, the checks."""
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import checks, plots, scratch, widgets

RNG = np.random.default_rng(0)
DIGIT = np.zeros((28, 28))
DIGIT[6:22, 12:16] = 1.0  # a vertical bar: a "1"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# The kernel explorer ---------------------------------------------------------------------------

def test_explorer_builds_headless_with_the_default_preset():
    explorer = widgets.kernel_explorer(DIGIT)
    np.testing.assert_allclose(explorer.kernel, widgets.KERNEL_PRESETS["vertical edge"])
    np.testing.assert_allclose(explorer.feature_map, scratch.conv2d(DIGIT, explorer.kernel, padding="same"))
    assert bytes(explorer.children[-1].value).startswith(b"\x89PNG")  # the drawing, as PNG bytes
    assert "vertical edge" in repr(explorer)


def test_editing_one_box_updates_the_feature_map_and_says_custom():
    explorer = widgets.kernel_explorer(DIGIT, "identity")
    before, picture = explorer.feature_map.copy(), explorer.children[-1].value
    np.testing.assert_allclose(before, DIGIT)  # identity returns the image
    explorer.children[1].children[4].value = 3.0  # the centre box
    np.testing.assert_allclose(explorer.feature_map, 3 * DIGIT)
    assert explorer.children[0].value == "custom"
    assert bytes(explorer.children[-1].value) != bytes(picture)


def test_choosing_a_preset_fills_the_boxes_and_redraws():
    explorer = widgets.kernel_explorer(DIGIT)
    explorer.children[0].value = "blur"
    np.testing.assert_allclose(explorer.kernel, np.full((3, 3), 1 / 9), atol=1e-4)
    np.testing.assert_allclose(explorer.feature_map, scratch.conv2d(DIGIT, explorer.kernel, padding="same"))


def test_set_kernel_names_the_matching_preset():
    explorer = widgets.kernel_explorer(DIGIT)
    explorer.set_kernel(np.array(widgets.KERNEL_PRESETS["sharpen"]))
    assert explorer.children[0].value == "sharpen"
    explorer.set_kernel(np.eye(3))
    assert explorer.children[0].value == "custom"
    # a vertical bar has no horizontal edges except at its ends: the horizontal preset is quiet mid-bar
    explorer.set_kernel("horizontal edge")
    assert explorer.feature_map[14, 13] == pytest.approx(0)


@pytest.mark.parametrize("kernel, message", [("emboss", "kernel preset among"), (np.ones((2, 2)), r"3x3 kernel, got shape \(2, 2\)"),
                                             (np.ones(9), r"3x3 kernel, got shape \(9,\)")])
def test_explorer_refuses_bad_kernels(kernel, message):
    with pytest.raises(ValueError, match=message):
        widgets.kernel_explorer(DIGIT, kernel)


def test_explorer_refuses_a_colour_image():
    with pytest.raises(ValueError, match="2-D image"):
        widgets.kernel_explorer(np.zeros((28, 28, 3)))


def test_draw_kernel_explorer_draws_three_panels():
    axes = widgets.draw_kernel_explorer(DIGIT, "outline")
    assert len(axes) == 3 and len(axes[0].images) == 1 and len(axes[2].images) == 1
    assert [text.get_text() for text in axes[1].texts][:3] == ["-1", "-1", "-1"]
    _, two = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="3 Axes"):
        widgets.draw_kernel_explorer(DIGIT, axes=two)


# Plot helpers ----------------------------------------------------------------------------------

IMAGE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])


def test_number_grid_writes_every_number_and_the_window():
    ax = plots.number_grid(IMAGE, window=(1, 2, 3, 3), title="image")
    assert len(ax.texts) == 25 and ax.get_title() == "image"
    assert len(ax.patches) == 1
    blank = plots.number_grid(np.array([[1.0, np.nan]]))
    assert [text.get_text() for text in blank.texts] == ["1"]
    with pytest.raises(ValueError, match="2-D matrix"):
        plots.number_grid(np.arange(3))


def test_sliding_window_shows_the_window_and_the_partial_map():
    axes = plots.sliding_window(IMAGE, KERNEL, steps=4)
    assert axes.shape == (2, 4)
    assert axes[0, 1].get_title() == "position (0, 1): sum = 3"
    assert [text.get_text() for text in axes[1, 3].texts] == ["4", "3", "4", "2"]  # filled so far
    assert axes[0, 3].get_title() == "position (1, 0): sum = 2"


@pytest.mark.parametrize("steps", [0, 10, 2.5, True])
def test_sliding_window_refuses_bad_steps(steps):
    with pytest.raises(ValueError, match="steps"):
        plots.sliding_window(IMAGE, KERNEL, steps=steps)


def test_sliding_window_refuses_bad_shapes():
    with pytest.raises(ValueError, match="2-D image"):
        plots.sliding_window(IMAGE.ravel(), KERNEL)
    _, axes = plt.subplots(1, 3)
    with pytest.raises(ValueError, match="Axes"):
        plots.sliding_window(IMAGE, KERNEL, steps=2, axes=axes)


def test_feature_maps_one_panel_per_channel():
    axes = plots.feature_maps(RNG.random((26, 26, 5)), ncols=3, title="maps")
    assert len(axes) == 6  # 2 rows of 3; the sixth stays empty
    assert sum(len(ax.images) for ax in axes) == 5
    assert axes[4].get_title() == "map 4"
    with pytest.raises(ValueError, match="height, width, channels"):
        plots.feature_maps(RNG.random((26, 26)))
    with pytest.raises(ValueError, match="ncols"):
        plots.feature_maps(RNG.random((26, 26, 5)), ncols=0)


def test_conv_filters_use_one_symmetric_scale():
    kernel = RNG.normal(size=(3, 3, 1, 4))
    axes = plots.conv_filters(kernel, ncols=4)
    limit = np.abs(kernel).max()
    for ax in axes:
        assert ax.images[0].get_clim() == pytest.approx((-limit, limit))
    assert len(plots.conv_filters(kernel[:, :, 0, :], ncols=2)) == 4
    with pytest.raises(ValueError, match="kh, kw"):
        plots.conv_filters(RNG.normal(size=(3, 3, 2, 4)))


def test_probability_bars_colour_right_and_wrong_predictions():
    probabilities = np.array([0.1, 0.7, 0.2])
    right = plots.probability_bars(probabilities, true_label=1)
    wrong = plots.probability_bars(probabilities, true_label=2, class_names=["a", "b", "c"])
    assert right.patches[1].get_facecolor() != wrong.patches[1].get_facecolor()
    assert wrong.patches[2].get_linewidth() == pytest.approx(1.5)  # the true class is outlined
    assert [label.get_text() for label in wrong.get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="1-D array"):
        plots.probability_bars(np.ones((2, 3)))
    with pytest.raises(ValueError, match="true_label"):
        plots.probability_bars(probabilities, true_label=3)


def test_early_stopping_curves_mark_both_epochs():
    history = {"loss": [1.0, 0.5, 0.3, 0.2], "val_loss": [1.1, 0.6, 0.7, 0.8]}
    ax = plots.early_stopping_curves(history, stop_epoch=4, best_epoch=2, title="stop")
    labels = [line.get_label() for line in ax.get_lines()]
    assert "stopped after epoch 4" in labels and "weights kept from epoch 2" in labels
    assert len(plots.early_stopping_curves(history).get_lines()) == 2
    with pytest.raises(ValueError, match="between 1 and 4"):
        plots.early_stopping_curves(history, stop_epoch=5)
    with pytest.raises(ValueError, match="accuracy"):
        plots.early_stopping_curves(history, metric="accuracy")


def test_core_confusion_matrix_counts():
    ax = plots.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], title="cm")
    assert [text.get_text() for text in ax.texts] == ["1", "0", "0", "0", "1", "1", "0", "0", "1"]
    assert ax.get_title() == "cm"
    with pytest.raises(ValueError, match="as many predictions"):
        plots.confusion_matrix([0, 1, 2], [0, 1])


def test_core_image_grid_titles_and_errors():
    axes = plots.image_grid(RNG.random((4, 28, 28)), labels=[f"Class {k}" for k in range(4)], ncols=3)
    assert len(axes) == 6 and axes[3].get_title() == "Class 3"
    assert sum(len(ax.images) for ax in axes) == 4
    with pytest.raises(ValueError, match="height, width"):
        plots.image_grid(RNG.random((28, 28)))
    with pytest.raises(ValueError, match="one label per image"):
        plots.image_grid(RNG.random((4, 28, 28)), labels=[1, 2])


# Exercise checks: each passes the right answer and fails wrong ones with a hint ------------------

def test_conv_output_sizes(capsys):
    checks.check_conv_output_sizes([scratch.output_size(*case) for case in checks.CONV_SIZE_CASES])
    assert "Correct!" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="n=28, f=3, s=2, p=1"):
        checks.check_conv_output_sizes([28, 32, 14.5, 3])
    with pytest.raises(AssertionError, match="4 sizes"):
        checks.check_conv_output_sizes([28, 32])
    with pytest.raises(AssertionError, match="placeholder"):
        checks.check_conv_output_sizes(None)


def keras_conv_layer(input_shape, filters, kernel_size, strides):
    """Parameters and output shape of a Conv2D with padding="same", as Keras reports them."""
    import keras

    layer = keras.layers.Conv2D(filters, kernel_size, strides=strides, padding="same")
    keras.Sequential([keras.Input(shape=input_shape), layer])
    return layer.count_params(), tuple(layer.output.shape[1:])


@pytest.mark.parametrize("case", [((14, 14, 32), 64, 5, 2), ((28, 28, 1), 16, 3, 1), ((15, 15, 8), 4, 3, 2),
                                  ((14, 14, 3), 8, 4, 1), ((15, 15, 3), 8, 2, 2), ((16, 16, 2), 4, 4, 3)])
def test_conv_layer_check_agrees_with_keras(case, capsys):
    input_shape, filters, kernel_size, strides = case
    parameters, shape = keras_conv_layer(*case)
    checks.check_conv_layer(parameters, shape, input_shape=input_shape, filters=filters,
                            kernel_size=kernel_size, strides=strides)
    assert f"{parameters:,} parameters" in capsys.readouterr().out


@pytest.mark.parametrize("parameters, shape, hint", [
    (51200, (7, 7, 64), "bias"),
    (1664, (7, 7, 64), "all input channels"),
    (51265, (7, 7, 64), "Stride and padding do not change"),
    (51264, (5, 5, 64), "without padding"),
    (51264, (14, 14, 64), "only for stride 1"),
    (51264, (7, 7, 32), "one channel"),
    (51264, (8, 8, 64), "floor"),
    (51264, (7, 64), "height, width, channels"),
    (51264, (None, 7, 7, 64), "drop the batch axis"),
    (51264, ("7", "x", 64), "tuple of 3 integers"),
    (None, (7, 7, 64), "placeholder"),
    (51264, None, "placeholder"),
])
def test_conv_layer_check_rejects_wrong_answers(parameters, shape, hint):
    assert keras_conv_layer((14, 14, 32), 64, 5, 2) == (51264, (7, 7, 64))  # the exercise's answer
    with pytest.raises(AssertionError, match=hint):
        checks.check_conv_layer(parameters, shape)


def test_shift_kernel_accepts_a_right_shift(capsys):
    kernel = np.zeros((3, 3))
    kernel[1, 0] = 1
    shifted = scratch.conv2d(DIGIT, kernel, padding="same")
    assert shifted[10, 16] == 1 and shifted[10, 12] == 0  # the bar's columns 12-15 moved to 13-16
    checks.check_shift_kernel(kernel, DIGIT)
    assert "one pixel to the right" in capsys.readouterr().out


@pytest.mark.parametrize("position, hint", [((1, 2), "moves the image left"), ((1, 1), "unchanged"),
                                            ((0, 1), "middle row"), ((2, 0), "middle row")])
def test_shift_kernel_rejects_other_kernels(position, hint):
    kernel = np.zeros((3, 3))
    kernel[position] = 1
    with pytest.raises(AssertionError, match=hint):
        checks.check_shift_kernel(kernel, DIGIT)


def test_shift_kernel_rejects_a_scaled_shift_and_bad_shapes():
    kernel = np.zeros((3, 3))
    kernel[1, 0] = 2
    with pytest.raises(AssertionError, match="copy the pixel"):
        checks.check_shift_kernel(kernel, DIGIT)
    with pytest.raises(AssertionError, match="3x3"):
        checks.check_shift_kernel(np.ones((2, 2)), DIGIT)
    with pytest.raises(AssertionError, match="placeholder"):
        checks.check_shift_kernel(None, DIGIT)


def numpy_dropout(activations, rate, rng):
    return np.where(rng.random(activations.shape) < rate, 0.0, activations / (1 - rate))


def keras_dropout(activations, rate, rng):
    """Keras' own layer in training mode, seeded from ``rng`` so that a seed fixes the mask."""
    import keras

    layer = keras.layers.Dropout(rate, seed=int(rng.integers(2 ** 31)))
    return layer(activations.astype("float32"), training=True).numpy()


@pytest.mark.parametrize("dropout", [numpy_dropout, keras_dropout])
def test_inverted_dropout_accepts_numpy_and_keras(dropout, capsys):
    checks.check_inverted_dropout(dropout)
    assert "Correct!" in capsys.readouterr().out


@pytest.mark.parametrize("dropout, hint", [
    (lambda a, rate, rng: np.where(rng.random(a.shape) < rate, 0.0, a), "scaled up"),
    (lambda a, rate, rng: np.where(rng.random(a.shape) < rate, 0.0, a * (1 - rate)), "divide"),
    (lambda a, rate, rng: np.where(rng.random(a.shape) < 1 - rate, 0.0, a / (1 - rate)), "probability of dropping"),
    (lambda a, rate, rng: np.where(rng.random(a.shape) < rate / 2, 0.0, a / (1 - rate)), "should be 0"),
    (lambda a, rate, rng: np.where(np.arange(a.size) < rate * a.size, 0.0, a / (1 - rate)), "independently"),
    (lambda a, rate, rng: np.where(np.random.default_rng().random(a.shape) < rate, 0.0, a / (1 - rate)), "rng you are given"),
    (lambda a, rate, rng: np.where(np.random.default_rng(0).random(a.shape) < rate, 0.0, a / (1 - rate)), "different mask"),
    (lambda a, rate, rng: numpy_dropout(a, rate, rng)[:10], "shape"),
    ("inverted_dropout", "the function itself"),
    (None, "placeholder"),
])
def test_inverted_dropout_rejects_wrong_versions(dropout, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_inverted_dropout(dropout)


def test_l2_penalty_matches_keras(capsys):
    import keras

    weights = RNG.normal(size=(4, 3)).astype("float32")
    checks.check_l2_penalty(float(keras.regularizers.L2(0.01)(weights)), weights, l2=0.01)
    assert "Correct!" in capsys.readouterr().out
    for wrong, hint in ((0.01 * np.linalg.norm(weights), "square root"), (np.sum(weights ** 2), "strength"),
                        (0.005 * np.sum(weights ** 2), "l2 times")):
        with pytest.raises(AssertionError, match=hint):
            checks.check_l2_penalty(wrong, weights, l2=0.01)


def keras_early_stopping(val_losses, patience):
    """Run Keras' own EarlyStopping on a sequence of validation losses; epochs counted from 1."""
    import keras

    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
    callback.set_model(model)
    model.stop_training = False
    callback.on_train_begin()
    for epoch, loss in enumerate(val_losses):
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            return epoch + 1, callback.best_epoch + 1
    return len(val_losses), callback.best_epoch + 1


@pytest.mark.parametrize("trial", range(5))
def test_early_stopping_check_agrees_with_keras(trial, capsys):
    val_losses = list(np.random.default_rng(trial).uniform(0.3, 1.0, size=15))
    stop_epoch, best_epoch = keras_early_stopping(val_losses, patience=3)
    checks.check_early_stopping_epochs(stop_epoch, best_epoch, val_losses, patience=3)
    assert "Correct!" in capsys.readouterr().out


def test_early_stopping_check_when_the_loss_keeps_falling(capsys):
    losses = [1.0 - 0.05 * epoch for epoch in range(8)]  # a new best every epoch: never stops early
    assert keras_early_stopping(losses, patience=3) == (8, 8)
    checks.check_early_stopping_epochs(8, 8, losses, patience=3)
    assert "stops after epoch 8" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="3 epochs in a row"):
        checks.check_early_stopping_epochs(4, 8, losses, patience=3)


def test_early_stopping_check_rejects_wrong_epochs():
    losses = [0.90, 0.70, 0.60, 0.62, 0.58, 0.59, 0.61, 0.60, 0.63, 0.57]
    assert keras_early_stopping(losses, patience=3) == (8, 5)
    with pytest.raises(AssertionError, match="lowest validation loss"):
        checks.check_early_stopping_epochs(8, 4, losses, patience=3)  # counted from 0
    with pytest.raises(AssertionError, match="3 epochs in a row"):
        checks.check_early_stopping_epochs(10, 5, losses, patience=3)
    with pytest.raises(AssertionError, match="placeholder"):
        checks.check_early_stopping_epochs(None, 5, losses, patience=3)


PROBABILITIES = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.5, 0.4, 0.1], [0.2, 0.2, 0.6]])
LABELS = np.array([0, 1, 1, 2])  # top-1 right: rows 0 and 3; top-2 right: rows 0, 1, 2, 3


def test_accuracy_by_hand(capsys):
    checks.check_accuracy_by_hand(0.5, PROBABILITIES, LABELS)
    assert "0.5000" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="argmax"):
        checks.check_accuracy_by_hand(0.9, PROBABILITIES, LABELS)
    with pytest.raises(AssertionError, match="error rate"):
        checks.check_accuracy_by_hand(0.75, PROBABILITIES, np.array([0, 1, 1, 1]))  # 1 right of 4


def test_per_class_accuracy(capsys):
    y_true = np.repeat(np.arange(10), 2)
    y_pred = y_true.copy()
    y_pred[[0, 2]] = 9  # one 0 and one 1 called 9
    expected = np.array([0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1])
    checks.check_per_class_accuracy(expected, y_true, y_pred)
    assert "hardest digit here is 0" in capsys.readouterr().out
    by_prediction = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5]
    with pytest.raises(AssertionError, match="true digit"):
        checks.check_per_class_accuracy(by_prediction, y_true, y_pred)
    with pytest.raises(AssertionError, match="shape"):
        checks.check_per_class_accuracy(expected[:9], y_true, y_pred)


def test_per_class_accuracy_with_an_absent_digit():
    y_true = np.repeat(np.arange(9), 2)  # no 9 at all
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Mean of empty slice" RuntimeWarning
        with pytest.raises(AssertionError, match=r"Every digit 0-9 must occur.*an absent digit"):
            checks.check_per_class_accuracy(np.ones(10), y_true, y_true)
        y_full = np.arange(10)
        checks.check_per_class_accuracy(np.r_[np.ones(9), 0.0], y_full, np.r_[np.arange(9), 0])  # 9 never predicted


def test_top_k_accuracy(capsys):
    checks.check_top_k_accuracy(1.0, PROBABILITIES, LABELS, k=2)
    assert "top-2 accuracy 1.0000" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="top-1"):
        checks.check_top_k_accuracy(0.5, PROBABILITIES, LABELS, k=2)
    with pytest.raises(AssertionError, match="top-k error"):
        checks.check_top_k_accuracy(0.0, PROBABILITIES, LABELS, k=2)
    with pytest.raises(AssertionError, match="argsort"):
        checks.check_top_k_accuracy(0.8, PROBABILITIES, LABELS, k=2)


def test_vision_widgets_import_without_ipywidgets(monkeypatch):
    import importlib.util
    import sys

    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # as if it were not installed
    spec = importlib.util.spec_from_file_location("vision_without_ipywidgets", widgets.draw_kernel_explorer.__code__.co_filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # importing needs no ipywidgets...
    assert len(module.draw_kernel_explorer(DIGIT, "blur")) == 3  # ...nor does the static drawing
    with pytest.raises(ImportError):
        module.kernel_explorer(DIGIT)  # only the live widget does


def test_explorer_errors_name_the_function():
    with pytest.raises(ValueError, match="draw_kernel_explorer expects a kernel preset"):
        widgets.draw_kernel_explorer(DIGIT, "emboss")
    with pytest.raises(ValueError, match="kernel_explorer expects a 2-D image"):
        widgets.kernel_explorer(np.zeros(5))
    with pytest.raises(ValueError, match="set_kernel expects a 3x3 kernel"):
        widgets.kernel_explorer(DIGIT).set_kernel(np.ones(4))


def test_every_public_name_is_exported():
    import utils.checks.vision
    import utils.plots.vision
    import utils.widgets.vision

    assert {"number_grid", "sliding_window"} <= set(utils.plots.vision.__all__)  # re-exported from the private module
    assert {"check_conv_layer", "check_shift_kernel"} <= set(utils.checks.vision.__all__)
    for module, package in ((utils.checks.vision, checks), (utils.plots.vision, plots), (utils.widgets.vision, widgets)):
        for name in module.__all__:
            assert getattr(package, name) is getattr(module, name)
