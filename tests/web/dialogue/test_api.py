"""``/api/events``: list, detail, create, change, delete, own registration; 401/403/404/422."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import Event, EventKind, Registration

pytestmark = pytest.mark.django_db

NEW_EVENT = {
    "title": "Webinar Wasserstoff",
    "kind": "webinar",
    "start": "2031-03-02T14:00:00",
    "end": "2031-03-02T15:30:00",
    "capacity": 2,
    "published": True,
    "agenda": [{"time": "14:00", "title": "Begrüßung"}, {"title": "Fragen"}],
}


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_anonymous_list_shows_published_events_only(client, make_event):
    make_event("Öffentlich")
    make_event("Entwurf", published=False)
    body = client.get("/api/events").json()
    assert body["count"] == 1
    assert [e["title"] for e in body["items"]] == ["Öffentlich"]
    item = body["items"][0]
    assert item["confirmed"] == 0 and item["kind"] == "cluster_dialog"
    assert item["url"] == f"/dialog/veranstaltungen/{item['id']}/"


def test_list_pages_with_limit_and_offset_and_filters(client, make_event, make_initiative):
    initiative = make_initiative("Luftfahrt", slug="luftfahrt")
    for day in (3, 1, 2):
        make_event(f"Tag {day}", start=timezone.now() + dt.timedelta(days=day))
    make_event(
        "Luftfahrt-Workshop",
        kind=EventKind.WORKSHOP,
        initiative=initiative,
        start=timezone.now() + dt.timedelta(days=4),
    )
    make_event("Vorbei", start=timezone.now() - dt.timedelta(days=4))
    body = client.get("/api/events?period=upcoming&limit=2&offset=1").json()
    assert body["count"] == 4
    assert [e["title"] for e in body["items"]] == ["Tag 2", "Tag 3"]
    body = client.get("/api/events?initiative=luftfahrt").json()
    assert [e["title"] for e in body["items"]] == ["Luftfahrt-Workshop"]
    assert body["items"][0]["initiative"] == "luftfahrt"
    body = client.get("/api/events?period=past").json()
    assert [e["title"] for e in body["items"]] == ["Vorbei"]
    assert client.get("/api/events?period=soon").status_code == 422


def test_detail_of_an_unpublished_event_is_404_for_others(client, make_event, users, token_for):
    event = make_event("Entwurf", published=False)
    response = client.get(f"/api/events/{event.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    token = token_for(users[Role.STATE_ADMIN])
    assert client.get(f"/api/events/{event.pk}", **_auth(token)).status_code == 200


def test_create_needs_a_token_and_the_permission(client, users, token_for):
    response = client.post("/api/events", NEW_EVENT, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    member = token_for(users[Role.MEMBER])
    response = client.post(
        "/api/events", NEW_EVENT, content_type="application/json", **_auth(member)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert not Event.objects.exists()


def test_state_admin_creates_an_event_with_agenda(client, users, token_for):
    token = token_for(users[Role.STATE_ADMIN])
    response = client.post(
        "/api/events", NEW_EVENT, content_type="application/json", **_auth(token)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    event = Event.objects.get(pk=body["id"])
    berlin = timezone.get_default_timezone()
    assert event.start == dt.datetime(2031, 3, 2, 14, 0, tzinfo=berlin)  # naive = Berlin
    assert event.organiser == users[Role.STATE_ADMIN]
    assert body["agenda"] == [
        {"time": "14:00:00", "title": "Begrüßung"},
        {"time": None, "title": "Fragen"},
    ]
    assert body["capacity"] == 2 and body["published"] is True


def test_manager_creates_events_of_her_initiative_only(client, users, token_for, make_initiative):
    manager = users[Role.MANAGER]
    own = make_initiative("Eigene", slug="eigene", managers=[manager])
    make_initiative("Fremde", slug="fremde")
    token = token_for(manager)

    def create(**changes):
        return client.post(
            "/api/events", {**NEW_EVENT, **changes}, content_type="application/json", **_auth(token)
        )

    assert create(initiative="fremde").status_code == 403
    assert create(initiative="eigene", kind="cluster_dialog").status_code == 403
    response = create()  # without an initiative
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["initiative"]
    assert create(initiative="gibt-es-nicht").status_code == 422
    response = create(initiative="eigene")
    assert response.status_code == 201
    assert Event.objects.get().initiative == own


def test_the_api_knows_every_event_kind():
    from typing import get_args

    from clusterdialog.web.dialogue.schemas import Kind

    assert set(get_args(Kind)) == set(EventKind.values)


def test_invalid_values_are_422_naming_the_field(client, users, token_for):
    token = token_for(users[Role.STATE_ADMIN])
    response = client.post(
        "/api/events",
        {**NEW_EVENT, "end": "2031-03-02T13:00:00"},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["end"]
    response = client.post(
        "/api/events",
        {**NEW_EVENT, "kind": "party"},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 422
    assert "kind" in response.json()["error"]["details"][0]["loc"]
    wrongs = (
        {"capacity": 0},
        {"capacity": "2"},
        {"published": 1},
        {"title": 5},
        {"registration_deadline": 0},
        {"agenda": [{"time": 3600, "title": "Beginn"}]},
    )
    for wrong in wrongs:
        response = client.post(
            "/api/events", {**NEW_EVENT, **wrong}, content_type="application/json", **_auth(token)
        )
        assert response.status_code == 422, wrong
    assert not Event.objects.exists()


def test_patch_and_delete_by_the_organiser_not_by_others(
    client, make_event, users, token_for, make_user
):
    event = make_event("Treffen", capacity=5)
    other = token_for(make_user(Role.MANAGER))
    admin = token_for(users[Role.STATE_ADMIN])
    url = f"/api/events/{event.pk}"
    assert client.patch(url, {"title": "X"}, content_type="application/json").status_code == 401
    response = client.patch(url, {"title": "X"}, content_type="application/json", **_auth(other))
    assert response.status_code == 403
    assert client.delete(url, **_auth(other)).status_code == 403
    response = client.patch(
        url,
        {"title": "Treffen (verschoben)", "agenda": [{"title": "Neu"}]},
        content_type="application/json",
        **_auth(admin),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Treffen (verschoben)" and body["capacity"] == 5
    assert [item["title"] for item in body["agenda"]] == ["Neu"]
    response = client.patch(url, {"title": None}, content_type="application/json", **_auth(admin))
    assert response.status_code == 422
    assert client.delete(url, **_auth(admin)).status_code == 204
    assert not Event.objects.exists()
    assert client.delete(url, **_auth(admin)).status_code == 404


def test_raising_the_capacity_by_patch_moves_waiting_people_up(
    client, make_event, users, token_for, make_user
):
    event = make_event(capacity=1)
    first, second = make_user(Role.MEMBER), make_user(Role.MEMBER)
    services.register(event, first)
    services.register(event, second)
    token = token_for(users[Role.STATE_ADMIN])
    response = client.patch(
        f"/api/events/{event.pk}", {"capacity": 2}, content_type="application/json", **_auth(token)
    )
    assert response.json()["confirmed"] == 2 and response.json()["waiting"] == 0


def test_own_registration_and_cancellation_with_promotion(client, make_event, make_user, token_for):
    event = make_event(capacity=1)
    anna, ben = make_user(Role.MEMBER), make_user(Role.MEMBER)
    url = f"/api/events/{event.pk}/registration"
    assert client.post(url, content_type="application/json").status_code == 401
    anna_token, ben_token = token_for(anna), token_for(ben)
    response = client.post(url, {}, content_type="application/json", **_auth(anna_token))
    assert response.status_code == 200
    assert response.json() == {
        "event": event.pk,
        "status": "confirmed",
        "waiting_position": None,
        "organisation": None,
        "promoted": [],
    }
    response = client.post(url, {}, content_type="application/json", **_auth(ben_token))
    assert response.json()["status"] == "waiting" and response.json()["waiting_position"] == 1
    assert client.get(url, **_auth(ben_token)).json()["status"] == "waiting"

    response = client.delete(url, **_auth(anna_token))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["promoted"] == [Registration.objects.get(user=ben).pk]
    assert client.get(url, **_auth(ben_token)).json()["status"] == "confirmed"
    assert client.delete(url, **_auth(anna_token)).status_code == 404


def test_registration_errors(client, make_event, make_user, token_for, make_organisation):
    token = token_for(make_user(Role.MEMBER))
    closed = make_event(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    response = client.post(
        f"/api/events/{closed.pk}/registration", {}, content_type="application/json", **_auth(token)
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    draft = make_event(published=False)
    response = client.post(
        f"/api/events/{draft.pk}/registration", {}, content_type="application/json", **_auth(token)
    )
    assert response.status_code == 404
    open_event = make_event()
    make_organisation("Fremd", slug="fremd")
    response = client.post(
        f"/api/events/{open_event.pk}/registration",
        {"organisation": "fremd"},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_agenda_times_with_a_time_zone_are_refused_not_a_server_error(client, users, token_for):
    token = token_for(users[Role.STATE_ADMIN])
    response = client.post(
        "/api/events",
        {
            "title": "Cluster-Dialog",
            "kind": "cluster_dialog",
            "agenda": [{"time": "09:30:00Z", "title": "Begrüßung"}],
            "start": "2026-03-01T09:00:00+01:00",
            "end": "2026-03-01T12:00:00+01:00",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert "without a time zone" in response.content.decode()
