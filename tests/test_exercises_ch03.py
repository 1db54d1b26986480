"""Chapter 03's exercises: the notebook's solutions pass, known mistakes are caught.

Solutions are read from the answer cells of the source notebook and run here without
TensorFlow; the generic contract is in tests/exercise_harness.py. Every wrong answer must be
INCORRECT with a message that says what was found but never the expected value, and never a
traceback. Data leakage (an imputer or a scaler fitted on all the data), a wrong split size
(also for ratios other than 60 : 20 : 20), a split without stratification, dummies that do not
follow the given category lists and a boundary value in the wrong bin are caught visibly.
"""

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

from autograder.keys import ch03 as keys
from course.checks import Status
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


CHAPTER = Chapter("03_data_prep", ch03, keys, namespace=_namespace, min_exercises=8, rerun_wrong_answers=True)
_run = CHAPTER.run
_assert_incorrect = CHAPTER.assert_incorrect

# A complete map of valid choices: the self-check confirms the format only (it is no oracle).
CHOICE_GRADED_ONLY = "a valid, complete choice map: the self-check confirms the format, grading judges it"

# ---------------------------------------------------------------------------
# Wrong answers: (source, None if the self-check catches it, else why only grading can)
# ---------------------------------------------------------------------------

WRONG = {
    "q1": [
        (  # one-hot part first
            "def house_to_vector(house, street_names):\n"
            "    street = [1 if s == house['street_name'] else 0 for s in street_names]\n"
            "    return np.array(street + [house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']], dtype=float)\n",
            None,
        ),
        (  # sorts the street names instead of keeping their order
            "def house_to_vector(house, street_names):\n"
            "    street = [1 if s == house['street_name'] else 0 for s in sorted(street_names)]\n"
            "    return np.array([house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']] + street, dtype=float)\n",
            None,
        ),
        (  # crashes on a street that is not in the list
            "def house_to_vector(house, street_names):\n"
            "    street = np.zeros(len(street_names))\n"
            "    street[street_names.index(house['street_name'])] = 1\n"
            "    return np.concatenate([[house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']], street])\n",
            None,
        ),
        (  # relies on the dictionary's key order
            "def house_to_vector(house, street_names):\n"
            "    numbers = [v for v in house.values() if not isinstance(v, str)]\n"
            "    street = [1 if s == house['street_name'] else 0 for s in street_names]\n"
            "    return np.array(numbers + street, dtype=float)\n",
            None,
        ),
        (  # an integer array: 2.5 rooms become 2
            "def house_to_vector(house, street_names):\n"
            "    street = [1 if s == house['street_name'] else 0 for s in street_names]\n"
            "    return np.array([house['num_rooms'], house['num_bedrooms'], house['num_basement_rooms']] + street, dtype=int)\n",
            None,
        ),
    ],
    "q2": [
        ("def count_missing(df):\n    return df.isna().sum()\n", None),
        ("def count_missing(df):\n    return int(df.isna().any(axis=1).sum())\n", None),
        ("def count_missing(df):\n    s = df.isna().sum(axis=1)\n    return s[s > 0]\n", None),
        # Numbers only: misses the gaps of text columns (the penguins' sex, the order table's 메뉴 and 매장).
        ("def count_missing(df):\n    return df.select_dtypes('number').isna().sum().loc[lambda s: s > 0]\n", None),
        ("def count_missing(df):\n    s = df.isna().sum()\n    return s[s > 0].sort_values(ascending=False)\n", None),
        # Off by one: drops the columns with exactly one gap (the order table has two of those).
        ("def count_missing(df):\n    s = df.isna().sum()\n    return s[s > 1]\n", None),
    ],
    "q3": [
        (  # one split only: the test part doubles as the validation part
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_tr, x_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)\n"
            "    return x_tr, x_te, x_te, y_tr, y_te, y_te\n",
            None,
        ),
        (  # val_size used as is for the second split: with the defaults 20 % of the rest is only 16 % of all the data
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size, stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # the ratios are ignored: chapter 2's fixed 60 : 20 : 20
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=0.25, stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # the rest's share computed with the wrong part: val_size / (1 - val_size); right only when val_size == test_size
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size / (1 - val_size), stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # no stratify
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size / (1 - test_size), random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # X and y split with different random states: pairs broken
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te = train_test_split(X, test_size=test_size, random_state=seed)\n"
            "    y_r, y_te = train_test_split(y, test_size=test_size, random_state=seed + 1)\n"
            "    x_tr, x_va = train_test_split(x_r, test_size=val_size / (1 - test_size), random_state=seed)\n"
            "    y_tr, y_va = train_test_split(y_r, test_size=val_size / (1 - test_size), random_state=seed + 1)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # ignores the seed argument: the visible check splits with two seeds
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=42)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size / (1 - test_size), stratify=y_r, random_state=42)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # pandas-only: works for the penguins' DataFrame, crashes on the NumPy arrays of the last visible example
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    y = pd.Series(np.asarray(y), index=X.index)\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size / (1 - test_size), stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
        (  # no default ratios: the call without val_size and test_size fails
            "def split_three_ways(X, y, seed, val_size, test_size):\n"
            "    x_r, x_te, y_r, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)\n"
            "    x_tr, x_va, y_tr, y_va = train_test_split(x_r, y_r, test_size=val_size / (1 - test_size), stratify=y_r, random_state=seed)\n"
            "    return x_tr, x_va, x_te, y_tr, y_va, y_te\n",
            None,
        ),
    ],
    "q4": [
        (  # leakage: median of train and test together
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = pd.concat([train, test])[columns].median()\n"
            "    return train.fillna(medians), test.fillna(medians)\n",
            None,
        ),
        (  # leakage: each part filled with its own median
            "def fill_with_train_median(train, test, columns):\n"
            "    return train.fillna(train[columns].median()), test.fillna(test[columns].median())\n",
            None,
        ),
        (
            "def fill_with_train_median(train, test, columns):\n"
            "    means = train[columns].mean()\n"
            "    return train.fillna(means), test.fillna(means)\n",
            None,
        ),
        (
            "def fill_with_train_median(train, test, columns):\n"
            "    return train.fillna({c: 0 for c in columns}), test.fillna({c: 0 for c in columns})\n",
            None,
        ),
        (  # fills the caller's frames in place
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = train[columns].median()\n"
            "    train[columns] = train[columns].fillna(medians)\n"
            "    test[columns] = test[columns].fillna(medians)\n"
            "    return train, test\n",
            None,
        ),
        (  # fills every numeric column, not only `columns`: the second visible example lists two columns
            "def fill_with_train_median(train, test, columns):\n"
            "    medians = train.median(numeric_only=True)\n"
            "    return train.fillna(medians), test.fillna(medians)\n",
            None,
        ),
    ],
    "q5": [
        (  # pd.get_dummies ignores the list: only the categories the data has, in sorted order
            "def encode_categoricals(df, categories):\n    return pd.get_dummies(df, columns=list(categories), dtype=int)\n",
            None,
        ),
        (  # bool dummies
            "def encode_categoricals(df, categories):\n"
            "    out = df.drop(columns=list(categories))\n"
            "    for column, values in categories.items():\n"
            "        for value in values:\n"
            "            out[f'{column}_{value}'] = df[column] == value\n"
            "    return out\n",
            None,
        ),
        (  # a column for the gaps
            "def encode_categoricals(df, categories):\n"
            "    out = df.copy()\n"
            "    for column, values in categories.items():\n"
            "        out[column] = pd.Categorical(out[column], categories=values)\n"
            "    return pd.get_dummies(out, columns=list(categories), dtype=int, dummy_na=True)\n",
            None,
        ),
        (  # sorts each list of categories
            "def encode_categoricals(df, categories):\n"
            "    out = df.drop(columns=list(categories))\n"
            "    for column, values in categories.items():\n"
            "        for value in sorted(values):\n"
            "            out[f'{column}_{value}'] = (df[column] == value).astype(int)\n"
            "    return out\n",
            None,
        ),
        (  # follows the table's column order, not the order of `categories`
            "def encode_categoricals(df, categories):\n"
            "    out = df.drop(columns=list(categories))\n"
            "    for column in df.columns:\n"
            "        for value in categories.get(column, []):\n"
            "            out[f'{column}_{value}'] = (df[column] == value).astype(int)\n"
            "    return out\n",
            None,
        ),
        (  # also makes columns for values that are not in the list
            "def encode_categoricals(df, categories):\n"
            "    out = df.drop(columns=list(categories))\n"
            "    for column, values in categories.items():\n"
            "        extra = [v for v in df[column].dropna().unique() if v not in values]\n"
            "        for value in list(values) + extra:\n"
            "            out[f'{column}_{value}'] = (df[column] == value).astype(int)\n"
            "    return out\n",
            None,
        ),
        (  # no column for a listed category that the table does not have
            "def encode_categoricals(df, categories):\n"
            "    out = df.drop(columns=list(categories))\n"
            "    for column, values in categories.items():\n"
            "        for value in values:\n"
            "            if (df[column] == value).any():\n"
            "                out[f'{column}_{value}'] = (df[column] == value).astype(int)\n"
            "    return out\n",
            None,
        ),
        (  # label encoding instead of dummies
            "def encode_categoricals(df, categories):\n"
            "    out = df.copy()\n"
            "    for column, values in categories.items():\n"
            "        out[column] = out[column].map({v: i for i, v in enumerate(values)})\n"
            "    return out\n",
            None,
        ),
        (  # loses the row labels of the dummies: the visible order table's index is 13, 11, 14, …
            "def encode_categoricals(df, categories):\n"
            "    parts = [df.drop(columns=list(categories))]\n"
            "    for column, values in categories.items():\n"
            "        codes = pd.Categorical(df[column], categories=values)\n"
            "        parts.append(pd.get_dummies(codes, prefix=column, dtype=int))\n"
            "    return pd.concat(parts, axis=1)\n",
            None,
        ),
    ],
    "q6": [
        (  # pd.cut's default right=True puts a boundary value in the left bin
            "def bin_body_mass(values):\n"
            "    return pd.cut(pd.Series(values), bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['가벼움', '보통', '무거움', '아주 무거움'])\n",
            None,
        ),
        (  # quantile bins instead of the given edges
            "def bin_body_mass(values):\n"
            "    return pd.qcut(pd.Series(values), q=4, labels=['가벼움', '보통', '무거움', '아주 무거움'])\n",
            None,
        ),
        (  # bin numbers instead of names
            "def bin_body_mass(values):\n"
            "    return pd.Series(np.digitize(values, [3500, 4500, 5500]))\n",
            None,
        ),
        (  # a missing value ends up in the last bin
            "def bin_body_mass(values):\n"
            "    v = np.asarray(values, dtype=float)\n"
            "    return pd.Series(np.where(v < 3500, '가벼움', np.where(v < 4500, '보통',\n"
            "                     np.where(v < 5500, '무거움', '아주 무거움'))))\n",
            None,
        ),
        (  # labels in the wrong order
            "def bin_body_mass(values):\n"
            "    return pd.cut(pd.Series(values), bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['아주 무거움', '무거움', '보통', '가벼움'], right=False)\n",
            None,
        ),
        (  # a Categorical, not a Series: pd.cut of a bare list or array
            "def bin_body_mass(values):\n"
            "    return pd.cut(np.asarray(values, dtype=float), bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['가벼움', '보통', '무거움', '아주 무거움'], right=False)\n",
            None,
        ),
        (  # squeeze() turns a single value into a scalar, and pd.cut of a scalar fails
            "def bin_body_mass(values):\n"
            "    v = pd.Series(values).squeeze()\n"
            "    return pd.cut(v, bins=[-np.inf, 3500, 4500, 5500, np.inf],\n"
            "                  labels=['가벼움', '보통', '무거움', '아주 무거움'], right=False)\n",
            "the prompt allows any number of values, but only grading passes a single one (the visible examples have 4 to 7)",
        ),
    ],
    "q7": [
        (  # leakage: scaler fitted on train and test together
            "def scale_train_test(x_train, x_test):\n"
            "    from sklearn.preprocessing import RobustScaler\n"
            "    scaler = RobustScaler().fit(np.vstack([x_train, x_test]))\n"
            "    return scaler.transform(x_train), scaler.transform(x_test)\n",
            None,
        ),
        (  # fit_transform on the test part too
            "def scale_train_test(x_train, x_test):\n"
            "    from sklearn.preprocessing import RobustScaler\n"
            "    return RobustScaler().fit_transform(x_train), RobustScaler().fit_transform(x_test)\n",
            None,
        ),
        (  # standardization instead of robust scaling
            "def scale_train_test(x_train, x_test):\n"
            "    scaler = StandardScaler().fit(x_train)\n"
            "    return scaler.transform(x_train), scaler.transform(x_test)\n",
            None,
        ),
        (  # statistics of the test part for both
            "def scale_train_test(x_train, x_test):\n"
            "    center = np.median(x_test, axis=0)\n"
            "    iqr = np.percentile(x_test, 75, axis=0) - np.percentile(x_test, 25, axis=0)\n"
            "    return (x_train - center) / iqr, (x_test - center) / iqr\n",
            None,
        ),
        (  # scales the caller's arrays in place
            "def scale_train_test(x_train, x_test):\n"
            "    center = np.median(x_train, axis=0)\n"
            "    iqr = np.percentile(x_train, 75, axis=0) - np.percentile(x_train, 25, axis=0)\n"
            "    x_train -= center\n"
            "    x_train /= iqr\n"
            "    x_test -= center\n"
            "    x_test /= iqr\n"
            "    return x_train, x_test\n",
            None,
        ),
        (  # the cell above's min-max normalization
            "def scale_train_test(x_train, x_test):\n"
            "    scaler = MinMaxScaler().fit(x_train)\n"
            "    return scaler.transform(x_train), scaler.transform(x_test)\n",
            None,
        ),
        (  # no axis: one median and one IQR for the whole array
            "def scale_train_test(x_train, x_test):\n"
            "    center = np.median(x_train)\n"
            "    iqr = np.percentile(x_train, 75) - np.percentile(x_train, 25)\n"
            "    return (x_train - center) / iqr, (x_test - center) / iqr\n",
            None,
        ),
        (  # quartiles read off the sorted rows instead of np.percentile's interpolation
            "def scale_train_test(x_train, x_test):\n"
            "    rows = np.sort(x_train, axis=0)\n"
            "    n = len(rows)\n"
            "    center = np.median(x_train, axis=0)\n"
            "    iqr = rows[3 * n // 4] - rows[n // 4]\n"
            "    return (x_train - center) / iqr, (x_test - center) / iqr\n",
            None,
        ),
        (  # the mean instead of the median
            "def scale_train_test(x_train, x_test):\n"
            "    center = x_train.mean(axis=0)\n"
            "    iqr = np.percentile(x_train, 75, axis=0) - np.percentile(x_train, 25, axis=0)\n"
            "    return (x_train - center) / iqr, (x_test - center) / iqr\n",
            None,
        ),
    ],
    "q8": [
        (
            'leakage_cases = {"a": "안전", "b": "누수", "c": "누수", "d": "누수", "e": "안전", "f": "안전", "g": "누수"}\n',
            CHOICE_GRADED_ONLY,
        ),
        ('leakage_cases = {k: "누수" for k in "abcdefg"}\n', CHOICE_GRADED_ONLY),
        (  # test accuracy used to pick the epochs judged safe
            'leakage_cases = {"a": "누수", "b": "안전", "c": "누수", "d": "안전", "e": "안전", "f": "안전", "g": "누수"}\n',
            CHOICE_GRADED_ONLY,
        ),
        (
            'leakage_cases = {"a": "누수", "b": "누수 아님", "c": "누수", "d": "누수", "e": "안전", "f": "안전", "g": "누수"}\n',
            None,
        ),
    ],
}


