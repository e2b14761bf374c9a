"""The management self-assessment: scores by hand, minimum criteria, thresholds, progress."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.monitoring import (
    AREAS,
    DEFAULT_CRITERIA,
    Indicator,
    assessment_progress,
    assessment_score,
)

MINIMUM = [c.key for c in DEFAULT_CRITERIA if c.minimum]


def test_default_criteria_cover_the_five_areas():
    assert len(DEFAULT_CRITERIA) == 25
    assert {c.area for c in DEFAULT_CRITERIA} == set(AREAS)
    assert all(c.max_points == 3 and c.name_de and c.name_en for c in DEFAULT_CRITERIA)
    assert len({c.key for c in DEFAULT_CRITERIA}) == 25
    assert MINIMUM and all(c.minimum_points == 2 for c in DEFAULT_CRITERIA if c.minimum)


def test_score_by_hand_with_missing_answers():
    # 25 indicators x 3 points = 75; answer 20 of them with 3 points, 5 unanswered -> 60/75
    keys = [c.key for c in DEFAULT_CRITERIA]
    answered = [
        k
        for k in keys
        if k
        not in (
            "media_presence",
            "web_presence",
            "success_stories",
            "external_recognition",
            "private_funding",
        )
    ]
    result = assessment_score(dict.fromkeys(answered, 3))
    assert (result.points, result.max_points, result.score) == (60.0, 75.0, 0.8)
    assert set(result.missing) == set(keys) - set(answered)
    recognition = result.by_area.set_index("area").loc["recognition"]
    assert (recognition["points"], recognition["max_points"], recognition["answered"]) == (0, 12, 0)
    assert recognition["score"] == 0.0
    assert result.by_area["area"].tolist() == list(AREAS)
    # exactly at the threshold and all minimum criteria met: ready (a self-assessment)
    assert result.minimum_criteria_met and result.ready_for_label


def test_minimum_criterion_blocks_readiness():
    answers = {c.key: 3 for c in DEFAULT_CRITERIA}
    answers["monitoring"] = 1
    result = assessment_score(answers)
    assert result.score == pytest.approx(73 / 75)
    assert not result.minimum_criteria_met and not result.ready_for_label
    table = result.minimum_criteria.set_index("indicator")
    assert not table.loc["monitoring", "met"] and table["met"].sum() == len(MINIMUM) - 1
    del answers["monitoring"]  # unanswered minimum criterion is not met
    assert not assessment_score(answers).minimum_criteria_met


def test_thresholds_are_configurable():
    answers = {c.key: 2 for c in DEFAULT_CRITERIA}  # 50/75 = 0.667
    assert not assessment_score(answers).ready_for_label
    assert assessment_score(answers, threshold=0.6).ready_for_label
    strict = [dataclasses.replace(c, minimum_points=3) if c.minimum else c
              for c in DEFAULT_CRITERIA]  # fmt: skip
    assert not assessment_score(answers, criteria=strict, threshold=0.6).minimum_criteria_met


def test_answers_as_a_frame_and_a_custom_scale():
    criteria = [
        Indicator("a", "financing", "A", "A", "", "", scale=(0, 5, 10)),
        Indicator("b", "strategy", "B", "B", "", "", minimum=True, minimum_points=1),
    ]
    frame = pd.DataFrame({"indicator": ["a", "b"], "points": [5, 1]})
    result = assessment_score(frame, criteria=criteria, threshold=0.5)
    assert (result.points, result.max_points) == (6.0, 13.0)
    assert not result.ready_for_label  # 6/13 < 0.5
    assert result.by_area["area"].tolist() == ["financing", "strategy"]


def test_assessment_failures():
    with pytest.raises(InputError, match=r"unknown indicator\(s\) \['charm'\]"):
        assessment_score({"charm": 3})
    with pytest.raises(
        InputError, match=r"answers\['monitoring'\]: expected points in \[0, 1, 2, 3\], got 4"
    ):
        assessment_score({"monitoring": 4})
    with pytest.raises(InputError, match=r"threshold: expected a number in \(0, 1\], got 80"):
        assessment_score({}, threshold=80)
    with pytest.raises(InputError, match="answered more than once"):
        assessment_score(pd.DataFrame({"indicator": ["monitoring"] * 2, "points": [1, 2]}))
    with pytest.raises(InputError, match="area must be one of"):
        assessment_score({}, criteria=[Indicator("x", "luck", "", "", "", "")])


def test_progress_over_time():
    first = assessment_score({c.key: 1 for c in DEFAULT_CRITERIA})
    second = assessment_score({c.key: 3 if c.area == "financing" else 1 for c in DEFAULT_CRITERIA})
    out = assessment_progress([("2025-02-01", second), ("2024-02-01", first)])
    assert out["date"].tolist() == ["2024-02-01"] * 6 + ["2025-02-01"] * 6
    later = out[out["date"] == "2025-02-01"].set_index("area")
    assert later.loc["financing", "change"] == pytest.approx(2 / 3)
    assert later.loc["governance", "change"] == 0.0
    assert later.loc["overall", "change"] == pytest.approx(6 / 75)  # 3 indicators x 2 points
    assert out.loc[out["date"] == "2024-02-01", "change"].isna().all()
    with pytest.raises(InputError, match="expected AssessmentScore values"):
        assessment_progress({"2024": 0.5})
    with pytest.raises(InputError, match="repeated dates"):
        assessment_progress([("2024", first), ("2024", second)])
