"""What the tests of the exercise checks share: what a check printed for an answer."""


def passes(check, answer, capsys):
    """True when ``check(answer)`` prints the confirmation."""
    check(answer)
    return "Correct!" in capsys.readouterr().out


def not_answered(check, answer, capsys, number):
    """True when ``check(answer)`` says that exercise ``number`` is not answered yet."""
    check(answer)
    return f"Exercise {number} is not answered yet" in capsys.readouterr().out
