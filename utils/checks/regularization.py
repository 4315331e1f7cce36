"""Exercise checks of notebook 08 (regularization).

1. ``check_dropout``: inverted dropout in NumPy, tested on fresh activations for the keep rate,
   the 1/(1 - rate) scaling, independent (not clustered) zeros, fresh masks at every call and
   masks drawn from the generator given.
2. ``check_early_stopping_prediction``: the epochs at which Keras' EarlyStopping stops and the
   epoch whose weights it restores, predicted for a table of validation losses.
3. ``check_choose_strength``: the one-standard-error rule, choosing the L2 strength on
   validation losses over seeds, tested on fresh tables where choosing on the training or the
   test losses gives another answer.
"""
import numpy as np

from utils.checks.core import (as_array, as_number, call, exercise, expect_answered, fail,
                               passed)

__all__ = ["check_dropout", "check_early_stopping_prediction", "check_choose_strength"]

# ---------------------------------------------------------------- exercise 1: inverted dropout


def _dropout_output(dropout, activations, rate, seed):
    """Call the student's dropout on a copy of ``activations`` with a fresh generator."""
    given = activations.copy()
    result = call(dropout, given, rate, np.random.default_rng(seed), name="dropout")
    if not np.array_equal(given, activations):
        fail("`dropout` changed the array it was given: build a new array (np.where or a "
             "product with the mask) instead of writing zeros into `activations`.")
    result = as_array(result, name="what `dropout` returns")
    if result.shape != activations.shape:
        fail(f"`dropout` should return an array of the input's shape {activations.shape}, "
             f"got {result.shape}.")
    return result


def _check_scaling(result, activations, rate):
    """Every survivor must be its input divided by 1 - rate."""
    survivors = result != 0
    if not survivors.any():
        fail(f"with rate {rate} `dropout` zeroed every entry: only a fraction `rate` of them "
             f"should become 0.")
    kept, inputs = result[survivors], activations[survivors]
    ratios = kept / inputs
    for factor, hint in ((1.0, "the survivors are not scaled: divide them by 1 - rate so that "
                               "the expected output equals the input"),
                         (1 - rate, "the survivors are multiplied by 1 - rate: divide by it "
                                    "instead, so that the expected output equals the input"),
                         (1 / rate, "the survivors are divided by `rate`: divide by the keep "
                                    "probability 1 - rate instead")):
        if not np.isclose(factor, 1 / (1 - rate)) and np.allclose(ratios, factor, rtol=1e-4):
            fail(f"With rate {rate}, {hint}.")
    if not np.allclose(ratios, 1 / (1 - rate), rtol=1e-4):
        fail(f"With rate {rate}, a survivor should equal its input times 1 / (1 - rate) = "
             f"{1 / (1 - rate):.4g}; yours are {np.round(ratios[:3], 4)}... times their input.")


def _check_keep_rate(zeros, rate):
    """The fraction of zeros should be close to ``rate`` (within 5 binomial standard errors)."""
    fraction = zeros.mean()
    spread = 5 * np.sqrt(rate * (1 - rate) / zeros.size)
    if abs(fraction - (1 - rate)) <= spread and abs(rate - 0.5) > 0.1:
        fail(f"With rate {rate} you zeroed {fraction:.1%} of the entries, about 1 - rate: "
             f"`rate` is the probability of DROPPING an entry, not of keeping it.")
    if abs(fraction - rate) > spread:
        fail(f"With rate {rate} you zeroed {fraction:.1%} of {zeros.size:,} entries; "
             f"a fraction close to {rate:.0%} should become 0.")


def _check_independence(zeros, rate):
    """Zeros scattered independently: every column hit alike, no runs, binomial row counts."""
    rows, columns = zeros.shape
    by_column = zeros.mean(axis=0)
    column_spread = 5 * np.sqrt(rate * (1 - rate) / rows)
    if np.any(np.abs(by_column - rate) > column_spread):
        worst = int(np.argmax(np.abs(by_column - rate)))
        fail(f"Your zeros are clustered: column {worst} of a ({rows}, {columns}) input was zeroed "
             f"in {by_column[worst]:.0%} of the rows, not about {rate:.0%}. Each entry must be "
             f"dropped independently (one random number per entry), not by position.")
    for axis, where in ((1, "along each row"), (0, "down each column")):
        first = np.moveaxis(zeros, axis, -1)[..., :-1].ravel().astype(float)
        second = np.moveaxis(zeros, axis, -1)[..., 1:].ravel().astype(float)
        correlation = np.corrcoef(first, second)[0, 1]
        if abs(correlation) > 0.05:
            fail(f"Your zeros are clustered: neighbouring entries {where} are dropped together "
                 f"(correlation {correlation:.2f}, should be about 0). Draw one random number "
                 f"per entry and drop each entry on its own.")
    counts = zeros.sum(axis=1)
    ratio = counts.var(ddof=1) / (columns * rate * (1 - rate))
    if not 0.6 <= ratio <= 1.6:
        fail(f"The number of zeros per row varies {ratio:.2f} times as much as independent drops "
             f"would make it vary (about 1): drop each entry on its own with probability `rate`,"
             f" rather than a fixed number of entries per row.")


