"""Editing the directory: profiles, publication, deletion, memberships, audit history.

Every view asks the permission rules (:mod:`.rules`): anonymous users are sent
to the login page, records the user may not see are 404, records she may see
but not change are 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.web.directory import services
from clusterdialog.web.directory.forms import (
    InitiativeForm,
    MembershipEndForm,
    MembershipForm,
    OrganisationForm,
)
from clusterdialog.web.directory.history import history_entries, save_tracked
from clusterdialog.web.directory.models import Initiative, Membership, Organisation
from clusterdialog.web.directory.views import visible_or_404

__all__ = [
    "initiative_create",
    "initiative_delete",
    "initiative_edit",
    "initiative_history",
    "initiative_publish",
    "membership_delete",
    "membership_edit",
    "membership_end",
    "memberships",
    "organisation_create",
    "organisation_delete",
    "organisation_edit",
    "organisation_history",
    "organisation_publish",
    "require",
]

_MEMBERS_PAGE = 50


def require(user, permission: str, obj=None) -> None:
    """403 unless ``user`` has ``permission`` (on ``obj``)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _initiative(request: HttpRequest, slug: str, permission: str) -> Initiative:
    initiative = visible_or_404(
        Initiative.objects.all(), request.user, "directory.view_initiative", slug=slug
    )
    require(request.user, permission, initiative)
    return initiative


def _organisation(request: HttpRequest, slug: str, permission: str) -> Organisation:
    organisation = visible_or_404(
        Organisation.objects.all(), request.user, "directory.view_organisation", slug=slug
    )
    require(request.user, permission, organisation)
    return organisation


@login_required
def initiative_create(request: HttpRequest) -> HttpResponse:
    """Register an initiative: the administrator with all fields, a cluster manager
    unpublished and as its manager."""
    require(request.user, "directory.add_initiative")
    admin = request.user.has_perm("directory.publish_initiative")
    form = InitiativeForm(request.POST or None, admin=admin)
    if request.method == "POST" and form.is_valid():
        initiative = form.save(commit=False)
        initiative.slug = services.unique_slug(Initiative, initiative.name)
        if not admin:
            initiative.published = False

        def relations():
            form.save_m2m()
            if admin:
                form.save_admin_fields(initiative)
            else:
                initiative.managers.add(request.user)

        save_tracked(initiative, relations)
        messages.success(request, _("The initiative has been registered."))
        if not initiative.published:
            messages.info(
                request, _("It is not published yet; the state administration reviews it.")
            )
        return redirect("directory:initiative_detail", initiative.slug)
    return render(request, "directory/initiative_form.html", {"form": form, "initiative": None})


