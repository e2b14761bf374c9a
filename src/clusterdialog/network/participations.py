"""The participation table: which organisation takes part in which project (validated, long).

Every network of :mod:`clusterdialog.network` starts from one long table with a
row per organisation × project (or initiative, or event) and the canonical
columns ``organisation`` and ``project`` (id strings), and optionally ``type``
(actor type, e.g. the CORDIS codes PRC/HES/REC/PUB/OTH), ``role``, ``weight``
(e.g. the EC contribution), ``year`` and ``country``.  Nodes are organisations
only; persons are never modelled.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["OPTIONAL_COLUMNS", "participation_table"]

#: Optional columns of the canonical participation table, in output order.
OPTIONAL_COLUMNS = ("type", "role", "weight", "year", "country")


def _rows(mask: pd.Series | np.ndarray, index: pd.Index) -> str:
    """The first row labels where ``mask`` holds, for error messages."""
    labels = list(index[np.asarray(mask)][:5])
    return ", ".join(map(str, labels)) + (", …" if int(np.sum(mask)) > 5 else "")


def _ids(column: pd.Series, name: str) -> pd.Series:
    """Identifiers as strings; integral floats lose their ``.0``; missing ids raise."""
    missing = column.isna().to_numpy() | (column.astype(str).str.strip() == "").to_numpy()
    if missing.any():
        raise InputError(
            f"participations: column {column.name!r} ({name}) has {int(missing.sum())} missing "
            f"or empty id(s), in row(s) {_rows(missing, column.index)}"
        )
    if pd.api.types.is_float_dtype(column) and bool((column == np.floor(column)).all()):
        column = column.astype("int64")
    return column.astype(str).str.strip()


def _labels(column: pd.Series, name: str, n_rows: int, fill: str | None) -> pd.Series:
    """Labels as strings; missing ones become ``fill`` (with a warning if ``fill``)."""
    missing = column.isna().to_numpy()
    out = column.astype(object).where(~missing, None)
    out = out.map(lambda v: v if v is None else str(v).strip())
    if missing.any() and fill is not None:
        warnings.warn(
            f"participations: {int(missing.sum())} row(s) ({missing.mean():.1%} of {n_rows}) "
            f"have no {name} in column {column.name!r}; set to {fill!r}",
            DataQualityWarning,
            stacklevel=3,
        )
        out = out.where(~missing, fill)
    return out


def _weights(column: pd.Series, n_rows: int) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce")
    bad = values.isna() & column.notna()
    if bad.any():
        raise InputError(
            f"participations: column {column.name!r} (weight) must be numeric; row(s) "
            f"{_rows(bad, column.index)} hold {column[bad].iloc[0]!r}"
        )
    negative = (values < 0) | np.isinf(values)
    if negative.any():
        raise InputError(
            f"participations: column {column.name!r} (weight) must be finite and ≥ 0; row(s) "
            f"{_rows(negative, column.index)} hold {values[negative].iloc[0]!r}"
        )
    if values.isna().any():
        warnings.warn(
            f"participations: {int(values.isna().sum())} row(s) ({values.isna().mean():.1%} of "
            f"{n_rows}) have no weight in column {column.name!r}; counted as 0",
            DataQualityWarning,
            stacklevel=3,
        )
    return values.fillna(0.0).astype("float64")


def _years(column: pd.Series) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce")
    bad = (values.isna() & column.notna()) | (values.notna() & (values != np.floor(values)))
    if bad.any():
        raise InputError(
            f"participations: column {column.name!r} (year) must hold whole numbers; row(s) "
            f"{_rows(bad, column.index)} hold {column[bad].iloc[0]!r}"
        )
    return values.astype("Int64")


def _one_per(table: pd.DataFrame, key: str, column: str, rule: str) -> pd.DataFrame:
    """Make ``column`` constant within each ``key`` (most frequent value, or the earliest)."""
    values = table[[key, column]].dropna()
    if values.empty or not (values.groupby(key)[column].nunique() > 1).any():
        return table
    if rule == "min":
        chosen = values.groupby(key)[column].min()
    else:  # the most frequent value; ties go to the smallest value
        counts = values.value_counts([key, column]).rename("n").reset_index()
        counts = counts.sort_values([key, "n", column], ascending=[True, False, True])
        chosen = counts.drop_duplicates(key).set_index(key)[column]
    n_keys = int((values.groupby(key)[column].nunique() > 1).sum())
    warnings.warn(
        f"participations: {n_keys} {key}(s) ({n_keys / table[key].nunique():.1%}) have more "
        f"than one {column}; kept the {'earliest' if rule == 'min' else 'most frequent'}",
        DataQualityWarning,
        stacklevel=3,
    )
    table = table.copy()
    table[column] = table[key].map(chosen).astype(table[column].dtype)
    return table


def participation_table(
    df: pd.DataFrame,
    *,
    organisation: str = "organisation",
    project: str = "project",
    type: str | None = None,
    role: str | None = None,
    weight: str | None = None,
    year: str | None = None,
    country: str | None = None,
) -> pd.DataFrame:
    """Validate a participation list and return it under the canonical column names.

    One row per organisation × project: the incidence matrix :math:`B` of the
    bipartite collaboration graph, :math:`B_{op} = 1` if organisation *o* takes
    part in project *p*.

    Parameters
    ----------
    df : pandas.DataFrame
        The participations, one row per organisation and project.  Not modified.
    organisation, project : str
        Columns of the organisation and project ids (any dtype; turned into
        strings, integral floats without ``.0``).
    type, role, weight, year, country : str or None
        Optional columns: actor type (e.g. PRC/HES/REC/PUB/OTH), role
        (coordinator, participant, …), a non-negative weight (e.g. the EC
        contribution), the year (e.g. the project's start year) and the
        organisation's country.

    Returns
    -------
    pandas.DataFrame
        Columns ``organisation, project`` (str) and, for each optional column
        given, ``type`` (str), ``role`` (str), ``weight`` (float64), ``year``
        (Int64), ``country`` (str), in that order; a fresh index.

    Raises
    ------
    InputError
        If ``df`` is not a DataFrame, a named column is missing, an id is
        missing or empty, a weight is negative, infinite or not numeric, or a
        year is not a whole number (the message names the column and rows).

    Warns
    -----
    DataQualityWarning
        For repeated organisation × project pairs (merged: weights summed,
        the first role kept), missing types (set to ``"unknown"``), missing
        weights (counted as 0), organisations with more than one type (the most
        frequent kept) and projects with more than one year (the earliest
        kept), each with the number of rows or ids and their share.

    Notes
    -----
    The CORDIS participation file maps as ``organisation="pic",
    project="rcn", type="type", role="role", weight="contribution",
    year="start_year", country="country"`` (read it with
    ``keep_default_na=False`` so that Namibia, ``"NA"``, stays a country).

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"pic": [1, 2, 2, 3], "rcn": ["a", "a", "b", "b"],
    ...                     "kind": ["PRC", "HES", "HES", "PUB"]})
    >>> participation_table(raw, organisation="pic", project="rcn", type="kind")
      organisation project type
    0            1       a  PRC
    1            2       a  HES
    2            2       b  HES
    3            3       b  PUB
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(
            f"participations: expected a pandas DataFrame, got {df.__class__.__name__}"
        )
    named = {"organisation": organisation, "project": project, "type": type, "role": role}
    named |= {"weight": weight, "year": year, "country": country}
    for argument, column in named.items():
        if column is not None and column not in df.columns:
            raise InputError(
                f"{argument}: column {column!r} not in the participations; "
                f"columns are {list(map(str, df.columns))}"
            )
    n_rows = len(df)
    table = pd.DataFrame(
        {
            "organisation": _ids(df[organisation], "organisation").to_numpy(),
            "project": _ids(df[project], "project").to_numpy(),
        }
    )
    if type is not None:
        table["type"] = _labels(df[type], "type", n_rows, "unknown").to_numpy()
    if role is not None:
        table["role"] = _labels(df[role], "role", n_rows, None).to_numpy()
    if weight is not None:
        table["weight"] = _weights(df[weight], n_rows).to_numpy()
    if year is not None:
        table["year"] = _years(df[year]).array
    if country is not None:
        table["country"] = _labels(df[country], "country", n_rows, None).to_numpy()
    repeated = table.duplicated(["organisation", "project"])
    if repeated.any():
        warnings.warn(
            f"participations: {int(repeated.sum())} row(s) ({repeated.mean():.1%} of {n_rows}) "
            "repeat an organisation × project pair; merged (weights summed, first values kept)",
            DataQualityWarning,
            stacklevel=2,
        )
        rules = dict.fromkeys(table.columns[2:], "first") | ({"weight": "sum"} if weight else {})
        grouped = table.groupby(["organisation", "project"], sort=False, dropna=False)
        table = grouped.agg(rules).reset_index() if rules else table[~repeated]
        table = table.reset_index(drop=True)
    if type is not None:
        table = _one_per(table, "organisation", "type", "mode")
    if year is not None:
        table = _one_per(table, "project", "year", "min")
    return table
