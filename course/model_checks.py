"""Checks of Keras models for exercises, through Keras' public API only.

Everything here reads ``model.layers``, ``layer.units``, ``layer.activation``, ``model.loss``,
``model.optimizer`` and ``model.count_params()``; nothing private. Keras is imported lazily,
so exercise modules that use these helpers import no TensorFlow until a check runs.
Failures raise :class:`course.checks.Incorrect` with a Korean message that names what was
found and states the rule, never the expected model.
"""

from __future__ import annotations

from typing import Any

from course.checks import Incorrect, NotAttempted

__all__ = [
    "PROBLEMS",
    "activation_name",
    "dense_layers",
    "expect_model",
    "expect_output_for",
    "loss_name",
    "uses_logits",
]

# problem → (output activations, losses) that fit it; the logits form is accepted separately.
PROBLEMS = {
    "regression": ({"linear"}, {"mean_squared_error", "mean_absolute_error", "huber"}),
    "binary": ({"sigmoid"}, {"binary_crossentropy"}),
    "multiclass": ({"softmax"}, {"sparse_categorical_crossentropy", "categorical_crossentropy"}),
}
_PROBLEM_NAMES = {"regression": "회귀", "binary": "이진 분류", "multiclass": "다중 분류"}


def expect_model(value: Any, name: str) -> Any:
    """The value must be a Keras model; returns it."""
    import keras

    if value is None or value is Ellipsis:
        raise NotAttempted(f"`{name}`에 아직 모델이 없습니다.")
    if not isinstance(value, keras.Model):
        raise Incorrect(f"`{name}`은(는) 케라스 모델이어야 하는데 {type(value).__name__} 객체입니다.")
    return value


def dense_layers(model) -> list:
    """The model's Dense layers, in order."""
    import keras

    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def activation_name(layer) -> str:
    """Name of a layer's activation: 'relu', 'sigmoid', 'softmax', 'linear' …"""
    import keras

    name = keras.activations.serialize(layer.activation)
    if isinstance(name, dict):  # an activation object, e.g. LeakyReLU
        name = name.get("class_name", "custom")
    return str(name)


def loss_name(model) -> str | None:
    """Canonical name of the compiled loss ('binary_crossentropy', 'mean_squared_error' …)."""
    import keras

    loss = getattr(model, "loss", None)
    if loss is None:
        return None
    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except (ValueError, TypeError):
            return loss
    if isinstance(loss, keras.losses.Loss):
        return loss.name
    return getattr(loss, "__name__", type(loss).__name__)


def uses_logits(model) -> bool:
    """True when the compiled loss expects logits (``from_logits=True``)."""
    import keras

    loss = getattr(model, "loss", None)
    return isinstance(loss, keras.losses.Loss) and bool(loss.get_config().get("from_logits", False))


def expect_output_for(model, name: str, *, problem: str, classes: int | None = None) -> None:
    """The output layer and the loss must suit ``problem`` ('regression', 'binary', 'multiclass').

    Any hidden layers are allowed. For classification a linear output with a loss compiled
    with ``from_logits=True`` is accepted too.
    """
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {sorted(PROBLEMS)}, got {problem!r}")
    layers = dense_layers(model)
    if not layers:
        raise Incorrect(f"`{name}`에 Dense 층이 없습니다. 출력층은 `keras.layers.Dense`로 만드세요.")
    output = layers[-1]
    if model.layers[-1] is not output:
        raise Incorrect(f"`{name}`의 마지막 층이 Dense가 아니라 {type(model.layers[-1]).__name__}입니다. 출력층은 Dense여야 합니다.")
    kind = _PROBLEM_NAMES[problem]
    units = {"regression": 1, "binary": 1, "multiclass": classes}[problem]
    if units is not None and output.units != units:
        raise Incorrect(
            f"`{name}`의 출력층 뉴런이 {output.units}개입니다. {kind}에서는 출력 뉴런 수가 "
            f"{'예측할 값의 개수' if problem == 'regression' else '문제의 출력 형태'}와 맞아야 합니다."
        )
    activations, losses = PROBLEMS[problem]
    activation, loss = activation_name(output), loss_name(model)
    if loss is None:
        raise Incorrect(f"`{name}`이(가) 아직 컴파일되지 않았습니다. `{name}.compile(optimizer=..., loss=...)`를 실행하세요.")
    logits_form = problem != "regression" and activation == "linear" and uses_logits(model)
    if activation not in activations and not logits_form:
        raise Incorrect(f"`{name}`의 출력층 활성화 함수가 '{activation}'입니다. {kind}에 맞는 출력층 활성화 함수를 고르세요.")
    if loss not in losses:
        raise Incorrect(f"`{name}`의 손실 함수가 '{loss}'입니다. {kind}에 맞는 손실 함수를 고르세요.")
    if problem != "regression" and uses_logits(model) and not logits_form:
        raise Incorrect(
            f"`{name}`은(는) 출력층에 '{activation}'을(를) 쓰면서 손실 함수에 from_logits=True를 주었습니다. "
            "확률을 내는 출력층이면 from_logits를 빼세요."
        )
