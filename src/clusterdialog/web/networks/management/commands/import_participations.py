"""``python -m clusterdialog.web import_participations FILE``: import joint projects.

Examples::

    import_participations cordis_h2020_participations.csv.gz --format cordis --country DE
    import_participations projekte.xlsx --format generic --dry-run
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterdialog.web.networks.imports import (
    FORMATS,
    import_participations,
    read_programme_parts,
)


def _split(text: str | None) -> list[str] | None:
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    return parts or None


class Command(BaseCommand):
    help = "Import joint projects from a participation list (CSV/XLSX) or a CORDIS file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, default="generic")
        parser.add_argument("--country", help="CORDIS: keep this country's organisations (DE).")
        parser.add_argument("--postcodes", help="Comma-separated postcode prefixes, e.g. 7,88,89.")
        parser.add_argument("--cities", help="Comma-separated city names.")
        parser.add_argument("--limit", type=int, help="Import only the first N selected rows.")
        parser.add_argument(
            "--programme-parts", type=Path, help="CORDIS project → H2020 programme part file."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only, write nothing.")

    def handle(self, *args, **options):
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        parts = None
        if options["programme_parts"]:
            parts = read_programme_parts(options["programme_parts"])
        report = import_participations(
            path,
            path.name,
            format=options["format"],
            country=options["country"],
            postcodes=_split(options["postcodes"]),
            cities=_split(options["cities"]),
            limit=options["limit"],
            programme_parts=parts,
            dry_run=options["dry_run"],
        )
        for problem in report.problems[:50]:
            self.stderr.write(
                f"row {problem.row}, column {problem.column!r}: {problem.value!r} — "
                f"expected {problem.expected}"
            )
        for note in report.notes:
            self.stdout.write(note)
        if report.problems:
            raise CommandError(
                f"{len(report.problems)} problem(s) in {path.name}; nothing was imported"
            )
        self.stdout.write(
            f"{report.rows_read} rows read, {report.rows_selected} selected; projects: "
            f"{report.projects_created} new, {report.projects_updated} updated; organisations: "
            f"{report.organisations_matched} matched, {report.organisations_created} created "
            f"(unpublished); participations: {report.participations_created} new, "
            f"{report.participations_updated} updated"
            + (" — dry run, nothing written" if report.dry_run else "")
        )
