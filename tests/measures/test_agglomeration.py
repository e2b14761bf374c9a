"""Agglomeration: Ellison–Glaeser, Maurel–Sédillot, coagglomeration, the count approximation.

REAT ``ellison.c``/``ellison.c2`` values (ellison_c_coagglomeration.csv) are deliberately not
used: REAT departs from Ellison & Glaeser (1997) there (see the reference README).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures.agglomeration import (
    ellison_glaeser,
    ellison_glaeser_from_counts,
    maurel_sedillot,
)
from clusterdialog.measures.coagglomeration import (
    coagglomeration,
    coagglomeration_matrix,
    pairwise_coagglomeration,
)

FOLDER = "b_ellison_glaeser_fk2014"
COLUMNS = {"gamma": "gamma", "G": "G", "z_G": "z_G", "H": "H", "n_firms": "K_firms"}


@pytest.fixture
def fk2014(reference) -> pd.DataFrame:
    return pd.read_csv(reference / FOLDER / "input_fk2014_egc_firms.csv")


def assert_matches(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    merged = expected.merge(got, on="industry", suffixes=("_peer", ""), validate="one_to_one")
    assert len(merged) == len(expected) == len(got)
    for ours, theirs in COLUMNS.items():
        peer_column = f"{theirs}_peer" if theirs in got.columns else theirs
        np.testing.assert_allclose(merged[ours], merged[peer_column], rtol=1e-12, atol=0)


def small_firms() -> pd.DataFrame:
    return pd.DataFrame(
        {"industry": ["a"] * 4, "region": ["N", "N", "N", "S"], "employment": [10, 20, 30, 10]}
    )


# ------------------------------------------------------------------ Ellison–Glaeser vs REAT
def test_region_shares_from_the_firms_match_reat_a2(reference, fk2014):
    expected = pd.read_csv(reference / FOLDER / "ellison_a2_region_totals_from_firms.csv")
    got = ellison_glaeser(fk2014, employment="emp_firm")
    assert_matches(got, expected)


def test_region_totals_column_matches_reat_a(reference, fk2014):
    expected = pd.read_csv(reference / FOLDER / "ellison_a_region_totals_emp_region.csv")
    got = ellison_glaeser(fk2014, employment="emp_firm", region_employment="emp_region")
    assert_matches(got, expected)
    as_mapping = ellison_glaeser(
        fk2014, employment="emp_firm", region_employment={1: 360000, 2: 108000, 3: 132000}
    )
    pd.testing.assert_frame_equal(as_mapping, got)


def test_documented_reat_example(reference):
    firms = pd.read_csv(reference / FOLDER / "input_doc_example_firms.csv").assign(industry="x")
    regions = pd.read_csv(reference / FOLDER / "input_doc_example_regions.csv")
    expected = pd.read_csv(reference / FOLDER / "ellison_a_doc_example.csv")
    got = ellison_glaeser(
        firms, employment="e_ik", region_employment=regions.set_index("region")["e_j"]
    )
    assert got["gamma"].iloc[0] == pytest.approx(0.059906284116538921, rel=1e-12)
    for ours, theirs in COLUMNS.items():
        assert got[ours].iloc[0] == pytest.approx(expected[theirs].iloc[0], rel=1e-12)


def test_ellison_glaeser_hand_case():
    # s = (6/7, 1/7), x = (.4, .6): G = 2 (16/35)² = 512/1225; H = 1500/4900 = 15/49;
    # γ = (512/1225 - .48 * 15/49) / (.48 * 34/49) = 332/408
    got = ellison_glaeser(small_firms(), region_employment={"N": 40, "S": 60}).iloc[0]
    assert got["G"] == pytest.approx(512 / 1225, rel=1e-14)
    assert got["H"] == pytest.approx(15 / 49, rel=1e-14)
    assert got["gamma"] == pytest.approx(332 / 408, rel=1e-14)
    assert got["n_firms"] == 4


def test_degenerate_industries_are_nan():
    firms = pd.DataFrame(
        {"industry": ["solo", "b", "b"], "region": ["N", "N", "S"], "employment": [5, 1, 2]}
    )
    got = ellison_glaeser(firms).set_index("industry")
    assert np.isnan(got.loc["solo", "gamma"])  # one plant: H = 1
    assert np.isfinite(got.loc["b", "gamma"])
    one_region = ellison_glaeser(firms.assign(region="N"))
    assert one_region["gamma"].isna().all()  # Σ x² = 1


def test_plant_data_errors(fk2014):
    with pytest.raises(InputError, match="firms: expected a DataFrame"):
        ellison_glaeser(fk2014.to_dict())
    with pytest.raises(InputError, match=r"firms: missing column\(s\) \['employment'\]"):
        ellison_glaeser(fk2014)
    negative = fk2014.assign(emp_firm=fk2014["emp_firm"].where(fk2014.index != 3, -1))
    with pytest.raises(InputError, match="must hold finite non-negative numbers; 1 value"):
        ellison_glaeser(negative, employment="emp_firm")
    no_region = fk2014.assign(region=fk2014["region"].where(fk2014.index != 0))
    with pytest.raises(InputError, match="key column 'region' has missing values"):
        ellison_glaeser(no_region, employment="emp_firm")
    mixed = fk2014.assign(emp_region=fk2014["emp_region"].where(fk2014.index != 0, 1))
    with pytest.raises(InputError, match="region_employment: column 'emp_region' differs"):
        maurel_sedillot(mixed, employment="emp_firm", region_employment="emp_region")
    with pytest.raises(InputError, match=r"region_employment: no total for region\(s\) \['3'\]"):
        ellison_glaeser(fk2014, employment="emp_firm", region_employment={1: 5, 2: 5})
    with pytest.raises(InputError, match="region_employment: expected a mapping"):
        ellison_glaeser(fk2014, employment="emp_firm", region_employment=[1, 2, 3])


# ------------------------------------------------------------------ Maurel–Sédillot
def test_maurel_sedillot_hand_case():
    # Σ s² = 37/49, Σ x² = .52: G_MS = (37/49 - .52) / .48 = 24/49; γ = (24/49 - 15/49)/(34/49)
    got = maurel_sedillot(small_firms(), region_employment={"N": 40, "S": 60}).iloc[0]
    assert got["G"] == pytest.approx(24 / 49, rel=1e-14)
    assert got["gamma"] == pytest.approx(9 / 34, rel=1e-14)
    assert got["H"] == pytest.approx(15 / 49, rel=1e-14)


@settings(max_examples=30, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 500), min_size=2, max_size=12),
    regions=st.lists(st.integers(0, 3), min_size=12, max_size=12),
)
def test_maurel_sedillot_equals_ellison_glaeser_for_equal_regions(sizes, regions):
    # With x_j = 1/J, Σ x_j (s_j - x_j) = 0, so both estimators of raw concentration agree.
    firms = pd.DataFrame({"industry": "a", "region": regions[: len(sizes)], "employment": sizes})
    equal = dict.fromkeys(range(4), 1.0)
    eg = ellison_glaeser(firms, region_employment=equal)
    ms = maurel_sedillot(firms, region_employment=equal)
    np.testing.assert_allclose(ms["gamma"], eg["gamma"], rtol=1e-9, atol=1e-12, equal_nan=True)


# ------------------------------------------------------------------ coagglomeration
def test_coagglomeration_of_the_four_industries(fk2014):
    got = coagglomeration(fk2014, employment="emp_firm", region_employment="emp_region")
    # 0.0890367: the README's own numpy computation of EG (1997) eq. 8 (not a peer value).
    assert got["gamma_c"].iloc[0] == pytest.approx(0.0890367, abs=5e-8)
    assert got[["group", "n_industries", "n_firms"]].iloc[0].tolist() == ["all", 4, 42]

    # Hand check of the textbook form from the single-industry indices.
    single = ellison_glaeser(fk2014, employment="emp_firm", region_employment="emp_region")
    x = np.array([360000, 108000, 132000]) / 600000
    group_shares = fk2014.groupby("region")["emp_firm"].sum().to_numpy() / fk2014.emp_firm.sum()
    w = fk2014.groupby("industry")["emp_firm"].sum().to_numpy() / fk2014.emp_firm.sum()
    g, h = np.sum((group_shares - x) ** 2), np.sum(w**2 * single["H"])
    textbook = (g / (1 - np.sum(x**2)) - h - np.sum(single["gamma"] * w**2 * (1 - single["H"]))) / (
        1 - np.sum(w**2)
    )
    assert got["gamma_c"].iloc[0] == pytest.approx(textbook, rel=1e-12)
    assert got["G"].iloc[0] == pytest.approx(g, rel=1e-12)
    assert got["H"].iloc[0] == pytest.approx(h, rel=1e-12)


def test_pairwise_equals_the_group_of_two(fk2014):
    pairs = pairwise_coagglomeration(fk2014, employment="emp_firm", region_employment="emp_region")
    assert len(pairs) == 12
    for row in pairs.itertuples():
        groups = {row.industry_i: "pair", row.industry_j: "pair"}
        group = coagglomeration(
            fk2014, employment="emp_firm", region_employment="emp_region", groups=groups
        )
        assert group["gamma_c"].iloc[0] == pytest.approx(row.gamma_c, rel=1e-12)


def test_pairwise_hand_case_and_matrix_diagonal():
    # s_a = (.75, .25), s_b = (.5, .5), x = (.4, .6): (.35 * .1 + .35 * .1) / .48 = 7/48
    e = np.array([[30.0, 20.0], [10.0, 20.0]])
    matrix = coagglomeration_matrix(e, np.array([0.4, 0.6]))
    assert matrix[0, 1] == pytest.approx(7 / 48, rel=1e-14) and matrix[1, 0] == matrix[0, 1]
    assert np.isnan(np.diag(matrix)).all()


def test_groups_of_one_industry_are_nan_and_unmapped_industries_ignored(fk2014):
    groups = {"Forestry": "wood", "Textiles dyeing": "textile", "Textiles trade": "textile"}
    got = coagglomeration(
        fk2014, employment="emp_firm", region_employment="emp_region", groups=groups
    ).set_index("group")
    assert np.isnan(got.loc["wood", "gamma_c"])
    pair = pairwise_coagglomeration(fk2014, employment="emp_firm", region_employment="emp_region")
    expected = pair.query("industry_i == 'Textiles dyeing' and industry_j == 'Textiles trade'")
    assert got.loc["textile", "gamma_c"] == pytest.approx(expected["gamma_c"].iloc[0], rel=1e-12)
    assert got.loc["textile", "n_industries"] == 2
    with pytest.raises(InputError, match="groups: expected a mapping"):
        coagglomeration(fk2014, employment="emp_firm", groups=["Forestry"])


# ------------------------------------------------------------------ establishment counts
def count_panel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["N", "N", "S", "S"],
            "industry": ["a", "b", "a", "b"],
            "value": [60, 20, 10, 30],
            "establishments": [3, 2, 1, 3],
        }
    )


def test_count_approximation_hand_case():
    got = ellison_glaeser_from_counts(count_panel()).set_index("industry")
    # x = (2/3, 1/3); a: s = (6/7, 1/7), G = 32/441, H = 1/4, γ = -51/441
    # b: s = (.4, .6), G = 32/225, H = 1/5, γ = 12/80
    np.testing.assert_allclose(got["G"], [32 / 441, 32 / 225], rtol=1e-14)
    np.testing.assert_allclose(got["H"], [1 / 4, 1 / 5], rtol=1e-14)
    np.testing.assert_allclose(got["gamma"], [-51 / 441, 12 / 80], rtol=1e-14)
    np.testing.assert_array_equal(got["n_establishments"], [4, 5])


def test_count_basis_establishments_hand_case():
    got = ellison_glaeser_from_counts(count_panel(), basis="establishments")
    # x = (5/9, 4/9); a: s = (3/4, 1/4), γ = -31/240; b: s = (.4, .6), γ = -102/800
    np.testing.assert_allclose(got["gamma"], [-31 / 240, -102 / 800], rtol=1e-14)


def test_counts_agree_with_plant_data_for_equal_sized_plants():
    firms = pd.DataFrame(
        {
            "industry": ["a", "a", "a", "b", "b", "b", "b"],
            "region": ["N", "N", "S", "N", "S", "S", "T"],
            "employment": [5, 5, 5, 8, 8, 8, 8],
        }
    )
    plants = ellison_glaeser(firms)
    cells = firms.groupby(["region", "industry"], as_index=False).agg(
        value=("employment", "sum"), establishments=("employment", "size")
    )
    counts = ellison_glaeser_from_counts(cells)
    for column in ("gamma", "G", "H"):
        np.testing.assert_allclose(counts[column], plants[column], rtol=1e-13)


def test_count_errors_and_warning():
    data = count_panel()
    with pytest.raises(
        InputError, match=r"basis: expected one of \['employment', 'establishments'\]"
    ):
        ellison_glaeser_from_counts(data, basis="plants")
    with pytest.raises(InputError, match=r"missing column\(s\) \['firms'\]"):
        ellison_glaeser_from_counts(data, establishments="firms")
    gap = data.assign(establishments=data["establishments"].where(data.index != 0))
    with pytest.raises(InputError, match="establishments: 1 missing count"):
        ellison_glaeser_from_counts(gap)
    none = data.assign(establishments=[0, 2, 0, 3])
    with pytest.warns(DataQualityWarning, match="1 of 2 industries have employment but no"):
        got = ellison_glaeser_from_counts(none)
    assert np.isnan(got["gamma"].iloc[0]) and np.isfinite(got["gamma"].iloc[1])
