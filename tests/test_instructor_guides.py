"""Every chapter has an instructor's guide with the five parts, naming each of its exercises."""

import re
from pathlib import Path

import pytest

from course.glossary import GLOSSARY, spacing_variants
from conftest import CHAPTERS
from autograder.notebooks import grade_cells, read_notebook

GUIDES = Path(__file__).resolve().parent.parent / "docs" / "instructor"
PARTS = ("수업 시간 배분", "학습 목표 ↔ 문제", "모범 답안과 토론 지도", "자주 하는 실수", "수업에서 Colab으로 실행하기")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.assignment_id)
def test_each_chapter_has_a_guide_with_the_five_parts_and_every_exercise(chapter):
    guide = GUIDES / f"{chapter.assignment_id}.md"
    assert guide.is_file(), f"write {guide}"
    text = guide.read_text(encoding="utf-8")
    headings = re.findall(r"(?m)^## (.+)$", text)
    for part in PARTS:
        assert any(part in heading for heading in headings), f"{guide.name}: no '## … {part}' section"
    exercises = sorted({c.metadata.nbgrader.grade_id.split("_")[0] for c in grade_cells(read_notebook(chapter.source))})
    missing = [q for q in exercises if not re.search(rf"\b{q}\b|문제 {q[1:]}\b", text)]
    assert missing == [], f"{guide.name} does not mention {missing}"
    assert f"{chapter.assignment_id}.md" in (GUIDES / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("guide", sorted(GUIDES.glob("*.md")), ids=lambda p: p.name)
def test_guides_use_the_glossary_terms(guide):
    text = guide.read_text(encoding="utf-8")
    found = [word for term in GLOSSARY for word in term.avoid if word in text]
    found += [m for term in GLOSSARY for m in spacing_variants(term.ko).findall(text) if m != term.ko]
    assert found == []
