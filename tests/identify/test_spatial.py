"""Spatial weights and autocorrelation: hand-computed cases, esda reference values (STL), errors."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from numpy.testing import assert_allclose
from shapely.geometry import box

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify import (
    contiguity_weights,
    getis_ord,
    getis_ord_global,
    local_moran,
    match_regions,
    moran,
    weights_from_neighbors,
)

ANALYTIC = 1e-12  # reference/README.md, section e: analytic values
SIMULATED = 0.03  # |Δp| for permutation p-values (RNG-stream specific)


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def stl(reference):
    folder = reference / "e_esda_stl"
    values = pd.read_csv(folder / "input_stl_hr8893.csv")
    values = pd.DataFrame({"region": values["id"].astype(str), "value": values["HR8893"]})
    links = pd.read_csv(folder / "input_stl_queen_neighbors.csv")
    weights = weights_from_neighbors(links.astype({"focal": str, "neighbor": str}))
    return folder, values, weights, links


def _statistics(path) -> pd.Series:
    return pd.read_csv(path).set_index("statistic")["value"]


@pytest.fixture(scope="module")
def chain():
    """The chain a – b – c – d with values 1, 2, 3, 4."""
    links = pd.DataFrame({"focal": list("abbccd"), "neighbor": list("bacbdc")})
    values = pd.DataFrame({"region": list("abcd"), "value": [1.0, 2.0, 3.0, 4.0]})
    return weights_from_neighbors(links), values


def _grid(extra: bool = False):
    import geopandas as gpd

    cells = [box(c, -r, c + 1, -r + 1) for r in range(3) for c in range(3)]
    keys = list("abcdefghi")
    if extra:
        cells.append(box(10, 10, 11, 11))
        keys.append("z")
    return gpd.GeoDataFrame({"region": keys}, geometry=cells, crs="EPSG:3035")


# ------------------------------------------------------------------------ hand-computed
def test_moran_on_a_chain_by_hand(chain):
    # z = (-1.5, -0.5, 0.5, 1.5), sum z^2 = 5
    # binary: S0 = 6, sum w z z = 2 (0.75 - 0.25 + 0.75) = 2.5, I = 4/6 * 2.5/5 = 1/3
    # row-standardised: S0 = 4, sum w z z = 0.75 + 0.25 + 0.25 + 0.75 = 2, I = 2/5
    weights, values = chain
    binary = moran(values, weights, transformation="b", permutations=0)
    rows = moran(values, weights, permutations=0)
    assert binary.loc[0, "I"] == pytest.approx(1 / 3, abs=1e-15)
    assert rows.loc[0, "I"] == pytest.approx(0.4, abs=1e-15)
    assert rows.loc[0, "EI"] == pytest.approx(-1 / 3)
    assert rows.loc[0, "n"] == 4
    assert np.isnan(rows.loc[0, "p_sim"])


def test_local_moran_and_getis_ord_on_a_chain_by_hand(chain):
    weights, values = chain
    lisa = local_moran(values, weights, permutations=9, seed=1).set_index("region")
    # I_a = (n - 1) z_a (Wz)_a / sum z^2 = 3 * (-1.5) * (-0.5) / 5 = 0.45; low among low
    assert lisa.loc["a", "Is"] == pytest.approx(0.45, abs=1e-14)
    assert lisa.loc["b", "Is"] == pytest.approx(3 * -0.5 * 0.5 * (-1.5 + 0.5) / 5, abs=1e-14)
    assert lisa["quadrant"].tolist() == ["LL", "LL", "HH", "HH"]
    gi = getis_ord(values, weights, permutations=9, seed=1).set_index("region")
    # Gi*_a = (y_a + y_b) / sum y = 3/10; Gi*_b = (1 + 2 + 3)/10
    assert gi["Gs"].tolist() == pytest.approx([0.3, 0.6, 0.9, 0.7], abs=1e-15)


def test_series_input_and_groups(chain):
    weights, values = chain
    from_series = moran(values.set_index("region")["value"], weights, permutations=0)
    assert from_series.loc[0, "I"] == pytest.approx(0.4)
    long = pd.concat(
        [values.assign(industry="x"), values.assign(industry="y", value=[4, 3, 2, 1.5])]
    )
    both = moran(long, weights, by="industry", permutations=0)
    assert both["industry"].tolist() == ["x", "y"]
    alone = moran(long[long.industry == "y"], weights, permutations=0)
    assert both.loc[1, "I"] == alone.loc[0, "I"]
    lisa = local_moran(long, weights, by=["industry"], permutations=9, seed=3)
    assert list(lisa.columns[:2]) == ["region", "industry"] and len(lisa) == 8


# ------------------------------------------------------------------- esda reference (STL)
def test_neighbour_table_gives_the_reference_weights(stl):
    _, _, weights, links = stl
    assert weights.n == 78 and weights.s0 == 398 and not weights.islands
    weights.transform = "r"
    try:
        got = [
            dict(zip(weights.neighbors[f], weights.weights[f], strict=True))
            for f in weights.id_order
        ]
    finally:
        weights.transform = "o"
    expected = links.groupby("focal")
    for focal, table in expected:
        row = got[weights.id_order.index(str(focal))]
        assert_allclose([row[str(n)] for n in table["neighbor"]], table["w_row_standardised"])


def test_moran_matches_esda_reference(stl):
    folder, values, weights, _ = stl
    expected = _statistics(folder / "moran_global.csv")
    got = moran(values, weights, seed=12345).iloc[0]
    for name in ("I", "EI", "VI_norm", "z_norm", "VI_rand", "z_rand"):
        assert_allclose(got[name], expected[name], rtol=ANALYTIC, err_msg=name)
    assert_allclose(got["p_norm"], expected["p_norm_two_tailed"], rtol=ANALYTIC)
    assert_allclose(got["p_rand"], expected["p_rand_two_tailed"], rtol=ANALYTIC)
    one_tailed = moran(values, weights, permutations=0, two_tailed=False).iloc[0]
    assert_allclose(one_tailed["p_norm"], expected["p_norm_one_tailed"], rtol=ANALYTIC)
    assert abs(got["p_sim"] - expected["p_sim_seed12345_999perm"]) <= SIMULATED
    assert abs(got["EI_sim"] - expected["EI_sim_seed12345_999perm"]) <= 0.01
    assert weights.transform == "O"  # the caller's weights are not modified


def test_local_moran_matches_esda_reference(stl):
    folder, values, weights, _ = stl
    expected = pd.read_csv(folder / "moran_local.csv").astype({"id": str}).set_index("id")
    got = local_moran(values, weights, seed=12345).set_index("region").loc[expected.index]
    assert_allclose(got["Is"], expected["Is"], rtol=ANALYTIC, atol=1e-15)
    for mine, theirs in (("EI", "EI_total_rand"), ("VI", "VI_total_rand"),
                         ("EIc", "EIc_cond_rand"), ("VIc", "VIc_cond_rand")):  # fmt: skip
        assert_allclose(got[mine], expected[theirs], rtol=ANALYTIC, err_msg=mine)
    labels = expected["q"].map({1: "HH", 2: "LH", 3: "LL", 4: "HL"})
    assert (got["quadrant"] == labels).all()
    assert (got["p_sim"] - expected["p_sim_seed12345_999perm"]).abs().max() <= SIMULATED
    assert (got["significant"] == (got["p_sim"] <= 0.05)).all()
    assert (got.loc[~got["significant"], "category"] == "not significant").all()
    assert (
        got.loc[got["significant"], "category"] == got.loc[got["significant"], "quadrant"]
    ).all()


def test_local_moran_without_permutations_uses_the_conditional_moments(stl):
    folder, values, weights, _ = stl
    expected = pd.read_csv(folder / "moran_local.csv").astype({"id": str}).set_index("id")
    got = local_moran(values, weights, permutations=0).set_index("region").loc[expected.index]
    z = (expected["Is"] - expected["EIc_cond_rand"]) / np.sqrt(expected["VIc_cond_rand"])
    assert_allclose(got["z_norm"], z, rtol=1e-10)
    assert_allclose(got["p_norm"], scipy.stats.norm.sf(np.abs(z)), rtol=1e-10)
    assert got["p_sim"].isna().all()
    assert (got["significant"] == (got["p_norm"] <= 0.05)).all()
    assert got["significant"].any() and not got["significant"].all()


@pytest.mark.parametrize(
    ("file", "star", "transformation"),
    [
        ("getisord_G_local_Gistar_binary.csv", True, "b"),
        ("getisord_G_local_Gi_rowstd.csv", False, "r"),
    ],
)
def test_getis_ord_matches_esda_reference(stl, file, star, transformation):
    folder, values, weights, _ = stl
    expected = pd.read_csv(folder / file).astype({"id": str}).set_index("id")
    got = getis_ord(values, weights, star=star, transformation=transformation, seed=12345)
    got = got.set_index("region").loc[expected.index]
    for mine, theirs in (
        ("Gs", "Gs"),
        ("EG", "EG"),
        ("VG", "VG"),
        ("z", "Zs"),
        ("p_norm", "p_norm"),
    ):
        assert_allclose(got[mine], expected[theirs], rtol=ANALYTIC, err_msg=mine)
    assert (got["p_sim"] - expected["p_sim_seed12345_999perm"]).abs().max() <= SIMULATED
    hot = got["significant"] & (got["z"] > 0)
    assert (got.loc[hot, "category"] == "hot spot").all()
    assert set(got["category"]) <= {"hot spot", "cold spot", "not significant"}


def test_getis_ord_global_matches_esda_reference(stl):
    folder, values, weights, _ = stl
    expected = _statistics(folder / "getisord_G_global_binary.csv")
    got = getis_ord_global(values, weights, seed=12345).iloc[0]
    for name in ("G", "EG", "VG", "z_norm"):
        assert_allclose(got[name], expected[name], rtol=ANALYTIC, err_msg=name)
    assert_allclose(got["p_norm"], expected["p_norm_one_tailed"], rtol=ANALYTIC)
    assert abs(got["p_sim"] - expected["p_sim_seed12345_999perm"]) <= SIMULATED


def test_seed_reproduces_and_leaves_the_global_state_alone(stl):
    _, values, weights, _ = stl
    np.random.seed(7)
    before = np.random.get_state()[1].copy()
    first = moran(values, weights, seed=3)
    assert (np.random.get_state()[1] == before).all()
    assert moran(values, weights, seed=3).equals(first)
    assert local_moran(values, weights, seed=5).equals(local_moran(values, weights, seed=5))


# ----------------------------------------------------------------- alignment and warnings
def test_regions_without_weights_or_values_are_reported(chain):
    weights, values = chain
    extra = pd.concat([values, pd.DataFrame({"region": ["x"], "value": [9.0]})])
    with pytest.warns(DataQualityWarning, match=r"1 of 5 regions .* not in the weights: x"):
        assert moran(extra, weights, permutations=0).loc[0, "n"] == 4
    fewer = values.assign(value=[1.0, np.nan, 3.0, 4.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = moran(fewer, weights, transformation="b", permutations=0)
    messages = [str(w.message) for w in caught if w.category is DataQualityWarning]
    assert any("1 of 4 regions of the weights (25.0%) without a value: b" in m for m in messages)
    assert any("have no neighbour: a" in m for m in messages)
    assert result.loc[0, "n"] == 3


# ------------------------------------------------------------------------------- errors
def test_errors_name_the_problem(chain):
    weights, values = chain
    with pytest.raises(InputError, match="column\\(s\\) 'lq' not found; available columns"):
        moran(values, weights, value="lq")
    with pytest.raises(InputError, match="region keys as text"):
        moran(values.assign(region=[1, 2, 3, 4]), weights)
    with pytest.raises(InputError, match="several rows for the same region"):
        moran(pd.concat([values, values]), weights)
    with pytest.raises(InputError, match=r"transformation: expected one of \['r', 'b'\], got 'x'"):
        moran(values, weights, transformation="x")
    with pytest.raises(InputError, match="permutations: expected a whole number ≥ 0"):
        local_moran(values, weights, permutations=-1)
    with pytest.raises(InputError, match="alpha"):
        getis_ord(values, weights, alpha=1.5)
    with pytest.raises(InputError, match="non-negative values"):
        getis_ord(values.assign(value=[-1.0, 2, 3, 4]), weights)
    with pytest.raises(InputError, match="at least 3 regions"), pytest.warns(DataQualityWarning):
        moran(values.head(2), weights)
    with pytest.raises(InputError, match="expected numbers"):
        moran(values.assign(value=["1", "x", "3", "4"]), weights)
    with pytest.raises(InputError, match="expected a libpysal W"):
        moran(values, {"a": ["b"]})


# ---------------------------------------------------------------------- weights builders
def test_contiguity_weights_queen_and_rook_on_a_grid():
    grid = _grid()
    queen = contiguity_weights(grid, method="queen")
    rook = contiguity_weights(grid, method="rook")
    assert queen.cardinalities["e"] == 8 and rook.cardinalities["e"] == 4
    assert sorted(queen.neighbors["a"]) == ["b", "d", "e"] and sorted(rook.neighbors["a"]) == [
        "b",
        "d",
    ]
    assert queen.id_order == list("abcdefghi")


def test_contiguity_weights_report_islands():
    with pytest.warns(
        DataQualityWarning, match=r"1 of 10 regions \(10.0%\) have no queen neighbour .*: z"
    ):
        weights = contiguity_weights(_grid(extra=True))
    assert weights.islands == ["z"]


def test_contiguity_weights_of_the_us_counties_report_islands(shared):
    from clusterdialog.data.geometry import read_geometry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        counties = read_geometry(
            shared / "data" / "us_counties_10m.topojson",
            key="id",
            layer="counties",
            invalid="repair",
        )
    with pytest.warns(DataQualityWarning, match="have no queen neighbour") as caught:
        weights = contiguity_weights(counties, key="id")
    assert {"15001", "15003", "15007"} <= set(weights.islands)  # Hawaiian counties
    assert "15001" in str(caught[0].message)
    assert weights.n == 3230


def test_contiguity_weights_errors():
    grid = _grid()
    with pytest.raises(
        InputError, match=r"method: expected one of \['queen', 'rook'\], got 'bishop'"
    ):
        contiguity_weights(grid, method="bishop")
    with pytest.raises(InputError, match="'ars' not found"):
        contiguity_weights(grid, key="ars")
    with pytest.raises(InputError, match="duplicated key\\(s\\) a"):
        contiguity_weights(grid.assign(region=list("aacdefghi")))
    with pytest.raises(InputError, match="as text"):
        contiguity_weights(grid.assign(region=range(9)))
    empty = grid.copy()
    empty.loc[0, "geometry"] = None
    with pytest.raises(InputError, match="1 region\\(s\\) with a null or empty geometry: a"):
        contiguity_weights(empty)
    with pytest.raises(InputError, match="expected a GeoDataFrame"):
        contiguity_weights(pd.DataFrame({"region": ["a"]}))


def test_weights_from_neighbors_checks_the_table():
    links = pd.DataFrame({"focal": ["a", "b"], "neighbor": ["b", "a"]})
    with pytest.warns(DataQualityWarning, match="have no neighbour \\(islands\\): c"):
        weights = weights_from_neighbors(links, regions=["a", "b", "c"])
    assert weights.id_order == ["a", "b", "c"]
    with pytest.warns(DataQualityWarning) as caught:
        weights_from_neighbors(links.head(1))
    assert "1 of 1 links (100.0%) have no reverse link: a→b" in str(caught[0].message)
    with pytest.raises(InputError, match="its own neighbour"):
        weights_from_neighbors(pd.DataFrame({"focal": ["a"], "neighbor": ["a"]}))
    with pytest.raises(InputError, match="duplicated link"):
        weights_from_neighbors(pd.concat([links, links]))
    with pytest.raises(InputError, match="not in regions: b"):
        weights_from_neighbors(links, regions=["a"])
    with pytest.raises(InputError, match="positive weights"):
        weights_from_neighbors(links.assign(w=[1.0, 0.0]), weight="w")
    weighted = weights_from_neighbors(links.assign(w=[2.0, 3.0]), weight="w")
    assert weighted.weights["b"] == [3.0]


# ------------------------------------------------------------------------- match_regions
def test_match_regions_on_the_demo_data():
    from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries

    report = match_regions(load_kreise_industries()["region"], load_kreise_geometry()["region"])
    assert report["region"].tolist() == ["03152", "03156"]
    assert report["problem"].tolist() == ["no geometry", "no geometry"]


def test_match_regions_reports_both_sides_and_hints():
    # BA data (status 2026) against the 2021 polygons: 06415 Hanau has no polygon,
    # 16056 Eisenach no data (shared/data/README.md, "Kreis keys").
    report = match_regions(["06415", "06435", "8111"], ["06435", "16056", "08111"])
    assert report.to_dict("list") == {
        "region": ["08111", "16056", "06415", "8111"],
        "problem": ["no data", "no data", "no geometry", "no geometry"],
        "hint": [
            "differs only in leading zeros or spaces from '8111'",
            "",
            "",
            "differs only in leading zeros or spaces from '08111'",
        ],
    }
    assert match_regions(["a", "b", "a"], ["b", "a"]).empty
