"""Read the code of a student's function, so a check can enforce what an exercise forbids or requires."""
import ast
import inspect
import io
import textwrap
import tokenize

from utils.checks._common import fail


def _unreadable(function, exercise):
    """Fail because Python cannot show this function's code (a built-in, or code typed at a prompt)."""
    fail(f"{exercise}: pass a function you wrote with `def` in a notebook cell, so that its code can be "
         f"read; got {getattr(function, '__name__', type(function).__name__)!r}.")


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
        _unreadable(function, exercise)
    used = sorted(token for token in forbidden if token in tokens)
    if used:
        fail(f"{exercise}: your function uses {', '.join(repr(token) for token in used)}, which the exercise "
             f"rules out. {hint}".strip())
    missing = sorted(token for token in required if token not in tokens)
    if missing:
        fail(f"{exercise}: your function must use {', '.join(repr(token) for token in missing)}. {hint}".strip())


LOOPS = {ast.For: "'for'", ast.AsyncFor: "'for'", ast.While: "'while'", ast.ListComp: "a 'for' comprehension",
         ast.SetComp: "a 'for' comprehension", ast.DictComp: "a 'for' comprehension",
         ast.GeneratorExp: "a 'for' comprehension"}


def function_node(function):
    """The syntax tree of a function's own code: its ``def`` or ``lambda`` node.

    Args:
        function: a Python function or lambda.

    Returns:
        An ``ast`` node, or None when Python cannot show or parse the source (e.g. a built-in).
    """
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return None
    name = getattr(function, "__name__", "")
    kinds = ast.Lambda if name == "<lambda>" else (ast.FunctionDef, ast.AsyncFunctionDef)
    nodes = [node for node in ast.walk(tree) if isinstance(node, kinds) and getattr(node, "name", name) == name]
    return nodes[0] if nodes else tree


def shortcuts_used(node, calls=(), matmul_operator=False, loops=False):
    """The forbidden constructs in a syntax tree: called names, the ``@`` operator, loops.

    Args:
        node: an ``ast`` node, e.g. from ``function_node``.
        calls: names that must not be CALLED, as ``f(...)`` or ``obj.f(...)`` (a variable may share the name).
        matmul_operator: whether ``@`` and ``@=`` are forbidden.
        loops: whether ``for``, ``while`` and comprehensions are forbidden.

    Returns:
        A sorted list of descriptions such as ``["'@'", "'dot'"]``; empty when the code is clean.
    """
    found = set()
    for child in ast.walk(node):
        if matmul_operator and isinstance(child, (ast.BinOp, ast.AugAssign)) and isinstance(child.op, ast.MatMult):
            found.add("'@'")
        if loops and type(child) in LOOPS:
            found.add(LOOPS[type(child)])
        if isinstance(child, ast.Call):
            called = getattr(child.func, "attr", getattr(child.func, "id", None))
            if called in calls:
                found.add(repr(called))
    return sorted(found)


def forbid_shortcuts(function, exercise, calls=(), matmul_operator=False, loops=False, hint=""):
    """Fail unless ``function`` is readable Python code free of the constructs an exercise rules out.

    Args:
        function: the student's function.
        exercise: e.g. "Exercise 3", for the messages.
        calls, matmul_operator, loops: what is forbidden, as in ``shortcuts_used``.
        hint: a sentence added to the failure message.

    Returns:
        None; raises AssertionError with a hint otherwise.
    """
    node = function_node(function)
    if node is None:
        _unreadable(function, exercise)
    used = shortcuts_used(node, calls=calls, matmul_operator=matmul_operator, loops=loops)
    if used:
        fail(f"{exercise}: your function uses {', '.join(used)}, which the exercise rules out. {hint}".strip())
