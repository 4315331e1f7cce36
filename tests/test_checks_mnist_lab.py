"""Tests of the exercise checks of notebook 09 (the MNIST lab)."""
import keras
import numpy as np
import pytest
import tensorflow as tf

from check_output import not_answered, passes
from utils import checks, seed
from utils.checks import mnist_lab


def test_exercise_numbers_follow_the_notebook():
    assert checks.check_top_k_accuracy.exercise_number == 1
    assert checks.check_permutation_prediction.exercise_number == 2
    assert checks.check_better_model.exercise_number == 3


# Exercise 1: top_k_accuracy --------------------------------------------------------------------

def top_k_by_counting(probabilities, labels, k):
    true_probability = np.take_along_axis(probabilities, labels[:, None], axis=1)
    return np.mean(np.sum(probabilities > true_probability, axis=1) < k)


def top_k_by_threshold(probabilities, labels, k):
    kth_largest = np.sort(probabilities, axis=1)[:, -k]  # ties reach the k-th value too
    true_probability = probabilities[np.arange(len(labels)), labels]
    return float((true_probability >= kth_largest).mean())


def top_k_with_tensorflow(probabilities, labels, k):
    hits = tf.math.in_top_k(np.asarray(labels), np.asarray(probabilities, dtype="float32"), k)
    return tf.reduce_mean(tf.cast(hits, tf.float64)).numpy()


@pytest.mark.parametrize("answer", [top_k_by_counting, top_k_by_threshold, top_k_with_tensorflow])
def test_top_k_accepts_right_answers(answer, capsys):
    assert passes(checks.check_top_k_accuracy, answer, capsys)


def test_reference_agrees_with_in_top_k_on_every_case():
    for probabilities, labels, k, _ in mnist_lab._top_k_cases(np.random.default_rng(5)):
        expected = tf.reduce_mean(tf.cast(tf.math.in_top_k(labels, probabilities, k), float))
        assert mnist_lab._top_k(probabilities, labels, k) == pytest.approx(float(expected))


def by_argsort(probabilities, labels, k):
    top = np.argsort(probabilities, axis=1)[:, -k:]
    return np.mean(np.any(top == labels[:, None], axis=1))


def strict_on_ties(probabilities, labels, k):
    true_probability = np.take_along_axis(probabilities, labels[:, None], axis=1)
    return np.mean(np.sum(probabilities >= true_probability, axis=1) <= k)


def off_by_one(probabilities, labels, k):
    return top_k_by_counting(probabilities, labels, k + 1)


def a_count(probabilities, labels, k):
    true_probability = np.take_along_axis(probabilities, labels[:, None], axis=1)
    return np.sum(np.sum(probabilities > true_probability, axis=1) < k)


def per_row(probabilities, labels, k):
    true_probability = np.take_along_axis(probabilities, labels[:, None], axis=1)
    return np.sum(probabilities > true_probability, axis=1) < k


def the_error(probabilities, labels, k):
    return 1 - top_k_by_counting(probabilities, labels, k)


def row_by_row(probabilities, labels, k):
    hits = [np.sum(row > row[label]) < k for row, label in zip(probabilities, labels)]
    return np.mean(hits)


def indexed_loop(probabilities, labels, k):
    hits = [np.sum(probabilities[i] > probabilities[i, labels[i]]) < k for i in range(len(labels))]
    return np.mean(hits)


@pytest.mark.parametrize("answer, hint", [
    (by_argsort, "argsort breaks ties"),
    (strict_on_ties, "FEWER THAN k classes have a strictly larger"),
    (off_by_one, "off-by-one"),
    (a_count, "not the count"),
    (per_row, "one number"),
    (the_error, "top-k error"),
    (row_by_row, "rules out"),
    (indexed_loop, "rules out"),
    (lambda probabilities, labels, k: 0.9, "expected"),  # a typed-in number
])
def test_top_k_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_top_k_accuracy(answer)


@pytest.mark.parametrize("placeholder", [None, ..., lambda probabilities, labels, k: ...])
def test_top_k_placeholder(placeholder, capsys):
    assert not_answered(checks.check_top_k_accuracy, placeholder, capsys, 1)


