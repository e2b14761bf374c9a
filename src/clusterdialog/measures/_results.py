"""Long-table results keyed on the panel's identifiers.

Every measure computes on the dense matrices of a
:class:`~clusterdialog.data.panel.RegionalPanel` and returns a long table
through one of these builders, so all results share one shape: the key
columns under the caller's names (``region``, ``industry``, ``period``),
then ``value`` (or named value columns).  Key columns are categoricals over
the string labels: they compare, group and write like strings and keep a
3-million-row result small.
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


def _with_period(frame: pd.DataFrame, panel: RegionalPanel, period) -> pd.DataFrame:
    if panel.period_name is not None:
        frame.insert(len(frame.columns) - _n_values(frame), panel.period_name, period)
    return frame


def _n_values(frame: pd.DataFrame) -> int:
    return int(frame.attrs.get("_n_values", 1))


def _frame(keys: dict[str, np.ndarray], values: dict[str, np.ndarray]) -> pd.DataFrame:
    frame = pd.DataFrame({**keys, **values})
    frame.attrs["_n_values"] = len(values)
    return frame


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out.attrs.pop("_n_values", None)
    return out


def _labels(index: pd.Index, codes: np.ndarray) -> pd.Categorical:
    """Key column as a categorical over the string labels (cheap for large outputs)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(index, dtype=object).astype(str))


def _as_values(result, name: str = "value") -> dict[str, np.ndarray]:
    if isinstance(result, dict):
        return {k: np.asarray(v) for k, v in result.items()}
    return {name: np.asarray(result)}


def per_period(panel: RegionalPanel, compute: Callable[[np.ndarray], object]) -> list[object]:
    """Apply ``compute`` to every period's matrix and return the list of results."""
    return [compute(m) for m in panel.matrices]


def _by_axis(
    panel: RegionalPanel, results: Sequence[object], index: pd.Index, name: str
) -> pd.DataFrame:
    codes = np.arange(len(index))
    frames = []
    for period, result in zip(panel.periods, results, strict=True):
        frame = _frame({name: _labels(index, codes)}, _as_values(result))
        frames.append(_with_period(frame, panel, period))
    return _concat(frames)


def by_region(
    panel: RegionalPanel, results: Sequence[object], *, regions: pd.Index | None = None
) -> pd.DataFrame:
    """Long table with one row per region (and period).

    ``results`` holds one array of length ``len(regions)`` per period, or a
    dict of such arrays for several value columns.
    """
    index = panel.regions if regions is None else regions
    return _by_axis(panel, results, index, panel.region_name)


def by_industry(
    panel: RegionalPanel, results: Sequence[object], *, industries: pd.Index | None = None
) -> pd.DataFrame:
    """Long table with one row per industry (and period)."""
    index = panel.industries if industries is None else industries
    return _by_axis(panel, results, index, panel.industry_name)


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
        panel.region_name: _labels(r_index, np.repeat(np.arange(n_r, dtype=np.int32), n_i)),
        panel.industry_name: _labels(i_index, np.tile(np.arange(n_i, dtype=np.int32), n_r)),
    }
    frames = []
    for period, result in zip(panel.periods, results, strict=True):
        values = {k: v.reshape(-1) for k, v in _as_values(result).items()}
        frame = _frame(dict(keys), values)
        frames.append(_with_period(frame, panel, period))
    return _concat(frames)


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
        f"{name}_i": _labels(index, np.repeat(np.arange(n, dtype=np.int32), n)),
        f"{name}_j": _labels(index, np.tile(np.arange(n, dtype=np.int32), n)),
    }
    frames = []
    for period, result in zip(panel.periods, results, strict=True):
        values = {k: v.reshape(-1) for k, v in _as_values(result).items()}
        frame = _frame(dict(keys), values)
        frames.append(_with_period(frame, panel, period))
    return _concat(frames)
