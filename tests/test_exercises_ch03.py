"""Chapter 03's exercises accept the notebook's own solutions and reject known mistakes.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; every wrong answer must be INCORRECT with a message that says what was found
but never the expected value, and never a traceback. The hidden checks must catch data
leakage (an imputer or a scaler fitted on all the data), a wrong split size and a split
without stratification.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

from course.exercises import ch03
from exercise_harness import Chapter, ExerciseContract

LEAKAGE = "데이터 누수"


def _namespace() -> dict:
    """What the notebook's setup cell has imported by the time an answer cell runs (no TensorFlow)."""
    return {
        "np": np,
        "pd": pd,
        "train_test_split": train_test_split,
        "MinMaxScaler": MinMaxScaler,
        "StandardScaler": StandardScaler,
        "SimpleImputer": SimpleImputer,
        "OneHotEncoder": OneHotEncoder,
    }


CHAPTER = Chapter(
    "03_data_prep",
    ch03,
    function_exercises=["q1", "q2", "q3", "q4", "q5", "q6", "q7"],
    dict_exercises=["q8"],
    namespace=_namespace,
    leak_check=None,  # the messages are checked one by one below
    rerun_wrong_answers=True,
)
EXERCISES = CHAPTER.exercises
_notebook = CHAPTER.notebook
_run = CHAPTER.run
_solution = CHAPTER.solution
_assert_incorrect = CHAPTER.assert_incorrect
_demo_answers = CHAPTER.demo_answers


