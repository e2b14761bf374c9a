"""Exports of the networks app: metric tables (CSV, XLSX) and import problems (CSV)."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

__all__ = ["NODE_COLUMNS", "node_table_response", "problems_response"]

#: Columns of the metric table: key and heading (translated when written).
NODE_COLUMNS = [
    ("name", _("Organisation")),
    ("type_label", _("Type")),
    ("degree", _("Degree")),
    ("strength", _("Strength (joint projects)")),
    ("betweenness", _("Betweenness")),
    ("eigenvector", _("Eigenvector centrality")),
    ("closeness", _("Closeness")),
    ("constraint", _("Constraint (Burt)")),
    ("effective_size", _("Effective size")),
    ("community", _("Community")),
    ("coreness", _("Core number")),
]


def _rows(nodes: list[dict]) -> tuple[list[str], list[list]]:
    headings = [str(heading) for _key, heading in NODE_COLUMNS]
    rows = [[node.get(key) for key, _heading in NODE_COLUMNS] for node in nodes]
    return headings, rows


def node_table_response(nodes: list[dict], stem: str, fmt: str) -> HttpResponse:
    """The metric table as a CSV (UTF-8 with BOM, for Excel) or XLSX download."""
    headings, rows = _rows(nodes)
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";")
        writer.writerow(headings)
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = str(_("Network"))[:31]
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def problems_response(problems: list[dict]) -> HttpResponse:
    """The problems of an import (row, column, value, expected) as CSV."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(_("Row")), str(_("Column")), str(_("Value")), str(_("Expected"))])
    for p in problems:
        writer.writerow([p["row"], p["column"], p["value"], p["expected"]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="import-probleme.csv"'
    return response
