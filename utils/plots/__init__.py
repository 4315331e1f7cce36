"""Plotting helpers: ``from utils import plots`` then ``plots.decision_boundary(...)``.

Each helper takes ``ax=None``, returns the Axes, never calls ``plt.show()``, never writes files.
The helpers live in small modules by topic and are all re-exported here.
"""
from utils.plots.core import *  # noqa: F401,F403
from utils.plots.images import *  # noqa: F401,F403
from utils.plots.intro import *  # noqa: F401,F403
from utils.plots.networks import *  # noqa: F401,F403
from utils.plots.optimization import *  # noqa: F401,F403
from utils.plots.backprop import *  # noqa: F401,F403
from utils.plots.vision import *  # noqa: F401,F403
from utils.plots.sequences import *  # noqa: F401,F403
from utils.plots.attention import *  # noqa: F401,F403
from utils.plots.generative import *  # noqa: F401,F403
from utils.plots.regularization import *  # noqa: F401,F403
