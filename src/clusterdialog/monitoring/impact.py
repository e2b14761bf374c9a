"""Impact matrix, sensitivity analysis and potential portfolio of a Wissensbilanz.

Part of the Wissensbilanz of :mod:`clusterdialog.monitoring.wissensbilanz`
(which re-exports these names): :func:`impact_analysis` sums the influences of
each factor on every other and classes the factors after Vester's
sensitivity model; :func:`potential_portfolio` sets the factors' QQS rating
against their relative influence weight and recommends where to act.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import require_columns, shown

__all__ = [
    "IMPACT_VALUES",
    "RECOMMENDATIONS",
    "ROLES",
    "impact_analysis",
    "potential_portfolio",
]

#: Allowed influences in the impact matrix (none, weak, medium, strong).
IMPACT_VALUES: tuple[int, ...] = (0, 1, 2, 3)
#: Roles of the sensitivity analysis.
ROLES: tuple[str, ...] = ("active", "passive", "critical", "inert")
#: Recommendations of the potential portfolio, by key and language.
RECOMMENDATIONS: dict[str, dict[str, str]] = {
    "develop": {
        "de": "Entwickeln: großer Einfluss bei niedriger Bewertung – hier wirken Maßnahmen am "
        "stärksten.",
        "en": "Develop: strong influence but a low rating — measures pay off most here.",
    },
    "stabilise": {
        "de": "Stabilisieren: großer Einfluss und gute Bewertung – das Niveau sichern.",
        "en": "Stabilise: strong influence and a good rating — secure the level.",
    },
    "maintain": {
        "de": "Halten: gute Bewertung bei geringem Einfluss – kein zusätzlicher Aufwand nötig.",
        "en": "Maintain: a good rating with little influence — no extra effort needed.",
    },
    "review": {
        "de": "Überprüfen: niedrige Bewertung und geringer Einfluss – Bedeutung des Faktors "
        "hinterfragen.",
        "en": "Review: a low rating and little influence — question the factor's relevance.",
    },
}


def impact_analysis(matrix: pd.DataFrame) -> pd.DataFrame:
    r"""Active and passive sums of the impact matrix and each factor's role.

    With :math:`w_{ij} \in \{0, 1, 2, 3\}` the influence of factor i (row)
    on factor j (column), :math:`i \ne j`:

    .. math::

        A_i = \sum_{j \ne i} w_{ij}, \quad P_i = \sum_{j \ne i} w_{ji}, \quad
        \text{product}_i = A_i P_i, \quad \text{quotient}_i = A_i / P_i

    and the role by :math:`A_i > \bar A` and :math:`P_i > \bar P`:
    ``active`` (A high, P low), ``passive`` (A low, P high), ``critical``
    (both high), ``inert`` (both low).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square table with the factors as index and columns (same labels, any
        column order); rows influence columns.  Values 0–3; the diagonal must
        be 0 or empty and is ignored.

    Returns
    -------
    pandas.DataFrame
        Indexed by factor (the index order): ``active_sum``, ``passive_sum``,
        ``product``, ``quotient`` (``NaN`` where the passive sum is 0) and
        ``role``.

    Raises
    ------
    InputError
        For a non-square matrix, different labels in index and columns,
        duplicate labels, fewer than two factors, empty off-diagonal cells or
        values other than 0–3 (the message names the cell).

    Notes
    -----
    Tie convention: "high" means strictly above the mean; a sum equal to the
    mean counts as low, so a matrix where every factor has the same sums
    classes all factors as ``inert`` (no factor stands out).  The means of
    the active and passive sums are equal (both are the matrix total over the
    number of factors).  The roles follow Vester's sensitivity model as used
    by the Wissensbilanz guideline, where passive factors are also called
    reactive and inert ones buffering.

    References
    ----------
    .. [1] Vester, F. (2007). The Art of Interconnected Thinking: Tools and
       Concepts for a New Approach to Tackling Complexity. Munich: MCB.
    .. [2] Bundesministerium für Wirtschaft und Technologie (2013).
       Wissensbilanz – Made in Germany. Leitfaden 2.0. Berlin: BMWi.

    Examples
    --------
    >>> import pandas as pd
    >>> names = ["a", "b", "c", "d"]
    >>> matrix = pd.DataFrame([[0, 3, 3, 1], [1, 0, 3, 2], [0, 2, 0, 0], [0, 1, 1, 0]],
    ...                       index=names, columns=names)
    >>> impact_analysis(matrix).round(3)
       active_sum  passive_sum  product  quotient      role
    a         7.0          1.0      7.0     7.000    active
    b         6.0          6.0     36.0     1.000  critical
    c         2.0          7.0     14.0     0.286   passive
    d         2.0          3.0      6.0     0.667     inert
    """
    if not isinstance(matrix, pd.DataFrame):
        raise InputError(f"matrix: expected a square pandas DataFrame, got {type(matrix).__name__}")
    n, m = matrix.shape
    if n != m:
        raise InputError(f"matrix: expected a square table, got {n} rows and {m} columns")
    if n < 2:
        raise InputError(f"matrix: expected at least 2 factors, got {n}")
    if matrix.index.has_duplicates or matrix.columns.has_duplicates:
        raise InputError("matrix: factor labels must be unique in index and columns")
    if set(matrix.index) != set(matrix.columns):
        raise InputError(
            f"matrix: index and columns must hold the same factors; only in the index: "
            f"{sorted(map(str, set(matrix.index) - set(matrix.columns)))}, only in the columns: "
            f"{sorted(map(str, set(matrix.columns) - set(matrix.index)))}"
        )
    ordered = matrix.loc[:, list(matrix.index)]
    try:
        w = ordered.apply(pd.to_numeric).to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InputError("matrix: expected numbers 0–3 in every cell") from None
    diagonal = np.eye(n, dtype=bool)
    bad_diagonal = diagonal & ~(np.isnan(w) | (w == 0))
    bad = ~diagonal & ~np.isin(w, IMPACT_VALUES)
    for mask, expected in ((bad_diagonal, "0 or empty on the diagonal"), (bad, "0, 1, 2 or 3")):
        if mask.any():
            i, j = np.argwhere(mask)[0]
            raise InputError(
                f"matrix: expected {expected}; cell ({ordered.index[i]!r}, "
                f"{ordered.columns[j]!r}) is {shown(ordered.iat[i, j])} "
                f"({int(mask.sum())} bad cell(s))"
            )
    w = np.where(diagonal, 0.0, w)
    active, passive = w.sum(axis=1), w.sum(axis=0)
    high_a, high_p = active > active.mean(), passive > passive.mean()
    role = np.select(
        [high_a & ~high_p, ~high_a & high_p, high_a & high_p],
        ["active", "passive", "critical"],
        default="inert",
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = np.where(passive > 0, active / passive, np.nan)
    out = pd.DataFrame(
        {"active_sum": active, "passive_sum": passive, "product": active * passive,
         "quotient": quotient, "role": role},
        index=matrix.index,
    )  # fmt: skip
    out.index.name = matrix.index.name
    return out


def potential_portfolio(
    qqs: pd.DataFrame,
    impact: pd.DataFrame,
    *,
    rating_threshold: float = 60.0,
    weight_threshold: float = 1.0,
) -> pd.DataFrame:
    r"""The potential portfolio: rating against relative influence weight, with recommendations.

    .. math::

        x_f = \text{overall}_f \;(\%), \qquad y_f = \frac{A_f}{\bar A}

    with :math:`A_f` the active sum of :func:`impact_analysis`.  High rating
    is :math:`x_f > x^*`, high influence :math:`y_f > y^*`; the quadrants
    recommend ``develop`` (high influence, low rating), ``stabilise`` (high,
    high), ``maintain`` (low influence, high rating) and ``review`` (low, low).

    Parameters
    ----------
    qqs : pandas.DataFrame
        Output of :func:`~clusterdialog.monitoring.wissensbilanz.qqs_aggregate`
        (indexed by factor, column ``overall``).
    impact : pandas.DataFrame
        Output of :func:`impact_analysis` for the same factors.
    rating_threshold : float
        :math:`x^*`, default 60 % (the middle of the 0–120 % scale).
    weight_threshold : float
        :math:`y^*`, default 1 (the influence of the average factor).

    Returns
    -------
    pandas.DataFrame
        Indexed by factor (order of ``impact``): ``rating``,
        ``influence_weight``, ``role``, ``high_rating``, ``high_influence``,
        ``recommendation`` (a key of :data:`RECOMMENDATIONS`; ``None`` where the
        rating or weight is undefined) and ``spread`` when ``qqs`` has it.

    Raises
    ------
    InputError
        For missing columns or factors that are in one input only.

    Notes
    -----
    The influence weight relates a factor's active sum to the mean active
    sum, so 1 is the average factor and the cut does not depend on the
    number of factors; it is undefined (``NaN``) when the matrix is all zero.
    Borders count as low (``>``), as in :func:`impact_analysis`.  The
    guideline's software (Wissensbilanz-Toolbox) draws the same quadrants;
    thresholds differ between editions, hence the options.

    Examples
    --------
    >>> import pandas as pd
    >>> names = ["a", "b", "c"]
    >>> impact = impact_analysis(pd.DataFrame([[0, 3, 3], [1, 0, 2], [0, 1, 0]],
    ...                                       index=names, columns=names))
    >>> qqs = pd.DataFrame({"overall": [40.0, 90.0, 70.0]}, index=names)
    >>> potential_portfolio(qqs, impact)[["rating", "influence_weight", "recommendation"]]
       rating  influence_weight recommendation
    a    40.0               1.8        develop
    b    90.0               0.9       maintain
    c    70.0               0.3       maintain
    """
    require_columns(qqs, "qqs", ["overall"])
    require_columns(impact, "impact", ["active_sum", "role"])
    only_qqs, only_impact = set(qqs.index) - set(impact.index), set(impact.index) - set(qqs.index)
    if only_qqs or only_impact:
        raise InputError(
            f"qqs, impact: expected the same factors; only rated: {sorted(map(str, only_qqs))}, "
            f"only in the impact matrix: {sorted(map(str, only_impact))}"
        )
    for name, threshold in (("rating_threshold", rating_threshold),
                            ("weight_threshold", weight_threshold)):  # fmt: skip
        if isinstance(threshold, bool) or not isinstance(threshold, int | float):
            raise InputError(f"{name}: expected a number, got {threshold!r}")
    active = impact["active_sum"].to_numpy(dtype=float)
    mean = active.mean()
    weight = active / mean if mean > 0 else np.full_like(active, np.nan)
    rating = qqs["overall"].reindex(impact.index).to_numpy(dtype=float)
    high_rating, high_influence = rating > rating_threshold, weight > weight_threshold
    recommendation = np.select(
        [high_influence & ~high_rating, high_influence & high_rating, high_rating],
        ["develop", "stabilise", "maintain"], default="review",
    ).astype(object)  # fmt: skip
    recommendation[np.isnan(rating) | np.isnan(weight)] = None
    out = pd.DataFrame(
        {"rating": rating, "influence_weight": weight, "role": impact["role"].to_numpy(),
         "high_rating": high_rating, "high_influence": high_influence,
         "recommendation": pd.Series(recommendation, index=impact.index, dtype=object)},
        index=impact.index,
    )  # fmt: skip
    if "spread" in qqs.columns:
        out["spread"] = qqs["spread"].reindex(impact.index).to_numpy(dtype=float)
    return out
