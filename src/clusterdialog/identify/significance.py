"""Significance of regional specialisation: LQ confidence intervals and tests against expectation.

A location quotient computed from counts is an estimate; in a small region a
handful of employees moves it a lot.  :func:`location_quotient_interval` gives
confidence intervals (log-normal after Moineddin, Beyene & Boyle 2003, or exact
Poisson), :func:`expected_employment_test` tests observed against expected
employment :math:`E_{rk} = X_r X_k / X` with :func:`benjamini_hochberg` control
of the false discovery rate.

All treat employees as independent draws, which they are not (they come in
firms): intervals are too narrow and p-values too small when a few large
establishments dominate a cell.  Read them as a screen against noise in small
cells, not as proof of a cluster.  Pure: reads no files, prints nothing.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures._results import by_cell
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = [
    "INTERVAL_METHODS",
    "TEST_ALTERNATIVES",
    "TEST_METHODS",
    "benjamini_hochberg",
    "benjamini_hochberg_adjust",
    "expected_employment_test",
    "expected_employment_test_matrix",
    "location_quotient_interval",
]

INTERVAL_METHODS = ("lognormal", "poisson")
TEST_METHODS = ("binomial", "poisson")
TEST_ALTERNATIVES = ("greater", "less", "two-sided")


def _check_probability(argument: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise InputError(f"{argument}: expected a number strictly between 0 and 1, got {value!r}")
    return float(value)


def benjamini_hochberg_adjust(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) of a 1-d array; ``NaN`` stays ``NaN``.

    ``NaN`` entries are not counted among the m tests.
    """
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    m = len(valid)
    if m == 0:
        return q
    order = valid[np.argsort(p[valid])]  # ties end with equal q in any order
    ranked = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return q


def benjamini_hochberg(p_values, *, alpha: float = 0.05) -> pd.DataFrame:
    r"""Benjamini–Hochberg control of the false discovery rate.

    .. math:: q_{(i)} = \min_{j \ge i} \min\left(1, \frac{m}{j} p_{(j)}\right)

    for the p-values sorted :math:`p_{(1)} \le \dots \le p_{(m)}`; a test is
    significant when :math:`q \le \alpha`.

    Parameters
    ----------
    p_values : array-like or pandas.Series
        p-values in [0, 1]; ``NaN`` marks a test that was not made (not counted in m).
    alpha : float
        False discovery rate, strictly between 0 and 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``p_value``, ``q_value``, ``significant`` (index of the Series, if given).

    Raises
    ------
    InputError
        For p-values outside [0, 1] or a bad ``alpha``.

    Notes
    -----
    The q-values equal ``scipy.stats.false_discovery_control(p, method="bh")``
    and R ``p.adjust(p, "BH")``.

    References
    ----------
    .. [1] Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery
       rate: a practical and powerful approach to multiple testing. *Journal of
       the Royal Statistical Society B* 57(1), 289–300.
       doi:10.1111/j.2517-6161.1995.tb02031.x

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
       p_value  q_value  significant
    0     0.01  0.04000         True
    1     0.04  0.05333        False
    2     0.03  0.05333        False
    3     0.20  0.20000        False
    """
    alpha = _check_probability("alpha", alpha)
    index = p_values.index if isinstance(p_values, pd.Series) else None
    p = np.asarray(p_values, dtype=float).ravel()
    if np.any((p < 0) | (p > 1)):
        raise InputError(
            f"p_values: expected values in [0, 1], got {p[(p < 0) | (p > 1)][:5].tolist()}"
        )
    q = benjamini_hochberg_adjust(p)
    return pd.DataFrame({"p_value": p, "q_value": q, "significant": q <= alpha}, index=index)


