"""Star ratings of regional clusters after the European Cluster Observatory.

The European Cluster Observatory (Sölvell, Ketels & Lindqvist 2009) awards a
region × cluster category up to three stars for *specialised critical mass*:

* **size**: the category's employment in the region is in the top 10 % of all
  regions for that category;
* **specialisation**: its location quotient is at least 2;
* **focus**: its share of the region's employment is in the top 10 % of all
  regions for that category.

The later European Cluster Panorama (Ketels & Protsiv 2016) adds a
**productivity** star for wages per employee in the top 10 %; it is given here
when wages are.  The thresholds are options; :data:`DEFAULT_STAR_THRESHOLDS`
states the defaults and their source for the report's methods section.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.identify.definitions import ClusterDefinition, _pivot_columns, apply_definition
from clusterdialog.identify.significance import (
    _warn_non_integral,
    benjamini_hochberg_adjust,
    expected_employment_test_matrix,
)
from clusterdialog.measures._results import by_cell
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = ["DEFAULT_STAR_THRESHOLDS", "star_rating", "star_rating_matrix"]

#: Default thresholds of :func:`star_rating` and the source they follow.
DEFAULT_STAR_THRESHOLDS: Mapping[str, object] = MappingProxyType({
    "size_quantile": 0.9,
    "specialisation_threshold": 2.0,
    "focus_quantile": 0.9,
    "productivity_quantile": 0.9,
    "source": (
        "European Cluster Observatory star rating (Sölvell, Ketels & Lindqvist 2009, "
        "'The European Cluster Observatory: EU Cluster Mapping and Strengthening Clusters in "
        "Europe', Europe INNOVA Paper 12; clusterobservatory.eu, 'Evaluation of regional "
        "cluster strength'): size = employment in the top 10% of regions of the category, "
        "specialisation = location quotient >= 2, focus = share of the region's employment in "
        "the top 10% of regions; productivity (wage per employee in the top 10%) after Ketels "
        "& Protsiv (2016), European Cluster Panorama 2016."
    ),
})  # fmt: skip


def column_quantile(values: np.ndarray, eligible: np.ndarray, q) -> np.ndarray:
    r"""The q-quantile of every column over its eligible rows; ``NaN`` for a column without any.

    Linear interpolation between order statistics, :math:`v_{(i)} + (h - i)(v_{(i+1)} - v_{(i)})`
    with :math:`h = (n - 1) q`, :math:`i = \lfloor h \rfloor`: numpy's default, R type 7
    and d3's ``quantile`` (used by the U.S. Cluster Mapping Project).  A sequence
    of q gives one row per q (one sort for all).
    """
    eligible = eligible & ~np.isnan(values)
    ordered = np.sort(np.where(eligible, values, np.nan), axis=0)  # NaN sort last
    n = eligible.sum(axis=0)
    last = np.maximum(n - 1, 0)
    h = np.multiply.outer(np.atleast_1d(np.asarray(q, dtype=float)), last)
    low = np.floor(h).astype(np.intp)
    high = np.minimum(low + 1, last)
    cols = np.arange(ordered.shape[1])
    v_low, v_high = ordered[low, cols], ordered[high, cols]
    with np.errstate(invalid="ignore"):
        out = np.where(low == high, v_low, v_low + (h - low) * (v_high - v_low))
    out = np.where(n > 0, out, np.nan)
    return out if np.ndim(q) else out[0]


def _check_quantile(argument: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise InputError(f"{argument}: expected a number strictly between 0 and 1, got {value!r}")
    return float(value)


def star_rating_matrix(
    x: np.ndarray,
    wages: np.ndarray | None = None,
    *,
    size_quantile: float = 0.9,
    specialisation_threshold: float = 2.0,
    focus_quantile: float = 0.9,
    productivity_quantile: float = 0.9,
) -> dict[str, np.ndarray]:
    """Kernel of :func:`star_rating` on a ``regions × categories`` employment matrix.

    ``wages`` (same shape, total wages of the cell) adds the productivity star.
    Returns a dict of matrices in the column order of :func:`star_rating`
    (without the significance columns).
    """
    x = np.asarray(x, dtype=float)
    present = x > 0
    lq = location_quotient_matrix(x)
    region_total = x.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(region_total > 0, x / region_total, np.nan)
    size_star = present & (x >= column_quantile(x, present, size_quantile))
    specialisation_star = present & (lq >= specialisation_threshold)
    focus_star = present & (share >= column_quantile(share, present, focus_quantile))
    out = {
        "employment": x, "lq": lq, "share_of_region": share, "size_star": size_star,
        "specialisation_star": specialisation_star, "focus_star": focus_star,
    }  # fmt: skip
    stars = size_star.astype(np.int8) + specialisation_star + focus_star
    if wages is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            productivity = np.where(present, np.asarray(wages, dtype=float) / x, np.nan)
        known = present & np.isfinite(productivity)
        threshold = column_quantile(productivity, known, productivity_quantile)
        out["productivity"] = productivity
        out["productivity_star"] = known & (productivity >= threshold)
        stars = stars + out["productivity_star"]
    out["stars"] = stars.astype(np.int8)
    return out


def star_rating(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    wages: str | None = None,
    suppressed: str = "error",
    size_quantile: float = 0.9,
    specialisation_threshold: float = 2.0,
    focus_quantile: float = 0.9,
    productivity_quantile: float = 0.9,
    alpha: float = 0.05,
    definition: ClusterDefinition | None = None,
    unmapped: str = "warn",
) -> pd.DataFrame:
    r"""Star rating of every region and industry (or cluster category).

    .. math::

        \text{size}_{rk} &= [x_{rk} \ge Q_{q_s}(\{x_{sk} : x_{sk} > 0\})] \\
        \text{specialisation}_{rk} &= [LQ_{rk} \ge 2] \\
        \text{focus}_{rk} &= [x_{rk}/X_r \ge Q_{q_f}(\{x_{sk}/X_s : x_{sk} > 0\})] \\
        \text{productivity}_{rk} &= [w_{rk}/x_{rk} \ge Q_{q_p}(\{w_{sk}/x_{sk} : x_{sk} > 0\})]

    with :math:`Q_q` the q-quantile over the regions s in which category k is
    present, :math:`LQ_{rk} = (x_{rk}/X_r)/(X_k/X)` and :math:`w` the wages.
    ``stars`` counts the stars (0–3, or 0–4 with wages).

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of employment by region × industry or cluster category.
    region, industry, value, period : str
        Column names of the long table.
    wages : str, optional
        Column of total annual wages (payroll) of the cell; adds ``productivity``
        (wage per employee) and ``productivity_star``.  Needs a long DataFrame.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells (a cell counts as suppressed when the
        employment or the wages are missing).
    size_quantile, focus_quantile, productivity_quantile : float
        Quantiles above which the star is given (0.9 = top decile).
    specialisation_threshold : float
        Location quotient from which the specialisation star is given.
    alpha : float
        False discovery rate of the significance test (``significant``).
    definition : ClusterDefinition, optional
        Aggregate an industry panel to cluster categories first (see
        :func:`~clusterdialog.identify.definitions.apply_definition`); the
        result keeps the column name ``industry`` for the categories.
    unmapped : {"warn", "error"}
        With ``definition``: what to do with industries it does not cover.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry (× period): ``employment``, ``lq``,
        ``share_of_region``, ``size_star``, ``specialisation_star``,
        ``focus_star``, [``productivity``, ``productivity_star``,] ``stars``,
        ``p_value``, ``q_value``, ``significant``.

    Raises
    ------
    InputError
        For bad input or thresholds.

    Notes
    -----
    Quantiles are taken per category and period over the regions with positive
    employment in the category (linear interpolation, numpy's default); a
    region without employment in a category gets no star.  ``lq`` is ``NaN``
    for a region without employment.  ``significant`` comes from
    :func:`~clusterdialog.identify.significance.expected_employment_test`
    (binomial, more employment than expected, Benjamini–Hochberg at
    ``alpha`` over all cells of a period).  The Observatory ranked about 260
    European NUTS-2 regions; on Kreise the same thresholds select smaller
    regions with a narrower base, so read size stars against the region size.

    References
    ----------
    .. [1] Sölvell, Ö., Ketels, C. & Lindqvist, G. (2009). *The European Cluster
       Observatory: EU Cluster Mapping and Strengthening Clusters in Europe*.
       Europe INNOVA Paper No. 12, European Commission.
    .. [2] European Cluster Observatory. Evaluation of regional cluster strength.
       http://www.clusterobservatory.eu/index.php?id=49
    .. [3] Ketels, C. & Protsiv, S. (2016). *European Cluster Panorama 2016*.
       European Cluster Observatory, European Commission.

    Examples
    --------
    Stars of Stuttgart (08111) among the German Kreise in 2020:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> df = load_kreise_industries()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # suppressed cells counted as 0
    ...     stars = star_rating(df[df["period"] == 2020], suppressed="zero")
    >>> stuttgart = stars[stars["region"] == "08111"].set_index("industry")
    >>> cols = ["employment", "lq", "size_star", "specialisation_star", "focus_star", "stars"]
    >>> stuttgart.nlargest(3, "stars")[cols].round(2)
              employment    lq  size_star  specialisation_star  focus_star  stars
    industry
    J            31616.0  2.12       True                 True        True      3
    K            29487.0  2.42       True                 True        True      3
    M-N          83825.0  1.46       True                False        True      2

    Information and communication (J) and finance (K) get all three stars;
    business services (M-N) are large and a focus of the city's employment
    but below the LQ of 2.
    """
    for name, q in (("size_quantile", size_quantile), ("focus_quantile", focus_quantile),
                    ("productivity_quantile", productivity_quantile)):  # fmt: skip
        _check_quantile(name, q)
    if (
        isinstance(specialisation_threshold, bool)
        or not isinstance(specialisation_threshold, int | float)
        or not np.isfinite(specialisation_threshold)
        or specialisation_threshold <= 0
    ):
        raise InputError(
            "specialisation_threshold: expected a positive finite number, "
            f"got {specialisation_threshold!r}"
        )
    alpha = _check_quantile("alpha", alpha)
    columns = [value] + ([wages] if wages is not None else [])
    if definition is not None:
        data = apply_definition(
            data, definition, region=region, industry=industry, value=value, period=period,
            suppressed=suppressed, extra_values=columns[1:], cluster=industry, unmapped=unmapped,
        )  # fmt: skip
    panel, extras = _pivot_columns(
        data, columns, region=region, industry=industry, period=period,
        suppressed=suppressed, measure="star_rating",
    )  # fmt: skip
    _warn_non_integral(panel, "star_rating")
    results = []
    for t, m in enumerate(panel.matrices):
        out = star_rating_matrix(
            m, extras[wages][t] if wages is not None else None,
            size_quantile=size_quantile, specialisation_threshold=specialisation_threshold,
            focus_quantile=focus_quantile, productivity_quantile=productivity_quantile,
        )  # fmt: skip
        p = expected_employment_test_matrix(m)["p_value"]
        q = benjamini_hochberg_adjust(p.ravel()).reshape(m.shape)
        out.update({"p_value": p, "q_value": q, "significant": q <= alpha})
        results.append(out)
    return by_cell(panel, results)