# ---------------------------------------------------------------------------
# Wrong answers: (source, caught by the visible self-check too?)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # one-hot part first
            "def house_to_vector(house, street_names):\n"
            "    street = [1 if s == house['street_name'] else 0 for s in street_names]\n"
            "    return np.array(street + [house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']], dtype=float)\n",
            True,
        ),
        (  # sorts the street names instead of keeping their order
            "def house_to_vector(house, street_names):\n"
            "    street = [1 if s == house['street_name'] else 0 for s in sorted(street_names)]\n"
            "    return np.array([house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']] + street, dtype=float)\n",
            True,
        ),
        (  # crashes on a street that is not in the list
            "def house_to_vector(house, street_names):\n"
            "    street = np.zeros(len(street_names))\n"
            "    street[street_names.index(house['street_name'])] = 1\n"
            "    return np.concatenate([[house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']], street])\n",
            False,
        ),
        (  # relies on the dictionary's key order
            "def house_to_vector(house, street_names):\n"
            "    numbers = [v for v in house.values() if not isinstance(v, str)]\n"
            "    street = [1 if s == house['street_name'] else 0 for s in street_names]\n"
            "    return np.array(numbers + street, dtype=float)\n",
            False,
        ),
    ],
    "q2": [
        ("def count_missing(df):\n    return df.isna().sum()\n", True),
        ("def count_missing(df):\n    return int(df.isna().any(axis=1).sum())\n", True),
        ("def count_missing(df):\n    s = df.isna().sum(axis=1)\n    return s[s > 0]\n", True),
        ("def count_missing(df):\n    return df.select_dtypes('number').isna().sum().loc[lambda s: s > 0]\n", True),
        ("def count_missing(df):\n    s = df.isna().sum()\n    return s[s > 0].sort_values(ascending=False)\n", True),
        # Off by one: drops the columns with exactly one gap (penguins have none of those).
        ("def count_missing(df):\n    s = df.isna().sum()\n    return s[s > 1]\n", False),
    ],
    "q3": [
        (  # one split only: the test part doubles as the validation part
            "def split_three_ways(X, y, seed):\n"
            "    x_tr, x_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)\n"
            "    return x_tr, x_te, x_te, y_tr, y_te, y_te\n",
            True,
        ),
        (  # wrong split size: 20 % of the rest is only 16 % of all the data
            "def split_three_ways(X, y, seed):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=0.2, stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            True,
        ),
        (  # test_size=20 means 20 samples, not 20 %
            "def split_three_ways(X, y, seed):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=20, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=20, stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            True,
        ),
        (  # no stratify
            "def split_three_ways(X, y, seed):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=0.2, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=0.25, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            True,
        ),
        (  # X and y split with different random states: pairs broken
            "def split_three_ways(X, y, seed):\n"
            "    x_r, x_te = train_test_split(X, test_size=0.2, random_state=seed)\n"
            "    y_r, y_te = train_test_split(y, test_size=0.2, random_state=seed + 1)\n"
            "    x_tr, x_va = train_test_split(x_r, test_size=0.25, random_state=seed)\n"
            "    y_tr, y_va = train_test_split(y_r, test_size=0.25, random_state=seed + 1)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            True,
        ),
        (  # ignores the seed argument
            "def split_three_ways(X, y, seed):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=0.25, stratify=y_r, random_state=42)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            False,
        ),
    ],
    "q4": [
        (  # leakage: median of train and test together
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = pd.concat([train, test])[columns].median()\n"
            "    return train.fillna(medians), test.fillna(medians)\n",
            True,
        ),
        (  # leakage: each part filled with its own median
            "def fill_with_train_median(train, test, columns):\n"
            "    return train.fillna(train[columns].median()), test.fillna(test[columns].median())\n",
            True,
        ),
        (
            "def fill_with_train_median(train, test, columns):\n"
            "    means = train[columns].mean()\n"
            "    return train.fillna(means), test.fillna(means)\n",
            True,
        ),
        (
            "def fill_with_train_median(train, test, columns):\n"
            "    return train.fillna({c: 0 for c in columns}), test.fillna({c: 0 for c in columns})\n",
            True,
        ),
        (  # fills the caller's frames in place
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = train[columns].median()\n"
            "    train[columns] = train[columns].fillna(medians)\n"
            "    test[columns] = test[columns].fillna(medians)\n"
            "    return train, test\n",
            True,
        ),
        (  # fills every numeric column, not only `columns`
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = train.median(numeric_only=True)\n"
            "    return train.fillna(medians), test.fillna(medians)\n",
            False,
        ),
    ],
    "q5": [
        ("def encode_categoricals(df, columns):\n    return pd.get_dummies(df, columns=columns)\n", True),
        ("def encode_categoricals(df, columns):\n    return pd.get_dummies(df, columns=columns, dtype=int, drop_first=True)\n", True),
        ("def encode_categoricals(df, columns):\n    return pd.get_dummies(df, dtype=int)\n", True),
        ("def encode_categoricals(df, columns):\n    return pd.get_dummies(df, columns=columns, dtype=int, dummy_na=True)\n", True),
        (  # label encoding instead of dummies
            "def encode_categoricals(df, columns):\n"
            "    out = df.copy()\n"
            "    for c in columns:\n"
            "        out[c] = out[c].astype('category').cat.codes\n"
            "    return out\n",
            True,
        ),
        (  # loses the row labels of the dummies, so pd.concat misaligns rows on another index
            "def encode_categoricals(df, columns):\n"
            "    dummies = pd.get_dummies(df[columns].reset_index(drop=True), dtype=int)\n"
            "    return pd.concat([df.drop(columns=columns), dummies], axis=1)\n",
            False,
        ),
    ],
    "q6": [
        (  # pd.cut's default right=True puts a boundary value in the left bin
            "def bin_body_mass(values):\n"
            "    return pd.cut(pd.Series(values), bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['가벼움', '보통', '무거움', '아주 무거움'])\n",
            False,
        ),
        (  # quantile bins instead of the given edges
            "def bin_body_mass(values):\n"
            "    return pd.qcut(pd.Series(values), q=4, labels=['가벼움', '보통', '무거움', '아주 무거움'])\n",
            True,
        ),
        (  # bin numbers instead of names
            "def bin_body_mass(values):\n"
            "    return pd.Series(np.digitize(values, [3500, 4500, 5500]))\n",
            True,
        ),
        (  # a missing value ends up in the last bin
            "def bin_body_mass(values):\n"
            "    v = np.asarray(values, dtype=float)\n"
            "    return pd.Series(np.where(v < 3500, '가벼움', np.where(v < 4500, '보통',\n"
            "                     np.where(v < 5500, '무거움', '아주 무거움'))))\n",
            True,
        ),
        (  # labels in the wrong order
            "def bin_body_mass(values):\n"
            "    return pd.cut(pd.Series(values), bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['아주 무거움', '무거움', '보통', '가벼움'], right=False)\n",
            True,
        ),
    ],
    "q7": [
        (  # leakage: scaler fitted on train and test together
            "def scale_train_test(x_train, x_test):\n"
            "    from sklearn.preprocessing import MinMaxScaler\n"
            "    scaler = MinMaxScaler().fit(np.vstack([x_train, x_test]))\n"
            "    return scaler.transform(x_train), scaler.transform(x_test)\n",
            True,
        ),
        (  # fit_transform on the test part too
            "def scale_train_test(x_train, x_test):\n"
            "    from sklearn.preprocessing import MinMaxScaler\n"
            "    return MinMaxScaler().fit_transform(x_train), MinMaxScaler().fit_transform(x_test)\n",
            True,
        ),
        (  # standardization instead of min-max normalization
            "def scale_train_test(x_train, x_test):\n"
            "    from sklearn.preprocessing import StandardScaler\n"
            "    scaler = StandardScaler().fit(x_train)\n"
            "    return scaler.transform(x_train), scaler.transform(x_test)\n",
            True,
        ),
        (  # scaler fitted on the test part
            "def scale_train_test(x_train, x_test):\n"
            "    low, high = x_test.min(axis=0), x_test.max(axis=0)\n"
            "    return (x_train - low) / (high - low), (x_test - low) / (high - low)\n",
            True,
        ),
        (  # scales the caller's arrays in place
            "def scale_train_test(x_train, x_test):\n"
            "    low, high = x_train.min(axis=0), x_train.max(axis=0)\n"
            "    x_train -= low\n"
            "    x_train /= high - low\n"
            "    x_test -= low\n"
            "    x_test /= high - low\n"
            "    return x_train, x_test\n",
            True,
        ),
    ],
    "q8": [
        (
            'leakage_cases = {"a": "안전", "b": "누수", "c": "누수", "d": "누수", "e": "안전", "f": "안전", "g": "누수"}\n',
            True,
        ),
        ('leakage_cases = {k: "누수" for k in "abcdefg"}\n', True),
        (  # test accuracy used to pick the epochs judged safe
            'leakage_cases = {"a": "누수", "b": "안전", "c": "누수", "d": "안전", "e": "안전", "f": "안전", "g": "누수"}\n',
            True,
        ),
        (
            'leakage_cases = {"a": "누수", "b": "누수 아님", "c": "누수", "d": "누수", "e": "안전", "f": "안전", "g": "누수"}\n',
            True,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# The notebook and the declarations agree
# ---------------------------------------------------------------------------


def test_notebook_ends_in_a_keras_model_fed_with_nfeatures():
    code = "\n".join(c.source for c in _notebook().cells if c.cell_type == "code")
    assert "nfeatures = x_train.shape[1]" in code
    assert "sparse_categorical_crossentropy" in code and "softmax" in code
    assert "plots.plot_history(history" in code and "model.evaluate(x_test, y_test" in code
    assert code.count("model.evaluate(") == 1  # the test data is used once, at the end


# ---------------------------------------------------------------------------
# Solutions pass, blanks are not attempted
# ---------------------------------------------------------------------------


def test_other_correct_ways_also_pass():
    """Equivalent answers written differently are accepted too."""
    others = {
        "q3": (  # test+val first, then halves: sizes differ from the solution's by one
            "def split_three_ways(X, y, seed):\n"
            "    x_tr, x_tmp, y_tr, y_tmp = train_test_split(X, y, test_size=0.4, stratify=y, random_state=seed)\n"
            "    x_va, x_te, y_va, y_te = train_test_split(x_tmp, y_tmp, test_size=0.5, stratify=y_tmp, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n"
        ),
        "q4": (  # SimpleImputer on the listed columns
            "def fill_with_train_median(train, test, columns):\n"
            "    imputer = SimpleImputer(strategy='median').fit(train[columns])\n"
            "    a, b = train.copy(), test.copy()\n"
            "    a[columns] = imputer.transform(train[columns])\n"
            "    b[columns] = imputer.transform(test[columns])\n"
            "    return a, b\n"
        ),
        "q6": (  # a loop with plain if/elif, returning a Series of strings and None
            "def bin_body_mass(values):\n"
            "    out = []\n"
            "    for v in values:\n"
            "        if pd.isna(v): out.append(None)\n"
            "        elif v < 3500: out.append('가벼움')\n"
            "        elif v < 4500: out.append('보통')\n"
            "        elif v < 5500: out.append('무거움')\n"
            "        else: out.append('아주 무거움')\n"
            "    return pd.Series(out)\n"
        ),
        "q7": (  # NumPy only
            "def scale_train_test(x_train, x_test):\n"
            "    low, high = x_train.min(axis=0), x_train.max(axis=0)\n"
            "    return (x_train - low) / (high - low), (x_test - low) / (high - low)\n"
        ),
    }
    for name, source in others.items():
        result = EXERCISES[name].evaluate(_run(source), hidden=True)
        assert result.passed, (name, result)


# ---------------------------------------------------------------------------
# Wrong answers are rejected without giving the answer away
# ---------------------------------------------------------------------------


def test_scaler_fitted_on_train_and_test_is_rejected_as_leakage():
    result = _assert_incorrect("q7", _run(WRONG["q7"][0][0]), visible=True)
    assert LEAKAGE in result.message
    # The hidden inputs catch it on their own, whatever the visible data.
    with pytest.raises(ch03.Incorrect, match=LEAKAGE):
        ch03._verify_scale_hidden(_run(WRONG["q7"][0][0])["scale_train_test"])


def test_scaler_refitted_on_the_test_part_is_named_in_the_message():
    result = _assert_incorrect("q7", _run(WRONG["q7"][1][0]), visible=True)
    assert "fit_transform" in result.message and "테스트" in result.message


def test_imputer_using_all_data_is_rejected_as_leakage():
    result = _assert_incorrect("q4", _run(WRONG["q4"][0][0]), visible=True)
    assert LEAKAGE in result.message and "전체 데이터" in result.message
    with pytest.raises(ch03.Incorrect, match=LEAKAGE):
        ch03._verify_fill_hidden(_run(WRONG["q4"][0][0])["fill_with_train_median"])
    own = _assert_incorrect("q4", _run(WRONG["q4"][1][0]), visible=True)
    assert LEAKAGE in own.message and "테스트 데이터 자신" in own.message


def test_imputer_message_does_not_show_the_train_median():
    train, test = ch03._penguin_fill_data()
    result = _assert_incorrect("q4", _run(WRONG["q4"][0][0]), visible=True)
    right = train["bill_length_mm"].median()  # 44.25 here; the leaky value is 44.45
    assert f"{right:g}" not in result.message and "44.45" in result.message


def test_wrong_split_size_is_rejected_without_the_expected_sizes():
    result = _assert_incorrect("q3", _run(WRONG["q3"][1][0]), visible=True)
    assert "나눈 크기" in result.message and "학습 218개" in result.message
    assert "204" not in result.message and "205" not in result.message
    with pytest.raises(ch03.Incorrect, match="나눈 크기"):
        ch03._verify_split_hidden(_run(WRONG["q3"][1][0])["split_three_ways"])


def test_split_without_stratify_is_rejected():
    result = _assert_incorrect("q3", _run(WRONG["q3"][3][0]), visible=True)
    assert "stratify" in result.message
    with pytest.raises(ch03.Incorrect, match="stratify"):
        ch03._verify_split_hidden(_run(WRONG["q3"][3][0])["split_three_ways"])


def test_split_that_ignores_the_seed_is_caught_by_the_hidden_check():
    result = _assert_incorrect("q3", _run(WRONG["q3"][5][0]))
    assert "seed" in result.message


def test_count_missing_messages_do_not_name_the_columns_with_gaps():
    zeros = _assert_incorrect("q2", _run(WRONG["q2"][0][0]), visible=True)
    assert "'species'" in zeros.message and "'sex'" not in zeros.message
    off_by_one = _assert_incorrect("q2", _run(WRONG["q2"][5][0]))
    assert "빠진 열" in off_by_one.message
    assert "메뉴" not in off_by_one.message and "가격" not in off_by_one.message


def test_encode_message_explains_bool_dummies():
    result = _assert_incorrect("q5", _run(WRONG["q5"][0][0]), visible=True)
    assert "bool" in result.message and "dtype=int" in result.message


def test_binning_boundary_mistake_shows_what_was_returned_only():
    result = _assert_incorrect("q6", _run(WRONG["q6"][0][0]))
    assert "경계값" in result.message
    # The case with 3,500 first: the learner's own (wrong) label comes first in the message.
    assert "['가벼움', '보통', '무거움'" in result.message


def test_house_vector_message_does_not_show_the_expected_vector():
    result = _assert_incorrect("q1", _run(WRONG["q1"][0][0]), visible=True)
    assert "[ 0., 1., 0., 0., 6., 3., -1.]" in result.message
    assert "[ 6., 3., -1., 0., 1., 0., 0.]" not in result.message


def test_choice_map_message_does_not_reveal_the_right_choice():
    exercise = EXERCISES["q8"]
    result, wrong_keys = CHAPTER.wrong_choices("q8", WRONG["q8"][0][0])
    assert wrong_keys == ["a", "b"]
    assert "누수" not in result.message.replace(exercise.rule, "").replace("데이터 누수", "")


def test_checks_do_not_modify_their_own_cases():
    """A learner's function that mutates its inputs cannot spoil the next check."""
    mutating = _run(
        "def house_to_vector(house, street_names):\n"
        "    name = house.pop('street_name')\n"
        "    street_names.reverse()\n"
        "    return np.zeros(3 + len(street_names))\n"
    )
    _assert_incorrect("q1", mutating, visible=True)
    assert EXERCISES["q1"].evaluate(_solution("q1"), hidden=True).passed


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def test_demo_answers_include_a_leaky_scaler():
    source = _demo_answers()["q7_answer"]
    assert "vstack" in source or "concatenate" in source

