"""Importers of joint projects: a generic participation list and the CORDIS format.

Both read a whole file, validate every row first and then import everything
in one transaction, or nothing: the :class:`ImportReport` lists each problem
with its row (the line of the file), column, value and what was expected.

* Generic (CSV or XLSX): one row per organisation × project; columns
  ``project`` and ``organisation`` (names), optionally ``role``,
  ``contribution``, ``acronym``, ``start``, ``end``, ``programme``,
  ``total_funding``, ``project_id``, ``organisation_type``, ``city``,
  ``postcode`` (German column names are understood too).
* CORDIS: the H2020 participation file (``rcn``, ``role``, ``pic``, ``type``,
  ``contribution``, ``country``, ``start_date``, ``end_date``,
  ``max_contribution`` …) and the column names of CORDIS' own
  ``organization.csv`` (``projectID``, ``organisationID``, ``name``,
  ``activityType``, ``postCode``, ``city`` …).  Filters: country (default DE),
  postcode prefixes and cities (these need the file's ``postcode``/``city``).

Organisations are matched by CORDIS PIC (an :class:`~.models.OrganisationIdentifier`)
and by normalised name against the directory; unmatched ones are created
unpublished, with the CORDIS activity type mapped (PRC → firm, HES →
university, REC → research institute, PUB → public body, OTH → other).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from clusterdialog.errors import InputError
from clusterdialog.web.directory.models import Organisation
from clusterdialog.web.networks.import_rows import (
    CORDIS_TYPE_MAP,
    FORMATS,
    ImportProblem,
    ImportReport,
    ParsedRow,
    check_rows,
    normalise_name,
    read_programme_parts,
    read_rows,
    select_rows,
)
from clusterdialog.web.networks.models import (
    IdentifierScheme,
    OrganisationIdentifier,
    Project,
    ProjectParticipation,
    ProjectSource,
)

__all__ = [
    "CORDIS_TYPE_MAP",
    "FORMATS",
    "ImportProblem",
    "ImportReport",
    "import_participations",
    "normalise_name",
    "read_programme_parts",
    "read_rows",
]


def import_participations(
    source,
    name: str,
    *,
    format: str = "generic",
    country: str | None = None,
    postcodes: list[str] | None = None,
    cities: list[str] | None = None,
    limit: int | None = None,
    programme_parts: dict[str, str] | None = None,
    dry_run: bool = False,
    user=None,
) -> ImportReport:
    """Validate a participation file and import it in one transaction, or not at all.

    Parameters
    ----------
    source : path or binary file
        The file (CSV, CSV.GZ or XLSX).
    name : str
        Its file name (tells the format of the bytes).
    format : {"generic", "cordis"}
    country : str, optional
        CORDIS: keep only this country's organisations (e.g. ``"DE"``).
    postcodes, cities : list of str, optional
        Keep only organisations whose postcode starts with one of the
        prefixes, or whose city is one of these (the file needs the column).
    limit : int, optional
        Import only the first ``limit`` selected rows.
    programme_parts : dict, optional
        CORDIS project number → H2020 programme part (e.g. ``"SC1"``).
    dry_run : bool
        Validate and count, write nothing.

    Returns
    -------
    ImportReport
        ``imported`` is True when the rows were written; with problems, nothing is.
    """
    report = ImportReport(format=format, dry_run=dry_run)
    try:
        frame = read_rows(source, name, format)
    except InputError as error:
        report.add(1, "", name, str(error))
        return report
    report.rows_read = len(frame)
    try:
        frame = select_rows(frame, country, postcodes, cities)
    except InputError as error:
        report.add(1, "", name, str(error))
        return report
    if limit is not None:
        frame = frame.head(limit)
    report.rows_selected = len(frame)
    rows = check_rows(report, frame, format)
    if report.problems:
        return report
    if not rows:
        report.notes.append(str(_("No row was selected; nothing to import.")))
        return report
    with transaction.atomic():
        _write(report, rows, format, programme_parts or {}, user)
        if dry_run:
            transaction.set_rollback(True)
        else:
            report.imported = True
    return report


def _unique_slugs(names: list[str]) -> list[str]:
    taken = set(Organisation.objects.values_list("slug", flat=True))
    out = []
    for name in names:
        base = slugify(name)[:200] or "organisation"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out.append(slug)
    return out


def _organisations(report: ImportReport, rows: list[ParsedRow], fmt: str) -> dict[str, int]:
    """Organisation key → primary key; matches, or creates unpublished organisations."""
    first: dict[str, ParsedRow] = {}
    for row in rows:
        first.setdefault(row.organisation_key, row)
    found: dict[str, int] = {}
    if fmt == "cordis":
        found = dict(
            OrganisationIdentifier.objects.filter(
                scheme=IdentifierScheme.CORDIS_PIC, value__in=list(first)
            ).values_list("value", "organisation_id")
        )
    by_name: dict[str, list[int]] = {}
    for pk, organisation_name in Organisation.objects.values_list("pk", "name"):
        by_name.setdefault(normalise_name(organisation_name), []).append(pk)
    for key, row in first.items():
        if key in found:
            continue
        name_key = normalise_name(row.organisation_name) if row.organisation_name else ""
        candidates = by_name.get(name_key, []) if name_key else []
        if len(candidates) == 1:
            found[key] = candidates[0]
        elif len(candidates) > 1:
            report.notes.append(
                str(_("%(name)s matches %(n)d organisations of the directory; a new one was "
                      "created.") % {"name": row.organisation_name, "n": len(candidates)})
            )  # fmt: skip
    report.organisations_matched = len(found)
    missing = [key for key in first if key not in found]
    names = [first[k].organisation_name or f"PIC {k}" for k in missing]
    created = bulk_create_with_history(
        [
            Organisation(
                name=name,
                slug=slug,
                type=first[key].organisation_type,
                published=False,
                description=str(_("Created by the import of joint projects.")),
                **first[key].organisation,
            )  # fmt: skip
            for key, name, slug in zip(missing, names, _unique_slugs(names), strict=True)
        ],
        Organisation,
        batch_size=500,
    )
    slugs = {o.slug: o.pk for o in created if o.pk is not None}
    if len(slugs) < len(created):  # backends that do not return keys
        slugs = dict(
            Organisation.objects.filter(slug__in=[o.slug for o in created]).values_list(
                "slug", "pk"
            )
        )
    for key, organisation in zip(missing, created, strict=True):
        found[key] = slugs[organisation.slug]
    report.organisations_created = len(missing)
    if fmt == "cordis":
        known = set(
            OrganisationIdentifier.objects.filter(
                scheme=IdentifierScheme.CORDIS_PIC, value__in=list(first)
            ).values_list("value", flat=True)
        )
        OrganisationIdentifier.objects.bulk_create(
            [
                OrganisationIdentifier(
                    organisation_id=found[k], scheme=IdentifierScheme.CORDIS_PIC, value=k
                )
                for k in first
                if k not in known
            ],
            batch_size=1000,
        )
    return found


def _projects(
    report, rows: list[ParsedRow], fmt: str, parts: dict[str, str], user
) -> dict[str, int]:
    """Project key → primary key; updates known projects, creates new ones."""
    first: dict[str, ParsedRow] = {}
    for row in rows:
        first.setdefault(row.project_key, row)
    source = ProjectSource.CORDIS if fmt == "cordis" else ProjectSource.IMPORT
    existing: dict[str, Project] = {}
    external = [r.project["external_id"] for r in first.values() if r.project["external_id"]]
    for project in Project.objects.filter(source=source, external_id__in=external):
        key = project.external_id if fmt == "cordis" else f"id:{project.external_id}"
        existing[key] = project
    titles = [r.project["title"] for k, r in first.items() if k.startswith("title:")]
    if titles:
        for project in Project.objects.filter(external_id="", title__in=titles):
            existing.setdefault(f"title:{normalise_name(project.title)}", project)
    new, changed = [], []
    for key, row in first.items():
        values = dict(row.project)
        if fmt == "cordis":
            part = parts.get(key)
            values["title"] = values["title"] or f"H2020 {key}"
            values["programme"] = f"Horizon 2020 – {part}" if part else "Horizon 2020"
        values = {k: v for k, v in values.items() if v not in (None, "") or k == "external_id"}
        if key in existing:
            project = existing[key]
            for attribute, value in values.items():
                setattr(project, attribute, value)
            changed.append(project)
        else:
            new.append(Project(source=source, created_by=user, **values))
    fields = ["title", "acronym", "start", "end", "programme", "total_funding"]
    Project.objects.bulk_update(changed, fields, batch_size=500)
    Project.objects.bulk_create(new, batch_size=500)
    if any(p.pk is None for p in new):  # pragma: no cover - backends without returned keys
        raise InputError("the database did not return the new projects' keys")
    report.projects_created, report.projects_updated = len(new), len(changed)
    out = {key: existing[key].pk for key in existing}
    for project, key in zip(new, [k for k in first if k not in existing], strict=True):
        out[key] = project.pk
    return out


def _write(report, rows: list[ParsedRow], fmt: str, parts: dict[str, str], user) -> None:
    organisations = _organisations(report, rows, fmt)
    projects = _projects(report, rows, fmt, parts, user)
    wanted: dict[tuple[int, int], ParsedRow] = {}
    for row in rows:
        wanted[(projects[row.project_key], organisations[row.organisation_key])] = row
    existing = {
        (p.project_id, p.organisation_id): p
        for p in ProjectParticipation.objects.filter(project_id__in=set(projects.values()))
    }
    new, changed = [], []
    for (project, organisation), row in wanted.items():
        if (project, organisation) in existing:
            participation = existing[(project, organisation)]
            participation.role, participation.contribution = row.role, row.contribution
            changed.append(participation)
        else:
            new.append(
                ProjectParticipation(
                    project_id=project,
                    organisation_id=organisation,
                    role=row.role,
                    contribution=row.contribution,
                )  # fmt: skip
            )
    ProjectParticipation.objects.bulk_update(changed, ["role", "contribution"], batch_size=1000)
    ProjectParticipation.objects.bulk_create(new, batch_size=1000)
    report.participations_created, report.participations_updated = len(new), len(changed)
    repeated = len(rows) - len(wanted)
    if repeated:
        report.notes.append(
            str(_("%(n)d rows repeated an organisation in the same project; the last one counts.")
                % {"n": repeated})
        )  # fmt: skip