def _expected(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected counts X_r X_k / X, region totals and industry shares of a matrix."""
    region_total = x.sum(axis=1, keepdims=True)
    total = x.sum()
    share = x.sum(axis=0, keepdims=True) / total if total > 0 else np.full((1, x.shape[1]), np.nan)
    return region_total * share, region_total, share


def expected_employment_test_matrix(
    x: np.ndarray, *, method: str = "binomial", alternative: str = "greater"
) -> dict[str, np.ndarray]:
    """Kernel of :func:`expected_employment_test` on a ``regions × industries`` count matrix.

    Returns a dict of matrices ``expected`` and ``p_value`` (``NaN`` where the
    expectation is undefined or zero).
    """
    x = np.rint(np.asarray(x, dtype=float))
    expected, region_total, share = _expected(x)
    n = np.broadcast_to(region_total, x.shape)
    p = np.broadcast_to(share, x.shape)
    args = (n, p) if method == "binomial" else (expected,)
    dist = stats.binom if method == "binomial" else stats.poisson
    upper = lower = None
    with np.errstate(invalid="ignore", divide="ignore"):
        if alternative != "less":  # P(Y >= x); 1 for x = 0 (most cells of sparse panels)
            upper = np.ones(x.shape)
            some = x > 0
            upper[some] = dist.sf(x[some] - 1, *(a[some] for a in args))
        if alternative != "greater":
            lower = dist.cdf(x, *args)
    if alternative == "greater":
        p_value = upper
    elif alternative == "less":
        p_value = lower
    else:
        p_value = np.minimum(1.0, 2 * np.minimum(upper, lower))
    undefined = ~(expected > 0) | ~np.isfinite(expected)
    p_value = np.where(undefined, np.nan, p_value)
    return {"expected": np.where(np.isfinite(expected), expected, np.nan), "p_value": p_value}


def _warn_non_integral(panel: RegionalPanel, measure: str) -> None:
    cells = sum(int(np.count_nonzero(m != np.rint(m))) for m in panel.matrices)
    if cells:
        n_cells = sum(m.size for m in panel.matrices)
        warnings.warn(
            f"{measure}: {cells} of {n_cells} cells ({cells / n_cells:.1%}) are not whole "
            "numbers; the count model rounds them to the nearest integer",
            DataQualityWarning,
            stacklevel=3,
        )


def expected_employment_test(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    method: str = "binomial",
    alternative: str = "greater",
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Test observed against expected employment in every region and industry.

    .. math:: E_{rk} = \frac{X_r X_k}{X}, \qquad
              p_{rk} = P(Y \ge x_{rk}),\;
              Y \sim \mathrm{Bin}(X_r, X_k / X) \text{ or } \mathrm{Poisson}(E_{rk})

    (for ``alternative="greater"``), then Benjamini–Hochberg q-values over
    all cells of a period.

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of counts (employees).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells.
    method : {"binomial", "poisson"}
        Count model: each of the region's :math:`X_r` employees works in
        industry k with the reference probability :math:`X_k/X`, or the count
        is Poisson with mean :math:`E_{rk}`.
    alternative : {"greater", "less", "two-sided"}
        ``"greater"`` tests for more employment than expected (specialisation);
        the two-sided p-value doubles the smaller tail (capped at 1).
    alpha : float
        False discovery rate of the Benjamini–Hochberg procedure.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry (× period): ``observed``, ``expected``,
        ``lq``, ``p_value``, ``q_value``, ``significant`` (``q_value ≤ alpha``).

    Raises
    ------
    InputError
        For bad input or options.

    Warns
    -----
    DataQualityWarning
        When values are not whole numbers (they are rounded for the test).

    Notes
    -----
    ``NaN`` p-values (region or industry total zero) are left out of the
    Benjamini–Hochberg family and are never significant.  The binomial model
    is the one behind the LQ intervals of Moineddin et al. (2003); both
    ignore that employees come in establishments, so small p-values in
    cells dominated by one large employer overstate the evidence.

    References
    ----------
    .. [1] Moineddin, R., Beyene, J. & Boyle, E. (2003). On the location
       quotient confidence interval. *Geographical Analysis* 35(3), 249–256.
       doi:10.1111/j.1538-4632.2003.tb01113.x
    .. [2] Benjamini, Y. & Hochberg, Y. (1995), see :func:`benjamini_hochberg`.

    Examples
    --------
    Which WZ groups of Stuttgart (08111) have significantly more employees
    than Germany's structure predicts, in 2020?

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> df = load_kreise_industries()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     test = expected_employment_test(df[df["period"] == 2020], suppressed="zero")
    >>> stuttgart = test[test["region"] == "08111"].set_index("industry")
    >>> stuttgart.loc[["J", "K", "F"], ["lq", "significant"]].round(3)
                 lq  significant
    industry
    J         2.123         True
    K         2.419         True
    F         0.616        False
    """
    check_choice("method", method, TEST_METHODS)
    check_choice("alternative", alternative, TEST_ALTERNATIVES)
    alpha = _check_probability("alpha", alpha)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="expected_employment_test",
    )  # fmt: skip
    _warn_non_integral(panel, "expected_employment_test")
    results = []
    for m in panel.matrices:
        out = expected_employment_test_matrix(m, method=method, alternative=alternative)
        q = benjamini_hochberg_adjust(out["p_value"].ravel()).reshape(m.shape)
        results.append({
            "observed": m, "expected": out["expected"], "lq": location_quotient_matrix(m),
            "p_value": out["p_value"], "q_value": q, "significant": q <= alpha,
        })  # fmt: skip
    return by_cell(panel, results)


