"""Dynamics and portfolio: hand-computed panel, invariants, missing regions, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.dynamics import (
    PORTFOLIO_CLASSES,
    classify_portfolio,
    cluster_dynamics,
    portfolio,
)

# A: x 10 -> 12, y 10 -> 10; B: x 20 -> 22, y 40 -> 36 (2020 -> 2022)
# nation: x 30 -> 34 (+13.33 %), y 50 -> 46 (-8 %); total 80 -> 80
HAND = pd.DataFrame(
    {
        "region": list("AAAABBBB"),
        "industry": list("xxyyxxyy"),
        "year": [2020, 2022] * 4,
        "value": [10, 12, 10, 10, 20, 22, 40, 36],
    }
)


def _row(frame, region, industry):
    return frame[(frame["region"] == region) & (frame["industry"] == industry)].iloc[0]


def test_hand_computed_dynamics():
    dyn = cluster_dynamics(HAND, period="year")
    ax = _row(dyn, "A", "x")
    assert ax["growth"] == 2
    assert ax["growth_percent"] == pytest.approx(20.0)
    assert ax["annual_growth_percent"] == pytest.approx(100 * (1.2**0.5 - 1))  # 2 years
    assert ax["nation_growth_percent"] == pytest.approx(100 * (34 / 30 - 1))
    assert ax["relative_growth"] == pytest.approx(20 - 100 * (34 / 30 - 1))
    assert ax["lq_start"] == pytest.approx((10 / 20) / (30 / 80))
    assert ax["lq_end"] == pytest.approx((12 / 22) / (34 / 80))
    assert ax["lq_change"] == pytest.approx((12 / 22) / (34 / 80) - (10 / 20) / (30 / 80))
    # Dunn: national share 10 * (80/80 - 1) = 0; industrial mix 10 * (34/30 - 1)
    assert ax["national_share"] == pytest.approx(0.0)
    assert ax["industrial_mix"] == pytest.approx(10 * (34 / 30 - 1))
    assert ax["regional_share"] == pytest.approx(12 - 10 * 34 / 30)
    assert dyn["complete"].all()


def test_hand_computed_portfolio_and_growth_basis():
    folio = portfolio(HAND, period="year").set_index(["region", "industry"])
    # A-x: LQ 1.283 >= 1, grew 20 % vs 13.3 % nationally
    assert folio.loc[("A", "x"), "portfolio_class"] == "specialised_growing"
    # B-y: LQ 1.080 >= 1, fell 10 % vs 8 % nationally
    assert folio.loc[("B", "y"), "portfolio_class"] == "specialised_declining"
    # A-y: LQ 0.79, B-x: LQ 0.89 rising by only 0.4 % (< 10 %)
    assert folio.loc[("A", "y"), "portfolio_class"] == "other"
    assert folio.loc[("B", "x"), "portfolio_class"] == "other"
    assert folio.loc[("B", "y"), "y"] == pytest.approx((36 / 58) / (46 / 80))
    assert folio.loc[("B", "y"), "size"] == 36
    by_lq = portfolio(HAND, period="year", growth_basis="lq_change")
    by_lq = by_lq.set_index(["region", "industry"])
    # the LQ of A-x fell (-0.05) and that of B-y rose (+0.013): the bases disagree
    assert by_lq.loc[("A", "x"), "portfolio_class"] == "specialised_declining"
    assert by_lq.loc[("B", "y"), "portfolio_class"] == "specialised_growing"
    assert by_lq.loc[("A", "x"), "x"] == pytest.approx(by_lq.loc[("A", "x"), "lq_change"])


def test_emerging_threshold_is_configurable():
    # B-x: LQ 0.8889 -> 0.8925 (+0.4 %): emerging with any rise, not with 10 %
    folio = portfolio(HAND, period="year", emerging_lq_growth=0.0)
    assert _row(folio, "B", "x")["portfolio_class"] == "emerging"
    assert _row(folio, "A", "y")["portfolio_class"] == "other"  # LQ fell
    strict = portfolio(HAND, period="year", specialisation_threshold=1.2)
    assert _row(strict, "B", "y")["portfolio_class"] == "other"  # LQ 1.08 < 1.2


def test_components_add_up_and_quadrants_match_axes():
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "region": np.repeat(list("ABCDE"), 8),
            "industry": np.tile(np.repeat(list("wxyz"), 2), 5),
            "year": np.tile([2015, 2020], 20),
            "value": rng.integers(1, 500, 40),
        }
    )
    folio = portfolio(df, period="year")
    parts = folio["national_share"] + folio["industrial_mix"] + folio["regional_share"]
    np.testing.assert_allclose(parts, folio["growth"], rtol=1e-12, atol=1e-9)
    np.testing.assert_array_equal(folio["growing"], folio["regional_share"] > 0)
    np.testing.assert_array_equal(folio["specialised"], folio["y"] >= 1)
    assert set(folio["portfolio_class"]) <= set(PORTFOLIO_CLASSES)
    shuffled = portfolio(df.sample(frac=1, random_state=1), period="year")
    pd.testing.assert_frame_equal(folio, shuffled)


def test_regions_missing_in_a_period_are_reported_and_kept():
    extra = pd.DataFrame(
        {
            "region": ["NEW", "NEW", "OLD", "OLD"],
            "industry": ["x", "y", "x", "y"],
            "year": [2022, 2022, 2020, 2020],
            "value": [5, 5, 7, 3],
        }
    )
    with pytest.warns(DataQualityWarning, match=r"start period 2020.*\['NEW'\].*end period "
                                               r"2022.*\['OLD'\]"):  # fmt: skip
        folio = portfolio(pd.concat([HAND, extra]), period="year")
    gone = folio[folio["region"].isin(["NEW", "OLD"])]
    assert len(gone) == 4 and not gone["complete"].any()
    assert gone[["growth", "lq_change", "regional_share", "x"]].isna().all().all()
    assert (gone["portfolio_class"] == "undefined").all()
    assert gone["employment_end"].tolist() == [5, 5, 0, 0]


def test_demo_stuttgart_information_and_communication(kreise):
    with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
        folio = portfolio(kreise, period="period", suppressed="zero")
    row = _row(folio, "08111", "J")
    nation = kreise[kreise["industry"] == "J"].groupby("period")["value"].sum()
    own = kreise[(kreise["region"] == "08111") & (kreise["industry"] == "J")]
    own = own.set_index("period")["value"]
    assert row["growth_percent"] == pytest.approx(100 * (own[2020] / own[2015] - 1))
    assert row["x"] == pytest.approx(
        100 * (own[2020] / own[2015] - 1) - 100 * (nation[2020] / nation[2015] - 1)
    )
    assert row["portfolio_class"] == "specialised_growing"


@pytest.fixture(scope="module")
def kreise():
    from clusterdialog.datasets import load_kreise_industries

    return load_kreise_industries()


def test_bad_input():
    with pytest.raises(InputError, match="needs a panel with periods"):
        cluster_dynamics(HAND[HAND["year"] == 2020].drop(columns="year"))
    text_years = HAND.assign(year=HAND["year"].map({2020: "early", 2022: "late"}))
    with pytest.raises(InputError, match="numeric periods"):
        cluster_dynamics(text_years, period="year")
    with pytest.raises(InputError, match="growth_basis"):
        portfolio(HAND, period="year", growth_basis="share")
    with pytest.raises(InputError, match="specialisation_threshold"):
        portfolio(HAND, period="year", specialisation_threshold="1")
    with pytest.raises(InputError, match="missing column"):
        classify_portfolio(HAND)
    with pytest.raises(InputError, match="start"):
        cluster_dynamics(HAND, period="year", start=2022, end=2020)
