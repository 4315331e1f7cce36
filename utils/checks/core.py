"""What every exercise check shares: the exercise decorator, answers read generously, clear hints.

A check is a function decorated with ``@exercise(N)``. Inside it:

- ``expect_answered(value, ...)`` stops quietly when the student left a placeholder (``None`` or
  ``...``): the check prints "Exercise N is not answered yet" and the notebook runs on;
- ``call(function, *args)`` calls the student's function, turns an exception inside it into a
  hint, and treats a returned ``...`` (the student edition's placeholder) as "not answered";
- ``as_number``, ``as_array``, ``as_choice`` read an answer however it was written (a float, a 0-d or
  1-element array, a tensor; a list or a tuple; "b", "B" or "(b)");
- ``expect_close`` compares with a tolerance that fits the dtype; ``fail(hint)`` stops with a hint;
- ``passed(message)`` prints the confirmation.

``GuardedArray`` is an ndarray that refuses matrix products and element-wise loops, so an exercise
that forbids ``@`` or loops is enforced by what the code does, not by reading its text; in the same
spirit, ``library_functions_refused(names)`` makes library functions raise while a student's code
runs (an exercise that asks for a convolution by hand refuses ``tf.nn.conv2d``).
"""
import contextlib
import functools
import importlib

import numpy as np

__all__ = []  # nothing here is a check; notebooks reach these through the topic modules


class NotAnswered(Exception):
    """Raised inside a check when the student's answer is still a placeholder."""


def exercise(number):
    """Decorate a check of exercise ``number``: a placeholder answer prints one line, not an error.

    Args:
        number: the exercise's number in its notebook (1, 2, ...), as the student edition counts.

    Returns:
        A decorator. The decorated check returns None; it prints "Correct! ..." on a right answer,
        "Exercise N is not answered yet: ..." on a placeholder, and raises AssertionError with a
        hint on a wrong answer.
    """
    def decorate(check):
        @functools.wraps(check)
        def run(*args, **kwargs):
            try:
                check(*args, **kwargs)
            except NotAnswered as placeholder:
                print(f"Exercise {number} is not answered yet: {placeholder}")
        run.exercise_number = number
        return run
    return decorate


def passed(message):
    """Print the short confirmation a student sees when an answer is right."""
    print(f"Correct! {message}")


def fail(hint):
    """Stop with the hint as the message, without a long traceback into NumPy."""
    raise AssertionError(hint)


def is_placeholder(value):
    """True for the student edition's placeholders, ``None`` and ``...``."""
    return value is None or value is Ellipsis


def expect_answered(*values, what="fill in the cell above"):
    """Raise NotAnswered when any of ``values`` is still a placeholder (``None`` or ``...``)."""
    if any(is_placeholder(value) for value in values):
        raise NotAnswered(f"{what}, run it, then run this check again.")


def describe(value):
    """A short description of an argument for hints: its shape and dtype, or its repr."""
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"an array of shape {tuple(value.shape)} ({value.dtype})"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def call(function, *args, name=None, forbidden_hint="", **kwargs):
    """Call the student's ``function``; a returned ``...`` means "not answered", an error a hint.

    Args:
        function: what the student defined.
        *args, **kwargs: the inputs the check drew.
        name: the function's name as the prompt spells it (default: its ``__name__``).
        forbidden_hint: a sentence added when the function does what the exercise rules out.

    Returns:
        What the function returned.
    """
    expect_answered(function, what=f"define `{name or 'the function'}` above")
    name = name or getattr(function, "__name__", "your function")
    if not callable(function):
        fail(f"`{name}` should be a function you define with `def`, got {describe(function)}.")
    try:
        result = function(*args, **kwargs)
    except (NotAnswered, AssertionError):
        raise
    except ForbiddenOperation as error:
        fail(f"`{name}` uses {error}, which this exercise rules out. {forbidden_hint}".strip())
    except NotImplementedError:
        raise NotAnswered(f"write the body of `{name}` above, run it, then run this check again.")
    except Exception as error:  # the student's bug: say where it happened, not a NumPy traceback
        inputs = ", ".join(describe(arg) for arg in args)
        fail(f"`{name}` raised {type(error).__name__}: {error} (called with {inputs}).")
    if result is Ellipsis:
        raise NotAnswered(f"write the body of `{name}` above, run it, then run this check again.")
    if result is None:
        fail(f"`{name}` returned None: did you forget the `return` line?")
    return result


