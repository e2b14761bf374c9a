"""Queries of the networks app and the introduction workflow (no formulas here).

The participation table of the platform — organisation × project, and
organisation × event where the dialogue app records attendance — is read
here and handed to :mod:`clusterdialog.network` by :mod:`.analysis`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
from django.apps import apps
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from clusterdialog.data.classifications import wz_sections_covered
from clusterdialog.errors import InputError
from clusterdialog.web.directory.models import Initiative, Organisation
from clusterdialog.web.networks.models import (
    Introduction,
    IntroductionStatus,
    Notification,
    NotificationKind,
    PartnerSearch,
    PartnerSearchStatus,
    Project,
    ProjectParticipation,
)
from clusterdialog.web.networks.rules import current_memberships

__all__ = [
    "PARTICIPATION_COLUMNS",
    "TRIPLE_HELIX",
    "IntroductionError",
    "current_member_ids",
    "event_participations",
    "industry_section",
    "matching_partner_searches",
    "notify",
    "organisation_attributes",
    "peer_memberships",
    "participation_table",
    "pending_introductions",
    "request_introduction",
    "respond_introduction",
    "unread_notifications",
    "visible_projects",
]

#: Columns of the platform's participation table (the library's canonical names).
PARTICIPATION_COLUMNS = ["organisation", "project", "type", "year"]

#: Organisation type → sphere of the triple helix.
TRIPLE_HELIX = {
    "firm_sme": "business",
    "firm_large": "business",
    "investor": "business",
    "university": "academia",
    "research": "academia",
    "public": "government",
    "agency": "government",
}


def visible_projects(user) -> QuerySet[Project]:
    """Projects ``user`` may see: published ones, all for the administrator, and those of
    organisations she represents."""
    queryset = Project.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("networks.import_projects"):
            return queryset
        own = queryset.filter(participations__organisation__representatives=user)
        return (queryset.filter(published=True) | own).distinct()
    return queryset.filter(published=True)


@lru_cache(maxsize=4096)
def industry_section(code: str) -> str | None:
    """The WZ 2008 section letter of an industry code (``"29"`` → ``"C"``), or None."""
    try:
        sections = wz_sections_covered(code)
    except InputError:
        return None
    return sections[0] if len(sections) == 1 else None


def _running_in(year: int) -> Q:
    """Projects running in ``year`` (start year ≤ year ≤ end year; no end: the start year)."""
    return Q(start__year__lte=year) & (
        Q(end__year__gte=year) | (Q(end__isnull=True) & Q(start__year=year))
    )


def event_participations(
    organisation_ids: Iterable[int] | None = None, year: int | None = None
) -> list[tuple[int, str, int | None]]:
    """Organisation × event rows from the dialogue app's attendance, if it records any.

    Looks for a dialogue model with a foreign key ``organisation`` to the
    directory's organisations, a foreign key ``event`` and a boolean
    ``attended``; returns ``(organisation id, "e<event id>", year)`` for the
    attended ones, or nothing when the dialogue app has no such model.
    """
    model = _attendance_model()
    if model is None:
        return []
    rows = model.objects.filter(attended=True, organisation__isnull=False)
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=list(organisation_ids))
    start_field = _event_start_field(model)
    if year is not None and start_field:
        rows = rows.filter(**{f"event__{start_field}__year": year})
    values = ["organisation_id", "event_id"] + ([f"event__{start_field}"] if start_field else [])
    out = []
    for row in rows.values_list(*values).distinct():
        when = row[2] if len(row) > 2 else None
        out.append((row[0], f"e{row[1]}", when.year if when else None))
    return out


@lru_cache(maxsize=1)
def _attendance_model():
    if not apps.is_installed("clusterdialog.web.dialogue"):
        return None
    for model in apps.get_app_config("dialogue").get_models():
        fields = {f.name: f for f in model._meta.get_fields()}
        organisation, event, attended = (
            fields.get(name) for name in ("organisation", "event", "attended")
        )
        if (
            organisation is not None
            and getattr(organisation, "related_model", None) is Organisation
            and event is not None
            and getattr(event, "many_to_one", False)
            and attended is not None
            and attended.get_internal_type() == "BooleanField"
        ):
            return model
    return None


def _event_start_field(model) -> str | None:
    event = model._meta.get_field("event").related_model
    names = {f.name for f in event._meta.get_fields()}
    return next((n for n in ("start", "starts_at", "start_time", "date") if n in names), None)


def participation_table(
    organisation_ids: Iterable[int] | None = None,
    *,
    year: int | None = None,
    events: bool = True,
    with_partners: bool = False,
) -> pd.DataFrame:
    """The platform's participations as the library's canonical table.

    Parameters
    ----------
    organisation_ids : iterable of int, optional
        Only these organisations' participations (all organisations if None).
    year : int, optional
        Only projects running in that year (and events held in it).
    events : bool
        Add event attendance from the dialogue app, if it records any.
    with_partners : bool
        With ``organisation_ids``: also the other participants of their
        projects (their partners), so their ties to outsiders are counted.

    Returns
    -------
    pandas.DataFrame
        ``organisation`` and ``project`` as text (organisation primary keys;
        ``p<id>`` for projects, ``e<id>`` for events), ``type`` (organisation
        type) and ``year`` (project start year, or the event's year), sorted.
        Only published projects count.
    """
    rows = ProjectParticipation.objects.filter(project__published=True)
    if year is not None:
        rows = rows.filter(project__in=Project.objects.filter(_running_in(year)).values("pk"))
    if organisation_ids is not None:
        ids = list(organisation_ids)
        if with_partners:
            projects = rows.filter(organisation_id__in=ids).values("project_id")
            rows = rows.filter(project_id__in=projects)
        else:
            rows = rows.filter(organisation_id__in=ids)
    records = [
        (str(o), f"p{p}", t, s.year if s else None)
        for o, p, t, s in rows.values_list(
            "organisation_id", "project_id", "organisation__type", "project__start"
        )
    ]
    if events:
        ids = None if organisation_ids is None else list(organisation_ids)
        attended = event_participations(None if with_partners else ids, year)
        if with_partners and ids is not None:
            mine = {e for o, e, _ in attended if o in set(ids)}
            attended = [row for row in attended if row[1] in mine]
        types = dict(
            Organisation.objects.filter(pk__in={o for o, _, _ in attended}).values_list(
                "pk", "type"
            )
        )
        records += [(str(o), e, types[o], y) for o, e, y in attended if o in types]
    table = pd.DataFrame.from_records(records, columns=PARTICIPATION_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    return table.sort_values(["project", "organisation"], ignore_index=True)


def organisation_attributes(ids: Iterable[int | str]) -> dict[str, dict]:
    """Name, slug, type, published flag and WZ section of organisations, keyed by id text."""
    keys = {int(i) for i in ids}
    organisations = Organisation.objects.all()
    links = Organisation.industries.through.objects.all()
    if len(keys) <= 500:  # long IN lists cost more than reading every row
        organisations = organisations.filter(pk__in=keys)
        links = links.filter(organisation_id__in=keys)
    codes: dict[int, list[str]] = {}
    for organisation, code in links.values_list("organisation_id", "industry__code"):
        if organisation in keys:
            codes.setdefault(organisation, []).append(code)
    out = {}
    rows = organisations.values_list("pk", "name", "slug", "type", "published")
    for pk, name, slug, kind, published in rows:
        if pk not in keys:
            continue
        sections = (industry_section(c) for c in sorted(codes.get(pk, [])))
        out[str(pk)] = {
            "name": name,
            "slug": slug,
            "type": kind,
            "published": published,
            "industry": next((s for s in sections if s), None),
        }
    return out


def current_member_ids(initiative: Initiative) -> list[int]:
    """Primary keys of the initiative's current member organisations, sorted."""
    ids = current_memberships().filter(initiative=initiative).values_list("organisation_id")
    return sorted({i for (i,) in ids})


def peer_memberships(initiative: Initiative, minimum: int = 2) -> dict[str, list[str]]:
    """The other initiatives' current members (initiatives with at least ``minimum``)."""
    pairs = (
        current_memberships()
        .exclude(initiative=initiative)
        .values_list("initiative_id", "organisation_id")
    )
    groups: dict[str, set[str]] = {}
    for group, organisation in pairs:
        groups.setdefault(str(group), set()).add(str(organisation))
    return {k: sorted(v) for k, v in sorted(groups.items()) if len(v) >= minimum}


# --- partner searches -------------------------------------------------------------------


def matching_partner_searches(user, limit: int = 10) -> list[PartnerSearch]:
    """Open partner searches of other organisations that fit an organisation ``user``
    represents: its type is wanted, or one of its industries (same WZ section)."""
    if user is None or not user.is_authenticated:
        return []
    own = list(user.represented_organisations.prefetch_related("industries"))
    if not own:
        return []
    types = {o.type for o in own}
    sections = {industry_section(i.code) for o in own for i in o.industries.all()} - {None}
    searches = (
        PartnerSearch.objects.filter(status=PartnerSearchStatus.OPEN)
        .exclude(organisation__in=own)
        .select_related("organisation")
        .prefetch_related("wanted_industries")
        .order_by("-created")
    )
    out = []
    for search in searches[:200]:
        wanted_sections = {industry_section(i.code) for i in search.wanted_industries.all()}
        if set(search.wanted_types) & types or wanted_sections & sections:
            out.append(search)
        if len(out) >= limit:
            break
    return out


# --- introductions and notifications ----------------------------------------------------


def notify(recipients: Iterable, kind: str, introduction: Introduction) -> int:
    """Create one notification per distinct recipient; returns how many."""
    distinct = {user.pk: user for user in recipients if user is not None}
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, introduction=introduction)
        for user in distinct.values()
    )
    return len(distinct)


