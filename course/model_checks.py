"""Checks of Keras classification models for exercises: judged by what the model computes.

A model is probed through Keras' public API only: ``model.inputs`` for its input shape,
``model(x)`` on probe inputs (never ``model.predict``, which costs ~100 ms a call) and
``model.loss`` (through ``keras.losses.get`` when it is a string). Layer classes are never
compared: ``Dense(1)`` followed by ``Activation("sigmoid")`` is as good a binary output as
``Dense(1, activation="sigmoid")``, ``Reshape((64,))`` flattens as well as ``Flatten()``,
and any hidden layers are fine.

What is checked (rules a prompt states, never an expected model):

1. The output: its shape on probe inputs of the model's input shape, ordinary and of large
   magnitude (``(n, 1)`` for a binary problem, ``(n, k)`` for ``k`` classes), finite values
   that change with the input, and its form: *probabilities* (binary: every value in
   [0, 1]; multiclass: non-negative rows summing to 1) or unnormalised *logits* (values
   outside [0, 1]).
2. The compiled loss can train on the labels in the form the exercise gives them (e.g.
   integer class ids): fed those labels and three predictions written in the model's own
   output form (perfect, uniform, and 0.75 on the right class), a classification loss
   (cross-entropy) gives 0, log(k) and -log(0.75). A probability output with
   ``from_logits=True``, a logits output with a probability loss, categorical
   cross-entropy on integer labels or a regression loss fails this.

Keras is imported lazily, so exercise modules that use these helpers import no TensorFlow
until a check runs. Failures raise :class:`course.checks.Incorrect` with a Korean message
that names what was found and states the rule.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from course.checks import Incorrect, NotAttempted, describe
from course.korean import with_particle

__all__ = [
    "PROBLEMS",
    "expect_classifier",
    "expect_finite_trained_output",
    "expect_loss_fits",
    "expect_model",
    "input_shape",
    "last_activation",
    "loss_name",
    "output_form",
    "probe_inputs",
    "probe_output",
    "uses_logits",
]

PROBLEMS = {"binary": "이진 분류", "multiclass": "다중 분류"}
PROBABILITY, LOGITS = "probability", "logits"
_FORM_NAMES = {PROBABILITY: "확률", LOGITS: "로짓"}

# Predictions fed to the loss, written as the probability given to the right class.
_HALF_SURE = 0.75
_LOGIT_LIMIT = 20.0  # a "perfect" logit: sigmoid(20) and softmax with a margin of 20 are 1 to 1e-8
_LOSS_TOLERANCE = 0.01


def expect_model(value: Any, name: str) -> Any:
    """The value must be a Keras model; returns it."""
    import keras

    if value is None or value is Ellipsis:
        raise NotAttempted(f"`{name}`에 아직 모델이 없습니다.")
    if not isinstance(value, keras.Model):
        raise Incorrect(f"{with_particle(name, '은', code=True)} 케라스 모델이어야 하는데 {type(value).__name__} 객체입니다.")
    return value


def input_shape(model, name: str) -> tuple:
    """The model's input shape without the batch axis; Incorrect when it has no fixed input yet."""
    try:
        inputs = model.inputs
        shape = tuple(inputs[0].shape[1:]) if inputs else None
    except Exception:  # an unbuilt Sequential has no inputs
        shape = None
    if not shape or any(size is None for size in shape):
        raise Incorrect(
            f"`{name}`의 입력 크기가 정해져 있지 않습니다. 모델의 첫 줄에 `keras.Input(shape=(...))`으로 입력층을 넣으세요."
        )
    return tuple(int(size) for size in shape)


