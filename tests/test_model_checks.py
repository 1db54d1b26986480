"""Keras model checks judge a model by what it computes: its output on probe inputs and
whether its compiled loss can train on the labels as given."""

import keras
import numpy as np
import pytest

from course.checks import Incorrect, NotAttempted
from course.model_checks import (
    LOGITS,
    PROBABILITY,
    expect_classifier,
    expect_model,
    input_shape,
    last_activation,
    loss_name,
    probe_inputs,
    uses_logits,
)

BINARY_LABELS = np.arange(16) % 2  # 0/1 integers
CLASS_IDS = np.arange(16) % 3  # integer class ids 0..2
ONE_HOT = np.eye(3)[CLASS_IDS]


def model(*layers, loss="binary_crossentropy", inputs=(12,)):
    keras.backend.clear_session()
    net = keras.Sequential([keras.Input(inputs), keras.layers.Dense(8, activation="relu", name="hidden"), *layers])
    if loss is not None:
        net.compile(optimizer="adam", loss=loss)
    return net


def dense(units, activation=None):
    return keras.layers.Dense(units, activation=activation)


def binary(net):
    return expect_classifier(net, "m", problem="binary", labels=BINARY_LABELS, labels_text="0/1 정수 레이블")


def multiclass(net, labels=CLASS_IDS, text="0~2 정수 레이블"):
    return expect_classifier(net, "m", problem="multiclass", classes=3, labels=labels, labels_text=text)


# ---------------------------------------------------------------------------
# Accepted: any model that computes the right thing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "layers, loss, form",
    [
        ((dense(1, "sigmoid"),), "binary_crossentropy", PROBABILITY),
        ((dense(1, "sigmoid"),), keras.losses.BinaryCrossentropy(), PROBABILITY),
        ((dense(1), keras.layers.Activation("sigmoid")), "bce", PROBABILITY),  # Activation layer
        ((dense(1),), keras.losses.BinaryCrossentropy(from_logits=True), LOGITS),  # logits + from_logits
        ((dense(16, "tanh"), keras.layers.Dropout(0.3), dense(1, "sigmoid")), "binary_crossentropy", PROBABILITY),
    ],
)
def test_binary_models_that_compute_a_fitting_output_pass(layers, loss, form):
    assert binary(model(*layers, loss=loss)) == form


@pytest.mark.parametrize(
    "layers, loss, form",
    [
        ((dense(3, "softmax"),), "sparse_categorical_crossentropy", PROBABILITY),
        ((dense(3), keras.layers.Activation("softmax")), keras.losses.SparseCategoricalCrossentropy(), PROBABILITY),
        ((dense(3),), keras.losses.SparseCategoricalCrossentropy(from_logits=True), LOGITS),
        ((keras.layers.BatchNormalization(), dense(3, "softmax")), "sparse_categorical_crossentropy", PROBABILITY),
    ],
)
def test_multiclass_models_on_integer_labels_pass(layers, loss, form):
    assert multiclass(model(*layers, loss=loss)) == form


def test_categorical_crossentropy_passes_with_one_hot_labels():
    net = model(dense(3, "softmax"), loss="categorical_crossentropy")
    assert multiclass(net, labels=ONE_HOT, text="원핫 레이블") == PROBABILITY


@pytest.mark.parametrize("flatten", [keras.layers.Flatten, lambda: keras.layers.Reshape((64,))])
def test_reshape_flattens_as_well_as_flatten(flatten):
    keras.backend.clear_session()
    net = keras.Sequential([keras.Input((8, 8)), flatten(), dense(3, "softmax")])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    assert input_shape(net, "m") == (8, 8)
    assert multiclass(net) == PROBABILITY


# ---------------------------------------------------------------------------
# Rejected, with a message naming what was found
# ---------------------------------------------------------------------------


def _rejected(check, net) -> str:
    with pytest.raises(Incorrect) as caught:
        check(net)
    message = str(caught.value)
    assert "`m`" in message
    return message


def test_categorical_crossentropy_on_integer_labels_fails():
    message = _rejected(multiclass, model(dense(3, "softmax"), loss="categorical_crossentropy"))
    assert "categorical_crossentropy" in message and "정수 레이블" in message and "계산되지 않습니다" in message


