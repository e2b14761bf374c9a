"""CSV and XLSX exports: an event's registration list, a consultation's result.

Cells that a spreadsheet would read as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are prefixed with an apostrophe, so that
names and statements typed by users can never run as formulas.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from clusterdialog import __version__
from clusterdialog.web.dialogue.consultations import ConsultationResult
from clusterdialog.web.dialogue.models import Consultation, Event, Registration

__all__ = [
    "safe_cell",
    "registration_table",
    "result_tables",
    "to_csv",
    "to_xlsx",
]


def safe_cell(value):
    """Neutralise spreadsheet formulas in text cells.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Anna"), safe_cell(3)
    ("'=HYPERLINK(1)", 'Anna', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def registration_table(event: Event, rows: list[Registration]) -> tuple[list[str], list[list]]:
    """Header and rows of the registration list (as ``services.registration_list`` orders
    it)."""
    header = [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Status"),
        _("Place on the waiting list"),
        _("Registered at"),
        _("Attended"),
    ]
    body = []
    for row in rows:
        body.append(
            [
                row.user.full_name,
                row.user.email,
                row.organisation.name if row.organisation else "",
                row.get_status_display(),
                getattr(row, "position", None),
                timezone.localtime(row.registered_at).strftime("%Y-%m-%d %H:%M"),
                _("yes") if row.attended else _("no"),
            ]
        )
    return header, body


def result_tables(
    consultation: Consultation, result: ConsultationResult
) -> dict[str, tuple[list[str], list[list]]]:
    """The result as named tables: ``topics`` (per topic) and ``statements``."""
    responses = {
        "rank": _("Ranked by"),
        "points": _("Given points by"),
    }.get(result.method, _("Chosen by"))
    header = [_("Topic"), responses, _("Share of answers")]
    if result.method == "rank":
        header.append(_("Mean rank"))
    if result.method == "points":
        header += [_("Points in total"), _("Mean points")]
    topics = []
    for topic in result.topics:
        row = [topic.label, topic.responses, topic.share]
        if result.method == "rank":
            row.append(topic.mean_rank)
        if result.method == "points":
            row += [topic.points_total, topic.mean_points]
        topics.append(row)
    statements = [[statement] for statement in result.statements]
    return {
        "topics": (header, topics),
        "statements": ([_("Statement")], statements),
        "summary": (
            [_("Consultation"), _("Submissions"), _("Participants"), _("Participation")],
            [[consultation.title, result.submissions, result.participants, result.participation]],
        ),
    }


def to_csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else safe_cell(value) for value in row])
    return buffer.getvalue()


def to_xlsx(sheets: dict[str, tuple[list[str], list[list]]], *, title: str) -> bytes:
    """A workbook with one sheet per table, bold headers and a provenance line."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
        for column, label in zip(sheet.columns, header, strict=False):
            sheet.column_dimensions[column[0].column_letter].width = max(
                12, min(60, len(label) + 4)
            )
    workbook.properties.title = title
    workbook.properties.creator = f"clusterdialog {__version__}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
