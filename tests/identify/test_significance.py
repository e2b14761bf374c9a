"""Significance: Benjamini–Hochberg, LQ confidence intervals, observed vs expected employment."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.significance import (
    benjamini_hochberg,
    benjamini_hochberg_adjust,
    expected_employment_test,
    location_quotient_interval,
)

# Two regions × two industries; X = 400, X_R1 = 100, X_I1 = 100.
TOY = pd.DataFrame(
    {
        "region": ["R1", "R1", "R2", "R2"],
        "industry": ["I1", "I2", "I1", "I2"],
        "value": [40, 60, 60, 240],
    }
)


# --------------------------------------------------------------------- BH
def test_bh_hand_case():
    # sorted p: .01 .03 .04 .20 -> m p / j: .04 .06 .0533 .20 -> running min from the top
    out = benjamini_hochberg([0.01, 0.04, 0.03, 0.20], alpha=0.05)
    np.testing.assert_allclose(out["q_value"], [0.04, 0.16 / 3, 0.16 / 3, 0.20])
    assert out["significant"].tolist() == [True, False, False, False]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
def test_bh_equals_scipy(p):
    ours = benjamini_hochberg_adjust(np.array(p))
    np.testing.assert_allclose(ours, stats.false_discovery_control(p, method="bh"), rtol=1e-12)


def test_bh_ignores_nan_and_keeps_series_index():
    p = pd.Series([0.02, np.nan, 0.01, 0.5], index=list("abcd"))
    out = benjamini_hochberg(p)
    assert list(out.index) == list("abcd")
    assert np.isnan(out.loc["b", "q_value"]) and not out.loc["b", "significant"]
    expected = stats.false_discovery_control([0.02, 0.01, 0.5], method="bh")
    np.testing.assert_allclose(out["q_value"].dropna(), expected)


@pytest.mark.parametrize(
    ("p", "alpha", "match"),
    [([0.5, 1.2], 0.05, r"p_values: expected values in \[0, 1\]"), ([0.5], 1.0, "alpha")],
)
def test_bh_rejects_bad_input(p, alpha, match):
    with pytest.raises(InputError, match=match):
        benjamini_hochberg(p, alpha=alpha)


# ------------------------------------------------------------ LQ intervals
def test_lognormal_interval_by_hand():
    out = location_quotient_interval(TOY, confidence=0.95)
    # R1, I1: LQ = 1.6, var(ln LQ) = 1/40 - 1/100 + 1/100 - 1/400 = 0.0225, se = 0.15
    z = stats.norm.ppf(0.975)
    row = out.iloc[0]
    assert row["lq"] == pytest.approx(1.6)
    assert row["lower"] == pytest.approx(1.6 * math.exp(-z * 0.15), rel=1e-12)
    assert row["upper"] == pytest.approx(1.6 * math.exp(z * 0.15), rel=1e-12)
    assert bool(row["significant"])
    # R2, I2: var = 1/240 - 1/300 + 1/300 - 1/400
    se = math.sqrt(1 / 240 - 1 / 400)
    assert out.iloc[3]["upper"] == pytest.approx(240 / 225 * math.exp(z * se), rel=1e-12)


def test_poisson_interval_defining_property():
    out = location_quotient_interval(TOY, method="poisson", confidence=0.9)
    expected = np.array([25.0, 75.0, 75.0, 225.0])  # X_r X_k / X
    x = TOY["value"].to_numpy()
    lower, upper = out["lower"].to_numpy() * expected, out["upper"].to_numpy() * expected
    # Garwood: P(Y >= x | lower) = P(Y <= x | upper) = 0.05
    np.testing.assert_allclose(stats.poisson.sf(x - 1, lower), 0.05, rtol=1e-8)
    np.testing.assert_allclose(stats.poisson.cdf(x, upper), 0.05, rtol=1e-8)


def test_interval_zero_count_and_empty_region():
    df = pd.DataFrame(
        {"region": ["A", "A", "B", "B", "C", "C"], "industry": ["x", "y"] * 3,
         "value": [0, 10, 5, 5, 0, 0]}
    )  # fmt: skip
    logn = location_quotient_interval(df).set_index(["region", "industry"])
    assert np.isnan(logn.loc[("A", "x"), "lower"])  # zero count: undefined
    assert logn.loc[("C", "x")].isna()[["lq", "lower", "upper"]].all()  # empty region
    pois = location_quotient_interval(df, method="poisson").set_index(["region", "industry"])
    assert pois.loc[("A", "x"), "lower"] == 0 and pois.loc[("A", "x"), "upper"] > 0
    assert np.isnan(pois.loc[("C", "x"), "upper"])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"confidence": 95}, "confidence"), ({"method": "wald"}, r"method: expected one of")],
)
def test_interval_rejects_bad_options(kwargs, match):
    with pytest.raises(InputError, match=match):
        location_quotient_interval(TOY, **kwargs)


# --------------------------------------------------------- expected employment test
def test_binomial_test_equals_scipy_binomtest():
    out = expected_employment_test(TOY)
    cells = [(40, 100, 0.25), (60, 100, 0.75), (60, 300, 0.25), (240, 300, 0.75)]
    for row, (x, n, p) in zip(out.itertuples(), cells, strict=True):
        assert row.expected == pytest.approx(n * p)
        ref = stats.binomtest(x, n, p, alternative="greater").pvalue
        assert row.p_value == pytest.approx(ref, rel=1e-10)
    np.testing.assert_allclose(out["q_value"], stats.false_discovery_control(out["p_value"]))


def test_poisson_and_two_sided_by_hand():
    pois = expected_employment_test(TOY, method="poisson", alternative="less")
    assert pois["p_value"].iloc[1] == pytest.approx(stats.poisson.cdf(60, 75))
    both = expected_employment_test(TOY, alternative="two-sided")
    up = stats.binom.sf(39, 100, 0.25)
    assert both["p_value"].iloc[0] == pytest.approx(min(1, 2 * up))


def test_test_undefined_cells_are_left_out_of_the_family():
    df = pd.concat([TOY, pd.DataFrame({"region": ["R3"] * 2, "industry": ["I1", "I2"],
                                       "value": [0, 0]})])  # fmt: skip
    out = expected_employment_test(df)
    assert out["p_value"].isna().sum() == 2
    assert not out["significant"][out["p_value"].isna()].any()
    np.testing.assert_allclose(out["q_value"].dropna(), expected_employment_test(TOY)["q_value"])


def test_test_warns_about_non_integral_counts():
    df = TOY.assign(value=TOY["value"] + 0.5)
    with pytest.warns(DataQualityWarning, match="4 of 4 cells .* not whole numbers"):
        expected_employment_test(df)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"method": "exact"}, "method"), ({"alternative": "bigger"}, "alternative"),
     ({"alpha": 0}, "alpha")],
)  # fmt: skip
def test_test_rejects_bad_options(kwargs, match):
    with pytest.raises(InputError, match=match):
        expected_employment_test(TOY, **kwargs)


def test_demo_data_share_significant_is_plausible():
    from clusterdialog.datasets import load_kreise_industries

    df = load_kreise_industries()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        out = expected_employment_test(df, period="period", suppressed="zero")
    # huge counts: nearly every LQ > 1 is significant, no LQ < 1 is (one-sided test)
    assert not out.loc[out["lq"] < 1, "significant"].any()
    above = out.loc[out["lq"] > 1.05, "significant"].mean()
    assert above > 0.95
