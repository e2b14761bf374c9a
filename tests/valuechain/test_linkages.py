"""Linkages and hypothetical extraction: pymrio/numpy reference (f_input_output), extraction
against explicit re-inversion, properties on the shared tables, failures."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import leontief_inverse, technical_coefficients
from clusterdialog.valuechain.linkages import hypothetical_extraction, linkages
from clusterdialog.valuechain.table import IOTable
from tests.valuechain.test_leontief import (
    TOLERANCE,
    bea_2017,
    germany_1995,
    read_matrix,
    reference_table,
    wiod_2011,
)

GHOSH = {
    "direct_backward": "direct_backward_linkage_colsum_A",
    "total_backward": "total_backward_linkage_colsum_L",
    "direct_forward": "direct_forward_linkage_rowsum_B",
    "total_forward": "total_forward_linkage_rowsum_G",
    "backward": "BL_rasmussen_power_of_dispersion",
    "forward": "FL_ghosh_normalised",
    "backward_direct": "BL_direct_normalised",
    "forward_direct": "FL_direct_normalised",
}
LEONTIEF = {
    "total_forward": "rowsum_L",
    "forward": "FL_rasmussen_sensitivity_of_dispersion_L",
}


@pytest.mark.parametrize("prefix", ["mb2009", "mrio2x3"])
def test_linkages_match_reference(reference, prefix):
    table = reference_table(reference, prefix)
    expected = read_matrix(reference, f"{prefix}_multipliers_linkages")
    for forward, names in (("ghosh", GHOSH), ("leontief", LEONTIEF)):
        result = linkages(table, forward=forward)
        assert list(result["sector"]) == list(expected.index)
        for ours, theirs in names.items():
            assert_allclose(result[ours], expected[theirs], rtol=TOLERANCE, err_msg=ours)


def test_key_sectors_by_hand(reference):
    """M&B: BL = (1.0222, 0.9778), Ghosh FL = (1.2083, 0.7917): sector 1 is key."""
    result = linkages(reference_table(reference, "mb2009"))
    assert list(result["key_sector"]) == [True, False]
    assert list(result["category"]) == ["key", "weak"]
    result = linkages(reference_table(reference, "mrio2x3"))
    # reg1|sector2: BL 1.86, FL 1.04 → key; reg1|sector1: BL 0.71, FL 1.03 → forward
    assert list(result["category"][:2]) == ["forward_oriented", "key"]
    assert (result["key_sector"] == ((result["backward"] > 1) & (result["forward"] > 1))).all()


def _extracted_by_reinversion(table: IOTable) -> dict[str, np.ndarray]:
    """Explicit extraction: delete/zero rows and columns and invert again, sector by sector."""
    a = technical_coefficients(table).to_numpy()
    x = table.output
    f = x - a @ x
    b = table.intermediate / x[:, None]
    v = x - table.intermediate.sum(axis=0)
    n = table.n
    total, backward, forward = np.zeros(n), np.zeros(n), np.zeros(n)
    for j in range(n):
        keep = np.arange(n) != j
        reduced = np.linalg.solve(np.eye(n - 1) - a[np.ix_(keep, keep)], f[keep])
        total[j] = x.sum() - reduced.sum()
        no_purchases = a.copy()
        no_purchases[:, j] = 0
        backward[j] = x.sum() - np.linalg.solve(np.eye(n) - no_purchases, f).sum()
        no_sales = b.copy()
        no_sales[j, :] = 0
        forward[j] = x.sum() - np.linalg.solve((np.eye(n) - no_sales).T, v).sum()
    return {"total": total, "backward": backward, "forward": forward}


@pytest.mark.parametrize("case", ["mb2009", "mrio2x3", "de1995"])
def test_extraction_closed_form_equals_reinversion(reference, case):
    table = germany_1995() if case == "de1995" else reference_table(reference, case)
    result = hypothetical_extraction(table)
    expected = _extracted_by_reinversion(table)
    for name, values in expected.items():
        assert_allclose(result[name], values, rtol=1e-10, err_msg=name)
        assert_allclose(result[f"{name}_share"], values / table.output.sum(), rtol=1e-10)
    assert list(result.columns) == [
        "sector", "total", "backward", "forward", "total_share", "backward_share", "forward_share",
    ]  # fmt: skip


@pytest.mark.parametrize("loader", [germany_1995, bea_2017, wiod_2011], ids=["de", "bea", "wiod"])
def test_shared_tables_indices_average_one(loader):
    table = loader()
    inverse = leontief_inverse(table).to_numpy()
    result = linkages(table, leontief=inverse)
    active = table.output > 0
    for column in ("backward", "forward", "backward_direct", "forward_direct"):
        assert_allclose(result[column][active].mean(), 1.0, rtol=1e-12, err_msg=column)
        assert result[column][~active].isna().all()
    assert_allclose(result["total_backward"][active], inverse.sum(axis=0)[active], rtol=1e-12)
    assert (result["total_backward"][active] >= 1).all()
    assert (result["total_forward"][active] >= 1).all()
    assert (result["key_sector"] == ((result["backward"] > 1) & (result["forward"] > 1))).all()
    extraction = hypothetical_extraction(table, leontief=inverse)
    # losing a sector costs at least its own output, and at least each partial extraction
    assert (extraction["total"][active] >= table.output[active] * (1 - 1e-12)).all()
    assert (extraction["backward"][active] >= -1e-9).all()


def test_zero_output_sector():
    table = IOTable.from_arrays(["a", "idle", "c"], [[10, 0, 5], [0, 0, 0], [4, 0, 2]], [20, 0, 30])
    result = linkages(table)
    assert result.loc[1, ["backward", "forward", "total_backward"]].isna().all()
    assert not result.loc[1, "key_sector"] and np.all(
        result["category"].isna() == [False, True, False]
    )
    assert_allclose(result.loc[[0, 2], "backward"].mean(), 1.0)
    assert hypothetical_extraction(table).loc[1, ["total", "forward"]].isna().all()


def test_failures(reference):
    table = reference_table(reference, "mb2009")
    with pytest.raises(InputError, match=r"forward: expected one of ghosh, leontief, got 'row'"):
        linkages(table, forward="row")
    with pytest.raises(InputError, match=r"leontief: expected shape \(2, 2\)"):
        hypothetical_extraction(table, leontief=np.eye(3))
    with pytest.raises(InputError, match="table: expected an IOTable"):
        linkages(technical_coefficients(table))
