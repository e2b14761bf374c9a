"""Queries of the directory used by views, the API and other apps.

Visibility lives here (who sees which record), and so do the filters of the
directory pages and the API, so that both answer the same question the same way.
Region filters use the hierarchy of the official keys (AGS/ARS): a Kreis key
starts with the key of its Regierungsbezirk and its Land, so filtering by ``08``
finds every initiative that covers a Kreis (or the Land itself) in
Baden-Württemberg.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.text import slugify

from clusterdialog.data.classifications import SECTION_DIVISIONS
from clusterdialog.web.directory.models import (
    ContactPerson,
    FundingSource,
    Industry,
    Initiative,
    InitiativeStatus,
    Membership,
    Organisation,
    OrganisationType,
    Region,
    RegionLevel,
    TechnologyField,
)

__all__ = [
    "InitiativeFilters",
    "OrganisationFilters",
    "RESERVED_SLUGS",
    "covered_kreise",
    "filter_initiatives",
    "filter_organisations",
    "filter_options",
    "initiative_detail_queryset",
    "initiative_visible_q",
    "industries_in_order",
    "industry_q",
    "initiative_profile",
    "list_initiatives",
    "list_organisations",
    "organisation_detail_queryset",
    "organisation_visible_q",
    "organisation_profile",
    "public_figures",
    "query_value",
    "region_q",
    "unique_slug",
    "visible_initiatives",
    "visible_memberships",
    "visible_organisations",
]

#: Path words of the directory that a record's address name may not take.
RESERVED_SLUGS = frozenset({"neu", "auswahl", "export", "import"})
_SECTION = re.compile(r"[A-Ua-u]")


def visible_initiatives(user) -> QuerySet[Initiative]:
    """Initiatives ``user`` may see: published ones, all for the state administrator,
    and the unpublished ones the user manages."""
    queryset = Initiative.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.publish_initiative"):
            return queryset
        managed = Initiative.managers.through.objects.filter(user_id=user.pk)
        return queryset.filter(Q(published=True) | Q(pk__in=managed.values("initiative_id")))
    return queryset.filter(published=True)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may see (published, or own, or all for the administrator)."""
    queryset = Organisation.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.delete_organisation"):
            return queryset
        own = Organisation.representatives.through.objects.filter(user_id=user.pk)
        return queryset.filter(Q(published=True) | Q(pk__in=own.values("organisation_id")))
    return queryset.filter(published=True)


def visible_memberships(user, *, joined: bool = False) -> QuerySet[Membership]:
    """Memberships whose initiative and organisation ``user`` may both see.

    Two equivalent forms, because SQLite plans them very differently on
    200,000 memberships: by default two ``IN (subquery)`` conditions, which
    count fast; with ``joined=True`` conditions on the joined initiative and
    organisation, which read a page in primary-key order fast.
    """
    if user is not None and user.is_authenticated and user.has_perm("directory.publish_initiative"):
        return Membership.objects.all()
    if not joined:
        return Membership.objects.filter(
            initiative_id__in=visible_initiatives(user).values("pk"),
            organisation_id__in=visible_organisations(user).values("pk"),
        )
    return Membership.objects.filter(initiative_visible_q(user), organisation_visible_q(user))


def initiative_visible_q(user, field: str = "initiative") -> Q:
    """Condition on a related initiative (``field``) that ``user`` may see, as a join."""
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.publish_initiative"):
            return Q()
        managed = Initiative.managers.through.objects.filter(user_id=user.pk)
        return Q(**{f"{field}__published": True}) | Q(
            **{f"{field}_id__in": managed.values("initiative_id")}
        )
    return Q(**{f"{field}__published": True})


def organisation_visible_q(user, field: str = "organisation") -> Q:
    """Condition on a related organisation (``field``) that ``user`` may see, as a join."""
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.delete_organisation"):
            return Q()
        own = Organisation.representatives.through.objects.filter(user_id=user.pk)
        return Q(**{f"{field}__published": True}) | Q(
            **{f"{field}_id__in": own.values("organisation_id")}
        )
    return Q(**{f"{field}__published": True})


