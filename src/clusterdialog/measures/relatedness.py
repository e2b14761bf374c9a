"""Relatedness: presence, co-occurrence, proximity, relatedness and density.

An industry is *present* in a region when its location quotient reaches a
threshold (M = 1 if LQ ≥ 1, the convention of EconGeo, ecomplexity and
Datawheel).  Industries that are present in the same regions are *related*;
the share of related industries a region already has is its *density* (or
relatedness density) for an industry, a predictor of entry (Hidalgo et al.
2007, 2018).

The peers differ in the relatedness matrix behind the density
(arguments of :func:`relatedness_density`):

=================  ==================================  ======================================
peer               relatedness                         arguments
=================  ==================================  ======================================
ecomplexity 0.5.3  proximity, φ_kk = 1                 (defaults)
Datawheel 0.3.0    proximity, φ_kk = 0                 ``diagonal=False``
EconGeo 2.0        co-occurrence normalised, R_kk = 0  ``method="probability", percent=True``
=================  ==================================  ======================================

Every function takes a long table (or a :class:`~clusterdialog.data.panel.RegionalPanel`)
and returns a long table; the ``*_matrix`` kernels work on numpy arrays.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._results import by_cell, by_industry_pair
from clusterdialog.measures.specialisation import location_quotient_matrix

__all__ = [
    "RELATEDNESS_METHODS",
    "co_occurrence",
    "co_occurrence_matrix",
    "density_matrix",
    "presence",
    "presence_matrix",
    "proximity",
    "proximity_matrix",
    "relatedness",
    "relatedness_density",
    "relatedness_matrix",
]

#: Normalisations of the co-occurrence matrix (EconGeo ``relatedness``).
RELATEDNESS_METHODS: tuple[str, ...] = ("probability", "cosine", "jaccard", "association")
_DENSITY_METHODS: tuple[str, ...] = ("proximity", *RELATEDNESS_METHODS)


def _choice(argument: str, given: object, allowed: tuple[str, ...]) -> str:
    if given not in allowed:
        raise InputError(f"{argument}: expected one of {list(allowed)}, got {given!r}")
    return str(given)


def _check_threshold(threshold: object) -> float:
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise InputError(f"threshold: expected a positive number, got {threshold!r}")
    if not np.isfinite(threshold) or threshold <= 0:
        raise InputError(f"threshold: expected a positive finite number, got {threshold!r}")
    return float(threshold)


def presence_matrix(x: np.ndarray, *, threshold: float = 1.0) -> np.ndarray:
    """Binary presence M (float 0/1) of a ``regions × industries`` value matrix.

    Parameters
    ----------
    x : numpy.ndarray
        Non-negative values (employment), regions in rows.
    threshold : float
        M_rk = 1 if LQ_rk ≥ ``threshold``.

    Returns
    -------
    numpy.ndarray
        Float 0/1 matrix of the same shape; cells whose LQ is undefined (zero
        row or column total) are 0.  See :func:`presence` for the conventions.

    Examples
    --------
    >>> import numpy as np
    >>> presence_matrix(np.array([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]]))
    array([[1., 0., 1., 0.],
           [0., 1., 0., 1.],
           [1., 1., 1., 0.]])
    """
    with np.errstate(invalid="ignore"):
        lq = location_quotient_matrix(np.asarray(x, dtype="float64"))
        return (lq >= threshold).astype("float64")


def co_occurrence_matrix(m: np.ndarray, *, diagonal: bool = False) -> np.ndarray:
    """Co-occurrence MᵀM of a binary presence matrix (industries × industries).

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries (:func:`presence_matrix`).
    diagonal : bool
        Keep the diagonal (ubiquities); by default it is 0.

    Returns
    -------
    numpy.ndarray
        Float64 industries × industries counts.  The product runs in float32,
        which is exact for counts below 2**24.  See :func:`co_occurrence`.
    """
    m32 = np.asarray(m, dtype="float32")
    c = (m32.T @ m32).astype("float64")
    if not diagonal:
        np.fill_diagonal(c, 0.0)
    return c


def proximity_matrix(m: np.ndarray, *, diagonal: bool = True) -> np.ndarray:
    """Proximity φ_kl = (MᵀM)_kl / max(u_k, u_l) of a binary presence matrix.

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries.
    diagonal : bool
        φ_kk = 1 (True, ecomplexity) or 0 (False, Datawheel).

    Returns
    -------
    numpy.ndarray
        Industries × industries.  Off the diagonal, a pair of which only one
        industry is present somewhere has proximity 0; a pair of two
        industries present nowhere is NaN (0/0), as is φ_kk with
        ``diagonal=True`` for an industry present nowhere.  See :func:`proximity`.

    Examples
    --------
    >>> import numpy as np
    >>> proximity_matrix(np.array([[1, 0], [0, 1], [1, 1]]))
    array([[1. , 0.5],
           [0.5, 1. ]])
    """
    c = co_occurrence_matrix(m, diagonal=True)
    u = np.diag(c).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = c / np.maximum(u[:, None], u[None, :])
    if not diagonal:
        np.fill_diagonal(phi, 0.0)
    return phi


def relatedness_matrix(m: np.ndarray, *, method: str = "probability") -> np.ndarray:
    """Relatedness from the co-occurrence (diagonal 0) of a binary presence matrix.

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries.
    method : {"probability", "cosine", "association", "jaccard"}
        The normalisation (formulas in :func:`relatedness`).

    Returns
    -------
    numpy.ndarray
        Symmetric industries × industries matrix, diagonal 0; entries whose
        formula is 0/0 are 0 (EconGeo).

    Raises
    ------
    InputError
        For an unknown method.
    """
    _choice("method", method, RELATEDNESS_METHODS)
    c = co_occurrence_matrix(m, diagonal=False)
    s = c.sum(axis=0)
    t = s.sum()
    si, sj = s[:, None], s[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "probability":
            expected = ((si / t) * (sj / (t - si)) + (sj / t) * (si / (t - sj))) * (t / 2)
            r = c / expected
        elif method == "cosine":
            r = c / np.sqrt(si * sj)
        elif method == "association":
            r = (c / t) / ((si / t) * (sj / t))
        else:
            r = c / (si + sj - c)
    r = np.where(c == 0, 0.0, r)
    np.fill_diagonal(r, 0.0)
    return r


def density_matrix(m: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Density Σ_j M_rj R_jk / Σ_j R_jk of presence M and relatedness R.

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries.
    r : numpy.ndarray
        Relatedness, industries × industries (its diagonal is used as given).

    Returns
    -------
    numpy.ndarray
        Regions × industries shares in [0, 1] for non-negative R.  NaN
        entries of R count as 0; where Σ_j R_jk = 0 the density is NaN.  See
        :func:`relatedness_density`.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[1, 0], [0, 1], [1, 1]])
    >>> density_matrix(m, proximity_matrix(m))
    array([[0.66666667, 0.33333333],
           [0.33333333, 0.66666667],
           [1.        , 1.        ]])
    """
    r = np.nan_to_num(np.asarray(r, dtype="float64"), nan=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.asarray(m, dtype="float64") @ r) / r.sum(axis=0)


