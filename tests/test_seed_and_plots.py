"""set_seed makes runs repeatable; the shared plot helpers draw under Agg."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import plots, seed


def test_set_seed_makes_keras_and_numpy_repeatable():
    import keras

    def draw():
        seed.set_seed(7)
        layer = keras.layers.Dense(3)
        layer.build((None, 2))
        return np.random.rand(3), keras.random.normal((2,)).numpy(), layer.kernel.numpy()

    first, second = draw(), draw()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    seed.set_seed(8)
    assert not np.array_equal(np.random.rand(3), first[0])


@pytest.mark.parametrize("bad", [-1, 1.5, "42", True, 2**32])
def test_set_seed_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match=r"an integer from 0 to 2\*\*32 - 1, got"):
        seed.set_seed(bad)


def test_set_seed_accepts_numpy_integers():
    seed.set_seed(np.int64(5))
    first = np.random.rand()
    seed.set_seed(5)
    assert np.random.rand() == first


def test_set_style_changes_the_defaults():
    with plt.rc_context():  # leave the global style as other tests expect it
        plots.set_style()
        assert plt.rcParams["axes.grid"] is True and plt.rcParams["axes.spines.top"] is False


def test_loss_curves_draws_training_and_validation():
    history = {"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.7, 0.8]}
    ax = plots.loss_curves(history, metrics=("loss", "accuracy"), title="curves")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["training loss", "validation loss", "training accuracy"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [1.1, 0.7, 0.6])
    assert ax.get_title() == "curves"
    plt.close("all")


def test_loss_curves_accepts_a_keras_history_and_an_axes():
    class History:
        history = {"loss": [3.0, 2.0]}

    _, ax = plt.subplots()
    assert plots.loss_curves(History(), ax=ax) is ax
    plt.close("all")


@pytest.mark.parametrize("history,message", [
    ([1, 2], r"a History or a dict of lists, got list"),
    ({"loss": [1]}, r"the key 'accuracy', got keys \['loss'\]"),
])
def test_loss_curves_rejects_bad_input(history, message):
    with pytest.raises(ValueError, match=message):
        plots.loss_curves(history, metrics=("accuracy",) if isinstance(history, dict) else ("loss",))
    plt.close("all")


def test_image_grid_titles_each_image_and_leaves_spare_axes_blank():
    images = np.random.default_rng(0).integers(0, 255, size=(7, 28, 28))
    axes = plots.image_grid(images, labels=list("abcdefg"), ncols=4, title="digits")
    assert len(axes) == 8 and [ax.get_title() for ax in axes[:7]] == list("abcdefg")
    assert len(axes[7].images) == 0 and len(axes[0].images) == 1
    plt.close("all")


@pytest.mark.parametrize("kwargs,message", [
    ({"images": np.zeros((2, 28))}, r"shape \(n, height, width\), got \(2, 28\)"),
    ({"labels": [1]}, r"one label per image \(3\), got 1"),
    ({"ncols": 0}, r"ncols to be an integer >= 1, got 0"),
    ({"axes": "two"}, r"at least 3 Axes, got 1"),
])
def test_image_grid_rejects_bad_input(kwargs, message):
    arguments = {"images": np.zeros((3, 4, 4))} | kwargs
    with pytest.raises(ValueError, match=message):
        plots.image_grid(**arguments)
    plt.close("all")


def test_confusion_matrix_counts_and_rejects_negative_labels():
    ax = plots.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
    counts = ax.images[0].get_array()
    np.testing.assert_array_equal(counts, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    with pytest.raises(ValueError, match=r"all >= 0, got 2 labels from -1"):
        plots.confusion_matrix([1, 0], [-1, 0])
    with pytest.raises(ValueError, match=r"at least one label, all >= 0, got 0 labels"):
        plots.confusion_matrix([], [])
    plt.close("all")
