"""REST API of the networks app: joint projects and initiative networks.

``/api/projects``: list (published ones, plus own and all for the
administrator), detail, create, PATCH, DELETE — changes by the administrator
or the representatives of a participating organisation.
``/api/networks/initiatives/{slug}``: nodes with metrics, edges and summary
of an initiative's network, for its managers, member representatives,
analysts and the administrator.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.directory.models import Initiative, Organisation
from clusterdialog.web.networks import analysis, services
from clusterdialog.web.networks.models import Project, ProjectParticipation, ProjectSource
from clusterdialog.web.networks.presenters import network_payload, organisation_labels
from clusterdialog.web.networks.schemas import (
    NetworkOut,
    ParticipationIn,
    ProjectDetail,
    ProjectIn,
    ProjectList,
    ProjectPatch,
)

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["networks"])
ERRORS = {401: Error, 403: Error, 404: Error}
FIELDS = ("id", "title", "acronym", "start", "end", "programme", "total_funding", "source",
          "external_id", "published")  # fmt: skip


def _out(project: Project, user, detail: bool = False) -> dict:
    data = {field: getattr(project, field) for field in FIELDS}
    participations = list(project.participations.all())
    data["participants"] = len(participations)
    if detail:
        labels = organisation_labels([p.organisation_id for p in participations], user)
        data["description"] = project.description
        data["participations"] = [
            {
                "organisation": labels[str(p.organisation_id)]["slug"],
                "name": labels[str(p.organisation_id)]["name"],
                "role": p.role,
                "contribution": p.contribution,
            }
            for p in participations
        ]
    return data


def _visible(request, pk: int) -> Project:
    project = get_object_or_404(Project.objects.prefetch_related("participations"), pk=pk)
    if not request.user.has_perm("networks.view_project", project):
        raise Http404("no such project")
    return project


@router.get("/projects", response={200: ProjectList, 401: Error}, auth=optional_bearer,
            summary="List joint projects")  # fmt: skip
def list_projects(
    request, limit: int = Query(25, ge=1, le=200), offset: int = Query(0, ge=0),
    q: str = "", organisation: str = "", year: int | None = Query(None, ge=1950, le=2100),
):  # fmt: skip
    projects = services.visible_projects(request.user)
    if q:
        projects = projects.filter(Q(title__icontains=q) | Q(acronym__icontains=q))
    if organisation:
        projects = projects.filter(participations__organisation__slug=organisation)
    if year is not None:
        projects = projects.filter(start__year__lte=year).filter(
            Q(end__year__gte=year) | Q(end__isnull=True, start__year=year)
        )
    projects = projects.annotate(n=Count("participations")).order_by("-start", "title", "pk")
    count = projects.count()
    items = [
        {**{f: getattr(project, f) for f in FIELDS}, "participants": project.n}
        for project in projects[offset : offset + limit]
    ]
    return {"count": count, "items": items}


@router.get("/projects/{pk}", response={200: ProjectDetail, **ERRORS}, auth=optional_bearer,
            summary="One joint project with its participants")  # fmt: skip
def get_project(request, pk: int):
    return _out(_visible(request, pk), request.user, detail=True)


def _participations(user, rows: list[ParticipationIn], project: Project | None) -> list:
    """Resolve and check participations: known organisations, visible to the caller, and
    (for non-administrators) at least one the caller represents."""
    admin = user.has_perm("networks.import_projects")
    slugs = [row.organisation for row in rows]
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise ValidationError({"participations": [f"unknown organisation(s): {unknown}"]})
    if len(set(slugs)) < len(slugs):
        raise ValidationError({"participations": ["an organisation is listed twice"]})
    own = set(user.represented_organisations.values_list("slug", flat=True))
    if not admin:
        hidden = [s for s in slugs if not found[s].published and s not in own]
        if hidden:
            raise ValidationError({"participations": [f"unknown organisation(s): {hidden}"]})
        if not own & set(slugs):
            raise PermissionDenied("the participants must include an organisation you represent")
    return [
        ProjectParticipation(
            project=project,
            organisation=found[row.organisation],
            role=row.role,
            contribution=row.contribution,
        )  # fmt: skip
        for row in rows
    ]


def _check_dates(project: Project) -> None:
    if project.start and project.end and project.end < project.start:
        raise ValidationError({"end": ["the end lies before the start"]})


@router.post("/projects", response={201: ProjectDetail, 401: Error, 403: Error, 422: Error},
             auth=bearer, summary="Create a joint project")  # fmt: skip
def create_project(request, payload: ProjectIn):
    require_permission(request.user, "networks.add_project")
    data = payload.dict(exclude={"participations"})
    with transaction.atomic():
        project = Project(source=ProjectSource.MANUAL, created_by=request.user, **data)
        _check_dates(project)
        rows = _participations(request.user, payload.participations, None)
        project.save()
        for row in rows:
            row.project = project
        ProjectParticipation.objects.bulk_create(rows)
    return 201, _out(_visible(request, project.pk), request.user, detail=True)


@router.patch("/projects/{pk}", response={200: ProjectDetail, **ERRORS, 422: Error},
              auth=bearer, summary="Change a joint project")  # fmt: skip
def update_project(request, pk: int, payload: ProjectPatch):
    project = _visible(request, pk)
    require_permission(request.user, "networks.change_project", project)
    changes = payload.dict(exclude_unset=True, exclude={"participations"})
    for field in ("title", "acronym", "description", "programme", "published"):
        if field in changes and changes[field] is None:
            raise ValidationError({field: ["may not be null"]})
    with transaction.atomic():
        for field, value in changes.items():
            setattr(project, field, value)
        _check_dates(project)
        project.save()
        if payload.participations is not None:
            rows = _participations(request.user, payload.participations, project)
            project.participations.all().delete()
            ProjectParticipation.objects.bulk_create(rows)
    return _out(_visible(request, pk), request.user, detail=True)


@router.delete("/projects/{pk}", response={204: None, **ERRORS}, auth=bearer,
               summary="Delete a joint project")  # fmt: skip
def delete_project(request, pk: int):
    project = _visible(request, pk)
    require_permission(request.user, "networks.delete_project", project)
    project.delete()
    return 204, None


@router.get(
    "/networks/initiatives/{slug}",
    response={200: NetworkOut, **ERRORS},
    auth=optional_bearer,
    summary="An initiative's network: nodes, edges, metrics",
)
def initiative_network(request, slug: str, year: int | None = Query(None, ge=1950, le=2100)):
    initiative = get_object_or_404(Initiative, slug=slug)
    user = request.user
    allowed = user.is_authenticated and user.has_perm(
        "networks.view_initiative_network", initiative
    )
    if not initiative.published and not (
        allowed or user.has_perm("directory.view_initiative", initiative)
    ):
        raise Http404("no such initiative")
    require_permission(user, "networks.view_initiative_network", initiative)
    snapshot = analysis.initiative_network(initiative, year=year, user=user)
    members = [str(m) for m in services.current_member_ids(initiative)]
    payload = network_payload(snapshot, user, members=members)
    payload["initiative"] = initiative.slug
    return payload
