"""Periods, the reference nation, warnings and result frames of shift-share (private).

Shared by :func:`~clusterdialog.measures.shiftshare.shift_share` and
:func:`~clusterdialog.measures.shiftshare.dynamic_shift_share`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = [
    "check_nation",
    "endpoints",
    "nation_values",
    "result_frame",
    "row_keys",
    "warn_undefined",
]


def endpoints(panel: RegionalPanel, start, end) -> list[Hashable]:
    if not panel.has_periods:
        raise InputError("period: shift-share needs a panel with periods; pass period=<column>")
    periods = list(panel.periods)
    start = periods[0] if start is None else start
    end = periods[-1] if end is None else end
    for name, p in (("start", start), ("end", end)):
        if p not in periods:
            raise InputError(f"{name}: {p!r} is not a period of the data; periods are {periods}")
    i, j = periods.index(start), periods.index(end)
    if i >= j:
        raise InputError(f"start: {start!r} must come before end {end!r}; periods are {periods}")
    return periods[i : j + 1]


def nation_values(panel: RegionalPanel, reference, reference_value: str, periods) -> dict:
    """Nation's values by industry (aligned to the panel) for each needed period."""
    if reference is None:
        return {p: panel.matrix(p).sum(axis=0) for p in periods}
    key = "__reference_region__"
    if not isinstance(reference, pd.DataFrame):
        raise InputError(
            f"reference: expected a long DataFrame with columns {panel.industry_name!r}, "
            f"{panel.period_name!r}, {reference_value!r}; got {type(reference).__name__}"
        )
    clean = validate_panel(
        reference.assign(**{key: "nation"}), region=key, industry=panel.industry_name,
        value=reference_value, period=panel.period_name, argument="reference",
    )  # fmt: skip
    clean = clean[clean[panel.period_name].isin(periods)]
    wide = clean.pivot(index=panel.industry_name, columns=panel.period_name, values=reference_value)
    aligned = wide.reindex(index=panel.industries, columns=periods)
    if aligned.isna().to_numpy().any():
        gaps = aligned.isna().stack()
        missing = [f"({i!r}, {p!r})" for (i, p), bad in gaps.items() if bad][:5]
        raise InputError(
            f"reference: {int(gaps.sum())} (industry, period) value(s) needed for the panel "
            f"are missing or suppressed, e.g. {', '.join(missing)}"
        )
    extra = wide.index.difference(panel.industries)
    if len(extra):
        share = wide.loc[extra, periods[0]].sum() / wide[periods[0]].sum()
        warnings.warn(
            f"reference: {len(extra)} industries not in the data were ignored "
            f"({share:.1%} of the reference total in {periods[0]!r}), e.g. {list(extra[:5])}",
            DataQualityWarning,
            stacklevel=3,
        )
    return {p: aligned[p].to_numpy(dtype=float) for p in periods}


def check_nation(nation: dict, what: str) -> None:
    empty = [p for p, values in nation.items() if not values.sum() > 0]
    if empty:
        raise InputError(
            f"{what}: the nation's total is 0 in period(s) {empty}; growth rates are undefined"
        )


def warn_undefined(result: dict[str, np.ndarray], measure: str, method: str) -> None:
    national = "a national growth rate is undefined (national start value 0)"
    checks = [("regional_share", national)]
    if method == "gerfin":
        checks = [("net_total_shift", "the region's start value is 0"), *checks]
    if method == "esteban_marquillas":
        checks.append(
            ("competitive_effect", "a regional growth rate is undefined (regional start "
             "value 0, end value > 0); method='dunn' is defined for them")
        )  # fmt: skip
    flagged = np.zeros(next(iter(result.values())).shape, dtype=bool)
    for column, reason in checks:
        bad = np.isnan(result[column]) & ~flagged
        if bad.any():
            n, size = int(bad.sum()), bad.size
            warnings.warn(
                f"{measure}: {n} of {size} results ({n / size:.1%}) are NaN because {reason}",
                DataQualityWarning,
                stacklevel=3,
            )
        flagged |= bad


def result_frame(panel, keys_region, keys_industry, start, end, values) -> pd.DataFrame:
    frame = {panel.region_name: keys_region}
    if keys_industry is not None:
        frame[panel.industry_name] = keys_industry
    frame.update({"start": start, "end": end})
    frame.update(values)
    return pd.DataFrame(frame)


def row_keys(panel, by_industry):
    if by_industry:
        n_i = len(panel.industries)
        return (np.repeat(panel.regions.to_numpy(), n_i),
                np.tile(panel.industries.to_numpy(), len(panel.regions)))  # fmt: skip
    return panel.regions.to_numpy(), None
