"""The public exercise engine: outcomes, sealed examples, messages that never reveal the answer,
the self-check's behaviour under nbgrader, hints with countable metadata."""

import json
import re

import numpy as np
import pytest

import course.checks as checks
from course.checks import (
    ChoiceMapExercise,
    CustomExercise,
    Example,
    ExerciseFailed,
    FunctionExercise,
    Incorrect,
    Status,
    ValueExercise,
    call_learner_function,
    canonical,
    describe,
    seal,
    values_match,
)


@pytest.fixture
def sealed(monkeypatch):
    """A private sealed table: exercise id -> digests, filled by each test."""
    table = {}
    monkeypatch.setattr(checks, "_sealed_table", lambda: table)
    return table


def steps_exercise(sealed):
    exercise = FunctionExercise(
        chapter="99_demo", name="q5", title="문제 5", var="steps", points=2,
        rule="스텝 수는 샘플 수를 배치 크기로 나눠 올림한 값입니다.", hints=("첫 힌트", "둘째 힌트"),
        graded_also="배치가 샘플보다 큰 경우",
        examples=[Example((1000, 20)), Example((110, 20), why="마지막 작은 배치도 한 스텝")],
    )
    sealed[exercise.id] = [seal(50, f"{exercise.id}/0"), seal(6, f"{exercise.id}/1")]
    return exercise


class TestValuesMatch:
    @pytest.mark.parametrize(
        "got, expected",
        [(9, 9), (9.0000001, 9), (np.float32(0.5), 0.5), ("  B ", "B"), ([1, 2], np.array([1, 2])),
         ({"a": 1.0}, {"a": 1}), ((50, 500), (50, 500)), (True, True)],
    )
    def test_equal_values_match(self, got, expected):
        assert values_match(got, expected)

    @pytest.mark.parametrize(
        "got, expected",
        [(8, 9), ("9", 9), (True, 1), (1, True), ([1, 2, 3], [1, 2]), ({"a": 1}, {"a": 1, "b": 2}),
         ("A", "B"), ([[1, 0]], [1, 0]), ("12", [1, 2]), (None, 0.5)],
    )
    def test_different_values_do_not_match(self, got, expected):
        assert not values_match(got, expected)


class TestSealing:
    def test_same_canonical_form_implies_values_match(self):
        """A sealed self-check can never pass what the grader's plain comparison rejects."""
        rng = np.random.default_rng(0)
        for _ in range(2000):
            expected = float(rng.normal(scale=10.0 ** rng.integers(-3, 4)))
            got = expected + float(rng.normal(scale=10.0 ** rng.integers(-9, -4)))
            if canonical(got) == canonical(expected):
                assert values_match(got, expected), (got, expected)

    @pytest.mark.parametrize(
        "got, expected",
        [((50.0, 500.0), (50, 500)), ([0.1 + 0.2], [0.3]), (np.array([[1, 0]]), [[1, 0]]), (" B", "B"),
         ({"b": 2, "a": 1.0}, {"a": 1, "b": 2}), (np.int64(7), 7)],
    )
    def test_values_that_match_share_a_seal(self, got, expected):
        assert values_match(got, expected)
        assert seal(got, "x") == seal(expected, "x")

    @pytest.mark.parametrize(
        "got, expected",
        [(True, 1), ("7", 7), ([7], 7), (np.array(7.0), 7.0), ((1, 2), (2, 1)), ([[1, 2]], [1, 2]), (None, 0)],
    )
    def test_values_that_differ_in_type_or_shape_do_not_share_a_seal(self, got, expected):
        assert not values_match(got, expected)
        assert seal(got, "x") != seal(expected, "x")

    def test_the_salt_separates_examples(self):
        assert seal(50, "a/q1/0") != seal(50, "a/q1/1")

    def test_digest_is_not_the_value_and_costs_key_stretching(self):
        digest = seal(0.98, "02_terminology/q1/0")
        assert len(digest) == 32 and "0.98" not in digest
        assert checks.SEAL_ITERATIONS >= 100_000


