"""Strong clusters after the U.S. Cluster Mapping Project (CMP).

The CMP (Delgado, Porter & Stern 2016; clustermapping.us) measures a
cluster's specialisation with a location quotient whose denominator is the
region's employment in clusters *of the same type*: traded clusters against
traded employment, local against local.  It then flags a region's cluster by
comparing it with the same cluster in all regions of the same type (states
with states, counties with counties) that have employment in it:

=============  ==========================================================
``strong``     LQ ≥ 75th percentile and LQ ≥ 1, employment > 25th percentile,
               establishments > 25th percentile
``strong10``   the same with LQ ≥ 90th percentile
``significant``  LQ > median, employment and establishments > 25th percentiles
``qualifying`` LQ > 25th percentile, employment and establishments > 25th percentiles
=============  ==========================================================

The rules and the comparison operators are those of the CMP data pipeline
(``clustermapping/cmp``, ``data/processing/cluster_calcs_reducer.js`` and
``cluster_calcs_mapper.js`` @89a92aa, 2017).

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.identify.definitions import (
    CLUSTER_TYPES,
    ClusterDefinition,
    _pivot_columns,
    apply_definition,
)
from clusterdialog.identify.significance import (
    benjamini_hochberg_adjust,
    expected_employment_test_matrix,
)
from clusterdialog.identify.stars import _check_quantile, column_quantile
from clusterdialog.measures._results import by_cell
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = ["STRONG_CLUSTER_RULES", "strong_clusters", "strong_clusters_matrix"]

#: The CMP rules in words, for the report's methods section.
STRONG_CLUSTER_RULES: dict[str, str] = {
    "strong": "LQ >= 75th percentile and LQ >= 1; employment > 25th percentile; "
    "establishments > 25th percentile",
    "strong10": "LQ >= 90th percentile and LQ >= 1; employment > 25th percentile; "
    "establishments > 25th percentile",
    "significant": "LQ > 50th percentile; employment > 25th percentile; "
    "establishments > 25th percentile",
    "qualifying": "LQ > 25th percentile; employment > 25th percentile; "
    "establishments > 25th percentile",
    "source": "U.S. Cluster Mapping Project (Delgado, Porter & Stern 2016; clustermapping.us), "
    "percentiles over regions of the same type with employment in the cluster",
}


def _one_per_key(frame: pd.DataFrame, key: str, column: str, argument: str) -> dict[str, str]:
    """Map each key to its single value of ``column`` (an InputError if it has several)."""
    if column not in frame.columns:
        raise InputError(
            f"{argument}: column {column!r} not in the table; columns are {list(frame.columns)}"
        )
    pairs = frame[[key, column]].astype({key: str}).drop_duplicates()
    if pairs[column].isna().any():
        bad = pairs.loc[pairs[column].isna(), key].tolist()[:5]
        raise InputError(f"{argument}: column {column!r} is empty for {key} {bad}")
    several = pairs[key].duplicated(keep=False)
    if several.any():
        raise InputError(
            f"{argument}: {key} {sorted(set(pairs.loc[several, key]))[:5]} have several values "
            f"in {column!r}; expected one per {key}"
        )
    return dict(zip(pairs[key], pairs[column].astype(str), strict=True))


def _percentile_rank(values: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Percentile (0–100) of each eligible value within its column: 100·(rank_max − 1)/(n − 1).

    ``x ≥ quantile(q)`` (linear interpolation) exactly when its percentile ≥ 100·q.
    """
    eligible = eligible & ~np.isnan(values)
    order = np.argsort(np.where(eligible, values, np.nan), axis=0)  # NaN last
    ordered = np.take_along_axis(values, order, axis=0)
    n = eligible.sum(axis=0)
    position = np.arange(values.shape[0])[:, None]
    # rank_max: 1 + position of the last equal value (ties share the highest rank)
    last = np.ones(values.shape, dtype=bool)
    last[:-1] = ordered[:-1] != ordered[1:]
    last |= position == n - 1
    ends = np.where(last, position, values.shape[0])
    rank_max = np.minimum.accumulate(ends[::-1], axis=0)[::-1] + 1
    ranks = np.empty(values.shape)
    np.put_along_axis(ranks, order, rank_max, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(n > 1, 100 * (ranks - 1) / (n - 1), 100.0)
    return np.where(eligible, pct, np.nan)


def strong_clusters_matrix(
    employment: np.ndarray,
    establishments: np.ndarray,
    *,
    cluster_types: np.ndarray | None = None,
    region_groups: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Kernel of :func:`strong_clusters` on ``regions × clusters`` matrices.

    ``cluster_types`` labels the columns (LQ denominators per type),
    ``region_groups`` the rows (percentiles and reference totals per group).
    Returns a dict of matrices in the column order of :func:`strong_clusters`.
    """
    x = np.asarray(employment, dtype=float)
    est = np.asarray(establishments, dtype=float)
    n_r, n_c = x.shape
    col_types = np.zeros(n_c, int) if cluster_types is None else pd.factorize(cluster_types)[0]
    row_groups = np.zeros(n_r, int) if region_groups is None else pd.factorize(region_groups)[0]
    # every row is in one group and every column of one type: each cell is written once
    out = {k: np.empty(x.shape) for k in ("lq", "lq_percentile", "p_value")}
    flags = ("strong", "strong10", "significant", "qualifying")
    out.update({k: np.empty(x.shape, dtype=bool) for k in flags})
    for g in np.unique(row_groups):
        rows = np.flatnonzero(row_groups == g)
        for t in np.unique(col_types):
            cols = np.flatnonzero(col_types == t)
            sub = x[np.ix_(rows, cols)]
            out["lq"][np.ix_(rows, cols)] = location_quotient_matrix(sub)
            out["p_value"][np.ix_(rows, cols)] = expected_employment_test_matrix(sub)["p_value"]
        xs, es, lq = x[rows], est[rows], out["lq"][rows]
        present = (xs > 0) & np.isfinite(lq)
        size_ok = present & (xs > column_quantile(xs, present, 0.25))
        size_ok &= es > column_quantile(es, present, 0.25)
        levels = (0.25, 0.5, 0.75, 0.9)
        quantile = dict(zip(levels, column_quantile(lq, present, levels), strict=True))
        out["lq_percentile"][rows] = _percentile_rank(lq, present)
        out["strong"][rows] = size_ok & (lq >= quantile[0.75]) & (lq >= 1)
        out["strong10"][rows] = size_ok & (lq >= quantile[0.9]) & (lq >= 1)
        out["significant"][rows] = size_ok & (lq > quantile[0.5])
        out["qualifying"][rows] = size_ok & (lq > quantile[0.25])
    keys = ("lq", "lq_percentile", *flags, "p_value")
    return {"employment": x, "establishments": est, **{k: out[k] for k in keys}}


def strong_clusters(
    data: pd.DataFrame,
    *,
    region: str = "region",
    cluster: str = "cluster",
    value: str = "value",
    establishments: str = "establishments",
    cluster_type: str | None = None,
    region_type: str | None = None,
    period: str | None = None,
    suppressed: str = "error",
    alpha: float = 0.05,
    definition: ClusterDefinition | None = None,
    industry: str = "industry",
    unmapped: str = "warn",
) -> pd.DataFrame:
    r"""Strong clusters and their variants after the U.S. Cluster Mapping Project.

    .. math:: LQ_{rc} = \frac{x_{rc} / T_r^{\tau(c)}}{X_c / T^{\tau(c)}}

    with :math:`\tau(c)` the type of cluster c (traded or local),
    :math:`T_r^{\tau}` the region's employment in clusters of that type and
    :math:`T^{\tau}`, :math:`X_c` the totals over all regions of the region's
    type.  Then, with :math:`P_q` the q-th percentile over the regions of the
    same type with :math:`x_{rc} > 0`:

    .. math::

        \text{strong}_{rc} = [LQ_{rc} \ge P_{75}(LQ)] \wedge [LQ_{rc} \ge 1]
            \wedge [x_{rc} > P_{25}(x)] \wedge [n_{rc} > P_{25}(n)]

    (``strong10``: :math:`P_{90}`; ``significant``: :math:`LQ > P_{50}`
    without the LQ ≥ 1 condition; ``qualifying``: :math:`LQ > P_{25}`),
    n the establishments.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table by region × cluster (× period) with employment and
        establishments; or by region × industry with ``definition``.
    region, cluster, value, establishments, period : str
        Column names: keys, employment, number of establishments.
    cluster_type : str, optional
        Column with ``traded`` or ``local`` per cluster: LQs against the
        region's traded or local employment.  Without it, against all employment.
    region_type : str, optional
        Column with the region's type (e.g. ``state``, ``county``): percentiles
        and reference totals over regions of the same type.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for cells with missing employment or establishments.
    alpha : float
        False discovery rate of ``above_expected``.
    definition : ClusterDefinition, optional
        Aggregate an industry table (column ``industry``) to clusters first;
        the cluster types then come from the definition.
    industry : str
        With ``definition``: the column of industry codes.
    unmapped : {"warn", "error"}
        With ``definition``: what to do with industries it does not cover.

    Returns
    -------
    pandas.DataFrame
        One row per region × cluster (× period): ``employment``,
        ``establishments``, ``lq``, ``lq_percentile`` (0–100 among the
        comparison regions, ``NaN`` outside them), ``strong``, ``strong10``,
        ``significant``, ``qualifying`` (CMP rules), ``p_value``, ``q_value``,
        ``above_expected`` (binomial test of more employment than expected
        with the same denominators, Benjamini–Hochberg at ``alpha``), then
        ``cluster_type``, ``region_type``, ``cluster_name`` when known.

    Raises
    ------
    InputError
        For a missing column, a cluster with two types, a type other than
        ``traded``/``local``, a region with two types, or bad values.

    Notes
    -----
    ``significant`` is CMP's name for a rule on LQ, size and establishments,
    not a statistical test; ``above_expected`` is the test.  CMP flags only
    traded clusters (local clusters serve local demand and are spread with
    population); here all clusters are flagged, so filter on
    ``cluster_type == "traded"`` to reproduce CMP.  CMP's reference totals are
    those of the United States; here they are the sums over the panel's
    regions of each type, the same for a panel of all states or counties.
    CMP stores an undefined LQ as 0; here it is ``NaN``.  Percentiles use
    linear interpolation (d3 ``quantile``, numpy's default).

    References
    ----------
    .. [1] Delgado, M., Porter, M. E. & Stern, S. (2016). Defining clusters of
       related industries. *Journal of Economic Geography* 16(1), 1–38.
       doi:10.1093/jeg/lbv017
    .. [2] U.S. Cluster Mapping Project, Institute for Strategy and
       Competitiveness, Harvard Business School: clustermapping.us; data
       pipeline ``github.com/clustermapping/cmp``,
       ``data/processing/cluster_calcs_reducer.js`` (commit 89a92aa, 2017).
    .. [3] Porter, M. E. (2003). The economic performance of regions.
       *Regional Studies* 37(6–7), 549–578. doi:10.1080/0034340032000108688

    Examples
    --------
    Four regions, two traded clusters and one local cluster; every region has
    100 traded employees, cluster 1 has 30 % of traded employment overall:

    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "region": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"] * 3,
    ...     "cluster": ["1", "2", "101"] * 4,
    ...     "cluster_type": ["traded", "traded", "local"] * 4,
    ...     "value": [60, 40, 100, 10, 90, 100, 30, 70, 100, 20, 80, 100],
    ...     "establishments": [8, 5, 30, 2, 9, 30, 6, 7, 30, 3, 8, 30]})
    >>> res = strong_clusters(df, cluster_type="cluster_type")
    >>> cols = ["region", "lq", "lq_percentile", "strong", "strong10", "significant", "qualifying"]
    >>> res[res["cluster"] == "1"][cols].round(2)
      region    lq  lq_percentile  strong  strong10  significant  qualifying
    0      A  2.00         100.00    True      True         True        True
    3      B  0.33           0.00   False     False        False       False
    6      C  1.00          66.67   False     False         True        True
    9      D  0.67          33.33   False     False        False        True

    The LQ percentiles 25/50/75/90 are 0.58, 0.83, 1.25 and 1.7, the 25th
    percentiles of employment and establishments 17.5 and 2.75: B is too
    small, C is above the median but below the 75th percentile.
    """
    if not isinstance(data, pd.DataFrame):
        raise InputError(
            f"data: expected a long DataFrame with employment and establishments, "
            f"got {type(data).__name__}"
        )
    alpha = _check_quantile("alpha", alpha)
    region_types = None
    if region_type is not None:
        region_types = _one_per_key(data, region, region_type, "region_type")
    if definition is not None:
        if cluster_type is not None:
            raise InputError(
                "cluster_type: with a definition the cluster types come from the definition; "
                f"got cluster_type={cluster_type!r} as well"
            )
        data = apply_definition(
            data, definition, region=region, industry=industry, value=value, period=period,
            suppressed=suppressed, extra_values=[establishments], cluster=cluster,
            unmapped=unmapped,
        )  # fmt: skip
        suppressed = "error"  # resolved at industry level
        types = dict(definition.types) if definition.types else None
    else:
        types = None if cluster_type is None else _one_per_key(data, cluster, cluster_type,
                                                                "cluster_type")  # fmt: skip
    panel, extras = _pivot_columns(
        data, [value, establishments], region=region, industry=cluster, period=period,
        suppressed=suppressed, measure="strong_clusters",
    )  # fmt: skip
    col_types = None
    if types is not None:
        col_types = panel.industries.to_series().map(types)
        bad = col_types[~col_types.isin(CLUSTER_TYPES)]
        if len(bad):
            raise InputError(
                f"cluster_type: expected {list(CLUSTER_TYPES)} for every cluster, got "
                f"{dict(list(bad.items())[:5])}"
            )
        col_types = col_types.to_numpy()
    row_groups = None if region_types is None else panel.regions.map(region_types).to_numpy()
    results = []
    for t, m in enumerate(panel.matrices):
        out = strong_clusters_matrix(
            m, extras[establishments][t], cluster_types=col_types, region_groups=row_groups
        )
        q = benjamini_hochberg_adjust(out["p_value"].ravel()).reshape(m.shape)
        out.update({"q_value": q, "above_expected": q <= alpha})
        results.append(out)
    result = by_cell(panel, results)
    if types is not None:
        result["cluster_type"] = result[cluster].map(types).astype(object)
    if region_types is not None:
        result["region_type"] = result[region].map(region_types).astype(object)
    if definition is not None and definition.names:
        result["cluster_name"] = result[cluster].map(definition.names).astype(object)
    return result
