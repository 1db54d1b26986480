"""The exercise engine: outcomes, messages that never reveal the answer, hints, grading."""

import numpy as np
import pytest

from course.checks import (
    Case,
    ChoiceExercise,
    ChoiceMapExercise,
    CustomExercise,
    ExerciseFailed,
    FunctionExercise,
    Incorrect,
    Status,
    ValueExercise,
    call_learner_function,
    describe,
    values_match,
)


def value_exercise(**overrides):
    options = dict(title="문제 1", var="answer", points=2, rule="정답은 3의 제곱입니다.", expected=9, hints=("첫 힌트", "둘째 힌트"))
    options.update(overrides)
    return ValueExercise(**options)


def steps_exercise():
    return FunctionExercise(
        title="문제 5",
        var="steps",
        points=2,
        rule="스텝 수는 샘플 수를 배치 크기로 나눠 올림한 값입니다.",
        cases=[Case((1000, 20), 50)],
        hidden_cases=[Case((1000, 32), 32)],
    )


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


class TestValueExercise:
    def test_correct_answer_passes(self):
        result = value_exercise().evaluate({"answer": 9})
        assert result.status is Status.CORRECT and result.passed

    def test_missing_variable_is_not_attempted(self):
        result = value_exercise().evaluate({})
        assert result.status is Status.NOT_ATTEMPTED
        assert "`answer`" in result.message

    @pytest.mark.parametrize("placeholder", [None, ...])
    def test_placeholder_is_not_attempted(self, placeholder):
        assert value_exercise().evaluate({"answer": placeholder}).status is Status.NOT_ATTEMPTED

    def test_wrong_answer_names_variable_shows_value_states_rule_hides_answer(self):
        result = value_exercise().evaluate({"answer": 7})
        assert result.status is Status.INCORRECT
        assert "`answer`" in result.message and "7" in result.message
        assert "3의 제곱" in result.message
        assert "9" not in result.message

    def test_wrong_type_says_a_number_is_needed(self):
        result = value_exercise().evaluate({"answer": "nine"})
        assert result.status is Status.INCORRECT and "숫자" in result.message


class TestChoiceExercises:
    def test_choice_right_wrong_invalid(self):
        exercise = ChoiceExercise(title="문제", var="pick", points=1, rule="재현율을 떠올리세요.", choices=("A", "B"), answer="A")
        assert exercise.evaluate({"pick": " A"}).passed
        wrong = exercise.evaluate({"pick": "B"})
        assert wrong.status is Status.INCORRECT and "'A'" not in wrong.message
        invalid = exercise.evaluate({"pick": "C"})
        assert invalid.status is Status.INCORRECT and "'A', 'B'" in invalid.message

    def test_choice_map_counts_correct_items_without_revealing_answers(self):
        exercise = ChoiceMapExercise(
            title="문제", var="kinds", points=2, rule="출력의 형태를 보세요.",
            choices=("회귀", "이진 분류", "다중 분류"), answers={"a": "회귀", "b": "다중 분류"},
        )
        assert exercise.evaluate({"kinds": {"a": "회귀", "b": "다중 분류"}}).passed
        wrong = exercise.evaluate({"kinds": {"a": "회귀", "b": "이진 분류"}})
        assert wrong.status is Status.INCORRECT
        assert "2개 중 1개" in wrong.message and "'b'" in wrong.message and "다중 분류" not in wrong.message

    def test_choice_map_not_attempted_missing_and_wrong_type(self):
        exercise = ChoiceMapExercise(title="문제", var="kinds", points=2, rule="", choices=("x", "y"), answers={"a": "x", "b": "y"})
        assert exercise.evaluate({"kinds": {"a": ..., "b": ...}}).status is Status.NOT_ATTEMPTED
        assert "'b'" in exercise.evaluate({"kinds": {"a": "x"}}).message
        assert exercise.evaluate({"kinds": ["x", "y"]}).status is Status.INCORRECT