def presence(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Presence (binary revealed comparative advantage) of industries in regions.

    .. math::

        M_{rk} = 1 \\text{ if } LQ_{rk} = \\frac{x_{rk}/X_r}{X_k/X} \\ge \\tau
        \\text{, else } 0

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (employment), one row per region ×
        industry (× period).
    region, industry, value, period : str
        Column names.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells.
    threshold : float
        τ, the LQ from which an industry counts as present (default 1).

    Returns
    -------
    pandas.DataFrame
        ``region, industry[, period], value`` with value 0 or 1.

    Raises
    ------
    InputError
        For a bad table, policy or threshold.

    Notes
    -----
    An exact tie LQ = τ counts as present (EconGeo ``location_quotient(binary=TRUE)``,
    ecomplexity ``rca_mcp_threshold``, Datawheel ``cutoff``).  A region or
    industry whose total is 0 has an undefined LQ and no presence.

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative
       advantage. The Manchester School 33(2), 99–123.
       https://doi.org/10.1111/j.1467-9957.1965.tb00050.x

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
    ...                    "value": [3, 1, 1, 3]})
    >>> presence(df)
      region industry  value
    0      A        x      1
    1      A        y      0
    2      B        x      0
    3      B        y      1
    """
    tau = _check_threshold(threshold)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="presence",
    )  # fmt: skip
    results = [presence_matrix(x, threshold=tau).astype("int64") for x in panel.matrices]
    return by_cell(panel, results)


def _presences(data, region, industry, value, period, suppressed, threshold, measure):
    tau = _check_threshold(threshold)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure=measure,
    )  # fmt: skip
    return panel, [presence_matrix(x, threshold=tau) for x in panel.matrices]


def co_occurrence(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    diagonal: bool = False,
) -> pd.DataFrame:
    """Number of regions in which two industries are both present.

    .. math::

        C_{kl} = \\sum_r M_{rk} M_{rl} = (M^\\top M)_{kl}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    diagonal : bool
        Keep the diagonal C_kk (the ubiquity of k); by default it is 0.

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j[, period], value`` for every ordered pair.

    Raises
    ------
    InputError
        For a bad table or argument.

    Notes
    -----
    EconGeo ``co_occurrence(t(M))`` sets the diagonal to 0 by default;
    ``diagonal=True`` reproduces ``co_occurrence(t(M), diagonal=TRUE)``.

    References
    ----------
    .. [1] Balland, P.-A. (2017). Economic Geography in R: Introduction to the
       EconGeo package. Papers in Evolutionary Economic Geography 17.09.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABBCC"), "industry": list("xyxyxy"),
    ...                    "value": [2, 1, 1, 2, 1, 1]})
    >>> co_occurrence(df)
      industry_i industry_j  value
    0          x          x    0.0
    1          x          y    1.0
    2          y          x    1.0
    3          y          y    0.0
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "co_occurrence"
    )
    return by_industry_pair(panel, [co_occurrence_matrix(m, diagonal=diagonal) for m in ms])


