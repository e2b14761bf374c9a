"""Readers of input-output tables in the layouts of Eurostat (``naio_10``) and Destatis.

``naio`` — Eurostat ``naio_10_cp1700`` (symmetric table, product × product)
and its relatives as TSV bulk files::

    freq,unit,stk_flow,induse,prod_na,geo\\TIME_PERIOD<TAB>2019 <TAB>2020
    A,MIO_EUR,DOM,CPA_A01,CPA_C10-12,DE<TAB>1234 <TAB>1301 p

``prod_na`` is the row (supplying product or primary input), ``induse`` the
column (using product or final use), ``stk_flow`` ``DOM`` (domestic
output), ``IMP`` (imports) or ``TOTAL``.  Cells are ``<number> <flags>``;
``:`` (not available) in a cell the table needs is an error.  The reader
takes

- ``Z``: ``stk_flow`` (default ``DOM``) × products (``CPA_…``) in rows and
  columns; cells absent from the file are 0;
- final demand: the ``induse`` codes of :data:`NAIO_FINAL_USES` present
  (households ``P3_S14`` …, exports ``P6``); aggregates (``TOTAL``, ``TU``,
  ``TFU``, ``P3``, ``P5``) are dropped;
- primary inputs from ``stk_flow=TOTAL`` (else the chosen flow):
  :data:`NAIO_PRIMARY_INPUTS`, plus, for a domestic table, ``imports``: the
  column sums of the ``IMP`` product rows; ``B1G``, ``P1`` and other codes
  are not components (``P1`` is the output);
- one ``geo``, ``time`` and ``unit``: options, needed when the file has
  several.

``destatis`` — the symmetric table of Destatis' input-output accounts
(Fachserie 18 Reihe 2, tables 1.2/1.3; the same layout as the GENESIS
81511 CSV export), ``;``-separated, ISO-8859-1 or UTF-8, decimal comma:

- a title block (its lines go to the provenance; a line ``Mill. EUR`` or
  ``Mrd. EUR`` gives the unit), then a header row holding a cell ``CPA``;
- the header cells right of ``CPA`` equal to a product code are the using
  products; cells containing ``zusammen`` or starting with ``Gesamte`` are
  totals (dropped); the others are final uses;
- rows with a code under ``CPA`` are products; the others are named by their
  label (German, case-insensitive, by its start): ``Importe``,
  ``Gütersteuern …``, ``Arbeitnehmerentgelt``, ``Sonstige
  Produktionsabgaben …``, ``Abschreibungen``, ``Nettobetriebsüberschuss``,
  ``Bruttobetriebsüberschuss`` (primary inputs), ``Produktionswert``
  (output), ``Erwerbstätige`` (employment, ``(1 000)`` → thousand persons);
  ``Vorleistungen …``, ``Bruttowertschöpfung``, ``Arbeitnehmer (…)`` and
  labels containing ``zusammen`` are skipped; any other label is an error;
- ``-`` is 0 (nothing), ``.`` (unknown or secret) is an error; the table
  ends at a line starting ``____`` or at the end; a footer line starting
  with ``©`` or ``Quelle:`` is the credit line.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusterdialog.data._io_tables_common import (
    BALANCE_TOLERANCE,
    build_table,
    file_and_bytes,
    parse_block,
)
from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import PathArgument, cell_error, decode_text
from clusterdialog.data.readers.eurostat import EUROSTAT_CREDIT
from clusterdialog.errors import InputError
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "DESTATIS_CREDIT",
    "NAIO_FINAL_USES",
    "NAIO_PRIMARY_INPUTS",
    "read_io_destatis",
    "read_io_naio",
]

#: Final-use columns (``induse``) read from naio tables.
NAIO_FINAL_USES = ("P3_S13", "P3_S14", "P3_S15", "P51G", "P52", "P53", "P5M", "P6")
#: Primary-input rows (``prod_na``) read from naio tables, and their labels.
NAIO_PRIMARY_INPUTS = {
    "D21X31": "taxes_on_products",
    "D1": "compensation",
    "D29X39": "other_taxes_on_production",
    "B2A3G": "operating_surplus",
    "OP_RES": "purchases_by_residents_abroad",
    "OP_NRES": "purchases_by_non_residents",
}
#: Credit line of Destatis tables when the file names none.
DESTATIS_CREDIT = "Statistisches Bundesamt (Destatis), dl-de/by-2-0"

_CELL = re.compile(
    r"^(?P<mark>:|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*(?P<flags>[A-Za-z@]*)$"
)
_DESTATIS_ROWS = (
    ("vorleistungen", None),
    ("importe", "imports"),
    ("gütersteuern", "taxes_on_products"),
    ("arbeitnehmerentgelt", "compensation"),
    ("arbeitnehmer", None),
    ("sonstige produktionsabgaben", "other_taxes_on_production"),
    ("abschreibungen", "consumption_of_fixed_capital"),
    ("nettobetriebsüberschuss", "net_operating_surplus"),
    ("bruttobetriebsüberschuss", "operating_surplus"),
    ("bruttowertschöpfung", None),
    ("produktionswert", "output"),
    ("erwerbstätige", "employment"),
)


def _choose(source: str, argument: str, wanted: object, present: Sequence[str]) -> str:
    if wanted is None:
        if len(present) != 1:
            raise InputError(f"{argument}: {source} holds several, choose one of {list(present)}")
        return present[0]
    if str(wanted) not in present:
        raise InputError(f"{argument}: {wanted!r} not in {source}; present: {list(present)}")
    return str(wanted)


def read_io_naio(
    path: PathArgument,
    *,
    geo: str | None = None,
    time: str | int | None = None,
    unit: str | None = None,
    stk_flow: str = "DOM",
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
    allow_negative: Sequence[str] = ("P52", "P53", "P5M"),
) -> IOTable:
    """Read a Eurostat ``naio_10`` symmetric table (TSV bulk, see the module docstring).

    Parameters
    ----------
    path : path
        ``.tsv`` or ``.tsv.gz``.
    geo, time, unit : str, optional
        The country, year and unit to read; needed when the file has several.
    stk_flow : {"DOM", "TOTAL", "IMP"}
        Which flows form ``Z``.  With ``DOM`` the imported inputs become the
        primary-input row ``imports``.

    Raises
    ------
    InputError
        For a header that is not Eurostat's, a missing dimension, a cell
        that is not a number or ``:`` where the table needs it (naming line
        and period), and an unbalanced table (naming the sector).
    """
    file, data, sha = file_and_bytes(path)
    source = file.name
    if source.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"{source}: not a readable gzip file ({error})") from None
    text, _ = decode_text(data, encoding="auto", source=source)
    lines = [line.rstrip("\r") for line in text.split("\n")]
    header = lines[0].split("\t")
    if "\\" not in header[0] or len(header) < 2:
        raise cell_error(source, 1, 1, f"expected a Eurostat TSV header, got {lines[0][:60]!r}")
    dims = [d.strip() for d in header[0].split("\\")[0].split(",")]
    missing = [d for d in ("stk_flow", "induse", "prod_na", "geo") if d not in dims]
    if missing:
        raise InputError(f"{source}: not a naio_10 table: dimension(s) {missing} missing in {dims}")
    periods = [h.strip() for h in header[1:]]
    period = _choose(source, "time", time, periods)
    column = periods.index(period) + 1
    records = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        keys = [k.strip() for k in fields[0].split(",")]
        if len(fields) != len(header) or len(keys) != len(dims):
            raise cell_error(source, number, None, f"expected {len(header)} fields and {dims}")
        records.append((*keys, fields[column].strip(), number))
    frame = pd.DataFrame(records, columns=[*dims, "cell", "line"])
    geo = _choose(source, "geo", geo, list(dict.fromkeys(frame["geo"])))
    frame = frame[frame["geo"] == geo]
    if "unit" in dims:
        unit = _choose(source, "unit", unit, list(dict.fromkeys(frame["unit"])))
        frame = frame[frame["unit"] == unit]
    flows = list(dict.fromkeys(frame["stk_flow"]))
    stk_flow = _choose(source, "stk_flow", stk_flow, flows)
    primary_flow = "TOTAL" if "TOTAL" in flows else stk_flow
    frame = frame.set_index(["stk_flow", "prod_na", "induse"])

    def block(flow: str, rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
        index = pd.MultiIndex.from_product([[flow], rows, cols])
        cells = frame.reindex(index)
        absent = cells["cell"].isna().to_numpy()
        parts = cells["cell"].fillna("0").str.extract(_CELL)
        bad = parts["mark"].isna().to_numpy() | (parts["mark"] == ":").to_numpy()
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise cell_error(
                source,
                int(cells["line"].iloc[k]),
                f"{column + 1} ({period})",
                f"expected a number for {index[k]}, got {cells['cell'].iloc[k]!r}",
            )
        values = parts["mark"].astype("float64").to_numpy(copy=True)
        values[absent] = 0.0
        return values.reshape(len(rows), len(cols))

    ours = frame.loc[stk_flow]
    products = [p for p in dict.fromkeys(ours.index.get_level_values(0)) if p.startswith("CPA_")]
    if not products:
        raise InputError(f"{source}: no product rows (prod_na 'CPA_…') for stk_flow={stk_flow}")
    uses = set(ours.index.get_level_values(1))
    final = [f for f in NAIO_FINAL_USES if f in uses]
    z = block(stk_flow, products, products)
    y = pd.DataFrame(block(stk_flow, products, final), columns=final)
    rows = set(frame.loc[primary_flow].index.get_level_values(0))
    primary = [code for code in NAIO_PRIMARY_INPUTS if code in rows]
    va = pd.DataFrame(
        block(primary_flow, primary, products), index=[NAIO_PRIMARY_INPUTS[c] for c in primary]
    )
    if stk_flow == "DOM" and "IMP" in flows:
        imports = block("IMP", products, products).sum(axis=0)
        va = pd.concat([pd.DataFrame([imports], index=["imports"]), va])
    output = block(primary_flow, ["P1"], products)[0] if "P1" in rows else None
    provenance = Provenance(
        source=source,
        sha256=sha,
        table=file.name.split(".")[0].removeprefix("estat_"),
        reader="io_naio",
        details={
            "format": "naio",
            "credit": EUROSTAT_CREDIT,
            "geo": geo,
            "time": period,
            "unit": unit,
            "stk_flow": stk_flow,
            "primary_inputs_from": primary_flow,
        },
    )
    return build_table(
        source,
        sectors=products,
        intermediate=z,
        final_demand=y,
        output=output,
        value_added=va,
        provenance=provenance,
        compensation=va.loc["compensation"].to_numpy() if "compensation" in va.index else None,
        household_consumption=y["P3_S14"].to_numpy() if "P3_S14" in y.columns else None,
        unit={"MIO_EUR": "million EUR", "MIO_NAC": "million national currency"}.get(
            str(unit), str(unit or "")
        ),
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )


def _destatis_row(label: str) -> tuple[bool, str | None]:
    text = label.strip().lower()
    if "zusammen" in text:
        return True, None
    for start, role in _DESTATIS_ROWS:
        if text.startswith(start):
            return True, role
    return False, None


def read_io_destatis(
    path: PathArgument,
    *,
    encoding: str = "auto",
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
    allow_negative: Sequence[str] | None = None,
) -> IOTable:
    """Read a Destatis symmetric input-output table (CSV; see the module docstring).

    Parameters
    ----------
    encoding : str
        ``"auto"`` (UTF-8, else ISO-8859-1) or a codec name.
    allow_negative : sequence of str, optional
        Final-use columns that may be negative; default those whose header
        mentions ``Vorrat`` or ``Wertsachen``.

    Raises
    ------
    InputError
        For a file without a ``CPA`` header cell, an unknown row label, a
        cell that is not a number (naming line and column), and an
        unbalanced table (naming the sector).
    """
    file, data, sha = file_and_bytes(path)
    source = file.name
    text, used = decode_text(data, encoding=encoding, source=source)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    start = next(
        (k for k, row in enumerate(rows) if any(c.strip().upper() == "CPA" for c in row)), None
    )
    if start is None:
        raise InputError(
            f"{source}: not the Destatis layout: expected a header row with a cell 'CPA' "
            "(the product-code column)"
        )
    title = [row[0].strip() for row in rows[:start] if row and row[0].strip()]
    header = [c.strip() for c in rows[start]]
    code_at = [c.upper() for c in header].index("CPA")
    body, footer = [], []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if row and row[0].startswith("____"):
            footer = [r[0].strip() for r in rows[number:] if r and r[0].strip()]
            break
        if any(c.strip() for c in row):
            body.append((number, row + [""] * (len(header) - len(row))))
    products = [(n, r) for n, r in body if r[code_at].strip()]
    codes = [r[code_at].strip() for _, r in products]
    sector_at = [header.index(c) for c in codes if c in header]
    if not codes or len(sector_at) != len(codes):
        raise InputError(
            f"{source}: expected one header column per product code {codes[:10]}, "
            f"got header {header[code_at + 1 : code_at + 10]}"
        )
    final_at = [
        k
        for k, h in enumerate(header)
        if k > code_at and k not in sector_at and h
        if "zusammen" not in h.lower() and not h.lower().startswith("gesamte")
    ]
    final = [header[k] for k in final_at]

    def block(items, cols) -> np.ndarray:
        cells = [[r[k] for k in cols] for _, r in items]
        columns = [f"{k + 1} ({header[k]})" for k in cols]
        return parse_block(
            source, cells, lines=[n for n, _ in items], columns=columns, decimal=",", nil=["-"]
        )

    roles: dict[str, tuple[int, list[str]]] = {}
    for number, row in body:
        if row[code_at].strip():
            continue
        label = row[code_at - 1].strip() if code_at else row[0].strip()
        known, role = _destatis_row(label)
        if not known:
            raise cell_error(source, number, max(code_at, 1), f"unknown row label {label!r}")
        if role is not None:
            roles[role] = (number, row)
    z = block(products, sector_at)
    y = pd.DataFrame(block(products, final_at), columns=final)
    primary = [r for r in roles if r not in ("output", "employment")]
    va = pd.DataFrame(block([roles[r] for r in primary], sector_at), index=primary)
    employment = block([roles["employment"]], sector_at)[0] if "employment" in roles else None
    label_of = code_at - 1 if code_at else 0
    units = " ".join(title).replace(" ", "")
    unit = "billion EUR" if "Mrd.EUR" in units else "million EUR" if "Mill.EUR" in units else ""
    emp_label = roles["employment"][1][label_of] if "employment" in roles else ""
    credit = next((f for f in footer if f.startswith(("©", "Quelle:"))), DESTATIS_CREDIT)
    if allow_negative is None:
        allow_negative = [f for f in final if re.search("vorrat|wertsachen", f, re.IGNORECASE)]
    provenance = Provenance(
        source=source,
        sha256=sha,
        table=" | ".join(title[1:3]) or None,
        reader="io_destatis",
        details={"format": "destatis", "credit": credit, "title": title, "encoding": used},
    )
    return build_table(
        source,
        sectors=codes,
        intermediate=z,
        final_demand=y,
        output=block([roles["output"]], sector_at)[0] if "output" in roles else None,
        value_added=va,
        provenance=provenance,
        employment=employment,
        compensation=va.loc["compensation"].to_numpy() if "compensation" in va.index else None,
        household_consumption=next(
            (y[f].to_numpy() for f in final if "private" in f.lower() and "haushalt" in f.lower()),
            None,
        ),
        names={c: r[label_of].strip() for c, (_, r) in zip(codes, products, strict=True)},
        unit=unit,
        employment_unit="thousand persons" if "1 000" in emp_label else "persons",
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )
