"""The Wissensbilanz (intellectual capital statement) of a cluster initiative.

Following the German guideline "Wissensbilanz – Made in Germany" and its
adaptation to clusters (the RICARDA project), the participants of a workshop
rate the factors of human, structural and relational capital
(:data:`DEFAULT_FACTORS`) by quantity, quality and systematic development
(QQS, 0–120 % in steps of 30) and the influence of each factor on every other
(0–3).  :func:`qqs_aggregate` averages the ratings and shows the raters'
disagreement; :func:`impact_analysis` sums the influences and classes each
factor in the sensitivity analysis; :func:`potential_portfolio` places the
factors by rating and influence weight and recommends where to act (both in
:mod:`clusterdialog.monitoring.impact`, re-exported here);
:func:`compare_statements` compares two statements over time.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import numeric_column, require_columns, shown
from clusterdialog.monitoring.impact import (
    IMPACT_VALUES,
    RECOMMENDATIONS,
    ROLES,
    impact_analysis,
    potential_portfolio,
)

__all__ = [
    "CAPITALS",
    "DEFAULT_FACTORS",
    "DIMENSIONS",
    "IMPACT_VALUES",
    "QQS_VALUES",
    "RECOMMENDATIONS",
    "ROLES",
    "Factor",
    "compare_statements",
    "impact_analysis",
    "potential_portfolio",
    "qqs_aggregate",
]

#: The three kinds of intellectual capital.
CAPITALS: tuple[str, ...] = ("human", "structural", "relational")
#: The QQS dimensions: quantity, quality, systematic development.
DIMENSIONS: tuple[str, ...] = ("quantity", "quality", "systematic")
#: Allowed QQS ratings in percent.
QQS_VALUES: tuple[int, ...] = (0, 30, 60, 90, 120)


@dataclass(frozen=True)
class Factor:
    """An intellectual-capital factor of a cluster."""

    key: str
    capital: str
    name_de: str
    name_en: str
    definition_de: str
    definition_en: str


#: A default set of factors for cluster initiatives (human, structural, relational capital).
DEFAULT_FACTORS: tuple[Factor, ...] = (
    Factor("member_competence", "human", "Kompetenzen der Mitglieder", "Members' competences",
           "Fachwissen und Erfahrung, die die Mitglieder in den Cluster einbringen.",
           "Expertise and experience the members bring into the cluster."),
    Factor("management_competence", "human", "Kompetenz des Clustermanagements",
           "Management competence",
           "Fach-, Methoden- und Moderationskompetenz des Managementteams.",
           "Expertise, methods and facilitation skills of the management team."),
    Factor("commitment", "human", "Motivation und Engagement", "Motivation and commitment",
           "Bereitschaft der Mitglieder, Zeit und Ressourcen einzubringen.",
           "The members' readiness to contribute time and resources."),
    Factor("openness", "human", "Offenheit und Vertrauen", "Openness and trust",
           "Bereitschaft, Wissen zu teilen und Partnern zu vertrauen.",
           "Readiness to share knowledge and to trust partners."),
    Factor("collaboration", "structural", "Formen der Zusammenarbeit", "Ways of collaboration",
           "Arbeitskreise, Projekte und Formate, in denen Mitglieder zusammenarbeiten.",
           "Working groups, projects and formats in which members collaborate."),
    Factor("governance", "structural", "Governance und Entscheidungen", "Governance",
           "Gremien, Regeln und Verfahren der Steuerung des Clusters.",
           "Bodies, rules and procedures that steer the cluster."),
    Factor("information", "structural", "Information und Kommunikation",
           "Information and communication",
           "Interne Kommunikation, Plattformen und Informationsflüsse.",
           "Internal communication, platforms and flows of information."),
    Factor("services", "structural", "Leistungsangebot", "Services",
           "Dienstleistungen des Clustermanagements für die Mitglieder.",
           "Services of the cluster management for its members."),
    Factor("knowledge_transfer", "structural", "Wissens- und Technologietransfer",
           "Knowledge and technology transfer",
           "Wege, auf denen Wissen zwischen Forschung und Unternehmen fließt.",
           "Routes by which knowledge flows between research and firms."),
    Factor("external_links", "relational", "Externe Netzwerke", "External links",
           "Beziehungen zu Partnern und Clustern außerhalb der Initiative.",
           "Relations with partners and clusters outside the initiative."),
    Factor("research_links", "relational", "Beziehungen zu Forschung und Bildung",
           "Research links",
           "Kooperationen mit Hochschulen, Forschungs- und Bildungseinrichtungen.",
           "Cooperation with universities, research and training institutions."),
    Factor("political_support", "relational", "Politische Unterstützung", "Political support",
           "Rückhalt bei Politik, Verwaltung und Wirtschaftsförderung.",
           "Backing from policy, administration and development agencies."),
    Factor("public_image", "relational", "Öffentliches Image", "Public image",
           "Bekanntheit und Ansehen des Clusters in Öffentlichkeit und Fachwelt.",
           "Awareness and reputation of the cluster among the public and experts."),
    Factor("market_access", "relational", "Marktzugang", "Market access",
           "Zugang zu Kunden, Märkten und internationalen Partnern.",
           "Access to customers, markets and international partners."),
)  # fmt: skip


def qqs_aggregate(
    ratings: pd.DataFrame,
    *,
    factor: str = "factor",
    rater: str = "rater",
    dimension: str = "dimension",
    value: str = "value",
) -> pd.DataFrame:
    r"""Mean QQS ratings of each factor and the raters' disagreement.

    With :math:`v_{frd}` rater r's rating of factor f in dimension d
    (quantity, quality, systematic) and :math:`\bar v_{fr}` the rater's mean
    over the dimensions they rated:

    .. math::

        \bar v_{fd} = \operatorname{mean}_r v_{frd}, \quad
        \text{overall}_f = \operatorname{mean}_d \bar v_{fd}, \quad
        \text{spread}_f = \max_r \bar v_{fr} - \min_r \bar v_{fr}, \quad
        \text{std}_f = \sqrt{\operatorname{mean}_r (\bar v_{fr} - \bar{\bar v}_f)^2}

    Parameters
    ----------
    ratings : pandas.DataFrame
        Long table, one row per factor, rater and dimension.
    factor, rater, dimension, value : str
        Column names; ``dimension`` holds ``quantity``, ``quality`` or
        ``systematic``, ``value`` one of 0, 30, 60, 90, 120 (percent).

    Returns
    -------
    pandas.DataFrame
        Indexed by factor (order of first appearance): ``quantity``,
        ``quality``, ``systematic``, ``overall``, ``raters``, ``spread``,
        ``std`` (all in percent points except ``raters``).

    Raises
    ------
    InputError
        For missing columns, an unknown dimension, a value off the QQS scale
        or a rater rating the same factor and dimension twice.

    Notes
    -----
    ``overall`` is the mean of the three dimension means, as the guideline
    averages the QQS bars; a dimension nobody rated is left out (``NaN``).
    ``std`` is the population standard deviation (the workshop's raters are
    the whole group, not a sample): 0 for a single rater.  ``spread`` above
    30 points (one step of the scale) is the usual trigger to discuss a
    factor again.

    References
    ----------
    .. [1] Bundesministerium für Wirtschaft und Technologie (2013).
       Wissensbilanz – Made in Germany. Leitfaden 2.0 zur Erstellung einer
       Wissensbilanz. Berlin: BMWi.

    Examples
    --------
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"factor": "services", "rater": ["a"] * 3 + ["b"] * 3,
    ...     "dimension": ["quantity", "quality", "systematic"] * 2,
    ...     "value": [90, 60, 30, 60, 60, 0]})
    >>> qqs_aggregate(ratings).round(2)
              quantity  quality  systematic  overall  raters  spread   std
    factor
    services      75.0     60.0        15.0     50.0       2    20.0  10.0
    """
    require_columns(ratings, "ratings", [factor, rater, dimension, value])
    values = numeric_column(ratings, value, "ratings")
    off_scale = ~np.isin(values, QQS_VALUES)
    if off_scale.any():
        row = ratings.index[np.argmax(off_scale)]
        raise InputError(
            f"ratings: column {value!r} must be one of {list(QQS_VALUES)} (percent); "
            f"{int(off_scale.sum())} row(s) are not, e.g. row {shown(row)}: "
            f"{shown(ratings[value][row])}"
        )
    unknown = sorted(set(ratings[dimension].astype(str)) - set(DIMENSIONS))
    if unknown:
        raise InputError(f"ratings: column {dimension!r} must be one of {list(DIMENSIONS)}, "
                         f"got {unknown}")  # fmt: skip
    table = pd.DataFrame({"factor": ratings[factor].to_numpy(), "rater": ratings[rater].to_numpy(),
                          "dimension": ratings[dimension].astype(str).to_numpy(),
                          "value": values})  # fmt: skip
    keys = ["factor", "rater", "dimension"]
    if table.duplicated(keys).any():
        dup = table.loc[table.duplicated(keys), keys].iloc[0].tolist()
        raise InputError(f"ratings: several ratings for the same (factor, rater, dimension) {dup}")
    order = pd.unique(table["factor"])
    means = table.pivot_table(index="factor", columns="dimension", values="value", aggfunc="mean")
    means = means.reindex(index=order, columns=list(DIMENSIONS))
    per_rater = table.groupby(["factor", "rater"], sort=False)["value"].mean().groupby(level=0)
    out = means.copy()
    out["overall"] = means.mean(axis=1)
    out["raters"] = table.groupby("factor")["rater"].nunique().reindex(order).astype(int)
    out["spread"] = (per_rater.max() - per_rater.min()).reindex(order)
    out["std"] = per_rater.std(ddof=0).reindex(order)
    out.index.name, out.columns.name = "factor", None
    return out


def compare_statements(earlier: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    r"""Compare two Wissensbilanz statements of the same initiative factor by factor.

    .. math::

        \Delta_f = x_f^{\text{later}} - x_f^{\text{earlier}}

    Parameters
    ----------
    earlier, later : pandas.DataFrame
        Outputs of :func:`qqs_aggregate` (column ``overall``) or of
        :func:`potential_portfolio` (column ``rating``), indexed by factor.

    Returns
    -------
    pandas.DataFrame
        Indexed by factor (earlier's order, then new factors):
        ``rating_before``, ``rating_after``, ``change``, ``direction``
        (``improved``, ``declined``, ``unchanged``, ``added``, ``removed``;
        ``None`` if a rating is undefined) and, where both inputs have them,
        ``spread_before/after``, ``influence_weight_before/after``,
        ``role_before/after`` and ``recommendation_before/after``.

    Raises
    ------
    InputError
        For inputs without a ``rating`` or ``overall`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"overall": [60.0, 30.0]}, index=["services", "governance"])
    >>> b = pd.DataFrame({"overall": [90.0, 30.0, 60.0]},
    ...                  index=["services", "governance", "public_image"])
    >>> compare_statements(a, b)[["change", "direction"]]
                  change  direction
    services        30.0   improved
    governance       0.0  unchanged
    public_image     NaN      added
    """
    frames = []
    for name, frame in (("earlier", earlier), ("later", later)):
        if not isinstance(frame, pd.DataFrame):
            raise InputError(f"{name}: expected a pandas DataFrame, got {type(frame).__name__}")
        column = "rating" if "rating" in frame.columns else "overall"
        require_columns(frame, name, [column])
        frames.append(frame.rename(columns={column: "rating"}))
    before, after = frames
    index = before.index.append(after.index.difference(before.index, sort=False))
    out = pd.DataFrame(index=index)
    out["rating_before"] = before["rating"].reindex(index).astype(float)
    out["rating_after"] = after["rating"].reindex(index).astype(float)
    out["change"] = out["rating_after"] - out["rating_before"]
    direction = np.select(
        [out["change"] > 0, out["change"] < 0, out["change"] == 0],
        ["improved", "declined", "unchanged"],
        default="",
    ).astype(object)
    direction[direction == ""] = None
    direction[~index.isin(before.index)] = "added"
    direction[~index.isin(after.index)] = "removed"
    out["direction"] = pd.Series(direction, index=index, dtype=object)
    for extra in ("spread", "influence_weight", "role", "recommendation"):
        if extra in before.columns and extra in after.columns:
            out[f"{extra}_before"] = before[extra].reindex(index)
            out[f"{extra}_after"] = after[extra].reindex(index)
    return out
