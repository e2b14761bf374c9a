"""Member surveys: anonymised results per wave (no breakdown under five answers), trend."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.monitoring import survey_results, survey_trend


def _answers():
    rows = [("satisfaction", 1, r, v) for r, v in enumerate([5, 4, 4, 2, 5])]
    rows += [("satisfaction", 2, r, v) for r, v in enumerate([3, 4, 5, 4])]  # only 4 answers
    rows += [("satisfaction", 3, r, v) for r, v in enumerate([5, 5, 4, 4, 5, 3])]
    rows += [("benefit", 1, r, v) for r, v in enumerate(["contacts", "projects", "contacts",
                                                         "contacts", "none", None])]  # fmt: skip
    return pd.DataFrame(rows, columns=["question", "wave", "respondent", "answer"])


def test_results_by_hand():
    out = survey_results(_answers())
    assert "respondent" not in out.columns
    assert list(zip(out["question"], out["wave"], strict=True)) == [
        ("satisfaction", 1), ("satisfaction", 2), ("satisfaction", 3), ("benefit", 1)
    ]  # fmt: skip
    first = out.iloc[0]
    assert first["n"] == 5 and first["mean"] == 4.0 and first["numeric"]
    assert first["distribution"] == {2: 0.2, 4: 0.4, 5: 0.4}
    second = out.iloc[1]  # four answers: no breakdown
    assert second["n"] == 4 and second["suppressed"]
    assert math.isnan(second["mean"]) and second["distribution"] is None
    assert out.iloc[2]["mean"] == pytest.approx(26 / 6)
    benefit = out.iloc[3]  # the empty answer is left out
    assert benefit["n"] == 5 and not benefit["numeric"] and math.isnan(benefit["mean"])
    assert benefit["distribution"] == {"contacts": 0.6, "none": 0.2, "projects": 0.2}


def test_min_answers_border():
    answers = _answers()
    assert not survey_results(answers, min_answers=4).iloc[1]["suppressed"]
    assert survey_results(answers, min_answers=6)["suppressed"].tolist() == [True, True, False,
                                                                             True]  # fmt: skip


def test_trend_skips_suppressed_waves():
    out = survey_trend(survey_results(_answers()))
    satisfaction = out[out["question"] == "satisfaction"]
    assert math.isnan(satisfaction["change"].iloc[0]) and math.isnan(satisfaction["change"].iloc[1])
    assert satisfaction["change"].iloc[2] == pytest.approx(26 / 6 - 4.0)  # wave 3 vs wave 1
    assert math.isnan(out[out["question"] == "benefit"]["change"].iloc[0])


def test_survey_failures():
    mixed = pd.DataFrame({"question": ["q", "q"], "wave": [1, 1], "answer": [3, "good"]})
    with pytest.raises(InputError, match=r"question\(s\) \['q'\] mix numbers and labels"):
        survey_results(mixed)
    with pytest.raises(InputError, match="min_answers: expected an integer >= 1, got 0"):
        survey_results(_answers(), min_answers=0)
    with pytest.raises(InputError, match=r"missing column\(s\) \['wave'\]"):
        survey_results(_answers().drop(columns="wave"))
    with pytest.raises(InputError, match=r"results: missing column\(s\)"):
        survey_trend(_answers())
