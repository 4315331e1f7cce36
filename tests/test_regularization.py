"""Smoke tests of the plots of notebook 08 (regularization), under the Agg backend."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_polynomial_fit_draws_points_fit_and_truth():
    x = np.linspace(0, 1, 10)
    fit = np.polynomial.Polynomial.fit(x, np.sin(x), 3)
    ax = plots.polynomial_fit(x, np.sin(x), fit, true_curve=np.sin, title="fit")
    assert len(ax.lines) == 2 and len(ax.collections) == 1
    assert ax.get_title() == "fit" and ax.get_ylim() == (-2, 2)


def test_polynomial_fit_rejects_mismatched_points():
    with pytest.raises(ValueError, match="same length"):
        plots.polynomial_fit([0, 1, 2], [0, 1], np.sin)


def test_error_by_capacity_shades_the_tied_capacities():
    degrees = np.arange(6)
    validation = np.array([1.0, 0.5, 0.2, 0.21, 0.4, 2.0])
    ax = plots.error_by_capacity(degrees, validation / 2, validation, np.full(6, 0.05))
    band = [patch for patch in ax.patches if patch.get_label().startswith("within")]
    assert len(band) == 1
    left, width = band[0].get_x(), band[0].get_width()
    assert left == pytest.approx(1.6) and left + width == pytest.approx(3.4)  # degrees 2 and 3
    assert ax.get_yscale() == "log"


def test_error_by_capacity_without_noise_and_bad_lengths():
    ax = plots.error_by_capacity([1, 2, 3], [3, 2, 1], [3, 1, 2], log=False)
    assert len(ax.lines) == 2 and ax.get_yscale() == "linear"
    with pytest.raises(ValueError, match="one length"):
        plots.error_by_capacity([1, 2, 3], [3, 2], [3, 1, 2])


def test_train_validation_curves_one_colour_per_model():
    ax = plots.train_validation_curves({"a": ([3, 2, 1], [3, 2.5, 2.6]),
                                        "b": ([3, 2.5, 2], [3, 2.4, 2.2])}, log=True)
    assert len(ax.lines) == 4
    assert ax.lines[0].get_color() == ax.lines[1].get_color() != ax.lines[2].get_color()
    assert ax.lines[1].get_linestyle() == "--" and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="dict"):
        plots.train_validation_curves([1, 2, 3])


def test_validation_sweep_marks_the_choice():
    rng = np.random.default_rng(0)
    ax = plots.validation_sweep([1e-3, 1e-2, 1e-1], rng.random((3, 4)), rng.random((3, 4)),
                                chosen=1e-2, log_x=True, title="sweep")
    assert ax.get_xscale() == "log"
    assert any(line.get_label() == "chosen: 0.01" for line in ax.lines)
    with pytest.raises(ValueError, match="one row of losses per setting"):
        plots.validation_sweep([1, 2], rng.random((3, 4)), rng.random((3, 4)))


def test_overlaid_histograms_labels_mean_and_std():
    rng = np.random.default_rng(1)
    ax = plots.overlaid_histograms({"wide": rng.normal(0, 1, 500),
                                    "narrow": rng.normal(0, 0.1, 500)}, bins=20, log=True)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[0].startswith("wide: mean") and "std" in labels[1]
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="dict"):
        plots.overlaid_histograms([1, 2, 3])


def test_mean_std_dots_one_column_per_model():
    ax = plots.mean_std_dots(["a", "b"], [[0.9, 0.8, 0.85], [0.5, 0.52, 0.51]], ylabel="CE")
    assert [label.get_text() for label in ax.get_xticklabels()] == ["a", "b"]
    assert len(ax.collections) >= 2 and ax.get_ylabel() == "CE"
    with pytest.raises(ValueError, match="one row of values per name"):
        plots.mean_std_dots(["a"], [[1, 2], [3, 4]])
