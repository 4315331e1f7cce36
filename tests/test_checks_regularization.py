"""Tests of the exercise checks of notebook 08 (regularization): right answers written in
different ways pass, the usual mistakes fail with a hint that names them, placeholders are
reported as not answered."""
import keras
import numpy as np
import pytest

from utils import checks
from utils.checks import regularization


def passes(check, *answers, capsys):
    check(*answers)
    assert "Correct!" in capsys.readouterr().out


def not_answered(check, *answers, capsys, number):
    check(*answers)
    assert f"Exercise {number} is not answered yet" in capsys.readouterr().out


def test_exercise_numbers():
    assert checks.check_dropout.exercise_number == 1
    assert checks.check_early_stopping_prediction.exercise_number == 2
    assert checks.check_choose_strength.exercise_number == 3


# ------------------------------------------------------------------------- exercise 1: dropout

def dropout_where(activations, rate, rng):
    keep = rng.random(np.shape(activations)) >= rate
    return np.where(keep, activations / (1 - rate), 0.0)


def dropout_binomial(activations, rate, rng):
    mask = rng.binomial(1, 1 - rate, size=activations.shape)
    return activations * mask / (1 - rate)


def dropout_uniform_float32(activations, rate, rng):
    mask = (rng.uniform(size=activations.shape) > rate).astype(np.float32)
    scale = np.float32(1 / (1 - rate))
    return activations.astype(np.float32) * mask * scale


@pytest.mark.parametrize("dropout", [dropout_where, dropout_binomial, dropout_uniform_float32])
def test_dropout_right_answers_pass(dropout, capsys):
    passes(checks.check_dropout, dropout, capsys=capsys)


def no_scaling(activations, rate, rng):
    return np.where(rng.random(activations.shape) >= rate, activations, 0.0)


def times_keep(activations, rate, rng):
    return np.where(rng.random(activations.shape) >= rate, activations * (1 - rate), 0.0)


def divided_by_rate(activations, rate, rng):
    scale = 1 / rate if rate else 1.0
    return np.where(rng.random(activations.shape) >= rate, activations * scale, 0.0)


def keeps_with_rate(activations, rate, rng):
    keep = rng.random(activations.shape) < rate   # drops with probability 1 - rate
    return np.where(keep, activations / (1 - rate), 0.0) if rate else activations.copy()


def first_part_of_each_row(activations, rate, rng):
    """Right keep rate and scale, but the zeros sit at the start of every row."""
    result = activations / (1 - rate)
    result[..., : int(round(rate * activations.shape[-1]))] = 0.0
    return result


def random_block_per_row(activations, rate, rng):
    """Right keep rate and scale, each row's zeros one contiguous run at a random place."""
    result = activations / (1 - rate)
    flat = result.reshape(-1, result.shape[-1])
    length = int(round(rate * flat.shape[1]))
    for row in flat:
        start = rng.integers(0, flat.shape[1] - length + 1)
        row[start:start + length] = 0.0
    return flat.reshape(result.shape)


def exact_count_per_row(activations, rate, rng):
    """Exactly round(rate * n) zeros in every row: not independent drops."""
    result = activations / (1 - rate)
    flat = result.reshape(-1, result.shape[-1])
    count = int(round(rate * flat.shape[1]))
    for row in flat:
        row[rng.permutation(flat.shape[1])[:count]] = 0.0
    return flat.reshape(result.shape)


def fixed_generator(activations, rate, rng):
    own = np.random.default_rng(0)   # ignores rng: the same mask at every call
    return np.where(own.random(activations.shape) >= rate, activations / (1 - rate), 0.0)


def global_random(activations, rate, rng):
    return np.where(np.random.random(activations.shape) >= rate, activations / (1 - rate), 0.0)


def in_place(activations, rate, rng):
    activations[rng.random(activations.shape) < rate] = 0.0
    activations /= 1 - rate
    return activations


def forgets_return(activations, rate, rng):
    np.where(rng.random(activations.shape) >= rate, activations / (1 - rate), 0.0)


@pytest.mark.parametrize("dropout, hint", [
    (no_scaling, "not scaled"),
    (times_keep, "multiplied by 1 - rate"),
    (divided_by_rate, "divided by `rate`"),
    (keeps_with_rate, "probability of DROPPING"),
    (first_part_of_each_row, "clustered"),
    (random_block_per_row, "clustered"),
    (exact_count_per_row, "fixed number of entries per row"),
    (fixed_generator, "same mask"),
    (global_random, "from `rng`"),
    (in_place, "changed the array"),
    (forgets_return, "forget the `return`"),
])
def test_dropout_wrong_answers_fail_with_a_hint(dropout, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_dropout(dropout)


def test_dropout_placeholders_are_not_answered(capsys):
    not_answered(checks.check_dropout, ..., capsys=capsys, number=1)
    not_answered(checks.check_dropout, lambda activations, rate, rng: ..., capsys=capsys,
                 number=1)


# ------------------------------------------------------------ exercise 2: early stopping

RIGHT = {2: (8, 6), 4: (10, 6), 6: (16, 11)}


def keras_early_stopping(val_losses, patience):
    """Drive Keras' own EarlyStopping callback along a table of validation losses."""
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience,
                                             restore_best_weights=True)
    callback.set_model(model)
    model.stop_training = False
    callback.on_train_begin()
    epochs = 0
    for epoch, loss in enumerate(val_losses):
        epochs = epoch + 1
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            break
    return epochs, callback.best_epoch + 1