def test_probability_output_with_from_logits_fails():
    message = _rejected(binary, model(dense(1, "sigmoid"), loss=keras.losses.BinaryCrossentropy(from_logits=True)))
    assert "from_logits" in message and "이미 확률" in message
    message = _rejected(multiclass, model(dense(3, "softmax"), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)))
    assert "from_logits" in message


def test_logits_output_with_a_probability_loss_fails():
    message = _rejected(binary, model(dense(1), loss="binary_crossentropy"))
    assert "로짓" in message and "from_logits=True" in message and "'linear'" in message
    message = _rejected(multiclass, model(dense(3), loss="sparse_categorical_crossentropy"))
    assert "로짓" in message


def test_a_regression_loss_fails_for_classification():
    message = _rejected(binary, model(dense(1, "sigmoid"), loss="mse"))
    assert "mean_squared_error" in message and "0.250" in message and "binary_crossentropy'" not in message


@pytest.mark.parametrize(
    "check, layers, words",
    [
        (binary, (dense(2, "sigmoid"),), "(16, 2)"),
        (multiclass, (dense(4, "softmax"),), "(16, 4)"),
        (multiclass, (dense(1),), "(16, 1)"),
    ],
)
def test_wrong_number_of_output_units_fails(check, layers, words):
    message = _rejected(check, model(*layers, loss="sparse_categorical_crossentropy"))
    assert words in message and "뉴런 수" in message


def test_unflattened_images_give_a_three_dimensional_output():
    keras.backend.clear_session()
    net = keras.Sequential([keras.Input((8, 8)), dense(3, "softmax")])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    assert "(16, 8, 3)" in _rejected(multiclass, net) and "Flatten" in _rejected(multiclass, net)


def test_an_output_that_never_changes_fails():
    message = _rejected(binary, model(dense(1, "softmax")))
    assert "언제나" in message and "'softmax'" in message


def _dead_hidden(output, loss="binary_crossentropy"):
    """The model of ``model(output)`` with every hidden ReLU dead, as random initialisation sometimes leaves it."""
    net = model(output, loss=loss)
    hidden = net.get_layer("hidden")
    kernel, bias = hidden.get_weights()
    hidden.set_weights([np.zeros_like(kernel), np.full_like(bias, -1.0)])
    return net


def test_a_relu_output_starved_by_dead_hidden_units_is_named_as_relu_not_as_constant():
    """Whole-model probes then give 0 everywhere; the output layer probed alone still shows ReLU's range."""
    message = _rejected(binary, _dead_hidden(dense(1, "relu")))
    assert "'relu'" in message and "로짓" in message and "언제나" not in message


def test_a_right_output_layer_behind_dead_hidden_units_passes():
    """Dead units at initialisation are bad luck, not a wrong answer: the output layer's form decides."""
    assert binary(_dead_hidden(dense(1, "sigmoid"))) == PROBABILITY
    assert multiclass(_dead_hidden(dense(3, "softmax"), loss="sparse_categorical_crossentropy")) == PROBABILITY


def test_rows_that_do_not_sum_to_one_fail():
    message = _rejected(multiclass, model(dense(3, "sigmoid"), loss="sparse_categorical_crossentropy"))
    assert "합이 1" in message and "'sigmoid'" in message


def test_uncompiled_model_fails():
    assert "컴파일" in _rejected(binary, model(dense(1, "sigmoid"), loss=None))


def test_model_without_a_fixed_input_fails():
    keras.backend.clear_session()
    net = keras.Sequential([dense(1, "sigmoid")])
    with pytest.raises(Incorrect, match="keras.Input"):
        input_shape(net, "m")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def test_probes_include_large_magnitudes_and_the_model_is_called_not_predicted():
    x = probe_inputs((8, 8))
    assert x.shape == (16, 8, 8) and x.dtype == np.float32
    assert np.abs(x).max() > 500 and np.abs(x[:8]).max() < 10


def test_names_are_read_through_the_public_api():
    net = model(dense(1, "sigmoid"), loss="bce")
    assert loss_name(net) == "binary_crossentropy" and last_activation(net) == "sigmoid"
    assert not uses_logits(net)
    assert uses_logits(model(dense(1), loss=keras.losses.BinaryCrossentropy(from_logits=True)))


def test_expect_model():
    with pytest.raises(NotAttempted):
        expect_model(None, "m")
    with pytest.raises(Incorrect, match="케라스 모델"):
        expect_model([1, 2], "m")
    net = model(dense(1), loss="mse")
    assert expect_model(net, "m") is net
