"""Readers of symmetric input-output tables → :class:`~clusterdialog.valuechain.table.IOTable`.

:func:`read_io_table` reads one file in one of the layouts of
:data:`IO_FORMATS` and returns a validated table: intermediate flows ``Z``
(supplier rows × user columns), final demand, output, primary inputs
(``value_added``: components × sectors), and where the file has them
employment, compensation of employees and household consumption.  Sector
codes stay strings (``"01"``, ``"CPA_B-E"``).  The publisher's credit line is
in ``table.provenance.details["credit"]`` and must accompany any use.

Primary-input rows get the same labels in every reader where the source says
what they are: ``imports``, ``taxes_on_products``, ``compensation``,
``other_taxes_on_production``, ``taxes_on_production_and_imports`` (BEA),
``consumption_of_fixed_capital``, ``operating_surplus`` (gross),
``net_operating_surplus``, ``value_added`` (WIOD: the residual).  Rows in
:data:`NOT_VALUE_ADDED` are inputs but not value added; gross value added is
the sum of the other rows.

Bad tables raise one :class:`~clusterdialog.errors.InputError` naming the
file and the line, column or sector: negative intermediate flows, rows or
columns that do not balance beyond ``tolerance`` (relative, default
:data:`BALANCE_TOLERANCE`), cells that are not numbers, a missing file, a
file that is not in the format asked for.

The generic layout (``format="generic"``, CSV or XLSX)
-------------------------------------------------------
A labelled matrix, one header row, one row per line::

    sector,name,CPA_A,CPA_C,households,exports,output
    CPA_A,Agriculture,10,40,30,20,100
    CPA_C,Manufacturing,20,200,150,330,700
    total_intermediate,Total,30,240,,,
    imports,Imports,8,90,,,
    compensation,Compensation of employees,20,180,,,
    operating_surplus,Operating surplus,42,190,,,
    output,Output,100,700,,,
    employment,Persons employed,5,12,,,

- First column: the row label (its header is free).  An optional second
  column headed ``name`` holds sector names.
- Sectors: the column headers that are also row labels.  Their columns form
  ``Z`` (user sectors), their rows the supplying sectors (any row order).
- Other columns are final-demand categories, except ``output`` (total
  output per sector; optional) and columns whose header starts with
  ``total`` (ignored).  The column named by ``household_column`` (default
  ``households``) is household consumption.
- Other rows: ``output`` (optional; used as output when present, checked
  against the ``output`` column), ``employment`` (persons, or
  ``employment_unit``), rows whose label starts with ``total`` (ignored), and
  every other row is a primary input (value added, imports, taxes), named by
  its label.  A row ``compensation`` is also the compensation vector.
- Cells of sector rows and of primary-input rows under sector columns must
  be numbers (write ``0``, not an empty cell); other cells are ignored.
  Numbers use ``decimal`` (``"."`` or ``","``) and no thousands separator.
- Negative values are allowed only in primary-input rows and in the
  final-demand categories of ``allow_negative`` (default
  ``("inventories",)``).

Shared published files: :mod:`clusterdialog.data.io_tables_published`
(``eurostat_manual``, ``bea``, ``ons``) and
:mod:`clusterdialog.data.io_tables_wiod` (``wiod``); official bulk layouts:
:mod:`clusterdialog.data.io_tables_formats` (``naio``, ``destatis``).
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from clusterdialog.data._io_tables_common import (
    BALANCE_TOLERANCE,
    NEGATIVE_FLOWS_ADJUSTMENT,
    NOT_VALUE_ADDED,
    build_table,
    file_and_bytes,
)
from clusterdialog.data.io_tables_formats import read_io_destatis, read_io_naio
from clusterdialog.data.io_tables_published import (
    read_io_bea,
    read_io_eurostat_manual,
    read_io_ons,
)
from clusterdialog.data.io_tables_wiod import read_io_wiod
from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    cell_error,
    check_choice,
    decode_text,
    parse_numbers,
)
from clusterdialog.errors import InputError
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "BALANCE_TOLERANCE",
    "IO_FORMATS",
    "NEGATIVE_FLOWS_ADJUSTMENT",
    "NOT_VALUE_ADDED",
    "read_io_bea",
    "read_io_destatis",
    "read_io_eurostat_manual",
    "read_io_generic",
    "read_io_naio",
    "read_io_ons",
    "read_io_table",
    "read_io_wiod",
]


def _load_grid(file, data: bytes, *, sheet, sep: str, encoding: str) -> tuple[pd.DataFrame, str]:
    """The file as a grid of strings and the word for its rows (``line`` or ``row``)."""
    source = file.name
    if source.lower().endswith((".xlsx", ".xlsm")):
        try:
            grid = pd.read_excel(io.BytesIO(data), sheet_name=sheet, header=None, dtype=str)
        except (ValueError, KeyError, OSError) as error:
            raise InputError(f"{source}: not a readable XLSX sheet {sheet!r} ({error})") from None
        return grid.fillna("").astype(str), "row"
    text, _ = decode_text(data, encoding=encoding, source=source)
    try:
        grid = pd.read_csv(
            io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError(f"{source}: not a {sep!r}-separated table ({error})") from None
    return grid, "line"


def read_io_generic(
    path: PathArgument,
    *,
    sheet: int | str = 0,
    sep: str = ",",
    decimal: str = ".",
    encoding: str = "auto",
    kind: str = "product",
    unit: str = "",
    employment_unit: str = "persons",
    household_column: str = "households",
    allow_negative: Sequence[str] = ("inventories",),
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
) -> IOTable:
    """Read a table in the documented generic layout (CSV or XLSX; see the module docstring).

    Parameters
    ----------
    path : path
        ``.csv`` (any other suffix is read as text) or ``.xlsx``.
    sheet : int or str
        XLSX sheet.
    sep, decimal, encoding : str
        CSV field separator, decimal mark (``"."`` or ``","``), text encoding
        (``"auto"``: UTF-8, else ISO-8859-1).
    kind, unit, employment_unit : str
        Stored on the table.
    household_column : str
        The final-demand column of household consumption (ignored if absent).
    allow_negative : sequence of str
        Final-demand categories that may be negative.
    tolerance : float
        Relative tolerance of the row and column balance.
    negative_flows : {"error", "adjust"}
        ``"adjust"`` moves negative intermediate flows to a final-demand
        column and a primary-input row (with a DataQualityWarning).

    Returns
    -------
    IOTable

    Raises
    ------
    InputError
        Naming the file and line (row) and column of a bad cell, or the
        sector of a negative flow or an unbalanced row or column.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "io.csv"
    >>> _ = path.write_text("sector,A,B,households\\nA,150,500,350\\nB,200,100,1700\\n"
    ...                     "value_added,650,1400,\\n")
    >>> table = read_io_generic(path)
    >>> table.output, list(table.value_added.index)
    (array([1000., 2000.]), ['value_added'])
    """
    file, data, sha = file_and_bytes(path)
    source = file.name
    check_choice("decimal", decimal, [".", ","])
    grid, word = _load_grid(file, data, sheet=sheet, sep=sep, encoding=encoding)
    if grid.shape[0] < 2 or grid.shape[1] < 2:
        raise InputError(
            f"{source}: expected a labelled matrix with a header row, got {grid.shape}"
        )
    header = [str(h).strip() for h in grid.iloc[0]]
    labels = [str(v).strip() for v in grid.iloc[1:, 0]]
    first_data = 2 if header[1:2] == ["name"] else 1
    columns = {h: k for k, h in enumerate(header) if k >= first_data and h}
    seen: set[str] = set()
    for line, label in enumerate(labels, start=2):
        if label in seen and not label.lower().startswith("total"):
            raise cell_error(source, line, 1, f"row label {label!r} appears twice")
        seen.add(label)
    sectors = [h for h in columns if h in seen and h not in ("output", "employment")]
    if not sectors:
        raise InputError(
            f"{source}: no sector found: expected column headers that are also row labels "
            f"(the generic layout), got columns {header[:8]} and rows {labels[:8]}"
        )
    reserved = {"output", "employment"}
    final = [h for h in columns if h not in sectors and h not in reserved]
    final = [h for h in final if not h.lower().startswith("total")]
    row_of = {label: k + 1 for k, label in enumerate(labels)}
    primary = [
        label
        for label in labels
        if label not in sectors and label not in reserved and not label.lower().startswith("total")
    ]
    if any(not label for label in primary):
        line = labels.index("") + 2
        raise cell_error(source, line, 1, "expected a row label, got an empty cell")

    def block(rows: list[str], cols: list[str]) -> np.ndarray:
        if not rows or not cols:
            return np.zeros((len(rows), len(cols)))
        cells = grid.iloc[[row_of[r] for r in rows], [columns[c] for c in cols]]
        values, ok = parse_numbers(pd.Series(cells.to_numpy().ravel()), decimal=decimal)
        if not ok.all():
            k = int(np.flatnonzero(~ok)[0])
            r, c = divmod(k, len(cols))
            raise cell_error(
                source,
                row_of[rows[r]] + 1,
                f"{columns[cols[c]] + 1} ({cols[c]})",
                f"expected a number in {word} {rows[r]!r}, got {cells.iat[r, c]!r}",
            )
        return values.reshape(len(rows), len(cols))

    z = block(sectors, sectors)
    y = pd.DataFrame(block(sectors, final), columns=final)
    output = block(["output"], sectors)[0] if "output" in row_of else None
    if "output" in columns:
        output_column = block(sectors, ["output"])[:, 0]
        if output is None:
            output = output_column
        else:
            off = np.abs(output - output_column) > tolerance * np.maximum(np.abs(output), 1e-12)
            if off.any():
                k = int(np.flatnonzero(off)[0])
                raise InputError(
                    f"{source}: sector {sectors[k]!r}: output row says {output[k]:,.6g}, output "
                    f"column says {output_column[k]:,.6g}"
                )
    va = pd.DataFrame(block(primary, sectors), index=primary)
    employment = block(["employment"], sectors)[0] if "employment" in row_of else None
    compensation = va.loc["compensation"].to_numpy() if "compensation" in va.index else None
    households = y[household_column].to_numpy() if household_column in y.columns else None
    names = {}
    if first_data == 2:
        names = {s: str(grid.iat[row_of[s], 1]).strip() for s in sectors}
        names = {s: n for s, n in names.items() if n}
    provenance = Provenance(
        source=source,
        sha256=sha,
        table=file.stem,
        reader="io_generic",
        details={"format": "generic", "credit": "", "sheet": sheet if word == "row" else None},
    )
    return build_table(
        source,
        sectors=sectors,
        intermediate=z,
        final_demand=y,
        output=output,
        value_added=va,
        provenance=provenance,
        employment=employment,
        compensation=compensation,
        household_consumption=households,
        names=names,
        kind=kind,
        unit=unit,
        employment_unit=employment_unit,
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )


#: The readers by format name, as ``read_io_table(format=...)`` and the command line know them.
IO_FORMATS: dict[str, Callable[..., IOTable]] = {
    "generic": read_io_generic,
    "naio": read_io_naio,
    "destatis": read_io_destatis,
    "eurostat_manual": read_io_eurostat_manual,
    "bea": read_io_bea,
    "ons": read_io_ons,
    "wiod": read_io_wiod,
}


def read_io_table(path: PathArgument, *, format: str = "generic", **options: object) -> IOTable:
    """Read a symmetric input-output table in one of the :data:`IO_FORMATS`.

    Parameters
    ----------
    path : path
        The file.  For ``format="bea"`` the Use table; its Make table is
        found beside it (``…_use.csv`` → ``…_make.csv``) or given as
        ``make=``.
    format : {"generic", "naio", "destatis", "eurostat_manual", "bea", "ons", "wiod"}
        The layout (see the reader of each: :func:`read_io_generic`,
        :func:`read_io_naio`, :func:`read_io_destatis`,
        :func:`read_io_eurostat_manual`, :func:`read_io_bea`,
        :func:`read_io_ons`, :func:`read_io_wiod`).
    **options
        Keyword options of that reader.  All take ``tolerance`` (relative
        balance tolerance) and ``negative_flows`` (``"error"`` or
        ``"adjust"``).

    Returns
    -------
    IOTable
        Validated; ``provenance.details["credit"]`` holds the credit line.

    Raises
    ------
    InputError
        For an unknown format or an option the reader does not take, and
        whatever the reader raises for a missing, malformed or unbalanced file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "io.csv"
    >>> _ = path.write_text("sector,A,B,households\\nA,150,500,350\\nB,200,100,1700\\n")
    >>> read_io_table(path).intermediate.sum()
    np.float64(950.0)
    >>> read_io_table(path, format="csv")
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: format: expected one of [...], got 'csv'
    """
    if format not in IO_FORMATS:
        raise InputError(f"format: expected one of {list(IO_FORMATS)}, got {format!r}")
    function = IO_FORMATS[format]
    accepted = [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    for name in options:
        if name not in accepted:
            raise InputError(
                f"read_io_table: format {format!r} takes no option {name!r}; its options are "
                f"{accepted}"
            )
    return function(path, **options)
