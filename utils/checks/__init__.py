"""Exercise checks: ``checks.check_<name>(answer)`` prints "Correct! ...", or "Exercise N is not
answered yet" for a placeholder, or fails with an AssertionError whose message is a hint.

One module per notebook, named by its topic, so a student finds the check of notebook 05 in
``utils/checks/gradient_descent.py``; ``core`` holds what every check shares. All checks are
re-exported here.
"""
from utils.checks.introduction import *  # noqa: F401,F403
from utils.checks.python_primer import *  # noqa: F401,F403
from utils.checks.tensorflow_basics import *  # noqa: F401,F403
from utils.checks.perceptron import *  # noqa: F401,F403
from utils.checks.activations import *  # noqa: F401,F403
from utils.checks.neural_networks import *  # noqa: F401,F403
from utils.checks.gradient_descent import *  # noqa: F401,F403
from utils.checks.backpropagation import *  # noqa: F401,F403
from utils.checks.convolution import *  # noqa: F401,F403
from utils.checks.regularization import *  # noqa: F401,F403
from utils.checks.mnist_lab import *  # noqa: F401,F403
from utils.checks.recurrent import *  # noqa: F401,F403
from utils.checks.attention import *  # noqa: F401,F403
from utils.checks.generative import *  # noqa: F401,F403
