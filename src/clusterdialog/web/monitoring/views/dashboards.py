"""Dashboards: one initiative over time, targets, peer benchmark, the ministry's portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialog.web.directory.models import InitiativeStatus, Region, TechnologyField
from clusterdialog.web.monitoring import charts, dashboards, targets
from clusterdialog.web.monitoring.forms import OpenReportForm, TargetsForm
from clusterdialog.web.monitoring.models import Kpi, KpiReport, ReportingPeriod
from clusterdialog.web.monitoring.views.common import initiative_for, require

__all__ = ["dashboard", "targets_edit", "benchmark", "portfolio"]


def _series_charts(series: list[dict]) -> list[dict]:
    """Add an SVG line chart (value and target) to each KPI's series."""
    for item in series:
        points = item["points"]
        lines = [{"label": _("Value"), "points": [(p["year"], p["value"]) for p in points]}]
        if any(p["target"] is not None for p in points):
            lines.append(
                {
                    "label": _("Target"),
                    "points": [(p["year"], p["target"]) for p in points],
                    "dashed": True,
                }
            )
        item["chart"] = charts.line_chart(
            lines,
            label=item["kpi"].name,
            lights=[(p["year"], p["light"]) for p in points],
        )
    return series


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """The initiative's monitoring: KPI time series with targets and lights, reports, links."""
    initiative = initiative_for(request, slug, "monitoring.view_dashboard")
    from clusterdialog.web.analytics import services as analytics

    series = _series_charts(dashboards.initiative_series(initiative))
    context = {
        "initiative": initiative,
        "series": [item for item in series if item["points"]],
        "reports": KpiReport.objects.filter(initiative=initiative).select_related("period"),
        "open_form": OpenReportForm(),
        "has_periods": ReportingPeriod.objects.exists(),
        "can_open": request.user.has_perm("monitoring.add_report", initiative),
        "observation": analytics.observation_summary(initiative),
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
def targets_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Targets per indicator and year (five years from last year)."""
    initiative = initiative_for(request, slug, "monitoring.change_target")
    year = timezone.localdate().year
    years = list(range(year - 1, year + 4))
    kpis = list(Kpi.objects.filter(active=True))
    form = TargetsForm(
        request.POST or None,
        kpis=kpis,
        years=years,
        existing=targets.existing_targets(initiative, years),
    )
    if request.method == "POST" and form.is_valid():
        changed = targets.save_targets(initiative, form.targets(), request.user)
        messages.success(request, _("Targets saved: %(count)d changed.") % {"count": changed})
        return redirect("monitoring:dashboard", slug=initiative.slug)
    return render(request, "monitoring/targets.html", {"initiative": initiative, "form": form})


@login_required
def benchmark(request: HttpRequest, slug: str) -> HttpResponse:
    """The initiative against its peers: only own values and aggregates of ≥ 5 peers."""
    initiative = initiative_for(request, slug, "monitoring.view_benchmark")
    group = request.GET.get("peers", "all")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    result = dashboards.benchmark(initiative, group=group, year=year)
    axes = [
        (row["kpi"].name, row["percentile_rank"])
        for row in result["rows"]
        if not row["suppressed"] and row["percentile_rank"] is not None
    ]
    for item in result["trend"]:
        item["chart"] = charts.line_chart(
            [
                {
                    "label": initiative.name,
                    "points": [(p["year"], p["value"]) for p in item["points"]],
                },
                {
                    "label": _("Peer median"),
                    "points": [(p["year"], p["peer_median"]) for p in item["points"]],
                    "dashed": True,
                },
            ],
            label=item["kpi"].name,
        )
    context = {
        "initiative": initiative,
        "result": result,
        "radar": charts.radar_chart(axes, label=_("Percentile ranks among the peers")),
        "groups": [
            ("all", _("All initiatives")),
            ("field", _("Same technology field")),
            ("size", _("Same size class")),
        ],
        "min_peers": dashboards.MIN_PEERS,
    }
    return render(request, "monitoring/benchmark.html", context)


def portfolio_arguments(request: HttpRequest) -> dict:
    """Year, filters, columns and sort order of the portfolio from the query string."""
    years = dashboards.reported_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else timezone.localdate().year - 1
    known = set(Kpi.objects.filter(active=True).values_list("key", flat=True))
    columns = tuple(key for key in request.GET.getlist("kpi") if key in known)
    sort = request.GET.get("sort", "name")
    return {
        "year": year,
        "field": request.GET.get("field", ""),
        "region": request.GET.get("region", ""),
        "size": request.GET.get("size", ""),
        "status": request.GET.get("status", ""),
        "columns": columns or dashboards.PORTFOLIO_DEFAULT_KPIS,
        "sort": sort.lstrip("-"),
        "descending": sort.startswith("-"),
    }


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    """The ministry's portfolio of all initiatives: filterable, sortable, lights, charts."""
    require(request, "monitoring.view_portfolio")
    arguments = portfolio_arguments(request)
    result = dashboards.portfolio(**arguments)
    bars = charts.stacked_bars(
        [{"label": item["kpi"].name, **item} for item in result["lights"]],
        label=_("Traffic lights per indicator"),
    )
    query = request.GET.copy()
    query.pop("sort", None)
    context = {
        "result": result,
        "arguments": arguments,
        "bars": bars,
        "years": dashboards.reported_years(),
        "fields": TechnologyField.objects.order_by("name_de"),
        "regions": Region.objects.filter(level__in=["state", "district", "kreis"]).order_by("code"),
        "sizes": [("small", _("small")), ("medium", _("medium")), ("large", _("large"))],
        "statuses": InitiativeStatus.choices,
        "all_kpis": Kpi.objects.filter(active=True),
        "query": query.urlencode(),
    }
    return render(request, "monitoring/portfolio.html", context)
