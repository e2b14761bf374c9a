"""Inequality and diversity of a distribution: Herfindahl, Shannon entropy, Theil, Gini.

Each measure reads a regional panel and describes, for every region, how its
employment is spread over the industries (``over="industries"``, one row per
region) or, for every industry, how it is spread over the regions
(``over="regions"``, one row per industry).  The matrix kernels
(``*_matrix``) take a dense ``regions × industries`` array and an ``axis``
(1 = across industries, 0 = across regions) and are reused by the
specialisation and concentration measures.

A row (or column) whose total is zero has no distribution: every measure
returns ``NaN`` for it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.measures._checks import check_base, check_choice, shares_along, xlogx
from clusterdialog.measures._results import by_industry, by_region, per_period

__all__ = [
    "gini_matrix",
    "herfindahl",
    "herfindahl_matrix",
    "lorenz_gini_matrix",
    "shannon_entropy",
    "shannon_entropy_matrix",
    "theil",
    "theil_matrix",
]

OVER = ("industries", "regions")
THEIL_METHODS = ("T", "L")


def _tabulate(panel: RegionalPanel, results: list, over: str) -> pd.DataFrame:
    return by_region(panel, results) if over == "industries" else by_industry(panel, results)


def herfindahl_matrix(x: np.ndarray, axis: int = 1) -> np.ndarray:
    """Herfindahl index Σ s² of the shares along ``axis`` (1: per region)."""
    return np.sum(shares_along(np.asarray(x, dtype=float), axis) ** 2, axis=axis)


def shannon_entropy_matrix(x: np.ndarray, axis: int = 1, base: float = 2.0) -> np.ndarray:
    """Shannon entropy −Σ s log s of the shares along ``axis`` (``0 log 0 = 0``)."""
    s = shares_along(np.asarray(x, dtype=float), axis)
    return 0.0 - np.sum(xlogx(s), axis=axis) / np.log(base)


def theil_matrix(x: np.ndarray, axis: int = 1, method: str = "T") -> np.ndarray:
    """Theil T (Σ s ln(n s)) or Theil L (mean ln(μ/x)) along ``axis``.

    Theil L is ``NaN`` where any value along the axis is zero, as in REAT.
    """
    check_choice("method", method, THEIL_METHODS)
    x = np.asarray(x, dtype=float)
    n = x.shape[axis]
    if method == "T":
        s = shares_along(x, axis)
        s *= n
        return np.sum(xlogx(s), axis=axis) / n
    positive = np.all(x > 0, axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_log = np.mean(np.log(x.mean(axis=axis, keepdims=True) / x), axis=axis)
    return np.where(positive, mean_log, np.nan)


def gini_matrix(values: np.ndarray, axis: int = 0, *, overwrite: bool = False) -> np.ndarray:
    r"""Unweighted Gini coefficient of the values along ``axis``.

    .. math:: G = \frac{2}{n^2 \bar v} \sum_{\lambda=1}^{n} \lambda\,(v_{(\lambda)} - \bar v)

    with :math:`v_{(\lambda)}` sorted ascending (REAT ``gini``/``gini.conc``/
    ``gini.spec``).  The range is ``[0, 1 − 1/n]``.  ``NaN`` where a value is
    ``NaN`` or the mean is zero.  ``overwrite=True`` sorts ``values`` in place
    (a float array the caller no longer needs), saving a copy.
    """
    v = np.asarray(values, dtype=float)
    if overwrite and v is values:
        v.sort(axis=axis)
    else:
        v = np.sort(v, axis=axis)
    n = v.shape[axis]
    if n == 0:
        return np.full(np.delete(v.shape, axis), np.nan)
    rank = np.arange(1, n + 1, dtype=float)
    # Σ λ (v_(λ) − mean) = Σ λ v_(λ) − mean n(n+1)/2, without matrix-sized temporaries
    if v.ndim == 2:
        weighted = rank @ v if axis == 0 else v @ rank
    else:
        weighted = np.tensordot(v, rank, axes=([axis], [0]))
    mean = v.mean(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 2.0 / (n**2 * mean) * (weighted - mean * (n * (n + 1) / 2.0))
    return np.where(mean > 0, out, np.nan)


def lorenz_gini_matrix(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r"""Weighted Lorenz-curve Gini of every column of ``x`` against row ``weights``.

    Rows are sorted (per column) by ``x / weights`` ascending; the Lorenz curve
    joins the cumulative shares of the weights (abscissa, :math:`W_i`) and of
    the column (ordinate, :math:`Y_i`), and the value is twice the area between
    it and the diagonal:

    .. math::

        G = \sum_{i=2}^{n} (Y_i W_{i-1} - Y_{i-1} W_i)
          = \sum_{i=1}^{n} (W_{i-1}\, y_i - Y_{i-1}\, w_i)

    with :math:`y_i, w_i` the shares of row i (the second form, summed here,
    avoids cancellation).  This is EconGeo ``hoover_gini`` (range 0–1); the
    locational Gini is half of it.  One ``argsort`` sorts all columns at
    once.  ``NaN`` for a column whose total is zero.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(weights, dtype=float)
    gini = np.empty(x.shape[1])
    # blocks of columns keep the sort's temporaries small (a fraction of x)
    for start in range(0, x.shape[1], _LORENZ_BLOCK):
        block = slice(start, start + _LORENZ_BLOCK)
        gini[block] = _lorenz_gini_block(np.ascontiguousarray(x[:, block].T), w)
    return gini


