"""Exercise checks of notebook 09 (the MNIST lab).

1. ``check_top_k_accuracy``: a vectorized top-k accuracy that counts ties as Keras does.
2. ``check_permutation_prediction``: a prediction, which model a fixed pixel shuffle hurts.
3. ``check_better_model``: the challenge, a model that beats the lab's CNN within the same budget.
"""
import time

import numpy as np

from utils.checks.core import (
    GuardedArray, as_choice, as_number, call, describe, exercise, expect_answered, fail, passed,
)

__all__ = ["check_top_k_accuracy", "check_permutation_prediction", "check_better_model",
           "CHALLENGE_BOUND", "CHALLENGE_EPOCHS", "CHALLENGE_BATCH_SIZE", "CHALLENGE_SECONDS"]


# Exercise 1 ------------------------------------------------------------------------------------

def _top_k(probabilities, labels, k):
    """The reference: a class is in the top k when fewer than k classes score strictly higher."""
    true_scores = probabilities[np.arange(len(labels)), labels]
    return float(np.mean((probabilities > true_scores[:, None]).sum(axis=1) < k))


def _top_k_cases(rng):
    """Fresh (probabilities, labels, k, has_ties): plain rows, then rows full of ties."""
    cases = []
    for n, classes, k in ((60, 10, 2), (45, 5, 1), (80, 7, 3)):
        logits = rng.normal(scale=2.0, size=(n, classes))
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        cases.append((probabilities, rng.integers(0, classes, size=n), k, False))
    for n, classes, k in ((50, 6, 2), (40, 4, 1), (70, 10, 3)):
        scores = rng.integers(0, 4, size=(n, classes)).astype(float) + 0.5  # many equal scores
        probabilities = scores / scores.sum(axis=1, keepdims=True)
        cases.append((probabilities, rng.integers(0, classes, size=n), k, True))
    probabilities = np.full((12, 5), 0.2)  # every class tied: all in the top 1
    cases.append((probabilities, rng.integers(0, 5, size=12), 1, True))
    return cases


def _guarded(array):
    """A GuardedArray view of ``array`` keeping its dtype (labels must stay integers)."""
    return np.array(array).view(GuardedArray)


@exercise(1)
def check_top_k_accuracy(top_k_accuracy):
    """Check ``top_k_accuracy(probabilities, labels, k)`` on fresh predictions, ties included.

    Args:
        top_k_accuracy: the student's function: probabilities (n, classes), integer labels (n,),
            k >= 1 -> the fraction of rows whose true class is among the k most probable, a class
            tied with the k-th largest counting as in (as ``tf.math.in_top_k`` does), no loop.
    """
    name = "top_k_accuracy"
    expect_answered(top_k_accuracy, what=f"define `{name}` above")
    for probabilities, labels, k, has_ties in _top_k_cases(np.random.default_rng(5)):
        GuardedArray.integer_indexings = 0
        answer = call(top_k_accuracy, _guarded(probabilities), _guarded(labels), k, name=name,
                      forbidden_hint="Compare whole arrays at once (broadcasting, argsort, sum "
                                     "along axis=1) instead of visiting the rows one by one.")
        if np.size(answer) != 1 and not isinstance(answer, (int, float)):
            fail(f"`{name}` should return one number (a fraction), got {describe(answer)}: "
                 "average the per-row results.")
        value = as_number(np.asarray(answer), f"what `{name}` returns")
        expected = _top_k(probabilities, labels, k)
        where = f"With k = {k} on {len(labels)} rows of {probabilities.shape[1]} classes"
        if np.isclose(value, expected, atol=1e-9):
            continue
        if value > 1:
            fail(f"{where} `{name}` returned {value:g}, more than 1: return the fraction of "
                 "rows, not the count.")
        if np.isclose(value, 1 - expected, atol=1e-9) and not np.isclose(expected, 0.5):
            fail(f"{where} `{name}` returned {value:g}: that is the top-k error, 1 - accuracy.")
        for other in (k - 1, k + 1):
            if other >= 1 and np.isclose(value, _top_k(probabilities, labels, other), atol=1e-9):
                fail(f"{where} `{name}` returned the top-{other} accuracy {value:g}: an "
                     f"off-by-one in how many classes you keep (top-{k}: {expected:g}).")
        if has_ties:
            fail(f"{where} and tied probabilities, `{name}` returned {value:g}, expected "
                 f"{expected:g}. With ties, a class counts as in the top k when FEWER THAN k "
                 "classes have a strictly larger probability (tf.math.in_top_k's rule); "
                 "argsort breaks ties arbitrarily instead.")
        fail(f"{where} `{name}` returned {value:g}, expected {expected:g}: compare each row's "
             "probability of the true class with the other classes of that row.")
    passed("right on fresh predictions, ties included, with no loop over the images.")


# Exercise 2 ------------------------------------------------------------------------------------

PERMUTATION_HINTS = {
    "A": "Would the dense network notice? It gives every pixel its own weight and never uses "
         "which pixels are neighbours.",
    "C": "It is the other way round: which of the two models relies on neighbouring pixels "
         "belonging together?",
    "D": "A CNN's filter reads 3x3 neighbourhoods. After the shuffle, what is in a 3x3 "
         "neighbourhood?",
}


