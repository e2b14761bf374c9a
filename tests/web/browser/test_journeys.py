"""The journeys of issue 4, requirement 9, in a real browser (Debian's chromium).

A cluster manager signs in, edits her initiative and sees the change on its
profile, and is refused another's; a member registers for an event (a seat, then
the waiting list) and asks a question in the knowledge exchange; a visitor finds
an initiative on the cluster atlas and reaches its profile.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from clusterdialog.web.dialogue.models import Event, EventKind, Registration, RegistrationStatus
from clusterdialog.web.directory.models import Initiative, Region, RegionLevel, TechnologyField
from tests.web.browser.helpers import sign_in

pytestmark = pytest.mark.browser


def test_manager_edits_her_initiative_but_not_another(page, accounts, make_initiative):
    own = make_initiative("Photonik-Netzwerk Oberschwaben", managers=[accounts["manager"]])
    other = make_initiative("Softwareforum Fächerstadt", description="Unverändert.")
    sign_in(page, "manager@demo.local")

    page.goto(f"/verzeichnis/initiativen/{own.slug}/")
    page.click(f"a[href='/verzeichnis/initiativen/{own.slug}/bearbeiten/']")
    page.fill("textarea[name=description]", "Neu: Arbeitskreis optische Sensorik ab Mai.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/verzeichnis/initiativen/{own.slug}/")
    assert "Neu: Arbeitskreis optische Sensorik ab Mai." in page.inner_text("article.profile")
    own.refresh_from_db()
    assert own.description == "Neu: Arbeitskreis optische Sensorik ab Mai."

    # another initiative: no edit link on its profile, and the edit page is refused
    page.goto(f"/verzeichnis/initiativen/{other.slug}/")
    assert page.locator(f"a[href='/verzeichnis/initiativen/{other.slug}/bearbeiten/']").count() == 0
    response = page.goto(f"/verzeichnis/initiativen/{other.slug}/bearbeiten/")
    assert response.status == 403
    other.refresh_from_db()
    assert other.description == "Unverändert."


def _event(title: str, capacity: int, organiser) -> Event:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    return Event.objects.create(
        title=title,
        kind=EventKind.CLUSTER_DIALOG,
        organiser=organiser,
        description="Treffen der Clustermanagerinnen und Clustermanager.",
        start=start,
        end=start + dt.timedelta(hours=4),
        place="Stuttgart",
        capacity=capacity,
        published=True,
    )


def test_member_registers_for_an_event_and_joins_a_waiting_list(page, accounts):
    open_event = _event("Cluster-Dialog Frühjahr", 30, accounts["state_admin"])
    full_event = _event("Cluster-Dialog Werkstatt", 1, accounts["state_admin"])
    Registration.objects.create(
        event=full_event, user=accounts["agency"], status=RegistrationStatus.CONFIRMED
    )
    sign_in(page, "member@demo.local")

    page.goto(f"/dialog/veranstaltungen/{open_event.pk}/")
    page.click(f"form[action='/dialog/veranstaltungen/{open_event.pk}/anmeldung/'] button")
    page.locator(".registration-status.confirmed").wait_for()
    assert Registration.objects.get(event=open_event, user=accounts["member"]).status == (
        RegistrationStatus.CONFIRMED
    )

    page.goto(f"/dialog/veranstaltungen/{full_event.pk}/")
    page.click(f"form[action='/dialog/veranstaltungen/{full_event.pk}/anmeldung/'] button")
    waiting = page.locator(".registration-status.waiting")
    waiting.wait_for()
    assert "1" in waiting.inner_text()  # first on the waiting list
    assert Registration.objects.get(event=full_event, user=accounts["member"]).status == (
        RegistrationStatus.WAITING
    )


def test_member_asks_a_question_in_the_knowledge_exchange(page, accounts):
    sign_in(page, "member@demo.local")
    page.goto("/dialog/austausch/neu/?art=question")
    assert page.input_value("select[name=kind]") == "question"
    page.fill("input[name=title]", "Wie gewinnen Sie neue Mitglieder aus dem Handwerk?")
    page.fill("textarea[name=body]", "Wir suchen Formate, die kleine Betriebe ansprechen.")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dialog/austausch/*/")
    assert "Wie gewinnen Sie neue Mitglieder aus dem Handwerk?" in page.inner_text("main")
    page.goto("/dialog/austausch/")
    assert "Wie gewinnen Sie neue Mitglieder aus dem Handwerk?" in page.inner_text("main")


def test_visitor_finds_an_initiative_on_the_atlas(page, make_initiative):
    from clusterdialog.web.directory.seed import load_regions, load_technology_fields

    load_regions()
    load_technology_fields()
    photonik = TechnologyField.objects.get(slug="photonik")
    wood = TechnologyField.objects.get(slug="holz-forst")
    ravensburg = Region.objects.get(code="08436", level=RegionLevel.KREIS)
    freudenstadt = Region.objects.get(code="08237", level=RegionLevel.KREIS)
    optics = make_initiative("Photonik-Netzwerk Oberschwaben")
    optics.technology_fields.set([photonik])
    optics.regions.set([ravensburg])
    timber = make_initiative("Holzkompetenz Schwarzwald")
    timber.technology_fields.set([wood])
    timber.regions.set([freudenstadt])
    hidden = make_initiative("Photonik im Aufbau", published=False)
    hidden.technology_fields.set([photonik])
    hidden.regions.set([ravensburg])

    page.goto("/verzeichnis/atlas/")
    page.select_option("select[name=field]", "photonik")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/verzeichnis/atlas/?field=photonik*")
    page.locator("#atlas-map[data-loaded=true]").wait_for()
    shown = page.locator(".atlas-initiatives li[data-initiative]")
    assert shown.evaluate_all("items => items.map(i => i.dataset.initiative)") == [optics.slug]
    marker = page.locator(f".atlas-marker[data-initiative='{optics.slug}']")
    assert page.locator(f".atlas-marker[data-initiative='{timber.slug}']").count() == 0
    marker.click()
    page.click(f".leaflet-popup a[href$='/verzeichnis/initiativen/{optics.slug}/']")
    page.wait_for_url(f"**/verzeichnis/initiativen/{optics.slug}/")
    assert page.inner_text("h1") == "Photonik-Netzwerk Oberschwaben"
    assert Initiative.objects.filter(published=True).count() == 2
