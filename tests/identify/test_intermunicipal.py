"""Inter-municipal cluster candidates: hand-made 3×3 grids, invariants on the demo data, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify import intermunicipal_candidates, weights_from_neighbors
from clusterdialog.measures import location_quotient

#   a b c
#   d e f
#   g h i
KEYS = list("abcdefghi")


def _grid_weights(queen: bool):
    links = []
    for i, focal in enumerate(KEYS):
        for j, neighbor in enumerate(KEYS):
            dr, dc = abs(i // 3 - j // 3), abs(i % 3 - j % 3)
            if (dr, dc) != (0, 0) and max(dr, dc) == 1 and (queen or dr + dc == 1):
                links.append((focal, neighbor))
    return weights_from_neighbors(pd.DataFrame(links, columns=["focal", "neighbor"]))


ROOK, QUEEN = _grid_weights(False), _grid_weights(True)


def _panel(cluster: dict[str, float], default: float = 2.0) -> pd.DataFrame:
    """Every region employs 100: ``cluster[r]`` (default 2) in industry k, the rest in other."""
    k = [cluster.get(r, default) for r in KEYS]
    return pd.DataFrame(
        {
            "region": KEYS * 2,
            "industry": ["k"] * 9 + ["other"] * 9,
            "value": k + [100 - v for v in k],
        }
    )


def test_two_small_specialised_neighbours_form_a_group():
    # X_k = 20 + 20 + 7 * 2 = 54 of X = 900: share 0.06; LQ_a = LQ_b = 0.2 / 0.06 = 10/3.
    # Alone 20 < 30 employees; together 40 >= 30 with LQ (40 / 200) / 0.06 = 10/3.
    data = _panel({"a": 20, "b": 20})
    groups = intermunicipal_candidates(data, ROOK, min_employment=30)
    assert groups["region"].tolist() == ["a", "b"]
    assert groups["step"].tolist() == [1, 2]
    assert set(groups["group"]) == {1} and set(groups["industry"]) == {"k"}
    assert groups["group_employment"].tolist() == [40.0, 40.0]
    assert groups["group_lq"].tolist() == pytest.approx([10 / 3, 10 / 3], abs=1e-12)
    assert groups["lq"].tolist() == pytest.approx([10 / 3, 10 / 3], abs=1e-12)
    assert groups["group_size"].tolist() == [2, 2]
    assert groups["reason"].tolist() == ["employment 20 below the size threshold 30"] * 2
    assert groups["reason_de"].iloc[0] == "Beschäftigung 20 unter der Größenschwelle 30"
    assert list(groups.columns) == [
        "group", "industry", "region", "step", "employment", "lq", "reason", "reason_de",
        "group_size", "group_employment", "group_lq", "employment_threshold", "lq_threshold",
    ]  # fmt: skip


def test_diagonal_neighbours_need_queen_contiguity():
    data = _panel({"a": 20, "e": 20})
    assert intermunicipal_candidates(data, ROOK, min_employment=30).empty
    groups = intermunicipal_candidates(data, QUEEN, min_employment=30)
    assert groups["region"].tolist() == ["a", "e"]


def test_a_region_that_qualifies_alone_joins_no_group():
    # a (40 >= 30) is a cluster on its own; b's only specialised neighbour is a.
    data = _panel({"a": 40, "b": 20})
    assert intermunicipal_candidates(data, ROOK, min_employment=30).empty


def test_max_size_limits_the_group():
    # a, b, c with 12 each: two reach 24 < 30, three reach 36.
    data = _panel({"a": 12, "b": 12, "c": 12})
    assert intermunicipal_candidates(data, ROOK, min_employment=30, max_size=2).empty
    groups = intermunicipal_candidates(data, ROOK, min_employment=30, max_size=3)
    # seeds by employment then key: a first; b is its only pool neighbour, then c
    assert groups["region"].tolist() == ["a", "b", "c"]
    assert groups["group_employment"].iloc[0] == 36.0


def test_a_member_below_the_bar_may_join_while_the_union_stays_specialised():
    # X_k = 20 + 9 + 7 * 1 = 36, share 0.04: LQ_a = 5, LQ_b = 2.25 (< bar 3, >= member bar 1),
    # LQ of the others 0.25.  Union a + b: 29 >= 25 and LQ (29 / 200) / 0.04 = 3.625 >= 3.
    data = _panel({"a": 20, "b": 9}, default=1.0)
    groups = intermunicipal_candidates(data, ROOK, min_employment=25, lq_threshold=3.0)
    assert groups["region"].tolist() == ["a", "b"]
    assert groups["group_lq"].iloc[0] == pytest.approx(3.625, abs=1e-12)
    assert groups["reason"].iloc[1] == (
        "LQ 2.25 below 3.00; employment 9 below the size threshold 25"
    )
    # with the member bar above b's LQ there is no group
    assert intermunicipal_candidates(
        data, ROOK, min_employment=25, lq_threshold=3.0, member_threshold=2.5
    ).empty


def test_the_greedy_step_prefers_the_most_specialised_completing_neighbour():
    # a: 20 of 100, b: 12 of 40, d: 14 of 100, the others 2 of 100 (X_k = 58, X = 840).
    # From seed a, both b and d complete the group (32 and 34 >= 30); a + b is the more
    # specialised union (32/140 > 34/200), although d employs more.
    totals = {"b": 40.0}
    cluster = {"a": 20.0, "b": 12.0, "d": 14.0}
    k = [cluster.get(r, 2.0) for r in KEYS]
    other = [totals.get(r, 100.0) - v for r, v in zip(KEYS, k, strict=True)]
    data = pd.DataFrame(
        {"region": KEYS * 2, "industry": ["k"] * 9 + ["other"] * 9, "value": k + other}
    )
    groups = intermunicipal_candidates(data, ROOK, min_employment=30, lq_threshold=2.0)
    assert groups["region"].tolist() == ["a", "b"]
    assert groups["group_lq"].iloc[0] == pytest.approx((32 / 140) / (58 / 840), abs=1e-12)


def test_default_size_bar_is_the_quantile_of_regional_employment():
    data = _panel({"a": 20, "b": 20})
    # quantile 0.9 of (20, 20, 2, ..., 2) is 20: a and b qualify alone, no group
    assert np.quantile([20, 20, 2, 2, 2, 2, 2, 2, 2], 0.9) == 20
    assert intermunicipal_candidates(data, ROOK, size_quantile=0.9).empty
    # with a = 19 the bar is 19.9: a (19) alone is too small, b qualifies alone;
    # X_k = 59 of 900: LQ_d = 0.08 / (59/900) = 1.22 (a member, not a seed) and the union
    # a + d has 27 >= 19.9 employees and LQ (27/200) / (59/900) = 2.06 >= 2
    data = _panel({"a": 19, "b": 20, "d": 8})
    groups = intermunicipal_candidates(data, ROOK, size_quantile=0.9)
    bar = np.quantile([19, 20, 2, 8, 2, 2, 2, 2, 2], 0.9)
    assert groups["employment_threshold"].tolist() == [bar, bar]
    assert groups["region"].tolist() == ["a", "d"]


def test_periods_regions_and_a_panel_input():
    data = pd.concat([_panel({"a": 20, "b": 20}).assign(year=2020),
                      _panel({"h": 20, "i": 20}).assign(year=2021)])  # fmt: skip
    groups = intermunicipal_candidates(data, ROOK, period="year", min_employment=30)
    assert groups[["group", "year", "region"]].values.tolist() == [
        [1, 2020, "a"], [1, 2020, "b"], [2, 2021, "h"], [2, 2021, "i"],
    ]  # fmt: skip
    only = intermunicipal_candidates(
        data, ROOK, period="year", min_employment=30, regions=list("ghi")
    )
    assert only["region"].tolist() == ["h", "i"]


def test_regions_outside_the_weights_are_reported():
    outsider = pd.DataFrame({"region": ["x"], "industry": ["k"], "value": [1.0]})
    data = pd.concat([_panel({"a": 20, "b": 20}), outsider])
    with pytest.warns(DataQualityWarning, match="1 of 10 candidate regions are not in the weights"):
        groups = intermunicipal_candidates(data, ROOK, min_employment=30)
    assert groups["region"].tolist() == ["a", "b"]
    with pytest.warns(DataQualityWarning) as caught:
        intermunicipal_candidates(data[data.region != "i"], ROOK, min_employment=30)
    assert any("1 of 9 regions of the weights have no data" in str(w.message) for w in caught)


def test_errors():
    data = _panel({"a": 20, "b": 20})
    for option, match in [
        ({"lq_threshold": 0}, "lq_threshold"),
        ({"size_quantile": 1.5}, "size_quantile"),
        ({"min_employment": -1}, "min_employment"),
        ({"member_threshold": 3.0}, "member_threshold"),
        ({"max_size": 1}, "max_size"),
        ({"regions": ["a", "zz"]}, "regions: 1 key\\(s\\) not in the data: zz"),
    ]:
        with pytest.raises(InputError, match=match):
            intermunicipal_candidates(data, ROOK, **option)
    with pytest.raises(InputError, match="expected a libpysal W"):
        intermunicipal_candidates(data, {"a": ["b"]})
    with pytest.raises(InputError, match="suppressed"):
        intermunicipal_candidates(data.assign(value=data["value"].where(data.index > 0)), ROOK)


@pytest.fixture(scope="module")
def germany_2020():
    from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries
    from clusterdialog.identify import contiguity_weights

    df = load_kreise_industries()
    data = df[df.period == 2020]
    weights = contiguity_weights(load_kreise_geometry())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        groups = intermunicipal_candidates(data, weights, suppressed="zero", lq_threshold=1.5)
    return data, weights, groups


def test_demo_groups_recompute_with_the_measures(germany_2020):
    data, _, groups = germany_2020
    assert groups["group"].nunique() > 10
    for _, group in list(groups.groupby("group"))[:8]:
        members, industry = group["region"].tolist(), group["industry"].iloc[0]
        merged = data.assign(region=data["region"].where(~data["region"].isin(members), "G"))
        merged = merged.groupby(["region", "industry"], as_index=False)["value"].sum()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            lq = location_quotient(merged, suppressed="zero")
        union = lq.loc[(lq.region == "G") & (lq.industry == industry), "value"].item()
        assert group["group_lq"].iloc[0] == pytest.approx(union, rel=1e-12)
        assert group["group_employment"].iloc[0] == group["employment"].sum()


def test_demo_groups_are_contiguous_and_no_member_qualifies_alone(germany_2020):
    _, weights, groups = germany_2020
    assert not (
        (groups["lq"] >= 1.5) & (groups["employment"] >= groups["employment_threshold"])
    ).any()
    assert (groups["group_lq"] >= 1.5).all()
    assert (groups["group_employment"] >= groups["employment_threshold"]).all()
    assert (groups["lq"] >= 1.0).all() and (groups["group_size"] <= 5).all()
    for _, group in groups.groupby("group"):
        members = group.sort_values("step")["region"].tolist()
        for position, member in enumerate(members[1:], start=1):
            assert set(weights.neighbors[member]) & set(members[:position])
    assert not groups.duplicated(["industry", "region"]).any()  # groups do not overlap


def test_row_order_does_not_change_the_result(germany_2020):
    data, weights, groups = germany_2020
    shuffled = data.sample(frac=1.0, random_state=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        again = intermunicipal_candidates(shuffled, weights, suppressed="zero", lq_threshold=1.5)
    pd.testing.assert_frame_equal(groups, again)
