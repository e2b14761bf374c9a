"""Query counts stay constant with the number of rows (2 vs 20 records)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import consultations, services
from clusterdialog.web.dialogue.models import (
    Audience,
    Comment,
    Consultation,
    ConsultationOption,
    EventKind,
    Method,
    Post,
    Tag,
)

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _events(make_event, make_initiative, make_user, start: int, count: int) -> None:
    for n in range(start, start + count):
        initiative = make_initiative(f"Initiative {n}") if n % 2 else None
        event = make_event(
            f"Treffen {n}",
            kind=EventKind.WORKSHOP if initiative else EventKind.CLUSTER_DIALOG,
            initiative=initiative,
            start=timezone.now() + dt.timedelta(days=n + 1),
            capacity=2,
        )
        for i in range(3):
            services.register(event, make_user(Role.MEMBER, f"e{n}-{i}@test.local"))


def test_event_calendar_query_count_is_constant(
    client, make_event, make_initiative, make_user, users, django_assert_max_num_queries
):
    client.force_login(users[Role.MEMBER])
    _events(make_event, make_initiative, make_user, 0, 2)
    few = _count(client, "/dialog/veranstaltungen/")
    _events(make_event, make_initiative, make_user, 2, 18)
    with django_assert_max_num_queries(few):
        response = client.get("/dialog/veranstaltungen/")
    assert response.content.decode().count("data-event=") == 20


def test_events_api_list_query_count_is_constant(
    client, make_event, make_initiative, make_user, django_assert_max_num_queries
):
    _events(make_event, make_initiative, make_user, 0, 2)
    few = _count(client, "/api/events")
    _events(make_event, make_initiative, make_user, 2, 18)
    with django_assert_max_num_queries(few):
        response = client.get("/api/events")
    assert response.json()["count"] == 20


def _posts(author, commenter, count: int) -> None:
    tags = list(Tag.objects.all()[:3])
    for n in range(count):
        post = Post.objects.create(author=author, kind="question", title=f"Frage {n}", body="?")
        post.tags.set(tags)
        Comment.objects.create(post=post, author=commenter, body="Antwort", helpful=True)


def test_post_list_query_count_is_constant(
    client, users, tags, make_user, django_assert_max_num_queries
):
    author, commenter = users[Role.MANAGER], users[Role.AGENCY]
    client.force_login(users[Role.MEMBER])
    _posts(author, commenter, 2)
    few = _count(client, "/dialog/austausch/")
    _posts(author, commenter, 18)
    with django_assert_max_num_queries(few):
        response = client.get("/dialog/austausch/")
    assert response.content.decode().count("data-post=") == 20


def _answers(consultation, options, make_user, start: int, count: int) -> None:
    for n in range(start, start + count):
        person = make_user(Role.MEMBER, f"c{n}@test.local")
        consultations.submit(
            consultation,
            person,
            values={options[n % 3].pk: 6, options[(n + 1) % 3].pk: 4},
            statement=f"Aussage {n}",
        )


def test_consultation_result_query_count_is_constant(
    client, users, make_user, django_assert_max_num_queries
):
    admin = users[Role.STATE_ADMIN]
    consultation = Consultation.objects.create(
        title="Erwartungen",
        question="?",
        created_by=admin,
        audience=Audience.ALL,
        method=Method.POINTS,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
    )
    options = [
        ConsultationOption.objects.create(consultation=consultation, position=i, label=f"T{i}")
        for i in range(3)
    ]
    client.force_login(admin)
    url = f"/dialog/konsultationen/{consultation.pk}/ergebnis/"
    _answers(consultation, options, make_user, 0, 2)
    few = _count(client, url)
    _answers(consultation, options, make_user, 2, 18)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("Aussage ") == 20


def test_start_page_query_count_is_constant(
    client, users, make_event, make_initiative, make_user, django_assert_max_num_queries
):
    admin = users[Role.STATE_ADMIN]
    client.force_login(admin)
    _events(make_event, make_initiative, make_user, 0, 2)
    few = _count(client, "/konto/start/")
    _events(make_event, make_initiative, make_user, 2, 6)
    with django_assert_max_num_queries(few):
        client.get("/konto/start/")
