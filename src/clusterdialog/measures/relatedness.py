"""Relatedness of industries and the relatedness density of regions.

Industries that are present in the same regions (M = 1 if LQ ≥ 1, see
:mod:`.cooccurrence`) are *related*; the share of related industries a
region already has is its *density* (or relatedness density) for an
industry, a predictor of entry (Hidalgo et al. 2007, 2018).

The peers differ in the relatedness matrix behind the density
(arguments of :func:`relatedness_density`):

=================  ==================================  ======================================
peer               relatedness                         arguments
=================  ==================================  ======================================
ecomplexity 0.5.3  proximity, φ_kk = 1                 (defaults)
Datawheel 0.3.0    proximity, φ_kk = 0                 ``diagonal=False``
EconGeo 2.0        co-occurrence normalised, R_kk = 0  ``method="probability", percent=True``
=================  ==================================  ======================================
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures._results import by_cell, by_industry_pair

# presence, co-occurrence and proximity live in .cooccurrence; kept importable from here
from clusterdialog.measures.cooccurrence import _presences
from clusterdialog.measures.cooccurrence import co_occurrence as co_occurrence
from clusterdialog.measures.cooccurrence import co_occurrence_matrix as co_occurrence_matrix
from clusterdialog.measures.cooccurrence import presence as presence
from clusterdialog.measures.cooccurrence import presence_matrix as presence_matrix
from clusterdialog.measures.cooccurrence import proximity as proximity
from clusterdialog.measures.cooccurrence import proximity_matrix as proximity_matrix

__all__ = [
    "RELATEDNESS_METHODS",
    "density_matrix",
    "relatedness",
    "relatedness_density",
    "relatedness_matrix",
]

#: Normalisations of the co-occurrence matrix (EconGeo ``relatedness``).
RELATEDNESS_METHODS: tuple[str, ...] = ("probability", "cosine", "jaccard", "association")
_DENSITY_METHODS: tuple[str, ...] = ("proximity", *RELATEDNESS_METHODS)


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
    check_choice("method", method, RELATEDNESS_METHODS)
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
    density = np.asarray(m, dtype="float64") @ r
    with np.errstate(divide="ignore", invalid="ignore"):
        density /= r.sum(axis=0)
    return density


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
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.
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

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the groups most related to software
    development (434):

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     r = relatedness(bw, industry="occupation", value="employees", suppressed="zero")
    >>> r[r["occupation_i"] == "434"].nlargest(3, "value").round(4)
         occupation_i occupation_j   value
    8438          434          911  2.9342
    8375          434          431  2.9270
    8435          434          843  2.8613
    """
    check_choice("method", method, RELATEDNESS_METHODS)
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
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.
    method : {"proximity", "probability", "cosine", "association", "jaccard"}, optional
        The relatedness R: proximity
        (:func:`~clusterdialog.measures.cooccurrence.proximity`, the default)
        or an EconGeo normalisation of co-occurrence (:func:`relatedness`),
        computed on the data of each period.
    relatedness : pandas.DataFrame, optional
        A given relatedness instead, as a long table
        ``industry_i, industry_j, value`` (the output of
        :func:`~clusterdialog.measures.cooccurrence.proximity` or
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

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the absent groups with the highest
    density in Stuttgart:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.measures import presence
    >>> bw = load_bw_occupations()
    >>> options = dict(industry="occupation", value="employees", suppressed="zero")
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     density = relatedness_density(bw, **options)
    ...     present = presence(bw, **options)
    >>> absent = (density["region"] == "08111") & (present["value"] == 0)
    >>> density[absent].nlargest(3, "value").round(4)  # Stuttgart's closest absent groups
       region occupation   value
    99  08111        812  0.6544
    56  08111        431  0.6254
    55  08111        423  0.6233
    """
    if relatedness is not None and method is not None:
        raise InputError("relatedness_density: give either method= or relatedness=, not both")
    if relatedness is None:
        method = "proximity" if method is None else method
        check_choice("method", method, _DENSITY_METHODS)
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
