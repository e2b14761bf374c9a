"""Multipliers: pymrio reference (f_input_output), type II against an explicit closed model,
properties on the shared tables, failures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import leontief_inverse
from clusterdialog.valuechain.multipliers import (
    employment_multipliers,
    income_multipliers,
    multipliers,
    output_multipliers,
    value_added_multipliers,
)
from clusterdialog.valuechain.table import IOTable
from tests.valuechain.test_leontief import (
    TOLERANCE,
    bea_2017,
    germany_1995,
    read_matrix,
    reference_table,
    wiod_2011,
)


@pytest.mark.parametrize("prefix", ["mb2009", "mrio2x3"])
def test_output_multipliers_match_pymrio(reference, prefix):
    expected = read_matrix(reference, f"{prefix}_multipliers_linkages")
    result = output_multipliers(reference_table(reference, prefix))
    assert list(result.columns) == ["sector", "value"]
    assert list(result["sector"]) == list(expected.index)
    assert_allclose(result["value"], expected["output_multiplier_colsum_L"], rtol=TOLERANCE)


def test_employment_effect_matches_miller_blair(reference):
    """Labour coefficients (0.3, 0.25) → l·L = (0.4422, 0.3795), as in the reference file."""
    base = reference_table(reference, "mb2009")
    labour = read_matrix(reference, "mb2009_input_labour_coefficients").to_numpy()[0]
    table = IOTable.from_arrays(
        base.sectors, base.intermediate, base.final_demand, employment=labour * base.output
    )
    result = employment_multipliers(table)
    assert list(result.columns) == ["sector", "direct", "effect", "value"]
    expected = read_matrix(reference, "mb2009_employment_multipliers_lL").to_numpy()[0]
    assert_allclose(result["effect"], expected, rtol=TOLERANCE)
    assert_allclose(result["direct"], labour, rtol=TOLERANCE)
    assert_allclose(result["value"], expected / labour, rtol=TOLERANCE)


def _with_households() -> IOTable:
    return IOTable.from_arrays(
        ["1", "2"],
        [[150, 500], [200, 100]],
        pd.DataFrame({"households": [200, 900], "other": [150, 800]}),
        compensation=[300, 500],
        household_consumption=[200, 900],
        employment=[30, 25],
    )


def test_type_ii_equals_explicit_closed_model():
    """Append h_r = compensation / x and h_c = consumption / Σ compensation, invert (n+1)."""
    table = _with_households()
    x = table.output
    h_r = np.array([300, 500]) / x
    h_c = np.array([200, 900]) / 800
    closed = np.zeros((3, 3))
    closed[:2, :2] = table.intermediate / x
    closed[:2, 2], closed[2, :2] = h_c, h_r
    inverse = np.linalg.inv(np.eye(3) - closed)
    result = multipliers(table)
    assert_allclose(result["output_type_ii"], inverse[:2, :2].sum(axis=0), rtol=1e-12)
    assert_allclose(result["income_effect_type_ii"], inverse[2, :2], rtol=1e-12)
    assert_allclose(result["income_type_ii"], inverse[2, :2] / h_r, rtol=1e-12)
    jobs = np.array([30, 25]) / x
    assert_allclose(result["employment_effect_type_ii"], jobs @ inverse[:2, :2], rtol=1e-12)
    open_model = np.linalg.inv(np.eye(2) - closed[:2, :2])
    assert_allclose(result["output"], open_model.sum(axis=0), rtol=1e-12)
    assert_allclose(result["employment_effect"], jobs @ open_model, rtol=1e-12)
    # an explicit household income (M&B's x_{n+1}) replaces Σ compensation
    scaled = output_multipliers(table, household_income=1600)
    closed[:2, 2] = np.array([200, 900]) / 1600
    inverse = np.linalg.inv(np.eye(3) - closed)
    assert_allclose(scaled["type_ii"], inverse[:2, :2].sum(axis=0), rtol=1e-12)
    assert "type_ii" not in output_multipliers(table, households="no")


def test_columns_of_the_wide_frame():
    assert list(multipliers(_with_households()).columns) == [
        "sector", "output", "output_type_ii", "income", "income_effect", "income_type_ii",
        "income_effect_type_ii", "employment", "employment_effect", "employment_type_ii",
        "employment_effect_type_ii",
    ]  # fmt: skip
    assert list(income_multipliers(_with_households()).columns) == [
        "sector", "direct", "effect", "value", "effect_type_ii", "type_ii",
    ]  # fmt: skip


def test_zero_output_and_zero_coefficient_give_nan():
    table = IOTable.from_arrays(
        ["a", "idle", "c"], [[10, 0, 5], [0, 0, 0], [4, 0, 2]], [20, 0, 30], employment=[5, 0, 0]
    )
    result = employment_multipliers(table)
    assert result.loc[1, ["direct", "effect", "value"]].isna().all()
    # c employs nobody itself but buys from a: an effect, no ratio
    assert np.isnan(result.loc[2, "value"])
    assert_allclose(
        result.loc[2, "effect"], result.loc[0, "direct"] * leontief_inverse(table).loc["a", "c"]
    )
    assert result.loc[0, "value"] >= 1
    assert np.isnan(output_multipliers(table).loc[1, "value"])


def test_germany_1995_properties():
    table = germany_1995()
    result = multipliers(table)
    assert (result["output"] >= 1).all()
    assert (result["output_type_ii"] > result["output"]).all()
    for kind in ("income", "employment", "value_added"):
        assert (result[kind] >= 1).all() and (result[f"{kind}_type_ii"] > result[kind]).all()
    # every unit of final demand ends up as some primary input (imports, taxes, value added)
    primary = value_added_multipliers(table, households="no")["effect"]
    assert_allclose(primary, 1.0, atol=2e-3)  # output row off the column totals by rounding
    value_added = value_added_multipliers(table, components=["D1", "D29X39", "K1", "B2A3N"])
    assert (value_added["effect"] < primary).all()


@pytest.mark.parametrize("loader", [bea_2017, wiod_2011], ids=["bea2017", "wiod2011"])
def test_shared_tables_multipliers_at_least_one(loader):
    table = loader()
    inverse = leontief_inverse(table).to_numpy()
    result = output_multipliers(table, leontief=inverse)
    active = table.output > 0
    assert_allclose(result["value"][active], inverse.sum(axis=0)[active], rtol=1e-12)
    assert (result["value"][active] >= 1).all()
    assert result["value"][~active].isna().all()
    if table.compensation is not None:
        assert (result["type_ii"] >= result["value"]).all()


def test_failures():
    table = reference_table_plain()
    with pytest.raises(InputError, match=r"households: expected one of auto, yes, no, got 'y'"):
        output_multipliers(table, households="y")
    with pytest.raises(InputError, match="no compensation and no household_consumption"):
        output_multipliers(table, households="yes")
    with pytest.raises(InputError, match="no employment row"):
        employment_multipliers(table)
    with pytest.raises(InputError, match="no value-added rows"):
        value_added_multipliers(table)
    with pytest.raises(InputError, match=r"components: \['B1G'\] not among"):
        value_added_multipliers(germany_1995(), components=["B1G"])
    with pytest.raises(InputError, match="closed model is not productive"):
        output_multipliers(_with_households(), household_income=100)


def reference_table_plain() -> IOTable:
    return IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])


def test_value_added_leaves_out_imports_and_taxes_on_products_by_default():
    from clusterdialog.valuechain.table import IOTable

    table = IOTable.from_arrays(
        ["1", "2"], [[150, 500], [200, 100]], [350, 1700], output=[1000, 2000],
        value_added={"imports": [50, 400], "compensation": [600, 1000]},
    )  # fmt: skip
    gross = value_added_multipliers(table)
    # direct value added per unit of output: compensation only (600/1000, 1000/2000)
    np.testing.assert_allclose(gross["direct"], [0.6, 0.5], rtol=1e-15)
    everything = value_added_multipliers(table, components=["imports", "compensation"])
    np.testing.assert_allclose(everything["direct"], [0.65, 0.7], rtol=1e-15)