def proximity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    diagonal: bool = True,
) -> pd.DataFrame:
    """Proximity of industries: minimum conditional probability of co-presence.

    .. math::

        \\varphi_{kl} = \\frac{\\sum_r M_{rk} M_{rl}}{\\max(u_k, u_l)},
        \\qquad u_k = \\sum_r M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    diagonal : bool
        True (default) keeps φ_kk = 1 (ecomplexity); False sets it to 0
        (Datawheel).

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j[, period], value`` for every ordered pair.

    Raises
    ------
    InputError
        For a bad table or argument.

    Notes
    -----
    ecomplexity ``proximity`` (diagonal 1) and Datawheel
    ``proximity(rca, cutoff=1, procedure="max")`` (diagonal 0) agree off the
    diagonal.  Pairs of industries that are present nowhere are NaN; a pair
    of which one is present somewhere is 0.

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L., & Hausmann, R. (2007).
       The product space conditions the development of nations. Science
       317(5837), 482–487. https://doi.org/10.1126/science.1144581

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABBCC"), "industry": list("xyxyxy"),
    ...                    "value": [2, 1, 1, 2, 1, 1]})
    >>> proximity(df)["value"].tolist()
    [1.0, 0.5, 0.5, 1.0]
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "proximity"
    )
    return by_industry_pair(panel, [proximity_matrix(m, diagonal=diagonal) for m in ms])


def relatedness(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    method: str = "probability",
) -> pd.DataFrame:
    """Relatedness of industries: co-occurrence normalised by its expectation.

    With C the co-occurrence matrix with diagonal 0, s_k = Σ_l C_kl and
    t = Σ_kl C_kl:

    .. math::

        \\text{probability: } R_{kl} = \\frac{C_{kl}}{\\frac{t}{2}\\left(
        \\frac{s_k}{t}\\frac{s_l}{t - s_k} + \\frac{s_l}{t}\\frac{s_k}{t - s_l}\\right)},
        \\quad
        \\text{cosine: } \\frac{C_{kl}}{\\sqrt{s_k s_l}},
        \\quad
        \\text{association: } \\frac{C_{kl}/t}{(s_k/t)(s_l/t)},
        \\quad
        \\text{jaccard: } \\frac{C_{kl}}{s_k + s_l - C_{kl}}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    method : {"probability", "cosine", "association", "jaccard"}
        The normalisation (EconGeo ``method="prob"`` is ``"probability"``).

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j[, period], value``; symmetric, diagonal 0.

    Raises
    ------
    InputError
        For a bad table or an unknown method.

    Notes
    -----
    EconGeo ``relatedness(co_occurrence(t(M)), method=...)``: entries that are
    0/0 (industries without any co-occurrence) are 0, not NaN, and the
    diagonal is 0.  The probabilistic affinity is that of van Eck & Waltman
    (2009).

    References
    ----------
    .. [1] van Eck, N. J., & Waltman, L. (2009). How to normalize cooccurrence
       data? Journal of the American Society for Information Science and
       Technology 60(8), 1635–1651. https://doi.org/10.1002/asi.21075
    .. [2] Balland, P.-A. (2017). Economic Geography in R: Introduction to the
       EconGeo package. Papers in Evolutionary Economic Geography 17.09.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AAABBB"), "industry": list("xyzxyz"),
    ...                    "value": [3, 3, 1, 1, 3, 3]})
    >>> relatedness(df, method="cosine")["value"].round(4).tolist()
    [0.0, 0.7071, 0.0, 0.7071, 0.0, 0.7071, 0.0, 0.7071, 0.0]
    """
    _choice("method", method, RELATEDNESS_METHODS)
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "relatedness"
    )
    return by_industry_pair(panel, [relatedness_matrix(m, method=method) for m in ms])


def _given_relatedness(table: object, panel: RegionalPanel) -> np.ndarray:
    """Pivot a long industry-pair table onto the panel's industries."""
    name = panel.industry_name
    cols = [f"{name}_i", f"{name}_j", "value"]
    if not isinstance(table, pd.DataFrame):
        raise InputError(
            f"relatedness: expected a long DataFrame with columns {cols}, "
            f"got {type(table).__name__}"
        )
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise InputError(
            f"relatedness: missing column(s) {missing}; expected {cols}, "
            f"got {list(map(str, table.columns))}"
        )
    frame = table[cols].astype({cols[0]: str, cols[1]: str})
    if frame.duplicated(subset=cols[:2]).any():
        raise InputError(
            f"relatedness: some pairs ({cols[0]}, {cols[1]}) appear more than once; "
            "pass one period's table"
        )
    values = pd.to_numeric(frame["value"], errors="coerce")
    if values.isna().any() or np.isinf(values).any():
        raise InputError("relatedness: column 'value' must hold finite numbers")
    wide = frame.assign(value=values).pivot(index=cols[0], columns=cols[1], values="value")
    labels = panel.industries
    absent = labels.difference(wide.index).union(labels.difference(wide.columns))
    if len(absent):
        raise InputError(
            f"relatedness: {len(absent)} industries of the data have no relatedness, "
            f"e.g. {list(absent[:5])}"
        )
    extra = wide.index.union(wide.columns).difference(labels)
    if len(extra):
        warnings.warn(
            f"relatedness_density: {len(extra)} industries of the relatedness table are not "
            f"in the data and were ignored, e.g. {list(extra[:5])}",
            DataQualityWarning,
            stacklevel=3,
        )
    r = wide.reindex(index=labels, columns=labels).to_numpy(dtype="float64")
    if np.isnan(r).any():
        raise InputError(
            f"relatedness: {int(np.isnan(r).sum())} industry pairs of the data are missing"
        )
    return r


