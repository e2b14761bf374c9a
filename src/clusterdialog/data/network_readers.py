"""Readers of collaboration data: who took part in which project, as a participation table.

Every reader returns the long *participation table* of
:mod:`clusterdialog.network`: one row per organisation × project with the
columns

``organisation``, ``project``
    identifiers as text (CORDIS PIC ``999999999``, project RCN ``221856``;
    numbers are never kept as numbers, so leading zeros survive);
``type``
    actor type (CORDIS activity type ``PRC``, ``HES``, ``REC``, ``PUB``,
    ``OTH``; free text in a generic list), empty string when unknown;
``role``, ``contribution``, ``year``, ``country``
    where the file has them (``contribution`` float, ``NaN`` when unknown;
    ``year`` nullable ``Int64``);

and ``df.attrs["provenance"]``, a :class:`~clusterdialog.data.panel.Provenance`
with the file name, its SHA-256, the reader, the filters and, for CORDIS, the
credit line ``"© European Union, CORDIS, CC BY 4.0"`` that must accompany any
use of the data.  Bad files raise one :class:`~clusterdialog.errors.InputError`
naming the file, line and column.

Filters (both formats)
----------------------
``country="DE"`` keeps the participations of that country's organisations:
the network of the country's organisations, linked through the projects in
which at least two of them take part.  Foreign partners are dropped, so a
project with one domestic participant leaves that organisation without a
link through it (it still appears as a node).  ``year=2019`` keeps projects
that started in 2019 (CORDIS ``start_year``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    check_choice,
    parse_numbers,
    sha256_file,
)
from clusterdialog.data.readers.table import _read_csv, _read_xlsx
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["CORDIS_CREDIT", "CORDIS_TYPES", "PARTICIPATION_FORMATS", "read_participations"]

#: Credit line of CORDIS data (Commission Decision 2011/833/EU).
CORDIS_CREDIT = "© European Union, CORDIS, CC BY 4.0"
#: CORDIS activity types of organisations.
CORDIS_TYPES = ("PRC", "HES", "REC", "PUB", "OTH")
#: Formats understood by :func:`read_participations`.
PARTICIPATION_FORMATS = ("cordis", "edges")

_CORDIS_COLUMNS = {
    "pic": "organisation",
    "rcn": "project",
    "type": "type",
    "role": "role",
    "contribution": "contribution",
    "country": "country",
    "start_year": "year",
}
_OPTIONAL = ("type", "role", "contribution", "weight", "year", "country")
_MISSING = ("", "NA", "NaN", "nan")
Where = Callable[[int, str], str]


def _read(path: Path) -> tuple[pd.DataFrame, Where]:
    name = path.name.lower()
    if name.endswith((".xlsx", ".xlsm")):
        frame, where, _ = _read_xlsx(path, None)
        frame = frame.astype(object).where(frame.notna(), "")
        frame = frame.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else v)
        return frame.astype(str), where
    if name.endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        frame, where, _ = _read_csv(path, None, "auto")
        return frame, where
    raise InputError(
        f"path: cannot tell the format of {path.name}; expected .csv, .csv.gz, .tsv or .xlsx"
    )


def _keys(frame: pd.DataFrame, column: str, where: Where, what: str) -> pd.Series:
    text = frame[column].astype(str).str.strip()
    empty = (text == "").to_numpy()
    if empty.any():
        k = int(np.flatnonzero(empty)[0])
        raise InputError(f"{where(k, column)}: expected an {what} id, got an empty cell")
    return text


def _numbers(frame: pd.DataFrame, column: str, where: Where, integer: bool = False) -> pd.Series:
    text = frame[column].astype(str).str.strip()
    missing = text.isin(_MISSING).to_numpy()
    values, ok = parse_numbers(text, decimal=".")
    bad = ~ok & ~missing
    if integer:
        bad |= ok & (values != np.round(values))
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        kind = "a whole number (year)" if integer else "a number"
        raise InputError(
            f"{where(k, column)}: expected {kind} or an empty cell / NA, got {text.iloc[k]!r}"
        )
    if integer:
        return pd.array(np.where(missing, None, values), dtype="Int64")
    return pd.Series(np.where(missing, np.nan, values), dtype="float64")


def _require(frame: pd.DataFrame, columns: list[str], source: str, hint: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{source}: expected the columns {columns} ({hint}); missing {missing}, "
            f"found {list(frame.columns)}"
        )


def _cordis(frame: pd.DataFrame, source: str, where: Where) -> pd.DataFrame:
    _require(frame, list(_CORDIS_COLUMNS), source, "CORDIS H2020 participations")
    out = pd.DataFrame(
        {
            "organisation": _keys(frame, "pic", where, "organisation (PIC)"),
            "project": _keys(frame, "rcn", where, "project (RCN)"),
            "type": frame["type"].astype(str).str.strip(),
            "role": frame["role"].astype(str).str.strip(),
            "contribution": _numbers(frame, "contribution", where),
            "year": _numbers(frame, "start_year", where, integer=True),
            "country": frame["country"].astype(str).str.strip(),
        }
    )
    unknown = ~out["type"].isin(CORDIS_TYPES).to_numpy()
    if unknown.any():
        k = int(np.flatnonzero(unknown)[0])
        raise InputError(
            f"{where(k, 'type')}: expected a CORDIS activity type {list(CORDIS_TYPES)}, "
            f"got {out['type'].iloc[k]!r}"
        )
    return out


def _generic(frame: pd.DataFrame, source: str, where: Where) -> pd.DataFrame:
    columns = set(frame.columns)
    if {"organisation", "project"} <= columns:
        out = pd.DataFrame(
            {
                "organisation": _keys(frame, "organisation", where, "organisation"),
                "project": _keys(frame, "project", where, "project"),
            }
        )
        for column in _OPTIONAL:
            if column in columns:
                if column in ("contribution", "weight", "year"):
                    out[column] = _numbers(frame, column, where, integer=column == "year")
                else:
                    out[column] = frame[column].astype(str).str.strip().to_numpy()
        return out
    if {"source", "target"} <= columns:
        return _edge_list(frame, where)
    raise InputError(
        f"{source}: expected a participation list (columns organisation, project[, type, "
        f"role, contribution, year, country]) or an edge list (columns source, target[, "
        f"weight, year, source_type, target_type]); found {list(frame.columns)}"
    )


def _edge_list(frame: pd.DataFrame, where: Where) -> pd.DataFrame:
    """One-mode edge list: every row becomes a project ``edge:<line>`` of its two ends."""
    source = _keys(frame, "source", where, "organisation")
    target = _keys(frame, "target", where, "organisation")
    loops = (source == target).to_numpy()
    if loops.any():
        k = int(np.flatnonzero(loops)[0])
        raise InputError(
            f"{where(k, 'target')}: expected two different organisations, got "
            f"{source.iloc[k]!r} twice (a self-loop)"
        )
    project = pd.Series([f"edge:{k + 2}" for k in range(len(frame))])
    out = pd.DataFrame(
        {
            "organisation": pd.concat([source, target], ignore_index=True),
            "project": pd.concat([project, project], ignore_index=True),
        }
    )
    if "source_type" in frame.columns and "target_type" in frame.columns:
        out["type"] = np.concatenate(
            [frame[c].astype(str).str.strip().to_numpy() for c in ("source_type", "target_type")]
        )
    for column in ("weight", "year"):
        if column in frame.columns:
            values = _numbers(frame, column, where, integer=column == "year")
            out[column] = pd.concat([pd.Series(values)] * 2, ignore_index=True).array
    return out


def _filter(out: pd.DataFrame, country: str | None, year: int | None, source: str) -> pd.DataFrame:
    if country is not None:
        if "country" not in out.columns:
            raise InputError(f"country: {source} has no country column to filter on")
        out = out[out["country"].str.upper().to_numpy() == country.upper()]
    if year is not None:
        if "year" not in out.columns:
            raise InputError(f"year: {source} has no year column to filter on")
        out = out[(out["year"] == year).fillna(False).to_numpy(dtype=bool)]
    if out.empty:
        given = ", ".join(
            f"{k}={v!r}" for k, v in (("country", country), ("year", year)) if v is not None
        )
        raise InputError(f"{source}: no participation is left with {given}")
    return out.reset_index(drop=True)


def _deduplicate(out: pd.DataFrame, source: str) -> pd.DataFrame:
    duplicated = out.duplicated(["organisation", "project"]).to_numpy()
    if duplicated.any():
        n = int(duplicated.sum())
        first = out.loc[duplicated].iloc[0]
        warnings.warn(
            f"{source}: {n} of {len(out)} rows ({n / len(out):.1%}) repeat an organisation in "
            f"the same project (e.g. {first['organisation']} in {first['project']}); the first "
            "row of each pair is kept",
            DataQualityWarning,
            stacklevel=3,
        )
        out = out.loc[~duplicated].reset_index(drop=True)
    return out


def read_participations(
    path: PathArgument,
    *,
    format: str = "cordis",
    country: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Read a participation list (CORDIS or generic) as a participation table.

    Parameters
    ----------
    path : path
        The file: CSV (also ``.csv.gz``, ``.tsv``) or, for ``format="edges"``,
        also XLSX (first sheet).
    format : {"cordis", "edges"}
        ``"cordis"``: the CORDIS H2020 participations
        (``cordis_h2020_participations.csv.gz``: ``rcn``, ``role``, ``pic``,
        ``type``, ``contribution``, ``country``, ``start_year`` …; ``NA`` is
        missing except in ``country``, where it is Namibia).
        ``"edges"``: a generic participation list with the columns
        ``organisation``, ``project`` and optionally ``type``, ``role``,
        ``contribution``, ``weight``, ``year``, ``country``; or a one-mode
        edge list ``source``, ``target`` (optionally ``weight``, ``year``,
        ``source_type``, ``target_type``), whose every row becomes a project
        ``edge:<line>`` with its two organisations.  A ``weight`` column is
        kept on the rows, but the ``"count"`` projection of the command line
        counts rows: list a pair twice for two joint projects.
    country : str, optional
        Keep the participations of this country's organisations (see the
        module notes); case-insensitive.
    year : int, optional
        Keep the projects that started in this year.

    Returns
    -------
    pandas.DataFrame
        Columns ``organisation``, ``project`` (text), then ``type``,
        ``role``, ``contribution``, ``year``, ``country`` as available;
        ``df.attrs["provenance"]`` is a
        :class:`~clusterdialog.data.panel.Provenance`.

    Raises
    ------
    InputError
        For an unknown format, a missing file or column, an empty id, a bad
        number or year, an unknown CORDIS activity type (naming file, line and
        column), a self-loop in an edge list, or filters that leave nothing.

    Warns
    -----
    DataQualityWarning
        When an organisation appears twice in the same project (the first row
        is kept), with the count and share of rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "p.csv").write_text(
    ...     "organisation,project,type\\n007,A,PRC\\n008,A,HES\\n007,B,PRC\\n", encoding="utf-8"
    ... )
    >>> table = read_participations(folder / "p.csv", format="edges")
    >>> table["organisation"].tolist(), table["project"].tolist()
    (['007', '008', '007'], ['A', 'A', 'B'])
    """
    check_choice("format", format, PARTICIPATION_FORMATS)
    file = Path(path)
    digest = sha256_file(file)
    frame, where = _read(file)
    if format == "cordis":
        out = _cordis(frame, file.name, where)
    else:
        out = _generic(frame, file.name, where)
    out = _filter(out, country, year, file.name)
    out = _deduplicate(out, file.name)
    details: dict[str, object] = {
        "format": format,
        "country": country,
        "year": year,
        "participations": len(out),
        "organisations": int(out["organisation"].nunique()),
        "projects": int(out["project"].nunique()),
    }
    if format == "cordis":
        details["credit"] = CORDIS_CREDIT
    out.attrs["provenance"] = Provenance(
        source=file.name,
        sha256=digest,
        table="CORDIS H2020 participations" if format == "cordis" else None,
        reader=f"network_readers.{format}",
        details=details,
    )
    return out
