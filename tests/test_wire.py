"""What crosses between a graded kernel and the judge: data only, rebuilt faithfully."""

from __future__ import annotations

import inspect
import json
import types

import numpy as np
import pandas as pd
import pytest

from autograder.wire import Opaque, WireError, decode, encode, signature_data, signature_from
from course.exercises import ch08 as public


def round_trip(value, **kwargs):
    return decode(json.loads(json.dumps(encode(value, **kwargs))))


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 2.5, float("inf"), "한글", b"\x00\x01", (1, "a"), [1, [2, (3,)]], {"b": 1, 2: "a"},
    {1, 2}, frozenset({"x"}), range(1, 9, 2), 1 + 2j, Ellipsis, types.SimpleNamespace(history={"loss": [1.0]}),
])
def test_plain_values_keep_their_type_and_value(value):
    back = round_trip(value)
    assert type(back) is type(value) and back == value


def test_nan_numpy_scalars_and_arrays_keep_dtype_shape_and_bits():
    assert np.isnan(round_trip(float("nan")))
    for value in (np.int64(7), np.float32(0.1), np.bool_(True)):
        back = round_trip(value)
        assert type(back) is type(value) and back == value
    for array in (np.arange(12, dtype="int16").reshape(3, 4), np.array([[0.5, np.nan]]), np.array(["가", "b"]),
                  np.zeros((0, 3)), np.arange(6)[::2], np.array([1, "a", None], dtype=object)):
        back = round_trip(array)
        assert back.dtype == array.dtype and back.shape == array.shape
        assert all(x == y or (x != x and y != y) for x, y in zip(back.ravel().tolist(), array.ravel().tolist()))


def test_pandas_frames_series_and_indexes_come_back_equal():
    frame = pd.DataFrame(
        {"수치": [1.5, None, 3.0], "이름": ["a", None, "c"], "범주": pd.Categorical(["x", "y", "x"]),
         "정수": pd.array([1, None, 3], dtype="Int64"), "참": [True, False, True]},
        index=pd.Index([10, 20, 30], name="id"),
    )
    back = round_trip(frame)
    pd.testing.assert_frame_equal(back, frame)
    series = pd.Series([0.1, 0.2], index=["a", "b"], name="s")
    pd.testing.assert_series_equal(round_trip(series), series)
    pd.testing.assert_index_equal(round_trip(pd.RangeIndex(2, 10, 2, name="r")), pd.RangeIndex(2, 10, 2, name="r"))
    assert round_trip(pd.Timestamp("2024-01-02")) == pd.Timestamp("2024-01-02") and round_trip(pd.NA) is pd.NA


def test_public_functions_cross_by_name_and_other_objects_by_reference_or_as_opaque():
    assert round_trip(public.square_sum) is public.square_sum
    assert encode(lambda x: x, by_reference=lambda obj: {"id": 0})["$ref"] == {"id": 0}
    seen = round_trip(object())
    assert isinstance(seen, Opaque) and "object" in repr(seen)
    with pytest.raises(WireError, match="not data"):
        encode([lambda x: x], strict=True)


@pytest.mark.parametrize("data", [
    {"$function": ["os", "system"]},                      # only course.* and autograder.probes.* import
    {"$ndarray": ["|O", [1], "AAAAAAAAAAA="]},             # no object arrays from raw bytes
    {"$ndarray": ["<f8", [2], "AAAAAAAAAAA="]},            # 8 bytes cannot be two float64
    {"$ref": {"id": 1}},                                  # no references where none are expected
    {"$nothing": 1},
    {"$float": "1e999"},
    {"$namespace": {"$dict": [[1, 2]]}},
])
def test_invalid_or_unsafe_data_is_refused(data):
    with pytest.raises(WireError):
        decode(data)


def test_a_signature_survives_for_inspect():
    def learner(values, k=3, *rest, scale: float = 1.0, **options):
        return values

    rebuilt = signature_from(json.loads(json.dumps(signature_data(learner))))
    assert list(rebuilt.parameters) == ["values", "k", "rest", "scale", "options"]
    assert [p.kind for p in rebuilt.parameters.values()] == [p.kind for p in inspect.signature(learner).parameters.values()]
    assert rebuilt.parameters["k"].default is not inspect.Parameter.empty


def test_a_keras_model_crosses_as_data_and_a_lambda_layer_does_not_load():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    x = np.arange(6, dtype="float32").reshape(2, 3)
    back = round_trip(model)
    assert isinstance(back, keras.Model) and back.loss == "mse"
    np.testing.assert_allclose(back(x).numpy(), model(x).numpy())
    sneaky = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda t: t * 0 + 1)])
    with pytest.raises(Exception, match="(?i)lambda|unsafe|safe_mode"):
        round_trip(sneaky)
