"""Plots for training curves and classifier evaluation, with Korean labels.

Style follows scikit-learn's displays: numbers are computed by small pure functions
(:func:`history_frame`, :func:`confusion_counts`, :func:`roc_points`), drawing is separate.
Every ``plot_*`` function accepts ``ax=None`` (a new figure is created when None) and
returns the matplotlib ``Figure``; none calls ``plt.show()``.

In a notebook, end the cell with ``;`` or assign the result (``fig = plot_history(h)``):
a returned figure that is also the cell's last value is shown twice.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "confusion_counts",
    "dl_history_plot",
    "history_frame",
    "plot_confusion_matrix",
    "plot_forecast",
    "plot_history",
    "plot_roc_curve",
    "roc_points",
]

# Korean axis names for common Keras metrics; others are shown as they are.
_METRIC_NAMES = {
    "loss": "손실(loss)",
    "accuracy": "정확도(accuracy)",
    "acc": "정확도(accuracy)",
    "mae": "평균절대오차(MAE)",
    "mse": "평균제곱오차(MSE)",
    "auc": "AUC",
    "precision": "정밀도(precision)",
    "recall": "재현율(recall)",
}
# Short names for legends ("학습 손실", "검증 정확도"); other metrics keep their own name.
_METRIC_SHORT = {"loss": "손실", "accuracy": "정확도", "acc": "정확도", "mae": "MAE", "mse": "MSE", "auc": "AUC",
                 "precision": "정밀도", "recall": "재현율"}
_NORMALIZE_OPTIONS = (None, "true", "pred", "all")


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _new_axes(ax, figsize=(6.4, 4.0)):
    """Return (figure, axes): the given axes' figure, or a new figure."""
    if ax is None:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def _as_1d(name: str, values) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        array = np.squeeze(array)
    if array.ndim != 1:
        raise ValueError(
            f"{name}는 1차원 배열이어야 합니다. 받은 모양(shape): {np.shape(values)}. "
            "예측 확률이라면 양성 클래스 열만 넘기세요 (예: proba[:, 1])."
        )
    if array.size == 0:
        raise ValueError(f"{name}가 비어 있습니다. 값이 한 개 이상 있어야 합니다.")
    return array


def _check_same_length(a_name: str, a: np.ndarray, b_name: str, b: np.ndarray) -> None:
    if len(a) != len(b):
        raise ValueError(
            f"{a_name}와 {b_name}의 길이가 같아야 합니다. "
            f"받은 길이: {a_name}={len(a)}, {b_name}={len(b)}."
        )


# ---------------------------------------------------------------------------
# Training history
# ---------------------------------------------------------------------------


def history_frame(history) -> pd.DataFrame:
    """Training history as a DataFrame indexed by epoch (1, 2, ...).

    Parameters
    ----------
    history : keras.callbacks.History, dict or DataFrame
        ``model.fit(...)``'s return value (anything with a ``.history`` dict), a dict of
        equal-length lists such as ``{"loss": [...], "val_loss": [...]}``, or a DataFrame.
    """
    if isinstance(history, pd.DataFrame):
        frame = history.copy()
    else:
        records = getattr(history, "history", history)
        if not isinstance(records, Mapping):
            raise TypeError(
                "history에는 model.fit(...)이 돌려준 History 객체, 리스트를 담은 dict, "
                f"또는 DataFrame을 넣어야 합니다. 받은 값의 타입: {type(history).__name__}"
            )
        lengths = {key: len(values) for key, values in records.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"history의 모든 항목은 길이(에폭 수)가 같아야 합니다. 받은 길이: {lengths}")
        frame = pd.DataFrame({key: list(values) for key, values in records.items()})
    if frame.empty:
        raise ValueError(
            "history가 비어 있습니다. model.fit(...)을 한 에폭 이상 실행한 뒤 그 결과를 넘기세요."
        )
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="epoch")
    return frame


