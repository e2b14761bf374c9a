"""Reader of Bundesagentur für Arbeit (BA) employment tables by Kreis and occupation.

Two layouts (see ``shared/data/README.md``):

- the Parquet table of employees at the place of work by Kreis × KldB 2010
  occupation group (3-digit *Berufsgruppe*) × year × employment type ×
  group, with columns ``region_code, region_name, occupation_code`` (null =
  "ohne Angabe"), ``occupation_name, year, employment_type``
  (``socially_insured`` / ``marginal``), ``group`` (``total`` / ``women`` /
  ``foreigners``), ``value`` (null where not published) and ``suppressed``.
  It has 4.4 million rows; the reader lets pyarrow filter year, employment
  type and group while reading, so only the requested rows reach pandas;
- a CSV slice of one year, employment type and group with columns
  ``region_code, region_name, occupation_code, occupation_name, employees``
  (an empty ``employees`` cell = not published).

Occupations are returned under the generic name ``industry``.  Employees
without occupation information (null code) get the key ``"unassigned"``
and are kept by default: they are part of every Kreis's total, so dropping
them would shrink the regional totals on which shares and location
quotients rest.  BA anonymises small cells; they become ``NaN`` with
``suppressed=True``.  Credit: "© Statistik der Bundesagentur für Arbeit".
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    as_path_list,
    check_choice,
    decode_text,
    finish_panel,
    parse_numbers,
    read_bytes,
    sha256_file,
)
from clusterdialog.errors import InputError

__all__ = ["BA_CREDIT", "EMPLOYMENT_TYPES", "GROUPS", "UNASSIGNED", "read_ba"]

#: Credit line that must accompany BA data.
BA_CREDIT = "© Statistik der Bundesagentur für Arbeit"
#: Employment types of the Parquet layout.
EMPLOYMENT_TYPES = ("socially_insured", "marginal")
#: Groups of the Parquet layout (women and foreigners are subsets of total).
GROUPS = ("total", "women", "foreigners")
#: Key of employees without occupation information ("ohne Angabe").
UNASSIGNED = "unassigned"

_PARQUET_COLUMNS = ["region_code", "region_name", "occupation_code", "occupation_name", "year"]
_PARQUET_COLUMNS += ["employment_type", "group", "value", "suppressed"]
_CSV_COLUMNS = ["region_code", "region_name", "occupation_code", "occupation_name", "employees"]


def _years(year: int | Sequence[int] | None) -> list[int] | None:
    if year is None:
        return None
    values = [year] if isinstance(year, int | np.integer) else list(year)
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise InputError(f"year: expected a year or a list of years, got {year!r}")
    return [int(v) for v in values]


def _read_parquet(
    file: Path, years: list[int] | None, employment_type: str, group: str
) -> tuple[pd.DataFrame, str, str | None]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        names = pq.read_schema(file).names
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"{file.name}: not a readable Parquet file ({error})") from None
    missing = [c for c in _PARQUET_COLUMNS if c not in names]
    if missing:
        raise InputError(
            f"{file.name}: missing column(s) {missing} of the BA layout; columns are {names}"
        )
    filters = [("employment_type", "=", employment_type), ("group", "=", group)]
    if years is not None:
        filters.append(("year", "in", years))
    columns = ["region_code", "region_name", "occupation_code", "occupation_name", "year"]
    table = pq.read_table(file, columns=columns + ["value", "suppressed"], filters=filters)
    if years is not None:
        found = set(pc.unique(table["year"]).to_pylist())
        absent = [y for y in years if y not in found]
        if absent:
            present = pc.unique(pq.read_table(file, columns=["year"])["year"]).to_pylist()
            raise InputError(f"year: {absent} not in {file.name}; years: {sorted(present)}")
    frame = table.to_pandas()
    metadata = pq.read_schema(file).metadata or {}
    credit = metadata.get(b"attribution", BA_CREDIT.encode()).decode("utf-8")
    origin = metadata.get(b"source", b"").decode("utf-8") or None
    return frame, credit, origin


def _read_csv(file: Path) -> pd.DataFrame:
    data = read_bytes(file)
    text, _ = decode_text(data, encoding="auto", source=file.name, fallback="cp1252")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{file.name}: cannot read as CSV: {error}") from None
    missing = [c for c in _CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"{file.name}: missing column(s) {missing} of the BA CSV layout; columns are "
            f"{list(frame.columns)}"
        )
    raw = frame["employees"].str.strip()
    empty = (raw == "").to_numpy()
    values, ok = parse_numbers(raw)
    bad = ~(ok | empty)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        column = list(frame.columns).index("employees") + 1
        raise InputError(
            f"{file.name}, line {k + 2}, column {column}: expected a number of employees or "
            f"an empty cell (not published), got {raw.iloc[k]!r}"
        )
    code = frame["occupation_code"].str.strip()
    frame = frame.assign(
        occupation_code=code.where(code != "", None),
        value=values,
        suppressed=empty,
    )
    return frame


def read_ba(
    path: PathArgument,
    *,
    year: int | Sequence[int] | None = None,
    employment_type: str = "socially_insured",
    group: str = "total",
    unassigned: str = "keep",
) -> pd.DataFrame:
    """Read a BA table of employees by Kreis and occupation group as a long panel.

    Parameters
    ----------
    path : path
        The Parquet table (``.parquet``) or a CSV slice (``.csv``).
    year : int or sequence of int, optional
        Parquet: the year(s) to read; ``None`` reads all.  A single year
        gives a panel without ``period``; ``None`` or a list gives one with
        ``period``.  CSV: the year the slice holds, recorded in the
        provenance (default: a four-digit year at the end of the file name).
    employment_type : {"socially_insured", "marginal"}
        Socially insured employees (SvB) or marginal employees (GeB).
    group : {"total", "women", "foreigners"}
        Parquet: the group to read.  CSV: recorded in the provenance.
    unassigned : {"keep", "drop"}
        Keep (default) or drop employees without occupation information
        (key ``"unassigned"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``region, region_name, industry, industry_name[, period],
        value, suppressed``: ``industry`` is the KldB 2010 occupation group.
        ``df.attrs["provenance"].details["credit"]`` is the BA credit line.

    Raises
    ------
    InputError
        For an unknown option value, a year not in the file, a file that
        lacks the BA columns, or a bad employee count (naming line and
        column).

    References
    ----------
    .. [1] Statistik der Bundesagentur für Arbeit, Beschäftigungsstatistik:
       sozialversicherungspflichtig und geringfügig Beschäftigte am
       Arbeitsort, https://statistik.arbeitsagentur.de.
    .. [2] Bundesagentur für Arbeit (2011), Klassifikation der Berufe 2010
       (KldB 2010).

    Examples
    --------
    >>> from importlib.resources import files
    >>> path = files("clusterdialog.data") / "demo" / "de_ba_employees_bw_2024.csv"
    >>> df = read_ba(path)
    >>> df[["region", "industry", "industry_name", "value", "suppressed"]].head(2)
      region industry   industry_name  value  suppressed
    0  08111      111  Landwirtschaft  620.0       False
    1  08111      112  Tierwirtschaft   97.0       False
    >>> int(df["value"].sum()), int(df["suppressed"].sum())
    (4925020, 181)
    >>> df.attrs["provenance"].details["credit"]
    '© Statistik der Bundesagentur für Arbeit'
    """
    (file,) = as_path_list(path)
    check_choice("employment_type", employment_type, EMPLOYMENT_TYPES)
    check_choice("group", group, GROUPS)
    check_choice("unassigned", unassigned, ["keep", "drop"])
    years = _years(year)
    suffix = file.name.lower()
    if suffix.endswith((".parquet", ".pq")):
        sha = sha256_file(file)
        frame, credit, origin = _read_parquet(file, years, employment_type, group)
        layout = "parquet"
        with_period = not isinstance(year, int | np.integer)
    elif suffix.endswith(".csv"):
        sha = sha256_file(file)
        if years is not None and len(years) != 1:
            raise InputError(f"year: a BA CSV slice holds one year, got {year!r}")
        if years is None:
            match = re.search(r"(\d{4})\D*$", file.stem)
            years = [int(match.group(1))] if match else None
        frame, credit, origin = _read_csv(file), BA_CREDIT, None
        layout = "csv"
        with_period = False
    else:
        raise InputError(f"path: expected a BA table as .parquet or .csv, got {file.name}")
    code = frame["occupation_code"]
    no_code = code.isna().to_numpy()
    long = pd.DataFrame(
        {
            "region": frame["region_code"].astype(str).str.strip(),
            "region_name": frame["region_name"].astype(str).str.strip(),
            "industry": code.astype(object).where(~no_code, UNASSIGNED).astype(str),
            "industry_name": frame["occupation_name"].astype(str).str.strip(),
            "value": frame["value"].to_numpy(dtype="float64", na_value=np.nan),
            "suppressed": frame["suppressed"].to_numpy(dtype=bool),
        }
    )
    if with_period:
        long.insert(4, "period", frame["year"].astype("int64").to_numpy())
    if unassigned == "drop":
        long = long.loc[~no_code]
    details = {
        "credit": credit,
        "layout": layout,
        "classification": "KldB 2010 occupational groups (3-digit)",
        "employment_type": employment_type,
        "group": group,
        "years": sorted(map(int, pd.unique(long["period"]))) if with_period else years,
        "unassigned": unassigned,
        "origin": origin,
    }
    provenance = Provenance(source=file.name, sha256=sha, table=None, reader="ba", details=details)
    return finish_panel(long, source=file.name, provenance=provenance)
