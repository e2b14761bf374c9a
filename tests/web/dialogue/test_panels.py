"""Start-page panels, the initiative profile section, and the demo content."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone, translation

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import demo, profile, services, start
from clusterdialog.web.dialogue.consultations import consultation_result
from clusterdialog.web.dialogue.models import (
    Consultation,
    Event,
    EventKind,
    Post,
    Registration,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db


def _titles(panel) -> list[str]:
    return [getattr(item, "title", None) or item.event.title for item in panel["context"]]


@translation.override("en")
def test_member_sees_registrations_invitations_and_open_consultations(make_event, make_user, users):
    member = users[Role.MEMBER]
    full = make_event("Voll", capacity=1, start=timezone.now() + dt.timedelta(days=5))
    services.register(full, make_user(Role.MEMBER))
    services.register(full, member)
    mine = make_event("Meins", start=timezone.now() + dt.timedelta(days=2))
    services.register(mine, member)
    past = make_event("Vorbei", start=timezone.now() - dt.timedelta(days=5))
    Registration.objects.create(event=past, user=member, status=RegistrationStatus.CONFIRMED)
    invited = make_event("Eingeladen", start=timezone.now() + dt.timedelta(days=9))
    services.invite(invited, users=[member], invited_by=users[Role.STATE_ADMIN])
    Consultation.objects.create(
        title="Erwartungen",
        question="?",
        created_by=users[Role.STATE_ADMIN],
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
    )

    panels = {str(p["title"]): p for p in start.panels(member)}
    assert _titles(panels["My events"]) == ["Meins", "Voll"]
    assert [r.status for r in panels["My events"]["context"]] == ["confirmed", "waiting"]
    assert [i.event.title for i in panels["Invitations"]["context"]] == ["Eingeladen"]
    assert [c.title for c in panels["Open consultations"]["context"]] == ["Erwartungen"]
    assert "Events I organise" not in panels


@translation.override("en")
def test_admin_sees_the_events_she_organises_with_counts(make_event, make_user, users):
    admin = users[Role.STATE_ADMIN]
    event = make_event("Cluster-Dialog", capacity=2)
    for _ in range(3):
        services.register(event, make_user(Role.MEMBER))
    panels = {str(p["title"]): p for p in start.panels(admin)}
    (organised,) = panels["Events I organise"]["context"]
    assert (organised.title, organised.confirmed_count, organised.waiting_count) == (
        "Cluster-Dialog",
        2,
        1,
    )


def test_anonymous_users_get_no_panels():
    assert start.panels(AnonymousUser()) == []


def test_initiative_profile_lists_its_upcoming_events(make_event, make_initiative, users):
    manager = users[Role.MANAGER]
    initiative = make_initiative("Biotech", managers=[manager])
    make_event("Webinar", kind=EventKind.WEBINAR, initiative=initiative)
    make_event("Vorbei", initiative=initiative, start=timezone.now() - dt.timedelta(days=3))
    make_event("Anderes")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    (section,) = profile.initiative_sections(request, initiative)
    assert [e.title for e in section["context"]["events"]] == ["Webinar"]
    assert section["context"]["may_add"] is False
    request.user = manager
    (section,) = profile.initiative_sections(request, initiative)
    assert section["context"]["may_add"] is True
    quiet = make_initiative("Ruhig")
    request.user = AnonymousUser()
    assert profile.initiative_sections(request, quiet) == []


def test_demo_content(make_user, make_initiative, make_organisation):
    for role, email in [
        (Role.STATE_ADMIN, "ministry@demo.local"),
        (Role.MANAGER, "manager@demo.local"),
        (Role.MEMBER, "member@demo.local"),
        (Role.AGENCY, "agency@demo.local"),
    ]:
        make_user(role, email)
    for n in range(3):
        make_initiative(f"Demo-Initiative {n}")
        make_organisation(f"Demo-Firma {n}", published=True)

    demo.load(random.Random(2026))

    meetings = Event.objects.filter(kind=EventKind.CLUSTER_DIALOG).order_by("start")
    now = timezone.now()
    assert [m.start < now for m in meetings] == [True, True, False, False]
    first = meetings[0]
    assert first.minutes and first.documents.count() == 1
    assert first.registrations.filter(attended=True).exists()
    full = meetings[2]
    assert full.registrations.filter(status="confirmed").count() == full.capacity
    assert full.registrations.filter(status="waiting").exists()
    assert Event.objects.exclude(kind=EventKind.CLUSTER_DIALOG).count() == 6
    assert 14 <= Post.objects.count() <= 16
    assert Post.objects.filter(comments__isnull=False).distinct().count() >= 5
    closed = Consultation.objects.get(title="Erwartungen an die Clusterpolitik des Landes")
    assert closed.is_closed() and closed.submissions.count() == 20
    result = consultation_result(closed)
    assert sum(t.points_total for t in result.topics) == 20 * 10
    assert Consultation.objects.filter(closes_at__gt=now).count() == 1
    assert services.upcoming_registrations(
        type(closed.created_by).objects.get(email="member@demo.local")
    ).exists()

    demo.load(random.Random(2026))  # a second run adds nothing
    assert Event.objects.filter(kind=EventKind.CLUSTER_DIALOG).count() == 4