class TestFunctionExercise:
    def test_solution_passes_visible_and_hidden(self):
        def steps(n, batch):
            return -(-n // batch)

        assert steps_exercise().evaluate({"steps": steps}, hidden=True).passed

    def test_hidden_case_catches_what_visible_check_misses(self):
        def floor_steps(n, batch):
            return n // batch

        exercise = steps_exercise()
        assert exercise.evaluate({"steps": floor_steps}).passed  # visible case divides evenly
        hidden = exercise.evaluate({"steps": floor_steps}, hidden=True)
        assert hidden.status is Status.INCORRECT
        assert "steps(1000, 32)" in hidden.message and "31" in hidden.message and "32" not in hidden.message.replace("steps(1000, 32)", "")

    def test_unfinished_function_is_not_attempted(self):
        def steps(n, batch):
            raise NotImplementedError()

        assert steps_exercise().evaluate({"steps": steps}).status is Status.NOT_ATTEMPTED

    def test_crashing_function_is_incorrect_without_traceback(self):
        def steps(n, batch):
            return n / 0

        result = steps_exercise().evaluate({"steps": steps})
        assert result.status is Status.INCORRECT
        assert "ZeroDivisionError" in result.message and "Traceback" not in result.message

    def test_non_callable_is_incorrect(self):
        result = steps_exercise().evaluate({"steps": 50})
        assert result.status is Status.INCORRECT and "def steps" in result.message


class TestCustomExercise:
    def test_verifiers_run_and_unexpected_errors_become_messages(self):
        def must_be_sorted(value):
            if list(value) != sorted(value):
                raise Incorrect("`order`가 정렬되어 있지 않습니다.")

        def hidden(value):
            if len(value) < 3:
                raise Incorrect("`order`에 원소가 3개 이상 있어야 합니다.")

        exercise = CustomExercise(title="문제", var="order", points=1, rule="", verifier=must_be_sorted, hidden_verifier=hidden)
        assert exercise.evaluate({"order": [1, 2, 3]}, hidden=True).passed
        assert exercise.evaluate({"order": [1, 2]}).passed
        assert exercise.evaluate({"order": [1, 2]}, hidden=True).status is Status.INCORRECT
        assert exercise.evaluate({"order": [2, 1]}).status is Status.INCORRECT
        broken = exercise.evaluate({"order": 5})  # list(5) raises TypeError inside the verifier
        assert broken.status is Status.INCORRECT and "TypeError" in broken.message


class TestGradeAndDisplay:
    def test_grade_raises_exercise_failed_rendered_as_one_line(self):
        with pytest.raises(ExerciseFailed) as caught:
            value_exercise().grade({"answer": 1})
        rendered = caught.value._render_traceback_()
        assert len(rendered) == 1 and "문제 1" in rendered[0] and "9" not in rendered[0]

    def test_grade_passes_silently_for_the_right_answer(self, capsys):
        value_exercise().grade({"answer": 9})
        assert "정답" in capsys.readouterr().out

    def test_check_prints_one_message_outside_jupyter(self, capsys):
        value_exercise().check({"answer": 2})
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and "❌" in out

    def test_html_escapes_learner_values(self):
        html = value_exercise().evaluate({"answer": "<script>"})._repr_html_()
        assert "<script>" not in html and "&lt;script&gt;" in html

    def test_hints_are_tiered_and_stop_at_the_last(self, capsys):
        exercise = value_exercise()
        for _ in range(3):
            exercise.hint()
        lines = capsys.readouterr().out.splitlines()
        assert "(1/2) 첫 힌트" in lines[0] and "(2/2) 둘째 힌트" in lines[1] and "(2/2)" in lines[2]
        exercise.hint(1)
        assert "(1/2)" in capsys.readouterr().out
        exercise.hint(5)
        assert "1부터 2까지" in capsys.readouterr().out


def test_describe_is_short_for_big_arrays():
    text = describe(np.arange(10_000))
    assert "shape=(10000,)" in text and len(text) <= 120


def test_call_learner_function_converts_failures():
    from course.checks import NotAttempted

    with pytest.raises(NotAttempted):
        call_learner_function("f", lambda: (_ for _ in ()).throw(NotImplementedError()))
    with pytest.raises(Incorrect, match="KeyError"):
        call_learner_function("f", lambda: {}["x"])
