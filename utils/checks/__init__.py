"""Exercise checks: ``checks.<name>(answer)`` passes with a short confirmation, or fails with an
AssertionError whose message is a hint. Grouped by topic in small modules, re-exported here.
"""
from utils.checks.intro import *  # noqa: F401,F403
from utils.checks.networks import *  # noqa: F401,F403
from utils.checks.optimization import *  # noqa: F401,F403
from utils.checks.vision import *  # noqa: F401,F403