class IntroductionError(InputError):
    """An introduction that cannot be requested or answered; ``code`` says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@transaction.atomic
def request_introduction(
    requester,
    target: Organisation,
    message: str,
    *,
    requester_organisation: Organisation | None = None,
    partner_search: PartnerSearch | None = None,
) -> Introduction:
    """Ask to be introduced to ``target``; its representatives are notified.

    Raises
    ------
    IntroductionError
        If the requester represents the target herself, speaks for an
        organisation she does not represent, or already has an open request to it.
    """
    if target.representatives.filter(pk=requester.pk).exists():
        raise IntroductionError("target: you represent this organisation yourself", "own")
    if (
        requester_organisation is not None
        and not requester_organisation.representatives.filter(pk=requester.pk).exists()
    ):
        raise IntroductionError(
            "requester_organisation: you do not represent this organisation", "not_yours"
        )
    if Introduction.objects.filter(
        requester=requester, target=target, status=IntroductionStatus.REQUESTED
    ).exists():
        raise IntroductionError(
            "target: you already have an open request to this organisation", "open"
        )
    introduction = Introduction.objects.create(
        requester=requester,
        target=target,
        message=message,
        requester_organisation=requester_organisation,
        partner_search=partner_search,
    )
    notify(target.representatives.all(), NotificationKind.INTRODUCTION_REQUESTED, introduction)
    return introduction


@transaction.atomic
def respond_introduction(
    introduction: Introduction, user, *, accept: bool, response: str = ""
) -> Introduction:
    """Accept or decline a requested introduction; the requester and the target's other
    representatives are notified.

    Raises
    ------
    IntroductionError
        If the introduction was already answered.
    """
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if locked.status != IntroductionStatus.REQUESTED:
        raise IntroductionError(
            f"status: the introduction was already answered ({locked.status})", "answered"
        )
    locked.status = IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED
    locked.response = response
    locked.responded_by = user
    locked.responded_at = timezone.now()
    locked.save()
    kind = (
        NotificationKind.INTRODUCTION_ACCEPTED if accept else NotificationKind.INTRODUCTION_DECLINED
    )
    others = locked.target.representatives.exclude(pk=user.pk)
    notify([locked.requester, *others], kind, locked)
    return locked


def pending_introductions(user) -> QuerySet[Introduction]:
    """Requests waiting for an answer from an organisation ``user`` represents."""
    return (
        Introduction.objects.filter(
            status=IntroductionStatus.REQUESTED, target__representatives=user
        )
        .select_related("requester", "requester_organisation", "target")
        .order_by("created")
    )


def unread_notifications(user) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .select_related(
            "introduction__target",
            "introduction__requester",
            "introduction__requester_organisation",
        )
        .order_by("-created")
    )


def project_counts(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Number of published projects per organisation."""
    rows = (
        ProjectParticipation.objects.filter(
            organisation_id__in=list(organisation_ids), project__published=True
        )
        .values("organisation_id")
        .annotate(n=Count("project_id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}