# Exercise 2: the permutation prediction --------------------------------------------------------

@pytest.mark.parametrize("answer", ["B", "b", " (b) "])
def test_permutation_accepts_b(answer, capsys):
    assert passes(checks.check_permutation_prediction, answer, capsys)


@pytest.mark.parametrize("answer, hint", [
    ("A", "never uses which pixels are neighbours"),
    ("C", "other way round"),
    ("D", "3x3 neighbourhood"),
    ("E", "one of the letters"),
    (2, "one of the letters"),
])
def test_permutation_rejects_other_answers(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_permutation_prediction(answer)


@pytest.mark.parametrize("placeholder", [None, ...])
def test_permutation_placeholder(placeholder, capsys):
    assert not_answered(checks.check_permutation_prediction, placeholder, capsys, 2)


# Exercise 3: the challenge, on a tiny easy dataset so the tests stay fast ----------------------

def easy_digits(n, rng):
    """Images whose class is where a bright 4x4 block sits: learnable in a few steps."""
    labels = rng.integers(0, 10, size=n)
    images = rng.random((n, 28, 28)).astype("float32") * 0.1
    for index, label in enumerate(labels):
        row, col = divmod(int(label), 5)
        images[index, 4 + 10 * row:8 + 10 * row, 2 + 5 * col:6 + 5 * col] = 1.0
    return images, labels


@pytest.fixture
def tiny_challenge(monkeypatch):
    rng = np.random.default_rng(0)
    train, test = easy_digits(300, rng), easy_digits(100, rng)
    monkeypatch.setattr(mnist_lab, "_challenge_data", lambda: (train, test))
    monkeypatch.setattr(mnist_lab, "CHALLENGE_EPOCHS", 3)
    monkeypatch.setattr(mnist_lab, "CHALLENGE_BOUND", 0.9)
    return train, test


def small_cnn():
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.MaxPool2D(4), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def functional_dense():
    inputs = keras.Input(shape=(28, 28))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy())
    return model


@pytest.mark.parametrize("answer", [small_cnn, functional_dense])
def test_challenge_accepts_models_that_reach_the_bound(answer, tiny_challenge, capsys):
    assert passes(checks.check_better_model, answer, capsys)


def uncompiled():
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
                             keras.layers.Dense(10, activation="softmax")])


def two_outputs():
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def flat_inputs():
    model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def one_hot_loss():
    model = uncompiled()
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model


def too_slow_to_learn():
    model = uncompiled()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-6),
                  loss="sparse_categorical_crossentropy")
    return model


@pytest.mark.parametrize("answer, hint", [
    (uncompiled, "compiled model"),
    (two_outputs, "Dense\\(10"),
    (flat_inputs, "inputs of shape \\(784,\\)"),
    (one_hot_loss, "sparse_categorical_crossentropy"),
    (too_slow_to_learn, "below the bound"),
    (lambda: "a model", "should return a Keras model"),
])
def test_challenge_rejects_typical_mistakes(answer, hint, tiny_challenge):
    with pytest.raises(AssertionError, match=hint):
        checks.check_better_model(answer)


def test_challenge_rejects_an_already_trained_model(tiny_challenge):
    (x_train, y_train), _ = tiny_challenge
    seed.set_seed(0)
    trained = small_cnn()
    trained.fit(x_train[..., None], y_train, epochs=3, verbose=0)
    with pytest.raises(AssertionError, match="before any training"):
        checks.check_better_model(lambda: trained)


def test_challenge_enforces_the_time_limit(tiny_challenge, monkeypatch):
    monkeypatch.setattr(mnist_lab, "CHALLENGE_SECONDS", 0)
    with pytest.raises(AssertionError, match="over the limit"):
        checks.check_better_model(small_cnn)


@pytest.mark.parametrize("placeholder", [None, ..., lambda: ...])
def test_challenge_placeholder(placeholder, capsys):
    assert not_answered(checks.check_better_model, placeholder, capsys, 3)
