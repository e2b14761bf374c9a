"""Event queries and the registration rules (capacity, waiting list, cancellation).

Registrations and cancellations run in one transaction that first locks the
event row (``select_for_update``), so that two people asking for the last seat
at the same moment are served one after the other: the first is confirmed, the
second goes to the waiting list.  On SQLite the transaction itself takes the
write lock (``BEGIN IMMEDIATE``, see the settings), on PostgreSQL the row lock
does.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.dialogue.ical import event_to_ical
from clusterdialog.web.dialogue.models import (
    Event,
    EventDocument,
    Invitation,
    InvitationResponse,
    Registration,
    RegistrationStatus,
)
from clusterdialog.web.dialogue.uploads import check_document
from clusterdialog.web.directory.models import Initiative, Organisation

__all__ = [
    "RegistrationError",
    "visible_events",
    "with_counts",
    "calendar_events",
    "group_by_month",
    "register",
    "cancel",
    "fill_from_waiting_list",
    "waiting_position",
    "registration_list",
    "set_attendance",
    "organisations_for",
    "invite",
    "open_invitations",
    "respond_to_invitation",
    "upcoming_registrations",
    "organised_events",
    "add_document",
    "save_minutes",
    "event_ical",
]

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED


class RegistrationError(Exception):
    """A registration that the rules do not allow (closed, unpublished …).

    ``code`` is ``"closed"`` or ``"unpublished"``; ``message`` is translated.
    """

    def __init__(self, code: str, message) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message


def _public() -> Q:
    return Q(published=True) & (Q(initiative__isnull=True) | Q(initiative__published=True))


def visible_events(user) -> QuerySet[Event]:
    """Events ``user`` may see: published ones (of published initiatives), plus all for
    the state administrator and the unpublished ones the user organises."""
    queryset = Event.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("dialogue.organise_cluster_dialog"):
            return queryset
        return queryset.filter(
            _public()
            | Q(organiser=user)
            | Q(initiative__in=Initiative.objects.filter(managers=user).values("pk"))
        )
    return queryset.filter(_public())


def with_counts(queryset: QuerySet[Event], user=None) -> QuerySet[Event]:
    """Annotate ``confirmed_count``, ``waiting_count``, ``free_seats`` (``None`` without a
    capacity limit) and, for a signed-in ``user``,
    ``my_status`` (the status of the user's registration or ``None``)."""
    queryset = (
        queryset.select_related("initiative")
        .annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=CONFIRMED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=WAITING)),
        )
        .annotate(free_seats=F("capacity") - F("confirmed_count"))
    )
    if user is not None and user.is_authenticated:
        mine = Registration.objects.filter(event=OuterRef("pk"), user=user).values("status")[:1]
        queryset = queryset.annotate(my_status=Subquery(mine))
    return queryset


def calendar_events(
    user,
    *,
    period: str = "upcoming",
    kind: str | None = None,
    initiative: str | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Event]:
    """The calendar: upcoming (not yet ended, soonest first) or past (latest first)
    events visible to ``user``, optionally of one kind or one initiative (slug)."""
    if period not in ("upcoming", "past"):
        raise ValueError(f"period must be 'upcoming' or 'past', got {period!r}")
    now = now or timezone.now()
    queryset = visible_events(user)
    if kind:
        queryset = queryset.filter(kind=kind)
    if initiative:
        queryset = queryset.filter(initiative__slug=initiative)
    if period == "upcoming":
        queryset = queryset.filter(end__gte=now).order_by("start", "id")
    else:
        queryset = queryset.filter(end__lt=now).order_by("-start", "-id")
    return with_counts(queryset, user)


def group_by_month(events) -> list[tuple[dt.date, list[Event]]]:
    """Group events (in their order) by the month of their local start: ``[(first day of
    the month, [events …]), …]``."""

    def month(event: Event) -> dt.date:
        local = timezone.localtime(event.start)
        return dt.date(local.year, local.month, 1)

    return [(key, list(items)) for key, items in groupby(events, key=month)]


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=CONFIRMED).count()


