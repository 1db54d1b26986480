"""Chapter 08's hidden-case model functions (inputs to the learner's functions)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["W33", "linear4", "linear_tf", "product4", "sigmoid3", "tanh_model", "three_feature_rule"]

W33 = np.array([[-2.43, -2.68, 0.66], [-0.27, 1.45, 0.51], [-1.27, 0.29, 1.19]], dtype="float32")


def three_feature_rule(X):
    X = np.asarray(X)
    return (X[:, 0] - 0.5 * X[:, 2] > 0).astype(int)


def linear4(z):
    return 1.5 * z[0] - 2.0 * z[1] + 0.25 * z[2] + z[3] + 3.0


def product4(z):
    return z[0] * z[1] + z[1] * z[2] * z[3]


def sigmoid3(z):
    return 1.0 / (1.0 + math.exp(-(0.8 * z[0] - 1.2 * z[1] + 0.5 * z[0] * z[2])))


def tanh_model(z):
    import tensorflow as tf

    return tf.tanh(tf.reduce_sum(tf.constant(W33) * z))


def linear_tf(z):
    import tensorflow as tf

    return tf.reduce_sum(tf.constant([1.0, -2.0, 0.5, 3.0]) * z) + 1.0
