"""Star ratings after the European Cluster Observatory."""

from __future__ import annotations

import inspect
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.definitions import ClusterDefinition
from clusterdialog.identify.stars import DEFAULT_STAR_THRESHOLDS, star_rating, star_rating_matrix

# 5 regions × 2 industries, every region 100 or 200 employees; X = 600.
EMPLOYMENT = {
    ("R1", "I1"): 50, ("R1", "I2"): 50,
    ("R2", "I1"): 10, ("R2", "I2"): 90,
    ("R3", "I1"): 20, ("R3", "I2"): 80,
    ("R4", "I1"): 5, ("R4", "I2"): 195,
    ("R5", "I1"): 0, ("R5", "I2"): 100,
}  # fmt: skip
WAGE_PER_HEAD = {"R1": 60, "R2": 40, "R3": 50, "R4": 100, "R5": 30}


def _toy() -> pd.DataFrame:
    rows = [
        {"region": r, "industry": k, "value": v, "wages": v * WAGE_PER_HEAD[r]}
        for (r, k), v in EMPLOYMENT.items()
    ]
    return pd.DataFrame(rows)


def test_hand_computed_stars():
    out = star_rating(_toy()).set_index(["region", "industry"])
    # I1 over the 4 regions with I1 > 0: employment 5, 10, 20, 50 -> q90 = 20 + 0.7*30 = 41
    # shares .025, .1, .2, .5 -> q90 = .41; LQ(R1) = .5 / (85/600) = 3.53
    assert out.loc[("R1", "I1"), "lq"] == pytest.approx(0.5 / (85 / 600))
    assert out.loc[("R1", "I1"), ["size_star", "specialisation_star", "focus_star"]].all()
    assert out.loc[("R1", "I1"), "stars"] == 3
    # I2 over 5 regions: 50, 80, 90, 100, 195 -> q90 = 100 + 0.6*95 = 157: R4 size star;
    # shares .5 .8 .9 .975 1.0 -> q90 = .99: R5 focus star; LQs all < 2
    assert out.loc[("R4", "I2"), "size_star"] and out.loc[("R4", "I2"), "stars"] == 1
    assert out.loc[("R5", "I2"), "focus_star"] and out.loc[("R5", "I2"), "stars"] == 1
    assert not out["specialisation_star"].drop(("R1", "I1")).any()
    assert out["stars"].sum() == 5
    # region without the industry: LQ 0, no star
    assert out.loc[("R5", "I1"), "lq"] == 0 and out.loc[("R5", "I1"), "stars"] == 0
    assert list(out.reset_index().columns) == [
        "region", "industry", "employment", "lq", "share_of_region", "size_star",
        "specialisation_star", "focus_star", "stars", "p_value", "q_value", "significant",
    ]  # fmt: skip


def test_productivity_star_by_hand():
    out = star_rating(_toy(), wages="wages").set_index(["region", "industry"])
    # I1 wage per head in R1..R4: 60, 40, 50, 100 -> q90 = 60 + 0.7*40 = 88: R4 only
    assert out.loc[("R4", "I1"), "productivity"] == pytest.approx(100)
    assert out.xs("I1", level="industry")["productivity_star"].tolist() == [
        False, False, False, True, False,
    ]  # fmt: skip
    assert out.loc[("R4", "I1"), "stars"] == 1
    assert np.isnan(out.loc[("R5", "I1"), "productivity"])
    assert out["productivity_star"].sum() == 2  # I1: R4; I2: R4 (100 per head)


def test_thresholds_are_options():
    out = star_rating(_toy(), specialisation_threshold=1.1, size_quantile=0.5)
    got = out.set_index(["region", "industry"])
    assert got.loc[("R3", "I1"), "specialisation_star"]  # LQ 1.41
    # median over 5, 10, 20, 50 = 15: R1 and R3
    assert got.xs("I1", level="industry")["size_star"].sum() == 2


def test_defaults_match_the_documented_constant():
    params = inspect.signature(star_rating).parameters
    for key in ("size_quantile", "specialisation_threshold", "focus_quantile",
                "productivity_quantile"):  # fmt: skip
        assert params[key].default == DEFAULT_STAR_THRESHOLDS[key]
    assert "European Cluster Observatory" in DEFAULT_STAR_THRESHOLDS["source"]


def test_empty_region_gets_nan_lq_and_no_star():
    df = pd.concat([_toy(), pd.DataFrame({"region": ["R6", "R6"], "industry": ["I1", "I2"],
                                          "value": [0, 0], "wages": [0, 0]})])  # fmt: skip
    out = star_rating(df).set_index(["region", "industry"]).loc["R6"]
    assert out["lq"].isna().all() and out["share_of_region"].isna().all()
    assert (out["stars"] == 0).all()


def test_row_order_does_not_matter():
    df = _toy()
    a = star_rating(df)
    b = star_rating(df.sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 500), min_size=3, max_size=3), min_size=4, max_size=12),
    st.integers(2, 50),
)
def test_stars_are_scale_invariant(rows, factor):
    x = np.array(rows, dtype=float)
    a, b = star_rating_matrix(x), star_rating_matrix(x * factor)
    for key in ("size_star", "specialisation_star", "focus_star", "stars"):
        np.testing.assert_array_equal(a[key], b[key])


def test_definition_aggregates_first():
    df = pd.DataFrame(
        {"region": ["A", "A", "A", "B", "B", "B"], "industry": ["1", "2", "3"] * 2,
         "value": [10, 5, 20, 1, 1, 50]}
    )  # fmt: skip
    d = ClusterDefinition({"1": "c", "2": "c", "3": "d"})
    out = star_rating(df, definition=d).set_index(["region", "industry"])
    assert out.loc[("A", "c"), "employment"] == 15 and out.loc[("B", "d"), "employment"] == 50


def test_demo_data_stuttgart_and_decile_shares():
    from clusterdialog.datasets import load_kreise_industries

    df = load_kreise_industries()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        out = star_rating(df, period="period", suppressed="zero")
    assert out["size_star"].mean() == pytest.approx(0.1, abs=0.01)
    assert out["focus_star"].mean() == pytest.approx(0.1, abs=0.01)
    s = out[(out["region"] == "08111") & (out["period"] == 2020)].set_index("industry")
    assert s.loc["J", "stars"] == 3 and s.loc["K", "stars"] == 3
    # specialisation star exactly where LQ >= 2
    assert (out["specialisation_star"] == (out["lq"] >= 2)).all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"size_quantile": 90}, "size_quantile: expected a number strictly between 0 and 1"),
        ({"focus_quantile": 0}, "focus_quantile"),
        ({"specialisation_threshold": -1}, "specialisation_threshold: expected a positive"),
        ({"wages": "payroll"}, r"missing column\(s\) \['payroll'\]"),
        ({"suppressed": "drop"}, "suppressed: expected one of"),
    ],
)
def test_bad_options(kwargs, match):
    with pytest.raises(InputError, match=match):
        star_rating(_toy(), **kwargs)


def test_wages_need_a_long_table():
    panel = RegionalPanel.from_long(_toy())
    assert star_rating(panel)["stars"].sum() == 5
    with pytest.raises(InputError, match="need a long DataFrame"):
        star_rating(panel, wages="wages")
