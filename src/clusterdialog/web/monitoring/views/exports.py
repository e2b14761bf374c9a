"""Downloads: the annual report of an initiative, the state portfolio (XLSX, PDF), the
Wissensbilanz report — written by :mod:`clusterdialog.reports.monitoring`."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify

from clusterdialog.web.monitoring import exports
from clusterdialog.web.monitoring.models import Wissensbilanz
from clusterdialog.web.monitoring.views.common import initiative_for, language, require
from clusterdialog.web.monitoring.views.dashboards import portfolio_arguments

__all__ = ["portfolio_xlsx", "portfolio_pdf", "initiative_pdf", "wissensbilanz_pdf"]

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(writer, data: dict, filename: str) -> HttpResponse:
    """Write the file with ``writer(path, data, lang)`` into a temporary folder and send it."""
    suffix = Path(filename).suffix
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report{suffix}"
        writer(path, data, lang=language())
        content = path.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[suffix])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _writers():
    from clusterdialog.reports import monitoring

    return monitoring


@login_required
def portfolio_xlsx(request: HttpRequest) -> HttpResponse:
    require(request, "monitoring.export_portfolio")
    data = exports.portfolio_data(portfolio_arguments(request), request.user, language())
    return _download(_writers().portfolio_xlsx, data, f"portfolio-{data['year']}.xlsx")


@login_required
def portfolio_pdf(request: HttpRequest) -> HttpResponse:
    require(request, "monitoring.export_portfolio")
    data = exports.portfolio_data(portfolio_arguments(request), request.user, language())
    return _download(_writers().write_portfolio_report, data, f"portfolio-{data['year']}.pdf")


@login_required
def initiative_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, "monitoring.export_initiative")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    data = exports.initiative_report_data(initiative, year, request.user, language())
    name = f"monitoring-{initiative.slug}-{data['year'] or timezone.localdate().year}.pdf"
    return _download(_writers().write_initiative_report, data, name)


@login_required
def wissensbilanz_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Wissensbilanz.objects.select_related("initiative"), pk=pk)
    require(request, "monitoring.view_wissensbilanz", statement)
    data = exports.wissensbilanz_data(statement, request.user, language())
    name = f"wissensbilanz-{slugify(statement.initiative.slug)}-{statement.date:%Y-%m-%d}.pdf"
    return _download(_writers().write_wissensbilanz_report, data, name)
