"""The Wissensbilanz workshop: factors, QQS ratings, impact matrix, results, comparison.

The results are computed by the pure functions of :mod:`clusterdialog.monitoring`:
:func:`~clusterdialog.monitoring.qqs_aggregate` (means per dimension, spread
between raters), :func:`~clusterdialog.monitoring.impact_analysis` (active and
passive sums, sensitivity roles), :func:`~clusterdialog.monitoring.potential_portfolio`
(rating × influence weight, recommendations) and
:func:`~clusterdialog.monitoring.compare_statements`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from django.db import transaction

from clusterdialog.monitoring import (
    DEFAULT_FACTORS,
    RECOMMENDATIONS,
    compare_statements,
    impact_analysis,
    potential_portfolio,
    qqs_aggregate,
)
from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring.models import (
    QqsDimension,
    WbFactor,
    WbImpact,
    WbRating,
    Wissensbilanz,
)

__all__ = [
    "WorkshopResults",
    "create_statement",
    "raters",
    "ratings_of",
    "save_ratings",
    "impact_matrix",
    "save_impact_matrix",
    "results",
    "compare",
]

DIMENSIONS = [choice for choice, _label in QqsDimension.choices]


@dataclass(frozen=True)
class WorkshopResults:
    """What the pure functions return for one statement (``None`` where data are missing)."""

    factors: list[WbFactor]
    qqs: pd.DataFrame | None
    impact: pd.DataFrame | None
    portfolio: pd.DataFrame | None


@transaction.atomic
def create_statement(
    initiative: Initiative, *, title: str, date, user, language: str = "de", **fields
) -> Wissensbilanz:
    """A new statement with the default factor set for clusters (in ``language``)."""
    statement = Wissensbilanz(
        initiative=initiative, title=title, date=date, created_by=user, **fields
    )
    statement._history_user = user
    statement.save()
    english = language.startswith("en")
    WbFactor.objects.bulk_create(
        WbFactor(
            wissensbilanz=statement,
            key=factor.key,
            name=factor.name_en if english else factor.name_de,
            kind=factor.capital,
            description=factor.definition_en if english else factor.definition_de,
            order=index * 10,
        )
        for index, factor in enumerate(DEFAULT_FACTORS, start=1)
    )
    return statement


def raters(statement: Wissensbilanz) -> list[str]:
    """Names of the participants who rated, in alphabetical order."""
    return sorted(
        set(
            WbRating.objects.filter(factor__wissensbilanz=statement).values_list("rater", flat=True)
        )
    )


def ratings_of(statement: Wissensbilanz, rater: str) -> dict[tuple[str, str], int]:
    """``{(factor_key, dimension): value}`` of one participant."""
    return {
        (key, dimension): value
        for key, dimension, value in WbRating.objects.filter(
            factor__wissensbilanz=statement, rater=rater
        ).values_list("factor__key", "dimension", "value")
    }


@transaction.atomic
def save_ratings(statement: Wissensbilanz, rater: str, ratings: dict) -> int:
    """Replace the participant's ratings with ``{(factor_key, dimension): value}``."""
    factors = {factor.key: factor for factor in statement.factors.all()}
    WbRating.objects.filter(factor__wissensbilanz=statement, rater=rater).delete()
    rows = [
        WbRating(factor=factors[key], rater=rater, dimension=dimension, value=value)
        for (key, dimension), value in ratings.items()
        if value is not None and key in factors
    ]
    WbRating.objects.bulk_create(rows)
    return len(rows)


def impact_matrix(statement: Wissensbilanz, factors: list[WbFactor] | None = None) -> pd.DataFrame:
    """The square impact matrix (rows influence columns), 0 where nothing was entered."""
    factors = factors if factors is not None else list(statement.factors.all())
    keys = [factor.key for factor in factors]
    matrix = pd.DataFrame(0, index=keys, columns=keys, dtype=int)
    for source, target, value in WbImpact.objects.filter(
        source__wissensbilanz=statement
    ).values_list("source__key", "target__key", "value"):
        if source in matrix.index and target in matrix.columns and source != target:
            matrix.loc[source, target] = value
    return matrix


