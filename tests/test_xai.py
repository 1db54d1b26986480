"""course.xai on hand-built models whose truly important inputs are known."""

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest
from sklearn.inspection import permutation_importance

from course import xai

REGION = (slice(2, 5), slice(5, 8))  # rows 2–4, columns 5–7 of an 8×8 image


def region_mask(shape=(8, 8)) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    mask[REGION] = True
    return mask


@pytest.fixture(scope="module")
def region_model():
    """8×8×1 image → one score that sums the pixels of REGION only (weights 1 there, 0 elsewhere)."""
    model = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    weights = region_mask().astype("float32").reshape(64, 1)
    model.layers[-1].set_weights([weights, np.zeros(1, dtype="float32")])
    return model


@pytest.fixture(scope="module")
def channel_model():
    """8×8×2 image → a 1×1 conv copying both channels → a score that reads channel 0 only."""
    inputs = keras.Input(shape=(8, 8, 2))
    maps = keras.layers.Conv2D(2, 1, use_bias=False, name="copy")(inputs)
    flat = keras.layers.Flatten()(maps)
    score = keras.layers.Dense(1)(flat)
    model = keras.Model(inputs, score)
    model.get_layer("copy").set_weights([np.eye(2, dtype="float32").reshape(1, 1, 2, 2)])
    dense_weights = np.zeros((8, 8, 2), dtype="float32")
    dense_weights[..., 0] = 1.0  # only channel 0 counts
    model.layers[-1].set_weights([dense_weights.reshape(128, 1), np.zeros(1, dtype="float32")])
    return model


def test_saliency_is_nonzero_exactly_on_the_region_the_score_reads(region_model):
    image = np.random.default_rng(0).uniform(size=(8, 8, 1))
    saliency = xai.saliency_map(region_model, image)
    assert saliency.shape == (8, 8) and saliency.max() == pytest.approx(1.0)
    assert np.all(saliency[region_mask()] > 0.99) and np.all(saliency[~region_mask()] == 0)


def test_grad_cam_highlights_the_channel_the_score_depends_on(channel_model):
    image = np.zeros((8, 8, 2), dtype="float32")
    image[REGION + (0,)] = 1.0  # a blob in channel 0 where REGION is
    image[6:8, 0:2, 1] = 1.0  # a blob in channel 1 that the score ignores
    cam = xai.grad_cam(channel_model, image)  # the last conv layer is found by itself
    assert cam.shape == (8, 8) and cam.max() == pytest.approx(1.0)
    assert cam[REGION].min() > 0.5
    assert cam[6:8, 0:2].max() < 0.05
    same = xai.grad_cam(channel_model, image, layer="copy")
    np.testing.assert_allclose(same, cam)
    sequential = keras.Sequential([keras.Input(shape=(8, 8, 2)), keras.layers.Conv2D(2, 1, use_bias=False),
                                   keras.layers.Flatten(), keras.layers.Dense(1)])
    sequential.set_weights(channel_model.get_weights())
    np.testing.assert_allclose(xai.grad_cam(sequential, image), cam, atol=1e-6)


def test_grad_cam_needs_a_conv_layer_and_images_need_the_model_shape(region_model):
    with pytest.raises(ValueError, match="합성곱 층"):
        xai.grad_cam(region_model, np.zeros((8, 8, 1)))
    with pytest.raises(ValueError, match=r"\(8, 8, 1\)"):
        xai.saliency_map(region_model, np.zeros((8, 8)))
    with pytest.raises(TypeError, match="케라스 모델"):
        xai.saliency_map("not a model", np.zeros((8, 8, 1)))


def test_permutation_importance_through_the_adapter_finds_the_only_feature_used():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.layers[-1].set_weights([np.array([[8.0], [0.0], [0.0]], dtype="float32"), np.zeros(1, dtype="float32")])
    X = np.random.default_rng(1).normal(size=(200, 3)).astype("float32")
    y = (X[:, 0] > 0).astype(int)
    adapter = xai.KerasClassifierAdapter(model)
    assert (adapter.predict(X) == y).mean() == 1.0
    result = permutation_importance(adapter, X, y, scoring="accuracy", n_repeats=3, random_state=0)
    assert result.importances_mean[0] > 0.3
    assert result.importances_mean[1] == result.importances_mean[2] == 0.0
    with pytest.raises(NotImplementedError, match="model.fit"):
        adapter.fit(X, y)


def test_adapter_reads_several_output_units_as_class_scores():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3)])
    model.layers[-1].set_weights([np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]], dtype="float32"), np.zeros(3, "float32")])
    X = np.array([[2.0, 0.0], [0.0, 2.0], [-2.0, 0.0]], dtype="float32")
    adapter = xai.KerasClassifierAdapter(model)
    assert adapter.predict(X).tolist() == [0, 1, 2]
    assert adapter.classes_.tolist() == [0, 1, 2]
    np.testing.assert_allclose(xai.predict_scores(model, X), np.asarray(model(X)), rtol=1e-6)


