"""Inequality and diversity: Herfindahl, Shannon entropy, variety, Theil, Gini kernels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.measures.inequality import (
    gini_matrix,
    herfindahl,
    herfindahl_matrix,
    lorenz_gini_matrix,
    shannon_entropy,
    shannon_entropy_matrix,
    theil,
    theil_matrix,
)
from clusterdialog.measures.variety import related_variety, unrelated_variety, variety_matrix

CASES = ["a_toy_3x4", "a_rand_20x15"]
TOY = [[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]]
# Peer columns rounded to 3 dp: half a unit in the last place, plus slack for values such
# as 0.2625 that R rounds up from 0.26250000000000007 and we compute as 0.26249999999999996.
ROUNDED3 = 5e-4 + 1e-12


def long_table(matrix, regions=None, industries=None) -> pd.DataFrame:
    matrix = np.asarray(matrix, dtype=float)
    regions = regions or [f"R{i + 1}" for i in range(matrix.shape[0])]
    industries = industries or [f"I{k + 1}" for k in range(matrix.shape[1])]
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


def compare(reference, case, got, table, column, **tolerance):
    key = "region" if table == "by_region" else "industry"
    expected = pd.read_csv(reference / case / f"{table}.csv", dtype={key: str})
    merged = expected.merge(got, on=key, validate="one_to_one")
    assert len(merged) == len(expected)
    np.testing.assert_allclose(merged["value"], merged[column], equal_nan=True, **tolerance)


# ------------------------------------------------------------------ Herfindahl
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("column", ["econgeo_herfindahl", "reat_herf"])
def test_herfindahl_matches_peers(reference, case, column):
    got = herfindahl(peer_input(reference, case))
    compare(reference, case, got, "by_region", column, rtol=1e-12, atol=0)


def test_herfindahl_hand_case_and_over_regions():
    assert herfindahl_matrix(np.array(TOY, float))[0] == pytest.approx(0.375, abs=1e-15)
    by_industry = herfindahl(long_table(TOY), over="regions").set_index("industry")["value"]
    # I1 = (10, 2, 3): (100 + 4 + 9) / 225
    assert by_industry["I1"] == pytest.approx(113 / 225, rel=1e-14)


# ------------------------------------------------------------------ Shannon entropy
@pytest.mark.parametrize("case", CASES)
def test_entropy_matches_econgeo(reference, case):
    got = shannon_entropy(peer_input(reference, case))
    # EconGeo adds 1e-9 inside the log: up to ~2e-8 from the exact value (README).
    compare(reference, case, got, "by_region", "econgeo_entropy_unrounded", rtol=0, atol=1e-7)
    compare(reference, case, got, "by_region", "econgeo_entropy_rounded3", rtol=0, atol=ROUNDED3)


def test_entropy_hand_case_and_base():
    # R1 shares (.5, 0, .25, .25): 0.5 * 1 + 2 * 0.25 * 2 = 1.5 bits
    assert shannon_entropy_matrix(np.array(TOY, float))[0] == pytest.approx(1.5, abs=1e-15)
    nats = shannon_entropy(long_table(TOY), base=math.e)["value"].iloc[0]
    assert nats == pytest.approx(1.5 * math.log(2), rel=1e-14)


@pytest.mark.parametrize("base", [1, 0, -2, "2", True])
def test_entropy_rejects_bad_base(base):
    with pytest.raises(InputError, match="base: expected a positive number other than 1"):
        shannon_entropy(long_table(TOY), base=base)


def test_over_must_be_known():
    with pytest.raises(InputError, match=r"over: expected one of \['industries', 'regions'\]"):
        herfindahl(long_table(TOY), over="columns")


# ------------------------------------------------------------------ Theil
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("over", "table"), [("industries", "by_region"), ("regions", "by_industry")]
)
@pytest.mark.parametrize(("method", "column"), [("T", "pysal_theil_T"), ("L", "reat_theil_L")])
def test_theil_matches_peers(reference, case, over, table, method, column):
    got = theil(peer_input(reference, case), over=over, method=method)
    compare(reference, case, got, table, column, rtol=1e-12, atol=1e-15)


def test_theil_hand_case():
    # x = (1, 3): T = .25 ln(.5) + .75 ln(1.5); L = (ln 2 + ln(2/3)) / 2
    x = np.array([[1.0, 3.0]])
    assert theil_matrix(x)[0] == pytest.approx(0.25 * math.log(0.5) + 0.75 * math.log(1.5))
    assert theil_matrix(x, method="L")[0] == pytest.approx(math.log(4 / 3) / 2)
    with pytest.raises(InputError, match=r"method: expected one of \['T', 'L'\], got 'Atkinson'"):
        theil(long_table(TOY), method="Atkinson")


# ------------------------------------------------------------------ Gini kernels
def test_gini_matrix_hand_case():
    # mean |x_i - x_j| / (2 mean) for (1, 2, 3, 4): (40 / 16) / 5 = 0.25
    assert gini_matrix(np.array([[4.0], [1.0], [3.0], [2.0]]))[0] == pytest.approx(0.25)
    assert np.isnan(gini_matrix(np.zeros((3, 1)))[0])


def test_lorenz_gini_hand_case():
    # EconGeo's hoover_gini example: ind (0, 10, 10, 30, 50), pop (10, 15, 20, 25, 30).
    # Sorted by ind/pop: Y = (0, .1, .2, .5, 1), W = (.1, .3, .45, .7, 1);
    # Σ Y_i W_{i-1} - Y_{i-1} W_i = .01 + .015 + .085 + .2 = .31
    ind = np.array([[0.0], [10.0], [10.0], [30.0], [50.0]])
    pop = np.array([10.0, 15.0, 20.0, 25.0, 30.0])
    assert lorenz_gini_matrix(ind, pop)[0] == pytest.approx(0.31, abs=1e-15)


# ------------------------------------------------------------------ related / unrelated variety
VARIETY = [[1, 1, 2, 0], [0, 0, 0, 4], [2, 2, 2, 2]]
CODES = ["1011", "1012", "2011", "2012"]


def test_variety_hand_cases():
    data = long_table(VARIETY, industries=CODES)
    unrelated = unrelated_variety(data, group=2)["value"].to_numpy()
    related = related_variety(data, group=2)["value"].to_numpy()
    # Region 1: groups (.5, .5) -> UV = 1; within "10" (.5, .5) -> 1 bit, "20" -> 0; RV = .5
    # Region 2: one industry -> 0 and 0.  Region 3: UV = 1, RV = .5 * 1 + .5 * 1 = 1.
    np.testing.assert_allclose(unrelated, [1.0, 0.0, 1.0], atol=1e-15)
    np.testing.assert_allclose(related, [0.5, 0.0, 1.0], atol=1e-15)


def test_variety_group_as_mapping_or_callable_gives_the_same():
    data = long_table(VARIETY, industries=CODES)
    mapping = {code: code[:2] for code in CODES}
    by_prefix = related_variety(data, group=2)["value"]
    pd.testing.assert_series_equal(related_variety(data, group=mapping)["value"], by_prefix)
    pd.testing.assert_series_equal(related_variety(data, group=lambda c: c[:2])["value"], by_prefix)


def test_variety_errors():
    data = long_table(VARIETY, industries=CODES)
    with pytest.raises(InputError, match=r"group: 1 industr\(y/ies\) have no group"):
        related_variety(data, group={"1011": "a", "1012": "a", "2011": "b"})
    with pytest.raises(InputError, match="group: a prefix length must be at least 1"):
        unrelated_variety(data, group=0)
    with pytest.raises(InputError, match="group: expected a mapping"):
        unrelated_variety(data, group="division")


@settings(max_examples=40, deadline=None)
@given(
    matrix=arrays(np.int64, st.tuples(st.integers(1, 5), st.just(6)), elements=st.integers(0, 50)),
    groups=st.lists(st.integers(0, 2), min_size=6, max_size=6),
)
def test_variety_decomposes_entropy(matrix, groups):
    codes = pd.factorize(pd.Series(groups))[0]
    unrelated, related = variety_matrix(matrix, codes)
    total = shannon_entropy_matrix(matrix)
    np.testing.assert_allclose(unrelated + related, total, atol=1e-12, equal_nan=True)
    assert np.all(related[np.isfinite(related)] >= -1e-12)


# ------------------------------------------------------------------ properties
matrices = arrays(
    np.int64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.integers(0, 1000)
)


@settings(max_examples=60, deadline=None)
@given(matrix=matrices, axis=st.sampled_from([0, 1]))
def test_ranges_and_zero_rows(matrix, axis):
    zeros_shape = (1, matrix.shape[1]) if axis == 1 else (matrix.shape[0], 1)
    x = np.concatenate([matrix, np.zeros(zeros_shape, dtype=np.int64)], axis=1 - axis)
    n = x.shape[axis]
    herf = herfindahl_matrix(x, axis)
    entropy = shannon_entropy_matrix(x, axis)
    theil = theil_matrix(x, axis)
    for values in (herf, entropy, theil):
        assert np.isnan(values[-1])  # the appended all-zero row (or column)
    ok = np.isfinite(herf)
    assert np.all((herf[ok] >= 1 / n - 1e-12) & (herf[ok] <= 1 + 1e-12))
    assert np.all((entropy[ok] >= 0) & (entropy[ok] <= math.log2(n) + 1e-12))
    assert np.all((theil[ok] >= -1e-12) & (theil[ok] <= math.log(n) + 1e-12))
    np.testing.assert_allclose(theil[ok], math.log(n) - entropy[ok] * math.log(2), atol=1e-9)
