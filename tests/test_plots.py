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


# --- text summaries (alt text and captions) ---------------------------------------------


def test_history_summary_gives_axes_first_and_last_values_and_best_validation_epoch():
    assert plots.history_summary(HISTORY) == (
        "가로축은 에폭(1~4), 세로축은 손실(loss)입니다. 학습 손실은 0.90에서 0.35로, 검증 손실은 1.00에서 "
        "0.56으로 바뀌었고 검증 손실이 가장 낮은 에폭은 3(0.55)입니다."
    )
    assert plots.history_summary(FakeHistory(HISTORY)) == plots.history_summary(pd.DataFrame(HISTORY))


def test_history_summary_best_epoch_is_lowest_for_losses_and_highest_for_accuracy():
    history = {
        "loss": [1.0, 0.8, 0.6, 0.5],
        "val_loss": [0.9, 0.4, 0.6, 0.7],  # lowest at epoch 2, highest at epoch 1
        "binary_accuracy": [0.5, 0.6, 0.7, 0.8],
        "val_binary_accuracy": [0.95, 0.6, 0.7, 0.9],  # highest at epoch 1, lowest at epoch 2
        "mae": [3.0, 2.0, 1.0, 0.5],
        "val_mae": [2.0, 2.5, 1.5, 1.8],  # lowest at epoch 3
    }
    text = plots.history_summary(history, ("loss", "binary_accuracy", "mae"))
    assert "검증 손실이 가장 낮은 에폭은 2(0.40)" in text
    assert "검증 binary_accuracy가 가장 높은 에폭은 1(0.95)" in text
    assert "검증 MAE가 가장 낮은 에폭은 3(1.50)" in text
    assert "세로축은 손실(loss), binary_accuracy, 평균절대오차(MAE)입니다." in text
    accuracy = plots.history_summary(HISTORY, "accuracy")
    assert "검증 정확도가 가장 높은 에폭은 3(0.75)" in accuracy and "낮은" not in accuracy


def test_history_summary_without_validation_or_with_one_epoch_claims_no_best_epoch():
    assert plots.history_summary({"loss": [2.0, 0.0004]}) == (
        "가로축은 에폭(1~2), 세로축은 손실(loss)입니다. 학습 손실은 2.00에서 0.0004로 바뀌었습니다."
    )
    assert plots.history_summary({"loss": [0.5], "val_loss": [0.6]}) == (
        "가로축은 에폭(1), 세로축은 손실(loss)입니다. 학습 손실은 0.50, 검증 손실은 0.60입니다."
    )
    with pytest.raises(KeyError, match="val_accuracy"):
        plots.history_summary(HISTORY, "acc")


def test_plot_history_attaches_its_summary_and_panels_collect_in_order_with_their_titles():
    fig, axes = plt.subplots(1, 2)
    plots.plot_history(HISTORY, ax=axes[0])
    plots.plot_history(HISTORY, metrics="accuracy", ax=axes[1])
    axes[0].set_title("과대적합")  # a title set after drawing is read when the figure is shown
    assert plots.summary(fig).split("\n") == [
        "과대적합: " + plots.history_summary(HISTORY),
        plots.history_summary(HISTORY, "accuracy"),
    ]
    fig.delaxes(axes[0])  # a removed panel is no longer described
    assert plots.summary(fig) == plots.history_summary(HISTORY, "accuracy")


def test_add_summary_keeps_order_drops_repeats_and_plain_figures_have_none():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    assert plots.summary(fig) == ""
    plots.add_summary(fig, "첫째 설명입니다.")
    plots.add_summary(fig, "둘째  설명입니다.\n")  # whitespace is tidied
    plots.add_summary(fig, "첫째 설명입니다.")
    plots.add_summary(fig, "   ")
    assert plots.summary(fig) == "첫째 설명입니다.\n둘째 설명입니다."
    fig.suptitle("전체 제목")
    assert plots.summary(fig).split("\n")[0] == "전체 제목."
    with pytest.raises(TypeError, match="Figure"):
        plots.add_summary(ax, "축은 그림이 아닙니다.")


def test_confusion_summary_counts_accuracy_and_largest_error():
    counts = np.array([[5, 1, 0], [3, 4, 2], [0, 0, 6]])
    assert plots.confusion_summary(counts, ["고양이", "개", "새"]) == (
        "세로축(행)은 실제값, 가로축(열)은 예측한 값입니다. 전체 21개 중 15개를 맞혔습니다(정확도 0.714). "
        "가장 많은 오류: 실제 개를 고양이로 예측 3개."
    )
    # rows are the truth: the transposed matrix has the same diagonal but the error reads the other way
    assert "실제 고양이를 개로 예측 3개" in plots.confusion_summary(counts.T, ["고양이", "개", "새"])
    assert plots.confusion_summary([[2, 0], [0, 3]], [1, 0]).endswith("정확도 1.000). 틀린 예측이 없습니다.")
    with pytest.raises(ValueError, match="정사각"):
        plots.confusion_summary([[1, 2, 3]], ["a"])


def test_plot_confusion_matrix_summary_uses_counts_even_when_normalized():
    y_true, y_pred = [0, 1, 1, 1, 0], [0, 1, 0, 0, 0]
    fig = plots.plot_confusion_matrix(y_true, y_pred, labels=[1, 0], display_labels=["사기", "정상"], normalize="true")
    assert plots.summary(fig) == plots.confusion_summary([[1, 2], [0, 2]], ["사기", "정상"])
    assert "전체 5개 중 3개를 맞혔습니다(정확도 0.600)" in plots.summary(fig)
    assert "실제 사기를 정상으로 예측 2개" in plots.summary(fig)


