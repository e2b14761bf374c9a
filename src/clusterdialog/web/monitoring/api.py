"""REST API of the monitoring: the KPI catalogue, reports and their review, benchmarks.

Reports are private: they need a token (401) and answer only the initiative's
cluster managers and the state administrator (403 for everyone else, for lists
too: a list holds the caller's reports only).  The benchmark returns the own
values and aggregates of at least five peers, never a peer's value.  Status
changes that do not fit the report's status answer 409.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from ninja import Query, Router
from ninja.errors import HttpError

from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring import dashboards, services
from clusterdialog.web.monitoring.models import (
    Kpi,
    KpiReport,
    KpiValue,
    ReportingPeriod,
)
from clusterdialog.web.monitoring.rules import manages_initiative_of
from clusterdialog.web.monitoring.schemas import (
    BenchmarkOut,
    KpiList,
    KpiOut,
    ReportCreate,
    ReportList,
    ReportOut,
    ReportPatch,
    ReviewIn,
)

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["monitoring"])

_LIMIT = Query(25, ge=1, le=200)
_OFFSET = Query(0, ge=0, le=10_000_000)
_ERRORS = {401: Error, 403: Error, 404: Error}


def _text(value: str) -> str:
    if "\x00" in (value or ""):
        raise Http404("not found")
    return value


def _kpi_out(kpi: Kpi) -> dict:
    return {
        field: getattr(kpi, field)
        for field in (
            "key",
            "name_de",
            "name_en",
            "unit",
            "definition_de",
            "definition_en",
            "higher_is_better",
            "frequency",
            "derivable",
            "active",
        )
    }


def _report_out(report: KpiReport) -> dict:
    return {
        "id": report.pk,
        "initiative": report.initiative.slug,
        "initiative_name": report.initiative.name,
        "year": report.period.year,
        "status": report.status,
        "comment": report.comment,
        "review_comment": report.review_comment,
        "submitted_at": report.submitted_at,
        "reviewed_at": report.reviewed_at,
        "values": [
            {"kpi": v.kpi.key, "value": v.value, "derived": v.derived, "note": v.note}
            for v in report.values.all()
        ],
    }


def _reports():
    return KpiReport.objects.select_related("initiative", "period").prefetch_related(
        Prefetch("values", queryset=KpiValue.objects.select_related("kpi"))
    )


def _report(request, report_id: int) -> KpiReport:
    """The report (404 if missing) if the caller may read it (403 otherwise)."""
    report = _reports().filter(pk=report_id).first()
    if report is None:
        raise Http404("report not found")
    require_permission(request.user, "monitoring.view_report", report)
    return report


def _require_action(request, permission: str, report: KpiReport) -> None:
    """403 for callers who may never do this; 409 when only the status is in the way."""
    user = request.user
    if user.has_perm(permission, report):
        return
    if permission == "monitoring.review_report":
        allowed_in_principle = user.has_perm("monitoring.view_portfolio")
    else:
        allowed_in_principle = manages_initiative_of(user, report)
    if allowed_in_principle:
        raise HttpError(409, f"not possible while the report is {report.status}")
    raise PermissionDenied(f"not allowed: {permission}")


# --------------------------------------------------------------------------- catalogue


@router.get(
    "/monitoring/kpis",
    response={200: KpiList, **_ERRORS},
    auth=optional_bearer,
    summary="The KPI catalogue",
)
def kpi_list(request, limit: int = _LIMIT, offset: int = _OFFSET):
    services.active_kpis()
    kpis = Kpi.objects.all()
    return {"count": kpis.count(), "items": [_kpi_out(k) for k in kpis[offset : offset + limit]]}


@router.get(
    "/monitoring/kpis/{key}",
    response={200: KpiOut, **_ERRORS},
    auth=optional_bearer,
    summary="One indicator of the catalogue",
)
def kpi_detail(request, key: str):
    kpi = Kpi.objects.filter(key=_text(key)).first()
    if kpi is None:
        raise Http404("indicator not found")
    return _kpi_out(kpi)


# --------------------------------------------------------------------------- reports


@router.get(
    "/monitoring/reports",
    response={200: ReportList, **_ERRORS},
    auth=bearer,
    summary="KPI reports the caller may read (own initiatives; all for the administrator)",
)
def report_list(
    request,
    initiative: str = Query("", max_length=255),
    year: int | None = Query(None, ge=1990, le=2100),
    status: str = Query("", max_length=20),
    limit: int = _LIMIT,
    offset: int = _OFFSET,
):
    reports = services.reports_for(request.user)
    if initiative:
        reports = reports.filter(initiative__slug=_text(initiative))
    if year is not None:
        reports = reports.filter(period__year=year)
    if status:
        reports = reports.filter(status=_text(status))
    reports = reports.order_by("-period__year", "initiative__name", "pk")
    page = _reports().filter(pk__in=list(reports.values_list("pk", flat=True)[offset:][:limit]))
    page = page.order_by("-period__year", "initiative__name", "pk")
    return {"count": reports.count(), "items": [_report_out(r) for r in page]}


@router.get(
    "/monitoring/reports/{report_id}",
    response={200: ReportOut, **_ERRORS},
    auth=bearer,
    summary="One KPI report",
)
def report_detail(request, report_id: int):
    return _report_out(_report(request, report_id))


@router.post(
    "/monitoring/reports",
    response={200: ReportOut, **_ERRORS, 422: Error},
    auth=bearer,
    summary="Open the report of an initiative for a year (derived values filled in)",
)
def report_create(request, payload: ReportCreate):
    initiative = Initiative.objects.filter(slug=_text(payload.initiative)).first()
    if initiative is None:
        raise Http404("initiative not found")
    require_permission(request.user, "monitoring.add_report", initiative)
    period = ReportingPeriod.objects.filter(year=payload.year).first()
    if period is None:
        raise Http404(f"no reporting period {payload.year}")
    report = services.open_report(initiative, period, request.user)
    return _report_out(_reports().get(pk=report.pk))


@router.patch(
    "/monitoring/reports/{report_id}",
    response={200: ReportOut, **_ERRORS, 409: Error, 422: Error},
    auth=bearer,
    summary="Change values or comments of a draft or returned report",
)
def report_patch(request, report_id: int, payload: ReportPatch):
    report = _report(request, report_id)
    _require_action(request, "monitoring.change_report", report)
    values = {item.kpi: (item.value, item.note) for item in payload.values}
    services.save_report(report, values, request.user, comment=payload.comment)
    return _report_out(_reports().get(pk=report.pk))


@router.post(
    "/monitoring/reports/{report_id}/submit",
    response={200: ReportOut, **_ERRORS, 409: Error},
    auth=bearer,
    summary="Submit the report for review",
)
def report_submit(request, report_id: int):
    report = _report(request, report_id)
    _require_action(request, "monitoring.submit_report", report)
    services.submit_report(report, request.user)
    return _report_out(_reports().get(pk=report.pk))


@router.post(
    "/monitoring/reports/{report_id}/approve",
    response={200: ReportOut, **_ERRORS, 409: Error},
    auth=bearer,
    summary="Approve a submitted report (state administrator)",
)
def report_approve(request, report_id: int, payload: ReviewIn):
    report = _report(request, report_id)
    _require_action(request, "monitoring.review_report", report)
    services.approve_report(report, request.user, payload.comment)
    return _report_out(_reports().get(pk=report.pk))


@router.post(
    "/monitoring/reports/{report_id}/return",
    response={200: ReportOut, **_ERRORS, 409: Error, 422: Error},
    auth=bearer,
    summary="Return a submitted report for revision with a comment (state administrator)",
)
def report_return(request, report_id: int, payload: ReviewIn):
    report = _report(request, report_id)
    _require_action(request, "monitoring.review_report", report)
    services.return_report(report, request.user, payload.comment)
    return _report_out(_reports().get(pk=report.pk))


# --------------------------------------------------------------------------- benchmark


@router.get(
    "/monitoring/benchmark/{initiative}",
    response={200: BenchmarkOut, **_ERRORS},
    auth=bearer,
    summary="The initiative against its peers (own values and aggregates of ≥ 5 peers only)",
)
def benchmark(
    request,
    initiative: str,
    peers: str = Query("all", pattern="^(all|field|size)$"),
    year: int | None = Query(None, ge=1990, le=2100),
):
    record = Initiative.objects.filter(slug=_text(initiative)).first()
    if record is None:
        raise Http404("initiative not found")
    require_permission(request.user, "monitoring.view_benchmark", record)
    result = dashboards.benchmark(record, group=peers, year=year)
    return {
        "initiative": record.slug,
        "year": result["year"],
        "peers": result["group"],
        "peer_count": result["peers"],
        "min_peers": dashboards.MIN_PEERS,
        "rows": [{**row, "kpi": row["kpi"].key} for row in result["rows"]],
        "trend": [{"kpi": item["kpi"].key, "points": item["points"]} for item in result["trend"]],
    }
