"""Keras model checks: accept any fitting architecture, reject wrong outputs and losses."""

import keras
import pytest

from course.checks import Incorrect, NotAttempted
from course.model_checks import activation_name, expect_model, expect_output_for, loss_name, uses_logits


def model(output_units, activation, loss, hidden=(8,), inputs=12):
    keras.backend.clear_session()
    layers = [keras.Input((inputs,))] + [keras.layers.Dense(u, activation="relu") for u in hidden]
    net = keras.Sequential(layers + [keras.layers.Dense(output_units, activation=activation)])
    if loss is not None:
        net.compile(optimizer="adam", loss=loss)
    return net


@pytest.mark.parametrize(
    "problem, units, activation, loss",
    [
        ("regression", 1, None, "mse"),
        ("regression", 1, "linear", keras.losses.MeanAbsoluteError()),
        ("binary", 1, "sigmoid", "binary_crossentropy"),
        ("binary", 1, "sigmoid", keras.losses.BinaryCrossentropy()),
        ("binary", 1, None, keras.losses.BinaryCrossentropy(from_logits=True)),
        ("multiclass", 3, "softmax", "sparse_categorical_crossentropy"),
        ("multiclass", 3, "softmax", keras.losses.categorical_crossentropy),
    ],
)
def test_fitting_models_pass(problem, units, activation, loss):
    expect_output_for(model(units, activation, loss, hidden=(16, 8)), "m", problem=problem, classes=3)


@pytest.mark.parametrize(
    "problem, units, activation, loss, words",
    [
        ("binary", 1, "softmax", "binary_crossentropy", "'softmax'"),
        ("binary", 1, "sigmoid", "mse", "'mean_squared_error'"),
        ("binary", 2, "sigmoid", "binary_crossentropy", "2개"),
        ("multiclass", 3, "sigmoid", "sparse_categorical_crossentropy", "'sigmoid'"),
        ("multiclass", 3, "softmax", "binary_crossentropy", "'binary_crossentropy'"),
        ("multiclass", 1, "softmax", "sparse_categorical_crossentropy", "1개"),
        ("regression", 1, "relu", "mse", "'relu'"),
        ("binary", 1, "sigmoid", keras.losses.BinaryCrossentropy(from_logits=True), "from_logits"),
        ("binary", 1, "sigmoid", None, "컴파일"),
    ],
)
def test_wrong_models_are_named_without_giving_the_answer(problem, units, activation, loss, words):
    with pytest.raises(Incorrect) as caught:
        expect_output_for(model(units, activation, loss), "m", problem=problem, classes=3)
    message = str(caught.value)
    assert words in message and "`m`" in message
    assert "sigmoid'를" not in message and "binary_crossentropy'를" not in message


def test_names_are_read_through_the_public_api():
    net = model(1, "sigmoid", "bce")
    assert loss_name(net) == "binary_crossentropy" and activation_name(net.layers[-1]) == "sigmoid"
    assert not uses_logits(net) and net.count_params() == (12 + 1) * 8 + (8 + 1) * 1


def test_expect_model():
    with pytest.raises(NotAttempted):
        expect_model(None, "m")
    with pytest.raises(Incorrect, match="케라스 모델"):
        expect_model([1, 2], "m")
    net = model(1, None, "mse")
    assert expect_model(net, "m") is net