def probe_inputs(shape: tuple, count: int = 16, seed: int = 0) -> np.ndarray:
    """``count`` float32 inputs of ``shape``: ordinary values, then large-magnitude ones (×100, ×1000)."""
    rng = np.random.default_rng(seed)
    scale = np.ones(count, dtype=np.float32)
    scale[count // 2 : 3 * count // 4] = 100.0
    scale[3 * count // 4 :] = 1000.0
    x = rng.normal(size=(count, *shape)).astype(np.float32)
    return x * scale.reshape((count,) + (1,) * len(shape))


def probe_output(model, name: str, x: np.ndarray) -> np.ndarray:
    """``model(x)`` as a NumPy array; Incorrect when the call fails."""
    try:
        out = np.asarray(model(x, training=False), dtype=np.float64)
    except Exception as error:
        message = " ".join(str(error).split())[:160]
        raise Incorrect(
            f"`{name}`에 모양이 {x.shape}인 입력을 넣었더니 오류가 났습니다 ({type(error).__name__}: {message}). "
            "입력층과 층의 연결을 확인하세요."
        ) from None
    return out


def expect_finite_trained_output(out: np.ndarray, name: str) -> None:
    """A trained model's outputs hold no ``nan``/``inf`` (diverged training or unscaled inputs)."""
    if not np.all(np.isfinite(out)):
        raise Incorrect(f"`{name}`의 출력에 `nan`이나 `inf`가 있습니다. 학습률이나 입력 스케일을 확인하세요.")


def last_activation(model) -> str | None:
    """Name of the last layer's activation when it has one ('sigmoid', 'relu' …), for messages only."""
    import keras

    layers = [layer for layer in model.layers if hasattr(layer, "activation")]
    if not layers:
        return None
    try:
        found = keras.activations.serialize(layers[-1].activation)
    except Exception:
        return None
    if isinstance(found, dict):
        found = found.get("class_name") or found.get("config", {}).get("name")
    return str(found) if found else None


def last_layer_output(model, count: int = 64) -> np.ndarray | None:
    """The last layer alone on wide-ranging inputs of both signs (None when it cannot be called so).

    Probing the whole model can miss what its output layer does: hidden ReLUs feed it only
    non-negative values, so a ReLU output may stay within [0, 1] on every probe by chance.
    """
    layer = model.layers[-1] if model.layers else None
    try:
        shape = tuple(int(size) for size in layer.input.shape[1:])
        x = probe_inputs(shape, count=count, seed=1) * 10.0
        return np.asarray(layer(x), dtype=np.float64)
    except Exception:  # a layer without a known input shape: the whole-model probe decides alone
        return None


def _constant(out: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(out))) and float(out.max() - out.min()) < 1e-6


def _activation_note(model) -> str:
    found = last_activation(model)
    return f" (마지막 층의 활성화 함수: '{found}')" if found else ""


def output_form(model, name: str, out: np.ndarray, *, problem: str, classes: int | None = None) -> str:
    """``"probability"`` or ``"logits"`` for an output ``out`` of ``n`` probes; Incorrect when it fits neither."""
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {sorted(PROBLEMS)}, got {problem!r}")
    kind = PROBLEMS[problem]
    n = len(out)
    width = 1 if problem == "binary" else classes
    wanted = "샘플마다 값 1개(양성(Positive, 1)일 확률)" if problem == "binary" else f"샘플마다 클래스 수만큼의 값 {width}개"
    if out.ndim != 2 or out.shape[1] != width:
        per_sample = int(np.prod(out.shape[1:])) if out.ndim > 1 else 1
        flatten = (
            " 2차원 이상인 입력은 Dense 층에 넣기 전에 한 줄로 펼쳐야 합니다(`Flatten` 등)." if out.ndim > 2 else ""
        )
        raise Incorrect(
            f"`{name}`에 샘플 {n}개를 넣었더니 출력의 모양이 {out.shape}입니다(샘플마다 값이 {per_sample}개). "
            f"{kind}에서는 출력 모양이 ({n}, {width}), 곧 {wanted}여야 합니다. 출력층의 뉴런 수를 확인하세요.{flatten}"
        )
    if not np.all(np.isfinite(out)):
        raise Incorrect(f"`{name}`의 출력에 `nan`이나 `inf`가 있습니다. 출력층과 활성화 함수를 확인하세요.")
    last = last_layer_output(model)
    if last is not None and last.shape[1:] != out.shape[1:]:
        last = None
    # A constant output is the output layer's fault only when that layer alone is constant too
    # (softmax over one unit); otherwise hidden units that happen to be dead at initialisation
    # starve it, and the layer's own range still tells its form.
    if _constant(out) and (last is None or _constant(last)):
        raise Incorrect(
            f"`{name}`의 출력이 입력과 상관없이 언제나 {describe(float(out.flat[0]))}입니다{_activation_note(model)}. "
            f"출력층이 입력에 따라 달라지는 {kind} 출력을 내는지 확인하세요."
        )
    if last is not None:
        out = np.concatenate([out, last])  # the output layer's own range decides the form too
    within = bool(np.all((out >= 0.0) & (out <= 1.0)))
    if problem == "binary":
        return PROBABILITY if within else LOGITS
    sums = out.sum(axis=1)
    if within and np.allclose(sums, 1.0, atol=1e-3):
        return PROBABILITY
    if within:
        raise Incorrect(
            f"`{name}`의 출력은 0~1 사이지만 샘플마다 합이 1이 아닙니다(예: 합 {describe(float(sums[0]))})"
            f"{_activation_note(model)}. 다중 분류의 출력은 샘플마다 합이 1인 클래스별 확률이어야 합니다. "
            "출력층의 활성화 함수를 확인하세요."
        )
    return LOGITS


def loss_name(model) -> str | None:
    """A readable name of the compiled loss ('binary_crossentropy', 'mean_squared_error' …)."""
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
    """True when the compiled loss was built with ``from_logits=True`` (for messages only)."""
    import keras

    loss = getattr(model, "loss", None)
    if not isinstance(loss, keras.losses.Loss):
        return False
    try:
        return bool(loss.get_config().get("from_logits", False))
    except Exception:
        return False


def _compiled_loss(model, name: str):
    import keras

    loss = getattr(model, "loss", None)
    if loss is None:
        raise Incorrect(f"{with_particle(name, '이', code=True)} 아직 컴파일되지 않았습니다. `{name}.compile(optimizer=..., loss=...)`를 실행하세요.")
    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except (ValueError, TypeError):
            raise Incorrect(f"`{name}`의 손실 함수 {loss!r}를 케라스에서 찾을 수 없습니다.") from None
    if not callable(loss):
        raise Incorrect(f"`{name}`의 손실 함수가 {describe(loss)}입니다. 손실 함수 하나를 `loss=`로 주세요.")
    return loss


def _same_rank(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Line up ranks the way ``model.fit`` does before calling a loss: a trailing axis of
    size 1 is squeezed away, otherwise the labels get one."""
    if y_true.ndim == y_pred.ndim - 1:
        if y_pred.shape[-1] == 1:
            y_pred = y_pred[..., 0]
        else:
            y_true = y_true[..., None]
    elif y_pred.ndim == y_true.ndim - 1:
        if y_true.shape[-1] == 1:
            y_true = y_true[..., 0]
        else:
            y_pred = y_pred[..., None]
    return y_true, y_pred


def _predictions(labels: np.ndarray, form: str, problem: str, classes: int | None) -> dict[str, tuple[np.ndarray, float]]:
    """Three predictions in the model's output form, each with the cross-entropy it must score."""
    n = len(labels)
    if problem == "binary":
        index = (labels.ravel() > 0.5).astype(int)
    elif labels.ndim == 2 and labels.shape[1] > 1:  # one-hot labels
        index = labels.argmax(axis=1)
    else:
        index = labels.astype(int).ravel()
    width = 2 if problem == "binary" else classes
    right = np.eye(width)[index]
    probabilities = {
        "perfect": right,
        "uniform": np.full((n, width), 1.0 / width),
        "half": right * _HALF_SURE + (1 - right) * (1 - _HALF_SURE) / (width - 1),
    }
    scores = {"perfect": 0.0, "uniform": math.log(width), "half": -math.log(_HALF_SURE)}
    made = {}
    for key, p in probabilities.items():
        if form == LOGITS:
            p = np.clip(p, 1e-12, 1.0)
            logits = np.log(p) - np.log(p).max(axis=1, keepdims=True)
            logits = np.maximum(logits, -_LOGIT_LIMIT)
            value = (logits[:, 1] - logits[:, 0])[:, None] if problem == "binary" else logits
        else:
            value = p[:, 1:] if problem == "binary" else p
        made[key] = (value.astype(np.float32), scores[key])
    return made


def _evaluate_loss(loss, labels: np.ndarray, prediction: np.ndarray) -> float:
    y_true, y_pred = _same_rank(np.asarray(labels), prediction)
    return float(np.mean(np.asarray(loss(y_true, y_pred), dtype=np.float64)))


def expect_loss_fits(
    model, name: str, *, labels: np.ndarray, labels_text: str, form: str, problem: str, classes: int | None = None
) -> None:
    """The compiled loss, fed ``labels`` as the exercise gives them and predictions in the
    model's own output ``form``, must score a perfect prediction ~0, a uniform one log(k) and
    one with 0.75 on the right class -log(0.75): a cross-entropy that fits labels and output."""
    loss = _compiled_loss(model, name)
    shown = loss_name(model)
    predictions = _predictions(np.asarray(labels), form, problem, classes)
    width = 2 if problem == "binary" else classes
    got = {}
    for key, (prediction, _) in predictions.items():
        try:
            got[key] = _evaluate_loss(loss, labels, prediction)
        except Exception as error:
            message = " ".join(str(error).split())[:200]
            raise Incorrect(
                f"`{name}`의 손실 함수 '{shown}'에 레이블({labels_text}, 모양 {np.shape(labels)})과 "
                f"모델의 출력 모양 {prediction.shape}의 예측을 넣었더니 계산되지 않습니다 ({type(error).__name__}: {message}). "
                f"손실 함수는 주어진 레이블 모양 그대로 학습할 수 있어야 합니다."
            ) from None
    if all(math.isfinite(got[key]) and abs(got[key] - expected) <= _LOSS_TOLERANCE for key, (_, expected) in predictions.items()):
        return
    form_text = _FORM_NAMES[form]
    found = (
        f"정답에 확률 1을 준 예측 → {got['perfect']:.3f}, 모든 클래스에 같은 확률을 준 예측 → {got['uniform']:.3f}, "
        f"정답에 확률 {_HALF_SURE}를 준 예측 → {got['half']:.3f}"
    )
    rule = (
        f"{PROBLEMS[problem]}의 손실(교차 엔트로피)이라면 각각 0, log({width}) = {math.log(width):.3f}, "
        f"-log({_HALF_SURE}) = {-math.log(_HALF_SURE):.3f}이 나와야 합니다."
    )
    if form == LOGITS and not uses_logits(model):
        advice = (
            f" 이 모델의 출력은 0~1 범위를 벗어나므로{_activation_note(model)} 확률이 아니라 로짓(확률로 바꾸기 전의 점수)입니다. "
            "출력층이 확률을 내도록 활성화 함수를 고르거나, 로짓을 그대로 쓰려면 손실 함수에 `from_logits=True`를 주세요."
        )
    elif form == PROBABILITY and uses_logits(model):
        advice = (
            " 이 모델의 출력은 이미 확률인데 손실 함수에 `from_logits=True`를 주었습니다. "
            "확률을 내는 출력층이면 `from_logits`를 빼세요."
        )
    else:
        advice = f" 출력 형태({form_text})와 레이블({labels_text})에 맞는 손실 함수를 3.2절의 표에서 고르세요."
    raise Incorrect(
        f"`{name}`의 손실 함수 '{shown}'에 레이블({labels_text})과 모델이 내는 형태({form_text})의 예측을 넣어 보았습니다: "
        f"{found}. {rule}{advice}"
    )


def expect_classifier(
    model,
    name: str,
    *,
    problem: str,
    labels: np.ndarray,
    labels_text: str,
    classes: int | None = None,
    probes: np.ndarray | None = None,
) -> str:
    """Probe ``model`` and its compiled loss; return the output form ("probability" or "logits").

    ``labels`` are labels in the form the exercise gives them (e.g. integer class ids),
    ``labels_text`` says that form in Korean for messages. ``probes`` default to
    :func:`probe_inputs` of the model's input shape.
    """
    if probes is None:
        probes = probe_inputs(input_shape(model, name))
    out = probe_output(model, name, probes)
    form = output_form(model, name, out, problem=problem, classes=classes)
    expect_loss_fits(model, name, labels=labels, labels_text=labels_text, form=form, problem=problem, classes=classes)
    return form
