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


@pytest.mark.parametrize("bad", [-1, 1.5, "42", True])
def test_set_seed_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="non-negative integer"):
        seed.set_seed(bad)


def test_set_style_changes_the_defaults():
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