@exercise(1)
def check_dropout(dropout):
    """Exercise 1: ``dropout(activations, rate, rng)`` is inverted dropout in training mode."""
    expect_answered(dropout, what="define `dropout` above")
    data_rng = np.random.default_rng(8)
    for shape in ((7,), (3, 4, 5)):  # any shape, and rate 0 leaves the input as it is
        activations = data_rng.normal(size=shape)
        result = _dropout_output(dropout, activations, 0.0, seed=1)
        if not np.allclose(result, activations):
            fail("With rate 0 nothing is dropped and the scale 1 / (1 - 0) is 1: `dropout` "
                 "should return the input unchanged.")
    for rate, seed in ((0.2, 11), (0.5, 12), (0.75, 13)):
        activations = data_rng.uniform(0.5, 2.0, size=(400, 60))  # never 0, so zeros are drops
        result = _dropout_output(dropout, activations, rate, seed=seed)
        zeros = result == 0
        _check_keep_rate(zeros, rate)
        _check_scaling(result, activations, rate)
        _check_independence(zeros, rate)
    ones = np.ones((50, 40))
    same_seed = [_dropout_output(dropout, ones, 0.5, seed=5) for _ in range(2)]
    if not np.array_equal(same_seed[0], same_seed[1]):
        fail("Two generators with the same seed gave different masks: draw the random numbers "
             "from `rng` (e.g. rng.random(activations.shape)), not from np.random or tf.random.")
    rng = np.random.default_rng(6)
    draws = [call(dropout, ones.copy(), 0.5, rng, name="dropout") for _ in range(2)]
    if np.array_equal(as_array(draws[0]), as_array(draws[1])):
        fail("Two calls with the same generator gave the same mask: every call (every training "
             "step) must draw a new mask from `rng`; do not make a new generator inside.")
    small, many = np.ones((4, 5)), 2000
    rng = np.random.default_rng(7)
    drops = np.mean([as_array(call(dropout, small.copy(), 0.3, rng, name="dropout")) == 0
                     for _ in range(many)], axis=0)
    if np.any(np.abs(drops - 0.3) > 5 * np.sqrt(0.3 * 0.7 / many)):
        fail(f"Over {many:,} calls on a (4, 5) input with rate 0.3, some positions were dropped "
             f"{drops.max():.0%} or {drops.min():.0%} of the time: every position should be "
             f"dropped about 30% of the time.")
    passed("zeros at the rate asked, scattered independently, survivors scaled by "
           "1 / (1 - rate), a new mask at every call, drawn from `rng`.")


# ----------------------------------------------------- exercise 2: early stopping, predicted

EARLY_STOPPING_LOSSES = (0.95, 0.74, 0.66, 0.61, 0.62, 0.58, 0.60, 0.61,
                         0.58, 0.59, 0.57, 0.60, 0.61, 0.62, 0.63, 0.64)
EARLY_STOPPING_PATIENCES = (2, 4, 6)


def early_stopping_epochs(val_losses, patience):
    """Where Keras' EarlyStopping(patience=..., restore_best_weights=True) stops and what it keeps.

    Args:
        val_losses: the validation loss after each epoch of the budget.
        patience: epochs in a row without a strictly lower loss before training stops.

    Returns:
        (the last epoch trained, the epoch whose weights are restored), counted from 1.
    """
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def _ties_improve(val_losses, patience):
    """The same rule with a loss EQUAL to the best counted as an improvement (a typical slip)."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, best_epoch, wait = loss, epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def _pair(predictions, patience):
    """Read the student's (stop, restored) pair for ``patience``."""
    if not isinstance(predictions, dict):
        fail(f"`predictions` should be a dict like {{2: (stop, restored), 4: (...), 6: (...)}}, "
             f"got {type(predictions).__name__}.")
    if patience not in predictions:
        fail(f"`predictions` has no entry for patience {patience} (keys: {sorted(predictions)}).")
    pair = predictions[patience]
    expect_answered(pair, what=f"fill in the pair for patience {patience}")
    if isinstance(pair, (str, bytes)) or np.ndim(pair) != 1 or len(pair) != 2:
        fail(f"predictions[{patience}] should be a pair (stop epoch, restored epoch), got "
             f"{pair!r}.")
    return tuple(as_number(value, f"an epoch in predictions[{patience}]") for value in pair)


