"""Wissensbilanz: QQS with three raters, a 4 x 4 impact matrix and the portfolio, by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.errors import InputError
from clusterdialog.monitoring import (
    CAPITALS,
    DEFAULT_FACTORS,
    RECOMMENDATIONS,
    compare_statements,
    impact_analysis,
    potential_portfolio,
    qqs_aggregate,
)

DIMS = ["quantity", "quality", "systematic"]
NAMES = ["a", "b", "c", "d"]
MATRIX = pd.DataFrame(
    [[0, 3, 3, 1], [1, 0, 3, 2], [0, 2, 0, 0], [0, 1, 1, 0]], index=NAMES, columns=NAMES
)


def _ratings():
    rows = []
    for rater, values in {"a": (90, 60, 30), "b": (60, 60, 0), "c": (120, 90, 60)}.items():
        rows += [("services", rater, d, v) for d, v in zip(DIMS, values, strict=True)]
    rows += [("governance", "a", d, 30) for d in DIMS]
    rows += [("governance", "b", "quantity", 60), ("governance", "b", "quality", 90)]
    return pd.DataFrame(rows, columns=["factor", "rater", "dimension", "value"])


def test_default_factors_cover_the_three_capitals():
    assert {f.capital for f in DEFAULT_FACTORS} == set(CAPITALS)
    keys = [f.key for f in DEFAULT_FACTORS]
    assert len(keys) == len(set(keys)) >= 12
    assert {"member_competence", "collaboration", "external_links"} <= set(keys)


def test_qqs_three_raters_by_hand():
    out = qqs_aggregate(_ratings())
    assert out.index.tolist() == ["services", "governance"]
    services = out.loc["services"]
    # dimension means: (90+60+120)/3, (60+60+90)/3, (30+0+60)/3
    assert services[DIMS].tolist() == [90.0, 70.0, 30.0]
    assert services["overall"] == pytest.approx(190 / 3)
    # rater means 60, 40, 90 -> spread 50, population sd sqrt(1266.67 / 3)
    assert services["spread"] == 50.0
    assert services["std"] == pytest.approx(math.sqrt((10 / 3) ** 2 / 3 + (70 / 3) ** 2 / 3
                                                      + (80 / 3) ** 2 / 3))  # fmt: skip
    assert services["raters"] == 3
    governance = out.loc["governance"]
    # b skipped "systematic": quantity (30+60)/2, quality (30+90)/2, systematic 30
    assert governance[DIMS].tolist() == [45.0, 60.0, 30.0] and governance["overall"] == 45.0
    assert governance["spread"] == 45.0 and governance["std"] == 22.5  # rater means 30, 75


def test_qqs_single_rater_has_no_spread_and_custom_columns():
    ratings = pd.DataFrame({"f": ["x"] * 3, "who": ["r"] * 3, "dim": DIMS, "pct": [0, 30, 120]})
    out = qqs_aggregate(ratings, factor="f", rater="who", dimension="dim", value="pct")
    assert out.loc["x", "overall"] == 50.0 and out.loc["x", "spread"] == 0.0
    assert out.loc["x", "std"] == 0.0


def test_qqs_failures():
    bad = _ratings()
    bad.loc[0, "value"] = 45
    with pytest.raises(InputError, match=r"must be one of \[0, 30, 60, 90, 120\].*row 0: 45"):
        qqs_aggregate(bad)
    wrong = _ratings()
    wrong.loc[1, "dimension"] = "beauty"
    with pytest.raises(InputError, match=r"must be one of \['quantity'.*got \['beauty'\]"):
        qqs_aggregate(wrong)
    with pytest.raises(InputError, match=r"several ratings for the same \(factor, rater"):
        qqs_aggregate(pd.concat([_ratings(), _ratings().head(1)]))
    with pytest.raises(InputError, match=r"missing column\(s\) \['rater'\]"):
        qqs_aggregate(_ratings().drop(columns="rater"))


def test_impact_matrix_four_factors_by_hand():
    out = impact_analysis(MATRIX)
    assert out["active_sum"].tolist() == [7.0, 6.0, 2.0, 2.0]
    assert out["passive_sum"].tolist() == [1.0, 6.0, 7.0, 3.0]
    assert out["product"].tolist() == [7.0, 36.0, 14.0, 6.0]
    assert out["quotient"].tolist() == pytest.approx([7.0, 1.0, 2 / 7, 2 / 3])
    # both means 17 / 4 = 4.25
    assert out["role"].tolist() == ["active", "critical", "passive", "inert"]


def test_impact_tie_convention_and_diagonal():
    even = pd.DataFrame([[np.nan, 2], [2, np.nan]], index=["x", "y"], columns=["x", "y"])
    assert impact_analysis(even)["role"].tolist() == ["inert", "inert"]  # equal to the mean
    # a: active 3 = mean 3 -> low; passive of c = 0 -> quotient NaN, not inf
    three = pd.DataFrame([[0, 3, 0], [3, 0, 0], [0, 3, 0]], index=list("abc"), columns=list("abc"))
    out = impact_analysis(three)
    assert out.loc["a", "role"] == "inert" and out.loc["b", "role"] == "passive"
    assert math.isnan(out.loc["c", "quotient"])
    shuffled = MATRIX.loc[:, ["d", "b", "a", "c"]]  # column order does not matter
    pd.testing.assert_frame_equal(impact_analysis(shuffled), impact_analysis(MATRIX))


def test_impact_failures():
    with pytest.raises(InputError, match="square table, got 4 rows and 3 columns"):
        impact_analysis(MATRIX.iloc[:, :3])
    bad = MATRIX.astype(float)
    bad.loc["a", "b"] = 4
    with pytest.raises(InputError, match=r"expected 0, 1, 2 or 3; cell \('a', 'b'\) is 4"):
        impact_analysis(bad)
    diagonal = MATRIX.copy()
    diagonal.loc["c", "c"] = 1
    with pytest.raises(InputError, match=r"0 or empty on the diagonal; cell \('c', 'c'\)"):
        impact_analysis(diagonal)
    gap = MATRIX.astype(float)
    gap.loc["d", "a"] = np.nan
    with pytest.raises(InputError, match=r"cell \('d', 'a'\) is nan"):
        impact_analysis(gap)
    renamed = MATRIX.rename(columns={"d": "z"})
    with pytest.raises(
        InputError, match=r"only in the index: \['d'\], only in the columns: \['z'\]"
    ):
        impact_analysis(renamed)
    with pytest.raises(InputError, match="at least 2 factors"):
        impact_analysis(pd.DataFrame([[0]], index=["a"], columns=["a"]))


def test_potential_portfolio_by_hand():
    qqs = pd.DataFrame({"overall": [40.0, 90.0, 70.0, 60.0], "spread": [0.0, 30, 60, 90]},
                       index=NAMES)  # fmt: skip
    out = potential_portfolio(qqs, impact_analysis(MATRIX))
    assert out["influence_weight"].tolist() == pytest.approx([7 / 4.25, 6 / 4.25, 2 / 4.25,
                                                              2 / 4.25])  # fmt: skip
    # d has rating 60 = threshold: counts as low
    assert out["recommendation"].tolist() == ["develop", "stabilise", "maintain", "review"]
    assert set(out["recommendation"]) <= set(RECOMMENDATIONS)
    assert out["spread"].tolist() == [0.0, 30, 60, 90]
    assert out["role"].tolist() == ["active", "critical", "passive", "inert"]


def test_potential_portfolio_all_zero_matrix_and_mismatch():
    zero = pd.DataFrame(0, index=NAMES, columns=NAMES)
    qqs = pd.DataFrame({"overall": [40.0, 90.0, 70.0, np.nan]}, index=NAMES)
    out = potential_portfolio(qqs, impact_analysis(zero))
    assert out["influence_weight"].isna().all() and out["recommendation"].isna().all()
    with pytest.raises(InputError, match=r"only rated: \[\], only in the impact matrix: \['d'\]"):
        potential_portfolio(qqs.iloc[:3], impact_analysis(MATRIX))


def test_compare_statements_over_time():
    earlier = potential_portfolio(
        pd.DataFrame({"overall": [40.0, 90.0, 70.0, 60.0]}, index=NAMES), impact_analysis(MATRIX)
    )
    later_qqs = pd.DataFrame({"overall": [70.0, 90.0, 30.0, 60.0]}, index=["a", "b", "c", "e"])
    names = ["a", "b", "c", "e"]
    matrix = MATRIX.copy()
    matrix.index = matrix.columns = names
    later = potential_portfolio(later_qqs, impact_analysis(matrix))
    out = compare_statements(earlier, later)
    assert out.index.tolist() == ["a", "b", "c", "d", "e"]
    assert out["change"].iloc[:3].tolist() == [30.0, 0.0, -40.0]
    assert out["direction"].tolist() == ["improved", "unchanged", "declined", "removed", "added"]
    assert out.loc["a", "recommendation_before"] == "develop"
    assert out.loc["a", "recommendation_after"] == "stabilise"
    with pytest.raises(InputError, match=r"earlier: missing column\(s\) \['overall'\]"):
        compare_statements(pd.DataFrame({"x": [1]}), later)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=25, max_size=25), st.permutations(range(5)))
def test_impact_results_follow_a_relabelling(cells, order):
    names = list("vwxyz")
    w = np.array(cells).reshape(5, 5)
    np.fill_diagonal(w, 0)
    matrix = pd.DataFrame(w, index=names, columns=names)
    reordered = matrix.iloc[list(order), list(order)]
    pd.testing.assert_frame_equal(
        impact_analysis(reordered), impact_analysis(matrix).iloc[list(order)]
    )
    out = impact_analysis(matrix)
    assert out["active_sum"].sum() == out["passive_sum"].sum() == w.sum()
