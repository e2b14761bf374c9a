"""Long-table results keyed on the panel's identifiers.

Every measure computes on the dense matrices of a
:class:`~clusterdialog.data.panel.RegionalPanel` and returns a long table
through one of these builders, so all results share one shape: the key
columns under the caller's names (``region``, ``industry``, ``period``),
then ``value`` (or named value columns).  Key columns are categoricals over
the string labels (the period over the panel's periods): they compare, group
and write like strings and keep a 3-million-row result small.  A table of
several periods is built at once, not concatenated from per-period tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel

__all__ = [
    "by_cell",
    "by_industry",
    "by_industry_pair",
    "by_region",
    "per_period",
]


def _labels(index: pd.Index, codes: np.ndarray) -> pd.Categorical:
    """Key column as a categorical over the string labels (cheap for large outputs)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(index, dtype=object).astype(str))


def _codes(n: int) -> np.ndarray:
    """Category codes 0..n-1 in the dtype pandas keeps them in (no copy when wrapped)."""
    dtype = np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32
    return np.arange(n, dtype=dtype)


def _as_values(result, name: str = "value") -> dict[str, np.ndarray]:
    if isinstance(result, dict):
        return {k: np.asarray(v) for k, v in result.items()}
    return {name: np.asarray(result)}


def _table(
    panel: RegionalPanel,
    keys: dict[str, tuple[pd.Index, np.ndarray]],
    results: Sequence[object],
) -> pd.DataFrame:
    """One long table for all periods: keys (labels, codes of one period), then values."""
    n_periods = len(panel.periods)
    per_period = [_as_values(r) for r in results]
    if len(per_period) != n_periods:
        raise ValueError(f"{len(per_period)} results for {n_periods} periods")
    columns: dict[str, object] = {}
    n_rows = 0
    for name, (index, codes) in keys.items():
        n_rows = len(codes)
        columns[name] = _labels(index, np.tile(codes, n_periods) if n_periods > 1 else codes)
    if panel.period_name is not None:
        period_codes = np.repeat(_codes(n_periods), n_rows)
        columns[panel.period_name] = pd.Categorical.from_codes(
            period_codes, categories=pd.Index(list(panel.periods))
        )
    for name in per_period[0]:
        parts = [values[name].reshape(-1) for values in per_period]
        columns[name] = parts[0] if n_periods == 1 else np.concatenate(parts)
    return pd.DataFrame(columns, copy=False)


def per_period(panel: RegionalPanel, compute: Callable[[np.ndarray], object]) -> list[object]:
    """Apply ``compute`` to every period's matrix and return the list of results."""
    return [compute(m) for m in panel.matrices]


def by_region(
    panel: RegionalPanel, results: Sequence[object], *, regions: pd.Index | None = None
) -> pd.DataFrame:
    """Long table with one row per region (and period).

    ``results`` holds one array of length ``len(regions)`` per period, or a
    dict of such arrays for several value columns.
    """
    index = panel.regions if regions is None else regions
    return _table(panel, {panel.region_name: (index, _codes(len(index)))}, results)


def by_industry(
    panel: RegionalPanel, results: Sequence[object], *, industries: pd.Index | None = None
) -> pd.DataFrame:
    """Long table with one row per industry (and period)."""
    index = panel.industries if industries is None else industries
    return _table(panel, {panel.industry_name: (index, _codes(len(index)))}, results)


def by_cell(
    panel: RegionalPanel,
    results: Sequence[object],
    *,
    regions: pd.Index | None = None,
    industries: pd.Index | None = None,
) -> pd.DataFrame:
    """Long table with one row per region × industry (and period).

    Each result is a ``regions × industries`` matrix (or a dict of them).
    """
    r_index = panel.regions if regions is None else regions
    i_index = panel.industries if industries is None else industries
    n_r, n_i = len(r_index), len(i_index)
    keys = {
        panel.region_name: (r_index, np.repeat(_codes(n_r), n_i)),
        panel.industry_name: (i_index, np.tile(_codes(n_i), n_r)),
    }
    return _table(panel, keys, results)


def by_industry_pair(
    panel: RegionalPanel, results: Sequence[object], *, industries: pd.Index | None = None
) -> pd.DataFrame:
    """Long table with one row per ordered industry pair (and period).

    Key columns are ``<industry>_i`` and ``<industry>_j`` (e.g.
    ``industry_i``, ``industry_j``) for the entry φ_ij of an
    ``industries × industries`` matrix.
    """
    index = panel.industries if industries is None else industries
    n = len(index)
    name = panel.industry_name
    keys = {
        f"{name}_i": (index, np.repeat(_codes(n), n)),
        f"{name}_j": (index, np.tile(_codes(n), n)),
    }
    return _table(panel, keys, results)