@transaction.atomic
def save_impact_matrix(statement: Wissensbilanz, cells: dict) -> None:
    """Store ``{(source_key, target_key): value}`` (the diagonal is ignored)."""
    factors = {factor.key: factor for factor in statement.factors.all()}
    WbImpact.objects.filter(source__wissensbilanz=statement).delete()
    WbImpact.objects.bulk_create(
        WbImpact(source=factors[source], target=factors[target], value=value)
        for (source, target), value in cells.items()
        if source != target and source in factors and target in factors and value
    )


def _ratings_frame(statement: Wissensbilanz) -> pd.DataFrame:
    rows = list(
        WbRating.objects.filter(factor__wissensbilanz=statement).values_list(
            "factor__key", "rater", "dimension", "value"
        )
    )
    return pd.DataFrame(rows, columns=["factor", "rater", "dimension", "value"])


def results(statement: Wissensbilanz) -> WorkshopResults:
    """QQS aggregate, impact analysis and potential portfolio of the statement."""
    factors = list(statement.factors.all())
    ratings = _ratings_frame(statement)
    qqs = qqs_aggregate(ratings) if not ratings.empty else None
    matrix = impact_matrix(statement, factors)
    impact = impact_analysis(matrix) if len(factors) > 1 and matrix.to_numpy().any() else None
    portfolio = None
    if qqs is not None and impact is not None:
        rated = impact.loc[impact.index.isin(qqs.index)]
        if len(rated):
            portfolio = potential_portfolio(qqs.loc[rated.index], rated)
    return WorkshopResults(factors=factors, qqs=qqs, impact=impact, portfolio=portfolio)


def _value(frame: pd.DataFrame | None, key: str, column: str):
    if frame is None or key not in frame.index or column not in frame.columns:
        return None
    value = frame.at[key, column]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def table(result: WorkshopResults, language: str = "de") -> list[dict]:
    """One row per factor with every figure of the three analyses (for pages and reports)."""
    rows = []
    for factor in result.factors:
        key = factor.key
        recommendation = _value(result.portfolio, key, "recommendation")
        rows.append(
            {
                "factor": factor,
                "quantity": _value(result.qqs, key, "quantity"),
                "quality": _value(result.qqs, key, "quality"),
                "systematic": _value(result.qqs, key, "systematic"),
                "overall": _value(result.qqs, key, "overall"),
                "spread": _value(result.qqs, key, "spread"),
                "std": _value(result.qqs, key, "std"),
                "raters": _value(result.qqs, key, "raters"),
                "active_sum": _value(result.impact, key, "active_sum"),
                "passive_sum": _value(result.impact, key, "passive_sum"),
                "product": _value(result.impact, key, "product"),
                "quotient": _value(result.impact, key, "quotient"),
                "role": _value(result.impact, key, "role"),
                "influence_weight": _value(result.portfolio, key, "influence_weight"),
                "recommendation": recommendation,
                "recommendation_text": RECOMMENDATIONS.get(recommendation, {}).get(language, "")
                if recommendation
                else "",
            }
        )
    return rows


def compare(earlier: Wissensbilanz, later: Wissensbilanz) -> list[dict]:
    """Factor by factor: rating before and after, change and direction."""
    first, second = results(earlier), results(later)
    before = first.portfolio if first.portfolio is not None else first.qqs
    after = second.portfolio if second.portfolio is not None else second.qqs
    if before is None or after is None:
        return []
    comparison = compare_statements(before, after)
    names = {factor.key: factor.name for factor in first.factors + second.factors}
    return [
        {"factor": key, "name": names.get(key, key), **{k: _clean(v) for k, v in row.items()}}
        for key, row in comparison.to_dict("index").items()
    ]


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
