"""API of the directory: organisations (list, detail, create, update, delete)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
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
from clusterdialog.web.directory.models import Industry, Organisation, Region
from clusterdialog.web.directory.schemas import (
    OrganisationIn,
    OrganisationList,
    OrganisationOut,
    OrganisationPatch,
)
from clusterdialog.web.directory.services import OrganisationFilters

__all__ = ["router"]

router = Router(tags=["organisations"])


def _organisation_out(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": reverse("directory:organisation_detail", args=[organisation.slug]),
        "type": organisation.type,
        "description": organisation.description,
        "industries": [i.code for i in organisation.industries.all()],
        "region": organisation.region.code if organisation.region_id else None,
        "city": organisation.city,
        "postcode": organisation.postcode,
        "street": organisation.street,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "website": organisation.website,
        "employees": organisation.employees,
        "published": organisation.published,
        "updated": organisation.updated,
    }


def _organisation_queryset():
    return (
        Organisation.objects.select_related("region")
        .defer("region__geometry")
        .prefetch_related("industries")
    )


def _apply_organisation(organisation: Organisation, data: dict, user) -> Organisation:
    nullable = {"region", "latitude", "longitude", "employees"}
    for name, value in data.items():
        if value is None and name not in nullable and name != "representatives":
            raise ValidationError({name: ["must not be null"]})
    if "published" in data and data["published"] != organisation.published:
        require_permission(user, "directory.publish_organisation", organisation)
    if data.get("representatives") is not None:
        require_permission(user, "directory.assign_representatives", organisation)
    relations = {}
    if "industries" in data:
        relations["industries"] = resolve(Industry, "code", data["industries"], "industries")
    if data.get("representatives") is not None:
        relations["representatives"] = users_by_email(data["representatives"], "representatives")
    if "region" in data:
        code = data["region"]
        organisation.region = None if code is None else resolve(Region, "code", [code], "region")[0]
    for name in (
        "name",
        "type",
        "description",
        "city",
        "postcode",
        "street",
        "latitude",
        "longitude",
        "website",
        "employees",
        "published",
    ):
        if name in data:
            setattr(organisation, name, data[name])
    if (organisation.latitude is None) != (organisation.longitude is None):
        raise ValidationError({"longitude": ["latitude and longitude go together"]})
    organisation.full_clean()

    def set_relations():
        for name, objects in relations.items():
            getattr(organisation, name).set(objects)

    return save_tracked(organisation, set_relations)


@router.get(
    "/organisations",
    response={200: OrganisationList, 401: Error, 422: Error},
    auth=optional_bearer,
    summary="List organisations (search, type, region, industry)",
)
def list_organisations(
    request,
    q: str = "",
    type: str = "",
    region: str = "",
    industry: str = "",
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    filters = OrganisationFilters(
        q=clean(q), type=clean(type), region=clean(region), industry=clean(industry)
    )
    queryset = services.filter_organisations(services.visible_organisations(request.user), filters)
    count = queryset.count()
    page = (
        queryset.select_related("region")
        .defer("region__geometry")
        .prefetch_related("industries")
        .order_by("name", "pk")[offset : offset + limit]
    )
    return {"count": count, "items": [_organisation_out(o) for o in page]}


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, 401: Error, 404: Error},
    auth=optional_bearer,
    summary="One organisation",
)
def get_organisation(request, slug: str):
    organisation = get_visible(
        _organisation_queryset(), request.user, "directory.view_organisation", slug=slug
    )
    return _organisation_out(organisation)


@router.post(
    "/organisations",
    response={201: OrganisationOut, 400: Error, 401: Error, 403: Error, 422: Error},
    auth=bearer,
    summary="Add an organisation",
)
def create_organisation(request, payload: OrganisationIn):
    require_permission(request.user, "directory.add_organisation")
    data = payload.model_dump(exclude_unset=True)
    slug = data.pop("slug", None)
    if slug and Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": ["an organisation with this address name exists"]})
    organisation = Organisation(slug=slug or services.unique_slug(Organisation, payload.name))
    with transaction.atomic():
        _apply_organisation(organisation, data, request.user)
    return Status(201, _organisation_out(_organisation_queryset().get(pk=organisation.pk)))


@router.patch(
    "/organisations/{slug}",
    response={200: OrganisationOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    auth=bearer,
    summary="Change an organisation",
)
def update_organisation(request, slug: str, payload: OrganisationPatch):
    organisation = get_visible(
        Organisation.objects.all(), request.user, "directory.view_organisation", slug=slug
    )
    require_permission(request.user, "directory.change_organisation", organisation)
    with transaction.atomic():
        _apply_organisation(organisation, payload.model_dump(exclude_unset=True), request.user)
    return _organisation_out(_organisation_queryset().get(pk=organisation.pk))


@router.delete(
    "/organisations/{slug}",
    response={204: None, 401: Error, 403: Error, 404: Error},
    auth=bearer,
    summary="Delete an organisation",
)
def delete_organisation(request, slug: str):
    organisation = get_visible(
        Organisation.objects.all(), request.user, "directory.view_organisation", slug=slug
    )
    require_permission(request.user, "directory.delete_organisation", organisation)
    organisation.delete()
    return Status(204, None)