class TestExerciseContract(ExerciseContract):
    """The checks every chapter's exercises pass (tests/exercise_harness.py), for this chapter."""

    chapter = CHAPTER
    wrong = WRONG


# ---------------------------------------------------------------------------
# The notebook ends in a Keras model fed with the prepared features
# ---------------------------------------------------------------------------


def test_notebook_ends_in_a_keras_model_fed_with_nfeatures():
    code = "\n".join(c.source for c in CHAPTER.notebook().cells if c.cell_type == "code")
    assert "nfeatures = x_train.shape[1]" in code
    assert "sparse_categorical_crossentropy" in code and "softmax" in code
    assert "plots.plot_history(history" in code and "model.evaluate(x_test, y_test" in code
    assert code.count("model.evaluate(") == 1  # the test data is used once, at the end


# ---------------------------------------------------------------------------
# Wrong answers are named visibly, without giving the answer away
# ---------------------------------------------------------------------------


def test_scaler_fitted_on_train_and_test_is_rejected_as_leakage():
    result = _assert_incorrect("q7", _run(WRONG["q7"][0][0]), visible=True)
    assert LEAKAGE in result.message
    assert LEAKAGE in CHAPTER.visible("q7", _run(WRONG["q7"][0][0])).message


def test_scaler_using_the_test_parts_own_statistics_is_named_in_the_message():
    seen = CHAPTER.visible("q7", _run(WRONG["q7"][1][0]))
    assert "fit_transform" in seen.message and "테스트 데이터 자신" in seen.message
    both = CHAPTER.visible("q7", _run(WRONG["q7"][3][0]))
    assert LEAKAGE in both.message and "테스트 데이터의 중앙값·IQR" in both.message


