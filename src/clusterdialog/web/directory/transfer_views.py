"""Export (CSV, XLSX) and import (state administrator) of directory records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialog.errors import InputError
from clusterdialog.web.directory import exports, imports
from clusterdialog.web.directory.edit_views import require
from clusterdialog.web.directory.forms import ImportForm
from clusterdialog.web.directory.import_cells import MAX_FILE_BYTES, Problem
from clusterdialog.web.directory.services import InitiativeFilters, OrganisationFilters

__all__ = ["EXPORT_KINDS", "export_records", "import_records", "import_report"]

#: Path words of the exports → kind of record.
EXPORT_KINDS = {
    "initiativen": "initiatives",
    "organisationen": "organisations",
    "mitgliedschaften": "memberships",
}
_SESSION_REPORT = "directory_import_report"


@login_required
@require_GET
def export_records(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """Download initiatives, organisations or memberships as CSV or XLSX.

    The list pages' filters (``q``, ``region`` …) narrow the export.
    """
    if kind not in EXPORT_KINDS or fmt not in ("csv", "xlsx"):
        raise Http404("no such export")
    require(request.user, "directory.export_records")
    record_kind = EXPORT_KINDS[kind]
    filters = None
    if record_kind == "initiatives":
        filters = InitiativeFilters.from_query(request.GET)
    elif record_kind == "organisations":
        filters = OrganisationFilters.from_query(request.GET)
    frame = exports.export_frame(record_kind, request.user, filters)
    stamp = timezone.localdate().isoformat()
    filename = f"{kind}-{stamp}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(frame), content_type="text/csv; charset=utf-8")
    else:
        details = {"records": record_kind}
        if filters is not None and filters.active():
            details["filters"] = request.GET.urlencode()
        if not request.user.has_perm("directory.export_unpublished"):
            details["scope"] = "published records only"
        response = HttpResponse(
            exports.to_xlsx(frame, sheet=kind, details=details),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_records(request: HttpRequest) -> HttpResponse:
    """Upload a file; show the validation report, or import every row in one transaction."""
    require(request.user, "directory.import_records")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                result = imports.import_file(kind, upload.name, upload.read())
            except InputError as exc:
                form.add_error("file", str(exc))
        if result is not None:
            request.session[_SESSION_REPORT] = [
                [p.row, p.column, p.value, p.expected] for p in result.problems
            ]
    return render(
        request,
        "directory/import.html",
        {"form": form, "result": result, "columns": _column_help()},
    )


def _column_help() -> list[tuple[str, list[tuple[str, bool]]]]:
    labels = {
        "organisations": _("Organisations"),
        "initiatives": _("Cluster initiatives"),
        "memberships": _("Memberships"),
    }
    return [
        (labels[kind], [(name, name in imports.REQUIRED[kind]) for name in names])
        for kind, names in exports.COLUMNS.items()
    ]


@login_required
@require_GET
def import_report(request: HttpRequest) -> HttpResponse:
    """The last validation report of this session as CSV."""
    require(request.user, "directory.import_records")
    rows = request.session.get(_SESSION_REPORT)
    if rows is None:
        raise Http404("no import report in this session")
    problems = [Problem(*row) for row in rows]
    response = HttpResponse(imports.report_csv(problems), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="import-pruefbericht.csv"'
    return response
