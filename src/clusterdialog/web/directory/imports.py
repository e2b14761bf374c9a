"""Import organisations, initiatives and memberships from CSV or XLSX: all rows or none.

Every row is checked before anything is written: required columns, known
region keys, type and status values, WZ codes, technology fields and funding
sources, address names of related records, numbers, dates, duplicates within
the file.  Any problem stops the import and is reported with the spreadsheet
row number (the header is row 1), the column, the value and what was expected.
Without problems all rows are written in one transaction.

Rows whose ``slug`` (address name) exists update that record; others create
one (the address name is made from the name when the cell is empty).  A
membership is identified by initiative, organisation and start date.  Columns
missing from the file leave the existing values alone; an empty cell in a
present column empties the value.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialog.errors import InputError
from clusterdialog.web.directory.exports import COLUMNS
from clusterdialog.web.directory.history import save_tracked
from clusterdialog.web.directory.import_cells import (
    CellChecker,
    Problem,
    choice_lookup,
    industry_key,
    read_table,
)
from clusterdialog.web.directory.models import (
    FundingSource,
    Industry,
    Initiative,
    InitiativeStatus,
    LegalForm,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationType,
    Region,
    TechnologyField,
)
from clusterdialog.web.directory.services import RESERVED_SLUGS, unique_slug

__all__ = [
    "KINDS",
    "REQUIRED",
    "ImportResult",
    "Problem",
    "import_file",
    "read_table",
    "report_csv",
    "validate_rows",
]

KINDS = tuple(COLUMNS)
REQUIRED = {
    "organisations": ("name", "type"),
    "initiatives": ("name",),
    "memberships": ("initiative", "organisation"),
}


@dataclass
class ImportResult:
    """The outcome of an import: problems (then nothing was written) or counts."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _lookups(kind: str, frame: pd.DataFrame) -> dict:
    """Everything the rows refer to, in a fixed number of queries."""
    lookups: dict = {}
    if kind in ("organisations", "initiatives"):
        lookups["industries"] = {i.code: i for i in Industry.objects.all()}
        lookups["regions"] = {r.code: r for r in Region.objects.defer("geometry")}
    if kind == "initiatives":
        fields = {}
        for item in TechnologyField.objects.all():
            fields[item.slug] = fields[item.name_de.lower()] = item
            if item.name_en:
                fields[item.name_en.lower()] = item
        lookups["fields"] = fields
        sources = {}
        for item in FundingSource.objects.all():
            sources[item.slug] = sources[item.name_de.lower()] = item
            if item.name_en:
                sources[item.name_en.lower()] = item
        lookups["funding"] = sources
        slugs = [s.strip() for s in frame.get("management_organisation", []) if s.strip()]
        lookups["organisations"] = {
            o.slug: o for o in Organisation.objects.filter(slug__in=slugs).only("pk", "slug")
        }
    if kind == "memberships":
        lookups["initiatives"] = {
            i.slug: i
            for i in Initiative.objects.filter(
                slug__in=[s.strip() for s in frame.get("initiative", [])]
            ).only("pk", "slug")
        }
        lookups["organisations"] = {
            o.slug: o
            for o in Organisation.objects.filter(
                slug__in=[s.strip() for s in frame.get("organisation", [])]
            ).only("pk", "slug")
        }
    return lookups


