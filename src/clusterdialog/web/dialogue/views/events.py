"""Event pages: calendar, detail, registration, organiser tools, iCal export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusterdialog.web.dialogue import exports, services
from clusterdialog.web.dialogue.forms import (
    AgendaFormSet,
    AttendanceForm,
    CalendarFilterForm,
    DocumentForm,
    EventForm,
    InvitationForm,
    MinutesForm,
    RegistrationForm,
)
from clusterdialog.web.dialogue.models import (
    Event,
    EventDocument,
    Registration,
    RegistrationStatus,
)
from clusterdialog.web.dialogue.views.common import download, paginate, require, require_visible
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "event_list",
    "event_detail",
    "event_create",
    "event_edit",
    "event_delete",
    "event_register",
    "event_cancel",
    "event_registrations",
    "event_registrations_export",
    "event_records",
    "event_document",
    "event_document_delete",
    "event_invitations",
    "invitation_respond",
    "event_ical",
]


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("initiative", "organiser"), pk=pk)


def event_list(request: HttpRequest) -> HttpResponse:
    """The event calendar: upcoming or past events grouped by month, filtered by kind and
    initiative."""
    form = CalendarFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    period = filters.get("zeitraum") or "upcoming"
    initiative = filters.get("initiative") or ""
    events = services.calendar_events(
        request.user, period=period, kind=filters.get("art") or None, initiative=initiative or None
    )
    page = paginate(request, events)
    initiative_obj = (
        Initiative.objects.filter(slug=initiative).only("name", "slug").first()
        if initiative
        else None
    )
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "dialogue/event_list.html",
        {
            "form": form,
            "page": page,
            "months": services.group_by_month(page.object_list),
            "period": period,
            "initiative": initiative_obj,
            "query": query.urlencode(),
            "may_add": request.user.has_perm("dialogue.add_event"),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    user = request.user
    require_visible(user, "dialogue.view_event", event)
    registration = None
    position = None
    form = None
    if user.is_authenticated:
        registration = (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("organisation")
            .first()
        )
        position = services.waiting_position(registration) if registration else None
        if registration is None and event.registration_is_open():
            form = RegistrationForm(organisations=services.organisations_for(user))
    organiser = user.has_perm("dialogue.change_event", event)
    counts = services.with_counts(Event.objects.filter(pk=event.pk)).values(
        "confirmed_count", "waiting_count"
    )[0]
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return render(
        request,
        "dialogue/event_detail.html",
        {
            "event": event,
            "agenda": event.agenda_items.all(),
            "registration": registration,
            "position": position,
            "form": form,
            "counts": counts,
            "free": (
                None
                if event.capacity is None
                else max(0, event.capacity - counts["confirmed_count"])
            ),
            "organiser": organiser,
            "show_online_url": organiser or confirmed,
            "records_visible": user.has_perm("dialogue.view_eventdocument", event),
            "documents": event.documents.all(),
            "consultations": event.consultations.all() if user.is_authenticated else [],
        },
    )


def _save_event(request, form, formset) -> Event:
    """Save an event with its agenda (items numbered in the order of the form)."""
    with transaction.atomic():
        event = form.save(commit=False)
        if event.organiser_id is None:
            event.organiser = request.user
        event.save()
        formset.instance = event
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        deleted = set(formset.deleted_forms)
        for position, item_form in enumerate(formset.forms):
            item = item_form.instance
            if item_form in deleted or (item.pk is None and not item_form.has_changed()):
                continue
            item.event = event
            item.position = position
            item.save()
    if event.published:
        services.fill_from_waiting_list(event)
    return event


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "dialogue.add_event")
    slug = request.GET.get("initiative")
    initial = {"initiative": Initiative.objects.filter(slug=slug).first()} if slug else {}
    form = EventForm(request.POST or None, user=request.user, initial=initial)
    formset = AgendaFormSet(request.POST or None, instance=Event())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        if form.cleaned_data.get("initiative"):
            require(
                request.user, "dialogue.organise_for_initiative", form.cleaned_data["initiative"]
            )
        event = _save_event(request, form, formset)
        messages.success(request, _("The event has been created."))
        return redirect("dialogue:event_detail", pk=event.pk)
    return render(
        request, "dialogue/event_form.html", {"form": form, "formset": formset, "event": None}
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.change_event", event)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if event.initiative_id and not request.user.has_perm("dialogue.organise_cluster_dialog"):
        # a manager keeps the event's initiative even if she does not manage it herself
        form.fields["initiative"].queryset = (
            form.fields["initiative"].queryset | Initiative.objects.filter(pk=event.initiative_id)
        ).distinct()
    formset = AgendaFormSet(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        _save_event(request, form, formset)
        messages.success(request, _("The event has been saved."))
        return redirect("dialogue:event_detail", pk=event.pk)
    return render(
        request, "dialogue/event_form.html", {"form": form, "formset": formset, "event": event}
    )


@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.delete_event", event)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("The event has been deleted."))
        return redirect("dialogue:event_list")
    return render(request, "dialogue/event_confirm_delete.html", {"event": event})


@login_required
@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.register_for_event", event)
    form = RegistrationForm(request.POST, organisations=services.organisations_for(request.user))
    if not form.is_valid():
        messages.error(request, _("Please choose one of your organisations."))
        return redirect("dialogue:event_detail", pk=event.pk)
    try:
        registration = services.register(event, request.user, form.cleaned_data.get("organisation"))
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect("dialogue:event_detail", pk=event.pk)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered."))
    else:
        messages.info(
            request,
            _("The event is fully booked; you are number %(position)s on the waiting list.")
            % {"position": services.waiting_position(registration)},
        )
    return redirect("dialogue:event_detail", pk=event.pk)


@login_required
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    registration, _promoted = services.cancel(event, request.user)
    if registration is not None:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect("dialogue:event_detail", pk=event.pk)


@login_required
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's list of registrations, with attendance."""
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.manage_registrations", event)
    rows = services.registration_list(event)
    confirmed = [r for r in rows if r.status == RegistrationStatus.CONFIRMED]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST" and form.is_valid():
        marked = services.set_attendance(event, form.cleaned_data["attended"])
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)s participant attended.",
                "Attendance saved: %(count)s participants attended.",
                marked,
            )
            % {"count": marked},
        )
        return redirect("dialogue:event_registrations", pk=event.pk)
    return render(
        request,
        "dialogue/event_registrations.html",
        {
            "event": event,
            "rows": rows,
            "form": form,
            "attended_count": sum(r.attended for r in confirmed),
            "confirmed_count": len(confirmed),
        },
    )


