"""Public pages of the directory: lists with search and filters, profiles, the cluster atlas.

Unpublished records answer 404 to everybody who may not see them.  Profile
pages also show what other apps contribute through
``clusterdialog.web.<app>.profile.initiative_sections(request, initiative)``
and ``organisation_sections(request, organisation)``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialog.web.directory import atlas as atlas_data_module
from clusterdialog.web.directory import services
from clusterdialog.web.directory.models import Industry, TechnologyField
from clusterdialog.web.directory.regions import GEOMETRY_CREDIT
from clusterdialog.web.directory.services import InitiativeFilters, OrganisationFilters
from clusterdialog.web.hooks import app_modules

__all__ = [
    "PAGE_SIZE",
    "PROFILE_APPS",
    "atlas",
    "atlas_data",
    "initiative_detail",
    "initiative_list",
    "organisation_choices",
    "organisation_detail",
    "organisation_list",
    "profile_sections",
]

PAGE_SIZE = 25
#: Apps that may contribute sections to the profile pages through ``<app>.profile``.
PROFILE_APPS = ("dialogue", "monitoring", "networks", "analytics")
#: Seconds a browser may reuse the atlas data before revalidating it (with the ETag).
ATLAS_MAX_AGE = 60


def profile_sections(kind: str, request: HttpRequest, obj) -> list[dict]:
    """Collect the sections other apps add to an initiative's or organisation's profile.

    ``kind`` is ``"initiative"`` or ``"organisation"``; each app may define
    ``<kind>_sections(request, obj)`` in its ``profile`` module returning
    ``{"title", "template", "context", "order"}`` dictionaries.
    """
    sections: list[dict] = []
    for _app, module in app_modules("profile", PROFILE_APPS):
        contribute = getattr(module, f"{kind}_sections", None)
        if contribute is not None:
            sections.extend(contribute(request, obj))
    return sorted(sections, key=lambda section: section.get("order", 50))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    """The directory of initiatives: search, filters, 25 per page."""
    filters = InitiativeFilters.from_query(request.GET)
    page = Paginator(services.list_initiatives(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "directory/initiative_list.html",
        {
            "page": page,
            "filters": filters,
            "options": services.filter_options(),
            "query": _query_without_page(request),
            "can_add": request.user.has_perm("directory.add_initiative"),
            "can_export": request.user.has_perm("directory.export_records"),
            "can_import": request.user.has_perm("directory.import_records"),
        },
    )


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """The directory of organisations: search, type, region and industry filters."""
    filters = OrganisationFilters.from_query(request.GET)
    page = Paginator(services.list_organisations(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "directory/organisation_list.html",
        {
            "page": page,
            "filters": filters,
            "options": services.filter_options(),
            "query": _query_without_page(request),
            "can_add": request.user.has_perm("directory.add_organisation"),
            "can_export": request.user.has_perm("directory.export_records"),
        },
    )


def visible_or_404(queryset, user, permission: str, **lookup):
    """The record, or 404 when it does not exist or ``user`` may not see it."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(permission, obj):
        raise Http404("no such record")
    return obj


@require_GET
def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative's profile: description, fields, regions, members, contacts, sections."""
    initiative = visible_or_404(
        services.initiative_detail_queryset(), request.user, "directory.view_initiative", slug=slug
    )
    user = request.user
    context = {
        "initiative": initiative,
        **services.initiative_profile(initiative, user),
        "sections": profile_sections("initiative", request, initiative),
        "can_change": user.has_perm("directory.change_initiative", initiative),
        "can_publish": user.has_perm("directory.publish_initiative", initiative),
        "can_delete": user.has_perm("directory.delete_initiative", initiative),
        "can_history": user.has_perm("directory.view_initiative_history", initiative),
        "can_members": user.has_perm("directory.manage_memberships", initiative),
        "can_contacts": user.has_perm("directory.manage_contacts", initiative),
    }
    return render(request, "directory/initiative_detail.html", context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's profile: type, location, industries, memberships, sections."""
    organisation = visible_or_404(
        services.organisation_detail_queryset(),
        request.user,
        "directory.view_organisation",
        slug=slug,
    )
    user = request.user
    context = {
        "organisation": organisation,
        **services.organisation_profile(organisation, user),
        "sections": profile_sections("organisation", request, organisation),
        "can_change": user.has_perm("directory.change_organisation", organisation),
        "can_publish": user.has_perm("directory.publish_organisation", organisation),
        "can_delete": user.has_perm("directory.delete_organisation", organisation),
        "can_history": user.has_perm("directory.view_organisation_history", organisation),
        "can_contacts": user.has_perm("directory.manage_contacts", organisation),
    }
    return render(request, "directory/organisation_detail.html", context)


@require_GET
def atlas(request: HttpRequest) -> HttpResponse:
    """The cluster atlas: Kreise shaded by initiatives, markers, the list beside the map."""
    filters = InitiativeFilters(
        field=services.query_value(request.GET, "field"),
        industry=services.query_value(request.GET, "industry"),
    )
    payload, _body, _etag = atlas_data_module.cached_atlas(filters)
    data_query = urlencode(
        {name: getattr(filters, name) for name in ("field", "industry") if getattr(filters, name)}
    )
    return render(
        request,
        "directory/atlas.html",
        {
            "initiatives": payload["initiatives"],
            "filters": filters,
            "fields": list(TechnologyField.objects.all()),
            "industries": services.industries_in_order(Industry.objects.filter(level__lte=2)),
            "data_query": data_query,
            "credit": GEOMETRY_CREDIT,
            "atlas_labels": {
                "initiatives": _("initiatives"),
                "legend": _("Initiatives per Kreis:"),
                "failed": _(
                    "The map could not be loaded. The list beside it shows the same initiatives."
                ),
            },
        },
    )


@require_GET
def atlas_data(request: HttpRequest) -> HttpResponse:
    """JSON of the atlas (Kreise with geometry and counts, initiatives with points).

    Answers with an ETag and ``Cache-Control: max-age``; a matching
    ``If-None-Match`` gets 304 without a body.
    """
    filters = InitiativeFilters(
        field=services.query_value(request.GET, "field"),
        industry=services.query_value(request.GET, "industry"),
    )
    _payload, body, etag = atlas_data_module.cached_atlas(filters)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = f"max-age={ATLAS_MAX_AGE}"
    return response


@login_required
@require_GET
def organisation_choices(request: HttpRequest) -> HttpResponse:
    """Suggestions for the organisation picker (``<option>`` elements, for htmx)."""
    q = services.query_value(request.GET, "organisation") or services.query_value(request.GET, "q")
    organisations = []
    if len(q) >= 2:
        organisations = list(
            services.visible_organisations(request.user)
            .filter(name__icontains=q)
            .select_related("region")
            .only("slug", "name", "city", "region__name")
            .order_by("name")[:20]
        )
    return render(request, "directory/organisation_choices.html", {"organisations": organisations})