def _organisation_row(check: CellChecker, cells: dict, lookups: dict) -> dict:
    latitude = check.decimal(cells, "latitude", -90, 90)
    longitude = check.decimal(cells, "longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        check.problem("longitude", cells.get("longitude", ""), _("latitude and longitude together"))
    region_code = cells.get("region", "").strip()
    region = lookups["regions"].get(region_code)
    if region_code and region is None:
        check.problem(
            "region",
            region_code,
            _(
                "an official region key known to the directory, e.g. 08111 "
                "(keep the leading zero: format the column as text)"
            ),
        )
    return {
        "slug": check.slug(cells, "slug", RESERVED_SLUGS),
        "name": check.text(cells, "name", 255, required=True),
        "type": check.choice(
            cells, "type", choice_lookup(OrganisationType.choices), "", required=True
        ),
        "description": check.text(cells, "description", 20000),
        "industries": check.codes(
            cells,
            "industries",
            lookups["industries"],
            _("a WZ 2008 section or division, e.g. C or 28"),
            industry_key,
        ),
        "region": region,
        "city": check.text(cells, "city", 120),
        "postcode": check.text(cells, "postcode", 10),
        "street": check.text(cells, "street", 200),
        "latitude": None if latitude is None else float(latitude),
        "longitude": None if longitude is None else float(longitude),
        "website": check.url(cells, "website"),
        "employees": check.integer(cells, "employees", 0, 10_000_000),
        "published": check.boolean(cells, "published", True),
    }


def _initiative_row(check: CellChecker, cells: dict, lookups: dict) -> dict:
    manager_slug = cells.get("management_organisation", "").strip()
    management = lookups["organisations"].get(manager_slug)
    if manager_slug and management is None:
        check.problem(
            "management_organisation",
            manager_slug,
            _("the address name (slug) of an organisation in the directory"),
        )
    return {
        "slug": check.slug(cells, "slug", RESERVED_SLUGS),
        "name": check.text(cells, "name", 255, required=True),
        "description": check.text(cells, "description", 20000),
        "technology_fields": check.codes(
            cells,
            "technology_fields",
            lookups["fields"],
            _("a technology field of the directory (short name, e.g. photonik)"),
            str.lower,
        ),
        "industries": check.codes(
            cells,
            "industries",
            lookups["industries"],
            _("a WZ 2008 section or division, e.g. C or 28"),
            industry_key,
        ),
        "regions": check.codes(
            cells,
            "regions",
            lookups["regions"],
            _("an official region key known to the directory, e.g. 08111"),
        ),
        "founding_year": check.integer(cells, "founding_year", 1900, timezone.now().year + 1),
        "legal_form": check.choice(cells, "legal_form", choice_lookup(LegalForm.choices), ""),
        "management_organisation": management,
        "management_staff_fte": check.decimal(cells, "management_staff_fte", 0, 999),
        "funding_sources": check.codes(
            cells,
            "funding_sources",
            lookups["funding"],
            _("a funding source of the directory (short name, e.g. land-bw)"),
            str.lower,
        ),
        "website": check.url(cells, "website"),
        "status": check.choice(
            cells, "status", choice_lookup(InitiativeStatus.choices), InitiativeStatus.ACTIVE
        ),
        "published": check.boolean(cells, "published", False),
    }


def _membership_row(check: CellChecker, cells: dict, lookups: dict) -> dict:
    values = {}
    expected = {
        "initiative": _("the address name (slug) of an initiative in the directory"),
        "organisation": _("the address name (slug) of an organisation in the directory"),
    }
    for column, known in (("initiative", "initiatives"), ("organisation", "organisations")):
        slug = cells.get(column, "").strip()
        values[column] = lookups[known].get(slug)
        if slug and values[column] is None:
            check.problem(column, slug, expected[column])
        elif not slug:
            check.problem(column, slug, _("a value (the cell must not be empty)"))
    values["role"] = check.choice(
        cells, "role", choice_lookup(MembershipRole.choices), MembershipRole.MEMBER
    )
    values["since"] = check.date(cells, "since")
    values["until"] = check.date(cells, "until")
    if values["since"] and values["until"] and values["until"] < values["since"]:
        check.problem("until", cells.get("until", ""), _("a date on or after 'since'"))
    return values


_ROW_READERS = {
    "organisations": _organisation_row,
    "initiatives": _initiative_row,
    "memberships": _membership_row,
}


def validate_rows(kind: str, frame: pd.DataFrame) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Check every row of ``frame``; return the converted rows and the problems.

    Rows that are empty in every cell are skipped.  Duplicates within the file
    (same address name; same name without address name; same initiative,
    organisation and start date) are problems of the later row.
    """
    if kind not in COLUMNS:
        raise InputError(f"kind: expected one of {', '.join(COLUMNS)}, got {kind!r}")
    problems: list[Problem] = []
    columns = set(frame.columns)
    for column in frame.columns:
        if column not in COLUMNS[kind]:
            problems.append(
                Problem(
                    1,
                    column,
                    column,
                    _("a known column: %(columns)s") % {"columns": ", ".join(COLUMNS[kind])},
                )
            )
    for column in REQUIRED[kind]:
        if column not in columns:
            problems.append(
                Problem(1, column, "", _("a column named '%(column)s'") % {"column": column})
            )
    if problems:
        return [], problems
    lookups = _lookups(kind, frame)
    rows: list[tuple[int, dict]] = []
    seen: dict[tuple, int] = {}
    for index, record in enumerate(frame.to_dict("records")):
        number = index + 2
        cells = {k: v for k, v in record.items() if k in columns}
        if not any(str(v).strip() for v in cells.values()):
            continue
        check = CellChecker(problems, number)
        values = _ROW_READERS[kind](check, cells, lookups)
        if kind == "memberships":
            key = ("membership", values["initiative"], values["organisation"], values["since"])
            column, shown = "organisation", cells.get("organisation", "")
        elif values["slug"]:
            key, column, shown = ("slug", values["slug"]), "slug", values["slug"]
        else:
            key, column, shown = ("name", values["name"].lower()), "name", values["name"]
        if key in seen:
            check.problem(
                column,
                shown,
                _("a value not used before (duplicate of row %(row)s)") % {"row": seen[key]},
            )
        else:
            seen[key] = number
        rows.append((number, values))
    return rows, problems


class _RowError(Exception):
    """A row the model's own validation rejects (rules not covered by the checks)."""

    def __init__(self, row: int, error: ValidationError):
        super().__init__(row, error)
        self.row = row
        self.error = error


_M2M = {
    "organisations": ("industries",),
    "initiatives": ("technology_fields", "industries", "regions", "funding_sources"),
}


def _write_profiles(kind: str, rows, present: set[str]) -> tuple[int, int]:
    model = Organisation if kind == "organisations" else Initiative
    slugs = [values["slug"] for _, values in rows if values["slug"]]
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    created = updated = 0
    for number, values in rows:
        obj = existing.get(values["slug"]) if values["slug"] else None
        if obj is None:
            obj = model(slug=values["slug"] or unique_slug(model, values["name"]))
            created += 1
            present_here = set(values)  # a new record takes every value, defaults included
        else:
            updated += 1
            present_here = present
        for name, value in values.items():
            if name == "slug" or name in _M2M[kind] or name not in present_here:
                continue
            if value is None and name in ("description", "city", "postcode", "street"):
                value = ""
            setattr(obj, name, value)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise _RowError(number, exc) from None

        def relations(obj=obj, values=values, present_here=present_here):
            for name in _M2M[kind]:
                if name in present_here:
                    getattr(obj, name).set(values[name])

        save_tracked(obj, relations)
    return created, updated


def _write_memberships(rows) -> tuple[int, int]:
    created = updated = 0
    for _number, values in rows:
        membership, was_created = Membership.objects.update_or_create(
            initiative=values["initiative"],
            organisation=values["organisation"],
            since=values["since"],
            defaults={"role": values["role"], "until": values["until"]},
        )
        created += was_created
        updated += not was_created
    return created, updated


def import_file(kind: str, name: str, content: bytes) -> ImportResult:
    """Read, check and import a file: all rows in one transaction, or none with problems.

    Raises
    ------
    InputError
        When the file itself cannot be read (type, size, encoding).
    """
    frame = read_table(name, content)
    rows, problems = validate_rows(kind, frame)
    result = ImportResult(kind=kind, rows=len(rows), problems=problems)
    if problems:
        return result
    present = set(frame.columns)
    try:
        with transaction.atomic():
            if kind == "memberships":
                result.created, result.updated = _write_memberships(rows)
            else:
                result.created, result.updated = _write_profiles(kind, rows, present)
    except _RowError as exc:
        # a rule only the model knows; the transaction is rolled back, nothing is written
        result.created = result.updated = 0
        messages = getattr(exc.error, "message_dict", None) or {"": exc.error.messages}
        result.problems = [
            Problem(exc.row, key, "", "; ".join(texts)) for key, texts in messages.items()
        ]
    return result


def report_csv(problems: list[Problem]) -> bytes:
    """The validation report as a ``;``-separated CSV (UTF-8 with byte order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["row", "column", "value", "expected"])
    for problem in problems:
        writer.writerow([problem.row, problem.column, problem.value, problem.expected])
    return buffer.getvalue().encode("utf-8-sig")