class TestFunctionExercise:
    def test_solution_passes_and_says_what_was_checked_and_graded(self, sealed):
        result = steps_exercise(sealed).evaluate({"steps": lambda n, b: -(-n // b)})
        assert result.status is Status.CORRECT
        assert "공개 예시 2개" in result.message and "채점 때는 배치가 샘플보다 큰 경우도 확인합니다" in result.message

    def test_wrong_function_names_the_example_and_its_rule_not_the_answer(self, sealed):
        result = steps_exercise(sealed).evaluate({"steps": lambda n, b: n // b})
        assert result.status is Status.INCORRECT
        assert "steps(110, 20)" in result.message and "5입니다" in result.message and "마지막 작은 배치" in result.message
        assert "6" not in result.message.replace("q5", "")

    def test_unfinished_crashing_and_non_callable(self, sealed):
        exercise = steps_exercise(sealed)

        def stub(*args):
            raise NotImplementedError()

        assert exercise.evaluate({"steps": stub}).status is Status.NOT_ATTEMPTED
        crashed = exercise.evaluate({"steps": lambda n, b: undefined})  # noqa: F821
        assert crashed.status is Status.INCORRECT and "NameError" in crashed.message and "Traceback" not in crashed.message
        assert exercise.evaluate({"steps": 50}).status is Status.INCORRECT

    def test_function_gets_copies_of_the_example_inputs(self, sealed):
        exercise = FunctionExercise(
            chapter="99_demo", name="q1", title="문제 1", var="total", points=1, rule="합",
            examples=[Example((np.array([1, 2, 3]),)), Example((np.array([1, 2, 3]),))],
        )
        sealed[exercise.id] = [seal(6, f"{exercise.id}/0"), seal(6, f"{exercise.id}/1")]

        def total_and_spoil(values):
            result = int(values.sum())
            values[:] = 0
            return result

        assert exercise.evaluate({"total": total_and_spoil}).passed

    def test_missing_sealed_values_say_how_to_regenerate(self, sealed):
        exercise = FunctionExercise(chapter="99_demo", name="q9", title="문제 9", var="f", points=1, rule="r",
                                    examples=[Example((1,))])
        result = exercise.evaluate({"f": lambda x: x})
        assert result.status is Status.INCORRECT and "out of date" in result.message


class TestValueExercise:
    def test_right_wrong_and_wrong_type(self, sealed):
        exercise = ValueExercise(chapter="99_demo", name="q1", title="문제 1", var="answer", points=2,
                                 rule="정답은 3의 제곱입니다.", kind="정수")
        sealed[exercise.id] = [seal(9, f"{exercise.id}/0")]
        assert exercise.evaluate({"answer": 9}).status is Status.CORRECT
        wrong = exercise.evaluate({"answer": 8})
        assert wrong.status is Status.INCORRECT and "8" in wrong.message and "9" not in wrong.message.replace("3의 제곱", "")
        assert "정수" in exercise.evaluate({"answer": "9"}).message
        assert exercise.evaluate({}).status is Status.NOT_ATTEMPTED
        assert exercise.evaluate({"answer": ...}).status is Status.NOT_ATTEMPTED


class TestChoiceMapExercise:
    def exercise(self):
        return ChoiceMapExercise(chapter="99_demo", name="q3", title="문제 3", var="kinds", points=2, rule="r",
                                 choices=("회귀", "분류"), keys=("a", "b"))

    def test_complete_map_gets_the_same_format_message_right_or_wrong(self):
        right = self.exercise().evaluate({"kinds": {"a": "회귀", "b": "분류"}})
        wrong = self.exercise().evaluate({"kinds": {"a": "분류", "b": "회귀"}})
        assert right == wrong and right.status is Status.FORMAT_OK and right.passed
        assert "정답 여부" in right.message and "채점" in right.message

    @pytest.mark.parametrize(
        "value, status",
        [({"a": ..., "b": ...}, Status.NOT_ATTEMPTED), ({"a": "회귀"}, Status.INCORRECT),
         ({"a": "회귀", "b": ...}, Status.INCORRECT), ({"a": "회귀", "b": "군집"}, Status.INCORRECT),
         ({"a": "회귀", "b": "분류", "c": "회귀"}, Status.INCORRECT), (["회귀", "분류"], Status.INCORRECT)],
    )
    def test_incomplete_or_invalid_maps(self, value, status):
        assert self.exercise().evaluate({"kinds": value}).status is status

    def test_the_declaration_holds_no_answers(self):
        assert not hasattr(self.exercise(), "answers")


class TestCheckUnderNbgrader:
    def exercise(self):
        def verifier(value):
            if value != 1:
                raise Incorrect("1이어야 합니다.")
            return "확인했습니다."

        return CustomExercise(chapter="99_demo", name="q1", title="문제 1", var="x", points=1, rule="r",
                              verifier=verifier)

    def test_a_learner_session_never_raises(self, monkeypatch, capsys):
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
        self.exercise().check({"x": 2})
        assert "❌" in capsys.readouterr().out

    def test_validate_raises_one_korean_line_on_failure_and_passes_the_right_answer(self, monkeypatch, capsys):
        monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
        with pytest.raises(ExerciseFailed) as failure:
            self.exercise().check({"x": 2})
        assert failure.value._render_traceback_() == [str(failure.value)] and "1이어야" in str(failure.value)
        self.exercise().check({"x": 1})
        assert "✅" in capsys.readouterr().out

    def test_autograde_leaves_the_verdict_to_the_hidden_test(self, monkeypatch, capsys):
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        self.exercise().check({"x": 2})
        assert capsys.readouterr().out == ""


class TestHints:
    def test_hints_are_tiered_stop_at_the_last_and_carry_countable_metadata(self, sealed, monkeypatch):
        shown = []
        monkeypatch.setattr(checks, "show", lambda result, metadata=None: shown.append((result, metadata)))
        exercise = steps_exercise(sealed)
        exercise.hint()
        exercise.hint()
        exercise.hint()
        exercise.hint(1)
        exercise.hint(7)
        levels = [meta["dl_course"]["level"] for _, meta in shown if meta]
        assert levels == [1, 2, 2, 1]
        assert shown[0][1]["dl_course"] == {"kind": "hint", "chapter": "99_demo", "exercise": "q5", "level": 1, "levels": 2}
        assert "다시 실행하면" in shown[0][0].message and "다시 실행하면" not in shown[1][0].message
        assert "1부터 2까지" in shown[-1][0].message and shown[-1][1] is None
        json.dumps(shown[0][1])  # stored in the notebook as JSON


def test_html_escapes_learner_values():
    result = checks.Result(Status.INCORRECT, "문제 1", "값이 <script>입니다 `code`")
    assert "<script>" not in result._repr_html_() and re.search(r"<code[^>]*>code</code>", result._repr_html_())


def _contrast(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("status", list(Status))
def test_result_box_sets_its_own_readable_colours(status):
    """A light box must not inherit a dark theme's light text: the box names its text colour, and
    the label and the text both keep WCAG AA contrast (4.5:1) on its background (the browser test
    measures the same in JupyterLab's dark theme)."""
    box = checks.Result(status, "문제 1", "`x`를 확인하세요")._repr_html_()
    background = re.search(r"background:(#[0-9a-f]{6})", box).group(1)
    text = re.search(r";color:(#[0-9a-f]{6})", box).group(1)
    label = re.search(r'<b style="color:(#[0-9a-f]{6})', box).group(1)
    assert _contrast(background, text) >= 4.5 and _contrast(background, label) >= 4.5
    assert re.search(r'<code style="[^"]*color:#', box)  # code spans too: themes restyle <code>


def test_describe_is_short_for_big_arrays():
    text = describe(np.arange(10_000))
    assert len(text) <= 120 and "shape=(10000,)" in text


def test_call_learner_function_converts_failures():
    from course.checks import NotAttempted

    with pytest.raises(NotAttempted):
        call_learner_function("f", lambda: (_ for _ in ()).throw(NotImplementedError()))
    with pytest.raises(Incorrect, match="ZeroDivisionError"):
        call_learner_function("f", lambda x: 1 / x, 0)


def test_a_learners_warning_during_a_check_is_not_shown(sealed):
    """nbgrader scores a test cell with stderr output as 0: an honest answer that warns must not lose points."""
    import warnings

    def steps(n, b):
        warnings.warn("deprecated thing", UserWarning)
        return -(-n // b)

    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        assert steps_exercise(sealed).evaluate({"steps": steps}).passed
    assert shown == []
