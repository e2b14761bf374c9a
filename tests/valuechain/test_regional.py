"""Regionalisation: SLQ, CILQ, FLQ, AFLQ by hand, invariants on the demo data, failure paths."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.datasets import load_kreise_industries
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.valuechain.regional import (
    REGIONALISATION_METHODS,
    WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
    WZ_SECTIONS_TO_CPA_A10,
    regional_coefficients,
    regionalisation_factors,
    sector_employment,
)
from clusterdialog.valuechain.table import IOTable

SECTORS = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]


@pytest.fixture(scope="module")
def germany(shared) -> IOTable:
    """Eurostat manual Table 15.4 (Germany 1995), read with pandas."""
    raw = pd.read_csv(shared / "data" / "io_de_1995_eurostat_manual.csv").set_index("prod_na")
    columns = raw.columns[4:10]
    final = ["final_consumption_households", "final_consumption_government",
             "gross_capital_formation", "inventory_change", "exports"]  # fmt: skip
    return IOTable.from_arrays(
        SECTORS, raw.loc[SECTORS, columns].to_numpy(float), raw.loc[SECTORS, final],
        output=raw.loc["P1", columns].to_numpy(float),
        employment=raw.loc["EMP", columns].to_numpy(float), allow_negative=["inventory_change"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def kreise_2020() -> pd.DataFrame:
    df = load_kreise_industries()
    return df[df["period"] == 2020]


def _stuttgart(germany, kreise, method="flq", **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return regional_coefficients(
            germany, kreise, region="08111", method=method, suppressed="zero",
            concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL, **options,
        )  # fmt: skip


# ---------------------------------------------------------------- by hand
def test_slq_and_flq_two_sectors_by_hand():
    # SLQ = (30/100)/(200/600) = 0.9 and (70/100)/(400/600) = 1.05;
    # λ = log2(1 + 100/600)^0.3 = 0.222392^0.3 = 0.636996
    slq = regionalisation_factors([30, 70], [200, 400], method="slq")
    np.testing.assert_allclose(slq, [[0.9, 0.9], [1.0, 1.0]], atol=1e-12)
    flq = regionalisation_factors([30, 70], [200, 400], method="flq", delta=0.3)
    np.testing.assert_allclose(
        flq, [[0.573297, 0.545997], [0.743162, 0.668846]], atol=2e-6
    )  # 0.9λ, (0.9/1.05)λ, (1.05/0.9)λ, 1.05λ


def test_cilq_and_aflq_three_sectors_by_hand():
    # SLQ = 0.3, 0.6, 2.1 (nation: 100 in each sector)
    cilq = regionalisation_factors([10, 20, 70], [100, 100, 100], method="cilq")
    expected = [[0.3, 0.5, 0.3 / 2.1], [1.0, 0.6, 0.6 / 2.1], [1.0, 1.0, 1.0]]
    np.testing.assert_allclose(cilq, expected, atol=1e-12)
    # δ = 0 makes λ = 1; AFLQ multiplies the column of SLQ_j > 1 by log2(1 + 2.1) = 1.632268
    aflq = regionalisation_factors([10, 20, 70], [100, 100, 100], method="aflq", delta=0)
    expected = [[0.3, 0.5, 0.233181], [1.0, 0.6, 0.466362], [1.0, 1.0, 1.0]]
    np.testing.assert_allclose(aflq, expected, atol=1e-6)
    np.testing.assert_allclose(
        regionalisation_factors([10, 20, 70], [100, 100, 100], method="flq", delta=0), cilq
    )


def test_zero_employment_rows_and_columns():
    factors = regionalisation_factors([0, 5, 5], [10, 10, 10], method="cilq")
    np.testing.assert_array_equal(factors[0], [0.0, 0.0, 0.0])  # absent supplier: all imported
    np.testing.assert_array_equal(factors[1:, 0], [1.0, 1.0])  # absent purchaser: capped at 1
    assert np.isfinite(factors).all()


def test_regional_table_by_hand():
    table = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    panel = pd.DataFrame({"region": ["R", "R", "S", "S"], "industry": ["1", "2", "1", "2"],
                          "value": [30.0, 70.0, 170.0, 330.0]})  # fmt: skip
    result = regional_coefficients(table, panel, region="R", method="slq")
    # SLQ = 0.9 and 1.05: row 1 of A = (0.15, 0.25) scaled by 0.9, row 2 kept
    np.testing.assert_allclose(result.coefficients, [[0.135, 0.225], [0.2, 0.05]], atol=1e-12)
    shares = result.import_shares.set_index(["supplier", "user"])
    assert shares.loc[("1", "2"), "import_share"] == pytest.approx(0.1)
    assert shares.loc[("1", "2"), "import_coefficient"] == pytest.approx(0.025)
    assert shares.loc[("2", "1"), "import_share"] == 0.0
    # output multiplier of sector 1: column sum of (I − R)⁻¹
    inverse = np.linalg.inv(np.eye(2) - np.array([[0.135, 0.225], [0.2, 0.05]]))
    regional = result.multipliers.set_index("sector")["regional"]
    assert regional["1"] == pytest.approx(inverse[:, 0].sum(), abs=1e-12)
    # regional output x_j E^r_j / E^n_j = 1000·30/200 and 2000·70/400
    np.testing.assert_allclose(result.output, [150.0, 350.0])
    assert result.flq_lambda is None
    input_share = result.quotients.set_index("sector")["input_import_share"]
    assert input_share["1"] == pytest.approx(0.015 / 0.35)


# ------------------------------------------------------------ invariants
@pytest.mark.parametrize("method", REGIONALISATION_METHODS)
def test_invariants_on_demo_data(germany, kreise_2020, method):
    result = _stuttgart(germany, kreise_2020, method=method)
    national = result.national_coefficients.to_numpy()
    regional = result.coefficients.to_numpy()
    assert (regional <= national + 1e-15).all()
    assert (regional >= 0).all()
    shares = result.import_shares["import_share"]
    assert shares.between(0, 1).all()
    m = result.multipliers
    assert (m["regional"] >= 1).all() and (m["regional"] <= m["national"] + 1e-12).all()
    assert (m["employment_regional"] <= m["employment_national"] + 1e-12).all()


def test_slq_keeps_rows_of_specialised_sectors(germany, kreise_2020):
    result = _stuttgart(germany, kreise_2020, method="slq")
    slq = result.quotients.set_index("sector")["slq"]
    assert (slq >= 1).any() and (slq < 1).any()
    a, r = result.national_coefficients, result.coefficients
    for sector in slq.index[slq >= 1]:
        np.testing.assert_array_equal(r.loc[sector], a.loc[sector])
    for sector in slq.index[slq < 1]:
        np.testing.assert_allclose(r.loc[sector], a.loc[sector] * slq[sector])


def test_flq_lambda_and_delta(germany, kreise_2020):
    q = _stuttgart(germany, kreise_2020, delta=0.3).quotients
    share = q["regional_employment"].sum() / q["national_employment"].sum()
    lam = _stuttgart(germany, kreise_2020, delta=0.3).flq_lambda
    assert lam == pytest.approx(np.log2(1 + share) ** 0.3)
    low = _stuttgart(germany, kreise_2020, delta=0.1).coefficients.to_numpy()
    high = _stuttgart(germany, kreise_2020, delta=0.5).coefficients.to_numpy()
    assert (high <= low + 1e-15).all()  # a larger δ means more imports


def test_demo_employment_through_concordance(germany, kreise_2020):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        by_sector = sector_employment(germany, kreise_2020, suppressed="zero",
                                      concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL)  # fmt: skip
    stuttgart = kreise_2020[kreise_2020["region"] == "08111"].set_index("industry")["value"]
    assert by_sector.loc["08111", "CPA_J-N"] == stuttgart[["J", "K", "L", "M-N"]].sum()
    assert by_sector.loc["08111", "CPA_B-E"] == stuttgart["B-E"]
    assert list(by_sector.columns) == SECTORS


def test_concordance_constants():
    sections = [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert all(s in WZ_SECTIONS_TO_CPA_A10 for s in sections)
    assert WZ_SECTIONS_TO_CPA_A10["C"] == "CPA_B-E" == WZ_SECTIONS_TO_CPA_A10["B-E"]
    assert len(set(WZ_SECTIONS_TO_CPA_A10.values())) == 10
    demo = set(load_kreise_industries()["industry"])
    assert demo == set(WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL)
    assert sorted(set(WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL.values())) == sorted(SECTORS)


def test_concordance_with_weights_splits_employment():
    table = IOTable.from_arrays(["a", "b"], [[1, 2], [3, 4]], [5, 6])
    panel = pd.DataFrame({"region": ["R"], "industry": ["ab"], "value": [10.0]})
    out = sector_employment(table, panel, concordance={"ab": {"a": 3, "b": 1}})
    np.testing.assert_allclose(out.loc["R"], [7.5, 2.5])


# ------------------------------------------------------------- failures
@pytest.mark.filterwarnings("ignore::clusterdialog.errors.DataQualityWarning")
def test_failures(germany, kreise_2020):
    with pytest.raises(InputError, match="method: expected one of"):
        regionalisation_factors([1, 2], [3, 4], method="lq")
    with pytest.raises(InputError, match=r"delta: expected a number in \[0, 1\)"):
        regionalisation_factors([1, 2], [3, 4], delta=1.0)
    with pytest.raises(InputError, match="no employment"):
        regionalisation_factors([0, 0], [3, 4])
    with pytest.raises(InputError, match="region: '99999' is not in the panel"):
        regional_coefficients(germany, kreise_2020.fillna({"value": 0}), region="99999",
                              concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL)  # fmt: skip
    with pytest.raises(InputError, match="CPA_XX"):
        regional_coefficients(germany, kreise_2020, region="08111", suppressed="zero",
                              concordance={"A": "CPA_XX"})  # fmt: skip
    with pytest.raises(InputError, match="period: the panel has 6 periods"):
        regional_coefficients(germany, load_kreise_industries(), region="08111",
                              period="period", suppressed="zero",
                              concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL)  # fmt: skip


def test_uncovered_sector_is_an_error_and_uncovered_industry_a_warning(germany, kreise_2020):
    partial = {k: v for k, v in WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL.items() if v != "CPA_F"}
    with (
        pytest.warns(DataQualityWarning, match=r"\['F'\] map to no sector"),
        pytest.raises(InputError, match=r"sector\(s\) \['CPA_F'\].*receive no industry"),
    ):
        regional_coefficients(germany, kreise_2020.fillna({"value": 0}), region="08111",
                              concordance=partial)  # fmt: skip
    fewer = dict(WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL)
    del fewer["L"]
    with pytest.warns(DataQualityWarning, match=r"1 panel industr\(y/ies\) \['L'\]"):
        regional_coefficients(germany, kreise_2020.fillna({"value": 0}), region="08111",
                              concordance=fewer)  # fmt: skip
