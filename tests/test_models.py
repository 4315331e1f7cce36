"""Tests of utils.models: the MNIST networks notebooks 07 and 09 share."""
import numpy as np
import pytest

from utils import models, seed


def test_mnist_cnn_has_the_lecture_architecture():
    model = models.mnist_cnn()
    assert model.count_params() == 12_810  # 160 + 4,640 + 8,010
    assert [type(layer).__name__ for layer in model.layers] == [
        "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dropout", "Dense"]
    assert tuple(model.layers[3].output.shape[1:]) == (5, 5, 32)
    assert model.layers[5].rate == pytest.approx(0.3)
    assert models.mnist_cnn(dropout=0.2).layers[5].rate == pytest.approx(0.2)


def test_mnist_mlp_is_the_classic_model():
    model = models.mnist_mlp()
    assert model.count_params() == 101_770  # 784 * 128 + 128 + 128 * 10 + 10
    assert model.layers[2].rate == pytest.approx(0.2)
    assert models.mnist_mlp(hidden_units=32, name="small").count_params() == 784 * 32 + 32 + 330
    assert models.mnist_mlp(name="classic").name == "classic"


def test_builders_return_probabilities_and_fresh_weights():
    seed.set_seed(0)
    images = np.random.default_rng(0).random((3, 28, 28, 1)).astype("float32")
    first, second = models.mnist_cnn(), models.mnist_cnn()
    probabilities = first.predict(images, verbose=0)
    assert probabilities.shape == (3, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)
    assert not np.allclose(first.layers[0].kernel.numpy(), second.layers[0].kernel.numpy())
    assert models.mnist_mlp().predict(images[..., 0], verbose=0).shape == (3, 10)


@pytest.mark.parametrize("builder, kwargs, message", [
    (models.mnist_cnn, {"dropout": 1.0}, r"mnist_cnn expects dropout to be a number in \[0, 1\), got 1.0"),
    (models.mnist_cnn, {"dropout": "0.3"}, "mnist_cnn expects dropout"),
    (models.mnist_mlp, {"dropout": -0.1}, "mnist_mlp expects dropout"),
    (models.mnist_mlp, {"hidden_units": 0}, "mnist_mlp expects hidden_units to be an integer >= 1, got 0"),
    (models.mnist_mlp, {"hidden_units": 12.5}, "hidden_units"),
])
def test_builders_refuse_bad_arguments(builder, kwargs, message):
    with pytest.raises(ValueError, match=message):
        builder(**kwargs)