def test_other_scaling_formulas_are_named_in_the_message():
    expected_words = {2: "표준화", 5: "정규화", 6: "axis=0", 7: "선형 보간", 8: "평균"}
    for index, word in expected_words.items():
        seen = CHAPTER.visible("q7", _run(WRONG["q7"][index][0]))
        assert seen.status is Status.INCORRECT and word in seen.message, (index, seen.message)


def test_scale_message_never_shows_the_scaled_values():
    # The first visible example's results include 0.857143, 0.285714, 0.571429, 1.428571 and 2.571429.
    for source, _ in WRONG["q7"]:
        seen = CHAPTER.visible("q7", _run(source))
        assert not any(text in seen.message for text in ("0.857", "0.2857", "0.5714", "1.428", "2.571")), seen.message


def test_imputer_using_all_data_or_the_test_part_is_rejected_as_leakage():
    seen = CHAPTER.visible("q4", _run(WRONG["q4"][0][0]))
    assert LEAKAGE in seen.message and "전체 데이터" in seen.message
    own = CHAPTER.visible("q4", _run(WRONG["q4"][1][0]))
    assert LEAKAGE in own.message and "테스트 데이터 자신" in own.message
    mean = CHAPTER.visible("q4", _run(WRONG["q4"][2][0]))
    assert "평균" in mean.message


