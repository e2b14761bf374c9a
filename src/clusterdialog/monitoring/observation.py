"""Data-based observation of an initiative's field in official statistics.

An initiative's industries and regions link it to the employment statistics:
:func:`field_observation` follows the employment of those industries (each
and together, the *field*) in the initiative's regions over time, with their
location quotient against all regions of the panel, their growth and the
star rating of the European Cluster Observatory.  Every number comes from the
analytics core (:mod:`clusterdialog.measures`, :mod:`clusterdialog.identify`);
this module only selects and joins.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.definitions import ClusterDefinition, apply_definition
from clusterdialog.identify.dynamics import cluster_dynamics
from clusterdialog.identify.stars import star_rating
from clusterdialog.measures.location_quotients import location_quotient

__all__ = ["OBSERVATION_COLUMNS", "field_observation"]

#: Value columns of :func:`field_observation`, after the key columns.
OBSERVATION_COLUMNS: tuple[str, ...] = (
    "employment",
    "lq",
    "growth_percent",
    "stars",
    "size_star",
    "specialisation_star",
    "focus_star",
)


def _codes(values: object, argument: str, known: pd.Index) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(f"{argument}: expected a collection of codes, got {values!r}")
    codes = list(dict.fromkeys(str(v) for v in values))
    if not codes:
        raise InputError(f"{argument}: expected at least one code, got none")
    unknown = [c for c in codes if c not in set(known)]
    if unknown:
        raise InputError(
            f"{argument}: {unknown[:5]} not in the panel, which has e.g. {list(known[:5])}"
        )
    return codes


def _measures(panel: RegionalPanel, places: list[str]) -> pd.DataFrame:
    """LQ, stars and growth between consecutive periods of a resolved panel, long.

    Computed over all regions (the reference and the stars' quantiles need them),
    returned for ``places`` only.
    """
    r, k, t = panel.region_name, panel.industry_name, panel.period_name
    stars = star_rating(panel, suppressed="error")
    lq = location_quotient(panel, suppressed="error").rename(columns={"value": "lq"})
    out = stars.loc[stars[r].isin(places)].drop(columns=["lq"])
    out = out.merge(lq.loc[lq[r].isin(places)], on=[r, k, t], how="left")
    steps = []
    for start, end in zip(panel.periods[:-1], panel.periods[1:], strict=True):
        dynamics = cluster_dynamics(panel, suppressed="error", start=start, end=end)
        dynamics = dynamics.loc[dynamics[r].isin(places), [r, k, "end", "growth_percent"]]
        steps.append(dynamics.rename(columns={"end": t}))
    if steps:
        out = out.merge(pd.concat(steps, ignore_index=True), on=[r, k, t], how="left")
    else:
        out["growth_percent"] = float("nan")
    return out


def field_observation(
    panel_long: pd.DataFrame | RegionalPanel,
    *,
    industries: Iterable[str],
    regions: Iterable[str],
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str = "period",
    suppressed: str = "zero",
    field_label: str = "field",
) -> pd.DataFrame:
    r"""Employment, LQ, growth and stars of an initiative's field in its regions over time.

    With :math:`x_{rkt}` the employment of region r, industry k, period t,
    and the field :math:`F` the initiative's industries:

    .. math::

        x_{rFt} = \sum_{k \in F} x_{rkt}, \quad
        LQ_{rFt} = \frac{x_{rFt} / x_{r\cdot t}}{x_{\cdot Ft} / x_{\cdot\cdot t}}, \quad
        g_{rFt} = 100 \left(\frac{x_{rFt}}{x_{rF,t-1}} - 1\right)

    and the same for every industry k of the field; stars after
    :func:`~clusterdialog.identify.stars.star_rating` among all regions.

    Parameters
    ----------
    panel_long : pandas.DataFrame or RegionalPanel
        Employment of ALL regions (the reference) by industry and period,
        e.g. :func:`clusterdialog.datasets.load_kreise_industries`.
    industries : iterable of str
        The initiative's industry codes (as in the panel).
    regions : iterable of str
        The initiative's region codes (as in the panel).
    region, industry, value, period : str
        Column names of the long table; ``period`` is required.
    suppressed : {"zero", "error", "drop_region", "drop_industry"}
        Policy for suppressed cells.  Default ``"zero"`` (unlike the measures'
        ``"error"``): official tables always hold some suppressed cells and a
        dashboard should show the rest; the warning says how many.
    field_label : str
        Industry label of the field's rows (must not be an industry code).

    Returns
    -------
    pandas.DataFrame
        Long table, one row per region of the initiative × (``field_label``
        first, then each industry) × period: ``region, industry, period,
        employment, lq, growth_percent, stars, size_star,
        specialisation_star, focus_star`` (key columns under the caller's
        names).  ``growth_percent`` is ``NaN`` in the first period, where the
        previous employment is 0, and for a region without data in one of
        the two periods.

    Raises
    ------
    InputError
        For unknown industries or regions, a panel without periods, a
        ``field_label`` that is an industry code, or the errors of the
        measures called.

    Warns
    -----
    DataQualityWarning
        For suppressed cells and regions missing in a period (each message once).

    Notes
    -----
    The LQ's reference is the sum of all regions in the panel (for the
    shipped data: Germany).  Growth is from one period to the next, as
    :func:`~clusterdialog.identify.dynamics.cluster_dynamics` computes it;
    stars use the default thresholds of the European Cluster Observatory.

    References
    ----------
    .. [1] Sölvell, Ö., Ketels, C., Lindqvist, G. (2009). The European Cluster
       Observatory: EU Cluster Mapping and Strengthening Clusters in Europe.
       Europe INNOVA Paper 12.

    Examples
    --------
    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     obs = field_observation(load_kreise_industries(), industries=["J", "M-N"],
    ...                             regions=["08111"])
    >>> row = obs[(obs.industry == "field") & (obs.period == 2020)].iloc[0]
    >>> int(row.employment), round(float(row.lq), 3), round(float(row.growth_percent), 2)
    (115441, 1.595, -11.19)
    """
    if period is None and not isinstance(panel_long, RegionalPanel):
        raise InputError("period: expected the name of the period column, got None")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        panel = as_panel(
            panel_long,
            region=region,
            industry=industry,
            value=value,
            period=period,
            suppressed=suppressed,
            measure="field_observation",
        )
        if len(panel.periods) == 0 or panel.periods == (None,):
            raise InputError("panel_long: expected several periods, got a panel without periods")
        field = _codes(industries, "industries", panel.industries)
        places = _codes(regions, "regions", panel.regions)
        if field_label in set(panel.industries):
            raise InputError(f"field_label: {field_label!r} is an industry code of the panel")
        mapping = {k: (field_label if k in field else k) for k in panel.industries}
        grouped = apply_definition(
            panel, ClusterDefinition(mapping, source="field_observation"),
            cluster=panel.industry_name, value="value", suppressed="error",
        )  # fmt: skip
        field_panel = RegionalPanel.from_long(
            grouped, region=panel.region_name, industry=panel.industry_name, value="value",
            period=panel.period_name,
        )  # fmt: skip
        parts = [_measures(field_panel, places), _measures(panel, places)]
    for message in dict.fromkeys(str(w.message) for w in caught):
        warnings.warn(message, DataQualityWarning, stacklevel=2)
    r, k, t = panel.region_name, panel.industry_name, panel.period_name
    out = pd.concat(parts, ignore_index=True)
    out = out.loc[out[r].isin(places) & out[k].isin([field_label, *field])].copy()
    out["_r"] = out[r].map({c: i for i, c in enumerate(places)})
    out["_k"] = out[k].map({c: i for i, c in enumerate([field_label, *field])})
    out = out.sort_values(["_r", "_k", t]).reset_index(drop=True)
    return out[[r, k, t, *OBSERVATION_COLUMNS]]
