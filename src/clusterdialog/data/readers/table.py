"""Reader of any CSV, Parquet or XLSX table with named columns.

The caller maps the file's columns to the generic names (``region=``,
``industry=``, ``value=`` and optionally ``period=``, ``flag=`` and name
columns).  Key columns are read as text so that leading zeros survive
(Kreis ``08111``, WZ ``01.11``, NAICS ``011111``).  Excel and Parquet can
store keys as numbers, which loses those zeros: numeric key cells raise an
:class:`~clusterdialog.errors.InputError` when their digit counts differ (the
zeros are visibly lost) and a :class:`~clusterdialog.errors.DataQualityWarning`
otherwise; ``key_width=`` restores the zeros explicitly.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Mapping, Sequence
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
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["TABLE_FORMATS", "read_table"]

#: File name endings the reader understands, and their format.
TABLE_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".csv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_KEYS = ("region", "industry")
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _format_of(file: Path) -> str:
    name = file.name.lower()
    for ending in sorted(TABLE_FORMATS, key=len, reverse=True):
        if name.endswith(ending):
            return TABLE_FORMATS[ending]
    raise InputError(
        f"path: cannot tell the format of {file.name}; expected a file ending in "
        f"{list(TABLE_FORMATS)}"
    )


def _read_csv(
    file: Path, sep: str | None, encoding: str
) -> tuple[pd.DataFrame, Callable[[int, str], str], dict[str, object]]:
    source = file.name
    data = read_bytes(file)
    if source.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"{source}: not a readable gzip file ({error})") from None
    text, used = decode_text(data, encoding=encoding, source=source, fallback="cp1252")
    first = text.split("\n", 1)[0]
    if sep is None:
        counts = {s: first.count(s) for s in (";", "\t", ",")}
        sep = max(counts, key=lambda s: counts[s]) if any(counts.values()) else ","
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if '"' not in text and len(lines) > 1:
        counts = pd.Series(lines, dtype=str).str.count(re.escape(sep)).to_numpy()
        wrong = np.flatnonzero(counts != counts[0])
        if wrong.size:
            k = int(wrong[0])
            raise InputError(
                f"{source}, line {k + 1}: expected {counts[0] + 1} fields separated by "
                f"{sep!r} like the header, got {counts[k] + 1}"
            )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.EmptyDataError:
        raise InputError(f"{source}: the file is empty") from None
    except pd.errors.ParserError as error:
        match = _FIELDS.search(str(error))
        if match:
            expected, line, got = match.groups()
            raise InputError(
                f"{source}, line {line}: expected {expected} fields separated by {sep!r}, got {got}"
            ) from None
        raise InputError(f"{source}: cannot read as CSV: {error}") from None

    def where(row: int, column: str) -> str:
        return f"{source}, line {row + 2}, column {frame.columns.get_loc(column) + 1} ({column})"

    return frame, where, {"format": "csv", "separator": sep, "encoding": used}


def _read_xlsx(
    file: Path, sheet: str | int | None
) -> tuple[pd.DataFrame, Callable[[int, str], str], dict[str, object]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    source = file.name
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise InputError(f"{source}: not a readable XLSX workbook ({error})") from None
    names = list(workbook.sheetnames)
    workbook.close()
    if sheet is None:
        name = names[0]
    elif isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(names):
        name = names[sheet]
    elif sheet in names:
        name = str(sheet)
    else:
        raise InputError(f"sheet: {sheet!r} is not a sheet of {source}; sheets: {names}")
    frame = pd.read_excel(file, sheet_name=name, dtype=object, engine="openpyxl")
    frame.columns = [str(c) for c in frame.columns]

    def where(row: int, column: str) -> str:
        letter = get_column_letter(frame.columns.get_loc(column) + 1)
        return f"{source}, sheet {name!r}, row {row + 2}, column {letter} ({column})"

    return frame, where, {"format": "xlsx", "sheet": name}


def _read_parquet(
    file: Path, columns: list[str]
) -> tuple[pd.DataFrame, Callable[[int, str], str], dict[str, object]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = file.name
    try:
        present = pq.read_schema(file).names
        frame = pd.read_parquet(file, columns=[c for c in columns if c in present])
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"{source}: not a readable Parquet file ({error})") from None
    for column in columns:
        if column not in present:
            frame[column] = None  # reported as missing below

    def where(row: int, column: str) -> str:
        return f"{source}, row {row + 1}, column {column!r}"

    missing = [c for c in columns if c not in present]
    return frame, where, {"format": "parquet", "missing": missing, "present": present}


def _is_number(values: pd.Series) -> np.ndarray:
    if isinstance(values.dtype, pd.StringDtype):
        return np.zeros(len(values), dtype=bool)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.notna().to_numpy()
    return values.map(
        lambda v: isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_)
    ).to_numpy(dtype=bool)


def _keys(
    values: pd.Series,
    argument: str,
    column: str,
    where: Callable[[int, str], str],
    width: int | None,
    check_zeros: bool = True,
) -> pd.Series:
    """Key column as stripped strings; numbers only where they cannot have lost zeros."""
    numeric = _is_number(values)
    text = values.astype(object).where(~values.isna(), "").astype(str).str.strip()
    if numeric.any():
        numbers = pd.to_numeric(values[numeric].astype(object), errors="coerce").astype(float)
        finite = np.isfinite(numbers.to_numpy())
        integral = finite & (numbers.to_numpy() == np.round(numbers.to_numpy()))
        if not integral.all():
            k = int(np.flatnonzero(numeric)[np.flatnonzero(~integral)[0]])
            raise InputError(
                f"{where(k, column)}: expected a code, got the number {values.iloc[k]!r}"
            )
        text[numeric] = numbers.astype("int64").astype(str).to_numpy()
    empty = (text == "").to_numpy()
    if empty.any():
        k = int(np.flatnonzero(empty)[0])
        raise InputError(f"{where(k, column)}: expected a key in {argument} column, got nothing")
    if width is not None:
        long_keys = (text.str.len() > width).to_numpy()
        if long_keys.any():
            k = int(np.flatnonzero(long_keys)[0])
            raise InputError(
                f"{where(k, column)}: key {text.iloc[k]!r} is longer than key_width {width}"
            )
        digits = text.str.fullmatch(r"[0-9]+").to_numpy(dtype=bool)
        text[digits] = text[digits].str.zfill(width)
    elif numeric.any() and check_zeros:
        lengths = text.str.len()
        n = int(numeric.sum())
        example = int(np.flatnonzero(numeric)[0])
        if lengths.nunique() > 1:
            raise InputError(
                f"{where(example, column)}: {n} of {len(text)} {argument} keys are stored as "
                f"numbers (e.g. {text.iloc[example]}) and their lengths differ "
                f"({lengths.min()} to {lengths.max()} characters), so leading zeros were lost "
                f"(Kreis 08111 becomes 8111); store the column as text or pass "
                f"key_width={{{argument!r}: <digits>}}"
            )
        warnings.warn(
            f"{where(example, column)}: {n} of {len(text)} {argument} keys ({n / len(text):.0%})"
            " are stored as numbers; read as text. If the codes had leading zeros, pass "
            "key_width",
            DataQualityWarning,
            stacklevel=3,
        )
    return text


def _values(
    values: pd.Series,
    column: str,
    where: Callable[[int, str], str],
    decimal: str,
    missing: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Value column as floats and a suppressed mask (missing tokens or empty cells)."""
    numeric = _is_number(values)
    out = np.full(len(values), np.nan)
    if numeric.any():
        out[numeric] = pd.to_numeric(values[numeric].astype(object)).to_numpy(dtype=float)
    text = values.astype(object).where(~values.isna(), "").astype(str).str.strip()
    absent = (~numeric) & text.isin(list(missing)).to_numpy()
    parse = ~numeric & ~absent
    if parse.any():
        parsed, ok = parse_numbers(text[parse], decimal=decimal)
        if not ok.all():
            k = int(np.flatnonzero(parse)[np.flatnonzero(~ok)[0]])
            raise InputError(
                f"{where(k, column)}: expected a number (decimal {decimal!r}) or one of the "
                f"missing-value markers {list(missing)}, got {text.iloc[k]!r}"
            )
        out[parse] = parsed
    return out, absent