@exercise(2)
def check_permutation_prediction(answer):
    """Check the predicted effect of shuffling every image's pixels the same fixed way.

    Args:
        answer: the letter of the chosen option, "A" to "D".
    """
    expect_answered(answer, what="store your letter in `permutation_answer`")
    letter = as_choice(answer, "ABCD", "`permutation_answer`")
    if letter != "B":
        fail(PERMUTATION_HINTS[letter])
    passed("B: the dense network does as well as before (its weights are simply learned in the "
           "shuffled order); the CNN loses the neighbourhoods its filters rely on.")


# Exercise 3 ------------------------------------------------------------------------------------

CHALLENGE_BOUND = 0.97       # the lab's CNN, trained the same way, stays below (0.96 here)
CHALLENGE_EPOCHS = 5         # the lab's epochs
CHALLENGE_BATCH_SIZE = 32    # smaller than the lab's 128: more steps for a larger model
CHALLENGE_SECONDS = 90       # for the training run, generous for a slow shared CPU
CHALLENGE_SEED = 0


def _challenge_data():
    """The bundled 4,000 / 1,000 digits, scaled to [0, 1], whatever the notebook's switch says."""
    from utils import data

    (x_train, y_train), (x_test, y_test) = data.load_mnist(full=False)
    return ((x_train.astype("float32") / 255.0, y_train),
            (x_test.astype("float32") / 255.0, y_test))


def _shaped(images, model):
    """Give the images a channel axis when the model's input has one."""
    return images[..., np.newaxis] if len(model.inputs[0].shape) == 4 else images


def _accuracy(model, images, labels, batch_size=250):
    """The fraction of ``images`` that ``model`` labels right, dropout and augmentation off.

    Calls the model on a few slices of the images: on 1,000 digits that is quicker than
    ``predict``, which first builds a graph, and it needs no more memory than a batch of 250.
    """
    import keras

    outputs = [keras.ops.convert_to_numpy(model(images[start:start + batch_size], training=False))
               for start in range(0, len(images), batch_size)]
    return float(np.mean(np.concatenate(outputs).argmax(axis=1) == labels))


@exercise(3)
def check_better_model(build_model):
    """Train the student's model on the bundled digits for 5 epochs; require the bound.

    Args:
        build_model: the student's function, no arguments -> a fresh, compiled Keras model from
            (28, 28, 1) or (28, 28) images in [0, 1] to 10 class probabilities, compiled with a
            loss for integer labels and metrics=["accuracy"].
    """
    import keras

    from utils import seed

    name = "build_model"
    expect_answered(build_model, what=f"define `{name}` above")
    seed.set_seed(CHALLENGE_SEED)
    model = call(build_model, name=name)
    if not isinstance(model, keras.Model):
        fail(f"`{name}` should return a Keras model, got {describe(model)}.")
    input_shape = tuple(model.inputs[0].shape[1:])
    if input_shape not in ((28, 28, 1), (28, 28)):
        fail(f"`{name}`'s model takes inputs of shape {input_shape}: start it with "
             "keras.Input(shape=(28, 28, 1)) (or (28, 28)).")
    if tuple(model.outputs[0].shape[1:]) != (10,):
        fail(f"`{name}`'s model gives outputs of shape {tuple(model.outputs[0].shape[1:])}: "
             "end it with Dense(10, activation=\"softmax\"), one probability per digit.")
    if not getattr(model, "compiled", False) or model.optimizer is None:
        fail(f"`{name}` should return a compiled model: call model.compile(optimizer=..., "
             "loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"]) before return.")
    (x_train, y_train), (x_test, y_test) = _challenge_data()
    x_train, x_test = _shaped(x_train, model), _shaped(x_test, model)
    start_accuracy = _accuracy(model, x_test, y_test)
    if start_accuracy > 0.5:
        fail(f"`{name}`'s model is right on {start_accuracy:.0%} of the test digits before any "
             "training: build a fresh model inside the function instead of returning one that "
             "was already trained.")
    start = time.perf_counter()
    try:
        model.fit(x_train, y_train, epochs=CHALLENGE_EPOCHS, batch_size=CHALLENGE_BATCH_SIZE,
                  verbose=0)
    except Exception as error:  # the student's compile settings: say so, not a Keras traceback
        fail(f"Training `{name}`'s model failed with {type(error).__name__}: {str(error)[:200]}. "
             "The labels are integers 0-9: use loss=\"sparse_categorical_crossentropy\".")
    seconds = time.perf_counter() - start
    accuracy = _accuracy(model, x_test, y_test)
    if seconds > CHALLENGE_SECONDS:
        fail(f"Training took {seconds:.0f} s, over the limit of {CHALLENGE_SECONDS} s (test "
             f"accuracy {accuracy:.3f}): use fewer filters or smaller dense layers.")
    if accuracy < CHALLENGE_BOUND:
        fail(f"Test accuracy {accuracy:.3f} after {CHALLENGE_EPOCHS} epochs, below the bound "
             f"{CHALLENGE_BOUND}. Ideas: more filters, padding=\"same\", a hidden dense layer, "
             "a lower learning rate, small random shifts of the training images.")
    passed(f"test accuracy {accuracy:.3f} >= {CHALLENGE_BOUND} after {CHALLENGE_EPOCHS} epochs "
           f"of {len(x_train):,} digits, trained in {seconds:.0f} s.")
