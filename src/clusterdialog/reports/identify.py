"""The results behind ``clusterdialog identify``: one call from a panel to all tables.

:func:`identify_results` takes a long table (region × industry or cluster ×
optional period), applies the suppression policy and the cluster definition
once, calls the identification functions of :mod:`clusterdialog.identify`
on all regions (the reference area), and keeps the rows of the regions in
focus.  It also collects everything the data-quality section must say:
suppressed cells, region keys without geometry, industries missing from the
definition, gaps in the periods.  Nothing is dropped silently.

Without establishments the strong-cluster rule cannot be evaluated; the
table then holds the criteria that can (see
:func:`clusterdialog.identify.strong_criteria.strong_cluster_criteria`) and the report says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.identify.strong_criteria import strong_cluster_criteria

__all__ = ["IdentifyResults", "identify_results"]

_SHOWN = 12


@dataclass
class IdentifyResults:
    """Tables and facts of one identification run (rows of the regions in focus)."""

    tables: dict[str, pd.DataFrame]
    periods: list
    latest: Hashable | None
    regions_all: list[str]
    focus: str | None
    focus_regions: list[str]
    clusters: list[str]
    region_names: dict[str, str]
    cluster_names: dict[str, str]
    suppressed: dict[str, object]
    quality: dict[str, object]
    thresholds: dict[str, object]
    strong_complete: bool
    spatial: list[dict[str, object]] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    portfolio_x: str = "nation_growth"


def _listing(keys, names: Mapping[str, str] | None = None) -> str:
    keys = list(keys)
    shown = [f"{k} {names[k]}" if names and k in names else str(k) for k in keys[:_SHOWN]]
    more = len(keys) - len(shown)
    return ", ".join(shown) + (f" … (+{more})" if more > 0 else "")


def _resolve_suppressed(data: pd.DataFrame, period: str | None, policy: str) -> tuple:
    """Apply the policy once (warning once); return the clean table and a summary."""
    panel = RegionalPanel.from_long(
        data, period=period, suppressed="suppressed" if "suppressed" in data else None
    )
    mask = panel.suppressed_mask()
    summary = {"cells": int(mask.sum()), "share": float(mask.mean()), "policy": policy}
    resolved = panel.resolve_suppressed(policy, measure="identify")
    keep = data["region"].isin(resolved.regions) & data["industry"].isin(resolved.industries)
    clean = data.loc[keep].copy()
    clean["value"] = clean["value"].fillna(0.0)
    return clean.drop(columns=["suppressed"], errors="ignore"), summary


def _period_gaps(data: pd.DataFrame, period: str | None) -> dict[str, list]:
    if period is None:
        return {"missing_periods": [], "partial_regions": []}
    periods = sorted(data[period].unique().tolist())
    missing: list = []
    if all(isinstance(p, int | np.integer) for p in periods) and len(periods) > 1:
        missing = sorted(set(range(int(periods[0]), int(periods[-1]) + 1)) - set(periods))
    present = data[data["value"].fillna(1) > 0].groupby("region")[period].nunique()
    partial = present.index[present < len(periods)].tolist()
    return {"missing_periods": missing, "partial_regions": sorted(partial)}


def _apply_definition(data, definition, period, extras, quality):
    from clusterdialog.identify.definitions import apply_definition

    out = apply_definition(
        data,
        definition,
        period=period,
        extra_values=[c for c in extras if c in data],
        cluster="cluster",
        unmapped="warn",
    )
    coverage = out.attrs.get("definition_coverage", {})
    quality["unmapped_industries"] = list(coverage.get("unmapped", []))
    quality["unmapped_share"] = float(coverage.get("unmapped_share", 0.0))
    return out


def _focus_regions(regions: list[str], focus: str | None) -> list[str]:
    if focus is None:
        return regions
    chosen = [r for r in regions if r.startswith(focus)]
    if not chosen:
        raise InputError(
            f"--focus: no region key starts with {focus!r}; keys look like {regions[:3]}"
        )
    return chosen


def identify_results(
    data: pd.DataFrame,
    *,
    period: str | None = None,
    suppressed: str = "error",
    establishments: str | None = None,
    wages: str | None = None,
    cluster_type: str | None = None,
    definition=None,
    geometry=None,
    focus: str | None = None,
    region_names: Mapping[str, str] | None = None,
    cluster_names: Mapping[str, str] | None = None,
    alpha: float = 0.05,
) -> IdentifyResults:
    """Compute every table of the identification report.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table with the columns ``region``, ``industry``, ``value`` and
        optionally ``period`` (named by ``period``), ``suppressed`` and the
        columns named by ``establishments``, ``wages``, ``cluster_type``.
    period : str, optional
        Name of the period column.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells, applied once at industry level.
    establishments, wages, cluster_type : str, optional
        Columns with establishments, annual wages (payroll), and cluster type
        (``traded``/``local``) per row.
    definition : ClusterDefinition, optional
        Industry → cluster definition; without it each industry is a cluster.
    geometry : geopandas.GeoDataFrame, optional
        Region geometries with a ``region`` key column.
    focus : str, optional
        Key prefix of the regions the report is about (e.g. ``"08"``); all
        regions remain the reference area.
    region_names, cluster_names : mapping, optional
        Labels for keys.
    alpha : float
        False discovery rate of the significance flags.

    Returns
    -------
    IdentifyResults

    Raises
    ------
    InputError
        For bad input, a focus that matches no region, or suppressed cells
        with ``suppressed="error"``.
    """
    quality: dict[str, object] = {}
    for name, column in (
        ("establishments", establishments),
        ("wages", wages),
        ("cluster_type", cluster_type),
    ):
        if column is not None and column not in data.columns:
            raise InputError(f"{name}: column {column!r} is not in the data")
    quality.update(_period_gaps(data, period))
    clean, suppressed_summary = _resolve_suppressed(data, period, suppressed)
    extras = [c for c in (establishments, wages) if c is not None]
    names = dict(cluster_names or {})
    credits: list[str] = []
    if definition is not None:
        clean = _apply_definition(clean, definition, period, extras, quality)
        names.update(getattr(definition, "names", {}) or {})
        if getattr(definition, "credit", None):
            credits.append(definition.credit)
        if getattr(definition, "types", None) and cluster_type is None:
            clean["cluster_type"] = clean["cluster"].map(dict(definition.types))
            cluster_type = "cluster_type" if clean["cluster_type"].notna().all() else None
    else:
        clean = clean.rename(columns={"industry": "cluster"})
        quality["unmapped_industries"] = []
    clean["region"] = clean["region"].astype(str)
    clean["cluster"] = clean["cluster"].astype(str)
    periods = sorted(clean[period].unique().tolist()) if period is not None else [None]
    latest = periods[-1]
    now = clean[clean[period] == latest].drop(columns=[period]) if period else clean
    regions_all = sorted(now["region"].unique().tolist())
    chosen = _focus_regions(regions_all, focus)
    keep = set(chosen)
    tables: dict[str, pd.DataFrame] = {}
    # -- stars ------------------------------------------------------------------------
    from clusterdialog.identify.stars import DEFAULT_STAR_THRESHOLDS, star_rating

    stars_all = star_rating(
        now, region="region", industry="cluster", value="value", wages=wages, alpha=alpha
    )
    tables["stars"] = _sorted(stars_all[stars_all["region"].isin(keep)], ["stars", "lq"])

    # -- strong clusters -------------------------------------------------------------
    strong_complete = establishments is not None
    if strong_complete:
        from clusterdialog.identify.strong import strong_clusters

        strong = strong_clusters(
            now,
            region="region",
            cluster="cluster",
            value="value",
            establishments=establishments,
            cluster_type=cluster_type,
            alpha=alpha,
        )
    else:
        strong = strong_cluster_criteria(now, cluster_type=cluster_type)
    tables["strong_clusters"] = _sorted(strong[strong["region"].isin(keep)], ["lq"])

    # -- dynamics and portfolio ------------------------------------------------------
    if period is not None and len(periods) >= 2:
        from clusterdialog.identify.dynamics import portfolio

        dyn = portfolio(
            clean[["region", "cluster", period, "value"]],
            region="region",
            industry="cluster",
            value="value",
            period=period,
        )
        tables["dynamics"] = dyn[dyn["region"].isin(keep)].reset_index(drop=True)

    # -- opportunities and intersections --------------------------------------------
    from clusterdialog.identify.opportunities import intersections, opportunities

    labels = {"names": names or None, "region_names": dict(region_names or {}) or None}
    cells = now[["region", "cluster", "value"]]
    tables["opportunities"] = opportunities(cells, industry="cluster", regions=chosen, **labels)
    tables["intersections"] = intersections(cells, industry="cluster", regions=chosen, **labels)

    # -- geometry and spatial --------------------------------------------------------
    spatial: list[dict[str, object]] = []
    if geometry is not None:
        from clusterdialog.identify.spatial import match_regions

        match = match_regions(clean["region"].unique(), geometry["region"])
        quality["keys_without_geometry"] = _keys_where(match, "no geometry")
        quality["geometry_without_data"] = _keys_where(match, "no data")
        spatial = _hot_spots(stars_all, geometry, keep)
        groups = _intermunicipal(now, geometry, chosen)
        if groups is not None:
            tables["intermunicipal"] = groups
    return IdentifyResults(
        tables=tables,
        periods=[p for p in periods if p is not None],
        latest=latest,
        regions_all=regions_all,
        focus=focus,
        focus_regions=chosen,
        clusters=sorted(now["cluster"].unique().tolist()),
        region_names=dict(region_names or {}),
        cluster_names=names,
        suppressed=suppressed_summary,
        quality=quality,
        thresholds=dict(DEFAULT_STAR_THRESHOLDS),
        strong_complete=strong_complete,
        spatial=spatial,
        credits=credits,
    )


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, ascending=False, kind="mergesort").reset_index(drop=True)


def _keys_where(match: pd.DataFrame, problem: str) -> list[str]:
    """Keys of one problem of :func:`match_regions` (``"no geometry"`` or ``"no data"``)."""
    rows = match[match["problem"] == problem]
    hints = rows["hint"].fillna("").astype(str) if "hint" in rows else pd.Series("", rows.index)
    return [
        f"{key} ({hint})" if hint else str(key)
        for key, hint in zip(rows["region"].astype(str), hints, strict=True)
    ]


#: Thresholds of the inter-municipal candidates: together specialised (LQ ≥ 1.25, a usual
#: bar of German cluster studies, below the specialisation star's 2) and large (the size
#: star's top decile of the industry's employment across regions).
INTERMUNICIPAL_LQ = 1.25


def _intermunicipal(now: pd.DataFrame, geometry, chosen: list[str]) -> pd.DataFrame | None:
    """Contiguous groups of focus regions that together qualify though no member does."""
    from clusterdialog.identify import contiguity_weights, intermunicipal_candidates

    present = geometry[geometry["region"].isin(set(now["region"]))]
    members = sorted(set(chosen) & set(present["region"]))
    if len(members) < 2:
        return None
    weights = contiguity_weights(present, key="region")
    cells = now.loc[now["region"].isin(set(present["region"])), ["region", "cluster", "value"]]
    return intermunicipal_candidates(
        cells, weights, industry="cluster", regions=members, lq_threshold=INTERMUNICIPAL_LQ
    )


def _hot_spots(stars: pd.DataFrame, geometry, keep: set[str]) -> list:
    """Moran's I and the high–high LISA regions (in focus) of each cluster's LQ."""
    from clusterdialog.identify import contiguity_weights, local_moran, moran

    present = geometry[geometry["region"].isin(set(stars["region"]))]
    values = stars.loc[stars["region"].isin(set(present["region"])), ["region", "cluster", "lq"]]
    values = values.dropna(subset=["lq"])
    if present["region"].nunique() < 3 or values.empty:
        return []
    weights = contiguity_weights(present, key="region")
    # analytic inference: normal approximation of Moran's I under randomisation and of
    # the local statistics under conditional randomisation (no permutation kernels)
    options = {"region": "region", "value": "lq", "by": "cluster", "permutations": 0}
    global_ = moran(values, weights, **options).set_index("cluster")
    lisa = local_moran(values, weights, **options)
    out = []
    for cluster, row in global_.iterrows():
        part = lisa[(lisa["cluster"] == cluster) & (lisa["category"] == "HH")]
        out.append(
            {
                "cluster": cluster,
                "moran_i": float(row["I"]),
                "p_value": float(row["p_rand"]),
                "hot_spots": sorted(r for r in part["region"] if r in keep),
            }
        )
    return out