@exercise(2)
def check_early_stopping_prediction(predictions):
    """Exercise 2: ``{patience: (epoch after which training stops, epoch restored)}``."""
    expect_answered(predictions, what="fill in `predictions` above")
    losses = EARLY_STOPPING_LOSSES
    for patience in EARLY_STOPPING_PATIENCES:
        stop, restored = _pair(predictions, patience)
        right = early_stopping_epochs(losses, patience)
        if (stop, restored) == right:
            continue
        if (stop + 1, restored + 1) == right:
            fail(f"Patience {patience}: count epochs from 1, as the table does (Keras' "
                 f"`best_epoch` counts from 0, the epochs printed by fit count from 1).")
        if (stop, restored) == _ties_improve(losses, patience) or restored == 9:
            fail(f"Patience {patience}: a loss EQUAL to the best so far is not an improvement; "
                 f"only a strictly lower loss resets the count.")
        if stop == len(losses) and right[0] < len(losses):
            fail(f"Patience {patience}: training stops before the budget of {len(losses)} epochs;"
                 f" count the epochs in a row without a new lowest loss.")
        if stop != right[0] and stop < len(losses) and stop == right[0] - 1:
            fail(f"Patience {patience}: training stops once `patience` epochs IN A ROW have "
                 f"brought no new lowest loss, i.e. after the {patience}th such epoch.")
        if restored != right[1] and stop == right[0]:
            fail(f"Patience {patience}: the stop epoch is right; the weights restored are those "
                 f"of the epoch with the lowest loss seen before stopping.")
        fail(f"Patience {patience}: ({stop:g}, {restored:g}) is not where EarlyStopping stops "
             f"and what it restores. Walk along the table keeping the best loss so far and a "
             f"count of epochs without a strictly lower one.")
    passed("; ".join(f"patience {patience}: stops after epoch "
                     f"{early_stopping_epochs(losses, patience)[0]}, restores epoch "
                     f"{early_stopping_epochs(losses, patience)[1]}"
                     for patience in EARLY_STOPPING_PATIENCES) + ".")


# ------------------------------------- exercise 3: choosing the L2 strength on validation data

def _one_standard_error(strengths, validation, spread="se"):
    """The largest strength whose mean validation loss is within one standard error of the best.

    ``spread`` is "se" for the rule itself, "std" for the slip of using the standard deviation.
    """
    means = validation.mean(axis=1)
    best = int(np.argmin(means))
    size = validation[best].std(ddof=1)
    if spread == "se":
        size /= np.sqrt(validation.shape[1])
    return float(np.max(strengths[means <= means[best] + size]))


def _smallest_within(strengths, validation):
    means = validation.mean(axis=1)
    best = int(np.argmin(means))
    size = validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    return float(np.min(strengths[means <= means[best] + size]))


def _last_row_within(strengths, validation):
    means = validation.mean(axis=1)
    best = int(np.argmin(means))
    size = validation[best].std(ddof=1) / np.sqrt(validation.shape[1])
    return float(strengths[np.flatnonzero(means <= means[best] + size)[-1]])


def _table(rng, strengths, validation_offsets, train_means, test_means, seeds=5, order=None):
    """Per-seed losses whose means and spreads are exactly as designed, in a shuffled order.

    ``validation_offsets`` are in units of the best setting's standard error; ``order`` is the
    order of the rows (a random one when None).
    """
    standard_error = rng.uniform(0.01, 0.02)
    std = standard_error * np.sqrt(seeds)
    base = rng.uniform(0.3, 0.6)

    def rows(means):
        noise = rng.normal(size=(len(means), seeds))
        noise = (noise - noise.mean(axis=1, keepdims=True)) / noise.std(axis=1, ddof=1,
                                                                         keepdims=True)
        return np.asarray(means)[:, None] + std * noise

    validation = rows(base + standard_error * np.asarray(validation_offsets))
    if order is None:
        order = rng.permutation(len(strengths))  # strengths come in no particular order
    losses = {"training": rows(train_means)[order], "validation": validation[order],
              "test": rows(test_means)[order]}
    return np.asarray(strengths, dtype=float)[order], losses