def test_imputer_message_shows_the_leaky_value_not_the_train_median():
    train, _ = ch03.penguin_fill_data()
    seen = CHAPTER.visible("q4", _run(WRONG["q4"][0][0]))
    right = train["bill_length_mm"].median()  # 44.25 here; the leaky value is 44.45
    assert f"{right:g}" not in seen.message and "44.45" in seen.message


def test_wrong_split_size_is_rejected_without_the_expected_sizes():
    seen = CHAPTER.visible("q3", _run(WRONG["q3"][1][0]))
    assert "나눈 크기" in seen.message and "학습 218개" in seen.message
    assert "204" not in seen.message and "205" not in seen.message


def test_split_ignoring_the_ratios_is_caught_by_the_call_with_other_ratios():
    for index in (2, 3):
        seen = CHAPTER.visible("q3", _run(WRONG["q3"][index][0]))
        assert seen.status is Status.INCORRECT and "val_size=0.1" in seen.message, seen.message
        assert "학습 60% · 검증 10% · 테스트 30%" in seen.message


def test_split_without_stratify_or_seed_or_defaults_is_named_in_the_message():
    assert "stratify" in CHAPTER.visible("q3", _run(WRONG["q3"][4][0])).message
    assert "seed" in CHAPTER.visible("q3", _run(WRONG["q3"][6][0])).message
    no_defaults = CHAPTER.visible("q3", _run(WRONG["q3"][8][0])).message
    assert "TypeError" in no_defaults and "펭귄 342마리, seed=42" in no_defaults


