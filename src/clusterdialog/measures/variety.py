"""Related and unrelated variety (Frenken, Van Oort & Verburg 2007).

The Shannon entropy of a region's industry shares splits into the entropy
*between* coarse groups of industries (unrelated variety) and the weighted
entropy *within* the groups (related variety); the grouping comes from a
classification hierarchy (e.g. WZ classes within divisions).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import InputError
from clusterdialog.measures._checks import as_mapping, check_base, shares_along, xlogx
from clusterdialog.measures._results import by_region, per_period

__all__ = ["related_variety", "unrelated_variety", "variety_matrix"]


def variety_matrix(
    x: np.ndarray, groups: np.ndarray, base: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    """Unrelated and related variety of every region (row).

    ``groups`` holds one integer group code (0, 1, …) per industry (column).
    Returns ``(unrelated, related)``; their sum is the Shannon entropy.
    """
    s = shares_along(np.asarray(x, dtype=float), 1)
    groups = np.asarray(groups)
    n_groups = int(groups.max()) + 1 if groups.size else 0
    indicator = np.zeros((groups.size, n_groups))
    indicator[np.arange(groups.size), groups] = 1.0
    group_shares = s @ indicator
    unrelated = 0.0 - np.sum(xlogx(group_shares), axis=1) / np.log(base)
    within = np.zeros_like(s)
    with np.errstate(invalid="ignore", divide="ignore"):
        np.log(group_shares[:, groups] / s, out=within, where=s > 0)
    related = np.sum(s * within, axis=1) / np.log(base)
    return unrelated, related


def _industry_groups(industries: pd.Index, group: object) -> np.ndarray:
    """Integer group code of every industry from a mapping, a callable or a prefix length."""
    if isinstance(group, int) and not isinstance(group, bool):
        if group < 1:
            raise InputError(f"group: a prefix length must be at least 1, got {group}")
        labels = pd.Series(industries.astype(str).str[:group])
    elif isinstance(group, Mapping | pd.Series):
        labels = pd.Series(industries).map(as_mapping(group, "group"))
    elif callable(group):
        labels = pd.Series([group(code) for code in industries], dtype=object)
    else:
        raise InputError(
            "group: expected a mapping industry → group, a callable or a prefix length (int), "
            f"got {type(group).__name__}"
        )
    if labels.isna().any():
        missing = list(industries[labels.isna().to_numpy()][:5])
        raise InputError(
            f"group: {int(labels.isna().sum())} industr(y/ies) have no group, e.g. {missing}"
        )
    return pd.factorize(labels)[0]


def _variety(data, group, base, which, *, region, industry, value, period, suppressed):
    base = check_base(base)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure=f"{which}_variety",
    )  # fmt: skip
    codes = _industry_groups(panel.industries, group)
    index = 0 if which == "unrelated" else 1
    return by_region(panel, per_period(panel, lambda m: variety_matrix(m, codes, base)[index]))


def unrelated_variety(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    group: Mapping | Callable[[str], object] | int,
    base: float = 2.0,
) -> pd.DataFrame:
    r"""Unrelated variety: the entropy of a region's employment over coarse groups.

    .. math:: UV_r = \sum_g P_g \log_b \frac{1}{P_g}, \qquad P_g = \sum_{k \in g} s_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        As in :func:`~clusterdialog.measures.inequality.herfindahl`.
    group : mapping, callable or int
        The coarse group of every industry: a mapping code → group, a
        function of the code, or a prefix length (e.g. 2: WZ/NACE divisions
        from 4-digit classes such as ``"2811"`` or ``"28.11"``).
    base : float
        Base of the logarithm (default 2, as Frenken et al.).

    Returns
    -------
    pandas.DataFrame
        One row per region (× period), column ``value``; ``NaN`` for a
        region with zero total.

    Raises
    ------
    InputError
        For a bad table, ``base`` or ``group``, or an industry without group.

    Notes
    -----
    Entropy decomposes exactly: Shannon entropy = unrelated variety +
    :func:`related_variety` (Frenken et al. 2007, eq. 3–5).

    References
    ----------
    .. [1] Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety,
       unrelated variety and regional economic growth. *Regional Studies*
       41(5), 685–697. doi:10.1080/00343400601120296

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A"] * 3, "industry": ["1011", "1012", "2011"],
    ...                    "value": [1, 1, 2]})
    >>> unrelated_variety(df, group=2)
      region  value
    0      A    1.0

    On the bundled demo data (KldB occupation groups by Kreis, Baden-Württemberg 2024,
    suppressed cells counted as 0, employees without occupation dropped as they have no place in
    the hierarchy), grouped by the Berufshauptgruppe (the first two digits); unrelated plus
    related variety is the entropy:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.data.classifications import KLDB
    >>> from clusterdialog.measures import related_variety, shannon_entropy
    >>> bw = load_bw_occupations()
    >>> known = bw[bw["occupation"] != "unassigned"]  # not a KldB code: drop it first
    >>> options = dict(industry="occupation", value="employees", suppressed="zero")
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     uv = unrelated_variety(
    ...         known, **options, group=lambda code: KLDB.parent(code, "berufshauptgruppe")
    ...     )
    ...     rv = related_variety(known, **options, group=2)
    ...     entropy = shannon_entropy(known, **options)
    >>> uv[uv["region"] == "08111"].round(4)  # Stuttgart, over 36 Berufshauptgruppen
      region  value
    0  08111  4.409
    >>> bool(((uv["value"] + rv["value"] - entropy["value"]).abs() < 1e-12).all())
    True
    """
    return _variety(
        data, group, base, "unrelated",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip


def related_variety(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    group: Mapping | Callable[[str], object] | int,
    base: float = 2.0,
) -> pd.DataFrame:
    r"""Related variety: the weighted entropy of a region's employment within groups.

    .. math::

        RV_r = \sum_g P_g H_g, \qquad
        H_g = \sum_{k \in g} \frac{s_{rk}}{P_g} \log_b \frac{P_g}{s_{rk}}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, group, base
        As in :func:`unrelated_variety`.

    Returns
    -------
    pandas.DataFrame
        One row per region (× period), column ``value``; ``NaN`` for a
        region with zero total.

    Raises
    ------
    InputError
        For a bad table, ``base`` or ``group``, or an industry without group.

    Notes
    -----
    Groups of one industry contribute 0.  Related plus unrelated variety is
    the Shannon entropy of the region.

    References
    ----------
    .. [1] Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety,
       unrelated variety and regional economic growth. *Regional Studies*
       41(5), 685–697. doi:10.1080/00343400601120296

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A"] * 3, "industry": ["1011", "1012", "2011"],
    ...                    "value": [1, 1, 2]})
    >>> related_variety(df, group=2)
      region  value
    0      A    0.5

    On the bundled demo data (KldB occupation groups by Kreis, Baden-Württemberg 2024,
    suppressed cells counted as 0), grouped by the Berufsbereich, the first digit: as a prefix
    length or as a function of the classification.  Employees without occupation
    (``"unassigned"``) have no place in the hierarchy: drop them first (as a prefix they would
    form a group ``"u"`` of their own, and ``KLDB.parent`` raises an InputError for them):

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.data.classifications import KLDB
    >>> bw = load_bw_occupations()
    >>> known = bw[bw["occupation"] != "unassigned"]  # not a KldB code: drop it first
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     by_digit = related_variety(
    ...         known, industry="occupation", value="employees", suppressed="zero", group=1
    ...     )
    ...     by_kldb = related_variety(
    ...         known, industry="occupation", value="employees", suppressed="zero",
    ...         group=lambda code: KLDB.parent(code, "berufsbereich"),
    ...     )
    >>> by_digit.nlargest(3, "value").round(4)  # Konstanz, Heidelberg, Schwarzwald-Baar-Kreis
       region   value
    32  08335  3.1430
    17  08221  3.1320
    30  08326  3.1292
    >>> by_kldb["value"].equals(by_digit["value"])
    True
    """
    return _variety(
        data, group, base, "related",
        region=region, industry=industry, value=value, period=period, suppressed=suppressed,
    )  # fmt: skip
