"""The MNIST models that notebooks 07 and 09 share, built in one place so both train the same net.

Each builder returns a fresh, uncompiled ``keras.Sequential`` with new random weights (seed first
with ``utils.seed.set_seed`` for a repeatable start). Keras is imported when a model is built, so
importing ``utils`` stays quick and does not start TensorFlow.
"""

__all__ = ["mnist_cnn", "mnist_mlp"]


def _check_dropout(dropout, func):
    """Refuse a dropout rate outside [0, 1); ``func`` names the builder in the error."""
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)) or not 0 <= dropout < 1:
        raise ValueError(f"{func} expects dropout to be a number in [0, 1), got {dropout!r}")


def mnist_cnn(dropout=0.3, name="cnn"):
    """The course's small CNN for 28x28 grey digits: two rounds of convolution, ReLU and pooling.

    Conv2D(16, 3) -> MaxPool2D(2) -> Conv2D(32, 3) -> MaxPool2D(2) -> Flatten -> Dropout ->
    Dense(10, softmax): 12,810 parameters.

    Args:
        dropout: the fraction of the 800 flattened features dropped during training, in [0, 1).
        name: the model's name.

    Returns:
        An uncompiled ``keras.Sequential`` taking (batch, 28, 28, 1) images in [0, 1] and
        returning (batch, 10) class probabilities.
    """
    _check_dropout(dropout, "mnist_cnn")
    import keras

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),  # 16 filters of 3x3x1 -> (26, 26, 16)
        keras.layers.MaxPool2D(2),                      # -> (13, 13, 16)
        keras.layers.Conv2D(32, 3, activation="relu"),  # 32 filters of 3x3x16 -> (11, 11, 32)
        keras.layers.MaxPool2D(2),                      # -> (5, 5, 32)
        keras.layers.Flatten(),                         # -> (800,)
        keras.layers.Dropout(dropout),
        keras.layers.Dense(10, activation="softmax"),   # one probability per digit
    ], name=name)


def mnist_mlp(hidden_units=128, dropout=0.2, name="mlp"):
    """The classic dense network for MNIST: Flatten -> Dense(relu) -> Dropout -> Dense(10, softmax).

    Args:
        hidden_units: units of the hidden layer, an integer >= 1 (128: 101,770 parameters).
        dropout: the fraction of hidden units dropped during training, in [0, 1).
        name: the model's name.

    Returns:
        An uncompiled ``keras.Sequential`` taking (batch, 28, 28) images in [0, 1] and returning
        (batch, 10) class probabilities.
    """
    if isinstance(hidden_units, bool) or not isinstance(hidden_units, int) or hidden_units < 1:
        raise ValueError(f"mnist_mlp expects hidden_units to be an integer >= 1, got {hidden_units!r}")
    _check_dropout(dropout, "mnist_mlp")
    import keras

    return keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),                                  # (28, 28) -> (784,)
        keras.layers.Dense(hidden_units, activation="relu"),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(10, activation="softmax"),            # one probability per digit
    ], name=name)
