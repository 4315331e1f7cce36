"""The shared machinery of the checks: refusing library functions while a student's code runs."""
import math

import pytest

from utils.checks import core


def test_a_refused_function_raises_inside_and_is_back_outside():
    with core.library_functions_refused(["math.sqrt", "no_such_module.anything", "math.nope"]):
        with pytest.raises(core.ForbiddenOperation, match="`math.sqrt`"):
            math.sqrt(4.0)
        assert math.floor(2.5) == 2  # what is not named still works
    assert math.sqrt(4.0) == 2.0


def test_the_functions_are_back_after_an_error_in_the_block():
    with pytest.raises(ZeroDivisionError):
        with core.library_functions_refused(["math.sqrt"]):
            1 / 0
    assert math.sqrt(9.0) == 3.0


def test_call_turns_a_refused_function_into_a_hint():
    def answer(x):
        return math.sqrt(x)

    with core.library_functions_refused(["math.sqrt"]):
        with pytest.raises(AssertionError, match="uses `math.sqrt`, which this exercise rules "
                                                 "out. Take the root by hand."):
            core.call(answer, 4.0, forbidden_hint="Take the root by hand.")