def plot_history(history, metrics: str | Sequence[str] = ("loss",), ax=None):
    """Training and validation curves per metric (the notes' ``dl_history_plot``).

    For each metric, draws the training curve (label ``"학습 손실"`` for ``loss``, ``"학습 정확도"``
    for ``accuracy``; a metric without a Korean name keeps its own) and, when the history has
    ``val_{metric}``, the validation curve (``"검증 손실"`` …).

    Parameters
    ----------
    history : History, dict or DataFrame
        See :func:`history_frame`.
    metrics : str or sequence of str, default ("loss",)
        Keys of the history, without the ``val_`` prefix.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.ticker import MaxNLocator

    frame = history_frame(history)
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    if not metrics:
        raise ValueError("metrics에 그릴 지표 이름을 하나 이상 넣으세요. 예: metrics=('loss',)")
    missing = [m for m in metrics if m not in frame.columns]
    if missing:
        raise KeyError(
            f"history에 없는 지표(metric): {missing}. 사용할 수 있는 이름: {list(frame.columns)}"
        )

    fig, ax = _new_axes(ax)
    for metric in metrics:
        name = _METRIC_SHORT.get(metric, metric)
        ax.plot(frame.index, frame[metric], marker=".", label=f"학습 {name}")
        val_key = f"val_{metric}"
        if val_key in frame.columns:
            ax.plot(frame.index, frame[val_key], marker=".", label=f"검증 {name}")
    ax.set_xlabel("에폭(Epoch)")
    ax.set_ylabel(", ".join(_METRIC_NAMES.get(m, m) for m in metrics))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True)
    ax.legend()
    return fig


dl_history_plot = plot_history


# ---------------------------------------------------------------------------
# Confusion matrix
# ---------------------------------------------------------------------------


def confusion_counts(y_true, y_pred, positive=1) -> dict[str, int]:
    """Counts of a binary decision: ``{"TP": ..., "FP": ..., "FN": ..., "TN": ...}``.

    ``positive`` is the label treated as positive; every other label counts as negative.
    """
    y_true = _as_1d("y_true", y_true)
    y_pred = _as_1d("y_pred", y_pred)
    _check_same_length("y_true", y_true, "y_pred", y_pred)
    seen = np.union1d(y_true, y_pred)
    if positive not in seen.tolist():
        raise ValueError(
            f"positive={positive!r} 값이 y_true와 y_pred 어디에도 없습니다. "
            f"양성으로 볼 값을 다음 중에서 고르세요: {seen.tolist()}"
        )
    true_pos = y_true == positive
    pred_pos = y_pred == positive
    return {
        "TP": int(np.sum(true_pos & pred_pos)),
        "FP": int(np.sum(~true_pos & pred_pos)),
        "FN": int(np.sum(true_pos & ~pred_pos)),
        "TN": int(np.sum(~true_pos & ~pred_pos)),
    }


def plot_confusion_matrix(
    y_true, y_pred, labels=None, display_labels=None, ax=None, normalize=None
):
    """Confusion matrix as a heat map with the count (or ratio) written in every cell.

    Rows are the true values (실제값), columns the predictions (예측한 값); numbers come
    from ``sklearn.metrics.confusion_matrix``.

    Parameters
    ----------
    y_true, y_pred : array-like of the same length
    labels : list, optional
        Label order; by default the sorted labels present in the data.
    display_labels : list of str, optional
        Names shown on the axes (e.g. ``["정상", "사기"]``), one per label.
    ax : matplotlib Axes, optional
    normalize : {None, "true", "pred", "all"}, default None
        Show ratios per true row, per predicted column or over all cells.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix
    from sklearn.utils.multiclass import unique_labels

    if normalize not in _NORMALIZE_OPTIONS:
        raise ValueError(
            f"normalize는 None, 'true', 'pred', 'all' 중 하나여야 합니다. 받은 값: {normalize!r}"
        )
    y_true = _as_1d("y_true", y_true)
    y_pred = _as_1d("y_pred", y_pred)
    _check_same_length("y_true", y_true, "y_pred", y_pred)
    labels = list(unique_labels(y_true, y_pred)) if labels is None else list(labels)
    if display_labels is not None and len(display_labels) != len(labels):
        raise ValueError(
            f"display_labels의 개수({len(display_labels)})가 레이블 개수({len(labels)})와 같아야 "
            f"합니다. 레이블: {labels}"
        )

    matrix = confusion_matrix(y_true, y_pred, labels=labels, normalize=normalize)
    fig, ax = _new_axes(ax, figsize=(4.8, 4.0))
    display = ConfusionMatrixDisplay(
        matrix, display_labels=display_labels if display_labels is not None else labels
    )
    display.plot(
        ax=ax, cmap="Blues", colorbar=False, values_format="d" if normalize is None else ".2f"
    )
    ax.set_xlabel("예측한 값")
    ax.set_ylabel("실제값")
    return fig


# ---------------------------------------------------------------------------
# ROC curve
# ---------------------------------------------------------------------------


