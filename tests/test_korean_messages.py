"""Student-facing messages: Korean particles after names, the Markdown the boxes render, blanks."""

import re
from pathlib import Path

import pytest

from course.checks import Result, Status, ValueExercise
from course.korean import particle, with_particle

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("word, expected", [
    ("best_approach", "best_approach가"), ("history", "history가"), ("scores", "scores가"), ("X", "X가"),
    ("model", "model이"), ("X_train", "X_train이"), ("top", "top이"), ("cnn_model", "cnn_model이"),
    ("q1", "q1이"), ("q2", "q2가"), ("모델", "모델이"), ("데이터", "데이터가"), ("정수(int)", "정수(int)가"),
    ("koreanize-matplotlib", "koreanize-matplotlib이"), ("keras-tuner", "keras-tuner가"), ("output", "output가"),
])
def test_subject_particle_follows_how_the_name_is_read(word, expected):
    assert with_particle(word, "이") == expected
    assert with_particle(word, "가") == expected  # either form may be written


def test_each_particle_pair_and_the_rieul_rule_of_euro():
    assert [particle("model", p) for p in ("은", "을", "과", "으로")] == ["은", "을", "과", "로"]  # 모델로: ㄹ takes 로
    assert [particle("X_train", p) for p in ("은", "을", "과", "으로")] == ["은", "을", "과", "으로"]
    assert [particle("history", p) for p in ("은", "을", "과", "으로")] == ["는", "를", "와", "로"]
    assert with_particle("y_pred", "이", code=True) == "`y_pred`가"
    with pytest.raises(ValueError):
        particle("model", "의")


def test_no_message_writes_both_particles_after_a_name():
    pattern = re.compile(r"\}`(이\(가\)|은\(는\)|을\(를\)|과\(와\))")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for folder in ("course", "autograder/keys", "autograder")
                 for path in sorted((ROOT / folder).glob("**/*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line)]
    assert offenders == []


def test_hints_and_rules_say_problem_as_the_notebooks_do():
    texts = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "course" / "exercises").glob("*.py"))
    assert "과제 설명" not in texts


def test_bold_renders_in_the_box_and_disappears_in_plain_text_but_not_inside_code():
    result = Result(Status.HINT, "문제 2", "생성기를 **한 번만** 만드세요. 거듭제곱은 `2 ** 3`처럼 씁니다.")
    html = result._repr_html_()
    assert "<strong>한 번만</strong>" in html and re.search(r"<code[^>]*>2 \*\* 3</code>", html) and "**" not in html.replace("2 ** 3", "")
    assert str(result).endswith("생성기를 한 번만 만드세요. 거듭제곱은 `2 ** 3`처럼 씁니다.")


def test_the_blank_left_in_an_answer_is_named_as_a_blank():
    exercise = ValueExercise(chapter="01_ml_process", name="q9", title="문제 9", var="answer", points=1,
                             rule="값을 넣으세요.", hints=["h"], kind="정수(int)")
    blank = exercise.evaluate({"answer": ...})
    assert blank.status is Status.NOT_ATTEMPTED and "빈칸 `...`이 그대로" in blank.message
    assert "Ellipsis" not in blank.message
    missing = exercise.evaluate({})
    assert missing.message.startswith("`answer`가 아직 정의되지 않았습니다")
