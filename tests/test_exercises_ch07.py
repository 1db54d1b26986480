"""Chapter 07's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here with the
context the notebook gives them (NumPy, pandas, Keras, the CO₂ windows split in time order);
the generic contract is in tests/exercise_harness.py. The forecasting exercise (q6) is
judged by the test MAE of what the model computes against the naive forecast's; its wrong
answers are hand-built models (no training), its solution and alternative train for a few
epochs only. The reference formulas of the key are checked against Keras itself.
"""

import math
from functools import lru_cache

import keras
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from autograder.keys import ch07 as keys  # noqa: E402
from course import plots  # noqa: E402
from course.checks import Status  # noqa: E402
from course.exercises import ch07  # noqa: E402
from exercise_harness import Chapter, ExerciseContract  # noqa: E402

FAST_EPOCHS = 3  # the solution beats the naive forecast after 2 epochs already


@lru_cache(maxsize=1)
def _co2_split() -> dict:
    X, y, dates = ch07._windows()
    cut = len(X) - math.ceil(len(X) * ch07.TEST_RATIO)
    X_train, X_test, y_train, y_test = X[:cut], X[cut:], y[:cut], y[cut:]
    return {
        "X_train": X_train,
        "X_test": X_test,
        "y_train": y_train,
        "y_test": y_test,
        "test_dates": pd.DatetimeIndex(dates[cut:]),
        "X_train_rel": X_train - X_train[:, -1:, :],
        "y_train_rel": y_train - X_train[:, -1, 0],
        "X_test_rel": X_test - X_test[:, -1:, :],
    }


def _namespace() -> dict:
    return {
        "np": np,
        "pd": pd,
        "math": math,
        "keras": keras,
        "plt": plt,
        "plots": plots,
        "SEED": 42,
        "EPOCHS": FAST_EPOCHS,
        "BATCH_SIZE": 16,
        "TIMESTEPS": ch07.TIMESTEPS,
        **{name: value.copy() for name, value in _co2_split().items()},
    }


class _Chapter07(Chapter):
    """Runs each notebook solution once: the forecasting solution trains a model."""

    _solutions: dict = {}

    def solution(self, name: str) -> dict:
        if name not in self._solutions:
            self._solutions[name] = super().solution(name)
        return self._solutions[name]


CHAPTER = _Chapter07("07_rnn", ch07, keys, namespace=_namespace, stub_raises=["q6"])


def _model(*layers: str) -> str:
    body = ",\n    ".join(["keras.Input(shape=(12, 1))", *layers])
    return f"keras.backend.clear_session()\nforecast_model = keras.Sequential([\n    {body},\n])\n"


# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # no feature axis: X is 2-D
            "def make_windows(series, timesteps, horizon=1):\n"
            "    v = np.asarray(series, dtype=float)\n"
            "    n = len(v) - timesteps - horizon + 1\n"
            "    return np.array([v[i:i + timesteps] for i in range(n)]), v[timesteps + horizon - 1:]\n",
            None,
        ),
        (  # off by one: loses the last window
            "def make_windows(series, timesteps, horizon=1):\n"
            "    v = np.asarray(series, dtype=float)\n"
            "    n = len(v) - timesteps - horizon\n"
            "    X = np.array([v[i:i + timesteps] for i in range(n)])\n"
            "    return X[..., None], np.array([v[i + timesteps + horizon - 1] for i in range(n)])\n",
            None,
        ),
        (  # ignores the horizon: the target is always the next value
            "def make_windows(series, timesteps, horizon=1):\n"
            "    v = np.asarray(series, dtype=float)\n"
            "    n = len(v) - timesteps - horizon + 1\n"
            "    X = np.array([v[i:i + timesteps] for i in range(n)])\n"
            "    return X[..., None], np.array([v[i + timesteps] for i in range(n)])\n",
            None,
        ),
        (  # indexes a pandas Series by label: fails on an index that does not start at 0
            "def make_windows(series, timesteps, horizon=1):\n"
            "    n = len(series) - timesteps - horizon + 1\n"
            "    X = np.array([[series[i + k] for k in range(timesteps)] for i in range(n)], dtype=float)\n"
            "    return X[..., None], np.array([series[i + timesteps + horizon - 1] for i in range(n)], dtype=float)\n",
            None,
        ),
    ],
    "q2": [
        (  # shuffles, as chapter 03 did
            "from sklearn.model_selection import train_test_split\n"
            "def time_split(X, y, test_ratio):\n"
            "    return tuple(train_test_split(X, y, test_size=test_ratio, random_state=0))\n",
            None,
        ),
        (  # the test part at the front
            "def time_split(X, y, test_ratio):\n"
            "    n_test = math.ceil(len(X) * test_ratio)\n"
            "    return X[n_test:], X[:n_test], y[n_test:], y[:n_test]\n",
            None,
        ),
        (  # rounds the test size down
            "def time_split(X, y, test_ratio):\n"
            "    cut = len(X) - int(len(X) * test_ratio)\n"
            "    return X[:cut], X[cut:], y[:cut], y[cut:]\n",
            None,
        ),
        (  # returns the order of the arguments, not the order train_test_split uses
            "def time_split(X, y, test_ratio):\n"
            "    cut = len(X) - math.ceil(len(X) * test_ratio)\n"
            "    return X[:cut], y[:cut], X[cut:], y[cut:]\n",
            None,
        ),
    ],
    "q3": [
        (  # the first value of the window instead of the last
            "def naive_mae(X, y):\n    return float(np.mean(np.abs(y - X[:, 0, 0])))\n",
            None,
        ),
        (  # signed errors cancel out
            "def naive_mae(X, y):\n    return float(np.mean(y - X[:, -1, 0]))\n",
            None,
        ),
        (  # squared errors (MSE)
            "def naive_mae(X, y):\n    return float(np.mean((y - X[:, -1, 0]) ** 2))\n",
            None,
        ),
    ],
    "q4": [
        (  # U @ h: the transposed recurrent kernel
            "def rnn_forward(x, W, U, b):\n"
            "    h = np.zeros(W.shape[1]); out = []\n"
            "    for x_t in x:\n"
            "        h = np.tanh(x_t @ W + U @ h + b); out.append(h)\n"
            "    return np.array(out)\n",
            None,
        ),
        (  # only the last state
            "def rnn_forward(x, W, U, b):\n"
            "    h = np.zeros(W.shape[1])\n"
            "    for x_t in x:\n"
            "        h = np.tanh(x_t @ W + h @ U + b)\n"
            "    return h\n",
            None,
        ),
        (  # no recurrence: every step forgets the past
            "def rnn_forward(x, W, U, b):\n    return np.tanh(np.asarray(x) @ W + b)\n",
            None,
        ),
        (  # ReLU instead of tanh
            "def rnn_forward(x, W, U, b):\n"
            "    h = np.zeros(W.shape[1]); out = []\n"
            "    for x_t in x:\n"
            "        h = np.maximum(0, x_t @ W + h @ U + b); out.append(h)\n"
            "    return np.array(out)\n",
            None,
        ),
    ],
    "q5": [
        (  # GRU with one bias per block (reset_after=False)
            "def rnn_params(units, features):\n"
            "    s = units * (units + features) + units\n"
            "    return {'SimpleRNN': s, 'LSTM': 4 * s, 'GRU': 3 * s}\n",
            None,
        ),
        (  # LSTM with three blocks (forgets the candidate)
            "def rnn_params(units, features):\n"
            "    w = units * (units + features)\n"
            "    return {'SimpleRNN': w + units, 'LSTM': 3 * (w + units), 'GRU': 3 * (w + 2 * units)}\n",
            None,
        ),
        (  # no biases
            "def rnn_params(units, features):\n"
            "    w = units * (units + features)\n"
            "    return {'SimpleRNN': w, 'LSTM': 4 * w, 'GRU': 3 * w}\n",
            None,
        ),
        (  # a list instead of a dict
            "def rnn_params(units, features):\n"
            "    w = units * (units + features)\n"
            "    return [w + units, 4 * (w + units), 3 * (w + 2 * units)]\n",
            None,
        ),
    ],
    "q6": [
        (  # predicts no change at all: exactly the naive forecast, not better
            _model("keras.layers.Flatten()", "keras.layers.Dense(1, kernel_initializer='zeros')"),
            None,
        ),
        (  # outputs a CO2 level (as a model trained on raw values does), not the change
            _model(
                "keras.layers.GRU(4)",
                "keras.layers.Dense(1, kernel_initializer='zeros', bias_initializer=keras.initializers.Constant(340.0))",
            ),
            None,
        ),
        (  # return_sequences=True: one output per month, not one per window
            _model("keras.layers.GRU(8, return_sequences=True)", "keras.layers.Dense(1)"),
            None,
        ),
        ('forecast_model = "GRU"\n', None),  # not a model
    ],
}


class TestChapter07(ExerciseContract):
    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# The key's reference formulas agree with Keras
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("units, features", [(4, 1), (8, 3), (16, 5)])
def test_parameter_formulas_match_keras_count_params(units, features):
    expected = keys._reference_params(units, features)
    for name in ("SimpleRNN", "LSTM", "GRU"):
        layer = getattr(keras.layers, name)(units)
        layer.build((None, 7, features))
        assert layer.count_params() == expected[name], name


def test_numpy_recurrence_matches_keras_simple_rnn():
    keras.utils.set_random_seed(3)
    layer = keras.layers.SimpleRNN(3, return_sequences=True)
    x = np.random.default_rng(0).normal(size=(1, 5, 2)).astype("float32")
    states = layer(x).numpy()[0]
    np.testing.assert_allclose(keys._reference_rnn(x[0], *layer.get_weights()), states, atol=1e-5)


def test_forecast_check_reports_both_errors_and_the_gain():
    source = _model("keras.layers.Flatten()", "keras.layers.Dense(1, kernel_initializer='zeros')")
    result = ch07.q6.evaluate(CHAPTER.run(source))
    assert result.status is Status.INCORRECT
    assert "순진한 예측 1.134 ppm" in result.message  # the baseline the chapter prints
    solution = CHAPTER.solution("q6")
    seen = ch07.q6.evaluate(solution)
    assert seen.status is Status.CORRECT and "낮습니다" in seen.message and "%" in seen.message
    plt.close("all")


def test_test_windows_are_the_last_fifth_of_the_monthly_windows():
    X_test, y_test = ch07.forecast_test_windows()
    assert X_test.shape == (103, 12, 1) and y_test.shape == (103,)
    X, y, dates = ch07._windows()
    assert pd.Timestamp(dates[-103]) == pd.Timestamp("1993-06-01")
    np.testing.assert_array_equal(X_test[1:, :, 0][:, -1], y_test[:-1])  # consecutive months
