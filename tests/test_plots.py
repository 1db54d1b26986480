"""Tests for course.plots: history, confusion matrix and ROC helpers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.metrics import confusion_matrix, roc_auc_score  # noqa: E402

from course import plots  # noqa: E402

HISTORY = {
    "loss": [0.9, 0.6, 0.4, 0.35],
    "val_loss": [1.0, 0.7, 0.55, 0.56],
    "accuracy": [0.5, 0.7, 0.8, 0.85],
    "val_accuracy": [0.45, 0.65, 0.75, 0.74],
}


class FakeHistory:
    """Stands in for keras.callbacks.History (only ``.history`` is used)."""

    def __init__(self, history):
        self.history = history


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _scores(n=300, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    return y, y + rng.normal(0, 1.0, n), y + rng.normal(0, 0.4, n)


# --- history --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [HISTORY, FakeHistory(HISTORY), pd.DataFrame(HISTORY)],
    ids=["dict", "History", "DataFrame"],
)
def test_history_frame_accepts_dict_history_and_dataframe(source):
    frame = plots.history_frame(source)
    assert list(frame.index) == [1, 2, 3, 4]
    assert list(frame.columns) == list(HISTORY)
    assert frame.loc[2, "val_loss"] == 0.7


def test_history_frame_does_not_modify_input_dataframe():
    original = pd.DataFrame(HISTORY)
    plots.history_frame(original)
    assert list(original.index) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "bad, error",
    [
        ({}, ValueError),
        (FakeHistory({}), ValueError),
        ([0.5, 0.4], TypeError),
        ("loss", TypeError),
        ({"loss": [1, 2], "val_loss": [1]}, ValueError),
    ],
)
def test_history_frame_rejects_bad_input(bad, error):
    with pytest.raises(error, match="history"):
        plots.history_frame(bad)


def test_plot_history_lines_and_labels():
    fig = plots.plot_history(FakeHistory(HISTORY))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert [line.get_label() for line in ax.lines] == ["학습 손실", "검증 손실"]
    assert list(ax.lines[0].get_xdata()) == [1, 2, 3, 4]
    assert list(ax.lines[1].get_ydata()) == HISTORY["val_loss"]
    assert ax.lines[0].get_marker() == "."
    assert ax.get_xlabel() == "에폭(Epoch)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["학습 손실", "검증 손실"]
    assert ax.xaxis.get_gridlines()[0].get_visible()


def test_plot_history_several_metrics_on_given_axes_and_alias():
    fig, ax = plt.subplots()
    returned = plots.dl_history_plot(HISTORY, metrics=("loss", "accuracy"), ax=ax)
    assert returned is fig
    assert len(ax.lines) == 4
    assert "정확도" in ax.get_ylabel()

    no_val = plots.plot_history({"loss": [1.0, 0.5]}, metrics="loss")
    assert len(no_val.axes[0].lines) == 1


def test_plot_history_unknown_metric_lists_available_keys():
    with pytest.raises(KeyError, match="val_accuracy"):
        plots.plot_history(HISTORY, metrics=("acc",))
    with pytest.raises(ValueError, match="metrics"):
        plots.plot_history(HISTORY, metrics=())


# --- confusion matrix -----------------------------------------------------------------


def test_confusion_counts_match_sklearn_on_random_data():
    rng = np.random.default_rng(3)
    y_true, y_pred = rng.integers(0, 2, 500), rng.integers(0, 2, 500)
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    assert plots.confusion_counts(y_true, y_pred) == {"TP": tp, "FP": fp, "FN": fn, "TN": tn}
    flipped = plots.confusion_counts(y_true, y_pred, positive=0)
    assert flipped == {"TP": tn, "FP": fn, "FN": fp, "TN": tp}


def test_confusion_counts_string_labels_and_validation():
    counts = plots.confusion_counts(["사기", "정상", "사기"], ["사기", "사기", "정상"], positive="사기")
    assert counts == {"TP": 1, "FP": 1, "FN": 1, "TN": 0}
    with pytest.raises(ValueError, match="길이"):
        plots.confusion_counts([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="positive"):
        plots.confusion_counts([0, 0], [0, 0], positive=1)


@pytest.mark.parametrize("seed", [0, 1])
def test_plot_confusion_matrix_cell_texts_equal_counts(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 3, 120), rng.integers(0, 3, 120)
    fig = plots.plot_confusion_matrix(y_true, y_pred, display_labels=["가", "나", "다"])
    ax = fig.axes[0]
    expected = confusion_matrix(y_true, y_pred)
    # Text artists are added row by row (true label), column by column (prediction).
    texts = [int(t.get_text()) for t in ax.texts]
    assert texts == expected.ravel().tolist()
    assert ax.get_xlabel() == "예측한 값" and ax.get_ylabel() == "실제값"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["가", "나", "다"]
    assert len(fig.axes) == 1  # no colorbar


def test_plot_confusion_matrix_labels_normalize_and_validation():
    y_true, y_pred = [0, 1, 1, 1], [0, 1, 0, 1]
    fig = plots.plot_confusion_matrix(y_true, y_pred, labels=[1, 0], normalize="true")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["0.67", "0.33", "0.00", "1.00"]
    with pytest.raises(ValueError, match="normalize"):
        plots.plot_confusion_matrix(y_true, y_pred, normalize="rows")
    with pytest.raises(ValueError, match="display_labels"):
        plots.plot_confusion_matrix(y_true, y_pred, display_labels=["정상"])
    with pytest.raises(ValueError, match="길이"):
        plots.plot_confusion_matrix(y_true, y_pred[:3])


# --- ROC ------------------------------------------------------------------------------


def test_roc_points_auc_equals_sklearn():
    y, weak, strong = _scores()
    fpr, tpr, thresholds, auc = plots.roc_points(y, weak)
    assert auc == pytest.approx(roc_auc_score(y, weak))
    assert fpr[0] == 0 and tpr[-1] == 1 and len(fpr) == len(tpr) == len(thresholds)
    assert plots.roc_points(y.astype(bool), strong)[3] == pytest.approx(roc_auc_score(y, strong))


@pytest.mark.parametrize(
    "y_true, y_score, error, word",
    [
        ([0, 1, 2, 1], [0.1, 0.2, 0.3, 0.4], ValueError, "binary"),
        ([1, 1, 1], [0.1, 0.2, 0.3], ValueError, "binary"),
        (["a", "b"], [0.1, 0.2], ValueError, "binary"),
        ([0, 1, 1], [0.1, 0.2], ValueError, "길이"),
        ([0, 1], ["x", "y"], TypeError, "y_score"),
        ([0, 1], [0.1, np.nan], ValueError, "NaN"),
        ([0, 1], [[0.9, 0.1], [0.2, 0.8]], ValueError, "proba"),
    ],
)
def test_roc_points_validation(y_true, y_score, error, word):
    with pytest.raises(error, match=word):
        plots.roc_points(y_true, y_score)


def test_plot_roc_curve_dict_draws_one_line_per_model_plus_diagonal():
    y, weak, strong = _scores()
    fig = plots.plot_roc_curve(y, {"로지스틱 회귀": weak, "신경망": strong})
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == f"로지스틱 회귀 (AUC = {roc_auc_score(y, weak):.3f})"
    assert labels[1] == f"신경망 (AUC = {roc_auc_score(y, strong):.3f})"
    assert "무작위" in labels[2]
    assert list(ax.lines[2].get_xdata()) == [0, 1] and list(ax.lines[2].get_ydata()) == [0, 1]


def test_plot_roc_curve_single_scores_on_given_axes():
    y, weak, _ = _scores()
    fig, ax = plt.subplots()
    assert plots.plot_roc_curve(y, weak, ax=ax) is fig
    assert len(ax.lines) == 2
    assert "AUC" in ax.lines[0].get_label()
    with pytest.raises(ValueError, match="모델"):
        plots.plot_roc_curve(y, {})


def test_plot_forecast_draws_truth_and_each_forecast_with_its_mae():
    truth = np.array([1.0, 2.0, 3.0, 4.0])
    fig = plots.plot_forecast(
        np.arange(4), truth.reshape(-1, 1), {"순진한 예측": [0.0, 1.0, 2.0, 3.0], "모델": truth + 0.5}, unit="ppm"
    )
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["실제값", "순진한 예측 (MAE = 1.000 ppm)", "모델 (MAE = 0.500 ppm)"]
    np.testing.assert_allclose(ax.lines[2].get_ydata(), truth + 0.5)
    plt.close(fig)


def test_plot_forecast_one_forecast_on_given_axes_and_validation():
    fig, ax = plt.subplots()
    assert plots.plot_forecast([0, 1, 2], [1.0, 1.0, 1.0], np.array([1.0, 2.0, 1.0]), ax=ax) is fig
    assert ax.get_legend().get_texts()[1].get_text() == "예측 (MAE = 0.333)"
    with pytest.raises(ValueError, match="길이"):
        plots.plot_forecast([0, 1, 2], [1.0, 2.0, 3.0], [1.0, 2.0], ax=ax)
    with pytest.raises(ValueError, match="예측이 없습니다"):
        plots.plot_forecast([0, 1, 2], [1.0, 2.0, 3.0], {}, ax=ax)
    plt.close(fig)



def test_plot_history_legends_are_korean_and_unknown_metrics_keep_their_name():
    history = {"accuracy": [0.5, 0.7], "val_accuracy": [0.4, 0.6], "f1": [0.1, 0.2]}
    ax = plots.plot_history(history, metrics=("accuracy", "f1")).axes[0]
    assert [line.get_label() for line in ax.lines] == ["학습 정확도", "검증 정확도", "학습 f1"]
