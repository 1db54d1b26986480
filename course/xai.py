"""Explanation helpers for chapter 08: permutation importance, saliency maps and Grad-CAM.

Computation is separate from drawing: :func:`saliency_map` and :func:`grad_cam` return NumPy
arrays (one value per pixel, scaled to 0..1); :func:`plot_heatmap` overlays such a map on its
image and attaches a Korean description of it (:func:`heatmap_summary`, shown as alt text and a
caption, see ``course.plots``). :func:`beeswarm_summary` and :func:`waterfall_summary` describe
shap's plots the same way. Models are always called as ``model(x)`` (a few ms), never ``model.predict`` (~100 ms
per call), because explainers call a model many times.

Nothing here knows any exercise's answer: exact Shapley values are left to the learner.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course.korean import with_particle

__all__ = [
    "KerasClassifierAdapter",
    "beeswarm_summary",
    "grad_cam",
    "heatmap_region",
    "heatmap_summary",
    "last_conv_layer",
    "plot_heatmap",
    "predict_scores",
    "saliency_map",
    "waterfall_summary",
]


# ---------------------------------------------------------------------------
# Model outputs without model.predict
# ---------------------------------------------------------------------------


def _expect_keras_model(model: Any, name: str = "model"):
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"{with_particle(name, '은')} 케라스 모델이어야 합니다. 받은 값: {type(model).__name__}")
    return model


def predict_scores(model, x, batch_size: int = 1024) -> np.ndarray:
    """``model(x)`` as a float64 NumPy array, in batches; the fast path instead of ``model.predict``."""
    _expect_keras_model(model)
    x = np.asarray(x, dtype="float32")
    if len(x) == 0:
        raise ValueError("x에 샘플이 하나도 없습니다.")
    parts = [np.asarray(model(x[start : start + batch_size], training=False)) for start in range(0, len(x), batch_size)]
    return np.concatenate(parts).astype(np.float64)


class KerasClassifierAdapter:
    """A trained Keras classifier seen by scikit-learn as a fitted classifier.

    ``sklearn.inspection.permutation_importance(KerasClassifierAdapter(model), X, y,
    scoring="accuracy")`` then calls :meth:`predict`, which runs ``model(x)``. A single output
    unit is read as the probability of class 1 (``>= threshold`` is 1); several units as class
    scores (the largest wins). The model is never trained here: :meth:`fit` refuses.
    """

    _estimator_type = "classifier"

    def __init__(self, model, threshold: float = 0.5):
        self.model = _expect_keras_model(model)
        self.threshold = float(threshold)

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags())

    def __sklearn_is_fitted__(self) -> bool:
        return True

    def get_params(self, deep: bool = True) -> dict:
        return {"model": self.model, "threshold": self.threshold}

    def fit(self, X, y=None):
        raise NotImplementedError("이 어댑터는 이미 학습한 케라스 모델을 감쌀 뿐입니다. 학습은 model.fit으로 하세요.")

    def predict_proba(self, X) -> np.ndarray:
        scores = predict_scores(self.model, X)
        if scores.ndim == 2 and scores.shape[1] == 1:
            return np.column_stack([1.0 - scores[:, 0], scores[:, 0]])
        return scores

    def predict(self, X) -> np.ndarray:
        scores = predict_scores(self.model, X)
        if scores.ndim == 1 or scores.shape[1] == 1:
            return (scores.reshape(-1) >= self.threshold).astype(int)
        return scores.argmax(axis=1)

    @property
    def classes_(self) -> np.ndarray:
        units = int(self.model.outputs[0].shape[-1])
        return np.arange(2 if units == 1 else units)


# ---------------------------------------------------------------------------
# Gradient maps
# ---------------------------------------------------------------------------


def _one_image(model, image) -> np.ndarray:
    image = np.asarray(image, dtype="float32")
    expected = tuple(model.inputs[0].shape[1:])
    if image.shape != expected:
        raise ValueError(
            f"이미지 한 장의 모양이 {image.shape}입니다. 모델 입력 모양 {expected}와 같아야 합니다"
            "(배치 축 없이 한 장, 흑백이면 채널 축 1 포함)."
        )
    return image[np.newaxis]


def _class_score(outputs, class_index: int | None):
    """The score to explain: the given class, or the predicted one (one output unit: that unit)."""
    import tensorflow as tf

    if outputs.shape[-1] == 1:
        return outputs[:, 0], 0
    if class_index is None:
        class_index = int(tf.argmax(outputs[0]))
    if not 0 <= class_index < outputs.shape[-1]:
        raise ValueError(f"class_index는 0 이상 {outputs.shape[-1]} 미만이어야 합니다. 받은 값: {class_index}")
    return outputs[:, class_index], class_index


def _scaled(values: np.ndarray) -> np.ndarray:
    """Values scaled to 0..1 by their maximum (all zeros stay zeros)."""
    values = np.maximum(np.asarray(values, dtype=np.float64), 0.0)
    top = values.max()
    return values / top if top > 0 else values


def saliency_map(model, image, class_index: int | None = None) -> np.ndarray:
    """Vanilla gradient saliency: ``|d score / d pixel|``, the largest over channels, scaled to 0..1.

    ``image`` is one image shaped like the model's input (no batch axis). The explained score is
    ``class_index``'s output (default: the predicted class; a one-unit output explains that unit).
    Returns an (H, W) array.
    """
    import tensorflow as tf

    _expect_keras_model(model)
    x = tf.convert_to_tensor(_one_image(model, image))
    with tf.GradientTape() as tape:
        tape.watch(x)
        score, _ = _class_score(model(x, training=False), class_index)
    gradient = tape.gradient(score, x)[0].numpy()
    return _scaled(np.abs(gradient).max(axis=-1))


def last_conv_layer(model):
    """The last layer whose output is a feature map (4-D: batch, height, width, channels)."""
    _expect_keras_model(model)
    for layer in reversed(model.layers):
        try:
            shape = layer.output.shape
        except (AttributeError, ValueError):
            continue
        if len(shape) == 4 and "conv" in type(layer).__name__.lower():
            return layer
    raise ValueError("모델에 합성곱 층(Conv2D)이 없습니다. Grad-CAM은 특성 맵을 내는 합성곱 층이 있어야 합니다.")


def grad_cam(model, image, layer=None, class_index: int | None = None) -> np.ndarray:
    """Grad-CAM (Selvaraju et al., 2017) on one image, resized to the image's height and width.

    Channel weights are the mean gradients of the explained score over each feature map of
    ``layer`` (default :func:`last_conv_layer`; a layer object or its name); the map is the ReLU
    of the weighted sum of the feature maps, scaled to 0..1. Returns an (H, W) array.
    """
    import keras
    import tensorflow as tf

    _expect_keras_model(model)
    if layer is None:
        layer = last_conv_layer(model)
    elif isinstance(layer, str):
        layer = model.get_layer(layer)
    x = _one_image(model, image)
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    probe = keras.Model(inputs, [layer.output, model.outputs[0]])
    with tf.GradientTape() as tape:
        feature_maps, outputs = probe(x, training=False)
        score, _ = _class_score(outputs, class_index)
    gradients = tape.gradient(score, feature_maps)
    if gradients is None:
        raise ValueError(f"출력이 층 '{layer.name}'의 특성 맵에 의존하지 않습니다. 출력 쪽에 더 가까운 합성곱 층을 고르세요.")
    weights = tf.reduce_mean(gradients, axis=(1, 2))  # (1, channels)
    cam = tf.nn.relu(tf.reduce_sum(feature_maps * weights[:, tf.newaxis, tf.newaxis, :], axis=-1))[0]
    height, width = x.shape[1:3]
    resized = tf.image.resize(cam[..., tf.newaxis], (height, width), method="bilinear")[..., 0]
    return _scaled(resized.numpy())


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------


def plot_heatmap(image, heatmap, ax=None, alpha: float = 0.5, title: str | None = None, cmap: str = "jet"):
    """Draw ``image`` (H, W) / (H, W, 1) / (H, W, 3) with ``heatmap`` (H, W) over it; return the Figure.

    The figure gets :func:`heatmap_summary` (with the title in front) as its Korean description.
    """
    from course.plots import _new_axes, add_summary

    image = np.asarray(image, dtype=np.float64)
    heatmap = np.asarray(heatmap, dtype=np.float64)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.max(initial=0.0) > 1.0:  # 0..255 pixels
        image = image / 255.0
    if image.shape[:2] != heatmap.shape:
        raise ValueError(f"이미지 {image.shape[:2]}와 히트맵 {heatmap.shape}의 높이·너비가 같아야 합니다.")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha는 0~1 사이여야 합니다. 받은 값: {alpha}")
    fig, ax = _new_axes(ax, figsize=(3.2, 3.2))
    ax.imshow(image, cmap="gray" if image.ndim == 2 else None)
    ax.imshow(heatmap, cmap=cmap, alpha=alpha, vmin=0.0, vmax=1.0)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    add_summary(fig, heatmap_summary(heatmap), ax=ax)
    return fig


# ---------------------------------------------------------------------------
# Text summaries (alt text and captions)
# ---------------------------------------------------------------------------

# Nine regions of an image: rows top → bottom, columns left → right.
_REGIONS = (
    ("왼쪽 위", "위쪽 가운데", "오른쪽 위"),
    ("왼쪽 가운데", "가운데", "오른쪽 가운데"),
    ("왼쪽 아래", "아래쪽 가운데", "오른쪽 아래"),
)


def heatmap_region(heatmap) -> str | None:
    """Where ``heatmap`` (H, W) is strongest: the region of a 3×3 grid ("왼쪽 위", "가운데", …)
    holding the value-weighted centre of its top 10% values; None when no value is above 0."""
    heatmap = np.asarray(heatmap, dtype=np.float64)
    if heatmap.ndim != 2 or heatmap.size == 0:
        raise ValueError(f"히트맵은 (높이, 너비) 모양의 2차원 배열이어야 합니다. 받은 모양: {heatmap.shape}")
    values = np.where(np.isfinite(heatmap), heatmap, 0.0)
    if values.max() <= 0:
        return None
    strong = (values >= np.quantile(values, 0.9)) & (values > 0)
    rows, columns = np.nonzero(strong)
    weights = values[strong]
    height, width = values.shape
    row = np.average(rows + 0.5, weights=weights) / height  # 0..1 from the top
    column = np.average(columns + 0.5, weights=weights) / width  # 0..1 from the left
    return _REGIONS[min(int(row * 3), 2)][min(int(column * 3), 2)]


def heatmap_summary(heatmap) -> str:
    """Korean description of :func:`plot_heatmap`'s plot: where the heatmap is strongest
    (:func:`heatmap_region`), e.g. "이미지 위에 겹친 히트맵은 왼쪽 위가 가장 강합니다." """
    region = heatmap_region(heatmap)
    if region is None:
        return "이미지 위에 겹친 히트맵은 값이 모두 0이라 강조된 곳이 없습니다."
    return f"이미지 위에 겹친 히트맵은 {with_particle(region, '이')} 가장 강합니다."


def _feature_names(feature_names, count: int) -> list[str]:
    names = [str(name) for name in feature_names] if feature_names is not None else [f"특성 {i}" for i in range(count)]
    if len(names) != count:
        raise ValueError(f"feature_names의 개수({len(names)})가 특성 개수({count})와 같아야 합니다.")
    return names


def beeswarm_summary(shap_values, feature_names=None, top: int = 3) -> str:
    """Korean description of ``shap.plots.beeswarm``: axes and the ``top`` features by mean |SHAP value|.

    ``shap_values`` is the (samples, features) array (``explanation.values``).
    """
    values = np.asarray(shap_values, dtype=np.float64)
    if values.ndim != 2 or values.size == 0:
        raise ValueError(f"shap_values는 (샘플, 특성) 모양의 2차원 배열이어야 합니다. 받은 모양: {values.shape}")
    names = _feature_names(feature_names, values.shape[1])
    mean_abs = np.abs(values).mean(axis=0)
    order = np.argsort(-mean_abs, kind="stable")[:top]
    listed = ", ".join(f"{names[i]}({mean_abs[i]:.3f})" for i in order)
    return (
        f"샘플 {values.shape[0]}개의 SHAP 값입니다. 점 하나가 샘플 하나의 한 특성이고, 가로축은 SHAP 값"
        "(오른쪽일수록 예측을 높임), 세로축은 평균 |SHAP 값|이 큰 순서의 특성, 색은 특성값(빨강이 큼)입니다. "
        f"평균 |SHAP 값|이 가장 큰 특성 {len(order)}개는 {listed}입니다."
    )


def waterfall_summary(shap_values, base_value, feature_names=None) -> str:
    """Korean description of ``shap.plots.waterfall`` for one sample: base value, prediction and
    the feature that moves the prediction most.

    ``shap_values`` is that sample's 1-D array of SHAP values, ``base_value`` the expected output
    E[f(X)]; the prediction is their sum.
    """
    values = np.asarray(shap_values, dtype=np.float64).ravel()
    if values.size == 0:
        raise ValueError("shap_values에 값이 하나도 없습니다.")
    names = _feature_names(feature_names, values.size)
    base = float(np.asarray(base_value, dtype=np.float64).ravel()[0])
    prediction = base + float(values.sum())
    top = int(np.argmax(np.abs(values)))
    direction = "높임" if values[top] > 0 else "낮춤"
    return (
        f"샘플 하나의 설명입니다. 기준값 E[f(X)] = {base:.3f}에서 시작해 특성마다 SHAP 값만큼 더하고 빼면 "
        f"예측 f(x) = {prediction:.3f}에 닿습니다. 예측을 가장 크게 움직인 특성은 "
        f"{names[top]}(SHAP 값 {values[top]:+.3f}, 예측을 {direction})입니다."
    )