def test_count_missing_messages_do_not_name_the_columns_with_gaps():
    zeros = CHAPTER.visible("q2", _run(WRONG["q2"][0][0]))
    assert "'species'" in zeros.message and "'sex'" not in zeros.message
    off_by_one = CHAPTER.visible("q2", _run(WRONG["q2"][5][0]))
    assert off_by_one.status is Status.INCORRECT and "한 개뿐인 열" in off_by_one.message
    assert "'메뉴'" not in off_by_one.message and "'가격'" not in off_by_one.message


def test_encode_message_explains_bool_dummies_and_gap_columns():
    seen = CHAPTER.visible("q5", _run(WRONG["q5"][1][0]))
    assert "bool" in seen.message and "astype(int)" in seen.message
    dummy_na = CHAPTER.visible("q5", _run(WRONG["q5"][2][0]))
    assert "빈칸" in dummy_na.message and "island_nan" in dummy_na.message


def test_encode_message_names_the_order_the_unlisted_and_the_missing_columns():
    get_dummies = CHAPTER.visible("q5", _run(WRONG["q5"][0][0])).message
    assert "순서" in get_dummies and "['버거_불고기버거', '버거_치즈버거', '버거_치킨버거']" in get_dummies
    assert "순서" in CHAPTER.visible("q5", _run(WRONG["q5"][4][0])).message
    unlisted = CHAPTER.visible("q5", _run(WRONG["q5"][5][0])).message
    assert "island_Anvers" in unlisted and "없는 범주" in unlisted
    missing = CHAPTER.visible("q5", _run(WRONG["q5"][6][0])).message
    assert "island_Dream" in missing and "한 번도 나오지 않는" in missing