def register(
    event: Event, user, organisation: Organisation | None = None, *, now: dt.datetime | None = None
) -> Registration:
    """Register ``user`` for ``event``: confirmed while seats are free, else waiting list.

    A person already registered (confirmed or waiting) keeps the registration; after a
    cancellation a renewed registration joins at the end of the waiting list.

    Raises
    ------
    RegistrationError
        ``unpublished`` for an unpublished event, ``closed`` after the registration
        deadline (or the start).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not locked.published:
            raise RegistrationError("unpublished", _("This event is not published."))
        if not locked.registration_is_open(now):
            raise RegistrationError("closed", _("Registration for this event is closed."))
        registration = Registration.objects.filter(event=locked, user=user).first()
        if registration is not None and registration.status != CANCELLED:
            return registration
        full = locked.capacity is not None and _confirmed_count(locked) >= locked.capacity
        status = WAITING if full else CONFIRMED
        if registration is None:
            registration = Registration.objects.create(
                event=locked,
                user=user,
                organisation=organisation,
                status=status,
                registered_at=now,
                status_changed=now,
            )
        else:
            registration.status = status
            registration.organisation = organisation
            registration.registered_at = now
            registration.status_changed = now
            registration.attended = False
            registration.save()
    return registration


def fill_from_waiting_list(event: Event, *, now: dt.datetime | None = None) -> list[Registration]:
    """Confirm waiting people in their order while seats are free; return them.

    Locks the event; call it after a cancellation or after the capacity grew.
    """
    now = now or timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        confirmed = _confirmed_count(locked)
        waiting = Registration.objects.filter(event=locked, status=WAITING).order_by(
            "registered_at", "id"
        )
        for registration in waiting:
            if locked.capacity is not None and confirmed >= locked.capacity:
                break
            registration.status = CONFIRMED
            registration.status_changed = now
            registration.save(update_fields=["status", "status_changed"])
            promoted.append(registration)
            confirmed += 1
    return promoted


def cancel(event: Event, user, *, now: dt.datetime | None = None):
    """Cancel ``user``'s registration; a freed seat goes to the first waiting person.

    Returns ``(registration, promoted)`` — the cancelled registration (``None`` if the
    user had none) and the list of registrations moved up from the waiting list.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = (
            Registration.objects.select_for_update()
            .filter(event=locked, user=user)
            .exclude(status=CANCELLED)
            .first()
        )
        if registration is None:
            return None, []
        was_confirmed = registration.status == CONFIRMED
        registration.status = CANCELLED
        registration.status_changed = now
        registration.attended = False
        registration.save(update_fields=["status", "status_changed", "attended"])
        promoted = fill_from_waiting_list(locked, now=now) if was_confirmed else []
    return registration, promoted


def waiting_position(registration: Registration) -> int | None:
    """1-based place on the waiting list, ``None`` if not waiting."""
    if registration.status != WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=WAITING).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def registration_list(event: Event) -> list[Registration]:
    """All registrations of an event for the organiser: confirmed, waiting (each with its
    ``position``), cancelled; in registration order within each group."""
    order = {CONFIRMED: 0, WAITING: 1, CANCELLED: 2}
    rows = list(
        Registration.objects.filter(event=event)
        .select_related("user", "organisation")
        .order_by("registered_at", "id")
    )
    rows.sort(key=lambda r: order[r.status])
    position = 0
    for row in rows:
        if row.status == WAITING:
            position += 1
            row.position = position
        else:
            row.position = None
    return rows