def test_roc_summary_names_each_auc_and_the_highest():
    text = plots.roc_summary({"로지스틱 회귀": 0.8, "신경망": 0.9, "무작위 모델": 0.4})
    assert "거짓 양성 비율(FPR)" in text and "참 양성 비율(TPR, 재현율)" in text
    assert "AUC는 로지스틱 회귀 0.800, 신경망 0.900, 무작위 모델 0.400이고 가장 높은 것은 신경망입니다." in text
    assert "무작위 추측(AUC 0.5)" in text and "무작위 모델의 AUC는 무작위 추측보다 낮습니다." in text
    single = plots.roc_summary({"모델": 0.75})
    assert "모델의 AUC는 0.750입니다." in single and "보다 낮습니다" not in single
    with pytest.raises(ValueError, match="모델"):
        plots.roc_summary({})


def test_plot_roc_curve_summary_has_each_models_auc():
    y, weak, strong = _scores()
    fig = plots.plot_roc_curve(y, {"약한 모델": weak, "강한 모델": strong})
    text = plots.summary(fig)
    assert text.startswith("ROC 곡선: ")
    assert f"약한 모델 {roc_auc_score(y, weak):.3f}, 강한 모델 {roc_auc_score(y, strong):.3f}" in text
    assert "가장 높은 것은 강한 모델입니다" in text


def test_forecast_summary_gives_time_range_unit_and_each_mae_with_the_lowest():
    truth = np.array([1.0, 2.0, 3.0, 4.0])
    dates = pd.date_range("2019-01-01", periods=4, freq="MS")
    text = plots.forecast_summary(dates, truth, {"순진한 예측": truth - 1.0, "모델": truth + 0.5}, unit="ppm")
    assert text == (
        "가로축은 시간(2019-01-01~2019-04-01), 세로축은 값(ppm)입니다. 실제값 4개와 비교한 평균절대오차(MAE)는 "
        "순진한 예측 1.000 ppm, 모델 0.500 ppm입니다. MAE가 가장 낮은 것은 모델입니다."
    )
    fig = plots.plot_forecast(np.arange(3), [1.0, 1.0, 1.0], np.array([1.0, 2.0, 1.0]))
    assert plots.summary(fig) == (
        "예측과 실제값: 가로축은 시간(0~2), 세로축은 값입니다. 실제값 3개와 비교한 평균절대오차(MAE)는 예측 0.333입니다."
    )


@pytest.mark.filterwarnings("ignore:Glyph")  # this test process has no Korean font
def test_summary_html_is_a_figure_with_escaped_alt_text_and_caption():
    import base64
    import html
    import re

    fig = plots.plot_confusion_matrix([0, 1, 1], [0, 1, 0], display_labels=["<b>정상</b>", "사기 & \"가짜\""])
    page = plots.summary_html(fig)
    assert page.startswith("<figure") and page.endswith("</figure>")
    assert "<b>" not in page and "&lt;b&gt;정상&lt;/b&gt;" in page and "&amp;" in page
    alt = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', page)
    assert alt, page[:300]
    assert base64.b64decode(alt.group(1)).startswith(b"\x89PNG")
    assert html.unescape(alt.group(2)) == plots.summary(fig)
    caption = re.search(r"<figcaption[^>]*>(.*)</figcaption>", page).group(1)
    assert html.unescape(caption) == "그림 설명: " + plots.summary(fig)

    plain, ax = plt.subplots()
    ax.plot([1, 2, 3])
    assert plots.summary_html(plain) is None


@pytest.mark.filterwarnings("ignore:Glyph")
def test_summary_html_draws_the_png_itself_without_ipython(monkeypatch):
    import base64
    import sys

    monkeypatch.setitem(sys.modules, "IPython.core.pylabtools", None)  # importing it now fails
    fig = plots.plot_history(HISTORY)
    page = plots.summary_html(fig)
    png = page.split("data:image/png;base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(png).startswith(b"\x89PNG") and "그림 설명: 가로축은 에폭(1~4)" in page


@pytest.mark.slow
def test_notebook_shows_plots_figures_with_alt_text_and_caption_and_plain_figures_as_png(tmp_path):
    """In a real kernel, setup() makes matplotlib-inline's display of a course.plots figure carry
    text/html with the alt text and caption; a plain figure still has only image/png."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from course import setup, plots\nruntime = setup(seed=0)\nimport matplotlib.pyplot as plt"),
        # configuring the inline backend again removes printers registered for Figure itself
        nbformat.v4.new_code_cell("%matplotlib inline"),
        nbformat.v4.new_code_cell(
            "fig, axes = plt.subplots(1, 2)\n"
            "plots.plot_history({'loss': [1.0, 0.5], 'val_loss': [1.1, 0.7]}, ax=axes[0])\n"
            "plots.plot_history({'loss': [0.9, 0.4]}, ax=axes[1])\n"
            "axes[1].set_title('<b>둘째</b>')"
        ),
        nbformat.v4.new_code_cell("plt.plot([1, 2, 3]);"),
    ]
    NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()

    shown = [o for o in notebook.cells[2].outputs if o.output_type == "display_data"]
    assert len(shown) == 1, notebook.cells[2].outputs
    page = shown[0].data["text/html"]
    assert "image/png" in shown[0].data
    assert page.startswith("<figure") and 'alt="가로축은 에폭(1~2)' in page and "data:image/png;base64," in page
    assert "그림 설명: 가로축은 에폭(1~2)" in page and "<br>&lt;b&gt;둘째&lt;/b&gt;: 가로축은" in page
    assert "검증 손실이 가장 낮은 에폭은 2(0.70)" in page

    plain = [o for o in notebook.cells[3].outputs if o.output_type == "display_data"]
    assert len(plain) == 1 and "image/png" in plain[0].data and "text/html" not in plain[0].data
