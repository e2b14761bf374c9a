"""KPI catalogue and traffic lights: hand-computed borders, merging of targets, failures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.errors import InputError
from clusterdialog.monitoring import (
    DEFAULT_KPIS,
    KPI_UNITS,
    KpiDefinition,
    kpi_status,
    traffic_light,
)

EXPECTED_KEYS = [
    "members", "share_sme", "share_research", "new_members", "leaving_members",
    "joint_projects", "rd_funding", "private_funding_share", "events", "event_participants",
    "management_fte", "international_partners", "international_activities", "press_mentions",
    "member_satisfaction",
]  # fmt: skip


def test_catalogue_holds_the_issue_indicators_once():
    keys = [k.key for k in DEFAULT_KPIS]
    assert keys == EXPECTED_KEYS
    assert all(k.unit in KPI_UNITS and k.name_de and k.name_en for k in DEFAULT_KPIS)
    assert [k.key for k in DEFAULT_KPIS if k.derivable] == EXPECTED_KEYS[:5]
    assert [k.key for k in DEFAULT_KPIS if not k.higher_is_better] == ["leaving_members"]
    units = {k.key: k.unit for k in DEFAULT_KPIS}
    assert (units["rd_funding"], units["management_fte"], units["share_sme"]) == (
        "eur", "fte", "percent"
    )  # fmt: skip


def test_definition_rejects_unknown_unit():
    with pytest.raises(InputError, match=r"unit: expected one of .*got 'dollars'"):
        KpiDefinition("x", "x", "x", "dollars", "", "", True)


@pytest.mark.parametrize(
    ("value", "target", "higher", "expected"),
    [
        (100, 100, True, "green"),  # target met exactly
        (101, 100, True, "green"),
        (90, 100, True, "yellow"),  # missed by exactly 10 % of 100: still yellow
        (89.999, 100, True, "red"),
        (5, 5, False, "green"),
        (5.5, 5, False, "yellow"),  # 0.5 = 10 % of 5
        (5.51, 5, False, "red"),
        (-1, 0, True, "red"),  # target 0: no yellow band
        (-110, -100, True, "yellow"),  # band is 10 % of |target|
        (None, 100, True, None),
        (50, float("nan"), True, None),
    ],
)
def test_traffic_light_borders(value, target, higher, expected):
    assert traffic_light(value, target, higher_is_better=higher) == expected


def test_traffic_light_tolerance_option():
    assert traffic_light(80, 100, higher_is_better=True, tolerance=0.2) == "yellow"
    assert traffic_light(99, 100, higher_is_better=True, tolerance=0) == "red"


@pytest.mark.parametrize("tolerance", [-0.1, "0.1", True, float("inf")])
def test_traffic_light_rejects_bad_tolerance(tolerance):
    with pytest.raises(InputError, match="tolerance: expected"):
        traffic_light(1, 1, higher_is_better=True, tolerance=tolerance)


def test_traffic_light_needs_a_boolean_direction():
    with pytest.raises(InputError, match="higher_is_better: expected True or False, got 'yes'"):
        traffic_light(1, 1, higher_is_better="yes")


def test_kpi_status_merges_targets_on_shared_keys_and_keeps_the_input():
    values = pd.DataFrame({
        "initiative": ["a", "a", "b", "b"], "period": [2024, 2025, 2025, 2025],
        "kpi": ["members", "members", "members", "leaving_members"],
        "value": [40.0, 45.0, 20.0, 3.0],
    })  # fmt: skip
    before = values.copy()
    targets = pd.DataFrame({"initiative": ["a", "b", "b"],
                            "kpi": ["members", "members", "leaving_members"],
                            "target": [50.0, 20.0, 2.0]})  # fmt: skip
    out = kpi_status(values, targets=targets)
    pd.testing.assert_frame_equal(values, before)
    assert out["target"].tolist() == [50.0, 50.0, 20.0, 2.0]
    assert out["gap"].tolist() == [-10.0, -5.0, 0.0, 1.0]
    assert out["attainment"].tolist() == [0.8, 0.9, 1.0, 1.5]
    # 40 misses 50 by 10 > 5 -> red; 45 by 5 -> yellow; 20 = 20 green; 3 > 2 + 0.2 red
    assert out["light"].tolist() == ["red", "yellow", "green", "red"]
    assert out["higher_is_better"].tolist() == [True, True, True, False]


def test_kpi_status_uses_a_target_column_and_custom_directions():
    frame = pd.DataFrame({"kpi": ["co2", "new"], "value": [8.0, 1.0], "target": [10.0, None]})
    out = kpi_status(frame, kpis={"co2": False, "new": True})
    assert out["light"].tolist() == ["green", None]
    assert math.isnan(out["attainment"].iloc[1])


def test_kpi_status_target_zero_gives_no_attainment():
    out = kpi_status(pd.DataFrame({"kpi": ["events"], "value": [3.0], "target": [0.0]}))
    assert np.isnan(out["attainment"].iloc[0]) and out["light"].iloc[0] == "green"


def test_kpi_status_failures():
    frame = pd.DataFrame({"kpi": ["unknown_kpi"], "value": [1.0]})
    with pytest.raises(InputError, match=r"kpis: no direction .*\['unknown_kpi'\]"):
        kpi_status(frame)
    with pytest.raises(InputError, match=r"frame: missing column\(s\) \['value'\]"):
        kpi_status(pd.DataFrame({"kpi": ["members"]}))
    bad = pd.DataFrame({"kpi": ["members"], "value": ["many"]})
    with pytest.raises(InputError, match="column 'value' must be numeric; 1 row"):
        kpi_status(bad)
    double = pd.DataFrame({"kpi": ["members", "members"], "target": [1.0, 2.0]})
    with pytest.raises(InputError, match="targets: several targets"):
        kpi_status(pd.DataFrame({"kpi": ["members"], "value": [1.0]}), targets=double)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(0, 1),
)
def test_lower_is_better_mirrors_higher_is_better(value, target, tolerance):
    assert traffic_light(value, target, higher_is_better=True, tolerance=tolerance) == (
        traffic_light(-value, -target, higher_is_better=False, tolerance=tolerance)
    )


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(6)))
def test_kpi_status_rows_do_not_depend_on_order(order):
    frame = pd.DataFrame({"kpi": ["members", "events"] * 3,
                          "value": [1.0, 5.0, 9.0, 2.0, 10.0, 3.0],
                          "target": [10.0, 3.0, 10.0, 3.0, 10.0, 3.0]})  # fmt: skip
    lights = kpi_status(frame)["light"]
    shuffled = kpi_status(frame.iloc[list(order)])["light"]
    assert shuffled.sort_index().tolist() == lights.tolist()
