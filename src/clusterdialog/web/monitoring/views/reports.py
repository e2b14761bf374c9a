"""The reporting cycle: open, fill in, submit, approve or return, history; the catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.web.monitoring import services
from clusterdialog.web.monitoring.forms import (
    KpiForm,
    OpenReportForm,
    PeriodForm,
    ReportValuesForm,
    ReviewForm,
)
from clusterdialog.web.monitoring.models import Kpi, KpiReport, ReportingPeriod, ReportStatus
from clusterdialog.web.monitoring.views.common import initiative_for, require

__all__ = [
    "index",
    "kpi_list",
    "kpi_edit",
    "periods",
    "report_list",
    "report_open",
    "report_detail",
    "report_edit",
    "report_submit",
    "report_approve",
    "report_return",
    "report_refresh",
    "report_history",
]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Entry page: own initiatives (manager), review list (admin), open surveys (members)."""
    from clusterdialog.web.monitoring import member_surveys

    user = request.user
    context = {
        "initiatives": services.managed_initiatives(user).order_by("name")
        if not user.has_perm("monitoring.view_portfolio")
        else [],
        "is_admin": user.has_perm("monitoring.view_portfolio"),
        "to_review": services.reports_for(user).filter(status=ReportStatus.SUBMITTED)
        if user.has_perm("monitoring.view_portfolio")
        else [],
        "due": services.reports_due(user),
        "open_waves": member_surveys.open_waves_for(user),
    }
    return render(request, "monitoring/index.html", context)


# --------------------------------------------------------------------------- catalogue


def kpi_list(request: HttpRequest) -> HttpResponse:
    require(request, "monitoring.view_kpi")
    services.active_kpis()
    return render(
        request,
        "monitoring/kpi_list.html",
        {"kpis": Kpi.objects.all(), "can_change": request.user.has_perm("monitoring.change_kpi")},
    )


@login_required
def kpi_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require(request, "monitoring.change_kpi")
    kpi = get_object_or_404(Kpi, pk=pk) if pk is not None else None
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The indicator has been saved."))
        return redirect("monitoring:kpi_list")
    return render(request, "monitoring/kpi_form.html", {"form": form, "kpi": kpi})


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    require(request, "monitoring.manage_periods")
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The reporting period has been created."))
        return redirect("monitoring:periods")
    return render(
        request,
        "monitoring/periods.html",
        {"form": form, "periods": ReportingPeriod.objects.all()},
    )


# --------------------------------------------------------------------------- reports


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = services.reports_for(request.user).order_by("-period__year", "initiative__name")
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    return render(
        request,
        "monitoring/report_list.html",
        {"reports": reports, "status": status, "statuses": ReportStatus.choices},
    )


@login_required
@require_POST
def report_open(request: HttpRequest, slug: str) -> HttpResponse:
    """Open (create or continue) the initiative's report for a period."""
    initiative = initiative_for(request, slug, "monitoring.add_report")
    form = OpenReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reporting period."))
        return redirect("monitoring:dashboard", slug=initiative.slug)
    report = services.open_report(initiative, form.cleaned_data["period"], request.user)
    return redirect("monitoring:report_edit", pk=report.pk)


def _report(request: HttpRequest, pk: int, permission: str) -> KpiReport:
    report = get_object_or_404(KpiReport.objects.select_related("initiative", "period"), pk=pk)
    require(request, permission, report)
    return report


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.view_report")
    user = request.user
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "values": report.values.select_related("kpi").filter(kpi__active=True),
            "review_form": ReviewForm(),
            "can_edit": user.has_perm("monitoring.change_report", report),
            "can_submit": user.has_perm("monitoring.submit_report", report),
            "can_review": user.has_perm("monitoring.review_report", report),
        },
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.change_report")
    values = list(report.values.select_related("kpi").filter(kpi__active=True))
    form = ReportValuesForm(
        request.POST or None, values=values, initial={"comment": report.comment}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                report, form.values(), request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if "submit" in request.POST:
                services.submit_report(report, request.user)
                messages.success(request, _("The report has been submitted for review."))
                return redirect("monitoring:report_detail", pk=report.pk)
            messages.success(request, _("The report has been saved."))
            return redirect("monitoring:report_edit", pk=report.pk)
    return render(request, "monitoring/report_form.html", {"report": report, "form": form})


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.submit_report")
    services.submit_report(report, request.user)
    messages.success(request, _("The report has been submitted for review."))
    return redirect("monitoring:report_detail", pk=report.pk)


@login_required
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.review_report")
    form = ReviewForm(request.POST)
    form.is_valid()
    services.approve_report(report, request.user, form.cleaned_data.get("comment", ""))
    messages.success(request, _("The report has been approved."))
    return redirect("monitoring:report_detail", pk=report.pk)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.review_report")
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        services.return_report(report, request.user, form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been returned for revision."))
    return redirect("monitoring:report_detail", pk=report.pk)


@login_required
@require_POST
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.change_report")
    changed = services.refresh_derived_values(report, request.user)
    messages.success(
        request, _("Derived values refreshed: %(count)d changed.") % {"count": changed}
    )
    return redirect("monitoring:report_edit", pk=report.pk)


@login_required
def report_history(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, "monitoring.view_report_history")
    return render(
        request,
        "monitoring/report_history.html",
        {"report": report, "entries": services.report_history(report)},
    )
