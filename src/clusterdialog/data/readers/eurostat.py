"""Reader of Eurostat TSV bulk files (``*.tsv`` or ``*.tsv.gz``).

Layout, as served by the Eurostat bulk download and the SDMX 2.1 / 3.0 API
(``format=TSV``):

- tab-separated text; the first header cell joins the dimension codes with
  commas and names the time dimension after a backslash:
  ``freq,c_resid,unit,nace_r2,geo\\TIME_PERIOD`` (SDMX era) or
  ``unit,nace_r2,geo\\time`` (older files);
- the other header cells are the periods (``1990``, ``2020Q1``, ``2020-01``),
  often with a trailing space;
- each data line starts with the comma-joined dimension codes, then one cell
  per period: ``<number> <flags>`` or ``: <flags>``, e.g. ``420931 e``,
  ``:``, ``: c``, ``: @C``, ``12 be``.  Flags: ``b`` break in series, ``e``
  estimated, ``p`` provisional, ``u`` low reliability, ``c`` / ``@C``
  confidential, ``d`` definition differs, ``n`` not significant, ``r``
  revised, ``s`` Eurostat estimate, ``z`` not applicable.

``:`` (not available, or confidential) becomes ``NaN`` with
``suppressed=True``; every flag is kept in ``flag``.  Data: © European Union,
Eurostat, reused under the Eurostat copyright notice (CC BY 4.0).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    as_path_list,
    cell_error,
    decode_text,
    finish_panel,
    read_bytes,
)
from clusterdialog.errors import InputError

__all__ = ["EUROSTAT_CREDIT", "read_eurostat"]

#: Credit line of Eurostat data.
EUROSTAT_CREDIT = "© European Union, Eurostat, CC BY 4.0"

_CELL = r"^(?P<mark>:|-?[0-9]+(?:\.[0-9]+)?)\s*(?P<flags>[A-Za-z@]*)$"
_NUTS = r"[A-Z]{2}[A-Z0-9]{0,3}"
_GEO_AGGREGATE = r"(?:EU|EA|EEA|EFTA)(?:[0-9].*|_.*)?"
_MAX_LISTED = 20


def _listing(values: Sequence[object]) -> str:
    shown = [str(v) for v in values[:_MAX_LISTED]]
    more = len(values) - len(shown)
    return str(shown) + (f" and {more} more" if more > 0 else "")


def _nuts_level(geo: pd.Series) -> pd.Series:
    """NUTS level 0–3 of a geo code (<NA> for aggregates such as EU27_2020 or EA20)."""
    nuts = geo.str.fullmatch(_NUTS).to_numpy(dtype=bool) & ~geo.str.fullmatch(
        _GEO_AGGREGATE
    ).to_numpy(dtype=bool)
    level = pd.Series(pd.NA, index=geo.index, dtype="Int64")
    level[nuts] = geo[nuts].str.len().to_numpy() - 2
    return level


def _as_list(value: object) -> list[object]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        return [value]
    return list(value)


def read_eurostat(
    path: PathArgument,
    *,
    industry_dim: str | None = None,
    region_dim: str = "geo",
    filters: Mapping[str, object] | None = None,
    periods: Sequence[object] | None = None,
    levels: int | Sequence[int] | None = None,
    table: str | None = None,
    encoding: str = "auto",
) -> pd.DataFrame:
    """Read a Eurostat TSV bulk file as a long panel.

    Parameters
    ----------
    path : path
        A ``.tsv`` or gzip-compressed ``.tsv.gz`` file.
    industry_dim : str, optional
        The dimension read as ``industry``.  Default ``nace_r2`` (or
        ``nace_r1``) when the file has it.
    region_dim : str
        The dimension read as ``region`` (default ``geo``).
    filters : mapping, optional
        ``{dimension: code or list of codes}`` keeping only those rows, e.g.
        ``{"unit": "NR", "c_resid": "TOTAL"}``.  After filtering, every
        dimension other than region and industry must have one code left.
    periods : sequence, optional
        Periods to keep (e.g. ``[2019, 2020]``); default all.
    levels : int or sequence of int, optional
        NUTS levels (0 country … 3) of ``geo`` to keep; default all,
        including aggregates such as ``EU27_2020``.
    table : str, optional
        Dataset code for the provenance; default from the file name
        (``estat_tour_occ_arn2.tsv.gz`` → ``tour_occ_arn2``).
    encoding : str
        ``"auto"`` (UTF-8) or a codec name.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, region_level, industry, period, value,
        suppressed, flag`` and one column per other dimension (one code
        each).  ``region_level`` is the NUTS level (``<NA>`` for
        aggregates).  ``period`` is an integer for annual data, else the
        label (``2020Q1``).

    Raises
    ------
    InputError
        For a header that is not Eurostat's, a line with the wrong number of
        fields, a cell that is neither a number with flags nor ``:`` (naming
        file, line and column), an unknown dimension or code in the options,
        or dimensions left with several codes.

    References
    ----------
    .. [1] Eurostat, Bulk download and API: TSV format,
       https://ec.europa.eu/eurostat/web/main/data/web-services.
    .. [2] Eurostat, Flags and special values, Eurostat data browser.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = ("unit,nace_r2,geo\\\\time\\t2019 \\t2020 \\n"
    ...         "NR,I551,DE1\\t10 \\t12 e\\n"
    ...         "NR,I551,DE2\\t: c\\t7 \\n")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tour_small.tsv"
    >>> _ = path.write_text(text, encoding="utf-8")
    >>> df = read_eurostat(path)
    >>> df[["region", "industry", "period", "value", "suppressed", "flag"]]
      region industry  period  value  suppressed  flag
    0    DE1     I551    2019   10.0       False  None
    1    DE1     I551    2020   12.0       False     e
    2    DE2     I551    2019    NaN        True     c
    3    DE2     I551    2020    7.0       False  None
    """
    (file,) = as_path_list(path)
    source = file.name
    data = read_bytes(file)
    sha = hashlib.sha256(data).hexdigest()
    if source.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"{source}: not a readable gzip file ({error})") from None
    text, used = decode_text(data, encoding=encoding, source=source)
    lines = [line.rstrip("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise InputError(f"{source}: the file is empty")
    header = lines[0].split("\t")
    first = header[0].strip()
    if "\\" not in first or len(header) < 2:
        raise cell_error(
            source,
            1,
            1,
            "expected a Eurostat TSV header such as 'freq,unit,geo\\TIME_PERIOD<TAB>2020', "
            f"got {lines[0][:60]!r}",
        )
    dims_text, time_name = first.split("\\", 1)
    dims = [d.strip() for d in dims_text.split(",")]
    labels = [h.strip() for h in header[1:]]
    if "" in labels or len(set(labels)) != len(labels):
        raise cell_error(source, 1, None, f"expected distinct period labels, got {labels}")
    body = lines[1:]
    if not body:
        raise cell_error(source, 2, None, "no data lines after the header (is the file cut?)")
    tabs = pd.Series(body, dtype=str).str.count("\t").to_numpy()
    wrong = np.flatnonzero(tabs != len(header) - 1)
    if wrong.size:
        k = int(wrong[0])
        raise cell_error(
            source,
            k + 2,
            None,
            f"expected {len(header)} tab-separated fields like the header, got {tabs[k] + 1}",
        )
    try:
        frame = pd.read_csv(
            io.StringIO("\n".join(body)),
            sep="\t",
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
        )
    except (pd.errors.ParserError, ValueError) as error:  # pragma: no cover - counted above
        raise InputError(f"{source}: cannot parse the file: {error}") from None
    line_numbers = np.arange(2, 2 + len(body))
    commas = frame[0].str.count(",").to_numpy()
    wrong = np.flatnonzero(commas != len(dims) - 1)
    if wrong.size:
        k = int(wrong[0])
        raise cell_error(
            source,
            k + 2,
            1,
            f"expected {len(dims)} comma-separated codes ({','.join(dims)}), "
            f"got {frame[0].iloc[k]!r}",
        )
    keys = frame[0].str.split(",", expand=True)
    keys.columns = dims
    keys = keys.apply(lambda column: column.str.strip())

    for name, argument in ((region_dim, "region_dim"), (industry_dim, "industry_dim")):
        if name is not None and name not in dims:
            raise InputError(f"{argument}: {name!r} is not a dimension of {source}: {dims}")
    if industry_dim is None:
        industry_dim = next((d for d in ("nace_r2", "nace_r1") if d in dims), None)
        if industry_dim is None:
            raise InputError(
                f"industry_dim: {source} has no nace_r2 dimension; name the dimension to read "
                f"as industry, one of {dims}"
            )

    keep = np.ones(len(frame), dtype=bool)
    for dim, wanted in (filters or {}).items():
        if dim not in dims:
            raise InputError(f"filters: {dim!r} is not a dimension of {source}: {dims}")
        codes = [str(c) for c in _as_list(wanted)]
        present = pd.unique(keys[dim])
        missing = [c for c in codes if c not in set(present)]
        if missing:
            raise InputError(
                f"filters: {dim}={missing} not in {source}; codes present: {_listing(present)}"
            )
        keep &= keys[dim].isin(codes).to_numpy()
    columns = list(range(1, len(header)))
    if periods is not None:
        wanted_periods = [str(p) for p in _as_list(periods)]
        missing = [p for p in wanted_periods if p not in labels]
        if missing:
            raise InputError(f"periods: {missing} not in {source}; periods: {_listing(labels)}")
        columns = [c for c in columns if labels[c - 1] in wanted_periods]

    keys, frame, line_numbers = keys[keep], frame[keep], line_numbers[keep]
    region_level = _nuts_level(keys[region_dim])
    if levels is not None:
        wanted_levels = [int(v) for v in _as_list(levels)]
        selected = region_level.isin(wanted_levels).to_numpy(dtype=bool)
        keys, frame = keys[selected], frame[selected]
        line_numbers, region_level = line_numbers[selected], region_level[selected]
    if keys.empty:
        raise InputError(f"filters: no rows of {source} are left after filtering")
    fixed = {}
    for dim in dims:
        if dim in (region_dim, industry_dim):
            continue
        present = list(pd.unique(keys[dim]))
        if len(present) > 1:
            raise InputError(
                f"{source}: dimension {dim!r} has several codes {_listing(present)} after "
                "filtering, so region × industry × period is not unique; choose one, e.g. "
                f"filters={{{dim!r}: {present[-1]!r}}}"
            )
        fixed[dim] = present[0]

    n_rows, n_periods = len(frame), len(columns)
    cells = pc.utf8_trim_whitespace(
        pa.array(frame[columns].to_numpy(dtype=object).ravel(), type=pa.string())
    )
    parts = pc.extract_regex(cells, _CELL)
    mark = pc.struct_field(parts, "mark")
    bad = parts.is_null().to_numpy(zero_copy_only=False)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        row, col = divmod(k, n_periods)
        raise cell_error(
            source,
            int(line_numbers[row]),
            f"{columns[col] + 1} ({labels[columns[col] - 1]})",
            f"expected a number with optional flags (b e p u c …) or ':', got {cells[k].as_py()!r}",
        )
    missing_cell = pc.equal(mark, ":").to_numpy(zero_copy_only=False)
    values = pc.cast(pc.if_else(missing_cell, None, mark), pa.float64())
    values = values.to_numpy(zero_copy_only=False)
    flags = pc.struct_field(parts, "flags").to_numpy(zero_copy_only=False).astype(object)
    flags[flags == ""] = None

    period_labels = [labels[c - 1] for c in columns]
    period_values: list[object] = (
        [int(p) for p in period_labels]
        if all(re.fullmatch(r"\d{4}", p) for p in period_labels)
        else period_labels
    )
    long = pd.DataFrame(
        {
            "region": np.repeat(keys[region_dim].to_numpy(dtype=object), n_periods),
            "region_level": np.repeat(region_level.to_numpy(), n_periods),
            "industry": np.repeat(keys[industry_dim].to_numpy(dtype=object), n_periods),
            "period": np.tile(np.asarray(period_values, dtype=object), n_rows),
            "value": values,
            "suppressed": missing_cell,
        }
    )
    long["flag"] = pd.Series(flags, dtype=object)
    long["region_level"] = long["region_level"].astype("Int64")
    if all(isinstance(p, int) for p in period_values):
        long["period"] = long["period"].astype("int64")
    for dim, code in fixed.items():
        long[dim] = code

    name = source.removesuffix(".gz").removesuffix(".tsv")
    name = name.removeprefix("estat_").removeprefix("eurostat_")
    details = {
        "credit": EUROSTAT_CREDIT,
        "dimensions": dims,
        "time_dimension": time_name.strip(),
        "region_dim": region_dim,
        "industry_dim": industry_dim,
        "fixed_dimensions": fixed,
        "filters": {k: _as_list(v) for k, v in (filters or {}).items()},
        "periods": period_labels,
        "encoding": used,
    }
    provenance = Provenance(
        source=source, sha256=sha, table=table or name, reader="eurostat", details=details
    )
    return finish_panel(long, source=source, provenance=provenance)