def test_plot_heatmap_overlays_the_map_and_checks_sizes():
    image = np.random.default_rng(2).integers(0, 256, size=(8, 8, 3))
    fig = xai.plot_heatmap(image, region_mask().astype(float), title="영역")
    ax = fig.axes[0]
    assert len(ax.images) == 2 and ax.get_title() == "영역"
    assert ax.images[0].get_array().max() <= 1.0  # 0..255 pixels drawn as 0..1
    with pytest.raises(ValueError, match="높이·너비"):
        xai.plot_heatmap(image, np.zeros((4, 4)))


# --- text summaries (alt text and captions) ---------------------------------------------


@pytest.mark.parametrize(
    "rows, columns, region",
    [
        (REGION[0], REGION[1], "오른쪽 가운데"),  # rows 2–4, columns 5–7 of 8×8
        (slice(6, 8), slice(0, 2), "왼쪽 아래"),  # not "오른쪽 위": rows are not read as columns
        (slice(0, 2), slice(6, 8), "오른쪽 위"),
        (slice(3, 5), slice(3, 5), "가운데"),
        (slice(0, 1), slice(3, 5), "위쪽 가운데"),
    ],
)
def test_heatmap_region_is_where_the_strongest_values_are(rows, columns, region):
    heatmap = np.random.default_rng(0).uniform(0, 0.05, size=(8, 8))  # faint noise everywhere
    heatmap[rows, columns] = 1.0
    assert xai.heatmap_region(heatmap) == region


def test_heatmap_region_weighs_the_top_values_and_reports_an_empty_map():
    quadrant = np.zeros((28, 28))
    quadrant[:14, :14] = 1.0
    assert xai.heatmap_region(quadrant) == "왼쪽 위"
    two_spots = np.zeros((9, 9))
    two_spots[0, 0], two_spots[8, 8] = 1.0, 0.2  # the stronger spot pulls the centre to the top left
    assert xai.heatmap_region(two_spots) == "왼쪽 위"
    assert xai.heatmap_region(np.zeros((4, 4))) is None
    assert "강조된 곳이 없습니다" in xai.heatmap_summary(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="2차원"):
        xai.heatmap_region(np.zeros(4))


def test_plot_heatmap_summary_names_the_region_after_the_title():
    from course import plots

    image = np.random.default_rng(2).integers(0, 256, size=(8, 8, 3))
    fig = xai.plot_heatmap(image, region_mask().astype(float), title="영역")
    assert plots.summary(fig) == "영역: " + xai.heatmap_summary(region_mask().astype(float))
    assert plots.summary(fig) == "영역: 이미지 위에 겹친 히트맵은 오른쪽 가운데가 가장 강합니다."
    untitled = xai.plot_heatmap(image, np.zeros((8, 8)))
    assert plots.summary(untitled) == "이미지 위에 겹친 히트맵은 값이 모두 0이라 강조된 곳이 없습니다."


def test_plot_heatmap_panels_with_the_same_title_and_region_are_each_described():
    import matplotlib.pyplot as plt

    from course import plots

    image = np.zeros((8, 8))
    fig, axes = plt.subplots(1, 3)
    for ax in axes:
        xai.plot_heatmap(image, region_mask().astype(float), ax=ax, title="돌출 맵")
    assert plots.summary(fig).split("\n") == ["돌출 맵: " + xai.heatmap_summary(region_mask())] * 3
    plt.close(fig)


def test_beeswarm_summary_lists_the_features_with_the_largest_mean_absolute_shap_value():
    values = np.array([[0.1, -0.5, 0.02, 0.0], [0.2, 0.4, -0.01, 0.3]])  # mean |SHAP|: 0.15, 0.45, 0.015, 0.15
    text = xai.beeswarm_summary(values, ["a", "b", "c", "d"])
    assert text.startswith("샘플 2개의 SHAP 값입니다.")
    assert text.endswith("평균 |SHAP 값|이 가장 큰 특성 3개는 b(0.450), a(0.150), d(0.150)입니다.")
    assert "c(" not in text  # the smallest |SHAP| is left out; b leads although its signed mean is negative
    assert "특성 0(" in xai.beeswarm_summary(values[:, :1], top=5)
    with pytest.raises(ValueError, match="feature_names"):
        xai.beeswarm_summary(values, ["a", "b"])


def test_waterfall_summary_adds_up_to_the_prediction_and_names_the_biggest_push():
    text = xai.waterfall_summary(np.array([0.1, -0.5, 0.02]), np.array([0.6]), ["a", "b", "c"])
    assert "기준값 E[f(X)] = 0.600" in text and "예측 f(x) = 0.220" in text
    assert text.endswith("예측을 가장 크게 움직인 특성은 b(SHAP 값 -0.500, 예측을 낮춤)입니다.")
    raising = xai.waterfall_summary([0.3, -0.1], 0.0, ["x1", "x2"])
    assert "x1(SHAP 값 +0.300, 예측을 높임)" in raising and "f(x) = 0.200" in raising
