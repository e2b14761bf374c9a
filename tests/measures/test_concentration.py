"""Spatial concentration: locational Gini and Hoover index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.measures.concentration import (
    hoover_index,
    hoover_index_matrix,
    locational_gini,
    locational_gini_matrix,
)

CASES = ["a_toy_3x4", "a_rand_20x15"]
TOY = [[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]]
# Peer columns rounded to 3 (2) dp: half a unit in the last place, plus slack for values such
# as 0.2625 that R rounds up from 0.26250000000000007 and we compute as 0.26249999999999996.
ROUNDED3 = 5e-4 + 1e-12
ROUNDED2 = 5e-3 + 1e-12


def long_table(matrix) -> pd.DataFrame:
    matrix = np.asarray(matrix, dtype=float)
    regions = [f"R{i + 1}" for i in range(matrix.shape[0])]
    industries = [f"I{k + 1}" for k in range(matrix.shape[1])]
    return pd.DataFrame(
        {
            "region": np.repeat(regions, len(industries)),
            "industry": np.tile(industries, len(regions)),
            "value": matrix.ravel(),
        }
    )


def peer_input(reference, case) -> pd.DataFrame:
    matrix = pd.read_csv(reference / case / "input_matrix.csv", index_col=0)
    return RegionalPanel.from_matrix(matrix).to_long()


def peer(reference, case, got, column) -> pd.DataFrame:
    expected = pd.read_csv(reference / case / "by_industry.csv", dtype={"industry": str})
    merged = expected.merge(got, on="industry", validate="one_to_one")
    assert len(merged) == len(expected)
    return merged


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("function", "options", "factor", "column", "atol"),
    [
        (locational_gini, {}, 1.0, "econgeo_locational_gini", 0),
        (locational_gini, {}, 2.0, "econgeo_hoover_gini_pop_regiontotals", 0),
        (locational_gini, {}, 2.0, "econgeo_hoover_gini_pop_regiontotals_rounded3", ROUNDED3),
        (locational_gini, {"method": "reat"}, 1.0, "reat_gini_conc", 0),
        (hoover_index, {}, 1.0, "reat_hoover_ref_regiontotals", 0),
        (hoover_index, {"percent": True}, 1.0, "econgeo_hoover_index_pop_regiontotals_pct", 0),
        (
            hoover_index,
            {"weights": "equal", "percent": True},
            1.0,
            "econgeo_hoover_index_equalweights_pct",
            0,
        ),
        (
            hoover_index,
            {"weights": "equal", "percent": True},
            1.0,
            "econgeo_hoover_index_equalweights_pct_rounded2",
            ROUNDED2,
        ),
    ],
)
def test_per_industry_measures_match_peers(
    reference, case, function, options, factor, column, atol
):
    merged = peer(reference, case, function(peer_input(reference, case), **options), column)
    rtol = 1e-12 if atol == 0 else 0
    np.testing.assert_allclose(factor * merged["value"], merged[column], rtol=rtol, atol=atol)


def test_locational_gini_hand_case():
    # I1 = (10, 2, 3) with region totals (20, 20, 10): LQ (5/3, 1/3, 1); sorted R2, R3, R1:
    # W = (.4, .6, 1), Y = (2/15, 1/3, 1); Σ Y_i W_{i-1} - Y_{i-1} W_i = 4/75 + (3/5 - 1/3)
    gini = locational_gini_matrix(np.array(TOY, dtype=float))
    assert gini[0] == pytest.approx((4 / 75 + 3 / 5 - 1 / 3) / 2, abs=1e-15)
    assert gini[0] == pytest.approx(0.16, abs=1e-15)


def test_hoover_hand_case_and_population_weights():
    # I1 = (10, 2, 3)/15 against region totals (.4, .4, .2): ½(4/15 + 4/15 + 0) = 4/15
    data = long_table(TOY)
    assert hoover_index(data)["value"].iloc[0] == pytest.approx(4 / 15, rel=1e-14)
    population = {"R1": 1, "R2": 1, "R3": 2}  # weights (.25, .25, .5)
    # ½(|2/3 - 1/4| + |2/15 - 1/4| + |1/5 - 1/2|) = ½(5/12 + 7/60 + 3/10) = 5/12
    weighted = hoover_index(data, weights=population)["value"].iloc[0]
    assert weighted == pytest.approx(5 / 12, rel=1e-14)


def test_zero_industry_is_nan_and_zero_region_is_ignored():
    x = np.array([[10.0, 0.0, 5.0], [2.0, 0.0, 1.0], [0.0, 0.0, 0.0], [3.0, 0.0, 3.0]])
    for method in ("econgeo", "reat"):
        got = locational_gini_matrix(x, method)
        assert np.isnan(got[1])
        np.testing.assert_allclose(
            got[[0, 2]], locational_gini_matrix(x[[0, 1, 3]], method)[[0, 2]]
        )
    assert np.isnan(hoover_index_matrix(x)[1])


def test_errors_name_argument_and_values():
    data = long_table(TOY)
    with pytest.raises(InputError, match=r"method: expected one of \['econgeo', 'reat'\], got 'x'"):
        locational_gini(data, method="x")
    with pytest.raises(InputError, match=r"weights: expected one of \['region_totals', 'equal'\]"):
        hoover_index(data, weights="population")
    with pytest.raises(InputError, match="weights: expected one of .* or a mapping"):
        hoover_index(data, weights=[1, 2, 3])
    with pytest.raises(InputError, match="weights: 1 region"):
        hoover_index(data, weights={"R1": 1, "R2": 1})
    with pytest.raises(InputError, match="percent: expected True or False"):
        hoover_index(data, percent="yes")


matrices = arrays(
    np.int64, st.tuples(st.integers(2, 8), st.integers(1, 5)), elements=st.integers(0, 500)
)


@settings(max_examples=60, deadline=None)
@given(matrix=matrices)
def test_gini_and_hoover_ranges(matrix):
    x = np.hstack([matrix, np.zeros((matrix.shape[0], 1), dtype=np.int64)])
    n = x.shape[0]
    econgeo, reat, hoover = (
        locational_gini_matrix(x),
        locational_gini_matrix(x, "reat"),
        hoover_index_matrix(x),
    )
    for values in (econgeo, reat, hoover):
        assert np.isnan(values[-1])  # the appended all-zero industry
    ok = np.isfinite(econgeo)
    assert np.all((econgeo[ok] >= -1e-12) & (econgeo[ok] < 0.5))
    n_active = int((x.sum(axis=1) > 0).sum())
    assert np.all((reat[ok] >= -1e-12) & (reat[ok] <= 1 - 1 / max(n_active, 1) + 1e-12))
    assert np.all((hoover[ok] >= 0) & (hoover[ok] <= 1 + 1e-12))
    assert n >= n_active