_LORENZ_BLOCK = 64


def _lorenz_gini_block(xt: np.ndarray, w: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = xt / w
        ratio[np.isnan(ratio)] = 0.0
        order = np.argsort(ratio, axis=1)
        y = np.take_along_axis(xt, order, axis=1)
        total = y.sum(axis=1, keepdims=True)
        y /= total
    w_sorted = w[order] / w.sum()
    y_before = np.cumsum(y, axis=1) - y
    w_before = np.cumsum(w_sorted, axis=1) - w_sorted
    gini = np.einsum("ij,ij->i", w_before, y) - np.einsum("ij,ij->i", y_before, w_sorted)
    return np.where(total[:, 0] > 0, gini, np.nan)


def _run(data, over, measure, kernel, *, region, industry, value, period, suppressed):
    check_choice("over", over, OVER)
    panel = as_panel(
        data,
        region=region,
        industry=industry,
        value=value,
        period=period,
        suppressed=suppressed,
        measure=measure,
    )
    axis = 1 if over == "industries" else 0
    return _tabulate(panel, per_period(panel, lambda m: kernel(m, axis)), over)


def herfindahl(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    over: str = "industries",
) -> pd.DataFrame:
    r"""Herfindahl(-Hirschman) index of concentration of a distribution.

    .. math:: H_r = \sum_k s_{rk}^2, \qquad s_{rk} = x_{rk} / \sum_k x_{rk}

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (e.g. employment).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells (see ``RegionalPanel.resolve_suppressed``).
    over : {"industries", "regions"}
        ``"industries"``: per region, the distribution over industries
        (specialisation).  ``"regions"``: per industry, the distribution over
        regions (concentration).

    Returns
    -------
    pandas.DataFrame
        One row per region (or industry) and period, column ``value`` in
        ``[1/n, 1]``; ``NaN`` where the total is zero.

    Raises
    ------
    InputError
        For a bad table or an unknown ``over``.

    Notes
    -----
    Shares are fractions (EconGeo ``herfindahl``, REAT ``herf``), not
    percentages; multiply by 10,000 for the antitrust scale.

    References
    ----------
    .. [1] Hirschman, A. O. (1964). The paternity of an index. *American
       Economic Review* 54(5), 761.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
    ...                    "value": [1, 1, 3, 0]})
    >>> herfindahl(df)
      region  value
    0      A    0.5
    1      B    1.0

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the occupation groups whose employment
    is most concentrated in few Kreise:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     h = herfindahl(
    ...         bw, industry="occupation", value="employees", suppressed="zero", over="regions"
    ...     )
    >>> h.nlargest(3, "value").round(4)  # pilots, rail/air/ship operations, film and TV
        occupation   value
    68         523  0.4247
    60         511  0.2555
    136        944  0.2460
    """
    return _run(
        data, over, "herfindahl", herfindahl_matrix,
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip


def shannon_entropy(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    over: str = "industries",
    base: float = 2.0,
) -> pd.DataFrame:
    r"""Shannon entropy (diversity) of a distribution.

    .. math:: E_r = -\sum_k s_{rk} \log_b s_{rk}, \qquad 0 \log 0 = 0

    Parameters
    ----------
    data, region, industry, value, period, suppressed, over
        As in :func:`herfindahl`.
    base : float
        Base of the logarithm: 2 (bits, default, as EconGeo), ``numpy.e``
        (nats) or 10.

    Returns
    -------
    pandas.DataFrame
        One row per region (or industry) and period, column ``value`` in
        ``[0, log_b n]``; ``NaN`` where the total is zero.

    Raises
    ------
    InputError
        For a bad table, ``over`` or ``base``.

    Notes
    -----
    This is the exact entropy.  EconGeo ``entropy`` computes
    −Σ s log2(s + 1e-9) and rounds to 3 decimals; without the rounding it
    differs from the exact value by less than about 2e-8.

    References
    ----------
    .. [1] Shannon, C. E. (1948). A mathematical theory of communication.
       *Bell System Technical Journal* 27(3), 379–423.
       doi:10.1002/j.1538-7305.1948.tb01338.x

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
    ...                    "value": [1, 1, 3, 0]})
    >>> shannon_entropy(df)
      region  value
    0      A    1.0
    1      B    0.0

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the Kreise with the most diverse
    occupations:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     e = shannon_entropy(bw, industry="occupation", value="employees", suppressed="zero")
    >>> e.nlargest(3, "value").round(4)  # Konstanz, Breisgau-Hochschwarzwald, Ravensburg
       region   value
    32  08335  5.9795
    26  08315  5.8827
    42  08436  5.8784
    """
    base = check_base(base)
    return _run(
        data, over, "shannon_entropy",
        lambda m, axis: shannon_entropy_matrix(m, axis, base),
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip


def theil(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    over: str = "industries",
    method: str = "T",
) -> pd.DataFrame:
    r"""Theil index of inequality (T or L) of a distribution.

    .. math::

        T = \sum_k s_k \ln(n\, s_k), \qquad
        L = \frac{1}{n} \sum_k \ln\frac{\bar x}{x_k}

    with n the number of industries (or regions) and natural logarithms.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, over
        As in :func:`herfindahl`.
    method : {"T", "L"}
        ``"T"``: Theil T (PySAL ``inequality.theil.Theil``), range
        ``[0, ln n]``; zero cells contribute 0.  ``"L"``: Theil L, the mean
        log deviation (REAT ``theil``), range ``[0, ∞)``.

    Returns
    -------
    pandas.DataFrame
        One row per region (or industry) and period, column ``value``.

    Raises
    ------
    InputError
        For a bad table, ``over`` or ``method``.

    Notes
    -----
    Theil L is undefined when a value is zero; it is ``NaN`` then (REAT
    returns ``Inf``/``NA``).  Both are ``NaN`` for an all-zero row or column.

    References
    ----------
    .. [1] Theil, H. (1967). *Economics and Information Theory*.
       North-Holland, Amsterdam.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
    ...                    "value": [1, 1, 3, 1]})
    >>> theil(df, method="L").round(6)
      region     value
    0      A  0.000000
    1      B  0.143841

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the Kreise whose employment is most
    unevenly spread over the occupation groups:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     t = theil(bw, industry="occupation", value="employees", suppressed="zero")
    >>> t.nlargest(3, "value").round(4)  # Hohenlohekreis, Tuttlingen, Böblingen
       region   value
    8   08126  1.2252
    31  08327  1.1978
    1   08115  1.1181
    """
    check_choice("method", method, THEIL_METHODS)
    return _run(
        data, over, "theil",
        lambda m, axis: theil_matrix(m, axis, method),
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip
