"""Tests of the primer's exercise checks (utils/checks/python_primer.py): right answers written two
ways pass, the mistakes students make fail with a hint naming them, placeholders say "not answered
yet"."""
from collections import Counter

import numpy as np
import pytest

from utils import checks


def passes(check, capsys, *answers):
    check(*answers)
    return "Correct!" in capsys.readouterr().out


def not_answered(check, capsys, number, *answers):
    check(*answers)
    return f"Exercise {number} is not answered yet" in capsys.readouterr().out


# --- Exercise 1: count_initials --------------------------------------------------------------------

def initials_loop(names):
    counts = {}
    for name in names:
        letter = name[0].lower()
        counts[letter] = counts.get(letter, 0) + 1
    return counts


def initials_comprehension(names):
    firsts = [name[0].lower() for name in names]
    return {letter: firsts.count(letter) for letter in set(firsts)}


def initials_counter(names):
    return Counter(name.lower()[0] for name in names)  # a dict subclass: fine


def initials_case_sensitive(names):
    firsts = [name[0] for name in names]
    return {letter: firsts.count(letter) for letter in set(firsts)}


def initials_distinct(names):
    return initials_loop(list(set(names)))


def initials_all_letters(names):
    return dict(Counter("".join(names).lower()))


def initials_pairs(names):
    return sorted(initials_loop(names).items())


@pytest.mark.parametrize("answer", [initials_loop, initials_comprehension, initials_counter])
def test_count_initials_accepts_right_answers(answer, capsys):
    assert passes(checks.check_count_initials, capsys, answer)


@pytest.mark.parametrize("answer,hint", [
    (initials_case_sensitive, r"both start with 'a': use the lower-case letter"),
    (initials_distinct, r"counts twice; do not remove repeats"),
    (initials_all_letters, r"are not first letters of any name"),
    (initials_pairs, r"should return a dict \(letter -> count\), got \["),
])
def test_count_initials_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_count_initials(answer)


def test_count_initials_placeholder(capsys):
    def count_initials(names):
        return ...
    assert not_answered(checks.check_count_initials, capsys, 1, count_initials)
    assert checks.check_count_initials.exercise_number == 1


# --- Exercise 2: replace_negatives -----------------------------------------------------------------

def replace_where(x, value=0.0):
    return np.where(x < 0, value, x)


def replace_copy_mask(x, value=0.0):
    result = x.copy()
    result[result < 0] = value
    return result


def replace_in_place(x, value=0.0):
    x[x < 0] = value
    return x


def replace_non_positive(x, value=0.0):
    return np.where(x <= 0, value, x)


def replace_ignores_value(x, value=0.0):
    return np.maximum(x, 0)


def replace_abs(x, value=0.0):
    return np.abs(x)


def replace_mask_only(x, value=0.0):
    return x < 0


def replace_loop(x, value=0.0):
    return np.array([value if v < 0 else v for v in x.ravel()]).reshape(x.shape)


@pytest.mark.parametrize("answer", [replace_where, replace_copy_mask])
def test_replace_negatives_accepts_right_answers(answer, capsys):
    assert passes(checks.check_replace_negatives, capsys, answer)


@pytest.mark.parametrize("answer,hint", [
    (replace_in_place, r"changed the array it was given"),
    (replace_non_positive, r"Zeros are not negative"),
    (replace_ignores_value, r"negatives should become -1.5, not 0: use the `value` argument"),
    (replace_abs, r"np.abs flips the sign"),
    (replace_mask_only, r"That is the mask itself"),
    (replace_loop, r"uses a loop over the array's rows, which this exercise rules out"),
])
def test_replace_negatives_rejects_typical_mistakes(answer, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_replace_negatives(answer)


def test_replace_negatives_placeholder(capsys):
    def replace_negatives(x, value=0.0):
        return ...
    assert not_answered(checks.check_replace_negatives, capsys, 2, replace_negatives)
    assert checks.check_replace_negatives.exercise_number == 2


# --- Exercise 3: predictions -----------------------------------------------------------------------

@pytest.mark.parametrize("values,shape", [([7, 5, 3], (2, 4, 3)), (np.array([7, 5, 3]), [2, 4, 3]),
                                          ((7.0, 5.0, 3.0), np.array([2, 4, 3]))])
def test_predictions_accept_right_answers_however_written(values, shape, capsys):
    assert passes(checks.check_slice_and_shape, capsys, values, shape)


@pytest.mark.parametrize("values,shape,hint", [
    ([7, 5, 3, 1], (2, 4, 3), r"stop index is excluded"),
    ([1, 3, 5], (2, 4, 3), r"negative step the slice walks backwards"),
    ([7, 6, 5, 4, 3, 2], (2, 4, 3), r"the third number is the step"),
    ([7, 5, 3], (2, 1, 3), r"a 1 in a shape stretches"),
    ([7, 5, 3], (4, 2, 3), r"align the shapes from the RIGHT"),
    ([7, 5, 3], "2, 4, 3", r"tuple of integers"),
])
def test_predictions_reject_typical_mistakes(values, shape, hint):
    with pytest.raises(AssertionError, match=hint):
        checks.check_slice_and_shape(values, shape)


def test_predictions_placeholder(capsys):
    assert not_answered(checks.check_slice_and_shape, capsys, 3, ..., ...)
    assert not_answered(checks.check_slice_and_shape, capsys, 3, [7, 5, 3], ...)
    assert checks.check_slice_and_shape.exercise_number == 3
