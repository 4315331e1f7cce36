"""Tests of the vision helpers (notebooks 07-09): the kernel explorer, the plot helpers, the checks."""
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


def test_feature_maps_state_each_maps_own_scale():
    maps = RNG.random((26, 26, 3)) * np.array([1.0, 5.0, 0.1])
    axes = plots.feature_maps(maps, ncols=3)
    assert [ax.get_title() for ax in axes] == [f"{k}: max {maps[:, :, k].max():.2g}" for k in range(3)]


def test_feature_maps_one_panel_per_channel():
    axes = plots.feature_maps(RNG.random((26, 26, 5)), ncols=3, title="maps")
    assert len(axes) == 6  # 2 rows of 3; the sixth stays empty
    assert sum(len(ax.images) for ax in axes) == 5
    assert axes[4].get_title().startswith("4: max")
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


def test_probability_bars_point_at_a_true_class_with_a_tiny_bar():
    probabilities = np.array([0.001, 0.98, 0.019])
    wrong = plots.probability_bars(probabilities, true_label=0)
    arrows = [text for text in wrong.texts if text.get_text() == "true"]
    assert len(arrows) == 1 and arrows[0].xy == (0, pytest.approx(0.001))
    assert wrong.get_xticklabels()[0].get_fontweight() == "bold"
    right = plots.probability_bars(probabilities, true_label=1)
    assert not [text for text in right.texts if text.get_text() == "true"]  # no arrow needed


def test_sliding_window_writes_each_weight_legibly():
    axes = plots.sliding_window(IMAGE, KERNEL, steps=2)
    weights = [text for text in axes[0, 0].texts if text.get_text().startswith("×")]
    assert len(weights) == 9 and all(text.get_fontsize() >= 9 for text in weights)


def test_multichannel_convolution_sums_every_channel():
    maps, kernel = RNG.random((6, 7, 3)), RNG.normal(size=(3, 3, 3, 1))
    found = plots.multichannel_convolution(maps, kernel, bias=0.5, position=(1, 2), ncols=2)
    assert len(found["maps"]) == len(found["slices"]) == 3
    expected = sum(scratch.conv2d(maps[:, :, c], kernel[:, :, c, 0]) for c in range(3)) + 0.5
    np.testing.assert_allclose(found["output"].images[0].get_array(), expected)
    assert f"{expected[1, 2]:.3g}" in found["output"].get_title()
    with pytest.raises(ValueError, match="kernel \\(kh, kw, channels\\)"):
        plots.multichannel_convolution(maps, RNG.normal(size=(3, 3, 2)))
    with pytest.raises(ValueError, match="position inside the output"):
        plots.multichannel_convolution(maps, kernel, position=(4, 0))


@pytest.mark.parametrize("n_layers, kernel_size, fields", [(2, 3, ["5x5", "3x3"]), (3, 5, ["13x13", "9x9", "5x5"])])
def test_receptive_field_marks_the_growing_window(n_layers, kernel_size, fields):
    axes = plots.receptive_field(n_layers, kernel_size)
    assert len(axes) == n_layers + 1
    assert [ax.get_title().split("sees ")[-1] for ax in axes[:-1]] == fields
    with pytest.raises(ValueError, match="odd kernel_size"):
        plots.receptive_field(2, 4)
    with pytest.raises(ValueError, match="n_layers"):
        plots.receptive_field(0, 3)


def test_confusion_matrix_counts_are_large_for_ten_classes():
    labels = np.arange(100) % 10
    ax = plots.confusion_matrix(labels, labels)
    assert min(text.get_fontsize() for text in ax.texts) >= 10


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


# Exercise checks of notebook 08 (its own module replaces these) ----------------------------------


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
    import utils.checks.convolution
    import utils.checks.mnist_lab
    import utils.plots.images
    import utils.plots.vision
    import utils.widgets.vision

    assert {"number_grid", "sliding_window", "multichannel_convolution",
            "receptive_field"} <= set(utils.plots.vision.__all__)
    for module, package in ((utils.checks.convolution, checks), (utils.checks.mnist_lab, checks),
                            (utils.plots.vision, plots), (utils.plots.images, plots),
                            (utils.widgets.vision, widgets)):
        for name in module.__all__:
            assert getattr(package, name) is getattr(module, name)