def test_binning_boundary_mistake_is_caught_visibly_and_names_the_rule():
    seen = CHAPTER.visible("q6", _run(WRONG["q6"][0][0]))
    assert seen.status is Status.INCORRECT and "경계값은 오른쪽 구간" in seen.message
    # The learner's own (wrong) labels are shown: 3,500 went to '가벼움'.
    assert "['가벼움', '보통', '무거움'" in seen.message


def test_house_vector_message_does_not_show_the_expected_vector():
    seen = CHAPTER.visible("q1", _run(WRONG["q1"][0][0]))
    assert "[ 0., 1., 0., 0., 6., 3., -1.]" in seen.message
    assert "[ 6., 3., -1., 0., 1., 0., 0.]" not in seen.message


def test_choice_map_self_check_is_not_an_oracle():
    """A complete but wrong map gets the same format message as the right one; grading explains."""
    wrong = _run(WRONG["q8"][0][0])
    right = CHAPTER.solution("q8")
    assert CHAPTER.visible("q8", wrong) == CHAPTER.visible("q8", right)
    graded = CHAPTER.graded("q8", wrong)
    assert "7개 중 5개" in graded.message and "'a'" in graded.message and "'b'" in graded.message


def test_checks_do_not_modify_their_own_cases():
    """A learner's function that mutates its inputs cannot spoil the next check."""
    mutating = _run(
        "def house_to_vector(house, street_names):\n"
        "    name = house.pop('street_name')\n"
        "    street_names.reverse()\n"
        "    return np.zeros(3 + len(street_names))\n"
    )
    _assert_incorrect("q1", mutating, visible=True)
    assert CHAPTER.visible("q1", CHAPTER.solution("q1")).passed
    assert CHAPTER.graded("q1", CHAPTER.solution("q1")).status is Status.CORRECT


def test_other_correct_ways_also_pass():
    """Equivalent answers written differently from the key and the demo alternatives are accepted too."""
    others = {
        "q3": (  # test+val first, then halves: sizes differ from the solution's by one
            "def split_three_ways(X, y, seed, val_size=0.2, test_size=0.2):\n"
            "    x_tr, x_tmp, y_tr, y_tmp = train_test_split(X, y, test_size=val_size + test_size, stratify=y, random_state=seed)\n"
            "    x_va, x_te, y_va, y_te = train_test_split(\n"
            "        x_tmp, y_tmp, test_size=test_size / (val_size + test_size), stratify=y_tmp, random_state=seed\n"
            "    )\n"
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
        "q5": (  # pd.get_dummies, then the columns of the list (missing ones 0, unlisted ones dropped)
            "def encode_categoricals(df, categories):\n"
            "    names = [f'{column}_{value}' for column, values in categories.items() for value in values]\n"
            "    dummies = pd.get_dummies(df[list(categories)], dtype=int).reindex(columns=names, fill_value=0)\n"
            "    return pd.concat([df.drop(columns=list(categories)), dummies], axis=1)\n"
        ),
        "q7": (  # pandas quantiles (linear interpolation, as np.percentile)
            "def scale_train_test(x_train, x_test):\n"
            "    train = pd.DataFrame(x_train)\n"
            "    center = train.median()\n"
            "    iqr = train.quantile(0.75) - train.quantile(0.25)\n"
            "    return ((train - center) / iqr).to_numpy(), ((pd.DataFrame(x_test) - center) / iqr).to_numpy()\n"
        ),
    }
    for name, source in others.items():
        namespace = _run(source)
        assert CHAPTER.visible(name, namespace).passed, name
        assert CHAPTER.graded(name, namespace).status is Status.CORRECT, name


# ---------------------------------------------------------------------------
# Demo answers for the autograder
# ---------------------------------------------------------------------------


def test_demo_answers_include_a_leaky_scaler():
    source = CHAPTER.demo_answers()["wrong"]["q7_answer"]
    assert "vstack" in source or "concatenate" in source
