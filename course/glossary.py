"""The course's English ↔ Korean glossary: one Korean term for each English term, in every chapter.

    from course import glossary
    glossary.lookup("overfitting")   # → [Term(en='overfitting', ko='과대적합', ...)]
    glossary.lookup("규제")

``avoid`` lists other translations (or misuses) of the same English term that the course does not
use; a spacing variant of ``ko`` (경사 하강법 for 경사하강법) is never used either. The test suite
checks every notebook and every student-facing message against this table (tests/test_glossary.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GLOSSARY", "Term", "lookup", "spacing_variants"]


@dataclass(frozen=True)
class Term:
    en: str
    ko: str
    avoid: tuple[str, ...] = ()
    note: str = ""


GLOSSARY: tuple[Term, ...] = (
    Term("machine learning", "머신러닝"),
    Term("deep learning", "딥러닝"),
    Term("artificial intelligence", "인공지능"),
    Term("neural network", "신경망"),
    Term("feature", "특성", avoid=("피처", "특징 엔지니어링", "특징 추출", "특징 맵"),
         note="'특징'은 일반적인 뜻(성질)으로만 씁니다."),
    Term("label", "레이블", avoid=("라벨",)),
    Term("dataset", "데이터셋", avoid=("데이터 세트", "데이터세트")),
    Term("training data", "학습 데이터", avoid=("훈련 데이터",)),
    Term("validation data", "검증 데이터"),
    Term("test data", "테스트 데이터"),
    Term("missing value", "결측치", avoid=("결측값",)),
    Term("prediction (predicted value)", "예측값"),
    Term("actual value", "실제값"),
    Term("overfitting", "과대적합", avoid=("과적합", "오버피팅")),
    Term("underfitting", "과소적합", avoid=("언더피팅",)),
    Term("regularization", "규제",
         avoid=("정규화(Regularization)", "정규화(regularization)", "L1 정규화", "L2 정규화", "정규화 항", "가중치 정규화"),
         note="'정규화'는 normalization(Min-Max)에만 씁니다."),
    Term("normalization (Min-Max)", "정규화"),
    Term("standardization", "표준화"),
    Term("one-hot encoding", "원핫 인코딩", avoid=("원-핫",)),
    Term("hyperparameter", "하이퍼파라미터", avoid=("초매개변수", "하이퍼 파라미터")),
    Term("epoch", "에폭", avoid=("에포크",)),
    Term("batch size", "배치 크기"),
    Term("learning rate", "학습률"),
    Term("gradient descent", "경사하강법"),
    Term("loss function", "손실 함수"),
    Term("activation function", "활성화 함수"),
    Term("hidden layer", "은닉층"),
    Term("layer", "층", avoid=("레이어",)),
    Term("weight", "가중치"),
    Term("bias", "편향", avoid=("바이어스",)),
    Term("learning curve", "학습 곡선"),
    Term("decision boundary", "결정 경계"),
    Term("cross-validation", "교차 검증"),
    Term("early stopping", "조기 종료"),
    Term("accuracy", "정확도"),
    Term("precision", "정밀도"),
    Term("recall", "재현율", avoid=("재현도",)),
    Term("confusion matrix", "혼동행렬", avoid=("오차행렬", "오차 행렬")),
    Term("threshold", "임계값", avoid=("문턱값", "임곗값")),
    Term("convolution", "합성곱"),
    Term("pooling", "풀링"),
    Term("stride", "스트라이드"),
    Term("recurrent neural network", "순환 신경망"),
    Term("time series", "시계열"),
    Term("sequence", "시퀀스", avoid=("순서열",)),
    Term("embedding", "임베딩"),
    Term("inference", "추론"),
    Term("permutation importance", "순열 중요도"),
    Term("explainable AI", "설명 가능한 AI"),
)


def lookup(word: str) -> list[Term]:
    """Entries whose English or Korean term contains ``word`` (case and spaces ignored)."""
    key = re.sub(r"\s+", "", word).lower()
    return [t for t in GLOSSARY if key and (key in re.sub(r"\s+", "", t.en).lower() or key in t.ko.replace(" ", ""))]


def spacing_variants(term: str) -> re.Pattern:
    """A pattern for ``term`` written with other spacing (경사 하강법, 학습데이터); the term itself matches too."""
    letters = [ch for ch in term if not ch.isspace()]
    return re.compile(r"\s?".join(re.escape(ch) for ch in letters))
