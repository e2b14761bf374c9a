"""Dynamics of regional industries and the cluster portfolio.

:func:`cluster_dynamics` puts growth, the shift-share components and the
change of the location quotient between two periods side by side, one row per
region × industry.  :func:`portfolio` classifies each row into the four
quadrants of the portfolio chart that cluster reports draw (bubble chart:
x = growth against the nation or LQ change, y = LQ at the end, bubble size =
employment at the end).  Both build on
:func:`~clusterdialog.measures.shiftshare.shift_share` and
:func:`~clusterdialog.measures.location_quotients.location_quotient`.

A region without data in the start or the end period (e.g. after a
territorial reform) keeps its rows with ``complete=False`` and ``NaN``
dynamics, and a :class:`~clusterdialog.errors.DataQualityWarning` names it.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures._shiftshare import endpoints, nation_values
from clusterdialog.measures.location_quotients import location_quotient
from clusterdialog.measures.shiftshare import shift_share

__all__ = [
    "GROWTH_BASES",
    "PORTFOLIO_CLASSES",
    "PORTFOLIO_X_LABELS",
    "cluster_dynamics",
    "classify_portfolio",
    "portfolio",
]

#: Classes of :func:`portfolio`; ``undefined`` where an LQ is undefined.
PORTFOLIO_CLASSES: tuple[str, ...] = (
    "specialised_growing",
    "specialised_declining",
    "emerging",
    "other",
    "undefined",
)
#: What "growing" means (the x axis of the portfolio chart).
GROWTH_BASES: tuple[str, ...] = ("nation_growth", "lq_change")
#: Axis titles of the x axis for the report, by growth basis and language.
PORTFOLIO_X_LABELS: dict[str, dict[str, str]] = {
    "nation_growth": {
        "de": "Wachstum gegenüber dem Bundeswachstum der Branche (Prozentpunkte)",
        "en": "Growth relative to the industry's national growth (percentage points)",
    },
    "lq_change": {
        "de": "Veränderung des Standortquotienten",
        "en": "Change of the location quotient",
    },
}


def _years(start: Hashable, end: Hashable) -> float:
    try:
        return float(end) - float(start)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(
            f"period: annual growth needs numeric periods (years), got start={start!r}, end={end!r}"
        ) from None


def _warn_missing(panel: RegionalPanel, totals: dict, p0, p1) -> np.ndarray:
    """Regions with no data (total 0) in the start or end period: warn and return the mask."""
    parts, missing = [], np.zeros(len(panel.regions), dtype=bool)
    for p, label, other in ((p0, "start", p1), (p1, "end", p0)):
        gone = ~(totals[p] > 0)
        if gone.any():
            share = totals[other][gone].sum() / totals[other].sum()
            parts.append(
                f"{int(gone.sum())} region(s) without data in the {label} period {p!r} "
                f"({share:.1%} of the {other!r} total): {list(panel.regions[gone][:10])}"
            )
            missing |= gone
    if parts:
        warnings.warn(
            f"cluster_dynamics: {'; '.join(parts)}. Their rows are kept with complete=False "
            "and NaN growth, shift-share and LQ change (territorial change or gap?)",
            DataQualityWarning,
            stacklevel=3,
        )
    return missing


def cluster_dynamics(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    start: Hashable | None = None,
    end: Hashable | None = None,
    reference: pd.DataFrame | None = None,
    reference_value: str | None = None,
) -> pd.DataFrame:
    r"""Growth, shift-share components and LQ change of every region and industry.

    With :math:`x_{rk0}, x_{rk1}` the employment at the start and the end,
    :math:`X_{k0}, X_{k1}` the nation's and :math:`T` the number of years:

    .. math::

        g_{rk} = 100 \left(\frac{x_{rk1}}{x_{rk0}} - 1\right), \quad
        a_{rk} = 100 \left(\left(\frac{x_{rk1}}{x_{rk0}}\right)^{1/T} - 1\right), \quad
        \Delta LQ_{rk} = LQ_{rk1} - LQ_{rk0}

    and ``relative_growth`` :math:`= g_{rk} - 100 (X_{k1}/X_{k0} - 1)`.

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table with a period column (employment by region, industry, period).
    region, industry, value, period : str
        Column names; ``period`` is required for a DataFrame.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells.
    start, end : optional
        The two periods (default: first and last).
    reference, reference_value : optional
        The nation as a long table (``industry``, ``period``, value column
        ``reference_value`` or ``value``), as in
        :func:`~clusterdialog.measures.shiftshare.shift_share`; also the LQ's
        reference.  Default: the sum of the data's regions.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry: ``region, industry, start, end,
        employment_start, employment_end, growth, growth_percent,
        annual_growth_percent, nation_growth_percent, relative_growth,
        lq_start, lq_end, lq_change, national_share, industrial_mix,
        regional_share, complete``.  Growth rates are ``NaN`` where the start
        value is 0; every dynamic column is ``NaN`` for regions that are not
        ``complete``.

    Raises
    ------
    InputError
        Without periods, for unknown or misordered periods, non-numeric
        periods (annual growth needs years) or a bad reference.

    Warns
    -----
    DataQualityWarning
        Naming the regions without data in the start or end period.

    Notes
    -----
    The shift-share components are Dunn's (``method="dunn"``) by industry:
    ``regional_share`` > 0 exactly when the region's industry grew faster
    than the nation's (``relative_growth`` > 0).  ``annual_growth_percent``
    is the compound annual rate over ``end - start`` years.

    References
    ----------
    .. [1] Dunn, E. S. (1960). A statistical and analytical technique for
       regional analysis. Papers in Regional Science 6(1), 97–112.
       https://doi.org/10.1111/j.1435-5597.1960.tb01705.x

    Examples
    --------
    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> kreise = load_kreise_industries()
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     dyn = cluster_dynamics(kreise, period="period", suppressed="zero")
    >>> from textwrap import fill
    >>> print(fill(str(caught[-1].message), 90))  # Göttingen: 03152 + 03156 -> 03159
    cluster_dynamics: 1 region(s) without data in the start period 2015 (0.4% of the 2020
    total): ['03159']; 2 region(s) without data in the end period 2020 (0.4% of the 2015
    total): ['03152', '03156']. Their rows are kept with complete=False and NaN growth, shift-
    share and LQ change (territorial change or gap?)
    >>> stuttgart = dyn[dyn["region"] == "08111"].set_index("industry")
    >>> stuttgart.loc["J", ["growth", "growth_percent", "lq_start", "lq_end"]].round(2)
    growth            6849.00
    growth_percent      27.65
    lq_start             2.06
    lq_end               2.12
    Name: J, dtype: float64
    """
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="cluster_dynamics",
    )  # fmt: skip
    periods = endpoints(panel, start, end)
    p0, p1 = periods[0], periods[-1]
    years = _years(p0, p1)
    ref_value = reference_value or value
    shares = shift_share(
        panel, start=p0, end=p1, reference=reference, reference_value=ref_value,
        by_industry=True,
    )  # fmt: skip
    pair = panel.select_periods([p0, p1])
    lq = location_quotient(pair, value=ref_value, reference=reference)
    lq_values = lq["value"].to_numpy().reshape(2, -1)
    nation = nation_values(panel, reference, ref_value, [p0, p1])
    x0, x1 = panel.matrix(p0), panel.matrix(p1)
    totals = {p0: x0.sum(axis=1), p1: x1.sum(axis=1)}
    missing = _warn_missing(panel, totals, p0, p1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(x0 > 0, x1 / x0, np.nan)
        nation_growth = np.where(nation[p0] > 0, nation[p1] / nation[p0], np.nan)
    growth_percent = 100.0 * (ratio - 1.0)
    nation_percent = np.broadcast_to(100.0 * (nation_growth - 1.0), x0.shape)
    out = shares[[panel.region_name, panel.industry_name, "start", "end"]].copy()
    dynamic = {
        "employment_start": x0.ravel(),
        "employment_end": x1.ravel(),
        "growth": x1.ravel() - x0.ravel(),
        "growth_percent": growth_percent.ravel(),
        "annual_growth_percent": 100.0 * (ratio.ravel() ** (1.0 / years) - 1.0),
        "nation_growth_percent": nation_percent.ravel(),
        "relative_growth": (growth_percent - nation_percent).ravel(),
        "lq_start": lq_values[0],
        "lq_end": lq_values[1],
        "lq_change": lq_values[1] - lq_values[0],
        "national_share": shares["national_share"].to_numpy(),
        "industrial_mix": shares["industrial_mix"].to_numpy(),
        "regional_share": shares["regional_share"].to_numpy(),
    }
    incomplete = np.repeat(missing, len(panel.industries))
    for name, column in dynamic.items():
        column = np.array(column, dtype=float)
        if name not in ("employment_start", "employment_end", "nation_growth_percent"):
            column[incomplete] = np.nan
        out[name] = column
    out["complete"] = ~incomplete
    return out


def classify_portfolio(
    dynamics: pd.DataFrame,
    *,
    specialisation_threshold: float = 1.0,
    growth_basis: str = "nation_growth",
    emerging_lq_growth: float = 0.1,
) -> pd.DataFrame:
    """Portfolio class of every row of a :func:`cluster_dynamics` table.

    The rule is that of :func:`portfolio` (see there); this function takes the
    dynamics already computed.

    Parameters
    ----------
    dynamics : pandas.DataFrame
        Output of :func:`cluster_dynamics`.
    specialisation_threshold, growth_basis, emerging_lq_growth
        As in :func:`portfolio`.

    Returns
    -------
    pandas.DataFrame
        ``dynamics`` with the columns ``specialised, growing, x, y, size,
        portfolio_class`` added (a new frame).

    Raises
    ------
    InputError
        For an unknown growth basis, a bad threshold or missing columns.
    """
    check_choice("growth_basis", growth_basis, GROWTH_BASES)
    for name, given in (("specialisation_threshold", specialisation_threshold),
                        ("emerging_lq_growth", emerging_lq_growth)):  # fmt: skip
        if isinstance(given, bool) or not isinstance(given, int | float) or not np.isfinite(given):
            raise InputError(f"{name}: expected a finite number, got {given!r}")
    needed = ["lq_start", "lq_end", "lq_change", "relative_growth", "employment_end"]
    absent = [c for c in needed if c not in dynamics.columns]
    if absent:
        raise InputError(f"dynamics: missing column(s) {absent}; pass cluster_dynamics' output")
    out = dynamics.copy()
    lq0, lq1 = out["lq_start"].to_numpy(float), out["lq_end"].to_numpy(float)
    x = out["relative_growth" if growth_basis == "nation_growth" else "lq_change"]
    x = x.to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lq_growth = np.where(lq0 > 0, lq1 / lq0 - 1.0, np.where(lq1 > 0, np.inf, 0.0))
    defined = np.isfinite(lq0) & np.isfinite(lq1) & np.isfinite(x)
    specialised = lq1 >= specialisation_threshold
    growing = x > 0
    emerging = ~specialised & (lq_growth >= emerging_lq_growth) & (lq1 > lq0)
    classes = np.select(
        [~defined, specialised & growing, specialised, emerging],
        ["undefined", "specialised_growing", "specialised_declining", "emerging"],
        default="other",
    )
    out["specialised"] = specialised & defined
    out["growing"] = growing & defined
    out["x"] = np.where(defined, x, np.nan)
    out["y"] = lq1
    out["size"] = out["employment_end"].to_numpy(float)
    out["portfolio_class"] = pd.Categorical(classes, categories=list(PORTFOLIO_CLASSES))
    return out


def portfolio(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    start: Hashable | None = None,
    end: Hashable | None = None,
    reference: pd.DataFrame | None = None,
    reference_value: str | None = None,
    specialisation_threshold: float = 1.0,
    growth_basis: str = "nation_growth",
    emerging_lq_growth: float = 0.1,
) -> pd.DataFrame:
    r"""Portfolio of each region's industries (clusters): the four quadrants of the bubble chart.

    .. math::

        \text{specialised}_{rk} = [LQ_{rk1} \ge \tau], \quad
        \text{growing}_{rk} = [x_{rk} > 0], \quad
        \text{emerging}_{rk} = [LQ_{rk1} < \tau] \wedge
            \left[\frac{LQ_{rk1}}{LQ_{rk0}} - 1 \ge \epsilon\right]

    with :math:`x_{rk}` = ``relative_growth`` (the region's growth minus the
    nation's growth of the industry, in percentage points) for
    ``growth_basis="nation_growth"`` or :math:`\Delta LQ_{rk}` for
    ``"lq_change"``.  Classes: ``specialised_growing`` (specialised and
    growing), ``specialised_declining`` (specialised, not growing),
    ``emerging`` (not specialised, LQ rising by at least ε), ``other``;
    ``undefined`` where an LQ or x is undefined (e.g. a region missing in one
    period).

    Parameters
    ----------
    data, region, industry, value, period, suppressed, start, end, reference, reference_value
        As in :func:`cluster_dynamics`.
    specialisation_threshold : float
        τ, the LQ at the end period from which an industry counts as
        specialised (default 1).
    growth_basis : {"nation_growth", "lq_change"}
        What growing means and what the chart's x axis shows.
    emerging_lq_growth : float
        ε, the relative rise of the LQ that counts as strong (default 0.1:
        the LQ rose by at least 10 % between start and end).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`cluster_dynamics`, then ``specialised``,
        ``growing``, ``x``, ``y`` (= ``lq_end``), ``size`` (=
        ``employment_end``) and ``portfolio_class`` (categorical over
        :data:`PORTFOLIO_CLASSES`).  Bubble chart: x against y, bubble area
        ∝ size, reference lines at x = 0 and y = τ; the quadrants are the
        classes (emerging is the part of the lower half whose LQ rose by ε).

    Raises
    ------
    InputError
        As :func:`cluster_dynamics`, and for an unknown growth basis or a
        non-numeric threshold.

    Warns
    -----
    DataQualityWarning
        As :func:`cluster_dynamics`.

    Notes
    -----
    The default x axis is Porter's cluster portfolio (change of the region's
    share of national employment in the cluster, which is positive exactly
    when the region grows faster than the nation in that cluster; equivalent
    to a positive regional share of shift-share).  ``growth_basis="lq_change"``
    is the LQ-change bubble chart of US regional cluster analyses
    (x = change of LQ, y = LQ, quadrants "stars", "mature", "emerging",
    "transforming"); with ``emerging_lq_growth=0`` (any LQ rise)
    ``emerging`` is their lower-right quadrant.  ``specialised_declining``
    is "mature", ``other`` "transforming".

    References
    ----------
    .. [1] Porter, M. E. (2003). The economic performance of regions.
       Regional Studies 37(6–7), 549–578.
       https://doi.org/10.1080/0034340032000108688
    .. [2] Delgado, M., Porter, M. E., & Stern, S. (2014). Clusters,
       convergence, and economic performance. Research Policy 43(10),
       1785–1799. https://doi.org/10.1016/j.respol.2014.05.007

    Examples
    --------
    Stuttgart (08111), 2015→2020, on the bundled Kreis × WZ panel:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> from clusterdialog.errors import DataQualityWarning
    >>> kreise = load_kreise_industries()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     folio = portfolio(kreise, period="period", suppressed="zero")
    >>> stuttgart = folio[folio["region"] == "08111"].reset_index(drop=True)
    >>> stuttgart[["industry", "x", "y", "size", "portfolio_class"]].round(2)
      industry      x     y     size        portfolio_class
    0        A -19.52  0.10    336.0                  other
    1      B-E  26.35  0.90  83944.0               emerging
    2        F   8.29  0.62  14784.0                  other
    3      G-I  -6.89  0.64  60675.0                  other
    4        J   4.04  2.12  31616.0    specialised_growing
    5        K  13.76  2.42  29487.0    specialised_growing
    6        L   7.08  1.12   4011.0    specialised_growing
    7      M-N -17.59  1.46  83825.0  specialised_declining
    8      O-Q  -0.95  0.87  91772.0                  other
    9      R-U  -3.25  1.48  22593.0  specialised_declining

    Information and communication (J): Stuttgart grew by 27.65 %, the nation by
    23.62 %, so x = 4.04 percentage points; its LQ 2.12 ≥ 1 makes it a specialised,
    growing industry.  Manufacturing (B-E) is not specialised (LQ 0.90) but its LQ
    rose from 0.72 (+25 % ≥ 10 %): emerging.
    """
    dynamics = cluster_dynamics(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, start=start, end=end, reference=reference,
        reference_value=reference_value,
    )  # fmt: skip
    return classify_portfolio(
        dynamics,
        specialisation_threshold=specialisation_threshold,
        growth_basis=growth_basis,
        emerging_lq_growth=emerging_lq_growth,
    )
