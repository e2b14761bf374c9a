"""Tests of shift-share analysis against REAT 3.0.3 (shift, shifti, shiftd)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures.shiftshare import (
    dynamic_shift_share,
    shift_share,
    shift_share_matrix,
)

ATOL = 1e-8  # README section c: values are employment counts
REAT_NAMES = {
    "Growth (t1-t)": "growth",
    "National share": "national_share",
    "Industrial mix": "industrial_mix",
    "Net total shift": "net_total_shift",
    "Allocation effect": "allocation_effect",
}
REAT_METHODS = {"Dunn": "dunn", "Esteban": "esteban_marquillas", "Gerfin": "gerfin"}


def reat_column(component: str, method: str) -> str:
    if component == "Regional share":  # REAT's Esteban "Regional share" is the competitive effect
        return "competitive_effect" if method == "esteban_marquillas" else "regional_share"
    return REAT_NAMES[component]


@pytest.fixture(scope="module")
def goettingen(reference):
    """Göttingen (region panel) and Germany (reference), the 15 sections only."""
    raw = pd.read_csv(
        reference / "c_shift_share_goettingen" / "input_goettingen_tidy.csv",
        dtype={"wz_code": str},
    )
    raw = raw[raw["wz_code"] != "A-R"]  # the published total is not used (README)
    region = raw.assign(region="Goettingen")[["region", "wz_code", "year", "emp_goettingen"]]
    nation = raw[["wz_code", "year", "emp_germany"]]
    return region, nation


def goettingen_options(nation) -> dict:
    return {
        "industry": "wz_code",
        "period": "year",
        "value": "emp_goettingen",
        "reference": nation,
        "reference_value": "emp_germany",
    }


@pytest.fixture(scope="module")
def fk2013(reference):
    """Farhauer/Kröll (2013) example from REAT ?shift: regions A, B, C vs nation X."""
    wide = pd.read_csv(reference / "c_shift_share_goettingen" / "input_doc_example_fk2013.csv")
    regions = pd.concat(
        [
            wide[["region", "industry", "emp_t"]].rename(columns={"emp_t": "value"}).assign(t=0),
            wide[["region", "industry", "emp_t1"]].rename(columns={"emp_t1": "value"}).assign(t=1),
        ]
    )
    nation = wide.drop_duplicates("industry")
    nation = pd.concat(
        [
            nation[["industry", "nation_t"]].rename(columns={"nation_t": "value"}).assign(t=0),
            nation[["industry", "nation_t1"]].rename(columns={"nation_t1": "value"}).assign(t=1),
        ]
    )
    return regions, nation


# ----------------------------------------------------------------- by hand
TWO = pd.DataFrame(
    {
        "region": list("AAAABBBB"),
        "industry": list("xxyyxxyy"),
        "year": [2020, 2021] * 4,
        "value": [10, 12, 10, 10, 20, 22, 40, 36],
    }
)


def test_dunn_by_hand():
    # nation: x 30 -> 34, y 50 -> 46, total 80 -> 80: G = 1, g_x = 17/15, g_y = 23/25
    got = shift_share(TWO, period="year").set_index("region")
    a = got.loc["A"]
    assert a["growth"] == 2 and a["national_share"] == 0
    np.testing.assert_allclose(a["industrial_mix"], 10 * (17 / 15 - 1) + 10 * (23 / 25 - 1))
    np.testing.assert_allclose(a["regional_share"], (12 - 10 * 17 / 15) + (10 - 10 * 23 / 25))
    np.testing.assert_allclose(a["net_total_shift"], a["industrial_mix"] + a["regional_share"])
    assert list(got.columns) == [
        "start", "end", "growth", "national_share", "industrial_mix", "regional_share",
        "net_total_shift",
    ]  # fmt: skip
    assert got.loc["A", "start"] == 2020 and got.loc["A", "end"] == 2021


def test_esteban_marquillas_and_gerfin_by_hand():
    got = shift_share(TWO, period="year", method="esteban_marquillas").set_index("region")
    # homothetic values of A: 20 * (30/80, 50/80) = (7.5, 12.5); g_Ax = 1.2, g_Ay = 1
    comp = 7.5 * (1.2 - 17 / 15) + 12.5 * (1 - 23 / 25)
    alloc = 2.5 * (1.2 - 17 / 15) - 2.5 * (1 - 23 / 25)
    np.testing.assert_allclose(got.loc["A", "competitive_effect"], comp)
    np.testing.assert_allclose(got.loc["A", "allocation_effect"], alloc)
    np.testing.assert_allclose(got.loc["A", "regional_share"], comp + alloc)
    gerfin = shift_share(TWO, period="year", method="gerfin").set_index("region")
    expected = 10 * 17 / 15 + 10 * 23 / 25
    np.testing.assert_allclose(gerfin.loc["A", "industrial_mix"], expected / 20)
    np.testing.assert_allclose(gerfin.loc["A", "regional_share"], 22 / expected)
    np.testing.assert_allclose(gerfin.loc["A", "net_total_shift"], 22 / 20)


def test_zero_start_cell_goes_to_the_regional_share():
    df = TWO.copy()
    df.loc[(df["region"] == "A") & (df["industry"] == "x") & (df["year"] == 2020), "value"] = 0
    got = shift_share(df, period="year", by_industry=True)
    ax = got[(got["region"] == "A") & (got["industry"] == "x")].iloc[0]
    assert ax["national_share"] == 0 and ax["industrial_mix"] == 0
    assert ax["regional_share"] == 12
    with pytest.warns(DataQualityWarning, match=r"1 of 2 results \(50.0%\) are NaN"):
        em = shift_share(df, period="year", method="esteban_marquillas").set_index("region")
    assert np.isnan(em.loc["A", "competitive_effect"]) and np.isfinite(em.loc["A", "growth"])
    assert np.isfinite(em.loc["B", "competitive_effect"])


# -------------------------------------------------------------- peer values
@pytest.mark.parametrize("method", ["Dunn", "Esteban", "Gerfin"])
def test_goettingen_matches_reat_shift(reference, goettingen, method):
    region, nation = goettingen
    ours = REAT_METHODS[method]
    got = shift_share(region, method=ours, **goettingen_options(nation)).iloc[0]
    want = pd.read_csv(reference / "c_shift_share_goettingen" / "shift_2008_2017.csv")
    want = want[want["method"] == method]
    assert len(want) in (3, 5)
    for component, value in zip(want["component"], want["value"], strict=True):
        np.testing.assert_allclose(got[reat_column(component, ours)], value, rtol=0, atol=ATOL)
    assert (got["start"], got["end"]) == (2008, 2017)


def test_goettingen_matches_reat_shifti(reference, goettingen):
    region, nation = goettingen
    got = shift_share(region, by_industry=True, **goettingen_options(nation))
    got = got.set_index("wz_code")
    want = pd.read_csv(
        reference / "c_shift_share_goettingen" / "shifti_dunn_by_industry_2008_2017.csv",
        dtype={"wz_code": str},
    ).set_index("wz_code")
    got = got.loc[want.index]
    # REAT shifti: "National share" = NS + IM of the classic per-industry split
    close = {"rtol": 0, "atol": ATOL}
    np.testing.assert_allclose(got["growth"], want["Growth (t1-t)"], **close)
    np.testing.assert_allclose(
        got["national_share"] + got["industrial_mix"], want["National share"], **close
    )
    np.testing.assert_allclose(got["regional_share"], want["Regional share"], **close)
    np.testing.assert_allclose(got["regional_share"], want["Net total shift"], **close)


def test_goettingen_matches_reat_shiftd(reference, goettingen):
    region, nation = goettingen
    options = goettingen_options(nation)
    want = pd.read_csv(
        reference / "c_shift_share_goettingen" / "shiftd_dunn_2008_2017.csv", index_col=0
    )
    total = dynamic_shift_share(region, **options).iloc[0]
    steps = dynamic_shift_share(region, by_step=True, **options)
    assert len(steps) == 9
    for component in want.index:
        column = reat_column(component, "dunn")
        np.testing.assert_allclose(
            total[column], want.loc[component, "value_sum_2008_2017"], rtol=0, atol=ATOL
        )
        for _, row in steps.iterrows():
            label = f"{row['start']}-{row['end']}"
            np.testing.assert_allclose(row[column], want.loc[component, label], rtol=0, atol=ATOL)


@pytest.mark.parametrize("given_nation", [False, True])
@pytest.mark.parametrize("method", ["Dunn", "Esteban", "Gerfin"])
def test_fk2013_example_matches_reat(reference, fk2013, method, given_nation):
    regions, nation = fk2013
    ours = REAT_METHODS[method]
    options = {"period": "t", "method": ours}
    if given_nation:  # X is the sum of A, B, C: both ways give the same numbers
        options["reference"] = nation
    got = shift_share(regions, **options).set_index("region")
    want = pd.read_csv(reference / "c_shift_share_goettingen" / "shift_doc_example_fk2013.csv")
    want = want[want["method"] == method]
    for _, row in want.iterrows():
        column = reat_column(row["component"], ours)
        np.testing.assert_allclose(got.loc[row["region"], column], row["value"], atol=ATOL)
    if method == "Dunn":  # the documented values
        assert np.allclose(got.loc["A", ["national_share", "industrial_mix"]], [27, 1])
        assert np.isclose(got.loc["A", "regional_share"], -3)


# ------------------------------------------------------------ consistency
def test_dynamic_steps_add_up_and_periods_subset(goettingen):
    region, nation = goettingen
    options = goettingen_options(nation)
    steps = dynamic_shift_share(region, start=2010, end=2013, by_step=True, **options)
    assert list(zip(steps["start"], steps["end"], strict=True)) == [
        (2010, 2011), (2011, 2012), (2012, 2013),
    ]  # fmt: skip
    total = dynamic_shift_share(region, start=2010, end=2013, **options)
    components = ["growth", "national_share", "industrial_mix", "regional_share"]
    np.testing.assert_allclose(total[components].iloc[0], steps[components].sum(), atol=1e-9)
    by_industry = dynamic_shift_share(region, start=2010, end=2013, by_industry=True, **options)
    np.testing.assert_allclose(by_industry[components].sum(), steps[components].sum(), atol=1e-8)


def test_extra_reference_industries_are_ignored_with_a_warning(reference, goettingen):
    region, nation = goettingen
    raw = pd.read_csv(
        reference / "c_shift_share_goettingen" / "input_goettingen_tidy.csv",
        dtype={"wz_code": str},
    )
    with_total = raw[["wz_code", "year", "emp_germany"]]  # includes the A-R total row
    with pytest.warns(DataQualityWarning, match=r"1 industries not in the data.*'A-R'"):
        got = shift_share(region, **{**goettingen_options(nation), "reference": with_total})
    np.testing.assert_allclose(got["regional_share"], -972.01175515508351, atol=ATOL)


def test_caller_frames_are_not_mutated(goettingen):
    region, nation = goettingen
    before = (region.copy(), nation.copy())
    shift_share(region, method="esteban_marquillas", **goettingen_options(nation))
    pd.testing.assert_frame_equal(region, before[0])
    pd.testing.assert_frame_equal(nation, before[1])


# ---------------------------------------------------------------- failures
def test_failures(goettingen):
    region, nation = goettingen
    options = goettingen_options(nation)
    with pytest.raises(InputError, match="shift-share needs a panel with periods"):
        shift_share(TWO[TWO["year"] == 2020].drop(columns="year"))
    with pytest.raises(InputError, match=r"start: 1999 is not a period"):
        shift_share(region, start=1999, **options)
    with pytest.raises(InputError, match=r"start: 2017 must come before end 2008"):
        shift_share(region, start=2017, end=2008, **options)
    with pytest.raises(InputError, match=r"method: expected one of \['dunn'"):
        shift_share(region, method="classic", **options)
    with pytest.raises(InputError, match="by_industry: Gerfin"):
        shift_share(region, method="gerfin", by_industry=True, **options)
    with pytest.raises(InputError, match="add up over periods"):
        dynamic_shift_share(region, method="gerfin", **options)
    with pytest.raises(InputError, match=r"reference: 1 \(industry, period\) value"):
        shift_share(region, **{**options, "reference": nation.iloc[1:]})
    with pytest.raises(InputError, match="reference: expected a long DataFrame"):
        shift_share(region, **{**options, "reference": nation.to_numpy()})
    with pytest.raises(InputError, match="reference: missing column"):
        shift_share(region, **{**options, "reference_value": "emp"})


def test_empty_nation_is_an_error(goettingen):
    region, nation = goettingen
    zero = nation.assign(emp_germany=0)
    with pytest.raises(InputError, match=r"reference: the nation's total is 0 in period\(s\)"):
        shift_share(region, **{**goettingen_options(nation), "reference": zero})


def test_gerfin_of_an_empty_region_is_nan():
    df = TWO.copy()
    df.loc[(df["region"] == "A") & (df["year"] == 2020), "value"] = 0
    with pytest.warns(DataQualityWarning, match=r"1 of 2 .* the region's start value is 0"):
        got = shift_share(df, period="year", method="gerfin").set_index("region")
    assert got.loc["A"].drop(["start", "end"]).isna().all()
    assert np.isfinite(got.loc["B", "net_total_shift"])


def test_suppressed_reference_value_is_an_error(goettingen):
    region, nation = goettingen
    holes = nation.astype({"emp_germany": float})
    holes.iloc[0, 2] = np.nan
    with pytest.raises(InputError, match="missing or suppressed"):
        shift_share(region, **{**goettingen_options(nation), "reference": holes})


# ------------------------------------------------------------- properties
panels = arrays(
    np.int64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=st.integers(0, 500)
)


@settings(max_examples=60, deadline=None)
@given(panels, panels)
def test_components_add_up(x0, x1):
    x1 = np.resize(x1, x0.shape)
    x0[0] += 1  # every industry exists in the nation at the start
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cells = shift_share_matrix(
            x0, x1, x0.sum(axis=0), x1.sum(axis=0), method="esteban_marquillas"
        )
    total = cells["national_share"] + cells["industrial_mix"] + cells["regional_share"]
    np.testing.assert_allclose(total, cells["growth"], atol=1e-8)
    split = cells["competitive_effect"] + cells["allocation_effect"]
    defined = np.isfinite(split)
    np.testing.assert_array_equal(defined, (x0 > 0) | (x1 == 0))  # NaN exactly where undefined
    np.testing.assert_allclose(split[defined], cells["regional_share"][defined], atol=1e-8)
    # with the nation = sum of the regions, the shifts cancel out across regions
    np.testing.assert_allclose(cells["net_total_shift"].sum(), 0, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(panels, panels, st.randoms(use_true_random=False))
def test_region_order_does_not_matter(x0, x1, rnd):
    x1 = np.resize(x1, x0.shape)
    order = list(range(x0.shape[0]))
    rnd.shuffle(order)
    a = shift_share_matrix(x0, x1, x0.sum(axis=0), x1.sum(axis=0))
    b = shift_share_matrix(x0[order], x1[order], x0.sum(axis=0), x1.sum(axis=0))
    for key in a:
        np.testing.assert_allclose(b[key], a[key][order])