def _tables():
    """Fresh tables on which every typical slip gives another answer than the rule."""
    rng = np.random.default_rng(808)
    strengths = np.array([0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2])
    training = np.array([0.001, 0.01, 0.03, 0.08, 0.2, 0.45])
    return [
        # best at 3e-4; 1e-4, 1e-3 and 3e-3 within one standard error; rows in an order where
        # the last row within is 1e-3, so that reading them as sorted gives its own answer
        _table(rng, strengths, [6.0, 0.3, 0.0, 0.6, 0.8, 4.0], training,
               [0.9, 0.5, 0.48, 0.47, 0.46, 0.45], order=[1, 4, 0, 5, 2, 3]),
        # best at 3e-4; 1e-4 and 1e-3 within one standard error; 3e-3 within one std only
        _table(rng, strengths, [6.0, 0.4, 0.0, 0.5, 1.6, 5.0], training,
               [0.9, 0.5, 0.48, 0.47, 0.46, 0.45]),
        # best at 3e-3, nothing stronger within noise; 1e-3 within (smaller)
        _table(rng, strengths, [9.0, 5.0, 3.0, 0.7, 0.0, 4.0], training,
               [0.9, 0.6, 0.5, 0.45, 0.5, 0.44]),
        # no penalty is best and the others are far off: the rule may choose 0
        _table(rng, strengths[[0, 2, 3, 5]], [0.0, 3.0, 6.0, 12.0], training[[0, 2, 3, 5]],
               [0.5, 0.49, 0.6, 0.8], seeds=4),
    ]


@exercise(3)
def check_choose_strength(choose_strength):
    """Exercise 3: ``choose_strength(strengths, losses)`` applies the one-standard-error rule."""
    expect_answered(choose_strength, what="define `choose_strength` above")
    for strengths, losses in _tables():
        given = {name: table.copy() for name, table in losses.items()}
        answer = call(choose_strength, strengths.copy(), given, name="choose_strength")
        chosen = as_number(answer, "what `choose_strength` returns")
        right = _one_standard_error(strengths, losses["validation"])
        if np.isclose(chosen, right, rtol=1e-9, atol=0):
            continue
        slips = (
            (float(strengths[np.argmin(losses["training"].mean(axis=1))]),
             "you chose on the TRAINING losses, which always prefer the weakest penalty: choose "
             "on the validation losses."),
            (float(strengths[np.argmin(losses["test"].mean(axis=1))]),
             "you chose on the TEST losses: the test set must not influence any choice, or it "
             "no longer measures new data. Choose on the validation losses."),
            (_smallest_within(strengths, losses["validation"]),
             "among the strengths within one standard error of the best you took the WEAKEST: "
             "the rule takes the strongest (the simplest model)."),
            (float(strengths[np.argmin(losses["validation"].mean(axis=1))]),
             "that is the lowest mean validation loss; the rule then moves to the strongest "
             "penalty whose mean is within one standard error of that lowest mean."),
            (_one_standard_error(strengths, losses["validation"], spread="std"),
             "you allowed one standard DEVIATION; the standard error of a mean over n seeds is "
             "the standard deviation divided by sqrt(n)."),
            (_last_row_within(strengths, losses["validation"]),
             "that is the LAST ROW within one standard error, not the largest strength: "
             "`strengths` is not sorted, so compare the strengths themselves."),
        )
        if chosen in range(len(strengths)) and chosen not in strengths:
            fail(f"`choose_strength` returned {chosen:g}, which looks like a position: return "
                 f"the strength itself, e.g. strengths[index].")
        for wrong, hint in slips:
            if np.isclose(chosen, wrong, rtol=1e-9, atol=0) and not np.isclose(wrong, right):
                fail(f"`choose_strength` returned {chosen:g}, but {hint}")
        fail(f"`choose_strength` returned {chosen:g}; the one-standard-error rule gives "
             f"{right:g} on this table. Average each row of losses['validation'] over the seeds "
             f"(axis=1); note that `strengths` is not sorted.")
    passed("the strongest penalty within one standard error of the best mean validation loss, "
           "on four fresh tables; training and test losses left alone.")
