"""Tests of presence, co-occurrence, proximity, relatedness and density."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures.cooccurrence import (
    co_occurrence,
    presence,
    presence_matrix,
    proximity,
    proximity_matrix,
)
from clusterdialog.measures.relatedness import (
    density_matrix,
    relatedness,
    relatedness_density,
    relatedness_matrix,
)

CASES = ["a_toy_3x4", "a_rand_20x15"]


def long_input(reference, case: str) -> pd.DataFrame:
    wide = pd.read_csv(reference / case / "input_matrix.csv", index_col=0)
    return RegionalPanel.from_matrix(wide).to_long()


def wide_reference(reference, case: str, name: str) -> pd.DataFrame:
    return pd.read_csv(reference / case / name, index_col=0)


def to_wide(result: pd.DataFrame, rows: str, cols: str) -> pd.DataFrame:
    return result.pivot(index=rows, columns=cols, values="value")


def pair_wide(result: pd.DataFrame) -> pd.DataFrame:
    return to_wide(result, "industry_i", "industry_j")


def cell_wide(result: pd.DataFrame) -> pd.DataFrame:
    return to_wide(result, "region", "industry")


def assert_frame_close(got: pd.DataFrame, want: pd.DataFrame, atol: float) -> None:
    got = got.loc[want.index, want.columns]
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=0, atol=atol)


# ----------------------------------------------------------------- by hand
THREE = pd.DataFrame(
    {"region": list("AABBCC"), "industry": list("xyxyxy"), "value": [2, 1, 1, 2, 1, 1]}
)  # LQ: A (4/3, 2/3), B (2/3, 4/3), C (1, 1) -> M = [[1,0],[0,1],[1,1]]


def test_presence_by_hand_counts_the_tie_as_present():
    got = cell_wide(presence(THREE))
    assert got.to_numpy().tolist() == [[1, 0], [0, 1], [1, 1]]
    # LQ(C, x) = (1/2)/(4/8) = 1 exactly: present; with threshold 1.3 it is not
    assert cell_wide(presence(THREE, threshold=1.3)).to_numpy().tolist() == [[1, 0], [0, 1], [0, 0]]


def test_co_occurrence_proximity_and_density_by_hand():
    # co-occurrence of x and y: region C only; ubiquities 2 and 2 -> proximity 1/2
    assert pair_wide(co_occurrence(THREE)).to_numpy().tolist() == [[0, 1], [1, 0]]
    assert pair_wide(co_occurrence(THREE, diagonal=True)).to_numpy().tolist() == [[2, 1], [1, 2]]
    assert pair_wide(proximity(THREE)).to_numpy().tolist() == [[1.0, 0.5], [0.5, 1.0]]
    assert pair_wide(proximity(THREE, diagonal=False)).to_numpy().tolist() == [[0, 0.5], [0.5, 0]]
    # ecomplexity density for (A, y): (M_Ax * 0.5 + M_Ay * 1) / 1.5 = 1/3
    dens = cell_wide(relatedness_density(THREE))
    np.testing.assert_allclose(dens.to_numpy(), [[2 / 3, 1 / 3], [1 / 3, 2 / 3], [1, 1]])
    # Datawheel: own presence does not count: (A, y) = 0.5/0.5 = 1, (A, x) = 0/0.5 = 0
    dens0 = cell_wide(relatedness_density(THREE, diagonal=False))
    np.testing.assert_allclose(dens0.to_numpy(), [[0, 1], [1, 0], [1, 1]])


def test_relatedness_by_hand():
    # M = [[1,1,0],[0,1,1]]: C_xy = C_yz = 1, s = (1, 2, 1), t = 4
    df = pd.DataFrame(
        {"region": list("AAABBB"), "industry": list("xyzxyz"), "value": [3, 3, 1, 1, 3, 3]}
    )
    cos = pair_wide(relatedness(df, method="cosine")).to_numpy()
    np.testing.assert_allclose(cos, [[0, 2**-0.5, 0], [2**-0.5, 0, 2**-0.5], [0, 2**-0.5, 0]])
    jac = pair_wide(relatedness(df, method="jaccard")).to_numpy()
    np.testing.assert_allclose(jac, [[0, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0]])
    assoc = pair_wide(relatedness(df, method="association")).to_numpy()
    np.testing.assert_allclose(assoc[0, 1], (1 / 4) / ((1 / 4) * (2 / 4)))
    # probability: 1 / ((4/2) * ((1/4)(2/3) + (2/4)(1/2))) = 1 / (2 * 5/12) = 6/5
    prob = pair_wide(relatedness(df)).to_numpy()
    np.testing.assert_allclose(prob[0, 1], 6 / 5)
    assert prob[0, 2] == 0 and np.all(np.diag(prob) == 0)


# -------------------------------------------------------------- peer values
@pytest.mark.parametrize("case", CASES)
def test_presence_matches_econgeo_and_ecomplexity(reference, case):
    got = cell_wide(presence(long_input(reference, case)))
    assert_frame_close(got, wide_reference(reference, case, "mcp_rca_ge_1.csv"), atol=0)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("name", "diagonal"),
    [("co_occurrence.csv", False), ("co_occurrence_with_diagonal.csv", True)],
)
def test_co_occurrence_matches_econgeo(reference, case, name, diagonal):
    got = pair_wide(co_occurrence(long_input(reference, case), diagonal=diagonal))
    assert_frame_close(got, wide_reference(reference, case, name), atol=0)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("probability", "relatedness_prob.csv"),
        ("cosine", "relatedness_cosine.csv"),
        ("jaccard", "relatedness_jaccard.csv"),
        ("association", "relatedness_association.csv"),
    ],
)
def test_relatedness_matches_econgeo(reference, case, method, name):
    got = pair_wide(relatedness(long_input(reference, case), method=method))
    # README: observed vs own code <= 7e-16
    assert_frame_close(got, wide_reference(reference, case, name), atol=1e-12)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("diagonal", "name"),
    [(True, "proximity_ecomplexity_diag1.csv"), (False, "proximity_datawheel_diag0.csv")],
)
def test_proximity_matches_ecomplexity_and_datawheel(reference, case, diagonal, name):
    got = pair_wide(proximity(long_input(reference, case), diagonal=diagonal))
    assert_frame_close(got, wide_reference(reference, case, name), atol=1e-12)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("options", "name", "atol"),
    [
        ({}, "density_keepdiag_ecomplexity.csv", 1e-12),
        ({"diagonal": False}, "density_zerodiag_datawheel.csv", 1e-12),
        (
            {"method": "probability", "percent": True},
            "relatedness_density_prob_pct.csv",
            1e-10,
        ),
        ({"method": "cosine", "percent": True}, "relatedness_density_cosine_pct.csv", 1e-10),
    ],
)
def test_density_matches_the_three_peers(reference, case, options, name, atol):
    got = cell_wide(relatedness_density(long_input(reference, case), **options))
    assert_frame_close(got, wide_reference(reference, case, name), atol=atol)


@pytest.mark.parametrize("case", CASES)
def test_density_rounded_like_econgeo(reference, case):
    got = cell_wide(
        relatedness_density(long_input(reference, case), method="probability", percent=True)
    ).round(2)
    want = wide_reference(reference, case, "relatedness_density_prob_pct_rounded2.csv")
    assert_frame_close(got, want, atol=1e-9)


@pytest.mark.parametrize("case", CASES)
def test_density_with_a_given_relatedness_table(reference, case):
    data = long_input(reference, case)
    table = relatedness(data, method="cosine")
    got = relatedness_density(data, relatedness=table, percent=True)
    want = wide_reference(reference, case, "relatedness_density_cosine_pct.csv")
    assert_frame_close(cell_wide(got), want, atol=1e-10)
    # the Datawheel convention from the ecomplexity proximity table
    prox = proximity(data)
    got0 = relatedness_density(data, relatedness=prox, diagonal=False)
    want0 = wide_reference(reference, case, "density_zerodiag_datawheel.csv")
    assert_frame_close(cell_wide(got0), want0, atol=1e-12)


# ------------------------------------------------------------ data shapes
def test_periods_and_column_names_are_kept():
    two = pd.concat([THREE.assign(year=2020), THREE.assign(year=2021)])
    two = two.rename(columns={"region": "kreis", "industry": "wz", "value": "emp"})
    got = proximity(two, region="kreis", industry="wz", value="emp", period="year")
    assert list(got.columns) == ["wz_i", "wz_j", "year", "value"]
    assert len(got) == 8
    dens = relatedness_density(two, region="kreis", industry="wz", value="emp", period="year")
    assert list(dens.columns) == ["kreis", "wz", "year", "value"]


def test_zero_rows_and_columns():
    df = pd.concat(
        [
            THREE,
            pd.DataFrame({"region": ["D", "D"], "industry": ["x", "y"], "value": [0, 0]}),
            pd.DataFrame({"region": list("ABCD"), "industry": "z", "value": 0}),
        ]
    )
    pres = cell_wide(presence(df))
    assert pres.loc["D"].sum() == 0 and pres["z"].sum() == 0
    prox = pair_wide(proximity(df))
    assert np.isnan(prox.loc["z", "z"])  # 0/0: present nowhere
    assert prox.loc["x", "z"] == 0 and prox.loc["x", "y"] == 0.5
    dens = cell_wide(relatedness_density(df))
    assert dens["z"].isna().all()  # no relatedness to anything
    assert dens.loc["D", "x"] == 0
    rel = pair_wide(relatedness(df))
    assert (rel["z"] == 0).all()  # EconGeo: NaN -> 0
    assert np.isfinite(dens[["x", "y"]].to_numpy()).all()


def test_caller_frame_is_not_mutated():
    df = THREE.copy()
    relatedness_density(df, method="cosine", percent=True)
    pd.testing.assert_frame_equal(df, THREE)


# ---------------------------------------------------------------- failures
@pytest.mark.parametrize("threshold", [0, -1, float("nan"), "1", True])
def test_bad_threshold(threshold):
    with pytest.raises(InputError, match="threshold"):
        presence(THREE, threshold=threshold)


def test_unknown_methods():
    with pytest.raises(InputError, match=r"method: expected one of .*'probability'.*'prob'"):
        relatedness(THREE, method="prob")
    with pytest.raises(InputError, match=r"method: expected one of .*'proximity'"):
        relatedness_density(THREE, method="product_space")


def test_density_argument_conflicts():
    with pytest.raises(InputError, match="diagonal: method='cosine' has no diagonal"):
        relatedness_density(THREE, method="cosine", diagonal=True)
    with pytest.raises(InputError, match="either method= or relatedness="):
        relatedness_density(THREE, method="cosine", relatedness=proximity(THREE))
    with pytest.raises(InputError, match="diagonal: expected True, False or None"):
        relatedness_density(THREE, diagonal=1)


def test_given_relatedness_table_is_checked():
    table = proximity(THREE)
    with pytest.raises(InputError, match="industries of the data have no relatedness"):
        relatedness_density(THREE, relatedness=table[table["industry_i"] == "x"].iloc[:1])
    with pytest.raises(InputError, match="missing column"):
        relatedness_density(THREE, relatedness=table.rename(columns={"value": "phi"}))
    with pytest.raises(InputError, match="more than once"):
        relatedness_density(THREE, relatedness=pd.concat([table, table]))
    with pytest.raises(InputError, match="expected a long DataFrame"):
        relatedness_density(THREE, relatedness=np.eye(2))
    extra = pd.concat(
        [table, pd.DataFrame({"industry_i": ["q"], "industry_j": ["x"], "value": [0.1]})]
    )
    with pytest.warns(DataQualityWarning, match="1 industries of the relatedness table"):
        relatedness_density(THREE, relatedness=extra)


def test_suppressed_cells_follow_the_policy():
    df = THREE.astype({"value": float})
    df.loc[0, "value"] = np.nan
    with pytest.raises(InputError, match="suppressed"):
        proximity(df)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        got = presence(df, suppressed="drop_region")
    # regions B (1, 2) and C (1, 1) are left: LQ B (5/6, 10/9), C (5/4, 5/6)
    assert cell_wide(got).to_numpy().tolist() == [[0, 1], [1, 0]]


# ------------------------------------------------------------- properties
matrices = arrays(
    np.int64,
    st.tuples(st.integers(2, 8), st.integers(2, 6)),
    elements=st.integers(0, 50),
)


@settings(max_examples=40, deadline=None)
@given(matrices, st.sampled_from(["probability", "cosine", "jaccard", "association"]))
def test_relatedness_is_symmetric_and_finite(x, method):
    r = relatedness_matrix(presence_matrix(x), method=method)
    np.testing.assert_array_equal(r, r.T)
    assert np.isfinite(r).all() and np.all(np.diag(r) == 0)


@settings(max_examples=40, deadline=None)
@given(matrices, st.randoms(use_true_random=False))
def test_region_order_does_not_matter(x, rnd):
    order = list(range(x.shape[0]))
    rnd.shuffle(order)
    m, m_perm = presence_matrix(x), presence_matrix(x[order])
    np.testing.assert_array_equal(m_perm, m[order])
    np.testing.assert_array_equal(proximity_matrix(m_perm), proximity_matrix(m))
    r, r_perm = proximity_matrix(m), proximity_matrix(m_perm)
    np.testing.assert_allclose(density_matrix(m_perm, r_perm), density_matrix(m, r)[order])


@settings(max_examples=40, deadline=None)
@given(matrices, st.integers(1, 1000))
def test_scaling_does_not_change_presence(x, factor):
    np.testing.assert_array_equal(presence_matrix(x * factor), presence_matrix(x))


@settings(max_examples=40, deadline=None)
@given(matrices)
def test_density_is_a_share(x):
    m = presence_matrix(x)
    for r in (proximity_matrix(m), proximity_matrix(m, diagonal=False), relatedness_matrix(m)):
        d = density_matrix(m, r)
        finite = d[np.isfinite(d)]
        assert np.all((finite >= -1e-12) & (finite <= 1 + 1e-12))


def test_presence_co_occurrence_and_proximity_stay_importable_from_relatedness():
    from clusterdialog.measures.relatedness import co_occurrence as old_co_occurrence
    from clusterdialog.measures.relatedness import presence as old_presence
    from clusterdialog.measures.relatedness import presence_matrix as old_presence_matrix
    from clusterdialog.measures.relatedness import proximity as old_proximity

    assert old_presence is presence and old_presence_matrix is presence_matrix
    assert old_co_occurrence is co_occurrence and old_proximity is proximity
