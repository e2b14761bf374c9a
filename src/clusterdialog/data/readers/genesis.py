"""Reader of Destatis GENESIS / Regionalstatistik CSV exports.

The statistical offices of the Federation and the Länder publish regional
tables (www.regionalstatistik.de, www-genesis.destatis.de) as "flat" CSV
exports with this layout, which the reader expects:

- ISO-8859-1 text, fields separated by ``;``;
- a title block: ``GENESIS-Tabelle: <code>``, title lines, and often a
  reference date line ``Stichtag: 30.06.2020``;
- a column header of one or more lines that begin with ``;``: the empty
  leading cells stand over the key columns (region key, region name indented
  with spaces, a classification such as WZ 2008 sections, sometimes a year),
  the other cells name the value columns, one header line per variable
  (e.g. *Nationalität* × *Geschlecht*);
- data lines, numbers without thousands separators or in German notation
  (``1.234,5``; rates such as ``6,5``), and the GENESIS symbols
  ``-`` nil (exactly zero), ``.`` unknown or secret, ``x`` not applicable,
  ``/`` not meaningful (too unreliable) and ``...`` available later;
- a footer after a line ``__________``: notes, the licence line
  ``© Statistische Ämter des Bundes und der Länder, Deutschland, <year>. …``
  and ``Stand: <date>``.

Suppressed cells (``.``, ``x``, ``/``, ``...``) become ``NaN`` with
``suppressed=True`` and the symbol in ``flag``; ``-`` becomes ``0``.  Region
keys are kept as strings: ``DG`` Germany, 2 digits Land, 3 Regierungsbezirk
or statistical region, 5 Kreis, 8, 9 or 12 digits Gemeinde (``region_level``).
Classification labels become WZ 2008 codes: the code in parentheses at the
end of the label (``(B-F)``, ``(C)``), the labels that GENESIS abbreviates
without a code (:data:`WZ_LABELS`), ``Insgesamt`` = ``TOTAL``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    as_path_list,
    cell_error,
    check_choice,
    combine_sha256,
    decode_text,
    finish_panel,
    parse_numbers,
    read_bytes,
)
from clusterdialog.data.readers._genesis_industries import (
    WZ_LABELS,
    select_industries,
)
from clusterdialog.errors import InputError

__all__ = ["GENESIS_SYMBOLS", "REGION_LEVELS", "WZ_LABELS", "read_genesis"]

#: The GENESIS symbols for cells without a number, and their meaning.
GENESIS_SYMBOLS: dict[str, str] = {
    "-": "nil (exactly zero)",
    ".": "unknown or kept secret",
    "x": "not applicable (cell blocked)",
    "/": "not meaningful (too unreliable)",
    "...": "available later",
}
_SUPPRESSING = (".", "x", "/", "...")

#: Region levels from the coarsest to the finest.
REGION_LEVELS: tuple[str, ...] = ("country", "land", "regierungsbezirk", "kreis", "gemeinde")
_LEVEL_BY_LENGTH = {
    2: "land",
    3: "regierungsbezirk",
    5: "kreis",
    8: "gemeinde",
    9: "gemeinde",
    12: "gemeinde",
}
_REGION_KEY = r"DG|[0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8}|[0-9]{9}|[0-9]{12}"
_YEAR = r"[0-9]{4}"
_STICHTAG = re.compile(r"Stichtag:\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")
_TABLE = re.compile(r"GENESIS-Tabelle:\s*(\S+)")
_CREDIT = re.compile(r"^(©.*?\d{4})")
_DL_DE_BY_2 = re.compile(r"Datenlizenz\s+Deutschland\s*-\s*Namensnennung\s*-\s*Version\s*2\.0")
_VALUE_MESSAGE = "expected a number or one of the GENESIS symbols - . x / ..., got {!r}"
_DEFAULT_CREDIT = "Statistische Ämter des Bundes und der Länder (the file carried no licence line)"


@dataclass
class _Parsed:
    """One GENESIS file, split into its parts (strings only)."""

    source: str
    sha256: str
    encoding: str
    table: str | None
    title: str
    reference_date: str | None
    labels: list[str]
    frame: pd.DataFrame
    value_columns: list[int]
    region_col: int
    name_col: int | None
    time_col: int | None
    industry_col: int | None
    footer: dict[str, str | None] = field(default_factory=dict)


def _split_cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=";"))


def _parse_footer(lines: list[str]) -> dict[str, str | None]:
    fields = [f for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=";") for f in row]
    fields = [f.strip() for f in fields if f.strip()]
    licence_text = next((" ".join(f.split()) for f in fields if f.startswith("©")), None)
    stand = next((f.removeprefix("Stand:").strip() for f in fields if f.startswith("Stand:")), None)
    notes = "\n\n".join(f for f in fields if not f.startswith(("©", "Stand:"))) or None
    licence = "dl-de/by-2-0" if licence_text and _DL_DE_BY_2.search(licence_text) else None
    credit = None
    if licence_text:
        match = _CREDIT.match(licence_text)
        credit = match.group(1) if match else licence_text
        if licence:
            credit += f", {licence}"
    return {
        "credit": credit,
        "licence": licence,
        "licence_text": licence_text,
        "stand": stand,
        "notes": notes,
    }


def _parse(path: Path, encoding: str) -> _Parsed:
    """Split a GENESIS export into title, header, data and footer (light loops only)."""
    data = read_bytes(path)
    source = path.name
    text, used = decode_text(
        data, encoding=encoding, source=source, hint="GENESIS exports are ISO-8859-1"
    )
    lines = [line.rstrip("\r") for line in text.split("\n")]
    footer_at = next((i for i, line in enumerate(lines) if line.startswith("___")), len(lines))
    body = lines[:footer_at]

    titles: list[str] = []
    i = 0
    while i < len(body) and body[i].strip() and not body[i].startswith(";"):
        cells = _split_cells(body[i])
        if any(c.strip() for c in cells[1:]):
            break
        titles.append(cells[0].strip())
        i += 1
    start = i
    while i < len(body) and body[i].startswith(";"):
        i += 1
    if i == start:
        got = f"got {body[i]!r}" if i < len(body) else "got the end of the file (is it cut?)"
        raise cell_error(
            source,
            i + 1,
            None,
            "expected the column header of a GENESIS table (lines beginning with ';' after "
            f"the title lines), {got}",
        )
    header = [_split_cells(line) for line in body[start:i]]
    n_fields = len(header[0])
    for offset, cells in enumerate(header):
        if len(cells) != n_fields:
            raise cell_error(
                source,
                start + offset + 1,
                None,
                f"expected {n_fields} fields separated by ';' like line {start + 1} of the "
                f"column header, got {len(cells)}",
            )
    n_keys = min(_leading_empty(cells) for cells in header)
    if n_keys >= n_fields:
        raise cell_error(source, start + 1, None, "the column header names no value column")
    labels = []
    for j in range(n_keys, n_fields):
        parts = [cells[j].strip() for cells in header if cells[j].strip()]
        labels.append(" | ".join(parts) or f"column {j + 1}")

    data_lines = body[i:]
    while data_lines and not data_lines[-1].strip():
        data_lines.pop()
    if not data_lines:
        raise cell_error(
            source, i + 1, None, "no data lines after the column header (is the file cut?)"
        )
    block = pd.Series(data_lines, dtype=str)
    quoted = bool(block.str.contains('"', regex=False).any())
    if quoted:  # quoted fields: let the csv module split them
        rows = list(csv.reader(data_lines, delimiter=";"))
        lengths = np.array([len(r) for r in rows])
    else:
        lengths = block.str.count(";").to_numpy() + 1
    wrong = np.flatnonzero(lengths != n_fields)
    if wrong.size:
        first = int(wrong[0])
        raise cell_error(
            source,
            i + first + 1,
            None,
            f"expected {n_fields} fields separated by ';' like the column header, "
            f"got {int(lengths[first])}: {data_lines[first]!r}",
        )
    if quoted:
        frame = pd.DataFrame(rows, dtype=str)
    else:
        frame = pd.read_csv(
            io.StringIO("\n".join(data_lines)),
            sep=";",
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
        )
    frame["line"] = np.arange(i + 1, i + 1 + len(frame))

    keys = {j: frame[j].str.strip() for j in range(n_keys)}
    time_col = next((j for j in range(n_keys) if keys[j].str.fullmatch(_YEAR).all()), None)
    candidates = [j for j in range(n_keys) if j != time_col]
    shares = {j: float(keys[j].str.fullmatch(_REGION_KEY).mean()) for j in candidates}
    region_col = max(shares, key=lambda j: shares[j]) if shares else None
    if region_col is None or shares[region_col] < 0.5:
        raise cell_error(
            source,
            i + 1,
            None,
            "expected a column of region keys (DG or official 2-, 3-, 5- or 8-digit keys) "
            f"among the first {n_keys} columns, got {data_lines[0]!r}",
        )
    good = keys[region_col].str.fullmatch(_REGION_KEY).to_numpy(dtype=bool)
    if not good.all():
        bad = int(np.flatnonzero(~good)[0])
        raise cell_error(
            source,
            int(frame["line"].iloc[bad]),
            region_col + 1,
            "expected a region key (DG or an official 2-, 3-, 5-, 8-, 9- or 12-digit key), "
            f"got {frame[region_col].iloc[bad]!r}",
        )
    name_col = region_col + 1 if region_col + 1 < n_keys and region_col + 1 != time_col else None
    rest = [j for j in candidates if j not in (region_col, name_col)]
    if len(rest) > 1:
        raise InputError(
            f"{source}: the table has {len(rest)} classification columns (columns "
            f"{[j + 1 for j in rest]}); the reader supports one (read as industry) or none"
        )
    reference = next((m for m in map(_STICHTAG.search, titles) if m), None)
    table = next((m.group(1) for m in map(_TABLE.search, titles) if m), None)
    return _Parsed(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=used,
        table=table,
        title=" ".join(t for t in titles if not _TABLE.search(t)),
        reference_date=(
            f"{reference.group(3)}-{int(reference.group(2)):02d}-{int(reference.group(1)):02d}"
            if reference
            else None
        ),
        labels=labels,
        frame=frame,
        value_columns=list(range(n_keys, n_fields)),
        region_col=region_col,
        name_col=name_col,
        time_col=time_col,
        industry_col=rest[0] if rest else None,
        footer=_parse_footer(lines[footer_at + 1 :]),
    )


def _leading_empty(cells: list[str]) -> int:
    count = 0
    for cell in cells:
        if cell.strip():
            break
        count += 1
    return count


def _pick_value_column(parsed: _Parsed, value_column: int | str | None) -> int:
    """Return the position (0-based among value columns) chosen by the caller."""
    labels = parsed.labels
    listing = "; ".join(f"{k}: {label!r}" for k, label in enumerate(labels))
    if value_column is None:
        return 0
    if isinstance(value_column, bool) or not isinstance(value_column, int | str):
        raise InputError(f"value_column: expected a position or header text, got {value_column!r}")
    if isinstance(value_column, int):
        if not 0 <= value_column < len(labels):
            raise InputError(
                f"value_column: expected a position from 0 to {len(labels) - 1} in "
                f"{parsed.source}, got {value_column}; the value columns are {listing}"
            )
        return value_column
    if value_column in labels:
        return labels.index(value_column)
    hits = [k for k, label in enumerate(labels) if value_column.casefold() in label.casefold()]
    if len(hits) != 1:
        found = "matches no" if not hits else f"matches {len(hits)}"
        raise InputError(
            f"value_column: {value_column!r} {found} value column of {parsed.source}; "
            f"give a position or a text that matches one of: {listing}"
        )
    return hits[0]


def _to_long(parsed: _Parsed, position: int) -> pd.DataFrame:
    """One file as a long frame of strings plus the parsed chosen value column."""
    frame = parsed.frame
    j = parsed.value_columns[position]
    raw = frame[j].str.strip()
    nil = (raw == "-").to_numpy()
    symbol = raw.isin(_SUPPRESSING).to_numpy()
    values, number = parse_numbers(raw, decimal=",")
    bad = ~(nil | symbol | number)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise cell_error(
            parsed.source, int(frame["line"].iloc[k]), j + 1, _VALUE_MESSAGE.format(raw.iloc[k])
        )
    values[nil] = 0.0
    all_nil = np.ones(len(frame), dtype=bool)
    for column in parsed.value_columns:
        all_nil &= (frame[column].str.strip() == "-").to_numpy()
    region = frame[parsed.region_col].str.strip()
    out = pd.DataFrame({"region": region})
    if parsed.name_col is not None:
        out["region_name"] = frame[parsed.name_col].str.strip()
    lengths = region.str.len()
    out["region_level"] = lengths.map(_LEVEL_BY_LENGTH).where(region != "DG", "country")
    if parsed.industry_col is not None:
        out["industry_name"] = frame[parsed.industry_col].str.strip()
    if parsed.time_col is not None:
        out["period"] = frame[parsed.time_col].str.strip().astype("int64")
    out["value"] = values
    out["suppressed"] = symbol
    out["flag"] = pd.Series(np.where(symbol, raw.to_numpy(dtype=object), None), dtype=object)
    out["line"] = frame["line"].to_numpy()
    out["all_nil"] = all_nil
    return out


def _check_same(parts: list[_Parsed], attribute: str, what: str) -> None:
    first = getattr(parts[0], attribute)
    for other in parts[1:]:
        if getattr(other, attribute) != first:
            raise InputError(
                f"path: {parts[0].source} and {other.source} differ in {what} "
                f"({first!r} vs {getattr(other, attribute)!r}); read them separately"
            )


def read_genesis(
    path: PathArgument | Sequence[PathArgument],
    *,
    value_column: int | str | None = None,
    levels: str | Sequence[str] | None = None,
    industries: str | Sequence[str] = "partition",
    drop_empty_regions: bool = True,
    encoding: str = "auto",
) -> pd.DataFrame:
    """Read a Destatis GENESIS / Regionalstatistik CSV export as a long panel.

    Parameters
    ----------
    path : path or sequence of paths
        One export, or several exports of the same table (e.g. one per
        year), which are stacked with a ``period`` column (the year of each
        file's ``Stichtag`` line, or its year column).
    value_column : int or str, optional
        The value column to read: its position among the value columns
        (0 = first) or text of its header, whose lines are joined with
        ``" | "`` (e.g. ``"Nationalität | Ausländer(innen) | Geschlecht |
        Insgesamt"``): the exact header or a case-insensitive part that
        matches one column only.  Default: the first, which in GENESIS
        tables is the total (e.g. *Insgesamt* × *Insgesamt*).
    levels : str or sequence of str, optional
        Region levels to keep, out of :data:`REGION_LEVELS`.  Default:
        ``"kreis"`` if the file has Kreise, else its finest level.  When
        Kreise are kept, Länder without Kreis rows (the city states Berlin
        and Hamburg, which GENESIS Kreis tables show only as Länder) are
        returned as Kreise ``11000`` and ``02000``.
    industries : {"partition", "all"} or sequence of str
        ``"partition"`` (default) keeps the finest set of non-overlapping
        classification rows that covers the table: rows that are sums of
        other rows (``B-F``, ``G-U``, ``TOTAL``) and rows nested in another
        kept row (``C`` inside ``B-E``) are dropped, so that nothing is
        counted twice.  ``"all"`` keeps every row and adds the boolean
        columns ``industry_aggregate`` (the row is the sum of other rows) and
        ``in_partition``.  A sequence keeps the listed codes.
    drop_empty_regions : bool
        Drop regions (per period) whose every cell is ``-``: former Kreise
        that the table lists with nil values after a territorial reform.
    encoding : str
        ``"auto"`` (UTF-8 if the bytes are valid UTF-8, else ISO-8859-1) or
        a codec name.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, region_name, region_level, industry,
        industry_name[, period], value, suppressed, flag`` (plus
        ``industry_aggregate, in_partition`` with ``industries="all"``).
        Tables without a classification column (e.g. 13211-02-05-4) have
        ``industry`` = the header of the chosen value column and no
        ``industry_name``.  ``period`` is an integer year.
        ``df.attrs["provenance"]`` holds the file name, SHA-256, table code
        and the licence line (``details["credit"]``).

    Raises
    ------
    InputError
        For a file that is not a GENESIS export (missing header, wrong
        number of fields, bad region key or value: the message names file,
        line and column), an unknown option, or duplicate keys.

    Notes
    -----
    In table 13111-07-05-4 the classification rows are A, B-F, B-E, C, F,
    G-U, G-I, J, K, L, M-N, O-Q, R-U and Insgesamt; the partition is A, B-E,
    F, G-I, J, K, L, M-N, O-Q, R-U.  Their sum can fall short of
    ``Insgesamt`` by a few persons: the total includes employees whose
    industry is unknown ("keine Zuordnung möglich").

    References
    ----------
    .. [1] Statistische Ämter des Bundes und der Länder, Regionaldatenbank
       Deutschland, https://www.regionalstatistik.de (table 13111-07-05-4).
    .. [2] Statistisches Bundesamt, Zeichenerklärung (explanation of symbols),
       GENESIS-Online, https://www-genesis.destatis.de.
    .. [3] Statistisches Bundesamt (2008), Klassifikation der
       Wirtschaftszweige, Ausgabe 2008 (WZ 2008).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '''GENESIS-Tabelle: 13111-07-05-4
    ... Stichtag: 30.06.2020;;
    ... ;;;Insgesamt
    ... 08111;      Stuttgart;Verarbeitendes Gewerbe (C);96.123
    ... 08111;      Stuttgart;Baugewerbe (F);.
    ... 08111;      Stuttgart;Insgesamt;432.100
    ... __________
    ... "© Statistische Ämter des Bundes und der Länder, Deutschland, 2021."
    ... '''
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "13111-07-05-4.csv"
    >>> _ = path.write_text(text, encoding="iso-8859-1")
    >>> df = read_genesis(path, industries=["C", "F"])
    >>> df[["region", "industry", "value", "suppressed", "flag"]]
      region industry    value  suppressed  flag
    0  08111        C  96123.0       False  None
    1  08111        F      NaN        True     .
    >>> df.attrs["provenance"].details["credit"]
    '© Statistische Ämter des Bundes und der Länder, Deutschland, 2021'
    """
    check_choice("drop_empty_regions", drop_empty_regions, [True, False])
    paths = as_path_list(path)
    parts = [_parse(p, encoding) for p in paths]
    _check_same(parts, "table", "the table code")
    _check_same(parts, "labels", "the value columns")
    position = _pick_value_column(parts[0], value_column)
    frames = [_to_long(parsed, position) for parsed in parts]
    has_time = parts[0].time_col is not None
    if not has_time and len(parts) > 1:
        years = []
        for parsed in parts:
            if parsed.reference_date is None:
                raise InputError(
                    f"path: {parsed.source} has no 'Stichtag' line and no year column, so its "
                    "period is unknown; read the files one by one"
                )
            years.append(int(parsed.reference_date[:4]))
        if len(set(years)) != len(years):
            raise InputError(f"path: several files have the same reference year: {years}")
        for frame, year in zip(frames, years, strict=True):
            frame["period"] = year
    long = pd.concat(frames, ignore_index=True)
    with_period = "period" in long.columns

    group = ["region", "period"] if with_period else ["region"]
    dropped = 0
    if drop_empty_regions:
        empty = long.groupby(group, sort=False)["all_nil"].transform("all").to_numpy(dtype=bool)
        dropped = int(long.loc[empty, group].drop_duplicates().shape[0])
        long = long.loc[~empty]

    chosen, city_states = _select_levels(long, levels, group)
    long = pd.concat([long, city_states], ignore_index=True)
    long = long.loc[long["region_level"].isin(chosen)]

    long, partition, mode = select_industries(
        long, industries, label=parts[0].labels[position], source=parts[0].source
    )
    long = long.drop(columns=["line", "all_nil"])

    details: dict[str, object] = dict(parts[0].footer)
    if details.get("credit") is None:
        details["credit"] = _DEFAULT_CREDIT
    details.update(
        title=parts[0].title,
        value_column=parts[0].labels[position],
        value_column_position=position,
        levels=list(chosen),
        industries=mode,
        partition=partition,
        dropped_empty_regions=dropped,
        city_states_as_kreise=sorted(set(city_states["region"].str[:2])),
        encoding=parts[0].encoding,
    )
    if len(parts) == 1:
        details["reference_date"] = parts[0].reference_date
        source, sha = parts[0].source, parts[0].sha256
    else:
        details["files"] = [
            {"source": p.source, "sha256": p.sha256, "reference_date": p.reference_date}
            for p in parts
        ]
        source = ", ".join(p.source for p in parts)
        sha = combine_sha256([(p.source, p.sha256) for p in parts])
    provenance = Provenance(
        source=source, sha256=sha, table=parts[0].table, reader="genesis", details=details
    )
    return finish_panel(long, source=parts[0].source, provenance=provenance)


def _select_levels(
    long: pd.DataFrame, levels: str | Sequence[str] | None, group: list[str]
) -> tuple[list[str], pd.DataFrame]:
    """Return the chosen levels and the city-state rows to add as Kreise."""
    present = [level for level in REGION_LEVELS if (long["region_level"] == level).any()]
    if levels is None:
        chosen = ["kreis"] if "kreis" in present else present[-1:]
    else:
        chosen = [levels] if isinstance(levels, str) else list(levels)
        for level in chosen:
            check_choice("levels", level, REGION_LEVELS)
            if level not in present:
                raise InputError(
                    f"levels: the table has no rows at level {level!r}; levels present: {present}"
                )
    extra = long.iloc[0:0]
    if "kreis" in chosen:
        lands = long.loc[long["region_level"] == "land"]
        kreise = long.loc[long["region_level"] == "kreis"]
        covered = kreise.assign(region=kreise["region"].str[:2])[group].drop_duplicates()
        merged = lands.merge(covered, on=group, how="left", indicator=True)
        extra = merged.loc[merged["_merge"] == "left_only"].drop(columns="_merge")
        extra = extra.assign(region=extra["region"] + "000", region_level="kreis")
    return chosen, extra.reset_index(drop=True)
