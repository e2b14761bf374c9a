"""Validation of long regional tables (the public boundary of every measure).

Keys become strings (never losing leading zeros silently), values non-negative
floats with ``NaN`` for suppressed cells; anything else raises
:class:`~clusterdialog.errors.InputError` naming the rows and values.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["validate_panel"]

MAX_LISTED = 5


def describe_rows(frame: pd.DataFrame, mask: np.ndarray, columns: Sequence[str]) -> str:
    """Name up to five offending rows by index and key columns."""
    bad = frame.loc[mask, list(columns)].head(MAX_LISTED)
    parts = []
    for idx, row in bad.iterrows():
        keys = ", ".join(f"{c}={row[c]!r}" for c in columns)
        parts.append(f"row {idx} ({keys})")
    more = int(mask.sum()) - len(parts)
    text = "; ".join(parts)
    return text + (f"; and {more} more" if more > 0 else "")


def _key_to_str(series: pd.Series, column: str, argument: str) -> pd.Series:
    """Return a key column as strings, refusing what would lose information."""
    if series.isna().any():
        mask = series.isna().to_numpy()
        rows = ", ".join(str(i) for i in series.index[mask][:MAX_LISTED])
        raise InputError(
            f"{argument}: key column {column!r} has {int(mask.sum())} missing value(s) "
            f"(rows {rows}); every row needs a key"
        )
    if pd.api.types.is_bool_dtype(series):
        raise InputError(f"{argument}: key column {column!r} holds booleans; expected codes")
    if pd.api.types.is_float_dtype(series):
        values = series.to_numpy(dtype=float)
        if not np.all(np.isfinite(values)) or not np.all(values == np.round(values)):
            raise InputError(
                f"{argument}: key column {column!r} holds non-integral numbers "
                f"(e.g. {series.iloc[0]!r}); expected codes as strings"
            )
        series = series.astype("int64")
    if pd.api.types.is_integer_dtype(series):
        as_text = series.astype(str)
        lengths = as_text.str.lstrip("-").str.len()
        if lengths.nunique() > 1 and lengths.min() < lengths.max():
            warnings.warn(
                f"{argument}: key column {column!r} holds integers of {lengths.min()} to "
                f"{lengths.max()} digits; if the codes had leading zeros (Kreis 08111, "
                "WZ 01.11) they were lost when the file was read: read keys as strings",
                DataQualityWarning,
                stacklevel=4,
            )
        return as_text
    return series.astype(str)


def validate_panel(
    data: pd.DataFrame,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    flag: str | None = None,
    suppressed: str | None = None,
    argument: str = "data",
) -> pd.DataFrame:
    """Validate a long regional table and return a clean copy.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table, one row per region × industry (× period).
    region, industry, value : str
        Names of the key and value columns.
    period : str, optional
        Name of the period column, if the table has several periods.
    flag : str, optional
        Column of free-text quality flags (e.g. Eurostat ``e``, ``p``); kept.
    suppressed : str, optional
        Boolean column marking suppressed cells.  Cells whose value is
        missing are always treated as suppressed.
    argument : str
        Name of the argument, used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``region, industry[, period], value, suppressed[, flag]``
        under the caller's names (``suppressed`` is always named so).  Keys
        are strings; ``value`` is float64 with ``NaN`` where suppressed.

    Raises
    ------
    InputError
        If a key column is missing, a key is missing, a value is not numeric
        or negative, or a key combination appears twice.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["08111", "08111", "08115"],
    ...                    "industry": ["C", "F", "C"], "value": [10, None, 5]})
    >>> validate_panel(df)
      region industry  value  suppressed
    0  08111        C   10.0       False
    1  08111        F    NaN        True
    2  08115        C    5.0       False
    """
    if not isinstance(data, pd.DataFrame):
        raise InputError(
            f"{argument}: expected a pandas DataFrame (long table), got {type(data).__name__}"
        )
    keys = [region, industry] + ([period] if period is not None else [])
    wanted = keys + [value] + [c for c in (flag, suppressed) if c is not None]
    missing = [c for c in wanted if c not in data.columns]
    if missing:
        raise InputError(
            f"{argument}: missing column(s) {missing}; the table has columns "
            f"{list(map(str, data.columns))}"
        )
    out = pd.DataFrame(index=data.index)
    out[region] = _key_to_str(data[region], region, argument)
    out[industry] = _key_to_str(data[industry], industry, argument)
    if period is not None:
        if data[period].isna().any():
            mask = data[period].isna().to_numpy()
            raise InputError(
                f"{argument}: period column {period!r} has missing values: "
                + describe_rows(data, mask, [region, industry])
            )
        out[period] = data[period]

    raw = data[value]
    if pd.api.types.is_bool_dtype(raw):
        raise InputError(f"{argument}: value column {value!r} holds booleans; expected numbers")
    numbers = pd.to_numeric(raw, errors="coerce")
    not_numeric = (numbers.isna() & raw.notna()).to_numpy()
    if not_numeric.any():
        examples = ", ".join(repr(v) for v in raw[not_numeric].head(MAX_LISTED))
        raise InputError(
            f"{argument}: value column {value!r} has {int(not_numeric.sum())} non-numeric "
            f"value(s) ({examples}) at " + describe_rows(out, not_numeric, keys)
        )
    values = numbers.to_numpy(dtype="float64", na_value=np.nan)
    infinite = np.isinf(values)
    if infinite.any():
        raise InputError(
            f"{argument}: value column {value!r} has infinite value(s) at "
            + describe_rows(out, infinite, keys)
        )
    negative = values < 0
    if negative.any():
        raise InputError(
            f"{argument}: value column {value!r} must be non-negative; negative value(s) "
            f"{values[negative][:MAX_LISTED].tolist()} at " + describe_rows(out, negative, keys)
        )
    out[value] = values

    flagged = np.isnan(values)
    if suppressed is not None:
        col = data[suppressed]
        if not pd.api.types.is_bool_dtype(col):
            raise InputError(
                f"{argument}: suppressed column {suppressed!r} must be boolean, "
                f"got dtype {col.dtype}"
            )
        marked = col.fillna(False).to_numpy(dtype=bool)
        out.loc[marked, value] = np.nan
        flagged = flagged | marked
    out["suppressed"] = flagged
    if flag is not None:
        out[flag] = data[flag]

    duplicated = out.duplicated(subset=keys, keep=False).to_numpy()
    if duplicated.any():
        raise InputError(
            f"{argument}: {int(duplicated.sum())} rows share the same key "
            f"({', '.join(keys)}); each combination may appear once: "
            + describe_rows(out, duplicated, keys)
        )
    return out.reset_index(drop=True) if not data.index.is_unique else out
