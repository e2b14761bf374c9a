"""Strong clusters after the U.S. Cluster Mapping Project."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.cluster_definitions import load_us_cmp_definitions
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.strong import strong_clusters


def _toy() -> pd.DataFrame:
    """Four regions, traded clusters 1 and 2 (100 traded employees each), local cluster 101."""
    return pd.DataFrame(
        {
            "region": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"] * 3,
            "cluster": ["1", "2", "101"] * 4,
            "cluster_type": ["traded", "traded", "local"] * 4,
            "value": [60, 40, 100, 10, 90, 100, 30, 70, 100, 20, 80, 100],
            "establishments": [8, 5, 30, 2, 9, 30, 6, 7, 30, 3, 8, 30],
        }
    )


def test_hand_computed_flags():
    out = strong_clusters(_toy(), cluster_type="cluster_type")
    c1 = out[out["cluster"] == "1"].set_index("region")
    # LQ = share of traded employment / (120 / 400)
    np.testing.assert_allclose(c1["lq"], [2.0, 1 / 3, 1.0, 2 / 3])
    # LQ percentiles (linear): P25 = .583, P50 = .833, P75 = 1.25, P90 = 1.7;
    # employment P25 = 17.5 (B fails), establishments P25 = 2.75
    assert c1["strong"].tolist() == [True, False, False, False]
    assert c1["strong10"].tolist() == [True, False, False, False]
    assert c1["significant"].tolist() == [True, False, True, False]
    assert c1["qualifying"].tolist() == [True, False, True, True]
    np.testing.assert_allclose(c1["lq_percentile"], [100, 0, 200 / 3, 100 / 3])
    local = out[out["cluster"] == "101"]
    np.testing.assert_allclose(local["lq"], 1.0)  # local against local employment
    assert list(out.columns) == [
        "region", "cluster", "employment", "establishments", "lq", "lq_percentile", "strong",
        "strong10", "significant", "qualifying", "p_value", "q_value", "above_expected",
        "cluster_type",
    ]  # fmt: skip


def test_without_types_the_denominator_is_all_employment():
    out = strong_clusters(_toy())
    a1 = out[(out["region"] == "A") & (out["cluster"] == "1")]
    # (60 / 200) / (120 / 800)
    assert a1["lq"].item() == pytest.approx(2.0)
    b2 = out[(out["region"] == "B") & (out["cluster"] == "2")]
    assert b2["lq"].item() == pytest.approx((90 / 200) / (280 / 800))
    typed = strong_clusters(_toy(), cluster_type="cluster_type")
    b2t = typed[(typed["region"] == "B") & (typed["cluster"] == "2")]
    assert b2t["lq"].item() == pytest.approx((90 / 100) / (280 / 400))


def test_percentiles_and_totals_per_region_type():
    states = _toy().assign(kind="state")
    counties = _toy().assign(
        region=lambda d: "c" + d["region"], kind="county", value=lambda d: d["value"] * 3
    )
    counties.loc[counties["region"] == "cB", "value"] = [5, 195, 300]
    both = pd.concat([states, counties], ignore_index=True)
    out = strong_clusters(both, cluster_type="cluster_type", region_type="kind")
    for kind, part in (("state", states), ("county", counties)):
        alone = strong_clusters(part, cluster_type="cluster_type")
        mixed = out[out["region_type"] == kind].reset_index(drop=True)
        cols = ["lq", "lq_percentile", "strong", "strong10", "significant", "qualifying"]
        pd.testing.assert_frame_equal(
            mixed[cols], alone[cols].reset_index(drop=True), check_dtype=False
        )


def test_zero_employment_region_is_not_compared():
    df = pd.concat([_toy(), pd.DataFrame({
        "region": ["E"] * 3, "cluster": ["1", "2", "101"],
        "cluster_type": ["traded", "traded", "local"], "value": [0, 100, 100],
        "establishments": [0, 9, 30]})])  # fmt: skip
    out = strong_clusters(df, cluster_type="cluster_type")
    e1 = out[(out["region"] == "E") & (out["cluster"] == "1")]
    assert e1["lq"].item() == 0 and np.isnan(e1["lq_percentile"].item())
    assert not e1[["strong", "strong10", "significant", "qualifying"]].to_numpy().any()


@pytest.fixture(scope="module")
def us_states(shared):
    data = pd.read_csv(
        shared / "data" / "us_cmp_state_cluster_2016_inputs.csv",
        dtype={"state_fips": str, "cluster_code": str},
    )
    result = strong_clusters(
        data, region="state_fips", cluster="cluster_code", value="employment",
        cluster_type="cluster_type",
    )  # fmt: skip
    return data, result


def test_us_states_rule_invariants(us_states):
    _, out = us_states
    assert len(out) == 50 * 67
    traded = out[out["cluster_type"] == "traded"]
    assert not (traded["strong10"] & ~traded["strong"]).any()
    assert not (traded["strong"] & ~traded["significant"]).any()
    assert not (traded["significant"] & ~traded["qualifying"]).any()
    strong = traded[traded["strong"]]
    assert (strong["lq"] >= 1).all() and (strong["lq_percentile"] >= 75 - 1e-9).all()
    assert (traded.loc[traded["strong10"], "lq_percentile"] >= 90 - 1e-9).all()
    # LQs against traded employment average to 1 with national cluster weights
    for kind, part in out.groupby("cluster_type"):
        national = part.groupby("cluster_code", observed=True)["employment"].sum()
        weights = part["cluster_code"].map(national / national.sum()).astype(float)
        per_state = (part["lq"] * weights).groupby(part["state_fips"], observed=True).sum()
        np.testing.assert_allclose(per_state, 1.0, rtol=1e-12, err_msg=kind)


def test_us_states_plausible_counts(us_states):
    _, out = us_states
    traded = out[out["cluster_type"] == "traded"]
    per_state = traded.groupby("state_fips", observed=True)["strong"].sum()
    # 51 traded clusters; with the 75th-percentile rule about a quarter, less the small ones
    assert per_state.min() >= 1 and per_state.max() <= 25
    assert 7 <= per_state.mean() <= 13
    assert 0.15 <= traded["strong"].mean() <= 0.25
    # every traded cluster is strong in at least one state and at most 13 (top quarter of 50)
    per_cluster = traded.groupby("cluster_code", observed=True)["strong"].sum()
    assert per_cluster.min() >= 1 and per_cluster.max() <= 13


def test_us_states_lq_spot_check(us_states):
    data, out = us_states
    traded = data[data["cluster_type"] == "traded"]
    state = traded.groupby("state_fips")["employment"].sum()
    national = traded.groupby("cluster_code")["employment"].sum()
    row = traded[(traded["state_fips"] == "01") & (traded["cluster_code"] == "4")].iloc[0]
    lq = (row["employment"] / state["01"]) / (national["4"] / state.sum())
    got = out[(out["state_fips"] == "01") & (out["cluster_code"] == "4")]
    assert got["lq"].item() == pytest.approx(lq, rel=1e-12)
    assert got["strong"].item()  # Alabama automotive


def test_industry_level_input_through_the_cmp_definition():
    cmp = load_us_cmp_definitions()
    rows = []
    for i, state in enumerate(["01", "02", "04", "05", "06"]):
        for naics, emp in (("336111", 100 * (i + 1)), ("336411", 50), ("722511", 300),
                           ("814110", 10), ("999999", 5)):  # fmt: skip
            rows.append({"state": state, "naics": naics, "emp": emp, "est": 3 + i})
    df = pd.DataFrame(rows)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = strong_clusters(df, region="state", industry="naics", value="emp",
                              establishments="est", definition=cmp)  # fmt: skip
    messages = " ".join(str(w.message) for w in caught if w.category is DataQualityWarning)
    assert "['999999']" in messages and "excluded by the definition" in messages
    assert set(out["cluster"]) == {"1", "4", "111"}  # aerospace, automotive, local hospitality
    assert set(out.loc[out["cluster"] == "111", "cluster_type"]) == {"local"}
    assert set(out.loc[out["cluster"] == "4", "cluster_name"]) == {"Automotive"}
    auto = out[out["cluster"] == "4"].set_index("state")
    assert auto["strong"].tolist() == [False, False, False, True, True]


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (lambda d: d.assign(cluster_type="export"), {"cluster_type": "cluster_type"},
         r"cluster_type: expected \['traded', 'local'\]"),
        (lambda d: d.assign(cluster_type=["traded", "traded", "local"] * 3
                            + ["local", "traded", "local"]),
         {"cluster_type": "cluster_type"}, "several values in 'cluster_type'"),
        (lambda d: d.assign(kind=["a", "b", "a"] * 4), {"region_type": "kind"},
         "several values in 'kind'"),
        (lambda d: d, {"region_type": "kind"}, "column 'kind' not in the table"),
        (lambda d: d.drop(columns="establishments"), {},
         r"missing column\(s\) \['establishments'\]"),
        (lambda d: d, {"alpha": 2}, "alpha"),
    ],
)  # fmt: skip
def test_bad_input(change, kwargs, match):
    with pytest.raises(InputError, match=match):
        strong_clusters(change(_toy()), **kwargs)


def test_definition_and_cluster_type_together_is_an_error():
    with pytest.raises(InputError, match="with a definition the cluster types come from"):
        strong_clusters(_toy(), cluster_type="cluster_type", definition=load_us_cmp_definitions())
