"""One call that makes a notebook repeatable."""
import numpy as np


def set_seed(seed=42):
    """Seed Python, NumPy and Keras/TensorFlow, and make TensorFlow's ops deterministic.

    Args:
        seed: an integer from 0 to 2**32 - 1.

    Returns:
        None, so that calling it last in a cell prints nothing.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"set_seed expects an integer from 0 to 2**32 - 1, got {seed!r}")
    seed = int(seed)  # NumPy integers are fine for NumPy, not for the random module
    import keras  # imported here so that `import utils.seed` stays instant
    import tensorflow as tf

    keras.utils.set_random_seed(seed)  # seeds Python's random, NumPy and TensorFlow together
    tf.config.experimental.enable_op_determinism()