def public_figures() -> dict[str, int]:
    """Counts for the home page: published initiatives and organisations, Kreise."""
    return {
        "initiatives": Initiative.objects.filter(published=True).count(),
        "organisations": Organisation.objects.filter(published=True).count(),
        "kreise": Region.objects.filter(level=RegionLevel.KREIS).count(),
    }


def region_q(code: str, field: str = "region__code") -> Q:
    """Records whose region is ``code`` or lies inside it (official keys are hierarchical)."""
    return Q(**{f"{field}__startswith": code})


def industry_q(code: str, field: str = "industry__code") -> Q:
    """Records classified in WZ ``code`` or below it.

    A section letter (``C``) covers the section itself and its divisions
    (``10`` … ``33``); a numeric code (``28``, ``28.1``) covers the codes that
    start with it.
    """
    code = code.strip()
    if _SECTION.fullmatch(code):
        section = code.upper()
        query = Q(**{field: section})
        for division in SECTION_DIVISIONS[section]:
            query |= Q(**{f"{field}__startswith": division})
        return query
    return Q(**{f"{field}__startswith": code})


def query_value(data, name: str) -> str:
    """A search or filter parameter: at most 200 characters, no NUL (PostgreSQL refuses it)."""
    return (data.get(name) or "").replace("\x00", "").strip()[:200]


@dataclass(frozen=True)
class InitiativeFilters:
    """The filters of the initiative directory (HTML and API)."""

    q: str = ""
    region: str = ""
    field: str = ""
    industry: str = ""
    funding: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, data) -> InitiativeFilters:
        return cls(**{name: query_value(data, name) for name in cls.__annotations__})

    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__annotations__)


@dataclass(frozen=True)
class OrganisationFilters:
    """The filters of the organisation directory (HTML and API)."""

    q: str = ""
    type: str = ""
    region: str = ""
    industry: str = ""

    @classmethod
    def from_query(cls, data) -> OrganisationFilters:
        return cls(**{name: query_value(data, name) for name in cls.__annotations__})

    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__annotations__)


def filter_initiatives(queryset: QuerySet[Initiative], filters: InitiativeFilters):
    """Apply search (name, description) and filters; each M2M filter is a subquery
    so that an initiative appears once however many of its rows match."""
    if filters.q:
        queryset = queryset.filter(
            Q(name__icontains=filters.q) | Q(description__icontains=filters.q)
        )
    if filters.region:
        rows = Initiative.regions.through.objects.filter(region_q(filters.region))
        queryset = queryset.filter(pk__in=rows.values("initiative_id"))
    if filters.field:
        rows = Initiative.technology_fields.through.objects.filter(
            technologyfield__slug=filters.field
        )
        queryset = queryset.filter(pk__in=rows.values("initiative_id"))
    if filters.industry:
        rows = Initiative.industries.through.objects.filter(industry_q(filters.industry))
        queryset = queryset.filter(pk__in=rows.values("initiative_id"))
    if filters.funding:
        rows = Initiative.funding_sources.through.objects.filter(
            fundingsource__slug=filters.funding
        )
        queryset = queryset.filter(pk__in=rows.values("initiative_id"))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


