"""One call that makes a notebook repeatable."""
import random

import numpy as np


def set_seed(seed=42):
    """Seed Python, NumPy and Keras/TensorFlow, and make TensorFlow's ops deterministic.

    Args:
        seed: a non-negative integer.

    Returns:
        None, so that calling it last in a cell prints nothing.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"set_seed expects a non-negative integer, got {seed!r}")
    import keras  # imported here so that `import utils.seed` stays instant
    import tensorflow as tf

    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)  # seeds Python, NumPy and the backend together
    tf.config.experimental.enable_op_determinism()
