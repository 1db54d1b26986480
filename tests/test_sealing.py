"""`course/exercises/sealed.json` is generated from the keys, fresh, and stable to regenerate."""

import json

import numpy as np
import pytest

from autograder.keys.engine import unstable_numbers
from autograder.keys.sealing import SEALED_PATH, build_sealed_table, render, write_sealed_table
from conftest import CHAPTER_IDS


def test_committed_sealed_table_is_up_to_date():
    fresh = render(build_sealed_table(CHAPTER_IDS))
    assert SEALED_PATH.read_text(encoding="utf-8") == fresh, "stale: run `make solutions` and commit sealed.json"


def test_every_sealed_exercise_has_one_digest_per_visible_example():
    from autograder.keys import keys_of

    table = json.loads(SEALED_PATH.read_text(encoding="utf-8"))
    for chapter in CHAPTER_IDS:
        for key in keys_of(chapter).values():
            assert len(table.get(key.exercise.id, [])) == len(key.sealed_values()), key.exercise.id


def test_writing_keeps_other_chapters_and_is_repeatable(tmp_path):
    path = tmp_path / "sealed.json"
    path.write_text(json.dumps({"99_other/q1": ["abc"]}), encoding="utf-8")
    write_sealed_table(["02_terminology"], path)
    first = path.read_text(encoding="utf-8")
    write_sealed_table(["02_terminology"], path)
    assert path.read_text(encoding="utf-8") == first
    table = json.loads(first)
    assert table["99_other/q1"] == ["abc"] and "02_terminology/q1" in table


@pytest.mark.parametrize(
    "value, unstable",
    [(0.5, []), (0.0000005, [0.0000005]), ([1.0, 2.5e-6], [2.5e-6]), (np.array([0.25, 1e-7]), []), ({"a": 3}, [])],
)
def test_values_on_a_rounding_boundary_are_refused(value, unstable):
    assert unstable_numbers(value, 1e-6) == unstable
