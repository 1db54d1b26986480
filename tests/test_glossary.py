"""One Korean term per English term, everywhere students read (course/glossary.py)."""

import json
from pathlib import Path

import pytest

from course import glossary

ROOT = Path(__file__).resolve().parent.parent


def student_texts() -> dict[str, str]:
    """Every notebook cell (by chapter and cell) and every module whose messages students see."""
    texts = {}
    for path in sorted((ROOT / "source_notebooks").glob("*/*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            texts[f"{path.parent.name} cell {index}"] = "".join(cell["source"])
    for folder in ("course", "autograder/keys"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name != "glossary.py":
                texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


TEXTS = student_texts()


@pytest.mark.parametrize("term", glossary.GLOSSARY, ids=lambda t: t.en)
def test_each_english_term_has_one_korean_term_everywhere(term):
    found = []
    for place, text in TEXTS.items():
        found += [f"{place}: {word!r}" for word in term.avoid if word in text]
        found += [f"{place}: {match!r} (spacing)" for match in glossary.spacing_variants(term.ko).findall(text)
                  if match != term.ko]
    assert found == [], f"{term.en} is '{term.ko}' in this course"


def test_terms_are_unique_and_lookup_finds_both_ways():
    assert len({t.en for t in glossary.GLOSSARY}) == len(glossary.GLOSSARY)
    assert len({t.ko for t in glossary.GLOSSARY}) == len(glossary.GLOSSARY)
    assert [t.ko for t in glossary.lookup("Overfitting")] == ["과대적합"]
    assert [t.en for t in glossary.lookup("경사 하강법")] == ["gradient descent"]
    assert glossary.lookup("") == []


def test_the_glossary_detector_catches_variants():
    assert glossary.spacing_variants("경사하강법").findall("경사 하강법과 경사하강법") == ["경사 하강법", "경사하강법"]
    assert glossary.spacing_variants("학습 데이터").findall("학습데이터") == ["학습데이터"]
