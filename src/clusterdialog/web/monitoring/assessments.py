"""Management self-assessment: configured criteria, scores, progress, evidence documents.

Scores and readiness for a label come from
:func:`clusterdialog.monitoring.assessment_score`; progress over time from
:func:`clusterdialog.monitoring.assessment_progress`.  Readiness is the
initiative's own assessment, never an award.
"""

from __future__ import annotations

import dataclasses

from django.db import transaction

from clusterdialog.monitoring import (
    AREA_NAMES,
    AREAS,
    DEFAULT_CRITERIA,
    assessment_progress,
    assessment_score,
)
from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring.models import Assessment, AssessmentEvidence, AssessmentSettings

__all__ = ["criteria", "score", "progress", "area_name", "save_evidence", "evidence_by_indicator"]


def criteria(settings_row: AssessmentSettings | None = None) -> tuple:
    """The indicators with the administrator's minimum criteria applied."""
    settings_row = settings_row or AssessmentSettings.current()
    configured = settings_row.minimum_criteria
    if configured is None:
        return DEFAULT_CRITERIA
    return tuple(
        dataclasses.replace(
            indicator,
            minimum=indicator.key in configured,
            minimum_points=int(configured.get(indicator.key) or 0),
        )
        for indicator in DEFAULT_CRITERIA
    )


def score(assessment: Assessment, settings_row: AssessmentSettings | None = None):
    """The :class:`~clusterdialog.monitoring.AssessmentScore` of an assessment."""
    settings_row = settings_row or AssessmentSettings.current()
    return assessment_score(
        assessment.answers or {}, criteria=criteria(settings_row), threshold=settings_row.threshold
    )


def area_name(area: str, language: str) -> str:
    return AREA_NAMES.get(area, {}).get(language, area)


def progress(initiative: Initiative, language: str = "de") -> dict:
    """Scores of the initiative's assessments over time (oldest first) and their change."""
    settings_row = AssessmentSettings.current()
    assessments = list(initiative.assessments.order_by("date", "pk"))
    if not assessments:
        return {"assessments": [], "rows": []}
    scores = {}
    for assessment in assessments:
        scores.setdefault(assessment.date, score(assessment, settings_row))
    table = assessment_progress(scores)
    rows = [
        {
            "date": row.date,
            "area": row.area,
            "area_name": area_name(row.area, language) if row.area != "overall" else None,
            "score": float(row.score),
            "change": None if row.change != row.change else float(row.change),
            "ready_for_label": bool(row.ready_for_label),
        }
        for row in table.itertuples()
    ]
    return {"assessments": assessments, "rows": rows, "areas": AREAS}


def evidence_by_indicator(assessment: Assessment) -> dict[str, list[AssessmentEvidence]]:
    grouped: dict[str, list[AssessmentEvidence]] = {}
    for document in assessment.evidence.all():
        grouped.setdefault(document.indicator, []).append(document)
    return grouped


@transaction.atomic
def save_evidence(
    assessment: Assessment, indicator: str, upload, content_type: str, user
) -> AssessmentEvidence:
    """Store an already checked upload under MEDIA_ROOT as evidence for ``indicator``."""
    document = AssessmentEvidence(
        assessment=assessment,
        indicator=indicator,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document
