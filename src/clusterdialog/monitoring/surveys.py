"""Member surveys in repeated waves, reported only in anonymised form.

:func:`survey_results` summarises the answers per question and wave (number
of answers, mean, distribution) and suppresses every breakdown below
``min_answers`` answers; :func:`survey_trend` follows the means across waves.
Respondents never appear in the output.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import check_count, require_columns

__all__ = ["survey_results", "survey_trend"]

_RESULT_COLUMNS = ["question", "wave", "n", "numeric", "mean", "distribution", "suppressed"]


def _is_number(x: object) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and not isinstance(x, bool)


def survey_results(
    answers: pd.DataFrame,
    *,
    min_answers: int = 5,
    question: str = "question",
    wave: str = "wave",
    answer: str = "answer",
) -> pd.DataFrame:
    r"""Anonymised results per question and wave: count, mean and distribution.

    With :math:`a_1, \dots, a_n` the answers to a question in a wave:

    .. math::

        \bar a = \frac1n \sum_i a_i, \qquad
        s_c = \frac{|\{i : a_i = c\}|}{n}

    Parameters
    ----------
    answers : pandas.DataFrame
        Long table, one row per answer: question, wave and answer (a number
        such as 1–5, or a choice label).  Other columns, e.g. a respondent
        key, are ignored and never returned.  Empty answers are left out.
    min_answers : int
        Fewest answers for which a mean and a distribution are shown.
    question, wave, answer : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per question and wave (questions in order of appearance,
        waves sorted): ``question``, ``wave``, ``n``, ``numeric`` (all answers
        numbers), ``mean`` (numeric questions only), ``distribution`` (dict
        answer → share 0–1, answers sorted), ``suppressed`` (``n <
        min_answers``: ``mean`` is ``NaN`` and ``distribution`` ``None``).

    Raises
    ------
    InputError
        For missing columns, a bad ``min_answers`` or a question whose answers
        mix numbers and labels.

    Notes
    -----
    The count ``n`` is shown even when suppressed, so that readers see why
    a result is missing; with the default of 5 this follows the usual rule
    of survey reporting not to break down fewer than five answers.  A
    question is numeric when all its answers (over all waves) are numbers;
    the mean of a choice question is ``NaN``.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"question": "satisfaction", "wave": [1] * 5 + [2] * 3,
    ...                         "answer": [5, 4, 4, 3, 5, 2, 3, 4]})
    >>> survey_results(answers)[["wave", "n", "mean", "distribution", "suppressed"]]
       wave  n  mean                       distribution  suppressed
    0     1  5   4.2  {3: 0.2, 4: 0.4, 5: 0.4}       False
    1     2  3   NaN                               None        True
    """
    require_columns(answers, "answers", [question, wave, answer])
    min_answers = check_count("min_answers", min_answers)
    table = pd.DataFrame({"question": answers[question].to_numpy(),
                          "wave": answers[wave].to_numpy(),
                          "answer": answers[answer].to_numpy(dtype=object)})  # fmt: skip
    table = table.loc[table["answer"].notna()]
    kinds = table.assign(number=table["answer"].map(_is_number)).groupby("question", sort=False)[
        "number"
    ]
    mixed = kinds.nunique()
    if (mixed > 1).any():
        raise InputError(
            f"answers: question(s) {list(mixed.index[mixed > 1])} mix numbers and labels in "
            f"column {answer!r}"
        )
    numeric = kinds.all()
    rows = []
    question_order = {q: i for i, q in enumerate(pd.unique(table["question"]))}
    for (q, w), group in table.groupby(["question", "wave"], sort=False):
        n = len(group)
        is_numeric = bool(numeric[q])
        if n < min_answers:
            rows.append((q, w, n, is_numeric, np.nan, None, True))
            continue
        shares = group["answer"].value_counts(normalize=True)
        try:
            shares = shares.sort_index()
        except TypeError:  # labels of mixed types: keep the order of frequency
            pass
        distribution = {(k.item() if hasattr(k, "item") else k): float(v)
                        for k, v in shares.items()}  # fmt: skip
        mean = float(np.mean(group["answer"].astype(float))) if is_numeric else np.nan
        rows.append((q, w, n, is_numeric, mean, distribution, False))
    out = pd.DataFrame(rows, columns=_RESULT_COLUMNS)
    out["_q"] = out["question"].map(question_order)
    out = out.sort_values(["_q", "wave"], kind="stable").drop(columns="_q")
    out = out.reset_index(drop=True)
    return out.astype({"n": int, "numeric": bool, "mean": float, "suppressed": bool})


def survey_trend(results: pd.DataFrame) -> pd.DataFrame:
    r"""Change of each question's mean from one wave to the next shown wave.

    .. math::

        \Delta_{qw} = \bar a_{qw} - \bar a_{qw'}

    with :math:`w'` the latest earlier wave of question q that is not
    suppressed.

    Parameters
    ----------
    results : pandas.DataFrame
        Output of :func:`survey_results`.

    Returns
    -------
    pandas.DataFrame
        ``question``, ``wave``, ``n``, ``mean``, ``change`` (``NaN`` for the
        first shown wave, suppressed waves and choice questions),
        ``suppressed``.

    Raises
    ------
    InputError
        For a table without the columns of :func:`survey_results`.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"question": "satisfaction",
    ...     "wave": [1] * 5 + [2] * 2 + [3] * 5,
    ...     "answer": [3, 3, 4, 4, 3, 5, 5, 4, 4, 4, 5, 4]})
    >>> survey_trend(survey_results(answers))[["wave", "mean", "change"]]
       wave  mean  change
    0     1   3.4     NaN
    1     2   NaN     NaN
    2     3   4.2     0.8
    """
    require_columns(results, "results", ["question", "wave", "n", "mean", "suppressed"])
    out = results[["question", "wave", "n", "mean", "suppressed"]].copy()
    shown = out["mean"].where(~out["suppressed"].astype(bool))
    previous = shown.groupby(out["question"], sort=False).transform(lambda s: s.ffill().shift(1))
    out.insert(4, "change", (shown - previous).astype(float))
    return out.reset_index(drop=True)