def as_number(value, name="your answer"):
    """Read one number from a float, an int, a 0-d or 1-element array, list or tensor.

    Returns:
        A Python float; fails with a hint for text, several numbers or no number.
    """
    expect_answered(value)
    if isinstance(value, (bool, np.bool_)):
        fail(f"{name} should be a number, got {value!r}.")
    if isinstance(value, str):
        fail(f"{name} should be a number, not the text {value!r}: drop the quotes.")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"{name} should be a number, got {describe(value)}.")
    if array.size != 1:
        fail(f"{name} should be one number, got {array.size} numbers (shape {array.shape}).")
    return float(array.reshape(()))


def as_array(value, name="your answer", shape=None):
    """Read an array from a list, a tuple, an ndarray or a tensor, as float64.

    Args:
        value: the answer.
        name: how the hint names it.
        shape: the expected shape, or None to accept any.

    Returns:
        A float64 ndarray; fails with a hint naming the expected and the given shape.
    """
    expect_answered(value)
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"{name} should be numbers (a list or an array), got {describe(value)}.")
    if shape is not None and array.shape != tuple(shape):
        fail(f"{name} should have shape {tuple(shape)}, got {array.shape}.")
    return array


def as_choice(value, options, name="your answer"):
    """Read a multiple-choice answer: "b", "B", " (b) " and "b)" all mean option "B".

    Args:
        value: the answer.
        options: the allowed letters, e.g. "ABCD".

    Returns:
        The upper-case letter; fails with a hint listing the options.
    """
    expect_answered(value)
    letter = str(value).strip().strip("()").strip().upper() if isinstance(value, str) else None
    if letter not in [option.upper() for option in options]:
        fail(f"{name} should be one of the letters {', '.join(repr(o) for o in options)}, got {value!r}.")
    return letter


def tolerance(*arrays):
    """Relative and absolute tolerances that fit the least precise float dtype among ``arrays``."""
    dtypes = [np.asarray(array).dtype for array in arrays if hasattr(array, "dtype")]
    if any(dtype in (np.float16,) for dtype in dtypes):
        return 1e-2, 1e-3
    if any(dtype == np.float32 for dtype in dtypes) or any("float32" in str(dtype) for dtype in dtypes):
        return 1e-5, 1e-6
    return 1e-7, 1e-9


def expect_close(actual, expected, hint, rtol=None, atol=None, name="your answer"):
    """Fail with ``hint`` unless ``actual`` matches ``expected`` in shape and values.

    Tolerances default to what the dtype of ``actual`` allows (float32 rounding is accepted).
    """
    default_rtol, default_atol = tolerance(actual)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    expected = np.asarray(expected, dtype=np.float64)
    actual = as_array(actual, name=name)
    if actual.shape != expected.shape:
        if actual.size == expected.size == 1:
            actual = actual.reshape(expected.shape)
        else:
            fail(f"{name} should have shape {expected.shape}, got {actual.shape}. {hint}")
    if not np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)):
        fail(f"{name} contains nan or inf where the right answer is finite. {hint}")
    if not np.allclose(actual, expected, rtol=rtol, atol=atol):
        fail(hint)


class GuardedArray(np.ndarray):
    """An ndarray that refuses matrix products and Python loops over its elements.

    Checks pass these to a student's function when the prompt forbids ``@``, ``np.dot``,
    ``np.matmul``, ``np.einsum``, ``np.tensordot``, ``np.inner`` or loops: the forbidden call raises
    ``ForbiddenOperation`` whatever name the student gave it. Element-wise arithmetic, indexing with
    slices and ``None``, reshaping, broadcasting and reductions work as usual.
    """

    MAX_INTEGER_INDEXINGS = 4  # a few A[:, 0] are fine; a loop over rows or columns is not
    integer_indexings = 0
    FORBIDDEN_FUNCTIONS = ("matmul", "dot", "einsum", "tensordot", "inner", "vdot", "vecdot",
                           "matvec", "vecmat", "multi_dot", "outer", "kron")

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc.__name__ in self.FORBIDDEN_FUNCTIONS:
            raise ForbiddenOperation(f"np.{ufunc.__name__}")
        plain = [np.asarray(item) if isinstance(item, GuardedArray) else item for item in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(o) if isinstance(o, GuardedArray) else o
                                  for o in kwargs["out"])
        result = getattr(ufunc, method)(*plain, **kwargs)
        return _guard(result)

    def __array_function__(self, func, types, args, kwargs):
        if func.__name__ in self.FORBIDDEN_FUNCTIONS:
            raise ForbiddenOperation(f"np.{func.__name__}")
        return _guard(func(*_unguard(args), **_unguard(kwargs)))

    def __matmul__(self, other):
        raise ForbiddenOperation("the @ operator")

    __rmatmul__ = __imatmul__ = __matmul__

    def dot(self, *args, **kwargs):
        raise ForbiddenOperation(".dot")

    def __iter__(self):
        raise ForbiddenOperation("a loop over the array's rows")

    def tolist(self):
        raise ForbiddenOperation(".tolist() (a way into Python loops)")

    def item(self, *args):
        if args:
            raise ForbiddenOperation(".item(i) (element by element)")
        return super().item()

    def __getitem__(self, index):
        if _picks_one_element(index, self.ndim):
            raise ForbiddenOperation("indexing single elements (a loop in disguise)")
        if _has_integer(index):
            GuardedArray.integer_indexings += 1
            if GuardedArray.integer_indexings > GuardedArray.MAX_INTEGER_INDEXINGS:
                raise ForbiddenOperation("row-by-row or column-by-column indexing (a loop)")
        return super().__getitem__(index)