def filter_organisations(queryset: QuerySet[Organisation], filters: OrganisationFilters):
    """Apply search (name, description, city) and the type, region and industry filters."""
    if filters.q:
        queryset = queryset.filter(
            Q(name__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(city__icontains=filters.q)
        )
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.region:
        queryset = queryset.filter(region_q(filters.region))
    if filters.industry:
        rows = Organisation.industries.through.objects.filter(industry_q(filters.industry))
        queryset = queryset.filter(pk__in=rows.values("organisation_id"))
    return queryset


def list_initiatives(user, filters: InitiativeFilters) -> QuerySet[Initiative]:
    """Visible, filtered initiatives with what a list row shows, in name order."""
    return (
        filter_initiatives(visible_initiatives(user), filters)
        .prefetch_related(
            "technology_fields", Prefetch("regions", queryset=Region.objects.defer("geometry"))
        )
        .order_by("name", "pk")
    )


def list_organisations(user, filters: OrganisationFilters) -> QuerySet[Organisation]:
    """Visible, filtered organisations with their region and industries, in name order."""
    return (
        filter_organisations(visible_organisations(user), filters)
        .select_related("region")
        .defer("region__geometry")
        .prefetch_related("industries")
        .order_by("name", "pk")
    )


_SECTION_OF = {d: s for s, divisions in SECTION_DIVISIONS.items() for d in divisions}


def industries_in_order(queryset) -> list[Industry]:
    """WZ industries with each section followed by its divisions (C, 10, 11 … 33, D, 35 …).

    Examples
    --------
    >>> codes = ["28", "C", "A", "01", "J"]
    >>> sorted(codes, key=_industry_sort_key)
    ['A', '01', 'C', '28', 'J']
    """
    return sorted(queryset, key=lambda industry: _industry_sort_key(industry.code))


def _industry_sort_key(code: str) -> tuple[str, int, str]:
    section = code if code in SECTION_DIVISIONS else _SECTION_OF.get(code[:2], "~")
    return (section, 0 if code == section else 1, code)


def filter_options() -> dict:
    """Choices of the filter forms: regions (Land, Bezirke, Kreise), fields, industries,
    funding sources, statuses, organisation types (one query per table)."""
    return {
        "regions": list(
            Region.objects.filter(
                level__in=[RegionLevel.STATE, RegionLevel.DISTRICT, RegionLevel.KREIS]
            )
            .only("code", "name", "level")
            .order_by("code")
        ),
        "fields": list(TechnologyField.objects.all()),
        "industries": industries_in_order(Industry.objects.filter(level__lte=2)),
        "funding_sources": list(FundingSource.objects.all()),
        "statuses": InitiativeStatus.choices,
        "types": OrganisationType.choices,
    }


def initiative_profile(initiative: Initiative, user) -> dict:
    """What the profile page shows beyond the record: current members (visible
    organisations only), public contact persons, management organisation."""
    today_memberships = (
        Membership.objects.filter(initiative=initiative, until__isnull=True)
        .filter(organisation_visible_q(user))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    contacts = ContactPerson.objects.filter(initiative=initiative, public=True).order_by("name")
    return {"memberships": list(today_memberships), "contacts": list(contacts)}


def organisation_profile(organisation: Organisation, user) -> dict:
    """Memberships of the organisation in initiatives the user may see, and public contacts."""
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .filter(initiative_visible_q(user))
        .select_related("initiative")
        .order_by("until", "initiative__name", "pk")
    )
    contacts = ContactPerson.objects.filter(organisation=organisation, public=True).order_by("name")
    return {"memberships": list(memberships), "contacts": list(contacts)}


def initiative_detail_queryset() -> QuerySet[Initiative]:
    """Initiatives with everything the profile page shows in one query each."""
    return Initiative.objects.select_related("management_organisation").prefetch_related(
        "technology_fields",
        "industries",
        Prefetch("regions", queryset=Region.objects.defer("geometry")),
        "funding_sources",
        "managers",
    )


def organisation_detail_queryset() -> QuerySet[Organisation]:
    """Organisations with region and industries."""
    return (
        Organisation.objects.select_related("region", "region__parent")
        .defer("region__geometry", "region__parent__geometry")
        .prefetch_related("industries", "representatives")
    )


def covered_kreise(region_codes, kreis_codes) -> set[str]:
    """The Kreise an initiative covers, given the codes of its regions.

    A Land or Regierungsbezirk covers every Kreis under it; a Kreis itself; a
    municipality the Kreis it lies in.

    Examples
    --------
    >>> sorted(covered_kreise(["081"], ["08111", "08115", "08211"]))
    ['08111', '08115']
    >>> sorted(covered_kreise(["08211", "08111000"], ["08111", "08115", "08211"]))
    ['08111', '08211']
    """
    covered: set[str] = set()
    for code in region_codes:
        if len(code) >= 5:
            if code[:5] in kreis_codes:
                covered.add(code[:5])
        else:
            covered.update(k for k in kreis_codes if k.startswith(code))
    return covered


def unique_slug(model, name: str, *, exclude_pk=None) -> str:
    """An address name for ``name``, unique in ``model``: ``cluster-x``, ``cluster-x-2`` …"""
    base = (slugify(name) or model._meta.model_name)[:240].strip("-") or model._meta.model_name
    if base in RESERVED_SLUGS:
        base = f"{base}-{model._meta.model_name}"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
