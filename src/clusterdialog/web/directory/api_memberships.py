"""API of the directory: memberships (read and write) and regions (read only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Status

from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.directory import services
from clusterdialog.web.directory.api_common import (
    LIMIT,
    OFFSET,
    clean,
)
from clusterdialog.web.directory.models import Membership, Region
from clusterdialog.web.directory.schemas import (
    MembershipIn,
    MembershipList,
    MembershipOut,
    MembershipPatch,
    RegionList,
    RegionOut,
)

__all__ = ["router"]

router = Router(tags=["memberships and regions"])


def _membership_out(membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "initiative": membership.initiative.slug,
        "organisation": membership.organisation.slug,
        "role": membership.role,
        "since": membership.since,
        "until": membership.until,
    }


def _membership_queryset(user):
    return services.visible_memberships(user).select_related("initiative", "organisation")


@router.get(
    "/memberships",
    response={200: MembershipList, 401: Error, 422: Error},
    auth=optional_bearer,
    summary="List memberships (of an initiative or an organisation)",
)
def list_memberships(
    request,
    initiative: str = "",
    organisation: str = "",
    current: bool = False,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    conditions = {}
    if clean(initiative):
        conditions["initiative__slug"] = clean(initiative)
    if clean(organisation):
        conditions["organisation__slug"] = clean(organisation)
    if current:
        conditions["until__isnull"] = True
    count = services.visible_memberships(request.user).filter(**conditions).count()
    # the page in order of entry, read through joins (see visible_memberships)
    page = (
        services.visible_memberships(request.user, joined=True)
        .filter(**conditions)
        .select_related("initiative", "organisation")
        .order_by("pk")[offset : offset + limit]
    )
    return {"count": count, "items": [_membership_out(m) for m in page]}


@router.get(
    "/memberships/{membership_id}",
    response={200: MembershipOut, 401: Error, 404: Error},
    auth=optional_bearer,
    summary="One membership",
)
def get_membership(request, membership_id: int):
    membership = _membership_queryset(request.user).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("not found")
    return _membership_out(membership)


@router.post(
    "/memberships",
    response={201: MembershipOut, 400: Error, 401: Error, 403: Error, 422: Error},
    auth=bearer,
    summary="Add a member organisation to an initiative",
)
def create_membership(request, payload: MembershipIn):
    user = request.user
    initiative = services.visible_initiatives(user).filter(slug=payload.initiative).first()
    if initiative is None:
        raise ValidationError({"initiative": ["unknown initiative"]})
    require_permission(user, "directory.add_membership", initiative)
    organisation = services.visible_organisations(user).filter(slug=payload.organisation).first()
    if organisation is None:
        raise ValidationError({"organisation": ["unknown organisation"]})
    membership = Membership(
        initiative=initiative,
        organisation=organisation,
        role=payload.role,
        since=payload.since,
        until=payload.until,
    )
    membership.full_clean()
    membership.save()
    return Status(201, _membership_out(membership))


def _membership_for_change(request, membership_id: int, permission: str) -> Membership:
    membership = _membership_queryset(request.user).filter(pk=membership_id).first()
    if membership is None:
        raise Http404("not found")
    require_permission(request.user, permission, membership)
    return membership


@router.patch(
    "/memberships/{membership_id}",
    response={200: MembershipOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
    auth=bearer,
    summary="Change a membership (role, since, until)",
)
def update_membership(request, membership_id: int, payload: MembershipPatch):
    membership = _membership_for_change(request, membership_id, "directory.change_membership")
    data = payload.model_dump(exclude_unset=True)
    if "role" in data and data["role"] is None:
        raise ValidationError({"role": ["must not be null"]})
    for name, value in data.items():
        setattr(membership, name, value)
    membership.full_clean()
    membership.save()
    return _membership_out(membership)


@router.delete(
    "/memberships/{membership_id}",
    response={204: None, 401: Error, 403: Error, 404: Error},
    auth=bearer,
    summary="Remove a membership",
)
def delete_membership(request, membership_id: int):
    membership = _membership_for_change(request, membership_id, "directory.delete_membership")
    membership.delete()
    return Status(204, None)


def _region_out(region: Region, parents: dict[int, str], *, geometry: bool) -> dict:
    out = {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent": parents.get(region.parent_id),
        "latitude": region.latitude,
        "longitude": region.longitude,
    }
    if geometry:
        out["geometry"] = region.geometry
    return out


@router.get(
    "/regions",
    response={200: RegionList, 401: Error, 422: Error},
    auth=optional_bearer,
    exclude_unset=True,
    summary="List regions (geometry only with ?geometry=1)",
)
def list_regions(
    request,
    level: str = "",
    parent: str = "",
    geometry: bool = False,
    limit: int = Query(100, ge=1, le=500),
    offset: int = OFFSET,
):
    queryset = Region.objects.select_related("parent")
    if clean(level):
        queryset = queryset.filter(level=clean(level))
    if clean(parent):
        queryset = queryset.filter(parent__code=clean(parent))
    if not geometry:
        queryset = queryset.defer("geometry", "parent__geometry")
    else:
        queryset = queryset.defer("parent__geometry")
    count = queryset.count()
    page = list(queryset.order_by("code")[offset : offset + limit])
    parents = {r.parent_id: r.parent.code for r in page if r.parent_id}
    return {"count": count, "items": [_region_out(r, parents, geometry=geometry) for r in page]}


@router.get(
    "/regions/{code}",
    response={200: RegionOut, 401: Error, 404: Error},
    auth=optional_bearer,
    summary="One region with its geometry",
)
def get_region(request, code: str):
    if "\x00" in code:
        raise Http404("not found")
    region = Region.objects.select_related("parent").filter(code=code).first()
    if region is None:
        raise Http404("not found")
    parents = {region.parent_id: region.parent.code} if region.parent_id else {}
    return _region_out(region, parents, geometry=True)