def _check_binary(y_true, y_score) -> tuple[np.ndarray, np.ndarray]:
    y_true = _as_1d("y_true", y_true)
    y_score = _as_1d("y_score", y_score)
    _check_same_length("y_true", y_true, "y_score", y_score)
    classes = np.unique(y_true).tolist()
    if not set(classes) <= {0, 1} or len(classes) != 2:
        raise ValueError(
            "ROC 곡선의 y_true에는 0(음성)과 1(양성) 두 값이 모두 있어야 합니다 (binary labels). "
            f"찾은 값: {classes}"
        )
    try:
        y_score = y_score.astype(float)
    except (TypeError, ValueError):
        raise TypeError(
            "y_score는 숫자(양성일 확률이나 점수)여야 합니다. "
            "model.predict(...)의 확률이나 predict_proba(...)[:, 1]을 넘기세요."
        ) from None
    if not np.all(np.isfinite(y_score)):
        raise ValueError("y_score에 NaN 또는 무한대 값이 있습니다. 유한한 숫자만 넘기세요.")
    return y_true.astype(int), y_score


def roc_points(y_true, y_score) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Points of the ROC curve and its area: ``(fpr, tpr, thresholds, auc)``.

    ``y_true`` holds 0/1 labels (both present); ``y_score`` the positive-class score or
    probability. Computed with ``sklearn.metrics.roc_curve`` and ``auc``.
    """
    from sklearn.metrics import auc, roc_curve

    y_true, y_score = _check_binary(y_true, y_score)
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    return fpr, tpr, thresholds, float(auc(fpr, tpr))


def plot_roc_curve(y_true, y_score_or_dict, ax=None):
    """ROC curve of one model, or of several on one plot, with AUC in the legend.

    Parameters
    ----------
    y_true : array-like of 0/1
    y_score_or_dict : array-like or dict
        One model's positive-class scores, or ``{"model name": scores, ...}`` to compare.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        One line per model plus the dashed chance diagonal (무작위 추측).
    """
    if isinstance(y_score_or_dict, Mapping):
        if not y_score_or_dict:
            raise ValueError("비교할 모델이 없습니다. {'모델 이름': 점수 배열} 형태로 하나 이상 넣으세요.")
        scores = dict(y_score_or_dict)
    else:
        scores = {"모델": y_score_or_dict}
    curves = {name: roc_points(y_true, s) for name, s in scores.items()}

    fig, ax = _new_axes(ax, figsize=(5.0, 5.0))
    for name, (fpr, tpr, _, area) in curves.items():
        ax.plot(fpr, tpr, label=f"{name} (AUC = {area:.3f})")
    ax.plot([0, 1], [0, 1], linestyle="--", color="gray", label="무작위 추측 (AUC = 0.5)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel("거짓 양성 비율 (FPR)")
    ax.set_ylabel("참 양성 비율 (TPR, 재현율)")
    ax.set_title("ROC 곡선")
    ax.grid(True)
    ax.legend(loc="lower right")
    return fig


# ---------------------------------------------------------------------------
# Forecasts of a time series
# ---------------------------------------------------------------------------


def plot_forecast(index, y_true, predictions, ax=None, unit: str = ""):
    """Forecasts against the true values over time, with each forecast's MAE in the legend.

    Parameters
    ----------
    index : array-like
        Time of each value (dates or step numbers), same length as ``y_true``.
    y_true : array-like
        True values (1-D, or ``(n, 1)`` as Keras gives them).
    predictions : array-like or dict
        One forecast, or ``{"name": forecast, ...}`` to compare several.
    ax : matplotlib Axes, optional
    unit : str
        Unit for the y axis and the MAE (e.g. ``"ppm"``).

    Returns
    -------
    matplotlib.figure.Figure
        A thick grey line for the truth and one line per forecast labelled ``name (MAE = …)``.
    """
    truth = _as_1d("y_true", y_true).astype(float)
    index = np.asarray(index)
    _check_same_length("index", index, "y_true", truth)
    if isinstance(predictions, Mapping):
        if not predictions:
            raise ValueError("비교할 예측이 없습니다. {'이름': 예측 배열} 형태로 하나 이상 넣으세요.")
        forecasts = dict(predictions)
    else:
        forecasts = {"예측": predictions}
    suffix = f" {unit}" if unit else ""
    fig, ax = _new_axes(ax, figsize=(10.0, 4.0))
    ax.plot(index, truth, color="lightgray", linewidth=4, label="실제값")
    for name, values in forecasts.items():
        values = _as_1d(f"predictions[{name!r}]", values).astype(float)
        _check_same_length("y_true", truth, f"predictions[{name!r}]", values)
        mae = float(np.mean(np.abs(truth - values)))
        ax.plot(index, values, linewidth=1.5, label=f"{name} (MAE = {mae:.3f}{suffix})")
    ax.set_xlabel("시간")
    ax.set_ylabel(f"값 ({unit})" if unit else "값")
    ax.set_title("예측과 실제값")
    ax.grid(True)
    ax.legend()
    return fig