@pytest.mark.parametrize("patience", [1, 2, 3, 4, 6, 20])
def test_the_rule_agrees_with_keras(patience):
    rng = np.random.default_rng(patience)
    tables = [regularization.EARLY_STOPPING_LOSSES,
              np.round(1 / np.arange(1, 31) + rng.normal(0, 0.05, 30), 2)]
    for table in tables:
        assert (regularization.early_stopping_epochs(table, patience)
                == keras_early_stopping(list(table), patience))


def test_early_stopping_right_answers_pass(capsys):
    passes(checks.check_early_stopping_prediction, RIGHT, capsys=capsys)
    written_otherwise = {2: [8, 6], 4: (np.int64(10), 6.0), 6: np.array([16, 11])}
    passes(checks.check_early_stopping_prediction, written_otherwise, capsys=capsys)


@pytest.mark.parametrize("predictions, hint", [
    ({2: (7, 5), 4: (9, 5), 6: (15, 10)}, "count epochs from 1"),
    ({2: (8, 6), 4: (15, 11), 6: (16, 11)}, "EQUAL to the best"),
    ({2: (7, 6), 4: (9, 6), 6: (16, 11)}, "IN A ROW"),
    ({2: (8, 8), 4: (10, 10), 6: (16, 16)}, "lowest loss seen before stopping"),
    ({2: (8, 6), 4: (10, 9), 6: (16, 11)}, "EQUAL to the best"),
    ({2: (16, 11), 4: (16, 11), 6: (16, 11)}, "stops before the budget"),
    ((8, 6), "should be a dict"),
    ({2: (8, 6), 4: (10, 6)}, "no entry for patience 6"),
    ({2: 8, 4: (10, 6), 6: (16, 11)}, "should be a pair"),
])
def test_early_stopping_wrong_answers_fail_with_a_hint(predictions, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_early_stopping_prediction(predictions)


def test_early_stopping_placeholders_are_not_answered(capsys):
    not_answered(checks.check_early_stopping_prediction, ..., capsys=capsys, number=2)
    not_answered(checks.check_early_stopping_prediction, {2: ..., 4: ..., 6: ...},
                 capsys=capsys, number=2)


# ----------------------------------------------------------- exercise 3: choosing lambda

def one_se_vectorized(strengths, losses):
    validation = np.asarray(losses["validation"])
    means = validation.mean(axis=1)
    best = np.argmin(means)
    standard_error = validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    return np.max(np.asarray(strengths)[means <= means[best] + standard_error])


def one_se_sorted_loop(strengths, losses):
    rows = sorted(zip(strengths, losses["validation"]), key=lambda pair: pair[0])
    means = [float(np.mean(row)) for _, row in rows]
    best = int(np.argmin(means))
    spread = np.std(rows[best][1], ddof=0) / np.sqrt(len(rows[best][1]))  # ddof=0 also fine
    chosen = None
    for (strength, _), mean in zip(rows, means):
        if mean <= means[best] + spread:
            chosen = strength
    return [chosen]   # a one-element list is a number too


@pytest.mark.parametrize("choose", [one_se_vectorized, one_se_sorted_loop])
def test_choose_strength_right_answers_pass(choose, capsys):
    passes(checks.check_choose_strength, choose, capsys=capsys)


def on_training(strengths, losses):
    return strengths[np.argmin(np.mean(losses["training"], axis=1))]


def on_test(strengths, losses):
    return strengths[np.argmin(np.mean(losses["test"], axis=1))]


def plain_argmin(strengths, losses):
    return strengths[np.argmin(np.mean(losses["validation"], axis=1))]


def weakest_within(strengths, losses):
    validation = losses["validation"]
    means = validation.mean(axis=1)
    best = np.argmin(means)
    limit = means[best] + validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    return np.min(strengths[means <= limit])


def one_standard_deviation(strengths, losses):
    validation = losses["validation"]
    means = validation.mean(axis=1)
    best = np.argmin(means)
    return np.max(strengths[means <= means[best] + validation[best].std(ddof=1)])


def returns_position(strengths, losses):
    validation = losses["validation"]
    means = validation.mean(axis=1)
    best = np.argmin(means)
    limit = means[best] + validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    within = np.flatnonzero(means <= limit)
    return within[np.argmax(strengths[within])]


def assumes_sorted(strengths, losses):
    validation = losses["validation"]
    means = validation.mean(axis=1)
    best = np.argmin(means)
    limit = means[best] + validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    return strengths[np.flatnonzero(means <= limit)[-1]]   # the last row is not the largest


@pytest.mark.parametrize("choose, hint", [
    (on_training, "TRAINING"),
    (on_test, "TEST"),
    (plain_argmin, "lowest mean validation loss"),
    (weakest_within, "WEAKEST"),
    (one_standard_deviation, "standard DEVIATION"),
    (returns_position, "looks like a position"),
    (assumes_sorted, "LAST ROW"),
])
def test_choose_strength_wrong_answers_fail_with_a_hint(choose, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_choose_strength(choose)


def test_choose_strength_placeholders_are_not_answered(capsys):
    not_answered(checks.check_choose_strength, ..., capsys=capsys, number=3)
    not_answered(checks.check_choose_strength, lambda strengths, losses: ..., capsys=capsys,
                 number=3)


def test_the_tables_separate_every_slip():
    for strengths, losses in regularization._tables():
        right = regularization._one_standard_error(strengths, losses["validation"])
        assert right == regularization._one_standard_error(strengths, losses["validation"])
        assert set(np.round(strengths, 6)) >= {round(right, 6)}
    first_strengths, first = regularization._tables()[1]
    answers = {on_training(first_strengths, first), on_test(first_strengths, first),
               plain_argmin(first_strengths, first), weakest_within(first_strengths, first),
               one_standard_deviation(first_strengths, first),
               one_se_vectorized(first_strengths, first)}
    assert len(answers) == 6   # six different answers on the first table
