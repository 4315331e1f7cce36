"""Exercise checks of notebook 01 (TensorFlow basics).

1. ``check_broadcast_shapes``: predicted shapes of broadcasts and reductions (or an error);
2. ``check_standardize_columns``: standardize every column with reductions along axis 0;
3. ``check_tape_derivative``: a derivative with ``tf.GradientTape``, tried on fresh functions.
"""
import numpy as np
import tensorflow as tf

from utils.checks.core import as_array, call, exercise, expect_answered, fail, passed

__all__ = ["check_broadcast_shapes", "check_standardize_columns", "check_tape_derivative"]


# --- Exercise 1: predict the shapes ----------------------------------------------------------------

# The expressions of Exercise 1, on x = tf.zeros([8, 3, 5]); the check runs them to know the answer.
SHAPE_PUZZLES = {
    "A": ("x + tf.zeros([5])", lambda x: x + tf.zeros([5])),
    "B": ("tf.reduce_sum(x, axis=1)", lambda x: tf.reduce_sum(x, axis=1)),
    "C": ("tf.reduce_mean(x, axis=-1, keepdims=True)",
          lambda x: tf.reduce_mean(x, axis=-1, keepdims=True)),
    "D": ("x[:, :, None, :] * tf.zeros([4, 1])", lambda x: x[:, :, None, :] * tf.zeros([4, 1])),
    "E": ("x + tf.zeros([3])", lambda x: x + tf.zeros([3])),
}
SHAPE_HINTS = {
    "A": "line the shapes up from the right: (8, 3, 5) and (5,); the missing axes count as 1",
    "B": "a reduction along an axis removes that axis (axis 1 has length 3)",
    "C": "keepdims=True keeps the reduced axis, with length 1",
    "D": "x[:, :, None, :] has shape (8, 3, 1, 5); line it up from the right with (4, 1)",
    "E": "line the last axes up: 5 against 3; two lengths match only if equal or one is 1",
}


def _true_shape(expression):
    """Run one puzzle's expression; None when TensorFlow refuses it."""
    try:
        return tuple(expression(tf.zeros([8, 3, 5])).shape)
    except (tf.errors.InvalidArgumentError, ValueError):
        return None


