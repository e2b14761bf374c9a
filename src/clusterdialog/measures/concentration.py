"""Spatial concentration of industries: locational Gini and Hoover index.

Each measure describes, for every industry, how unevenly its employment is
spread over the regions compared with a reference distribution (by default
the regions' total employment).  Both have a matrix kernel over a dense
``regions × industries`` array; the locational Gini sorts all industries at
once with one ``argsort``.

An industry with zero total has no distribution: its value is ``NaN``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import InputError
from clusterdialog.measures._checks import as_mapping, check_choice
from clusterdialog.measures._results import by_industry, per_period
from clusterdialog.measures.inequality import gini_matrix, lorenz_gini_matrix
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = [
    "hoover_index",
    "hoover_index_matrix",
    "locational_gini",
    "locational_gini_matrix",
]

GINI_METHODS = ("econgeo", "reat")
HOOVER_WEIGHTS = ("region_totals", "equal")


def locational_gini_matrix(x: np.ndarray, method: str = "econgeo") -> np.ndarray:
    """Locational Gini of every industry (column) of a ``regions × industries`` matrix.

    ``"econgeo"``: half the employment-weighted Lorenz Gini (max 0.5);
    ``"reat"``: unweighted Gini of the location quotients.  Regions with zero
    total are left out.
    """
    check_choice("method", method, GINI_METHODS)
    x = np.asarray(x, dtype=float)
    active = x.sum(axis=1) > 0
    if not active.all():
        x = x[active]
    if method == "econgeo":
        return lorenz_gini_matrix(x, x.sum(axis=1)) / 2.0
    return gini_matrix(location_quotient_matrix(x), axis=0)


def locational_gini(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    method: str = "econgeo",
) -> pd.DataFrame:
    r"""Locational Gini coefficient of every industry (Krugman 1991).

    With regions sorted by location quotient ascending, :math:`W_i` the
    cumulative share of all employment and :math:`Y_i` the cumulative share
    of industry k's employment in the first i regions:

    .. math:: G^{\mathrm{econgeo}}_k = \tfrac12 \sum_{i=2}^{n} (Y_i W_{i-1} - Y_{i-1} W_i)

    and, unweighted over the regions' location quotients :math:`C_r`:

    .. math::

        G^{\mathrm{reat}}_k = \frac{2}{n^2 \bar C}
        \sum_{\lambda=1}^{n} \lambda\,(C_{(\lambda)} - \bar C)

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (e.g. employment).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells (see ``RegionalPanel.resolve_suppressed``).
    method : {"econgeo", "reat"}
        ``"econgeo"`` (default): EconGeo ``locational_gini``, the Lorenz curve
        of the industry against total employment, regions weighted by size;
        the area Gini is halved, so the range is ``[0, 0.5)``.  ``"reat"``:
        REAT ``gini.conc``, the plain Gini of the regions' location quotients,
        regions not weighted, range ``[0, 1 − 1/n]``.

    Returns
    -------
    pandas.DataFrame
        One row per industry (× period), column ``value``; ``NaN`` for an
        industry with zero total.

    Raises
    ------
    InputError
        For a bad table or ``method``.

    Notes
    -----
    EconGeo ``hoover_gini(mat, pop=rowSums(mat))`` is the same Lorenz area
    without the halving, i.e. twice the ``"econgeo"`` value (range 0–1).
    Regions with zero total employment carry no weight and have no location
    quotient; they are left out (REAT would return ``NA``).  Ties in the
    location quotient do not change the Lorenz curve.

    References
    ----------
    .. [1] Krugman, P. (1991). *Geography and Trade*. MIT Press, Cambridge,
       MA (ch. 2, p. 56).
    .. [2] Farhauer, O. & Kröll, A. (2014). *Standorttheorien*, 2nd ed.
       Springer Gabler, Wiesbaden.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> locational_gini(df)
      industry     value
    0       I1  0.133333
    1       I2  0.057143
    >>> locational_gini(df, method="reat")
      industry     value
    0       I1  0.250000
    1       I2  0.125000

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the most localised occupation groups:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     g = locational_gini(bw, industry="occupation", value="employees", suppressed="zero")
    >>> g.nlargest(3, "value").round(4)  # pilots, fishery, moderation and entertainment
        occupation   value
    68         523  0.4310
    3          114  0.4218
    135        943  0.3716
    """
    check_choice("method", method, GINI_METHODS)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="locational_gini",
    )  # fmt: skip
    return by_industry(panel, per_period(panel, lambda m: locational_gini_matrix(m, method)))


def hoover_index_matrix(
    x: np.ndarray, weights: str | np.ndarray = "region_totals", percent: bool = False
) -> np.ndarray:
    """Hoover index of every industry (column): ½ Σ_r |x_rk/X_k − w_r|.

    ``weights`` is ``"region_totals"``, ``"equal"`` or a vector of
    non-negative region weights (normalised to sum 1).
    """
    x = np.asarray(x, dtype=float)
    if isinstance(weights, str):
        check_choice("weights", weights, HOOVER_WEIGHTS)
        w = x.sum(axis=1) if weights == "region_totals" else np.ones(x.shape[0])
    else:
        w = np.asarray(weights, dtype=float)
    total = x.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = x / total
        out = 0.5 * np.sum(np.abs(shares - (w / w.sum())[:, None]), axis=0)
    out = np.where(total > 0, out, np.nan)
    return out * 100.0 if percent else out


def _region_weights(weights: Mapping | pd.Series, regions: pd.Index) -> np.ndarray:
    lookup = as_mapping(weights, "weights")
    values = pd.to_numeric(pd.Series(regions).map(lookup), errors="coerce").to_numpy(float)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        raise InputError(
            f"weights: {int(bad.sum())} region(s) without a finite non-negative weight, "
            f"e.g. {list(regions[bad][:5])}"
        )
    if not values.sum() > 0:
        raise InputError("weights: the region weights sum to 0; expected a positive total")
    return values


def hoover_index(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    weights: str | Mapping | pd.Series = "region_totals",
    percent: bool = False,
) -> pd.DataFrame:
    r"""Hoover index of localisation of every industry.

    .. math:: H_k = \tfrac12 \sum_r \left| \frac{x_{rk}}{X_k} - w_r \right|

    the share of the industry's employment that would have to move for it to
    be distributed like the weights :math:`w_r` (summing to 1).

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        As in :func:`locational_gini`.
    weights : {"region_totals", "equal"} or mapping
        ``"region_totals"`` (default): :math:`w_r = X_r / X`, the regions'
        share of all employment (REAT ``hoover(x_k, ref=rowSums)``).
        ``"equal"``: :math:`w_r = 1/n` (EconGeo ``hoover_index`` without
        ``pop``).  A mapping region → weight (e.g. population) is normalised
        to sum 1 (EconGeo ``hoover_index(mat, pop)``).
    percent : bool
        Multiply by 100 (EconGeo's scale, 0–100).  Default: fraction, 0–1.

    Returns
    -------
    pandas.DataFrame
        One row per industry (× period), column ``value``; ``NaN`` for an
        industry with zero total.

    Raises
    ------
    InputError
        For a bad table, ``weights`` or ``percent``.

    Notes
    -----
    The default follows REAT (fraction, weights = region totals).  EconGeo
    ``hoover_index`` defaults to equal weights and percent and rounds to
    2 dp; ``weights="equal", percent=True`` gives its unrounded value.

    References
    ----------
    .. [1] Hoover, E. M. (1936). The measurement of industrial localization.
       *Review of Economics and Statistics* 18(4), 162–171. doi:10.2307/1927875

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> hoover_index(df)
      industry     value
    0       I1  0.266667
    1       I2  0.114286
    >>> hoover_index(df, weights="equal", percent=True)
      industry      value
    0       I1  16.666667
    1       I2  21.428571

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the most localised occupation groups:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     h = hoover_index(bw, industry="occupation", value="employees", suppressed="zero")
    >>> h.nlargest(3, "value").round(4)  # fishery, pilots, rail/air/ship operations
       occupation   value
    3         114  0.7409
    68        523  0.7305
    60        511  0.6023
    """
    if not isinstance(percent, bool):
        raise InputError(f"percent: expected True or False, got {percent!r}")
    if isinstance(weights, str):
        check_choice("weights", weights, HOOVER_WEIGHTS)
    elif not isinstance(weights, Mapping | pd.Series):
        raise InputError(
            f"weights: expected one of {list(HOOVER_WEIGHTS)} or a mapping region → weight, "
            f"got {type(weights).__name__}"
        )
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="hoover_index",
    )  # fmt: skip
    w = weights if isinstance(weights, str) else _region_weights(weights, panel.regions)
    return by_industry(panel, per_period(panel, lambda m: hoover_index_matrix(m, w, percent)))