class ForbiddenOperation(Exception):
    """Raised by GuardedArray when a student's code does what the exercise rules out."""


@contextlib.contextmanager
def library_functions_refused(names):
    """While the block runs, calling any of ``names`` raises ForbiddenOperation (``call`` turns it
    into a hint); afterwards every one is back.

    Args:
        names: dotted names of module attributes, e.g. ``"tensorflow.nn.conv2d"``. A name whose
            module is not installed is skipped. A student who bound a function to a name of their
            own before the check runs is not caught: like GuardedArray, this catches the usual
            route, not every route.
    """
    patched = []
    try:
        for dotted in names:
            module_name, attribute = dotted.rsplit(".", 1)
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            if not hasattr(module, attribute):
                continue
            patched.append((module, attribute, getattr(module, attribute)))
            setattr(module, attribute, _refusing(dotted))
        yield
    finally:
        for module, attribute, original in reversed(patched):
            setattr(module, attribute, original)


def _refusing(dotted):
    def refuse(*args, **kwargs):
        raise ForbiddenOperation(f"`{dotted}`")
    return refuse


def _picks_one_element(index, ndim):
    """True when ``index`` selects a single scalar from an array with ``ndim`` axes."""
    items = index if isinstance(index, tuple) else (index,)
    integers = [item for item in items if isinstance(item, (int, np.integer))]
    return ndim > 0 and len(integers) == ndim == len(items)


def _has_integer(index):
    """True when ``index`` holds an integer (a row or column picked out by number)."""
    items = index if isinstance(index, tuple) else (index,)
    return any(isinstance(item, (int, np.integer)) for item in items)


def _guard(value):
    """Wrap plain arrays (or tuples of them) back into GuardedArray."""
    if isinstance(value, np.ndarray) and not isinstance(value, GuardedArray) and value.ndim > 0:
        return value.view(GuardedArray)
    if isinstance(value, tuple):
        return tuple(_guard(item) for item in value)
    return value


def _unguard(value):
    """Plain-ndarray views of GuardedArrays inside args and kwargs, for NumPy's own code."""
    if isinstance(value, GuardedArray):
        return value.view(np.ndarray)
    if isinstance(value, (list, tuple)):
        return type(value)(_unguard(item) for item in value)
    if isinstance(value, dict):
        return {key: _unguard(item) for key, item in value.items()}
    return value


def guarded(array):
    """A GuardedArray copy of ``array`` (float64)."""
    return np.array(array, dtype=np.float64).view(GuardedArray)


def call_guarded(function, *arrays, name=None, forbidden_hint=""):
    """Call ``function`` on GuardedArray copies of ``arrays``: no matrix products, no loops.

    Args:
        function: the student's function.
        *arrays: the inputs, passed as GuardedArrays.
        name: the function's name as the prompt spells it.
        forbidden_hint: a sentence on how to do it the allowed way.

    Returns:
        The result, as a plain float64 ndarray.
    """
    GuardedArray.integer_indexings = 0
    result = call(function, *[guarded(array) for array in arrays], name=name,
                  forbidden_hint=forbidden_hint)
    return as_array(np.asarray(result), name=f"what `{name or function.__name__}` returns")