@login_required
def initiative_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit an initiative's profile (its managers and the state administrator)."""
    initiative = _initiative(request, slug, "directory.change_initiative")
    admin = request.user.has_perm("directory.publish_initiative", initiative)
    form = InitiativeForm(request.POST or None, instance=initiative, admin=admin)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)

        def relations():
            form.save_m2m()
            if admin:
                form.save_admin_fields(changed)

        save_tracked(changed, relations)
        messages.success(request, _("The changes have been saved."))
        return redirect("directory:initiative_detail", changed.slug)
    return render(
        request, "directory/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
@require_POST
def initiative_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish or unpublish an initiative (state administrator)."""
    initiative = _initiative(request, slug, "directory.publish_initiative")
    initiative.published = request.POST.get("published") == "1"
    save_tracked(initiative)
    messages.success(
        request,
        _("The initiative is now published.")
        if initiative.published
        else _("The initiative is no longer published."),
    )
    return redirect("directory:initiative_detail", initiative.slug)


@login_required
def initiative_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """Delete an initiative after confirmation (state administrator)."""
    initiative = _initiative(request, slug, "directory.delete_initiative")
    if request.method == "POST":
        name = initiative.name
        initiative.delete()
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": name})
        return redirect("directory:initiative_list")
    return render(
        request,
        "directory/confirm_delete.html",
        {"object": initiative, "cancel_url": reverse("directory:initiative_detail", args=[slug])},
    )


@login_required
def initiative_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed what when (administrator and the initiative's managers)."""
    initiative = _initiative(request, slug, "directory.view_initiative_history")
    entries, page = history_entries(initiative, request.GET.get("page"))
    return render(
        request,
        "directory/history.html",
        {
            "object": initiative,
            "entries": entries,
            "page": page,
            "back_url": reverse("directory:initiative_detail", args=[slug]),
        },
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    """Add an organisation (administrator, agency staff, cluster managers)."""
    require(request.user, "directory.add_organisation")
    admin = request.user.has_perm("directory.publish_organisation")
    form = OrganisationForm(request.POST or None, admin=admin)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        organisation.slug = services.unique_slug(Organisation, organisation.name)

        def relations():
            form.save_m2m()
            if admin:
                form.save_admin_fields(organisation)

        save_tracked(organisation, relations)
        messages.success(request, _("The organisation has been added."))
        return redirect("directory:organisation_detail", organisation.slug)
    return render(request, "directory/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit an organisation's profile (its representatives and the administrator)."""
    organisation = _organisation(request, slug, "directory.change_organisation")
    admin = request.user.has_perm("directory.publish_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation, admin=admin)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)

        def relations():
            form.save_m2m()
            if admin:
                form.save_admin_fields(changed)

        save_tracked(changed, relations)
        messages.success(request, _("The changes have been saved."))
        return redirect("directory:organisation_detail", changed.slug)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_POST
def organisation_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish or unpublish an organisation (state administrator)."""
    organisation = _organisation(request, slug, "directory.publish_organisation")
    organisation.published = request.POST.get("published") == "1"
    save_tracked(organisation)
    messages.success(request, _("The publication status has been changed."))
    return redirect("directory:organisation_detail", organisation.slug)


@login_required
def organisation_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """Delete an organisation after confirmation (state administrator)."""
    organisation = _organisation(request, slug, "directory.delete_organisation")
    if request.method == "POST":
        name = organisation.name
        organisation.delete()
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": name})
        return redirect("directory:organisation_list")
    return render(
        request,
        "directory/confirm_delete.html",
        {
            "object": organisation,
            "cancel_url": reverse("directory:organisation_detail", args=[slug]),
        },
    )


@login_required
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed what when (administrator and the organisation's representatives)."""
    organisation = _organisation(request, slug, "directory.view_organisation_history")
    entries, page = history_entries(organisation, request.GET.get("page"))
    return render(
        request,
        "directory/history.html",
        {
            "object": organisation,
            "entries": entries,
            "page": page,
            "back_url": reverse("directory:organisation_detail", args=[slug]),
        },
    )


@login_required
def memberships(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative's memberships (current and ended) and the form to add one."""
    initiative = _initiative(request, slug, "directory.manage_memberships")
    organisations = services.visible_organisations(request.user)
    form = MembershipForm(request.POST or None, initiative=initiative, organisations=organisations)
    if request.method == "POST":
        require(request.user, "directory.add_membership", initiative)
        if form.is_valid():
            membership = form.save()
            messages.success(
                request,
                _("%(organisation)s is now a member.") % {"organisation": membership.organisation},
            )
            return redirect("directory:memberships", initiative.slug)
    rows = (
        Membership.objects.filter(initiative=initiative)
        .select_related("organisation")
        .order_by("until", "organisation__name", "pk")
    )
    page = Paginator(rows, _MEMBERS_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/memberships.html",
        {
            "initiative": initiative,
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "end_form": MembershipEndForm(initial={"until": timezone.localdate()}),
        },
    )


def _membership(request: HttpRequest, pk: int, permission: str) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("initiative", "organisation"), pk=pk
    )
    if not request.user.has_perm("directory.view_initiative", membership.initiative):
        raise Http404("no such membership")
    require(request.user, permission, membership)
    return membership


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a membership's role and period."""
    membership = _membership(request, pk, "directory.change_membership")
    form = MembershipForm(
        request.POST or None, instance=membership, initiative=membership.initiative
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The membership has been changed."))
        return redirect("directory:memberships", membership.initiative.slug)
    return render(
        request, "directory/membership_form.html", {"form": form, "membership": membership}
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a membership on a date (the record stays, with its period)."""
    membership = _membership(request, pk, "directory.change_membership")
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        until = form.cleaned_data["until"]
        if membership.since and until < membership.since:
            messages.error(request, _("A membership cannot end before it began."))
        else:
            membership.until = until
            membership.save()
            messages.success(
                request,
                _("The membership of %(organisation)s has been ended.")
                % {"organisation": membership.organisation},
            )
    else:
        messages.error(request, _("Enter the date the membership ends."))
    return redirect("directory:memberships", membership.initiative.slug)


@login_required
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a membership entered by mistake (after confirmation)."""
    membership = _membership(request, pk, "directory.delete_membership")
    back = reverse("directory:memberships", args=[membership.initiative.slug])
    if request.method == "POST":
        membership.delete()
        messages.success(request, _("The membership has been removed."))
        return redirect(back)
    return render(
        request, "directory/confirm_delete.html", {"object": membership, "cancel_url": back}
    )
