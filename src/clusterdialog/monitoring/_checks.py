"""Argument checks shared by the monitoring modules (private)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError

__all__ = ["check_count", "numeric_column", "require_columns", "shown"]


def require_columns(frame: object, argument: str, columns: Iterable[str]) -> pd.DataFrame:
    """The frame if it is a DataFrame with ``columns``, else an InputError."""
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{argument}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{argument}: missing column(s) {missing}; the columns are {list(frame.columns)}"
        )
    return frame


def numeric_column(frame: pd.DataFrame, column: str, argument: str) -> np.ndarray:
    """Column as float64 (None/NaN stay NaN); an InputError naming the bad rows otherwise."""
    series = frame[column]
    try:
        return pd.to_numeric(series).to_numpy(dtype=float)
    except (TypeError, ValueError):
        converted = pd.to_numeric(series, errors="coerce")
        bad = series[converted.isna() & series.notna()]
        raise InputError(
            f"{argument}: column {column!r} must be numeric; {len(bad)} row(s) are not, e.g. "
            f"row {shown(bad.index[0])}: {shown(bad.iloc[0])}"
        ) from None


def check_count(argument: str, value: object, *, minimum: int = 1) -> int:
    """An integer >= minimum, or an InputError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise InputError(f"{argument}: expected an integer >= {minimum}, got {value!r}")
    return int(value)


def shown(value: object) -> str:
    """``repr`` of a value for a message, numpy scalars as plain Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value)
