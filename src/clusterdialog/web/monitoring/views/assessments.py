"""Management self-assessment pages: form, score, readiness, evidence, progress, settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.web.monitoring import assessments
from clusterdialog.web.monitoring.forms import (
    AssessmentForm,
    AssessmentSettingsForm,
    EvidenceForm,
)
from clusterdialog.web.monitoring.models import Assessment, AssessmentEvidence, AssessmentSettings
from clusterdialog.web.monitoring.views.common import initiative_for, language, require

__all__ = [
    "assessment_list",
    "assessment_edit",
    "assessment_detail",
    "evidence_upload",
    "evidence_download",
    "assessment_settings",
]


@login_required
def assessment_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, "monitoring.view_assessment")
    lang = language()
    progress = assessments.progress(initiative, lang)
    overall = [row for row in progress["rows"] if row["area"] == "overall"]
    return render(
        request,
        "monitoring/assessment_list.html",
        {
            "initiative": initiative,
            "progress": progress,
            "overall": overall,
            "areas": [row for row in progress["rows"] if row["area"] != "overall"],
            "can_change": request.user.has_perm("monitoring.change_assessment", initiative),
        },
    )


@login_required
def assessment_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Create a new self-assessment (``pk`` None) or change an existing one."""
    initiative = initiative_for(request, slug, "monitoring.change_assessment")
    assessment = (
        get_object_or_404(Assessment, pk=pk, initiative=initiative) if pk is not None else None
    )
    criteria = assessments.criteria()
    initial = {
        "date": assessment.date if assessment else timezone.localdate(),
        "notes": assessment.notes if assessment else "",
    }
    form = AssessmentForm(
        request.POST or None,
        criteria=criteria,
        answers=assessment.answers if assessment else None,
        language=language(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        assessment = assessment or Assessment(initiative=initiative, created_by=request.user)
        assessment.date = form.cleaned_data["date"]
        assessment.notes = form.cleaned_data["notes"]
        assessment.answers = form.answers()
        assessment._history_user = request.user
        assessment.save()
        messages.success(request, _("The self-assessment has been saved."))
        return redirect("monitoring:assessment_detail", pk=assessment.pk)
    areas = [
        {"name": assessments.area_name(area, language()), "rows": rows}
        for area, rows in form.areas.items()
    ]
    return render(
        request,
        "monitoring/assessment_form.html",
        {"initiative": initiative, "assessment": assessment, "form": form, "areas": areas},
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.select_related("initiative"), pk=pk)
    require(request, "monitoring.view_assessment", assessment)
    lang = language()
    settings_row = AssessmentSettings.current()
    criteria = assessments.criteria(settings_row)
    result = assessments.score(assessment, settings_row)
    names = {c.key: (c.name_en if lang == "en" else c.name_de) for c in criteria}
    by_area = [
        {
            "name": assessments.area_name(row.area, lang),
            "points": row.points,
            "max_points": row.max_points,
            "score": row.score,
            "answered": int(row.answered),
            "indicators": int(row.indicators),
        }
        for row in result.by_area.itertuples()
    ]
    minimum = [
        {
            "name": names.get(row.indicator, row.indicator),
            "points": row.points,
            "minimum_points": int(row.minimum_points),
            "met": bool(row.met),
        }
        for row in result.minimum_criteria.itertuples()
    ]
    evidence = assessments.evidence_by_indicator(assessment)
    indicators = [
        {
            "key": c.key,
            "name": names[c.key],
            "area": assessments.area_name(c.area, lang),
            "points": (assessment.answers or {}).get(c.key),
            "max_points": c.max_points,
            "evidence": evidence.get(c.key, []),
        }
        for c in criteria
    ]
    can_change = request.user.has_perm("monitoring.change_assessment", assessment)
    return render(
        request,
        "monitoring/assessment_detail.html",
        {
            "assessment": assessment,
            "initiative": assessment.initiative,
            "result": result,
            "by_area": by_area,
            "minimum": minimum,
            "missing": [names.get(key, key) for key in result.missing],
            "indicators": indicators,
            "evidence_form": EvidenceForm(criteria=criteria, language=lang) if can_change else None,
            "can_change": can_change,
        },
    )


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment, pk=pk)
    require(request, "monitoring.change_assessment", assessment)
    form = EvidenceForm(
        request.POST, request.FILES, criteria=assessments.criteria(), language=language()
    )
    if form.is_valid():
        assessments.save_evidence(
            assessment,
            form.cleaned_data["indicator"],
            form.cleaned_data["file"],
            form.content_type,
            request.user,
        )
        messages.success(request, _("The document has been stored."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("monitoring:assessment_detail", pk=assessment.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(AssessmentEvidence.objects.select_related("assessment"), pk=pk)
    require(request, "monitoring.view_assessment", document.assessment)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def assessment_settings(request: HttpRequest) -> HttpResponse:
    require(request, "monitoring.configure_assessment")
    settings_row = AssessmentSettings.current()
    form = AssessmentSettingsForm(
        request.POST or None,
        instance=settings_row,
        criteria=assessments.criteria(settings_row),
        language=language(),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings of the self-assessment have been saved."))
        return redirect("monitoring:assessment_settings")
    return render(request, "monitoring/assessment_settings.html", {"form": form})
