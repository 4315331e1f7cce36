# Setup (identical in every notebook): make `utils` importable, seed everything, quiet the logs.
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # hide TensorFlow's C++ log lines; Python errors still raise
REPO_URL = "https://github.com/deep-learning-course/intro-to-deep-learning"
if "google.colab" in sys.modules:  # Colab: fetch the course's helpers once; install nothing else
    if not os.path.isdir("/content/course"):
        import subprocess
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", REPO_URL, "/content/course"], check=True)
    sys.path.insert(0, "/content/course")

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from utils import checks, data, plots, scratch, seed, widgets

tf.get_logger().setLevel("ERROR")
plots.set_style()
seed.set_seed(42)