def location_quotient_interval(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    confidence: float = 0.95,
    method: str = "lognormal",
) -> pd.DataFrame:
    r"""Confidence interval of every location quotient.

    ``"lognormal"`` (Moineddin, Beyene & Boyle 2003, delta method):

    .. math:: \ln LQ_{rk} \pm z_{1-\alpha/2}
              \sqrt{\frac{1}{x_{rk}} - \frac{1}{X_r} + \frac{1}{X_k} - \frac{1}{X}}

    ``"poisson"`` (exact Garwood interval of the count, divided by its expectation):

    .. math:: \left[\frac{\chi^2_{\alpha/2}(2x_{rk})}{2E_{rk}},\;
              \frac{\chi^2_{1-\alpha/2}(2x_{rk}+2)}{2E_{rk}}\right],
              \quad E_{rk} = \frac{X_r X_k}{X}

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of counts (employees).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells.
    confidence : float
        Confidence level, strictly between 0 and 1.
    method : {"lognormal", "poisson"}
        The interval (see above).

    Returns
    -------
    pandas.DataFrame
        One row per region × industry (× period): ``lq``, ``lower``, ``upper``,
        ``significant`` (the interval lies entirely above or below 1; no
        multiple-testing correction, see :func:`expected_employment_test`).

    Raises
    ------
    InputError
        For bad input or options.

    Notes
    -----
    The log-normal interval is undefined for a zero count (``NaN`` bounds);
    the Poisson interval then runs from 0.  ``NaN`` where the LQ is undefined
    (region or industry total zero).  The Poisson interval treats the
    expectation as known; it is the standard interval of a standardised ratio
    (Ulm 1990) and is slightly conservative.

    References
    ----------
    .. [1] Moineddin, R., Beyene, J. & Boyle, E. (2003). On the location
       quotient confidence interval. *Geographical Analysis* 35(3), 249–256.
       doi:10.1111/j.1538-4632.2003.tb01113.x
    .. [2] Ulm, K. (1990). A simple method to calculate the confidence interval
       of a standardized mortality ratio. *American Journal of Epidemiology*
       131(2), 373–375. doi:10.1093/oxfordjournals.aje.a115507

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [40, 60, 60, 240]})
    >>> location_quotient_interval(df).round(3)
      region industry     lq  lower  upper  significant
    0     R1       I1  1.600  1.192  2.147         True
    1     R1       I2  0.800  0.675  0.948         True
    2     R2       I1  0.800  0.603  1.062        False
    3     R2       I2  1.067  0.985  1.156        False
    """
    confidence = _check_probability("confidence", confidence)
    check_choice("method", method, INTERVAL_METHODS)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="location_quotient_interval",
    )  # fmt: skip
    if method == "poisson":
        _warn_non_integral(panel, "location_quotient_interval")
    alpha = 1 - confidence
    results = []
    for m in panel.matrices:
        lq = location_quotient_matrix(m)
        with np.errstate(invalid="ignore", divide="ignore"):
            if method == "lognormal":
                region_total = m.sum(axis=1, keepdims=True)
                industry_total = m.sum(axis=0, keepdims=True)
                var = 1 / m - 1 / region_total + 1 / industry_total - 1 / m.sum()
                half = stats.norm.ppf(1 - alpha / 2) * np.sqrt(np.maximum(var, 0.0))
                lower, upper = lq * np.exp(-half), lq * np.exp(half)
                lower[m == 0] = np.nan
                upper[m == 0] = np.nan
            else:
                x = np.rint(m)
                expected = _expected(m)[0]
                lower = np.where(x > 0, stats.chi2.ppf(alpha / 2, 2 * x) / 2, 0.0) / expected
                upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2 / expected
        undefined = np.isnan(lq)
        lower[undefined] = np.nan
        upper[undefined] = np.nan
        results.append({
            "lq": lq, "lower": lower, "upper": upper,
            "significant": (lower > 1) | (upper < 1),
        })  # fmt: skip
    return by_cell(panel, results)
