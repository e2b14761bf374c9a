"""Readers of published input-output tables as stored in the shared data folder.

``eurostat_manual``
    Eurostat Manual of Supply, Use and Input-Output Tables (Beutel 2008),
    Table 15.4 (Germany 1995, 6 product groups) in the labelled-matrix layout
    of R ``iotables`` (columns ``prod_na``, ``iotables_row``, one column per
    group, final-use columns, ``total_final_use``).
``bea``
    BEA Use and Make tables (summary level, tidy long: ``row_code``,
    ``row_type``, ``col_code``, ``col_type``, ``value_musd``), turned into a
    commodity × commodity table under the industry-technology assumption.
``ons``
    ONS UK input-output analytical table, product × product, domestic use
    (tidy long: ``row_code``, ``row_type``, ``col_code``, ``col_type``,
    ``value_mgbp``).

The World Input-Output Table (``wiod``) is read by
:mod:`clusterdialog.data.io_tables_wiod`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data._io_tables_common import (
    BALANCE_TOLERANCE,
    build_table,
    file_and_bytes,
    parse_block,
)
from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import PathArgument, combine_sha256, decode_text
from clusterdialog.errors import InputError
from clusterdialog.valuechain.table import IOTable

__all__ = ["read_io_bea", "read_io_eurostat_manual", "read_io_ons"]

_MANUAL_ROWS = {
    "P7": "imports",
    "D21X31": "taxes_on_products",
    "D1": "compensation",
    "D29X39": "other_taxes_on_production",
    "K1": "consumption_of_fixed_capital",
    "B2A3N": "net_operating_surplus",
}
_MANUAL_FINAL = (
    "final_consumption_households",
    "final_consumption_government",
    "gross_capital_formation",
    "inventory_change",
    "exports",
)
_BEA_ROWS = {
    "V001": "compensation",
    "V002": "taxes_on_production_and_imports",
    "V003": "operating_surplus",
}
_ONS_ROWS = {
    "Imported goods and services": "imports",
    "Taxes less subsidies on products": "taxes_on_products",
    "Taxes less subsidies on production": "other_taxes_on_production",
    "Compensation of employees": "compensation",
    "Gross Operating Surplus": "operating_surplus",
}


def _read_csv(file: Path, data: bytes, required: Sequence[str], layout: str) -> pd.DataFrame:
    text, _ = decode_text(data, encoding="auto", source=file.name)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError(f"{file.name}: not a CSV file ({error})") from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InputError(
            f"{file.name}: not the {layout} layout: missing column(s) {missing}; "
            f"got {list(frame.columns)[:10]}"
        )
    return frame


def read_io_eurostat_manual(
    path: PathArgument,
    *,
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
    allow_negative: Sequence[str] = ("inventory_change",),
) -> IOTable:
    """Read Table 15.4 of the Eurostat manual (Germany 1995) in the ``iotables`` layout.

    Product rows are those whose ``prod_na`` starts with ``CPA_``; the column
    of a product is named by its ``iotables_row``.  Primary inputs: ``P7``
    imports, ``D21X31``, ``D1``, ``D29X39``, ``K1``, ``B2A3N`` (their sum
    with ``Z`` is ``P1``); ``TOTAL``, ``P2`` and ``B1G`` are totals and
    skipped.  Output is the ``P1`` row, employment the ``EMP`` row (thousand
    persons), household consumption ``final_consumption_households``.

    Raises
    ------
    InputError
        For a missing column, a cell that is not a number (naming line and
        column), or a table that does not balance (naming the sector).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> missing = pathlib.Path(tempfile.mkdtemp()) / "none.csv"
    >>> read_io_eurostat_manual(missing)
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: path: file not found: ...none.csv
    """
    file, data, sha = file_and_bytes(path)
    required = ["prod_na", "prod_na_lab", "iotables_row", *_MANUAL_FINAL]
    frame = _read_csv(file, data, required, "Eurostat-manual (iotables)")
    lines = {code: k + 2 for k, code in enumerate(frame["prod_na"])}
    products = frame[frame["prod_na"].str.startswith("CPA_")]
    if products.empty:
        raise InputError(f"{file.name}: no product rows (prod_na starting with 'CPA_')")
    codes = products["prod_na"].tolist()
    columns = products["iotables_row"].tolist()
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{file.name}: no column for product row(s) {missing}")
    for code in ("P1", *_MANUAL_ROWS):
        if code not in lines:
            raise InputError(f"{file.name}: expected a row prod_na = {code!r}, found none")

    def block(rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
        cells = frame.set_index("prod_na").loc[list(rows), list(cols)].to_numpy()
        return parse_block(file.name, cells, lines=[lines[r] for r in rows], columns=list(cols))

    z = block(codes, columns)
    y = pd.DataFrame(block(codes, _MANUAL_FINAL), columns=list(_MANUAL_FINAL))
    va = pd.DataFrame(block(list(_MANUAL_ROWS), columns), index=list(_MANUAL_ROWS.values()))
    employment = block(["EMP"], columns)[0] if "EMP" in lines else None
    provenance = Provenance(
        source=file.name,
        sha256=sha,
        table="Eurostat Manual Table 15.4 (Germany 1995)",
        reader="io_eurostat_manual",
        details={
            "format": "eurostat_manual",
            "credit": "Source: Eurostat, Manual of Supply, Use and Input-Output Tables (2008), "
            "Table 15.4",
            "employment_unit_note": "thousand persons (inferred from magnitude)",
        },
    )
    return build_table(
        file.name,
        sectors=codes,
        intermediate=z,
        final_demand=y,
        output=block(["P1"], columns)[0],
        value_added=va,
        provenance=provenance,
        employment=employment,
        compensation=va.loc["compensation"].to_numpy(),
        household_consumption=y["final_consumption_households"].to_numpy(),
        names=dict(zip(codes, products["prod_na_lab"], strict=True)),
        unit="million EUR",
        employment_unit="thousand persons",
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )


def _pivot(frame: pd.DataFrame, value: str, source: str) -> pd.DataFrame:
    values = parse_block(
        source,
        frame[[value]].to_numpy(),
        lines=list(range(2, len(frame) + 2)),
        columns=[value],
    )[:, 0]
    keyed = frame.assign(**{value: values})
    duplicated = keyed.duplicated(["row_code", "col_code"])
    if duplicated.any():
        k = int(np.flatnonzero(duplicated.to_numpy())[0])
        row = keyed.iloc[k]
        raise InputError(
            f"{source}, line {k + 2}: cell row {row['row_code']!r} × column "
            f"{row['col_code']!r} appears twice"
        )
    return keyed.pivot(index="row_code", columns="col_code", values=value).fillna(0.0)


def _codes(frame: pd.DataFrame, key: str, kind: str) -> list[str]:
    return list(dict.fromkeys(frame.loc[frame[f"{key}_type"] == kind, f"{key}_code"]))


def read_io_bea(
    path: PathArgument,
    *,
    make: PathArgument | None = None,
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "adjust",
    allow_negative: Sequence[str] | None = None,
) -> IOTable:
    """Read BEA Use and Make tables as a commodity × commodity table (industry technology).

    .. math::

        D = V\\,\\hat q^{-1},\\quad Z = U\\,\\hat g^{-1} V,\\quad
        W_c = W\\,\\hat g^{-1} V,\\quad q = V^\\top 1

    with ``U`` the commodity × industry use block, ``V`` the industry ×
    commodity make block, ``g = V·1`` industry output, ``q`` commodity output
    and ``W`` value added by industry.  Each industry's inputs are spread
    over the commodities it makes in proportion to its make row (the
    industry-technology assumption, Miller & Blair 2009 § 5.3); row totals
    stay ``U·1 + Y·1 = q`` and column totals ``1ᵀZ + 1ᵀW_c = qᵀ``.

    Parameters
    ----------
    path : path
        The Use table (long CSV).
    make : path, optional
        The Make table; default the file beside ``path`` with ``use`` replaced
        by ``make`` in its name.
    negative_flows : {"adjust", "error"}
        BEA's Use table has negative entries in the row "Used" (sales of
        scrap and used goods) and a few others; ``"adjust"`` (default) moves
        them out of ``Z`` with a DataQualityWarning.
    allow_negative : sequence of str, optional
        Final-demand columns that may be negative; default all (imports
        ``F050``, inventories ``F030``, government sales are negative).

    Notes
    -----
    Value-added rows ``V001``/``V002``/``V003`` become ``compensation``,
    ``taxes_on_production_and_imports`` and ``operating_surplus``; household
    consumption is PCE ``F010``.  Cells absent from the long file are 0.

    References
    ----------
    .. [1] Miller, R. E. & Blair, P. D. (2009), Input-Output Analysis:
       Foundations and Extensions, 2nd ed., Cambridge University Press,
       ch. 5. https://doi.org/10.1017/CBO9780511626982
    .. [2] Horowitz, K. J. & Planting, M. A. (2009), Concepts and Methods of
       the U.S. Input-Output Accounts, BEA, ch. 12.
    """
    use_file, use_data, use_sha = file_and_bytes(path)
    if make is None:
        if "use" not in use_file.name:
            raise InputError(
                f"make: {use_file.name} has no 'use' in its name; give the Make table as make="
            )
        make = use_file.with_name(use_file.name.replace("use", "make"))
    make_file, make_data, make_sha = file_and_bytes(make)
    required = ["row_code", "row_type", "col_code", "col_type", "value_musd"]
    use = _read_csv(use_file, use_data, required, "BEA (long)")
    made = _read_csv(make_file, make_data, required, "BEA (long)")
    commodities = _codes(use, "row", "commodity")
    industries = _codes(use, "col", "industry")
    final = _codes(use, "col", "final_demand")
    make_industries = _codes(made, "row", "industry")
    make_commodities = _codes(made, "col", "commodity")
    if not commodities or not industries or not make_industries:
        raise InputError(
            f"{use_file.name}/{make_file.name}: expected a Use table (row_type 'commodity', "
            "col_type 'industry') and a Make table (row_type 'industry', col_type 'commodity')"
        )
    for what, ours, theirs in (
        ("industries", industries, make_industries),
        ("commodities", commodities, make_commodities),
    ):
        if set(ours) != set(theirs):
            raise InputError(
                f"{make_file.name}: {what} differ from {use_file.name}: only in Use "
                f"{sorted(set(ours) - set(theirs))[:10]}, only in Make "
                f"{sorted(set(theirs) - set(ours))[:10]}"
            )
    u = _pivot(use, "value_musd", use_file.name)
    v = _pivot(made, "value_musd", make_file.name).loc[industries, commodities].to_numpy()
    g = v.sum(axis=1)
    inputs = u.loc[commodities, industries].to_numpy()
    idle = (g <= 0) & (np.abs(inputs).sum(axis=0) > 0)
    if idle.any():
        raise InputError(
            f"{make_file.name}: industry {industries[int(np.flatnonzero(idle)[0])]!r} has inputs "
            "in the Use table but makes nothing in the Make table"
        )
    spread = np.divide(v, g[:, None], out=np.zeros_like(v), where=g[:, None] > 0)
    va_codes = _codes(use, "row", "value_added")
    va = pd.DataFrame(
        u.loc[va_codes, industries].to_numpy() @ spread,
        index=[_BEA_ROWS.get(c, c) for c in va_codes],
    )
    y = pd.DataFrame(u.loc[commodities, final].to_numpy(), columns=final)
    names = dict(zip(use["row_code"], use["row_name"], strict=True)) if "row_name" in use else {}
    credit = "US Bureau of Economic Analysis, public domain"
    provenance = Provenance(
        source=use_file.name,
        sha256=combine_sha256([(use_file.name, use_sha), (make_file.name, make_sha)]),
        table="BEA Use and Make (commodity × commodity, industry technology)",
        reader="io_bea",
        details={
            "format": "bea",
            "credit": credit,
            "files": {use_file.name: use_sha, make_file.name: make_sha},
            "technology": "industry",
        },
    )
    return build_table(
        use_file.name,
        sectors=commodities,
        intermediate=inputs @ spread,
        final_demand=y,
        output=v.sum(axis=0),
        value_added=va,
        provenance=provenance,
        compensation=va.loc["compensation"].to_numpy() if "compensation" in va.index else None,
        household_consumption=y["F010"].to_numpy() if "F010" in y.columns else None,
        names={c: names.get(c, c) for c in commodities},
        unit="million USD",
        allow_negative=final if allow_negative is None else allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )


def read_io_ons(
    path: PathArgument,
    *,
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
    allow_negative: Sequence[str] = ("Valuables", "Changes in inventories"),
) -> IOTable:
    """Read the ONS UK input-output analytical table (product × product, domestic use).

    Products are the rows and columns of type ``product``; final demand the
    columns of type ``final_demand``; output the row ``Total output``; the
    primary-input rows become ``imports``, ``taxes_on_products``,
    ``other_taxes_on_production``, ``compensation``, ``operating_surplus``.
    Household consumption is the column ``Households``.  The table has no
    employment.  Values in £ million (basic prices).

    Raises
    ------
    InputError
        For a missing column, product rows and columns that differ, a cell
        that is not a number, or an unbalanced table (naming the sector).
    """
    file, data, sha = file_and_bytes(path)
    required = ["row_code", "row_type", "col_code", "col_type"]
    frame = _read_csv(file, data, required, "ONS (long)")
    value = next((c for c in frame.columns if c.startswith("value")), None)
    if value is None:
        raise InputError(f"{file.name}: not the ONS (long) layout: no value column 'value_…'")
    products = _codes(frame, "row", "product")
    if not products or products != _codes(frame, "col", "product"):
        raise InputError(
            f"{file.name}: expected the same product codes in rows and columns (row_type and "
            "col_type 'product')"
        )
    final = _codes(frame, "col", "final_demand")
    table = _pivot(frame, value, file.name)
    primary = _codes(frame, "row", "primary_input")
    if "Total output" not in table.index:
        raise InputError(f"{file.name}: expected a row 'Total output', found none")
    va = pd.DataFrame(
        table.loc[primary, products].to_numpy(), index=[_ONS_ROWS.get(r, r) for r in primary]
    )
    y = pd.DataFrame(table.loc[products, final].to_numpy(), columns=final)
    names = dict(zip(frame["row_code"], frame.get("row_label", frame["row_code"]), strict=True))
    provenance = Provenance(
        source=file.name,
        sha256=sha,
        table="ONS UK input-output analytical tables (domestic use, product × product)",
        reader="io_ons",
        details={
            "format": "ons",
            "credit": "Source: Office for National Statistics licensed under the Open "
            "Government Licence v3.0",
        },
    )
    return build_table(
        file.name,
        sectors=products,
        intermediate=table.loc[products, products].to_numpy(),
        final_demand=y,
        output=table.loc["Total output", products].to_numpy(),
        value_added=va,
        provenance=provenance,
        compensation=va.loc["compensation"].to_numpy() if "compensation" in va.index else None,
        household_consumption=y["Households"].to_numpy() if "Households" in y.columns else None,
        names={p: names[p] for p in products},
        unit="million GBP",
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )
