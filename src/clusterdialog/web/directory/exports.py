"""CSV and XLSX exports of organisations, initiatives and memberships.

The columns are exactly those the importer reads (:mod:`.imports`), so an
export edited in Excel can be imported again.  Lists (industries, regions …)
are joined with ``;``.  CSV files use ``;`` as separator and UTF-8 with a byte
order mark, as German Excel expects; XLSX files carry a second sheet with the
provenance (time, package version, filters, number of rows).

Who gets what: signed-in users export the published records; the state
administrator exports all.  Memberships are exported when both their
initiative and their organisation are exported.
"""

from __future__ import annotations

import io
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, version

import pandas as pd
from django.db.models import QuerySet
from django.utils import timezone

from clusterdialog.web.directory.models import Initiative, Membership, Organisation

__all__ = [
    "COLUMNS",
    "LIST_SEPARATOR",
    "export_frame",
    "initiatives_frame",
    "memberships_frame",
    "organisations_frame",
    "to_csv",
    "to_xlsx",
]

LIST_SEPARATOR = ";"
#: The columns of each kind of record, in file order (shared with the importer).
COLUMNS: dict[str, list[str]] = {
    "organisations": [
        "slug",
        "name",
        "type",
        "description",
        "industries",
        "region",
        "city",
        "postcode",
        "street",
        "latitude",
        "longitude",
        "website",
        "employees",
        "published",
    ],
    "initiatives": [
        "slug",
        "name",
        "description",
        "technology_fields",
        "industries",
        "regions",
        "founding_year",
        "legal_form",
        "management_organisation",
        "management_staff_fte",
        "funding_sources",
        "website",
        "status",
        "published",
    ],
    "memberships": ["initiative", "organisation", "role", "since", "until"],
}


def _grouped(rows) -> dict[int, list[str]]:
    """``(owner_id, code)`` pairs → owner_id: sorted codes."""
    out: dict[int, list[str]] = defaultdict(list)
    for owner, code in rows:
        out[owner].append(code)
    return {owner: sorted(codes) for owner, codes in out.items()}


def _joined(mapping: dict[int, list[str]], pk: int) -> str:
    return LIST_SEPARATOR.join(mapping.get(pk, []))


def _number(value) -> object:
    return "" if value is None else value


def organisations_frame(queryset: QuerySet[Organisation]) -> pd.DataFrame:
    """One row per organisation (two queries, whatever the number of rows)."""
    rows = list(
        queryset.order_by("name", "pk").values(
            "pk",
            "slug",
            "name",
            "type",
            "description",
            "region__code",
            "city",
            "postcode",
            "street",
            "latitude",
            "longitude",
            "website",
            "employees",
            "published",
        )
    )
    industries = _grouped(
        Organisation.industries.through.objects.filter(
            organisation_id__in=queryset.values("pk")
        ).values_list("organisation_id", "industry__code")
    )
    records = [
        {
            **{k: row[k] for k in ("slug", "name", "type", "description")},
            "industries": _joined(industries, row["pk"]),
            "region": row["region__code"] or "",
            **{k: row[k] for k in ("city", "postcode", "street")},
            "latitude": _number(row["latitude"]),
            "longitude": _number(row["longitude"]),
            "website": row["website"],
            "employees": _number(row["employees"]),
            "published": row["published"],
        }
        for row in rows
    ]
    return pd.DataFrame(records, columns=COLUMNS["organisations"])


def initiatives_frame(queryset: QuerySet[Initiative]) -> pd.DataFrame:
    """One row per initiative (five queries, whatever the number of rows)."""
    rows = list(
        queryset.order_by("name", "pk").values(
            "pk",
            "slug",
            "name",
            "description",
            "founding_year",
            "legal_form",
            "management_organisation__slug",
            "management_staff_fte",
            "website",
            "status",
            "published",
        )
    )
    ids = queryset.values("pk")
    fields = _grouped(
        Initiative.technology_fields.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "technologyfield__slug"
        )
    )
    industries = _grouped(
        Initiative.industries.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "industry__code"
        )
    )
    regions = _grouped(
        Initiative.regions.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "region__code"
        )
    )
    funding = _grouped(
        Initiative.funding_sources.through.objects.filter(initiative_id__in=ids).values_list(
            "initiative_id", "fundingsource__slug"
        )
    )
    records = [
        {
            "slug": row["slug"],
            "name": row["name"],
            "description": row["description"],
            "technology_fields": _joined(fields, row["pk"]),
            "industries": _joined(industries, row["pk"]),
            "regions": _joined(regions, row["pk"]),
            "founding_year": _number(row["founding_year"]),
            "legal_form": row["legal_form"],
            "management_organisation": row["management_organisation__slug"] or "",
            "management_staff_fte": (
                "" if row["management_staff_fte"] is None else str(row["management_staff_fte"])
            ),
            "funding_sources": _joined(funding, row["pk"]),
            "website": row["website"],
            "status": row["status"],
            "published": row["published"],
        }
        for row in rows
    ]
    return pd.DataFrame(records, columns=COLUMNS["initiatives"])


def memberships_frame(queryset: QuerySet[Membership]) -> pd.DataFrame:
    """One row per membership (one query)."""
    rows = queryset.order_by("initiative__name", "organisation__name", "since", "pk").values(
        "initiative__slug", "organisation__slug", "role", "since", "until"
    )
    records = [
        {
            "initiative": row["initiative__slug"],
            "organisation": row["organisation__slug"],
            "role": row["role"],
            "since": row["since"].isoformat() if row["since"] else "",
            "until": row["until"].isoformat() if row["until"] else "",
        }
        for row in rows
    ]
    return pd.DataFrame(records, columns=COLUMNS["memberships"])


def export_frame(kind: str, user, filters=None) -> pd.DataFrame:
    """The export of ``kind`` for ``user``: published records, or all for the administrator.

    ``filters`` (:class:`~.services.InitiativeFilters` or
    :class:`~.services.OrganisationFilters`) narrow initiatives or organisations
    as on the list pages.
    """
    from clusterdialog.web.directory import services

    everything = user.has_perm("directory.export_unpublished")
    initiatives = (
        Initiative.objects.all() if everything else Initiative.objects.filter(published=True)
    )
    organisations = (
        Organisation.objects.all() if everything else Organisation.objects.filter(published=True)
    )
    if kind == "initiatives":
        if filters is not None:
            initiatives = services.filter_initiatives(initiatives, filters)
        return initiatives_frame(initiatives)
    if kind == "organisations":
        if filters is not None:
            organisations = services.filter_organisations(organisations, filters)
        return organisations_frame(organisations)
    if kind == "memberships":
        return memberships_frame(
            Membership.objects.filter(initiative__in=initiatives, organisation__in=organisations)
        )
    raise ValueError(f"kind: expected one of {', '.join(COLUMNS)}, got {kind!r}")


def to_csv(frame: pd.DataFrame) -> bytes:
    """``;``-separated UTF-8 with byte order mark (opens correctly in German Excel)."""
    return frame.to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8-sig")


def _package_version() -> str:
    try:
        return version("clusterdialog")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def to_xlsx(frame: pd.DataFrame, *, sheet: str, details: dict[str, str] | None = None) -> bytes:
    """An Excel workbook: the table (bold header, frozen first row) and a provenance sheet."""
    from openpyxl.styles import Font

    buffer = io.BytesIO()
    info = {
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "software": f"clusterdialog {_package_version()}",
        "rows": str(len(frame)),
        **(details or {}),
    }
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        pd.DataFrame({"key": list(info), "value": list(info.values())}).to_excel(
            writer, sheet_name="provenance", index=False
        )
        table = writer.sheets[sheet]
        table.freeze_panes = "A2"
        for cell in table[1]:
            cell.font = Font(bold=True)
        for column in table.columns:
            width = max((len(str(c.value)) for c in column[:200] if c.value is not None), default=8)
            table.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return buffer.getvalue()