@login_required
def event_registrations_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.manage_registrations", event)
    header, rows = exports.registration_table(event, services.registration_list(event))
    name = f"teilnehmende-veranstaltung-{event.pk}"
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    content = exports.to_xlsx({_("Registrations"): (header, rows)}, title=event.title)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def event_records(request: HttpRequest, pk: int) -> HttpResponse:
    """Minutes (text) and documents of an event, for the organiser."""
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.add_eventdocument", event)
    minutes_form = MinutesForm(instance=event)
    document_form = DocumentForm()
    if request.method == "POST" and "minutes" in request.POST:
        minutes_form = MinutesForm(request.POST, instance=event)
        if minutes_form.is_valid():
            services.save_minutes(event, minutes_form.cleaned_data["minutes"])
            messages.success(request, _("The minutes have been saved."))
            return redirect("dialogue:event_records", pk=event.pk)
    elif request.method == "POST":
        document_form = DocumentForm(request.POST, request.FILES)
        if document_form.is_valid():
            services.add_document(
                event,
                document_form.cleaned_data["file"],
                title=document_form.cleaned_data["title"],
                user=request.user,
            )
            messages.success(request, _("The document has been uploaded."))
            return redirect("dialogue:event_records", pk=event.pk)
    return render(
        request,
        "dialogue/event_records.html",
        {
            "event": event,
            "minutes_form": minutes_form,
            "document_form": document_form,
            "documents": event.documents.select_related("uploaded_by"),
        },
    )


@login_required
def event_document(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.view_eventdocument", event)
    return download(get_object_or_404(EventDocument, pk=document, event=event))


@login_required
@require_POST
def event_document_delete(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.add_eventdocument", event)
    get_object_or_404(EventDocument, pk=document, event=event).delete()
    messages.success(request, _("The document has been deleted."))
    return redirect("dialogue:event_records", pk=event.pk)


@login_required
def event_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    require(request.user, "dialogue.invite_to_event", event)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.invite(
            event,
            users=form.cleaned_data["users"],
            initiatives=form.cleaned_data["initiatives"],
            invited_by=request.user,
            message=form.cleaned_data["message"],
        )
        messages.success(
            request,
            ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", created)
            % {"count": created},
        )
        return redirect("dialogue:event_invitations", pk=event.pk)
    invitations = event.invitations.select_related("user", "initiative").order_by("created", "id")
    return render(
        request,
        "dialogue/event_invitations.html",
        {"event": event, "form": form, "invitations": invitations},
    )


@login_required
@require_POST
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        services.open_invitations(request.user, now=timezone.now()), pk=pk
    )
    accept = request.POST.get("antwort") == "zusagen"
    try:
        registration = services.respond_to_invitation(invitation, request.user, accept=accept)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect("dialogue:event_detail", pk=invitation.event_id)
    if registration is None:
        messages.info(request, _("You have declined the invitation."))
    elif registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered."))
    else:
        messages.info(request, _("The event is fully booked; you are on the waiting list."))
    return redirect("dialogue:event_detail", pk=invitation.event_id)


def event_ical(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    require_visible(request.user, "dialogue.view_event", event)
    url = request.build_absolute_uri(event_url(event))
    content = services.event_ical(event, host=request.get_host().split(":")[0], url=url)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
    return response


def event_url(event: Event) -> str:
    return reverse("dialogue:event_detail", args=[event.pk])