def set_attendance(event: Event, attended_ids) -> int:
    """Mark exactly the confirmed registrations with ids in ``attended_ids`` as attended
    (the others of the event as absent); return the number marked attended."""
    ids = {int(i) for i in attended_ids}
    with transaction.atomic():
        confirmed = Registration.objects.filter(event=event, status=CONFIRMED)
        confirmed.exclude(pk__in=ids).update(attended=False)
        return confirmed.filter(pk__in=ids).update(attended=True)


def organisations_for(user) -> QuerySet[Organisation]:
    """Organisations a user may register on behalf of: the ones the user represents and
    the management organisations of the initiatives the user manages."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    managed = Initiative.objects.filter(managers=user).values("management_organisation")
    return Organisation.objects.filter(Q(representatives=user) | Q(pk__in=managed)).distinct()


def invite(event: Event, *, users=(), initiatives=(), invited_by=None, message: str = "") -> int:
    """Invite people and initiatives (their managers) to an event; existing invitations
    are kept. Returns the number of new invitations."""
    created = 0
    with transaction.atomic():
        for user in users:
            _, new = Invitation.objects.get_or_create(
                event=event, user=user, defaults={"invited_by": invited_by, "message": message}
            )
            created += new
        for initiative in initiatives:
            _, new = Invitation.objects.get_or_create(
                event=event,
                initiative=initiative,
                defaults={"invited_by": invited_by, "message": message},
            )
            created += new
    return created


def open_invitations(user, *, now: dt.datetime | None = None) -> QuerySet[Invitation]:
    """Unanswered invitations of ``user`` (personal or to an initiative the user manages)
    to published events that have not ended."""
    if user is None or not user.is_authenticated:
        return Invitation.objects.none()
    now = now or timezone.now()
    managed = Initiative.objects.filter(managers=user).values("pk")
    return (
        Invitation.objects.filter(Q(user=user) | Q(initiative__in=managed))
        .filter(response=InvitationResponse.OPEN, event__published=True, event__end__gte=now)
        .select_related("event", "initiative")
        .order_by("event__start", "id")
    )


def respond_to_invitation(invitation: Invitation, user, *, accept: bool) -> Registration | None:
    """Accept (and register, perhaps on the waiting list) or decline an invitation."""
    registration = register(invitation.event, user) if accept else None
    invitation.response = InvitationResponse.ACCEPTED if accept else InvitationResponse.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    return registration


def upcoming_registrations(user, *, now: dt.datetime | None = None) -> QuerySet[Registration]:
    """The user's confirmed and waiting registrations for events that have not ended."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(user=user, status__in=[CONFIRMED, WAITING], event__end__gte=now)
        .select_related("event")
        .order_by("event__start", "id")
    )


def organised_events(user, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Upcoming events the user organises (or whose initiative the user manages), with
    registration counts."""
    now = now or timezone.now()
    managed = Initiative.objects.filter(managers=user).values("pk")
    queryset = Event.objects.filter(Q(organiser=user) | Q(initiative__in=managed)).filter(
        end__gte=now
    )
    return with_counts(queryset.order_by("start", "id"))


def add_document(event: Event, upload, *, title: str, user) -> EventDocument:
    """Check an uploaded file (type by extension and content, size) and store it."""
    extension = check_document(upload)
    return EventDocument.objects.create(
        event=event,
        title=title or upload.name,
        file=upload,
        original_name=upload.name[:255],
        extension=extension,
        size=upload.size,
        uploaded_by=user,
    )


def save_minutes(event: Event, text: str) -> None:
    event.minutes = text
    event.minutes_updated = timezone.now()
    event.save(update_fields=["minutes", "minutes_updated", "updated"])


def event_ical(event: Event, *, host: str, url: str) -> str:
    """The iCalendar file of one event."""
    location = ", ".join(part for part in (event.place, event.online_url) if part)
    return event_to_ical(
        uid=f"event-{event.pk}@{host}",
        title=event.title,
        start=event.start,
        end=event.end,
        description=event.description,
        location=location,
        url=url,
        stamp=event.updated or timezone.now(),
    )
