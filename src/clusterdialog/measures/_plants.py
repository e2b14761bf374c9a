"""Plant-level input of the dartboard indices: validation and aggregation (private).

Shared by :mod:`.agglomeration` and :mod:`.coagglomeration`: one row per
plant (firm, establishment) with its industry, region and employment,
aggregated to a ``regions × industries`` employment matrix, the region
shares x_j and every industry's plant Herfindahl H.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.measures._checks import as_mapping

__all__ = ["plant_data"]


def _keys(series: pd.Series, argument: str) -> pd.Series:
    if series.isna().any():
        rows = list(series.index[series.isna().to_numpy()][:5])
        raise InputError(f"{argument}: key column {series.name!r} has missing values (rows {rows})")
    return series.astype(str)


def _numbers(series: pd.Series, argument: str) -> np.ndarray:
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values) | (values < 0)
    if pd.api.types.is_bool_dtype(series) or bad.any():
        rows = list(series.index[bad][:5])
        raise InputError(
            f"{argument}: column {series.name!r} must hold finite non-negative numbers; "
            f"{int(bad.sum())} value(s) are not (rows {rows})"
        )
    return values


def plant_data(firms, industry, region, employment, region_employment) -> dict:
    """Validated plant data: codes, labels, employment and region shares x_j."""
    if not isinstance(firms, pd.DataFrame):
        raise InputError(
            f"firms: expected a DataFrame (one row per firm), got {type(firms).__name__}"
        )
    wanted = [industry, region, employment]
    if isinstance(region_employment, str):
        wanted.append(region_employment)
    missing = [c for c in wanted if c not in firms.columns]
    if missing:
        raise InputError(f"firms: missing column(s) {missing}; the table has {list(firms.columns)}")
    ind_codes, industries = pd.factorize(_keys(firms[industry], "firms"), sort=True)
    regions_of_firms = _keys(firms[region], "firms")
    emp = _numbers(firms[employment], "firms")
    if region_employment is None:
        reg_codes, regions = pd.factorize(regions_of_firms, sort=True)
        weights = np.bincount(reg_codes, weights=emp, minlength=len(regions))
    elif isinstance(region_employment, str):
        reg_codes, regions = pd.factorize(regions_of_firms, sort=True)
        column = _numbers(firms[region_employment], "firms")
        per_region = pd.Series(column).groupby(reg_codes)
        if (per_region.nunique() > 1).any():
            bad = list(regions[(per_region.nunique() > 1).to_numpy()][:5])
            raise InputError(
                f"region_employment: column {region_employment!r} differs within region(s) {bad}; "
                "expected one total per region"
            )
        weights = per_region.first().to_numpy(dtype=float)
    else:
        lookup = as_mapping(region_employment, "region_employment")
        regions = pd.Index(sorted(lookup))
        reg_codes = regions.get_indexer(regions_of_firms)
        if (reg_codes < 0).any():
            absent = sorted(set(regions_of_firms[reg_codes < 0]))[:5]
            raise InputError(f"region_employment: no total for region(s) {absent} of the firms")
        weights = _numbers(
            pd.Series([lookup[r] for r in regions], name="value"), "region_employment"
        )
    if not weights.sum() > 0:
        raise InputError("region_employment: the regional totals sum to 0")
    n_i, n_r = len(industries), len(regions)
    e = np.bincount(reg_codes * n_i + ind_codes, weights=emp, minlength=n_r * n_i).reshape(n_r, n_i)
    total = e.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        h = np.bincount(ind_codes, weights=emp**2, minlength=n_i) / total**2
        z4 = np.bincount(ind_codes, weights=emp**4, minlength=n_i) / total**4
    return {
        "e": e,
        "x": weights / weights.sum(),
        "h": h,
        "z4": z4,
        "n": np.bincount(ind_codes, minlength=n_i),
        "industries": pd.Index(industries, name=industry),
    }
