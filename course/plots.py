"""Plots for training curves and classifier evaluation, with Korean labels.

Style follows scikit-learn's displays: numbers are computed by small pure functions
(:func:`history_frame`, :func:`confusion_counts`, :func:`roc_points`), drawing is separate.
Every ``plot_*`` function accepts ``ax=None`` (a new figure is created when None) and
returns the matplotlib ``Figure``; none calls ``plt.show()``.

Every drawing also attaches a short Korean description of the plot to its figure (what is on the
axes, the main numbers): :func:`summary` reads it, :func:`add_summary` adds one to any figure, and
the ``*_summary`` functions build the text without drawing. After ``setup()`` a notebook shows such
a figure as HTML with that text as the image's alt text and as a visible caption
(:func:`summary_html`), so a screen-reader user can follow the plot.

In a notebook, end the cell with ``;`` or assign the result (``fig = plot_history(h)``):
a returned figure that is also the cell's last value is shown twice.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from course.korean import with_particle

__all__ = [
    "add_summary",
    "confusion_counts",
    "confusion_summary",
    "dl_history_plot",
    "forecast_summary",
    "history_frame",
    "history_summary",
    "plot_confusion_matrix",
    "plot_forecast",
    "plot_history",
    "plot_roc_curve",
    "roc_points",
    "roc_summary",
    "summary",
    "summary_html",
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
# A metric whose name contains one of these is better when higher (accuracy, binary_accuracy, auc…);
# any other (loss, mae, mse…) is better when lower.
_HIGHER_IS_BETTER = ("acc", "auc", "precision", "recall", "f1", "r2")


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


def _named(values, default_name: str, empty_message: str) -> dict:
    """``{name: values}`` from one array (named ``default_name``) or a mapping of them."""
    if isinstance(values, Mapping):
        if not values:
            raise ValueError(empty_message)
        return dict(values)
    return {default_name: values}


def _best(scores: Mapping[str, float], *, lowest: bool = False) -> list[str]:
    """The names with the highest (``lowest``: the lowest) score, ties kept in order."""
    top = (min if lowest else max)(scores.values())
    return [name for name, score in scores.items() if score == top]


def _check_same_length(a_name: str, a: np.ndarray, b_name: str, b: np.ndarray) -> None:
    if len(a) != len(b):
        raise ValueError(
            f"{a_name}와 {b_name}의 길이가 같아야 합니다. "
            f"받은 길이: {a_name}={len(a)}, {b_name}={len(b)}."
        )


def _number(value, digits: int = 2) -> str:
    """A number for a summary: ``digits`` decimals, small values with two significant digits."""
    value = float(value)
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "무한대" if value > 0 else "-무한대"
    if value != 0 and abs(value) < 0.5 * 10.0**-digits:
        return f"{value:.2g}"
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


# ---------------------------------------------------------------------------
# Text summaries (alt text and captions)
# ---------------------------------------------------------------------------

_SUMMARIES = "_course_summaries"  # attribute of a Figure: list of (Axes or None, text)
_CAPTION_PREFIX = "그림 설명: "


def add_summary(fig, text: str, ax=None) -> None:
    """Attach a short Korean description ``text`` to the matplotlib figure ``fig``.

    A figure collects one text per call, in order (one per panel of ``plt.subplots(1, 2)``); the
    same text added again (for the same panel) is kept once. With ``ax``, the text belongs to that
    panel: when the figure is shown, the panel's title (if any) is put in front of it, and the
    text is dropped if the panel has been removed from the figure. Panels that happen to get the
    same text each keep theirs, so every panel is described.
    """
    from matplotlib.figure import FigureBase

    if not isinstance(fig, FigureBase):
        raise TypeError(f"fig에는 matplotlib Figure를 넣어야 합니다. 받은 값의 타입: {type(fig).__name__}")
    text = " ".join(str(text).split())
    if not text:
        return
    entries = fig.figure.__dict__.setdefault(_SUMMARIES, [])  # a SubFigure's text goes to its Figure
    if not any(panel is ax and old == text for panel, old in entries):
        entries.append((ax, text))


def summary(fig) -> str:
    """The Korean descriptions attached to ``fig``, one line per panel ("" when there is none).

    A panel's current title comes first ("과대적합: 가로축은 …"), and the figure's
    ``suptitle`` opens the text.
    """
    fig = getattr(fig, "figure", fig)
    lines: list[str] = []
    for ax, text in getattr(fig, _SUMMARIES, []):
        if ax is not None:
            if ax not in fig.axes:
                continue
            title = ax.get_title() or ax.get_title(loc="left")
            title = " ".join(title.split())
            if title and not text.startswith(title):
                text = f"{title}: {text}"
        lines.append(text)
    if not lines:
        return ""
    get_suptitle = getattr(fig, "get_suptitle", None)
    suptitle = " ".join(get_suptitle().split()) if get_suptitle else ""
    if suptitle:
        lines.insert(0, suptitle if suptitle.endswith((".", "!", "?")) else f"{suptitle}.")
    return "\n".join(lines)


def summary_html(fig) -> str | None:
    """``fig`` as an HTML ``<figure>``: the PNG with :func:`summary` as alt text and as a caption.

    None when the figure has no summary (IPython then shows it as a plain PNG). ``setup()``
    registers this as IPython's ``text/html`` formatter for matplotlib figures.
    """
    import html

    from matplotlib.figure import Figure

    text = summary(fig) if isinstance(fig, Figure) else ""  # a SubFigure is not drawn on its own
    if not text:
        return None
    try:
        from IPython.core.pylabtools import print_figure
    except ImportError:
        png = _png_base64(fig)
    else:
        png = print_figure(fig, "png", bbox_inches="tight", base64=True)
    if not png:  # an empty figure draws nothing
        return None
    alt = html.escape(" ".join(text.splitlines()), quote=True)
    caption = "<br>".join(html.escape(line, quote=False) for line in text.splitlines())
    return (
        '<figure style="margin: 0">'
        f'<img src="data:image/png;base64,{png}" alt="{alt}">'
        f'<figcaption style="font-size: 0.9em">{_CAPTION_PREFIX}{caption}</figcaption>'
        "</figure>"
    )


def _png_base64(fig) -> str:
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


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
    metrics = _metric_list(frame, metrics)

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
    add_summary(fig, _history_text(frame, metrics), ax=ax)
    return fig


dl_history_plot = plot_history


def _metric_list(frame: pd.DataFrame, metrics) -> list[str]:
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    if not metrics:
        raise ValueError("metrics에 그릴 지표 이름을 하나 이상 넣으세요. 예: metrics=('loss',)")
    missing = [m for m in metrics if m not in frame.columns]
    if missing:
        raise KeyError(
            f"history에 없는 지표(metric): {missing}. 사용할 수 있는 이름: {list(frame.columns)}"
        )
    return metrics


def _higher_is_better(metric: str) -> bool:
    name = metric.lower()
    return "loss" not in name and any(key in name for key in _HIGHER_IS_BETTER)


def history_summary(history, metrics: str | Sequence[str] = ("loss",)) -> str:
    """Korean description of :func:`plot_history`'s plot: axes, first → last value, best epoch.

    For each metric: the training (and validation) value at the first and the last epoch, and the
    epoch where the validation value is lowest (highest for accuracy-like metrics: accuracy, auc,
    precision, recall, f1). Example::

        가로축은 에폭(1~4), 세로축은 손실(loss)입니다. 학습 손실은 0.90에서 0.35로, 검증 손실은
        1.00에서 0.56으로 바뀌었고 검증 손실이 가장 낮은 에폭은 3(0.55)입니다.
    """
    frame = history_frame(history)
    return _history_text(frame, _metric_list(frame, metrics))


def _history_text(frame: pd.DataFrame, metrics: list[str]) -> str:
    """:func:`history_summary` of an already checked :func:`history_frame` and metric list."""
    last = len(frame)
    epochs = "1" if last == 1 else f"1~{last}"
    axis = ", ".join(_METRIC_NAMES.get(m, m) for m in metrics)
    sentences = [f"가로축은 에폭({epochs}), 세로축은 {axis}입니다."]
    for metric in metrics:
        name = _METRIC_SHORT.get(metric, metric)
        curves = [(f"학습 {name}", frame[metric])]
        val_key = f"val_{metric}"
        if val_key in frame.columns:
            curves.append((f"검증 {name}", frame[val_key]))
        if last == 1:
            values = [f"{with_particle(label, '은')} {_number(v.iloc[0])}" for label, v in curves]
            sentences.append(", ".join(values) + "입니다.")
            continue
        changes = ", ".join(
            f"{with_particle(label, '은')} {_number(v.iloc[0])}에서 {with_particle(_number(v.iloc[-1]), '으로')}"
            for label, v in curves
        )
        validation = frame[val_key] if val_key in frame.columns else None
        if validation is None or validation.isna().all():
            sentences.append(f"{changes} 바뀌었습니다.")
            continue
        higher = _higher_is_better(metric)
        best = int(validation.idxmax() if higher else validation.idxmin())
        sentences.append(
            f"{changes} 바뀌었고 {with_particle(f'검증 {name}', '이')} 가장 {'높은' if higher else '낮은'} "
            f"에폭은 {best}({_number(validation[best])})입니다."
        )
    return " ".join(sentences)


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
    counts = matrix if normalize is None else confusion_matrix(y_true, y_pred, labels=labels)
    add_summary(fig, confusion_summary(counts, display_labels if display_labels is not None else labels), ax=ax)
    return fig


def confusion_summary(counts, labels: Sequence) -> str:
    """Korean description of a confusion matrix of counts (rows: true labels, columns: predictions).

    Says what the rows and columns are, how many predictions are right (the diagonal) and the
    accuracy, and the largest off-diagonal cell ("가장 많은 오류: 실제 A를 B로 예측 m개.").
    ``labels`` names the rows (and columns) in order.
    """
    counts = np.asarray(counts)
    labels = [str(label) for label in labels]
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] != len(labels):
        raise ValueError(
            f"counts는 레이블 개수({len(labels)})만큼의 행과 열이 있는 정사각 행렬이어야 합니다. "
            f"받은 모양(shape): {counts.shape}"
        )
    total = int(counts.sum())
    correct = int(np.trace(counts))
    sentences = ["세로축(행)은 실제값, 가로축(열)은 예측한 값입니다."]
    if total == 0:
        sentences.append("표시한 레이블에 해당하는 샘플이 없습니다.")
        return " ".join(sentences)
    sentences.append(f"전체 {total}개 중 {correct}개를 맞혔습니다(정확도 {correct / total:.3f}).")
    errors = counts.astype(np.int64).copy()
    np.fill_diagonal(errors, 0)
    if errors.max() > 0:
        row, column = np.unravel_index(int(np.argmax(errors)), errors.shape)
        sentences.append(
            f"가장 많은 오류: 실제 {with_particle(labels[row], '을')} "
            f"{with_particle(labels[column], '으로')} 예측 {int(errors[row, column])}개."
        )
    else:
        sentences.append("틀린 예측이 없습니다.")
    return " ".join(sentences)


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
    scores = _named(y_score_or_dict, "모델", "비교할 모델이 없습니다. {'모델 이름': 점수 배열} 형태로 하나 이상 넣으세요.")
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
    add_summary(fig, roc_summary({name: area for name, (_, _, _, area) in curves.items()}), ax=ax)
    return fig


def roc_summary(aucs: Mapping[str, float]) -> str:
    """Korean description of :func:`plot_roc_curve`'s plot from ``{"model name": AUC, ...}``.

    Says what the axes are, each model's AUC and which is highest, that the dashed diagonal is
    a random guess (AUC 0.5), and which models are below it.
    """
    if not aucs:
        raise ValueError("aucs에 {'모델 이름': AUC} 형태로 모델을 하나 이상 넣으세요.")
    aucs = {str(name): float(area) for name, area in aucs.items()}
    sentences = ["가로축은 거짓 양성 비율(FPR), 세로축은 참 양성 비율(TPR, 재현율)이며 둘 다 0~1입니다."]
    if len(aucs) == 1:
        (name, area), = aucs.items()
        sentences.append(f"{name}의 AUC는 {_number(area, 3)}입니다.")
    else:
        listed = ", ".join(f"{name} {_number(area, 3)}" for name, area in aucs.items())
        sentences.append(f"AUC는 {listed}이고 가장 높은 것은 {', '.join(_best(aucs))}입니다.")
    sentences.append("점선 대각선은 무작위 추측(AUC 0.5)입니다.")
    below = [name for name, area in aucs.items() if area < 0.5]
    if below:
        sentences.append(f"{', '.join(below)}의 AUC는 무작위 추측보다 낮습니다.")
    return " ".join(sentences)


# ---------------------------------------------------------------------------
# Forecasts of a time series
# ---------------------------------------------------------------------------


def _forecasts(index, y_true, predictions) -> tuple[np.ndarray, np.ndarray, dict[str, tuple[np.ndarray, float]]]:
    """Checked ``(index, truth, {name: (forecast, MAE)})`` for :func:`plot_forecast`."""
    truth = _as_1d("y_true", y_true).astype(float)
    index = np.asarray(index)
    _check_same_length("index", index, "y_true", truth)
    forecasts = _named(predictions, "예측", "비교할 예측이 없습니다. {'이름': 예측 배열} 형태로 하나 이상 넣으세요.")
    checked = {}
    for name, values in forecasts.items():
        values = _as_1d(f"predictions[{name!r}]", values).astype(float)
        _check_same_length("y_true", truth, f"predictions[{name!r}]", values)
        checked[str(name)] = (values, float(np.mean(np.abs(truth - values))))
    return index, truth, checked


def _time_label(value) -> str:
    """A time for a summary: a date ("2019-01-01"), a date and time, or a number."""
    import datetime

    if isinstance(value, (np.datetime64, datetime.date)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d" if stamp == stamp.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, (float, np.floating)):
        return _number(value)
    return str(value)


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
    index, truth, forecasts = _forecasts(index, y_true, predictions)
    suffix = f" {unit}" if unit else ""
    fig, ax = _new_axes(ax, figsize=(10.0, 4.0))
    ax.plot(index, truth, color="lightgray", linewidth=4, label="실제값")
    for name, (values, mae) in forecasts.items():
        ax.plot(index, values, linewidth=1.5, label=f"{name} (MAE = {mae:.3f}{suffix})")
    ax.set_xlabel("시간")
    ax.set_ylabel(f"값 ({unit})" if unit else "값")
    ax.set_title("예측과 실제값")
    ax.grid(True)
    ax.legend()
    add_summary(fig, _forecast_text(index, truth, forecasts, unit), ax=ax)
    return fig


def forecast_summary(index, y_true, predictions, unit: str = "") -> str:
    """Korean description of :func:`plot_forecast`'s plot: axes, each forecast's MAE, the lowest.

    Arguments as for :func:`plot_forecast`. Example::

        가로축은 시간(0~3), 세로축은 값(ppm)입니다. 실제값 4개와 비교한 평균절대오차(MAE)는
        순진한 예측 1.000 ppm, 모델 0.500 ppm입니다. MAE가 가장 낮은 것은 모델입니다.
    """
    return _forecast_text(*_forecasts(index, y_true, predictions), unit)


def _forecast_text(index, truth, forecasts: dict[str, tuple[np.ndarray, float]], unit: str) -> str:
    """:func:`forecast_summary` from already checked ``_forecasts`` results."""
    suffix = f" {unit}" if unit else ""
    span = _time_label(index[0]) if len(index) == 1 else f"{_time_label(index[0])}~{_time_label(index[-1])}"
    sentences = [f"가로축은 시간({span}), 세로축은 값{f'({unit})' if unit else ''}입니다."]
    listed = ", ".join(f"{name} {_number(mae, 3)}{suffix}" for name, (_, mae) in forecasts.items())
    sentences.append(f"실제값 {len(truth)}개와 비교한 평균절대오차(MAE)는 {listed}입니다.")
    if len(forecasts) > 1:
        best = _best({name: mae for name, (_, mae) in forecasts.items()}, lowest=True)
        sentences.append(f"MAE가 가장 낮은 것은 {', '.join(best)}입니다.")
    return " ".join(sentences)
