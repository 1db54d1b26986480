"""Inputs that grading passes to a learner's function and that are themselves functions.

A key's hidden case may hand the learner's function a model function (e.g. ch08's
permutation importance takes ``predict``). The judge calls learner functions inside the
sandbox, so such inputs must be importable there: they live here, one module per chapter,
and cross by name (see :mod:`autograder.wire`). They are inputs, not answers: no expected
value and no reference solution belongs here.
"""
