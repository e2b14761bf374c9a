"""Consultation pages: list, create, answer once, the aggregated result and its export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialog.web.dialogue import consultations, exports
from clusterdialog.web.dialogue.forms import ConsultationForm, OptionFormSet, SubmissionForm
from clusterdialog.web.dialogue.models import Consultation, Event, Submission
from clusterdialog.web.dialogue.views.common import require
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "consultation_list",
    "consultation_create",
    "consultation_edit",
    "consultation_detail",
    "consultation_result",
    "consultation_export",
]


def _consultation(pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("event", "initiative", "created_by"), pk=pk
    )


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = list(consultations.visible_consultations(request.user).order_by("closes_at", "id"))
    return render(
        request,
        "dialogue/consultation_list.html",
        {
            "open": [c for c in items if c.is_open(now)],
            "upcoming": [c for c in items if c.opens_at > now],
            "closed": sorted(
                (c for c in items if c.is_closed(now)), key=lambda c: c.closes_at, reverse=True
            ),
            "may_add": request.user.has_perm("dialogue.add_consultation"),
        },
    )


def _events_for(user):
    if user.has_perm("dialogue.organise_cluster_dialog"):
        return Event.objects.order_by("-start")
    managed = Initiative.objects.filter(managers=user).values("pk")
    return (
        Event.objects.filter(organiser=user) | Event.objects.filter(initiative__in=managed)
    ).order_by("-start")


def _edit(request, consultation: Consultation | None) -> HttpResponse:
    user = request.user
    locked = consultation is not None and consultation.submissions.exists()
    initial = {}
    if consultation is None and request.GET.get("veranstaltung", "").isdigit():
        initial = {"audience": "event", "event": int(request.GET["veranstaltung"])}
    form = ConsultationForm(
        request.POST or None,
        instance=consultation,
        user=user,
        events=_events_for(user),
        initial=initial,
    )
    if locked:
        for name in ("audience", "event", "initiative", "method", "points_budget"):
            form.fields[name].disabled = True
    formset = None if locked else OptionFormSet(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        initiative = form.cleaned_data.get("initiative")
        event = form.cleaned_data.get("event")
        if initiative and not user.has_perm("dialogue.organise_for_initiative", initiative):
            require(user, "dialogue.consult_everybody")
        if event and not user.has_perm("dialogue.manage_registrations", event):
            require(user, "dialogue.consult_everybody")
        with transaction.atomic():
            saved = form.save(commit=False)
            if saved.created_by_id is None:
                saved.created_by = user
            saved.save()
            if formset is not None:
                formset.instance = saved
                formset.save(commit=False)
                for obj in formset.deleted_objects:
                    obj.delete()
                deleted = set(formset.deleted_forms)
                for position, option_form in enumerate(formset.forms):
                    option = option_form.instance
                    if option_form in deleted or (
                        option.pk is None and not option_form.has_changed()
                    ):
                        continue
                    option.consultation = saved
                    option.position = position
                    option.save()
        messages.success(request, _("The consultation has been saved."))
        return redirect("dialogue:consultation_detail", pk=saved.pk)
    return render(
        request,
        "dialogue/consultation_form.html",
        {"form": form, "formset": formset, "consultation": consultation, "locked": locked},
    )


@login_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "dialogue.add_consultation")
    return _edit(request, None)


@login_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    require(request.user, "dialogue.change_consultation", consultation)
    return _edit(request, consultation)


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    user = request.user
    require(user, "dialogue.view_consultation", consultation)
    submission = (
        Submission.objects.filter(consultation=consultation, user=user)
        .prefetch_related("answers__option")
        .first()
    )
    form = None
    if (
        submission is None
        and consultation.is_open()
        and user.has_perm("dialogue.participate_in_consultation", consultation)
    ):
        form = SubmissionForm(request.POST or None, consultation=consultation)
        if request.method == "POST" and form.is_valid():
            try:
                consultations.submit(
                    consultation,
                    user,
                    values=form.values(),
                    statement=form.cleaned_data.get("statement", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you, your answer has been saved."))
                return redirect("dialogue:consultation_detail", pk=consultation.pk)
    return render(
        request,
        "dialogue/consultation_detail.html",
        {
            "consultation": consultation,
            "options": consultation.options.all(),
            "submission": submission,
            "answers": sorted(
                submission.answers.all(), key=lambda a: (a.option.position, a.option_id)
            )
            if submission
            else [],
            "form": form,
            "may_edit": user.has_perm("dialogue.change_consultation", consultation),
            "may_see_result": user.has_perm("dialogue.view_consultation_result", consultation),
            "submission_count": consultation.submissions.count(),
        },
    )


@login_required
def consultation_result(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    require(request.user, "dialogue.view_consultation_result", consultation)
    result = consultations.consultation_result(consultation)
    return render(
        request,
        "dialogue/consultation_result.html",
        {
            "consultation": consultation,
            "result": result,
            "interim": not consultation.is_closed(),
            "may_export": request.user.has_perm(
                "dialogue.export_consultation_result", consultation
            ),
        },
    )


@login_required
def consultation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = _consultation(pk)
    require(request.user, "dialogue.export_consultation_result", consultation)
    result = consultations.consultation_result(consultation)
    tables = exports.result_tables(consultation, result)
    name = f"konsultation-{consultation.pk}"
    if fmt == "csv":
        part = "statements" if request.GET.get("teil") == "aussagen" else "topics"
        header, rows = tables[part]
        response = HttpResponse(
            exports.to_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
        suffix = "-aussagen" if part == "statements" else ""
        response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
        return response
    sheets = {
        _("Summary"): tables["summary"],
        _("Topics"): tables["topics"],
        _("Statements"): tables["statements"],
    }
    response = HttpResponse(
        exports.to_xlsx(sheets, title=consultation.title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