def _read_shape(value, key):
    """A shape written as a tuple, a list, a TensorShape, or None / "error" for an error."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("error", "none")):
        return None
    if isinstance(value, tf.TensorShape):
        value = value.as_list()
    if isinstance(value, (int, np.integer)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(
            isinstance(size, (int, np.integer)) and not isinstance(size, bool) for size in value):
        fail(f"shapes[{key!r}] should be a tuple of whole numbers such as (8, 3), or None for an "
             f"error, got {value!r}.")
    return tuple(int(size) for size in value)


@exercise(1)
def check_broadcast_shapes(shapes):
    """Exercise 1 of notebook 01: the shape of each expression in ``SHAPE_PUZZLES``.

    Args:
        shapes: dict letter -> shape (tuple or list), or None for an expression TensorFlow refuses.
    """
    expect_answered(shapes, what="fill in the dict `shapes`")
    if not isinstance(shapes, dict):
        fail(f"`shapes` should be a dict such as {{'A': (8, 3, 5), ...}}, got {shapes!r}.")
    given = {str(key).strip().upper(): value for key, value in shapes.items()}
    if set(given) != set(SHAPE_PUZZLES):
        fail(f"`shapes` should have the keys {sorted(SHAPE_PUZZLES)}, got {sorted(given)}.")
    if any(value is Ellipsis for value in given.values()):
        expect_answered(..., what="give a shape (or None) for every letter")
    wrong = [key for key in sorted(SHAPE_PUZZLES)
             if _read_shape(given[key], key) != _true_shape(SHAPE_PUZZLES[key][1])]
    if wrong:
        fail("Look again at " + "; ".join(f"{key}, {SHAPE_PUZZLES[key][0]}: {SHAPE_HINTS[key]}"
                                            for key in wrong) + ".")
    passed("You read broadcasting and reductions the way TensorFlow does: line shapes up from the "
           "right, and a reduction removes its axis unless keepdims=True.")


# --- Exercise 2: standardize every column -------------------------------------------------------

def _columns(rng, rows, columns):
    """A float32 table whose columns have very different means and spreads."""
    means = rng.uniform(-50, 50, size=columns)
    spreads = rng.uniform(0.1, 20, size=columns)
    return (means + spreads * rng.normal(size=(rows, columns))).astype(np.float32)


@exercise(2)
def check_standardize_columns(standardize_columns):
    """Exercise 2 of notebook 01: ``standardize_columns(x)`` -> (x - column mean) / column std.

    The check calls it on float32 tensors of its own (more rows than columns, and fewer) and
    compares with the population standard deviation, the one ``tf.math.reduce_std`` computes.
    """
    rng = np.random.default_rng(11)
    for rows, columns in [(6, 3), (4, 9), (200, 2), (7, 1)]:
        table = _columns(rng, rows, columns)
        result = call(standardize_columns, tf.constant(table), name="standardize_columns")
        result = as_array(result, name="what `standardize_columns` returns")
        where = f"for a tensor of shape {(rows, columns)}"
        x = table.astype(np.float64)
        mean, std = x.mean(axis=0), x.std(axis=0)
        if result.shape != (rows, columns):
            fail(f"`standardize_columns` should return the shape of its input, {(rows, columns)}, "
                 f"got {result.shape} {where}: subtract and divide, do not reduce the result.")
        if not np.all(np.isfinite(result)):
            fail(f"`standardize_columns` returned nan or inf {where}: divide by the standard "
                 "deviation of each column, which is not 0 here.")

        def matches(candidate):
            return np.allclose(result, candidate, rtol=1e-4, atol=1e-4)

        if matches((x - mean) / std):
            continue
        message = f"`standardize_columns` gives wrong values {where}. "
        rows_done = (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, keepdims=True)
        if columns > 1 and matches(rows_done):
            fail(message + "You standardized each *row*: a column's mean runs down the rows, "
                 "which is axis=0.")
        if matches((x - x.mean()) / x.std()):
            fail(message + "You used one mean and one standard deviation for the whole table: "
                 "reduce along axis=0 to get one per column.")
        if matches(x - mean):
            fail(message + "Each column is centred but not scaled: divide by its standard "
                 "deviation too.")
        if matches((x - mean) / std**2):
            fail(message + "You divided by the variance: divide by the standard deviation, "
                 "tf.math.reduce_std.")
        if matches((x - mean) / x.std(axis=0, ddof=1)):
            fail(message + "You divided by the sample standard deviation (n - 1 in the "
                 "denominator): use the population one, tf.math.reduce_std, which divides by n.")
        if matches(x / std - mean):
            fail(message + "Subtract the mean before you divide: (x - mean) / std.")
        fail(message + "Each column should come out with mean 0 and standard deviation 1: "
             "(x - tf.reduce_mean(x, axis=0)) / tf.math.reduce_std(x, axis=0).")
    passed("Every column now has mean 0 and standard deviation 1, for tables of four shapes.")


# --- Exercise 3: a derivative with GradientTape ---------------------------------------------------

_NO_GRADIENT = object()


def _float32_only(f):
    """``f`` that accepts only float32 tensors, as the prompt promises: a derivative estimated in
    float64 from two nearby values cannot sneak past the tolerance."""
    def f32(x):
        if not (tf.is_tensor(x) and x.dtype == tf.float32):
            raise TypeError(f"f expects a float32 tensor, got {getattr(x, 'dtype', type(x))}")
        return f(x)
    return f32

# (name, f built from TensorFlow operations, its derivative in NumPy)
DERIVATIVE_CASES = [
    ("x**3 - 2x", lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2),
    ("sin(x) * x", lambda x: tf.sin(x) * x, lambda x: np.cos(x) * x + np.sin(x)),
    ("exp(-x**2 / 2)", lambda x: tf.exp(-x**2 / 2), lambda x: -x * np.exp(-x**2 / 2)),
    ("log(1 + x**2)", lambda x: tf.math.log(1 + x**2), lambda x: 2 * x / (1 + x**2)),
    ("1 / (1 + exp(-x))", lambda x: tf.sigmoid(x),
     lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
]


@exercise(3)
def check_tape_derivative(derivative):
    """Exercise 3 of notebook 01: ``derivative(f, x)`` -> df/dx at every entry of the tensor x.

    The check calls it with functions and points of its own: a float32 scalar, a vector and a
    matrix, so only a tape that differentiates the given ``f`` at the given ``x`` passes.
    """
    expect_answered(derivative, what="define `derivative` above")

    def guarded(f, x):  # tells "no gradient" (None) from a forgotten return
        result = derivative(f, x)
        return _NO_GRADIENT if result is None else result

    guarded.__name__ = "derivative"
    rng = np.random.default_rng(5)
    for index, (formula, f, slope) in enumerate(DERIVATIVE_CASES):
        shape = [(), (6,), (3, 4), (5,), (2, 3)][index]
        points = rng.uniform(-2.5, 2.5, size=shape).astype(np.float32)
        result = call(guarded, _float32_only(f), tf.constant(points), name="derivative")
        where = f"for f(x) = {formula} at x of shape {shape}"
        if result is _NO_GRADIENT:
            fail(f"`derivative` returned None {where}. tape.gradient gives None when the tape "
                 "did not see f(x) depend on x: a constant must be watched (tape.watch(x)) and "
                 "f(x) computed inside the `with` block. (Or did you forget `return`?)")
        result = as_array(result, name="what `derivative` returns")
        if result.shape != points.shape:
            if result.size == points.size == 1:
                result = result.reshape(points.shape)
            else:
                fail(f"`derivative` should return one slope per entry of x, shape {shape}, got "
                     f"{result.shape} {where}: tape.gradient(y, x) has the shape of x.")
        x = points.astype(np.float64)
        expected = slope(x)
        if np.allclose(result, expected, rtol=2e-5, atol=2e-6):  # float32 rounding, no more
            continue
        value = np.asarray(f(tf.constant(points)), dtype=np.float64)
        if np.allclose(result, value, rtol=1e-4, atol=1e-5):
            fail(f"`derivative` returned f(x) itself {where}: return the tape's gradient of "
                 "f(x) with respect to x.")
        if np.allclose(result, 2 * x, rtol=1e-4, atol=1e-5):
            fail(f"`derivative` returned 2x {where}, the slope of x**2: call the given f on x "
                 "inside the tape instead of a function of your own.")
        worst = np.argmax(np.abs(result - expected) / (2e-6 + 2e-5 * np.abs(expected)))
        fail(f"`derivative` is off {where}: at x = {x.ravel()[worst]:.4f} it gives "
             f"{result.ravel()[worst]:.7g}, the exact slope is {expected.ravel()[worst]:.7g}. "
             "Let the tape differentiate f: an estimate from two nearby values is not exact "
             "enough.")
    passed("Your tape differentiated five functions it had never seen, at scalars, vectors "
           "and matrices.")
