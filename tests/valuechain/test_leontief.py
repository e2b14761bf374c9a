"""Coefficients, Leontief and Ghosh inverses: by hand, against pymrio (reference f), failures.

Reference values: ``../shared/reference/f_input_output`` (pymrio 0.7.0), tolerance 1e-12 as
its README says.  The shared tables (Germany 1995, BEA 2017, WIOD 2011) are read here with
pandas directly, so that these tests do not depend on the readers.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import sparse

from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import (
    leontief_inverse,
    leontief_inverse_matrix,
    leontief_output,
    technical_coefficients,
)
from clusterdialog.valuechain.linkages import allocation_coefficients, ghosh_inverse
from clusterdialog.valuechain.multipliers import multiplier_effects
from clusterdialog.valuechain.table import IOTable

TOLERANCE = 1e-12  # reference/README.md, section f
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


# ----------------------------------------------------------------- shared tables
def reference_table(reference: Path, prefix: str) -> IOTable:
    """A reference model as an IOTable (output = Z·1 + Y·1, as pymrio's calc_x)."""
    folder = reference / "f_input_output"
    z = pd.read_csv(folder / f"{prefix}_input_Z.csv", index_col=0)
    y = pd.read_csv(folder / f"{prefix}_input_Y.csv", index_col=0)
    return IOTable.from_arrays(list(z.index), z.to_numpy(), y)


def read_matrix(reference: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(reference / "f_input_output" / f"{name}.csv", index_col=0)


@functools.cache
def germany_1995() -> IOTable:
    """Eurostat manual Table 15.4: 6 product groups, primary inputs as value-added rows."""
    raw = pd.read_csv(SHARED / "data" / "io_de_1995_eurostat_manual.csv", index_col="prod_na")
    products = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]
    groups = list(raw.columns[4:10])
    final = list(raw.columns[10:15])
    primary = ["P7", "D21X31", "D1", "D29X39", "K1", "B2A3N"]
    return IOTable.from_arrays(
        products,
        raw.loc[products, groups].to_numpy(),
        raw.loc[products, final],
        output=raw.loc["P1", groups].to_numpy(),
        value_added=raw.loc[primary, groups].set_axis(products, axis=1),
        employment=raw.loc["EMP", groups].to_numpy(),
        compensation=raw.loc["D1", groups].to_numpy(),
        household_consumption=raw.loc[products, "final_consumption_households"].to_numpy(),
        allow_negative=["inventory_change", "D29X39"],
        unit="million EUR",
        employment_unit="thousand persons",
    )


@functools.cache
def bea_2017() -> IOTable:
    """BEA 2017 summary, commodity × commodity by the industry-technology assumption.

    Z = U ĝ⁻¹ · V q̂⁻¹ · q̂ (use per unit of industry output, times market shares); the
    eight negative use cells (scrap, one farm cell) and one make cell are set to 0;
    output = Z·1 + Y·1.
    """
    use = pd.read_csv(SHARED / "data" / "io_us_2017_summary_use.csv", dtype={"row_code": str})
    make = pd.read_csv(SHARED / "data" / "io_us_2017_summary_make.csv", dtype={"row_code": str})
    u = use.pivot_table(index="row_code", columns="col_code", values="value_musd", aggfunc="sum")
    v = make.pivot_table(index="row_code", columns="col_code", values="value_musd", aggfunc="sum")
    kind = dict(zip(use["col_code"], use["col_type"], strict=False))
    commodities = sorted(set(use.loc[use["row_type"] == "commodity", "row_code"]))
    industries = sorted(set(make.loc[make["row_type"] == "industry", "row_code"]))
    final = sorted(c for c, k in kind.items() if k == "final_demand")
    u, v = u.fillna(0.0), v.fillna(0.0)
    make_matrix = v.reindex(index=industries, columns=commodities, fill_value=0.0).to_numpy()
    make_matrix = make_matrix.clip(min=0)  # one negative make cell (GSLE): set to 0
    g, q = make_matrix.sum(axis=1), make_matrix.sum(axis=0)
    market_shares = make_matrix / np.where(q > 0, q, 1.0)  # D = V q̂⁻¹
    use_matrix = u.reindex(index=commodities, columns=industries, fill_value=0.0).to_numpy()
    by_industry = use_matrix / np.where(g > 0, g, 1.0)  # B = U ĝ⁻¹
    by_industry = by_industry.clip(min=0)  # 8 negative cells (scrap, one farm cell): set to 0
    z = by_industry @ market_shares * q  # Z = B D q̂
    y = u.reindex(index=commodities, columns=final, fill_value=0.0)
    compensation = u.loc["V001"].reindex(industries, fill_value=0.0).to_numpy()
    return IOTable.from_arrays(
        commodities,
        z,
        y,
        compensation=(compensation / np.where(g > 0, g, 1.0)) @ market_shares * q,
        household_consumption=y["F010"].clip(lower=0).to_numpy(),
        allow_negative=list(final),
        unit="million USD",
    )


@functools.cache
def wiod_2011() -> IOTable:
    """WIOD 2013 release, 2011: 1,435 country-industries; published output (rounded source)."""
    raw = pd.read_parquet(SHARED / "data" / "io_wiod_2011.parquet")
    n = len(raw)
    sectors = (raw["row_country"] + "_" + raw["row_industry"]).tolist()
    y = raw.iloc[:, 4 + n : 4 + n + 205].astype("float64")
    y.loc[raw["output"].to_numpy() == 0] = 0.0  # rounding remnants (−1) of sectors without output
    return IOTable.from_arrays(
        sectors,
        raw.iloc[:, 4 : 4 + n].to_numpy(),
        y,
        output=raw["output"].to_numpy(),
        allow_negative=list(y.columns[(y < 0).any()]),  # inventories, some GFCF cells
        tolerance=1.0,  # integers in the source: tiny sectors are off by up to 82 %
        unit="million USD",
    )


# ----------------------------------------------------------------- by hand
def test_two_sector_inverse_by_hand():
    # A = [[.15, .25], [.2, .05]]; det(I - A) = .85·.95 − .25·.2 = .7575
    table = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    expected = np.array([[0.95, 0.25], [0.2, 0.85]]) / 0.7575
    assert_allclose(leontief_inverse(table).to_numpy(), expected, rtol=1e-14)
    assert_allclose(technical_coefficients(table).to_numpy(), [[0.15, 0.25], [0.2, 0.05]])
    assert_allclose(allocation_coefficients(table).to_numpy(), [[0.15, 0.5], [0.1, 0.05]])


def test_miller_blair_new_final_demand(reference):
    """M&B (2009) section 2.3: f = (600, 1500) gives x = (1247.5248, 1841.5842)."""
    table = reference_table(reference, "mb2009")
    result = leontief_output(table, [600, 1500])
    assert list(result.columns) == ["sector", "value"]
    assert_allclose(result["value"], [1247.5248, 1841.5842], atol=5e-5)
    pinned = pd.read_csv(reference / "f_input_output" / "mb2009_new_final_demand_600_1500.csv")
    assert_allclose(result["value"], pinned["x_new"], rtol=TOLERANCE)
    labour = read_matrix(reference, "mb2009_input_labour_coefficients").to_numpy()[0]
    assert_allclose(labour * result["value"], pinned["labour_new"], rtol=TOLERANCE)
    scenarios = pd.DataFrame({"old": [350, 1700], "new": [600, 1500]}, index=["sec1", "sec2"])
    both = leontief_output(table, scenarios)
    assert_allclose(both["old"], [1000, 2000], rtol=TOLERANCE)


# ----------------------------------------------------------------- pymrio reference
@pytest.mark.parametrize("prefix", ["mb2009", "mrio2x3"])
def test_matrices_match_pymrio(reference, prefix):
    table = reference_table(reference, prefix)
    x = read_matrix(reference, f"{prefix}_x")["indout"].to_numpy()
    assert_allclose(table.output, x, rtol=TOLERANCE)
    for name, result in [
        ("A", technical_coefficients(table)),
        ("L", leontief_inverse(table)),
        ("B", allocation_coefficients(table)),
        ("G_ghosh", ghosh_inverse(table)),
    ]:
        expected = read_matrix(reference, f"{prefix}_{name}")
        assert list(result.index) == list(expected.index) == list(result.columns)
        assert_allclose(result.to_numpy(), expected.to_numpy(), rtol=TOLERANCE, atol=TOLERANCE)


def test_stressor_multipliers_match_pymrio(reference):
    """S = F x̂⁻¹, M = S L, M_down = S (Gᵀ − I) (pymrio calc_S, calc_M, calc_M_down).

    The reference README writes M_down = S·G; pymrio 0.7.0's calc_M_down is S·(Gᵀ − I),
    which is what the file holds.
    """
    table = reference_table(reference, "mrio2x3")
    f = read_matrix(reference, "mrio2x3_input_F").to_numpy()
    s = f / table.output
    assert_allclose(s, read_matrix(reference, "mrio2x3_S").to_numpy(), rtol=TOLERANCE)
    m, _ = multiplier_effects(leontief_inverse(table).to_numpy(), s)
    assert_allclose(m, read_matrix(reference, "mrio2x3_M").to_numpy(), rtol=TOLERANCE)
    m_down = s @ (ghosh_inverse(table).to_numpy().T - np.eye(table.n))
    assert_allclose(m_down, read_matrix(reference, "mrio2x3_M_down").to_numpy(), rtol=TOLERANCE)


def test_sparse_and_dense_agree(reference):
    table = reference_table(reference, "mrio2x3")
    a = technical_coefficients(table).to_numpy()
    dense = leontief_inverse(a, method="dense")
    assert_allclose(leontief_inverse(sparse.csr_matrix(a)), dense, rtol=1e-12)
    assert_allclose(leontief_inverse(a, method="sparse"), dense, rtol=1e-12)
    f = table.final_demand.sum(axis=1).to_numpy()
    assert_allclose(leontief_output(sparse.csc_matrix(a), f), table.output, rtol=1e-12)


def test_coefficient_frame_input_keeps_labels(reference):
    a = technical_coefficients(reference_table(reference, "mb2009"))
    result = leontief_inverse(a)
    assert list(result.index) == ["sec1", "sec2"]
    assert_allclose(result, read_matrix(reference, "mb2009_L"), rtol=TOLERANCE)


# ----------------------------------------------------------------- conventions
def test_zero_output_sector_has_unit_row_and_column():
    z = [[10, 0, 5], [0, 0, 0], [4, 0, 2]]
    table = IOTable.from_arrays(["a", "idle", "c"], z, [20, 0, 30])
    a = technical_coefficients(table)
    assert (a["idle"] == 0).all() and (a.loc["idle"] == 0).all()
    for matrix in (leontief_inverse(table), ghosh_inverse(table)):
        assert_allclose(matrix["idle"], [0, 1, 0])
        assert_allclose(matrix.loc["idle"], [0, 1, 0])
        assert np.isfinite(matrix.to_numpy()).all()


def test_row_order_does_not_change_results(reference):
    table = reference_table(reference, "mrio2x3")
    order = [3, 0, 5, 1, 4, 2]
    z = table.intermediate[np.ix_(order, order)]
    shuffled = IOTable.from_arrays(table.sectors[order], z, table.final_demand.iloc[order])
    expected = leontief_inverse(table)
    result = leontief_inverse(shuffled).loc[expected.index, expected.columns]
    assert_allclose(result, expected, rtol=1e-12)


@pytest.mark.parametrize("loader", [germany_1995, bea_2017], ids=["de1995", "bea2017"])
def test_shared_tables_are_productive(loader):
    table = loader()
    a = technical_coefficients(table).to_numpy()
    inverse = leontief_inverse(table).to_numpy()
    assert inverse.min() >= 0 and np.diagonal(inverse).min() >= 1
    assert_allclose(inverse - a @ inverse, np.eye(table.n), atol=1e-10)  # L = I + A L
    f = table.final_demand.to_numpy().sum(axis=1)
    assert_allclose(inverse @ f, table.output, rtol=2e-3)


# ----------------------------------------------------------------- failures
def test_unproductive_block_is_named():
    # sectors "b" and "c" deliver more to each other than they produce
    a = pd.DataFrame(
        [[0.1, 0.0, 0.0], [0.1, 0.3, 0.9], [0.0, 0.8, 0.2]],
        index=["a", "b", "c"],
        columns=["a", "b", "c"],
    )
    with pytest.raises(InputError, match=r"not productive.*offending block: 'b', 'c'.*'b'"):
        leontief_inverse(a)


def test_singular_system_is_named():
    a = pd.DataFrame([[0.5, 0.5], [0.5, 0.5]], index=["x", "y"], columns=["x", "y"])
    with pytest.raises(InputError, match=r"I − A is singular.*'x'.*'y'"):
        leontief_inverse(a)


@pytest.mark.parametrize(
    ("argument", "kwargs", "message"),
    [
        (np.ones((2, 3)) * 0.1, {}, "expected a square matrix"),
        (
            np.eye(2) * 0.1,
            {"method": "lu"},
            r"method: expected one of auto, dense, sparse, got 'lu'",
        ),
        (
            pd.DataFrame(np.eye(2) * 0.1, index=["a", "b"], columns=["b", "a"]),
            {},
            "index and columns must list the same sectors",
        ),
    ],
)
def test_bad_arguments(argument, kwargs, message):
    with pytest.raises(InputError, match=message):
        leontief_inverse(argument, **kwargs)


def test_bad_final_demand_and_precomputed_inverse(reference):
    table = reference_table(reference, "mb2009")
    with pytest.raises(InputError, match=r"final_demand: expected 2 values"):
        leontief_output(table, [1, 2, 3])
    with pytest.raises(InputError, match=r"no value for sector\(s\) \['sec2'\]"):
        leontief_output(table, pd.Series([1.0], index=["sec1"]))
    with pytest.raises(InputError, match=r"leontief: expected shape \(2, 2\)"):
        ghosh_inverse(table, leontief=np.eye(3))
    with pytest.raises(InputError, match="table: expected an IOTable"):
        technical_coefficients(np.eye(2))


def test_kernel_names_sector_with_inputs_but_no_output():
    from clusterdialog.valuechain.leontief import technical_coefficient_matrix

    with pytest.raises(InputError, match=r"\['b'\] have inputs but no output"):
        technical_coefficient_matrix([[1, 2], [0, 1]], [5, 0], sectors=["a", "b"])
    assert leontief_inverse_matrix(np.zeros((0, 0))).shape == (0, 0)