def relatedness_density(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    method: str | None = None,
    relatedness: pd.DataFrame | None = None,
    diagonal: bool | None = None,
    percent: bool = False,
) -> pd.DataFrame:
    """Relatedness density: the related share of an industry's neighbours a region has.

    .. math::

        d_{rk} = \\frac{\\sum_j M_{rj} R_{jk}}{\\sum_j R_{jk}}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    method : {"proximity", "probability", "cosine", "association", "jaccard"}, optional
        The relatedness R: proximity (:func:`proximity`, the default) or an
        EconGeo normalisation of co-occurrence (:func:`relatedness`),
        computed on the data of each period.
    relatedness : pandas.DataFrame, optional
        A given relatedness instead, as a long table
        ``industry_i, industry_j, value`` (the output of :func:`proximity` or
        :func:`relatedness` for one period, e.g. on national data).  It must
        cover every industry of the data; others are ignored with a warning.
    diagonal : bool, optional
        Whether R_kk (an industry's own presence) counts.  By default the
        method's own convention: 1 for proximity, 0 for the EconGeo methods,
        as given for a given table.  False sets it to 0; True keeps it and
        is allowed for proximity and given tables only.
    percent : bool
        Multiply by 100 (EconGeo's scale, 0–100).

    Returns
    -------
    pandas.DataFrame
        ``region, industry[, period], value``.  NaN for an industry without
        any relatedness to others (Σ_j R_jk = 0).

    Raises
    ------
    InputError
        For a bad table, an unknown method, both ``method`` and
        ``relatedness``, ``diagonal=True`` with an EconGeo method, or a
        relatedness table that misses industries.

    Notes
    -----
    The three peers (reference values in ``reference/a_*``):

    * ecomplexity ``density``: ``method="proximity"`` (defaults);
    * Datawheel ``relatedness(rca, cutoff=1)``: ``method="proximity", diagonal=False``;
    * EconGeo ``relatedness_density(M, relatedness(co_occurrence(t(M)), "prob"))``:
      ``method="probability", percent=True`` (EconGeo rounds to 2 decimals;
      this function does not).

    With the diagonal kept, a region's own presence in k raises d_rk; without
    it, d_rk looks only at the other industries.

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L., & Hausmann, R. (2007).
       The product space conditions the development of nations. Science
       317(5837), 482–487. https://doi.org/10.1126/science.1144581
    .. [2] Hidalgo, C. A. et al. (2018). The principle of relatedness. In
       Unifying Themes in Complex Systems IX, 451–457. Springer.
       https://doi.org/10.1007/978-3-319-96661-8_46

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AAABBB"), "industry": list("xyzxyz"),
    ...                    "value": [3, 3, 1, 1, 3, 3]})
    >>> relatedness_density(df, diagonal=False)["value"].round(3).tolist()
    [1.0, 0.5, 1.0, 1.0, 0.5, 1.0]
    """
    if relatedness is not None and method is not None:
        raise InputError("relatedness_density: give either method= or relatedness=, not both")
    if relatedness is None:
        method = _choice("method", "proximity" if method is None else method, _DENSITY_METHODS)
    if not (diagonal is None or isinstance(diagonal, bool)):
        raise InputError(f"diagonal: expected True, False or None, got {diagonal!r}")
    if diagonal is True and method in RELATEDNESS_METHODS:
        raise InputError(
            f"diagonal: method={method!r} has no diagonal (EconGeo sets it to 0); "
            "use diagonal=False or None"
        )
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "relatedness_density"
    )
    given = None if relatedness is None else _given_relatedness(relatedness, panel)
    results = []
    for m in ms:
        if given is not None:
            r = given.copy()
        elif method == "proximity":
            r = proximity_matrix(m, diagonal=True)
        else:
            r = relatedness_matrix(m, method=method)
        if diagonal is False:
            np.fill_diagonal(r, 0.0)
        d = density_matrix(m, r)
        results.append(100.0 * d if percent else d)
    return by_cell(panel, results)
