"""Specialisation of regions: location quotients, Krugman index, specialisation Gini.

All measures read a regional panel (a long table or a
:class:`~clusterdialog.data.panel.RegionalPanel`) of non-negative values,
usually employment, and compare each region's industry structure with a
reference structure (by default the panel's own total).  Each has a matrix
kernel (``*_matrix``) over a dense ``regions × industries`` array.

A region with zero total has no structure: its values are ``NaN``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from clusterdialog.data.panel import RegionalPanel, as_panel, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import as_mapping, check_choice, shares_along
from clusterdialog.measures._results import by_cell, by_region, per_period
from clusterdialog.measures.inequality import gini_matrix

__all__ = [
    "krugman_index",
    "krugman_index_matrix",
    "location_quotient",
    "location_quotient_matrix",
    "specialisation_coefficient",
    "specialisation_gini",
    "specialisation_gini_matrix",
]

KRUGMAN_METHODS = ("econgeo", "rest_of_nation")
_REFERENCE_AREA = "__reference_area__"


def location_quotient_matrix(
    x: np.ndarray, reference: np.ndarray | None = None, reference_total=None
) -> np.ndarray:
    """Location quotients of a ``regions × industries`` matrix.

    ``reference`` is ``None`` (the matrix's own column totals), a vector of
    reference employment by industry, or a ``regions × industries`` matrix
    with one reference row per region; ``reference_total`` defaults to its sum
    (per row for a matrix).  ``NaN`` where the region total, the reference
    employment of the industry or the reference total is zero.
    """
    x = np.asarray(x, dtype=float)
    ref = x.sum(axis=0) if reference is None else np.asarray(reference, dtype=float)
    total = ref.sum(axis=-1) if reference_total is None else reference_total
    total = np.asarray(total, dtype=float)
    if ref.ndim == 2:
        total = total.reshape(-1, 1)
    region_total = x.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        lq = (x / region_total) / (ref / total)
    return np.where((region_total > 0) & (ref > 0) & (total > 0), lq, np.nan)


def _external_reference(reference: object, panel: RegionalPanel, value: str) -> list[tuple]:
    """Reference employment by industry (aligned to the panel) and its total, per period."""
    if not isinstance(reference, pd.DataFrame):
        raise InputError(
            f"reference: expected a long DataFrame with columns {panel.industry_name!r} and "
            f"{value!r}, got {type(reference).__name__}"
        )
    name, per = panel.industry_name, panel.period_name
    with_period = per is not None and per in reference.columns
    keys = [name] + ([per] if with_period else [])
    if all(k in reference.columns for k in keys) and reference.duplicated(subset=keys).any():
        raise InputError(f"reference: several rows for the same {', '.join(keys)}; expected one")
    clean = validate_panel(
        reference.assign(**{_REFERENCE_AREA: "reference"}),
        region=_REFERENCE_AREA, industry=name, value=value,
        period=per if with_period else None, argument="reference",
    )  # fmt: skip
    if clean["suppressed"].any():
        raise InputError(
            f"reference: {int(clean['suppressed'].sum())} missing value(s) in {value!r}"
        )
    out = []
    for period, matrix in zip(panel.periods, panel.matrices, strict=True):
        part = clean[clean[per] == period] if with_period else clean
        if part.empty:
            raise InputError(f"reference: no rows for {per}={period!r}")
        series = part.set_index(name)[value]
        missing = panel.industries.difference(series.index)
        if len(missing):
            raise InputError(
                f"reference: {len(missing)} industr(y/ies) of the panel missing, e.g. "
                f"{list(missing[:5])}"
            )
        vec = series.reindex(panel.industries).to_numpy(dtype=float)
        exceeded = matrix.sum(axis=0) > vec * (1 + 1e-9)
        if exceeded.any():
            warnings.warn(
                f"reference: {int(exceeded.sum())} of {len(vec)} industries have more in the "
                f"panel than in the reference area (e.g. {list(panel.industries[exceeded][:3])}); "
                "the reference area should contain the panel's regions",
                DataQualityWarning,
                stacklevel=3,
            )
        out.append((vec, float(series.sum())))
    return out


def location_quotient(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    reference: pd.DataFrame | None = None,
    reference_groups: Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Location quotient of every region and industry.

    .. math:: LQ_{rk} = \frac{x_{rk} / X_r}{X_k / X}

    with :math:`X_r` the region's total and :math:`X_k`, :math:`X` the
    reference area's employment in industry k and in all industries.

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (e.g. employment).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells (see ``RegionalPanel.resolve_suppressed``).
    reference : pandas.DataFrame, optional
        The reference area's employment as a long table with the columns
        ``industry`` and ``value`` (the names given above) and, for a panel
        with periods, optionally ``period``; e.g. Germany when the panel holds
        the Kreise of one Land.  X is its grand total (including industries
        not in the panel).  Default: the panel's own total.
    reference_groups : mapping, optional
        Region → group (e.g. Kreis → Land): each region is compared with the
        total of its group.  Not together with ``reference``.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry (× period), column ``value``.

    Raises
    ------
    InputError
        For a bad table, a reference without an industry of the panel, or a
        region without a group.

    Warns
    -----
    DataQualityWarning
        When an industry has more employment in the panel than in ``reference``.

    Notes
    -----
    ``NaN`` for a region with zero total and for an industry with zero
    reference employment.  The values equal EconGeo ``location_quotient``,
    REAT ``locq`` and ecomplexity ``rca`` (EconGeo ``rca`` rounds to 2 dp).

    References
    ----------
    .. [1] Isserman, A. M. (1977). The location quotient approach to
       estimating regional economic impacts. *Journal of the American
       Institute of Planners* 43(1), 33–41. doi:10.1080/01944367708977758

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> location_quotient(df)
      region industry     value
    0     R1       I1  1.666667
    1     R1       I2  0.714286
    2     R2       I1  0.555556
    3     R2       I2  1.190476
    """
    if reference is not None and reference_groups is not None:
        raise InputError("reference, reference_groups: give at most one of them, got both")
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="location_quotient",
    )  # fmt: skip
    if reference is not None:
        refs = _external_reference(reference, panel, value)
        results = [
            location_quotient_matrix(m, vec, total)
            for m, (vec, total) in zip(panel.matrices, refs, strict=True)
        ]
    elif reference_groups is not None:
        lookup = as_mapping(reference_groups, "reference_groups")
        groups = pd.Series(panel.regions).map(lookup)
        if groups.isna().any():
            missing = list(panel.regions[groups.isna().to_numpy()][:5])
            raise InputError(
                f"reference_groups: {int(groups.isna().sum())} region(s) have no group, "
                f"e.g. {missing}"
            )
        codes, uniques = pd.factorize(groups)
        indicator = sparse.csr_matrix(
            (np.ones(len(codes)), (codes, np.arange(len(codes)))),
            shape=(len(uniques), len(codes)),
        )
        results = [location_quotient_matrix(m, (indicator @ m)[codes]) for m in panel.matrices]
    else:
        results = per_period(panel, location_quotient_matrix)
    return by_cell(panel, results)


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
        As in :func:`location_quotient`.
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
    return gini_matrix(location_quotient_matrix(x[:, x.sum(axis=0) > 0]), axis=1)


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
        As in :func:`location_quotient`.

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
    """
    return _per_region(
        data, specialisation_gini_matrix, "specialisation_gini",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip
