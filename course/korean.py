"""Korean particles after words the course cannot know in advance (a learner's variable name,
a package name): ``with_particle("model", "이")`` → ``"model이"``, ``with_particle("history", "이")``
→ ``"history가"``.

A particle depends on whether the word, read aloud, ends in a final consonant (받침). Hangul is
exact; digits are read as Sino-Korean numbers (1 일, 7 칠, 8 팔 end in ㄹ); a single Latin letter
by its name (L 엘, M 엠, N 엔, R 알); a longer Latin word by how Korean usually borrows its
ending (model 모델, train 트레인, top 톱; history 히스토리, approach 어프로치, mask 마스크).
"""

from __future__ import annotations

__all__ = ["particle", "with_particle"]

# particle written after a final consonant → after a vowel
_PAIRS = {"이": "가", "은": "는", "을": "를", "과": "와", "으로": "로", "이다": "다", "아": "야"}
_ALIASES = {after_vowel: after_consonant for after_consonant, after_vowel in _PAIRS.items()}

_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_VOWELS = set("aeiou")
_TRAILING = " \t`'\"*.,;:!?]}>"


def _final(word: str) -> str:
    """The final consonant of ``word`` read aloud ("" for a vowel ending), e.g. "ㄹ", "ㄴ"."""
    word = word.rstrip(_TRAILING)
    if word.endswith(")") and "(" in word:  # "정수(int)": the particle follows the word before the note
        word = word[: word.rindex("(")].rstrip()
    if not word:
        return ""
    last = word[-1]
    if "가" <= last <= "힣":
        index = (ord(last) - ord("가")) % 28
        return "" if index == 0 else ("ㄹ" if index == 8 else "ㄱ")
    if last.isdigit():
        return _DIGIT_FINAL.get(last, "")
    tail = "".join(ch for ch in word.lower() if ch.isalpha())[-3:]
    if not tail:
        return ""
    if len(word) == 1 or not word[-2].isalpha():  # a single letter: its name
        return _LETTER_FINAL.get(tail[-1], "")
    return _borrowed_final(tail)


def _borrowed_final(tail: str) -> str:
    if tail.endswith("ng"):
        return "ㅇ"
    if tail[-1] == "l":
        return "ㄹ"
    if tail[-1] in "mn":
        return "ㅁ" if tail[-1] == "m" else "ㄴ"
    if tail[-1] in "kpbt" and len(tail) >= 2 and (tail[-2] in _VOWELS or tail[-2:] == "ck"):
        return "" if tail.endswith(("put", "ute")) else "ㄱ"  # output 아웃풋; top 톱, book 북, set 셋
    return ""


def particle(word: str, written: str) -> str:
    """The right form of ``written`` ("이"/"가", "은"/"는", "을"/"를", "과"/"와", "으로"/"로") after ``word``."""
    after_consonant = _ALIASES.get(written, written)
    if after_consonant not in _PAIRS:
        raise ValueError(f"unknown particle {written!r}; one of {', '.join(_PAIRS)}")
    final = _final(word)
    if after_consonant == "으로":
        return "으로" if final not in ("", "ㄹ") else "로"
    return after_consonant if final else _PAIRS[after_consonant]


def with_particle(word: str, written: str, *, code: bool = False) -> str:
    """``word`` followed by the right particle; ``code=True`` wraps the word in backticks."""
    shown = f"`{word}`" if code else word
    return shown + particle(word, written)
