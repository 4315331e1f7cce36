"""Interactive demos (ipywidgets): each a function returning the widget, each also able to draw
its default state as a plain figure for readers without a live kernel. Re-exported by topic.
"""
from utils.widgets.networks import *  # noqa: F401,F403
from utils.widgets.optimization import *  # noqa: F401,F403
from utils.widgets.vision import *  # noqa: F401,F403
from utils.widgets.attention import *  # noqa: F401,F403
from utils.widgets.generative import *  # noqa: F401,F403
