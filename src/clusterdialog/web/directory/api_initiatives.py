"""API of the directory: cluster initiatives (list, detail, create, update, delete)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from ninja import Router, Status

from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.directory import services
from clusterdialog.web.directory.api_common import (
    LIMIT,
    OFFSET,
    clean,
    get_visible,
    resolve,
    users_by_email,
)
from clusterdialog.web.directory.history import save_tracked
from clusterdialog.web.directory.models import (
    FundingSource,
    Industry,
    Initiative,
    Organisation,
    Region,
    TechnologyField,
)
from clusterdialog.web.directory.schemas import (
    InitiativeIn,
    InitiativeList,
    InitiativeOut,
    InitiativePatch,
)
from clusterdialog.web.directory.services import InitiativeFilters

__all__ = ["router"]

router = Router(tags=["initiatives"])


def _initiative_out(initiative: Initiative) -> dict:
    fte = initiative.management_staff_fte
    return {
        "slug": initiative.slug,
        "name": initiative.name,
        "url": reverse("directory:initiative_detail", args=[initiative.slug]),
        "description": initiative.description,
        "technology_fields": [f.slug for f in initiative.technology_fields.all()],
        "industries": [i.code for i in initiative.industries.all()],
        "regions": [r.code for r in initiative.regions.all()],
        "founding_year": initiative.founding_year,
        "legal_form": initiative.legal_form,
        "management_organisation": (
            initiative.management_organisation.slug
            if initiative.management_organisation_id
            else None
        ),
        "management_staff_fte": None if fte is None else float(fte),
        "funding_sources": [s.slug for s in initiative.funding_sources.all()],
        "website": initiative.website,
        "status": initiative.status,
        "published": initiative.published,
        "updated": initiative.updated,
    }


def _initiative_queryset():
    return Initiative.objects.select_related("management_organisation").prefetch_related(
        "technology_fields",
        "industries",
        Prefetch("regions", queryset=Region.objects.defer("geometry")),
        "funding_sources",
    )


def _apply_initiative(initiative: Initiative, data: dict, user) -> Initiative:
    """Set ``data`` on ``initiative`` (permissions checked), validate, save with history."""
    nullable = {"founding_year", "management_organisation", "management_staff_fte"}
    for name, value in data.items():
        if value is None and name not in nullable and name != "managers":
            raise ValidationError({name: ["must not be null"]})
    if "published" in data and data["published"] != initiative.published:
        require_permission(user, "directory.publish_initiative", initiative)
    if data.get("managers") is not None:
        require_permission(user, "directory.assign_managers", initiative)
    relations = {}
    if "technology_fields" in data:
        relations["technology_fields"] = resolve(
            TechnologyField, "slug", data["technology_fields"], "technology_fields"
        )
    if "industries" in data:
        relations["industries"] = resolve(Industry, "code", data["industries"], "industries")
    if "regions" in data:
        relations["regions"] = resolve(Region, "code", data["regions"], "regions")
    if "funding_sources" in data:
        relations["funding_sources"] = resolve(
            FundingSource, "slug", data["funding_sources"], "funding_sources"
        )
    if data.get("managers") is not None:
        relations["managers"] = users_by_email(data["managers"], "managers")
    if "management_organisation" in data:
        slug = data["management_organisation"]
        initiative.management_organisation = (
            None
            if slug is None
            else resolve(Organisation, "slug", [slug], "management_organisation")[0]
        )
    for name in (
        "name",
        "description",
        "founding_year",
        "legal_form",
        "management_staff_fte",
        "website",
        "status",
        "published",
    ):
        if name in data:
            setattr(initiative, name, data[name])
    initiative.full_clean()

    def set_relations():
        for name, objects in relations.items():
            getattr(initiative, name).set(objects)

    return save_tracked(initiative, set_relations)


@router.get(
    "/initiatives",
    response={200: InitiativeList, 401: Error, 422: Error},
    auth=optional_bearer,
    summary="List initiatives (search and filters as in the directory)",
)
def list_initiatives(
    request,
    q: str = "",
    region: str = "",
    field: str = "",
    industry: str = "",
    funding: str = "",
    status: str = "",
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    filters = InitiativeFilters(
        q=clean(q),
        region=clean(region),
        field=clean(field),
        industry=clean(industry),
        funding=clean(funding),
        status=clean(status),
    )
    queryset = services.filter_initiatives(services.visible_initiatives(request.user), filters)
    count = queryset.count()
    page = (
        queryset.select_related("management_organisation")
        .prefetch_related(
            "technology_fields",
            "industries",
            Prefetch("regions", queryset=Region.objects.defer("geometry")),
            "funding_sources",
        )
        .order_by("name", "pk")[offset : offset + limit]
    )
    return {"count": count, "items": [_initiative_out(i) for i in page]}


@router.get(
    "/initiatives/{slug}",
    response={200: InitiativeOut, 401: Error, 404: Error},
    auth=optional_bearer,
    summary="One initiative",
)
def get_initiative(request, slug: str):
    initiative = get_visible(
        _initiative_queryset(), request.user, "directory.view_initiative", slug=slug
    )
    return _initiative_out(initiative)


@router.post(
    "/initiatives",
    response={201: InitiativeOut, 400: Error, 401: Error, 403: Error, 422: Error},
    auth=bearer,
    summary="Register an initiative",
)
def create_initiative(request, payload: InitiativeIn):
    require_permission(request.user, "directory.add_initiative")
    data = payload.model_dump(exclude_unset=True)
    slug = data.pop("slug", None)
    if slug and Initiative.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": ["an initiative with this address name exists"]})
    initiative = Initiative(
        slug=slug or services.unique_slug(Initiative, payload.name), published=False
    )
    with transaction.atomic():
        # publishing at once needs the publish permission (checked in _apply_initiative)
        _apply_initiative(initiative, data, request.user)
        if not request.user.has_perm("directory.publish_initiative"):
            initiative.managers.add(request.user)
    return Status(201, _initiative_out(_initiative_queryset().get(pk=initiative.pk)))


@router.patch(
    "/initiatives/{slug}",
    response={200: InitiativeOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    auth=bearer,
    summary="Change an initiative",
)
def update_initiative(request, slug: str, payload: InitiativePatch):
    initiative = get_visible(
        Initiative.objects.all(), request.user, "directory.view_initiative", slug=slug
    )
    require_permission(request.user, "directory.change_initiative", initiative)
    with transaction.atomic():
        _apply_initiative(initiative, payload.model_dump(exclude_unset=True), request.user)
    return _initiative_out(_initiative_queryset().get(pk=initiative.pk))


@router.delete(
    "/initiatives/{slug}",
    response={204: None, 401: Error, 403: Error, 404: Error},
    auth=bearer,
    summary="Delete an initiative",
)
def delete_initiative(request, slug: str):
    initiative = get_visible(
        Initiative.objects.all(), request.user, "directory.view_initiative", slug=slug
    )
    require_permission(request.user, "directory.delete_initiative", initiative)
    initiative.delete()
    return Status(204, None)
