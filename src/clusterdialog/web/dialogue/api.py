"""Events API: ``/api/events`` list, detail, create, change, delete; own registration.

Reads answer anonymous callers with published events only; writes need a token
(401) and the same permission as the HTML side (403): the organiser of an event
or the state administrator changes it, cluster managers create events of the
initiatives they manage, only the state administrator creates Cluster-Dialog
meetings.  Registering is ``POST /api/events/{id}/registration`` (confirmed or
waiting list), cancelling ``DELETE`` on the same path (409 when registration is
closed).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError

from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import AgendaItem, Event, EventKind, Registration
from clusterdialog.web.dialogue.schemas import (
    EventIn,
    EventList,
    EventOut,
    EventPatch,
    RegistrationIn,
    RegistrationOut,
)
from clusterdialog.web.directory.models import Initiative

__all__ = ["router", "PREFIX"]

PREFIX = ""
router = Router(tags=["events"])

READ = {200: EventOut, 401: Error, 404: Error}
WRITE = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def _aware(value):
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _out(event: Event) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "initiative": event.initiative.slug if event.initiative_id else None,
        "description": event.description,
        "agenda": [{"time": item.time, "title": item.title} for item in event.agenda_items.all()],
        "start": event.start,
        "end": event.end,
        "place": event.place,
        "online": bool(event.online_url),
        "capacity": event.capacity,
        "registration_deadline": event.registration_deadline,
        "published": event.published,
        "confirmed": event.confirmed_count,
        "waiting": event.waiting_count,
        "url": reverse("dialogue:event_detail", args=[event.pk]),
    }


def _visible(request, pk: int) -> Event:
    events = services.with_counts(services.visible_events(request.user)).prefetch_related(
        "agenda_items"
    )
    event = events.filter(pk=pk).first()
    if event is None:
        raise Http404(f"no event {pk}")
    return event


def _initiative(slug: str | None) -> Initiative | None:
    if not slug:
        return None
    initiative = Initiative.objects.filter(slug=slug).first()
    if initiative is None:
        raise ValidationError({"initiative": [f"no initiative with slug {slug!r}"]})
    return initiative


def _check_organising(user, kind: str, initiative: Initiative | None) -> None:
    if kind == EventKind.CLUSTER_DIALOG:
        require_permission(user, "dialogue.organise_cluster_dialog")
    if initiative is not None:
        require_permission(user, "dialogue.organise_for_initiative", initiative)
    elif not user.has_perm("dialogue.organise_cluster_dialog"):
        raise ValidationError({"initiative": ["cluster managers create events of an initiative"]})


def _save(event: Event, agenda) -> None:
    event.full_clean()
    with transaction.atomic():
        event.save()
        if agenda is not None:
            event.agenda_items.all().delete()
            AgendaItem.objects.bulk_create(
                AgendaItem(event=event, position=i, time=item.time, title=item.title)
                for i, item in enumerate(agenda)
            )
    if event.published:
        services.fill_from_waiting_list(event)


@router.get("/events", response={200: EventList, 401: Error}, auth=optional_bearer)
def list_events(
    request,
    period: str | None = Query(None, pattern="^(upcoming|past)$"),
    kind: str | None = None,
    initiative: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
):
    """Events visible to the caller; ``period`` upcoming (soonest first) or past (latest
    first), all by start otherwise."""
    if period:
        events = services.calendar_events(
            request.user, period=period, kind=kind, initiative=initiative
        )
    else:
        events = services.visible_events(request.user)
        if kind:
            events = events.filter(kind=kind)
        if initiative:
            events = events.filter(initiative__slug=initiative)
        events = services.with_counts(events.order_by("start", "id"))
    events = events.prefetch_related("agenda_items")
    return {
        "count": events.count(),
        "items": [_out(e) for e in events[offset : offset + limit]],
    }


@router.get("/events/{event_id}", response=READ, auth=optional_bearer)
def get_event(request, event_id: int):
    return _out(_visible(request, event_id))


@router.post("/events", response={201: EventOut, **WRITE}, auth=bearer)
def create_event(request, payload: EventIn):
    require_permission(request.user, "dialogue.add_event")
    initiative = _initiative(payload.initiative)
    _check_organising(request.user, payload.kind, initiative)
    data = payload.model_dump(exclude={"agenda", "initiative"})
    event = Event(
        **{**data, "start": _aware(data["start"]), "end": _aware(data["end"])},
        initiative=initiative,
        organiser=request.user,
    )
    event.registration_deadline = _aware(event.registration_deadline)
    _save(event, payload.agenda)
    return Status(201, _out(_visible(request, event.pk)))


@router.patch("/events/{event_id}", response={200: EventOut, **WRITE}, auth=bearer)
def update_event(request, event_id: int, payload: EventPatch):
    event = _visible(request, event_id)
    require_permission(request.user, "dialogue.change_event", event)
    changes = payload.model_dump(exclude_unset=True)
    agenda = payload.agenda if "agenda" in changes else None
    changes.pop("agenda", None)
    if "initiative" in changes:
        event.initiative = _initiative(changes.pop("initiative"))
    for name in ("title", "kind", "start", "end", "place", "description", "published"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: ["must not be null"]})
    for name, value in changes.items():
        setattr(event, name, _aware(value) if name in ("start", "end") else value)
    event.registration_deadline = _aware(event.registration_deadline)
    if "kind" in changes or "initiative" in payload.model_fields_set:
        _check_organising(request.user, event.kind, event.initiative)
    _save(event, agenda)
    return _out(_visible(request, event.pk))


@router.delete("/events/{event_id}", response={204: None, **WRITE}, auth=bearer)
def delete_event(request, event_id: int):
    event = _visible(request, event_id)
    require_permission(request.user, "dialogue.delete_event", event)
    event.delete()
    return Status(204, None)


def _registration_out(registration: Registration, promoted=()) -> dict:
    return {
        "event": registration.event_id,
        "status": registration.status,
        "waiting_position": services.waiting_position(registration),
        "organisation": registration.organisation.slug if registration.organisation_id else None,
        "promoted": [r.pk for r in promoted],
    }


@router.post(
    "/events/{event_id}/registration",
    response={200: RegistrationOut, 409: Error, **WRITE},
    auth=bearer,
)
def register(request, event_id: int, payload: RegistrationIn | None = None):
    """Register the caller: ``confirmed`` while seats are free, else ``waiting``."""
    event = _visible(request, event_id)
    require_permission(request.user, "dialogue.register_for_event", event)
    organisation = None
    if payload is not None and payload.organisation:
        organisation = (
            services.organisations_for(request.user).filter(slug=payload.organisation).first()
        )
        if organisation is None:
            raise PermissionDenied(
                f"you do not represent the organisation {payload.organisation!r}"
            )
    try:
        registration = services.register(event, request.user, organisation)
    except services.RegistrationError as error:
        raise HttpError(409, str(error.message)) from None
    return _registration_out(registration)


@router.get(
    "/events/{event_id}/registration", response={200: RegistrationOut, **WRITE}, auth=bearer
)
def get_registration(request, event_id: int):
    event = _visible(request, event_id)
    registration = get_object_or_404(
        Registration.objects.exclude(status="cancelled"), event=event, user=request.user
    )
    return _registration_out(registration)


@router.delete(
    "/events/{event_id}/registration", response={200: RegistrationOut, **WRITE}, auth=bearer
)
def cancel_registration(request, event_id: int):
    """Cancel the caller's registration; the first waiting person moves up."""
    event = _visible(request, event_id)
    registration, promoted = services.cancel(event, request.user)
    if registration is None:
        raise Http404("you are not registered for this event")
    return _registration_out(registration, promoted)
