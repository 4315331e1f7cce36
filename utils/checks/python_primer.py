"""Exercise checks of the primer (notebook 00_python_primer: Python and Jupyter for this course)."""
import numpy as np

from utils.checks.core import (
    ForbiddenOperation, GuardedArray, as_array, call, describe, exercise, expect_answered, fail,
    guarded, passed,
)

__all__ = ["check_count_initials", "check_replace_negatives", "check_slice_and_shape"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _random_names(rng, n):
    """n made-up names of 2-8 letters, some capitalized, some all lower case, repeats allowed."""
    names = []
    for _ in range(n):
        name = "".join(rng.choice(list(_LETTERS[:8]), size=rng.integers(2, 9)))
        names.append(name.capitalize() if rng.random() < 0.5 else name)
    repeats = [names[i] for i in rng.integers(0, n, size=n // 4)]  # the same name twice counts twice
    return names + repeats


def _initials(names):
    counts = {}
    for name in names:
        counts[name[0].lower()] = counts.get(name[0].lower(), 0) + 1
    return counts


@exercise(1)
def check_count_initials(count_initials):
    """Exercise 1: count_initials(names) -> {lower-case first letter: how many names start with it}.

    Args:
        count_initials: the student's function.
    """
    rng = np.random.default_rng(7)
    cases = [["Anna", "alex", "Bob", "anna"], [], ["Zoe"]] + [_random_names(rng, n) for n in (12, 40)]
    for names in cases:
        result = call(count_initials, list(names), name="count_initials")
        expected = _initials(names)
        if not isinstance(result, dict):
            fail(f"`count_initials` should return a dict (letter -> count), got {describe(result)}.")
        result = dict(result)
        if result == expected:
            continue
        shown = names if len(names) <= 6 else names[:6] + ["..."]
        if any(isinstance(key, str) and key.isupper() for key in result):
            fail(f"For {shown}: 'Anna' and 'anna' both start with 'a': use the lower-case letter "
                 "as the key (`name[0].lower()`).")
        if result == _initials(list(dict.fromkeys(names))):
            fail(f"For {shown}: a name that appears twice counts twice; do not remove repeats.")
        if set(result) - set(expected):
            fail(f"For {shown}: keys {sorted(set(result) - set(expected))} are not first letters "
                 "of any name: count only each name's first letter.")
        fail(f"For {shown} the counts should be {dict(sorted(expected.items()))}, "
             f"got {dict(sorted(result.items(), key=str))}.")
    passed("a dict from first letters to counts, whatever the capitals.")


@exercise(2)
def check_replace_negatives(replace_negatives):
    """Exercise 2: replace_negatives(x, value=0.0) -> a new array, negatives replaced, no loops.

    Args:
        replace_negatives: the student's function.
    """
    rng = np.random.default_rng(3)
    for shape, value in [((7,), None), ((5, 6), -1.5), ((2, 3, 4), 10.0), ((6, 5), None)]:
        x = np.round(rng.normal(size=shape), 1)  # rounding leaves some exact zeros
        x.flat[0], x.flat[-1] = 0.0, -2.0  # a zero (not negative) and a negative, always
        GuardedArray.integer_indexings = 0
        given = guarded(x)
        kwargs = {} if value is None else {"value": value}
        result = call(replace_negatives, given, name="replace_negatives",
                      forbidden_hint="Use a boolean mask, e.g. x < 0, or np.where.", **kwargs)
        if np.asarray(result).dtype == bool:
            fail("That is the mask itself: use the mask to pick the entries to replace, then "
                 "return the array of numbers.")
        result = as_array(np.asarray(result), "what `replace_negatives` returns")
        if not np.array_equal(np.asarray(given), x):
            fail("`replace_negatives` changed the array it was given: work on a copy "
                 "(`y = x.copy()`) or build a new one with np.where.")
        fill = 0.0 if value is None else value
        expected = np.where(x < 0, fill, x)
        if result.shape != x.shape:
            fail(f"For an input of shape {x.shape} the result should have the same shape, "
                 f"got {result.shape}.")
        if np.allclose(result, expected):
            continue
        if np.allclose(result, np.where(x <= 0, fill, x)):
            fail("Zeros are not negative: replace only the entries x < 0, keep the zeros.")
        if np.allclose(result, np.abs(x)):
            fail("np.abs flips the sign of negatives; the exercise replaces them with `value`.")
        if value is not None and np.allclose(result, np.where(x < 0, 0.0, x)):
            fail(f"Called with value={value}, negatives should become {value}, not 0: use the "
                 "`value` argument.")
        fail(f"For an input of shape {x.shape} (value={value if value is not None else 'default'}) "
             "the result differs: negatives should become `value`, everything else stay.")
    passed("negatives replaced, zeros kept, the input untouched, no loops.")


SLICE_ARRAY_LENGTH, SLICE = 10, slice(7, 1, -2)  # np.arange(10)[7:1:-2]
SHAPES = ((2, 1, 3), (4, 1))  # np.zeros((2, 1, 3)) + np.ones((4, 1))


@exercise(3)
def check_slice_and_shape(slice_prediction, shape_prediction):
    """Exercise 3: predictions of np.arange(10)[7:1:-2] and of (2, 1, 3) + (4, 1)'s shape.

    Args:
        slice_prediction: the values, as a list, tuple or array.
        shape_prediction: the shape, as a tuple or list of integers.
    """
    expect_answered(slice_prediction, shape_prediction, what="fill in both predictions")
    values = as_array(slice_prediction, "slice_prediction").ravel()
    right = np.arange(SLICE_ARRAY_LENGTH)[SLICE]
    if not (values.shape == right.shape and np.array_equal(values, right)):
        if np.array_equal(values, np.arange(7, 0, -2)):
            fail("slice_prediction: the stop index is excluded, as always in Python: 1 is not in it.")
        backwards = ([3, 5, 7], [1, 3, 5], [1, 3, 5, 7])
        if any(values.tolist() == wrong for wrong in backwards):
            fail("slice_prediction: with a negative step the slice walks backwards, from index 7 "
                 "down towards index 1.")
        if np.array_equal(values, np.arange(7, 1, -1)):
            fail("slice_prediction: the third number is the step: every second element.")
        fail(f"slice_prediction: {values.tolist()} is not it; read it as start 7, stop 1 "
             "(excluded), step -2.")
    try:
        shape = tuple(int(n) for n in shape_prediction)
    except (TypeError, ValueError):
        fail(f"shape_prediction should be a tuple of integers like (5, 2), got {describe(shape_prediction)}.")
    right_shape = np.broadcast_shapes(*SHAPES)
    if shape != right_shape:
        if shape in ((2, 1, 3), (4, 1), (2, 3)):
            fail("shape_prediction: a 1 in a shape stretches to match the other array's size "
                 "along that axis; the result is larger than either input.")
        if shape in ((4, 2, 3), (2, 3, 4), (2, 4, 1)):
            fail("shape_prediction: align the shapes from the RIGHT: (2, 1, 3) against (_, 4, 1).")
        fail(f"shape_prediction: {shape} is not it. Pad the shorter shape with 1s on the left, "
             "then each axis takes the larger size (a 1 stretches).")
    passed(f"{right.tolist()} and {right_shape}.")