def read_table(
    path: PathArgument,
    *,
    region: str,
    industry: str,
    value: str,
    period: str | None = None,
    flag: str | None = None,
    region_name: str | None = None,
    industry_name: str | None = None,
    sheet: str | int | None = None,
    sep: str | None = None,
    decimal: str = ".",
    missing: Sequence[str] = ("",),
    key_width: Mapping[str, int] | None = None,
    table: str | None = None,
    credit: str | None = None,
    encoding: str = "auto",
) -> pd.DataFrame:
    """Read a CSV, Parquet or XLSX table with a column mapping as a long panel.

    Parameters
    ----------
    path : path
        ``.csv`` (also ``.txt``, ``.tsv``, ``.csv.gz``), ``.parquet`` or
        ``.xlsx`` file with a header row.
    region, industry, value : str
        Names of the file's columns holding the region key, industry key
        and the value.
    period, flag, region_name, industry_name : str, optional
        Names of further columns to read (a period column makes a panel
        with ``period``; years become integers).
    sheet : str or int, optional
        XLSX sheet (name or 0-based position); default the first.
    sep : str, optional
        CSV separator; default guessed from the header (``;``, tab or ``,``).
    decimal : {".", ","}
        Decimal mark of numbers stored as text; ``","`` also accepts
        thousands points (``1.234,5``).
    missing : sequence of str
        Value texts that mark a suppressed or unknown cell (default: the
        empty cell).  They become ``NaN`` with ``suppressed=True``.
    key_width : mapping, optional
        ``{"region": 5}`` pads numeric keys with leading zeros to that
        width (for files where zeros were lost).
    table, credit : str, optional
        Table code and credit line recorded in the provenance.
    encoding : str
        CSV encoding: ``"auto"`` (UTF-8, else Windows-1252) or a codec name.

    Returns
    -------
    pandas.DataFrame
        Columns ``region[, region_name], industry[, industry_name][, period],
        value, suppressed[, flag]``; ``df.attrs["provenance"]`` names the
        file, its SHA-256 and the column mapping.

    Raises
    ------
    InputError
        For an unknown format, a column missing from the file, a bad value or
        key (naming file, line or row, and column), keys whose leading zeros
        were lost, or duplicate keys.

    Warns
    -----
    DataQualityWarning
        When XLSX or Parquet keys are stored as numbers of equal length.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "employees.csv"
    >>> _ = path.write_text("kreis;wz;beschaeftigte\\n08111;C;120\\n08115;C;\\n",
    ...                     encoding="utf-8")
    >>> read_table(path, region="kreis", industry="wz", value="beschaeftigte")
      region industry  value  suppressed
    0  08111        C  120.0       False
    1  08115        C    NaN        True
    """
    (file,) = as_path_list(path)
    check_choice("decimal", decimal, [".", ","])
    mapping = {
        "region": region,
        "industry": industry,
        "value": value,
        "period": period,
        "flag": flag,
        "region_name": region_name,
        "industry_name": industry_name,
    }
    mapping = {k: v for k, v in mapping.items() if v is not None}
    for argument, column in mapping.items():
        if not isinstance(column, str):
            raise InputError(f"{argument}: expected a column name, got {column!r}")
    widths = dict(key_width or {})
    for argument in widths:
        check_choice("key_width", argument, list(_KEYS))
    fmt = _format_of(file)
    sha = sha256_file(file)
    if fmt == "csv":
        frame, where, info = _read_csv(file, sep, encoding)
    elif fmt == "xlsx":
        frame, where, info = _read_xlsx(file, sheet)
    else:
        frame, where, info = _read_parquet(file, list(dict.fromkeys(mapping.values())))
    present = info.pop("present", list(frame.columns))
    info.pop("missing", None)
    for argument, column in mapping.items():
        if column not in present:
            raise InputError(
                f"{argument}: column {column!r} is not in {file.name}; its columns are "
                f"{[str(c) for c in present]}"
            )
    frame = frame.reset_index(drop=True)
    long = pd.DataFrame(index=frame.index)
    for argument in _KEYS:
        long[argument] = _keys(
            frame[mapping[argument]], argument, mapping[argument], where, widths.get(argument)
        )
    for argument in ("region_name", "industry_name"):
        if argument in mapping:
            long[argument] = frame[mapping[argument]].astype(str).str.strip()
    if "period" in mapping:
        periods = _keys(
            frame[mapping["period"]], "period", mapping["period"], where, None, check_zeros=False
        )
        long["period"] = (
            periods.astype("int64") if periods.str.fullmatch(r"[0-9]+").all() else periods
        )
    long["value"], long["suppressed"] = _values(
        frame[mapping["value"]], mapping["value"], where, decimal, missing
    )
    if "flag" in mapping:
        flags = frame[mapping["flag"]].astype(object)
        flags = flags.where(flags.notna() & (flags.astype(str).str.strip() != ""), None)
        long["flag"] = flags.astype(object)
    provenance = Provenance(
        source=file.name,
        sha256=sha,
        table=table,
        reader="table",
        details={"credit": credit, "columns": mapping, **info},
    )
    return finish_panel(long, source=file.name, provenance=provenance)
