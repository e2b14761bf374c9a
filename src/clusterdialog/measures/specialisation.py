"""Specialisation of regions: Krugman index, coefficient of specialisation, Gini.

All measures read a regional panel (a long table or a
:class:`~clusterdialog.data.panel.RegionalPanel`) of non-negative values,
usually employment, and compare each region's industry structure with the
panel's (or the rest of the nation's), or spread its location quotients
(:mod:`.location_quotients`).  Each has a matrix kernel (``*_matrix``) over
a dense ``regions × industries`` array.

A region with zero total has no structure: its values are ``NaN``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.measures._checks import check_choice, shares_along
from clusterdialog.measures._results import by_region, per_period
from clusterdialog.measures.inequality import gini_matrix

# location quotients live in .location_quotients; kept importable from here
from clusterdialog.measures.location_quotients import location_quotient as location_quotient
from clusterdialog.measures.location_quotients import (
    location_quotient_matrix as location_quotient_matrix,
)

__all__ = [
    "krugman_index",
    "krugman_index_matrix",
    "specialisation_coefficient",
    "specialisation_gini",
    "specialisation_gini_matrix",
]

KRUGMAN_METHODS = ("econgeo", "rest_of_nation")


def krugman_index_matrix(x: np.ndarray, method: str = "econgeo") -> np.ndarray:
    """Krugman specialisation index of every region (row), range 0–2."""
    check_choice("method", method, KRUGMAN_METHODS)
    x = np.asarray(x, dtype=float)
    shares = shares_along(x, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "econgeo":
            reference = x.sum(axis=0) / x.sum()
        else:
            rest = x.sum(axis=0) - x
            rest_total = rest.sum(axis=1, keepdims=True)
            reference = np.where(rest_total > 0, rest / rest_total, np.nan)
    return np.sum(np.abs(shares - reference), axis=1)


def _per_region(data, kernel, measure, *, region, industry, value, period, suppressed):
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure=measure,
    )  # fmt: skip
    return by_region(panel, per_period(panel, kernel))


def krugman_index(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    method: str = "econgeo",
) -> pd.DataFrame:
    r"""Krugman specialisation index of every region.

    .. math:: K_r = \sum_k \left| \frac{x_{rk}}{X_r} - \frac{X_k}{X} \right|

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        As in :func:`~clusterdialog.measures.location_quotients.location_quotient`.
    method : {"econgeo", "rest_of_nation"}
        ``"econgeo"``: against the whole panel, region r included (EconGeo
        ``krugman_index``).  ``"rest_of_nation"``: against all other regions,
        :math:`(X_k - x_{rk})/(X - X_r)` (REAT ``krugman.spec`` with the rest
        of the nation as the comparison area).

    Returns
    -------
    pandas.DataFrame
        One row per region (× period), column ``value`` in ``[0, 2]``;
        ``NaN`` for a region with zero total (and, with
        ``"rest_of_nation"``, when no other region has employment).

    Raises
    ------
    InputError
        For a bad table or ``method``.

    Notes
    -----
    0 means the region's structure equals the reference's; 2 means they
    share no industry.  :func:`specialisation_coefficient` is half of it.

    References
    ----------
    .. [1] Krugman, P. (1991). *Geography and Trade*. MIT Press, Cambridge, MA.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> krugman_index(df)
      region     value
    0     R1  0.400000
    1     R2  0.266667

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the most specialised Kreise:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     k = krugman_index(bw, industry="occupation", value="employees", suppressed="zero")
    >>> k.nlargest(3, "value").round(4)  # Heidelberg, Hohenlohekreis, Tuttlingen
       region   value
    17  08221  0.5410
    8   08126  0.4744
    31  08327  0.4595
    """
    check_choice("method", method, KRUGMAN_METHODS)
    return _per_region(
        data, lambda m: krugman_index_matrix(m, method), "krugman_index",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip


def specialisation_coefficient(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    method: str = "econgeo",
) -> pd.DataFrame:
    r"""Coefficient of specialisation: half the Krugman index, range 0–1.

    .. math:: C_r = \tfrac12 \sum_k \left| \frac{x_{rk}}{X_r} - \frac{X_k}{X} \right|

    Parameters, returns and ``method`` are those of :func:`krugman_index`.
    The value equals EconGeo ``spec_coeff`` and REAT ``hoover(x_r, ref=X_k)``
    (the Hoover index of the region's industry structure).

    Raises
    ------
    InputError
        For a bad table or ``method``.

    References
    ----------
    .. [1] Hoover, E. M. & Giarratani, F. (1985). *An Introduction to
       Regional Economics*, 3rd ed. Knopf, New York.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> specialisation_coefficient(df)
      region     value
    0     R1  0.200000
    1     R2  0.133333

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, Stuttgart (half its Krugman index):

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     c = specialisation_coefficient(
    ...         bw, industry="occupation", value="employees", suppressed="zero"
    ...     )
    >>> c[c["region"] == "08111"].round(4)  # Stuttgart
      region   value
    0  08111  0.2104
    """
    check_choice("method", method, KRUGMAN_METHODS)
    return _per_region(
        data, lambda m: krugman_index_matrix(m, method) / 2.0, "specialisation_coefficient",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip


def specialisation_gini_matrix(x: np.ndarray) -> np.ndarray:
    """Unweighted Gini of every region's location quotients (REAT ``gini.spec``).

    Industries with zero total are left out (their quotients are undefined).
    """
    x = np.asarray(x, dtype=float)
    active = x.sum(axis=0) > 0
    if not active.all():
        x = x[:, active]
    return gini_matrix(location_quotient_matrix(x), axis=1, overwrite=True)


def specialisation_gini(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
) -> pd.DataFrame:
    r"""Gini coefficient of specialisation of every region (REAT ``gini.spec``).

    .. math::

        G_r = \frac{2}{n^2 \bar C} \sum_{\lambda=1}^{n} \lambda\,(C_{(\lambda)} - \bar C),
        \qquad C_k = LQ_{rk}

    with the n location quotients of region r sorted ascending.

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        As in :func:`~clusterdialog.measures.location_quotients.location_quotient`.

    Returns
    -------
    pandas.DataFrame
        One row per region (× period), column ``value`` in ``[0, 1 − 1/n]``;
        ``NaN`` for a region with zero total.

    Raises
    ------
    InputError
        For a bad table.

    Notes
    -----
    Industries are not weighted by size.  Industries with zero total in the
    panel are left out (REAT returns ``NA`` for every region then).

    References
    ----------
    .. [1] Wieland, T. (2019). REAT: A Regional Economic Analysis Toolbox for
       R. *REGION* 6(3), R1–R57. doi:10.18335/region.v6i3.267

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> specialisation_gini(df)
      region     value
    0     R1  0.200000
    1     R2  0.181818

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the Kreise with the most unequal
    location quotients:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     g = specialisation_gini(
    ...         bw, industry="occupation", value="employees", suppressed="zero"
    ...     )
    >>> g.nlargest(3, "value").round(4)  # Baden-Baden, Heidelberg, Sigmaringen
       region   value
    13  08211  0.5453
    17  08221  0.5000
    43  08437  0.4801
    """
    return _per_region(
        data, specialisation_gini_matrix, "specialisation_gini",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip
