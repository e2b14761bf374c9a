"""Partner searches, the introduction workflow with notifications, and the projects API."""

from __future__ import annotations

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Industry, OrganisationType
from clusterdialog.web.networks.models import (
    Introduction,
    Notification,
    PartnerSearch,
    Project,
)
from clusterdialog.web.networks.start import panels

pytestmark = pytest.mark.django_db


def ask(client, world, message="Wir suchen einen Partner für Sensorik."):
    client.force_login(world.outsider)
    return client.post("/netzwerke/vorstellungen/neu/firma-a/", {"message": message})


def test_introduction_request_notifies_the_targets_representatives(client, world):
    response = ask(client, world)
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.target) == (
        world.outsider, world.organisations["A"])  # fmt: skip
    assert introduction.status == "requested"
    note = Notification.objects.get(recipient=world.rep_a)
    assert note.kind == "introduction_requested" and note.read_at is None
    titles = [str(p["title"]) for p in panels(world.rep_a)]
    assert titles == ["Benachrichtigungen", "Vorstellungsanfragen, die auf Ihre Antwort warten"]
    client.force_login(world.rep_a)
    start = client.get("/konto/start/").content.decode()
    assert "outsider@net.test" in start


def test_accepting_shares_the_contacts_and_notifies_the_requester(client, world):
    ask(client, world)
    introduction = Introduction.objects.get()
    client.force_login(world.rep_a)
    response = client.post(
        f"/netzwerke/vorstellungen/{introduction.pk}/", {"accept": "1", "response": "Gern!"}
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert (introduction.status, introduction.responded_by) == ("accepted", world.rep_a)
    assert Notification.objects.filter(recipient=world.outsider, kind="introduction_accepted")
    assert Notification.objects.get(recipient=world.rep_a).read_at is not None  # opened it
    client.force_login(world.outsider)
    page = client.get(f"/netzwerke/vorstellungen/{introduction.pk}/").content.decode()
    assert "rep-a@net.test" in page and "Gern!" in page
    # answered once only
    client.force_login(world.rep_a)
    client.post(f"/netzwerke/vorstellungen/{introduction.pk}/", {"accept": "0"})
    introduction.refresh_from_db()
    assert introduction.status == "accepted"


def test_declining_keeps_the_contacts_private(client, world):
    ask(client, world)
    introduction = Introduction.objects.get()
    client.force_login(world.rep_a)
    client.post(f"/netzwerke/vorstellungen/{introduction.pk}/", {"accept": "0"})
    introduction.refresh_from_db()
    assert introduction.status == "declined"
    assert Notification.objects.filter(recipient=world.outsider, kind="introduction_declined")
    client.force_login(world.outsider)
    page = client.get(f"/netzwerke/vorstellungen/{introduction.pk}/").content.decode()
    assert "rep-a@net.test" not in page


def test_only_the_parties_see_an_introduction_and_only_the_target_answers(client, world):
    ask(client, world)
    introduction = Introduction.objects.get()
    url = f"/netzwerke/vorstellungen/{introduction.pk}/"
    client.force_login(world.rep_b)
    assert client.get(url).status_code == 403
    client.force_login(world.outsider)
    assert client.post(url, {"accept": "1"}).status_code == 403
    introduction.refresh_from_db()
    assert introduction.status == "requested"


def test_no_request_to_the_own_organisation_nor_a_second_open_one(client, world):
    client.force_login(world.rep_a)
    response = client.post("/netzwerke/vorstellungen/neu/firma-a/", {"message": "Hallo"})
    assert response.status_code == 200 and Introduction.objects.count() == 0
    ask(client, world)
    response = ask(client, world)
    assert response.status_code == 200 and Introduction.objects.count() == 1


def test_partner_search_create_list_match_and_close(client, world, make_user):
    section = Industry.objects.create(code="C", name_de="Verarbeitendes Gewerbe", level=1)
    client.force_login(world.outsider)
    response = client.post(
        "/netzwerke/partnersuche/neu/",
        {
            "organisation": world.outsider.represented_organisations.get().pk,
            "title": "Partner für Leichtbau",
            "text": "Wir suchen Zulieferer mit Erfahrung im Leichtbau.",
            "wanted_types": [OrganisationType.FIRM_SME],
            "wanted_industries": [section.pk],
        },
    )
    assert response.status_code == 302
    search = PartnerSearch.objects.get()
    assert search.author == world.outsider and search.wanted_types == ["firm_sme"]
    # A is a firm in WZ 29 (section C): the search fits
    assert [s.title for s in panels(world.rep_a)[0]["context"]["searches"]] == [
        "Partner für Leichtbau"
    ]
    client.force_login(world.rep_a)
    listing = client.get("/netzwerke/partnersuche/?typ=firm_sme")
    assert [s.pk for s in listing.context["page"]] == [search.pk]
    assert not client.get("/netzwerke/partnersuche/?typ=university").context["page"]
    detail = client.get(f"/netzwerke/partnersuche/{search.pk}/")
    assert detail.context["may_reply"] and not detail.context["may_change"]
    assert client.post(f"/netzwerke/partnersuche/{search.pk}/schliessen/").status_code == 403
    client.force_login(world.outsider)
    client.post(f"/netzwerke/partnersuche/{search.pk}/schliessen/")
    search.refresh_from_db()
    assert search.status == "closed" and search.closed_at is not None


def test_users_without_an_organisation_cannot_post_a_search(client, make_user):
    client.force_login(make_user(Role.ANALYST))
    assert client.get("/netzwerke/partnersuche/neu/").status_code == 403


def test_project_pages_and_changes_by_participants_only(client, world):
    project = world.projects["P1"]
    assert client.get(f"/netzwerke/projekte/{project.pk}/").status_code == 200
    client.force_login(world.outsider)
    assert client.get(f"/netzwerke/projekte/{project.pk}/bearbeiten/").status_code == 403
    client.force_login(world.rep_a)
    response = client.post(
        f"/netzwerke/projekte/{project.pk}/teilnehmer/",
        {"organisation": world.organisations["D"].pk, "role": "partner"},
    )
    assert response.status_code == 302
    assert project.participations.filter(organisation=world.organisations["D"]).exists()
    response = client.post(
        "/netzwerke/projekte/neu/",
        {"title": "Neu", "organisation": world.organisations["A"].pk, "role": "coordinator",
         "published": "on", "start": "2024-01-01", "end": "2023-01-01"},
    )  # fmt: skip
    assert response.status_code == 200 and "end" in response.context["form"].errors


def test_unpublished_projects_are_404_for_others(client, world):
    project = world.projects["P2"]
    project.published = False
    project.save()
    assert client.get(f"/netzwerke/projekte/{project.pk}/").status_code == 404
    client.force_login(world.rep_b)
    assert client.get(f"/netzwerke/projekte/{project.pk}/").status_code == 200


def auth(token_for, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}


def test_projects_api_crud_with_the_pages_permissions(client, world, token_for):
    body = {
        "title": "Digitaler Zwilling",
        "start": "2024-01-01",
        "end": "2026-12-31",
        "participations": [
            {"organisation": "firma-a", "role": "coordinator", "contribution": "1000.00"},
            {"organisation": "firma-c"},
        ],
    }
    assert client.post("/api/projects", body, content_type="application/json").status_code == 401
    response = client.post(
        "/api/projects", body, content_type="application/json", **auth(token_for, world.outsider)
    )
    assert response.status_code == 403  # outsider's organisation is not among the participants
    rep_a = auth(token_for, world.rep_a)
    response = client.post("/api/projects", body, content_type="application/json", **rep_a)
    assert response.status_code == 201, response.content
    created = response.json()
    assert [p["organisation"] for p in created["participations"]] == ["firma-a", "firma-c"]
    pk = created["id"]
    outsider = auth(token_for, world.outsider)
    response = client.patch(
        f"/api/projects/{pk}", {"acronym": "DZ"}, content_type="application/json", **outsider
    )
    assert response.status_code == 403
    response = client.patch(
        f"/api/projects/{pk}", {"end": "2023-01-01"}, content_type="application/json", **rep_a
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"
    response = client.patch(
        f"/api/projects/{pk}", {"acronym": "DZ"}, content_type="application/json", **rep_a
    )
    assert response.status_code == 200 and response.json()["acronym"] == "DZ"
    assert client.delete(f"/api/projects/{pk}", **outsider).status_code == 403
    assert client.delete(f"/api/projects/{pk}", **auth(token_for, world.admin)).status_code == 204
    assert not Project.objects.filter(pk=pk).exists()
    assert client.get(f"/api/projects/{pk}").status_code == 404


def test_projects_api_list_shows_published_projects_to_anonymous_callers(client, world):
    hidden = world.projects["P2"]
    hidden.published = False
    hidden.save()
    body = client.get("/api/projects?limit=2").json()
    assert body["count"] == 2 and len(body["items"]) == 2
    assert hidden.pk not in [p["id"] for p in body["items"]]
    assert client.get(f"/api/projects/{hidden.pk}").status_code == 404
    body = client.get("/api/projects?organisation=firma-c").json()
    assert body["count"] == 0
