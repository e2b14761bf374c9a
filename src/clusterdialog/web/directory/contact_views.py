"""Contact persons: personal data with recorded consent, export and deletion on request.

Managers (for their initiatives), representatives (for their organisation) and
the state administrator keep the contact persons.  Each person's data can be
exported as JSON (right of access, Art. 15 GDPR) and deleted for real (right
to erasure, Art. 17 GDPR): contact persons keep no history.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialog.web.directory.edit_views import require
from clusterdialog.web.directory.forms import ContactPersonForm
from clusterdialog.web.directory.models import ContactPerson, Initiative, Organisation
from clusterdialog.web.directory.views import visible_or_404

__all__ = [
    "contact_delete",
    "contact_edit",
    "contact_export",
    "contact_export_data",
    "initiative_contacts",
    "organisation_contacts",
]


def _contacts_page(request: HttpRequest, holder, **owner) -> HttpResponse:
    require(request.user, "directory.manage_contacts", holder)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "directory.add_contactperson", holder)
        if form.is_valid():
            contact = form.save_with_consent(recorded_by=request.user, **owner)
            messages.success(
                request, _("%(name)s has been added as a contact person.") % {"name": contact}
            )
            return redirect(request.path)
    contacts = ContactPerson.objects.filter(**owner).select_related("consent_recorded_by")
    return render(
        request,
        "directory/contacts.html",
        {
            "holder": holder,
            "contacts": contacts.order_by("name", "pk"),
            "form": form,
            "back_url": _holder_url(holder),
        },
    )


def _holder_url(holder) -> str:
    if isinstance(holder, Initiative):
        return reverse("directory:initiative_detail", args=[holder.slug])
    return reverse("directory:organisation_detail", args=[holder.slug])


@login_required
def initiative_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact persons of an initiative, and the form to add one."""
    initiative = visible_or_404(
        Initiative.objects.all(), request.user, "directory.view_initiative", slug=slug
    )
    return _contacts_page(request, initiative, initiative=initiative)


@login_required
def organisation_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact persons of an organisation, and the form to add one."""
    organisation = visible_or_404(
        Organisation.objects.all(), request.user, "directory.view_organisation", slug=slug
    )
    return _contacts_page(request, organisation, organisation=organisation)


def _contact(request: HttpRequest, pk: int, permission: str) -> ContactPerson:
    contact = get_object_or_404(
        ContactPerson.objects.select_related("initiative", "organisation", "consent_recorded_by"),
        pk=pk,
    )
    require(request.user, permission, contact)
    return contact


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a contact person's data (consent can be renewed, not removed)."""
    contact = _contact(request, pk, "directory.change_contactperson")
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save_with_consent(recorded_by=request.user)
        messages.success(request, _("The changes have been saved."))
        return redirect(_holder_contacts_url(contact))
    return render(request, "directory/contact_form.html", {"form": form, "contact": contact})


def _holder_contacts_url(contact: ContactPerson) -> str:
    if contact.initiative_id:
        return reverse("directory:initiative_contacts", args=[contact.initiative.slug])
    return reverse("directory:organisation_contacts", args=[contact.organisation.slug])


def contact_export_data(contact: ContactPerson) -> dict:
    """Everything stored about a contact person, as a JSON-ready dictionary."""

    def moment(value):
        return timezone.localtime(value).isoformat(timespec="seconds") if value else None

    return {
        "contact_person": {
            "id": contact.pk,
            "name": contact.name,
            "function": contact.function,
            "email": contact.email,
            "phone": contact.phone,
            "public": contact.public,
            "initiative": contact.initiative.name if contact.initiative_id else None,
            "organisation": contact.organisation.name if contact.organisation_id else None,
            "created": moment(contact.created),
            "updated": moment(contact.updated),
        },
        "consent": {
            "given_at": moment(contact.consent_given_at),
            "wording": contact.consent_text,
            "recorded_by": str(contact.consent_recorded_by)
            if contact.consent_recorded_by
            else None,
        },
        "exported_at": moment(timezone.now()),
        "controller": "Cluster-Dialog platform",
    }


@login_required
@require_GET
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a contact person's data as JSON (request for access)."""
    contact = _contact(request, pk, "directory.export_contactperson")
    body = json.dumps(contact_export_data(contact), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kontakt-{contact.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a contact person for real, after a confirmation page."""
    contact = _contact(request, pk, "directory.delete_contactperson")
    back = _holder_contacts_url(contact)
    if request.method == "POST":
        name = contact.name
        contact.delete()
        messages.success(
            request,
            _("All data of %(name)s have been deleted.") % {"name": name},
        )
        return redirect(back)
    return render(
        request,
        "directory/confirm_delete.html",
        {"object": contact, "cancel_url": back, "personal_data": True},
    )
