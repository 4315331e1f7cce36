"""Read the code of a student's function, so a check can enforce what an exercise forbids or requires."""
import inspect
import io
import textwrap
import tokenize

from utils.checks._common import fail


def code_tokens(function):
    """The names and operators in a function's source code, leaving out comments and strings.

    Args:
        function: a Python function or lambda.

    Returns:
        A set of token strings, e.g. ``{"def", "return", "@", "sum", ...}``, or None when Python
        cannot show the source (a built-in such as ``np.matmul``, or code typed at a bare prompt).
    """
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return None
    tokens = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.NAME, tokenize.OP):
                tokens.add(token.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # a lambda's line can end inside an open bracket: keep the tokens read so far
    return tokens


def require_own_code(function, exercise, forbidden=(), required=(), hint=""):
    """Fail unless ``function`` is Python code whose source avoids ``forbidden`` and uses ``required``.

    Args:
        function: the student's function.
        exercise: e.g. "Exercise 3", for the messages.
        forbidden: tokens that must not appear (names such as ``"for"`` or operators such as ``"@"``).
        required: tokens that must appear (e.g. ``"GradientTape"``).
        hint: a sentence added to every failure message about the code.

    Returns:
        None; raises AssertionError with a hint otherwise.
    """
    tokens = code_tokens(function)
    if tokens is None:
        fail(f"{exercise}: pass a function you wrote with `def` in a notebook cell, so that its code can be "
             f"read; got {getattr(function, '__name__', type(function).__name__)!r}.")
    used = sorted(token for token in forbidden if token in tokens)
    if used:
        fail(f"{exercise}: your function uses {', '.join(repr(token) for token in used)}, which the exercise "
             f"rules out. {hint}".strip())
    missing = sorted(token for token in required if token not in tokens)
    if missing:
        fail(f"{exercise}: your function must use {', '.join(repr(token) for token in missing)}. {hint}".strip())
