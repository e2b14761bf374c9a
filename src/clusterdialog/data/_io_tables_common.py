"""Shared plumbing of the input-output table readers (:mod:`clusterdialog.data.io_tables`).

Every reader collects the blocks of a symmetric table (intermediate flows,
final demand, output, primary inputs, employment) from its file layout and
hands them to :func:`build_table`, which optionally moves negative
intermediate flows out of the way and lets
:meth:`clusterdialog.valuechain.table.IOTable.from_arrays` do the validation
(negative flows, balance of rows and columns, naming the sector).  Its errors
are re-raised with the file name in front.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    as_path_list,
    cell_error,
    check_choice,
    parse_numbers,
    read_bytes,
)
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.valuechain.table import BALANCE_TOLERANCE, IOTable

__all__ = [
    "BALANCE_TOLERANCE",
    "NEGATIVE_FLOWS",
    "NEGATIVE_FLOWS_ADJUSTMENT",
    "NOT_VALUE_ADDED",
    "build_table",
    "file_and_bytes",
    "parse_block",
]

#: Values of the ``negative_flows`` option of every reader.
NEGATIVE_FLOWS = ("error", "adjust")

#: Label of the final-demand column and the primary-input row that take
#: negative intermediate flows when ``negative_flows="adjust"``.
NEGATIVE_FLOWS_ADJUSTMENT = "negative_intermediate_flows"

#: Rows of ``IOTable.value_added`` that are primary inputs but not value added:
#: gross value added is the sum of the other rows.
NOT_VALUE_ADDED = ("imports", "taxes_on_products", NEGATIVE_FLOWS_ADJUSTMENT)


def file_and_bytes(path: PathArgument) -> tuple[Path, bytes, str]:
    """Return ``(path, bytes, sha256)`` of one file, with an InputError if it is missing."""
    (file,) = as_path_list(path)
    data = read_bytes(file)
    return file, data, hashlib.sha256(data).hexdigest()


def parse_block(
    source: str,
    cells,
    *,
    lines: Sequence[int],
    columns: Sequence[object],
    decimal: str = ".",
    nil: Sequence[str] = (),
    word: str = "line",
) -> np.ndarray:
    """Parse a 2-d block of number strings; a bad cell raises an InputError naming it.

    ``lines`` and ``columns`` label the rows and columns of the block in the
    message (``<file>, line <n>, column <c>: expected a number …``); cells
    equal to a symbol in ``nil`` (e.g. ``"-"``) are 0.

    Examples
    --------
    >>> parse_block("t.csv", [["1", "-"], ["2,5", "x"]], lines=[2, 3], columns=["a", "b"],
    ...             decimal=",", nil=["-"])
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: t.csv, line 3, column b: expected a number, got 'x'
    """
    array = np.asarray(cells, dtype=object)
    if array.size == 0:
        return np.zeros(array.shape)
    flat = pd.Series(array.ravel()).astype(str).str.strip()
    is_nil = flat.isin(list(nil)).to_numpy()
    values, ok = parse_numbers(flat.where(~is_nil, "0"), decimal=decimal)
    if not ok.all():
        k = int(np.flatnonzero(~ok)[0])
        r, c = divmod(k, array.shape[1])
        where = cell_error(source, lines[r], columns[c], f"expected a number, got {flat[k]!r}")
        raise InputError(str(where).replace(", line ", f", {word} ", 1))
    return values.reshape(array.shape)


def _move_negative_flows(
    source: str,
    codes: Sequence[str],
    z: np.ndarray,
    final_demand: pd.DataFrame,
    value_added: pd.DataFrame,
) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    negative = np.minimum(z, 0.0)
    count = int((negative < 0).sum())
    if not count:
        return z, final_demand, value_added
    share = float(-negative.sum() / max(np.abs(z).sum(), 1e-300))
    i, j = np.unravel_index(np.argmin(negative), z.shape)
    warnings.warn(
        f"{source}: {count} negative intermediate flow(s) (largest {negative[i, j]:,.6g} from "
        f"{codes[i]!r} to {codes[j]!r}; {share:.3%} of the absolute intermediate total) were set "
        f"to 0 and moved to the final-demand column and primary-input row "
        f"{NEGATIVE_FLOWS_ADJUSTMENT!r}, so rows and columns still balance",
        DataQualityWarning,
        stacklevel=4,
    )
    final_demand = final_demand.copy()
    final_demand[NEGATIVE_FLOWS_ADJUSTMENT] = negative.sum(axis=1)
    row = pd.DataFrame([negative.sum(axis=0)], index=[NEGATIVE_FLOWS_ADJUSTMENT])
    value_added = pd.concat([value_added, row.set_axis(value_added.columns, axis=1)])
    return z - negative, final_demand, value_added


def build_table(
    source: str,
    *,
    sectors: Sequence[str],
    intermediate: np.ndarray,
    final_demand: pd.DataFrame,
    output: np.ndarray | None,
    value_added: pd.DataFrame,
    provenance: Provenance,
    employment: np.ndarray | None = None,
    compensation: np.ndarray | None = None,
    household_consumption: np.ndarray | None = None,
    names: Mapping[str, str] | None = None,
    kind: str = "product",
    unit: str = "",
    employment_unit: str = "persons",
    allow_negative: Sequence[str] = (),
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
) -> IOTable:
    """Validate the blocks of a table read from ``source`` and return the IOTable.

    ``value_added`` is components × sectors (its columns are replaced by the
    sector codes).  With ``negative_flows="adjust"`` negative intermediate
    cells are set to 0 and their values booked in a final-demand column and a
    primary-input row named :data:`NEGATIVE_FLOWS_ADJUSTMENT` (row and column
    totals unchanged), with a DataQualityWarning.  Every InputError of
    :meth:`IOTable.from_arrays` is re-raised with ``source`` in front.
    """
    check_choice("negative_flows", negative_flows, NEGATIVE_FLOWS)
    if not (isinstance(tolerance, int | float) and tolerance >= 0):
        raise InputError(f"tolerance: expected a number ≥ 0, got {tolerance!r}")
    codes = [str(s) for s in sectors]
    z = np.asarray(intermediate, dtype="float64")
    final_demand = final_demand.reset_index(drop=True)
    value_added = value_added.copy()
    value_added.columns = codes
    allowed = list(allow_negative)
    if negative_flows == "adjust" and z.shape == (len(codes), len(codes)):
        z, final_demand, value_added = _move_negative_flows(
            source, codes, z, final_demand, value_added
        )
        allowed.append(NEGATIVE_FLOWS_ADJUSTMENT)
    try:
        return IOTable.from_arrays(
            codes,
            z,
            final_demand,
            output=output,
            value_added=value_added if not value_added.empty else None,
            employment=employment,
            compensation=compensation,
            household_consumption=household_consumption,
            names=names,
            kind=kind,
            unit=unit,
            employment_unit=employment_unit,
            provenance=provenance,
            allow_negative=allowed,
            tolerance=float(tolerance),
        )
    except InputError as error:
        raise InputError(f"{source}: {error}") from None
