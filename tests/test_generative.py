"""Notebook 12's helpers: the latent-space plots, the GAN diagram and the latent explorer."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import plots, widgets


def fake_decode(codes):
    """A stand-in decoder: a 28x28 image whose bright pixel moves with the code."""
    codes = np.asarray(codes, dtype=float)
    images = np.zeros((len(codes), 28, 28))
    rows = np.clip(((codes[:, 1] + 3) / 6 * 27).astype(int), 0, 27)
    cols = np.clip(((codes[:, 0] + 3) / 6 * 27).astype(int), 0, 27)
    images[np.arange(len(codes)), rows, cols] = 1.0
    return images


def test_image_rows_draws_each_image_and_labels_rows():
    rng = np.random.default_rng(0)
    axes = plots.image_rows([rng.random((4, 784)), rng.random((4, 28, 28))],
                            row_labels=["original", "copy"], title="t")
    assert axes.shape == (2, 4)
    assert axes[1, 0].get_ylabel() == "copy"
    assert len(axes[0, 3].images) == 1
    plt.close("all")


@pytest.mark.parametrize("rows, match", [
    ([np.zeros((3, 784)), np.zeros((4, 784))], "the same number of images"),
    ([np.zeros((3, 783))], "square size"),
    ([np.zeros((3, 2, 2, 2, 2))], r"\(n, height, width\)"),
])
def test_image_rows_rejects_bad_rows(rows, match):
    with pytest.raises(ValueError, match=match):
        plots.image_rows(rows)


def test_latent_scatter_one_series_per_class():
    rng = np.random.default_rng(1)
    labels = np.repeat([0, 3, 7], 10)
    ax = plots.latent_scatter(rng.normal(size=(30, 2)), labels, title="codes")
    assert len(ax.collections) == 3
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["0", "3", "7"]
    assert ax.get_xlabel() == "$z_1$" and ax.get_title() == "codes"
    plt.close("all")


def test_latent_scatter_rejects_codes_that_are_not_2d():
    with pytest.raises(ValueError, match=r"codes of shape \(n, 2\) and n labels, got codes \(5, 3\)"):
        plots.latent_scatter(np.zeros((5, 3)), np.zeros(5))


def test_decode_grid_puts_large_z2_at_the_top_and_z1_left_to_right():
    mosaic = plots.decode_grid(fake_decode, np.array([-3.0, 3.0]), np.array([-3.0, 3.0]))
    assert mosaic.shape == (56, 56)
    # top-left tile is z = (-3, +3): bright pixel in row 27, column 0 of that tile
    assert mosaic[27, 0] == 1.0
    # bottom-right tile is z = (+3, -3): bright pixel in row 0, column 27 of that tile
    assert mosaic[28, 55] == 1.0


def test_latent_grid_draws_with_code_axes():
    values = np.linspace(-2, 2, 5)
    ax = plots.latent_grid(fake_decode, values, values, title="grid")
    left, right, bottom, top = ax.images[0].get_extent()
    assert left == pytest.approx(-2.5) and right == pytest.approx(2.5)
    assert bottom == pytest.approx(-2.5) and top == pytest.approx(2.5)
    plt.close("all")


def test_decode_grid_rejects_a_decoder_returning_the_wrong_count():
    with pytest.raises(ValueError, match="one image per code"):
        plots.decode_grid(lambda codes: fake_decode(codes)[:1], [0.0, 1.0], [0.0])


def test_gan_diagram_draws_both_players():
    ax = plots.gan_diagram()
    texts = " ".join(text.get_text() for text in ax.texts)
    assert "generator" in texts and "discriminator" in texts
    plt.close("all")


def test_draw_latent_explorer_marks_the_code_and_shows_its_digit():
    rng = np.random.default_rng(2)
    axes = widgets.draw_latent_explorer(fake_decode, rng.normal(size=(30, 2)),
                                        rng.integers(0, 10, 30), z1=1.0, z2=-0.5)
    star = axes[0].lines[-1]
    assert star.get_xdata()[0] == 1.0 and star.get_ydata()[0] == -0.5
    np.testing.assert_array_equal(axes[1].images[0].get_array(), fake_decode([[1.0, -0.5]])[0])
    plt.close("all")


@pytest.mark.parametrize("kwargs, match", [
    ({"z1": float("nan")}, "z1 to be a finite number"),
    ({"z2": "1"}, "z2 to be a finite number"),
])
def test_draw_latent_explorer_rejects_bad_codes(kwargs, match):
    with pytest.raises(ValueError, match=match):
        widgets.draw_latent_explorer(fake_decode, **kwargs)


def test_draw_latent_explorer_rejects_a_decoder_that_is_not_callable():
    with pytest.raises(ValueError, match="decode to be a function"):
        widgets.draw_latent_explorer(np.zeros((1, 784)))


def test_latent_explorer_runs_headless_and_redraws_on_slider_change():
    pytest.importorskip("ipywidgets")
    box = widgets.latent_explorer(fake_decode, np.zeros((3, 2)), [0, 1, 2])
    np.testing.assert_array_equal(box.result, fake_decode([[0.0, 0.0]])[0])
    sliders = box.children[0].children
    sliders[0].value = 2.0
    np.testing.assert_array_equal(box.result, fake_decode([[2.0, 0.0]])[0])
    image = box.children[1]
    assert image.value[:4] == b"\x89PNG" and image.layout.width.endswith("px")
    plt.close("all")


def test_latent_explorer_rejects_a_bad_limit():
    pytest.importorskip("ipywidgets")
    with pytest.raises(ValueError, match="positive limit"):
        widgets.latent_explorer(fake_decode, limit=0)
