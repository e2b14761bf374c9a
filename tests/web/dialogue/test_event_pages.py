"""Event pages: calendar, detail, registration by form, organiser tools and permissions."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import (
    AgendaItem,
    Event,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from tests.web.dialogue.conftest import days_from_now

pytestmark = pytest.mark.django_db


def test_calendar_shows_published_upcoming_events_grouped_by_month(client, make_event):
    make_event("Frühjahrstreffen", start=days_from_now(40))
    make_event("Entwurf", start=days_from_now(41), published=False)
    make_event("Vorbei", start=days_from_now(-40))
    page = client.get("/dialog/veranstaltungen/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Frühjahrstreffen" in page
    assert "Entwurf" not in page and "Vorbei" not in page
    past = client.get("/dialog/veranstaltungen/?zeitraum=past").content.decode()
    assert "Vorbei" in past and "Frühjahrstreffen" not in past


def test_group_by_month_uses_the_local_start_date(make_event):
    # 31 March 23:30 in Berlin is still March although it is 21:30 UTC
    berlin = timezone.get_default_timezone()
    march = make_event("März", start=dt.datetime(2030, 3, 31, 23, 30, tzinfo=berlin))
    april = make_event("April", start=dt.datetime(2030, 4, 1, 0, 30, tzinfo=berlin))
    groups = services.group_by_month([march, april])
    assert [(month, [e.title for e in events]) for month, events in groups] == [
        (dt.date(2030, 3, 1), ["März"]),
        (dt.date(2030, 4, 1), ["April"]),
    ]


def test_calendar_filters_by_kind_and_initiative(client, make_event, make_initiative):
    initiative = make_initiative("Photonik BW", slug="photonik-bw")
    make_event("Webinar Laser", kind=EventKind.WEBINAR, initiative=initiative)
    make_event("Workshop Optik", kind=EventKind.WORKSHOP, initiative=initiative)
    make_event("Cluster-Dialog Herbst")
    page = client.get("/dialog/veranstaltungen/?art=webinar").content.decode()
    assert "Webinar Laser" in page and "Workshop Optik" not in page
    page = client.get("/dialog/veranstaltungen/?initiative=photonik-bw").content.decode()
    assert "Webinar Laser" in page and "Workshop Optik" in page
    assert "Cluster-Dialog Herbst" not in page


def test_events_of_unpublished_initiatives_stay_hidden(client, make_event, make_initiative):
    hidden = make_initiative("Geheim", published=False)
    event = make_event("Internes Treffen", initiative=hidden)
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/").status_code == 404
    assert "Internes Treffen" not in client.get("/dialog/veranstaltungen/").content.decode()


def test_unpublished_event_is_404_for_others_and_visible_to_the_organiser(
    client, make_event, users
):
    event = make_event("Entwurf", published=False)
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/").status_code == 404
    client.force_login(users[Role.MEMBER])
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/").status_code == 404
    client.force_login(users[Role.STATE_ADMIN])
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/").status_code == 200


def test_detail_shows_agenda_in_order_and_escapes_text(client, make_event):
    event = make_event("Treffen", description="<script>alert(1)</script> **wichtig**")
    AgendaItem.objects.create(event=event, position=1, time=dt.time(11, 0), title="Zweitens")
    AgendaItem.objects.create(event=event, position=0, time=dt.time(10, 0), title="Erstens")
    page = client.get(f"/dialog/veranstaltungen/{event.pk}/").content.decode()
    assert page.index("Erstens") < page.index("Zweitens")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>wichtig</strong>" in page


def test_anonymous_visitors_are_asked_to_sign_in_to_register(client, make_event):
    event = make_event()
    response = client.post(f"/dialog/veranstaltungen/{event.pk}/anmeldung/")
    assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")
    assert not Registration.objects.exists()


def test_registration_by_form_confirms_then_puts_on_the_waiting_list(
    client, make_event, make_user, make_organisation
):
    event = make_event(capacity=1)
    first = make_user(Role.MEMBER, "erste@test.local")
    organisation = make_organisation("Optik GmbH")
    organisation.representatives.add(first)
    client.force_login(first)
    client.post(f"/dialog/veranstaltungen/{event.pk}/anmeldung/", {"organisation": organisation.pk})
    registration = Registration.objects.get(user=first)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation == organisation
    page = client.get(f"/dialog/veranstaltungen/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "You are registered." in page.content.decode()

    second = make_user(Role.MEMBER, "zweite@test.local")
    client.force_login(second)
    client.post(f"/dialog/veranstaltungen/{event.pk}/anmeldung/")
    page = client.get(f"/dialog/veranstaltungen/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "You are number 1 on the waiting list." in page.content.decode()

    # cancelling the first seat moves the second person up
    client.force_login(first)
    client.post(f"/dialog/veranstaltungen/{event.pk}/anmeldung/stornieren/")
    assert Registration.objects.get(user=second).status == RegistrationStatus.CONFIRMED


def test_nobody_registers_for_an_organisation_they_do_not_represent(
    client, make_event, make_user, make_organisation
):
    event = make_event()
    person = make_user(Role.MEMBER)
    other = make_organisation("Fremde AG")
    client.force_login(person)
    client.post(f"/dialog/veranstaltungen/{event.pk}/anmeldung/", {"organisation": other.pk})
    assert not Registration.objects.exists()


def test_german_page_speaks_german(client, make_event, make_user):
    event = make_event(capacity=1)
    services.register(event, make_user(Role.MEMBER))
    client.force_login(make_user(Role.MEMBER))
    page = client.get(f"/dialog/veranstaltungen/{event.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Auf die Warteliste" in page.content.decode()


def test_only_organisers_see_the_registration_list(
    client, make_event, users, make_user, make_initiative
):
    manager = users[Role.MANAGER]
    initiative = make_initiative("Mobilität", managers=[manager])
    event = make_event(kind=EventKind.WORKSHOP, initiative=initiative, organiser=None)
    url = f"/dialog/veranstaltungen/{event.pk}/teilnehmende/"
    assert client.get(url).status_code == 302  # anonymous: sign in
    client.force_login(users[Role.MEMBER])
    assert client.get(url).status_code == 403
    other_manager = make_user(Role.MANAGER)
    client.force_login(other_manager)
    assert client.get(url).status_code == 403
    client.force_login(manager)  # manages the initiative
    assert client.get(url).status_code == 200
    client.force_login(users[Role.STATE_ADMIN])
    assert client.get(url).status_code == 200


def test_organiser_marks_attendance_and_exports_the_list(client, make_event, users, make_user):
    event = make_event("Treffen", capacity=2)
    anna = make_user(Role.MEMBER, "anna@test.local", full_name="Anna Berg")
    ben = make_user(Role.MEMBER, "ben@test.local", full_name="=HYPERLINK(1)")
    carla = make_user(Role.MEMBER, "carla@test.local", full_name="Carla Dorn")
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate([anna, ben, carla]):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))
    client.force_login(users[Role.STATE_ADMIN])
    anna_registration = Registration.objects.get(user=anna)
    response = client.post(
        f"/dialog/veranstaltungen/{event.pk}/teilnehmende/", {"attended": [anna_registration.pk]}
    )
    assert response.status_code == 302
    assert list(
        Registration.objects.filter(attended=True).values_list("user__email", flat=True)
    ) == ["anna@test.local"]

    response = client.get(
        f"/dialog/veranstaltungen/{event.pk}/teilnehmende.csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Name",
        "E-mail address",
        "Organisation",
        "Status",
        "Place on the waiting list",
        "Registered at",
        "Attended",
    ]
    assert [(r[0], r[3], r[4], r[6]) for r in rows[1:]] == [
        ("Anna Berg", "Confirmed", "", "yes"),
        ("'=HYPERLINK(1)", "Confirmed", "", "no"),  # formula neutralised
        ("Carla Dorn", "Waiting list", "1", "no"),
    ]

    response = client.get(
        f"/dialog/veranstaltungen/{event.pk}/teilnehmende.xlsx", HTTP_ACCEPT_LANGUAGE="de"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Name" and values[0][3] == "Status"
    assert [row[0] for row in values[1:]] == ["Anna Berg", "'=HYPERLINK(1)", "Carla Dorn"]
    assert values[3][4] == 1 and values[1][6] == "ja"


def test_export_refuses_other_formats(client, make_event, users):
    event = make_event()
    client.force_login(users[Role.STATE_ADMIN])
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/teilnehmende.exe").status_code == 404


def test_manager_creates_an_event_of_her_initiative_with_agenda(client, users, make_initiative):
    manager = users[Role.MANAGER]
    initiative = make_initiative("Holz BW", managers=[manager])
    client.force_login(manager)
    data = {
        "title": "Werkstattgespräch Holzbau",
        "kind": "workshop",
        "initiative": initiative.pk,
        "description": "",
        "start": "2031-05-04T10:00",
        "end": "2031-05-04T13:00",
        "place": "Rottweil",
        "online_url": "",
        "capacity": "30",
        "registration_deadline": "",
        "published": "on",
        "agenda_items-TOTAL_FORMS": "3",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-time": "10:00",
        "agenda_items-0-title": "Begrüßung",
        "agenda_items-1-time": "",
        "agenda_items-1-title": "",
        "agenda_items-2-time": "10:30",
        "agenda_items-2-title": "Rundgang",
    }
    response = client.post("/dialog/veranstaltungen/neu/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Werkstattgespräch Holzbau")
    assert event.organiser == manager and event.initiative == initiative
    berlin = timezone.get_default_timezone()
    assert event.start == dt.datetime(2031, 5, 4, 10, 0, tzinfo=berlin)
    assert list(event.agenda_items.values_list("title", "position")) == [
        ("Begrüßung", 0),
        ("Rundgang", 2),
    ]


def test_managers_cannot_create_cluster_dialog_meetings_or_events_of_others(
    client, users, make_initiative
):
    manager = users[Role.MANAGER]
    own = make_initiative("Eigene", managers=[manager])
    other = make_initiative("Fremde")
    client.force_login(manager)
    base = {
        "title": "Treffen",
        "start": "2031-05-04T10:00",
        "end": "2031-05-04T13:00",
        "agenda_items-TOTAL_FORMS": "0",
        "agenda_items-INITIAL_FORMS": "0",
    }
    client.post(
        "/dialog/veranstaltungen/neu/", {**base, "kind": "cluster_dialog", "initiative": own.pk}
    )
    client.post(
        "/dialog/veranstaltungen/neu/", {**base, "kind": "workshop", "initiative": other.pk}
    )
    assert not Event.objects.exists()
    client.force_login(users[Role.MEMBER])
    assert client.get("/dialog/veranstaltungen/neu/").status_code == 403


def test_other_manager_cannot_edit_or_delete_an_event(client, make_event, users, make_user):
    event = make_event("Treffen")
    client.force_login(make_user(Role.MANAGER))
    assert client.get(f"/dialog/veranstaltungen/{event.pk}/bearbeiten/").status_code == 403
    assert client.post(f"/dialog/veranstaltungen/{event.pk}/loeschen/").status_code == 403
    client.force_login(users[Role.STATE_ADMIN])
    assert client.post(f"/dialog/veranstaltungen/{event.pk}/loeschen/").status_code == 302
    assert not Event.objects.exists()


def test_invitations_reach_the_start_page_and_accepting_registers(
    client, make_event, users, make_user, make_initiative
):
    event = make_event("Jahresabschluss", capacity=10)
    manager = users[Role.MANAGER]
    initiative = make_initiative("Gesundheit", managers=[manager])
    guest = make_user(Role.AGENCY, "gast@test.local")
    client.force_login(users[Role.STATE_ADMIN])
    response = client.post(
        f"/dialog/veranstaltungen/{event.pk}/einladungen/",
        {"initiatives": [initiative.pk], "users": [guest.pk], "message": "Herzlich willkommen"},
    )
    assert response.status_code == 302
    assert Invitation.objects.count() == 2

    client.force_login(manager)
    start = client.get("/konto/start/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Jahresabschluss" in start and "Herzlich willkommen" in start
    invitation = Invitation.objects.get(initiative=initiative)
    client.post(f"/dialog/einladungen/{invitation.pk}/antwort/", {"antwort": "zusagen"})
    assert Registration.objects.get(user=manager).status == RegistrationStatus.CONFIRMED
    invitation.refresh_from_db()
    assert invitation.response == "accepted"

    client.force_login(guest)
    guest_invitation = Invitation.objects.get(user=guest)
    client.post(f"/dialog/einladungen/{guest_invitation.pk}/antwort/", {"antwort": "absagen"})
    guest_invitation.refresh_from_db()
    assert guest_invitation.response == "declined"
    assert not Registration.objects.filter(user=guest).exists()
    # someone else cannot answer another person's invitation
    client.force_login(users[Role.MEMBER])
    assert client.post(f"/dialog/einladungen/{invitation.pk}/antwort/").status_code == 404


def test_ical_export_of_one_event(client, make_event):
    berlin = timezone.get_default_timezone()
    event = make_event(
        "Cluster-Dialog; Herbst, 2030",
        start=dt.datetime(2030, 10, 7, 10, 0, tzinfo=berlin),
        end=dt.datetime(2030, 10, 7, 16, 0, tzinfo=berlin),
        place="Haus der Wirtschaft, Stuttgart",
    )
    response = client.get(f"/dialog/veranstaltungen/{event.pk}/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART:20301007T080000Z" in lines  # 10:00 CEST = 08:00 UTC
    assert "DTEND:20301007T140000Z" in lines
    assert "SUMMARY:Cluster-Dialog\\; Herbst\\, 2030" in lines
    assert "LOCATION:Haus der Wirtschaft\\, Stuttgart" in lines
    assert f"UID:event-{event.pk}@testserver" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_online_link_only_for_registered_people_and_organisers(client, make_event, make_user):
    event = make_event(online_url="https://konferenz.example.org/raum-7")
    assert "raum-7" not in client.get(f"/dialog/veranstaltungen/{event.pk}/").content.decode()
    person = make_user(Role.MEMBER)
    services.register(event, person)
    client.force_login(person)
    assert "raum-7" in client.get(f"/dialog/veranstaltungen/{event.pk}/").content.decode()


def test_dialogue_index_is_public_and_lists_next_events(client, make_event):
    make_event("Nächstes Treffen")
    response = client.get("/dialog/")
    assert response.status_code == 200
    assert "Nächstes Treffen" in response.content.decode()
