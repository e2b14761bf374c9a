"""Editing with permissions: profiles, publication, memberships, audit history."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterdialog.web.directory.models import (
    Initiative,
    Membership,
    MembershipRole,
    Organisation,
    TechnologyField,
)

pytestmark = pytest.mark.django_db


def initiative_form(**changes) -> dict:
    data = {
        "name": "Photonics BW",
        "description": "Light",
        "founding_year": "2010",
        "legal_form": "ev",
        "status": "active",
        "website": "https://photonics.example",
        "management_staff_fte": "2.5",
    }
    data.update(changes)
    return data


@pytest.fixture
def own_and_other(make_initiative, users, make_user):
    other_manager = make_user("manager", "other@test.local")
    own = make_initiative("Own Network", slug="own", managers=[users["manager"]])
    other = make_initiative("Other Network", slug="other", managers=[other_manager])
    hidden = make_initiative(
        "Hidden Other", slug="hidden", published=False, managers=[other_manager]
    )
    return own, other, hidden


def test_anonymous_users_are_sent_to_the_login(client, own_and_other):
    for url in [
        "/verzeichnis/initiativen/own/bearbeiten/",
        "/verzeichnis/initiativen/neu/",
        "/verzeichnis/initiativen/own/mitglieder/",
        "/verzeichnis/initiativen/own/verlauf/",
        "/verzeichnis/organisationen/neu/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/konto/anmelden/?next="), url


def test_manager_edits_own_initiative(client, users, own_and_other, reference, regions):
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/own/bearbeiten/").status_code == 200
    field = TechnologyField.objects.get(slug="photonik")
    response = client.post(
        "/verzeichnis/initiativen/own/bearbeiten/",
        initiative_form(technology_fields=[field.pk], regions=[regions["08111"].pk]),
    )
    assert response.status_code == 302
    assert response.url == "/verzeichnis/initiativen/own/"
    own = Initiative.objects.get(slug="own")
    assert own.name == "Photonics BW" and own.founding_year == 2010
    assert str(own.management_staff_fte) == "2.50"
    assert list(own.technology_fields.values_list("slug", flat=True)) == ["photonik"]
    assert list(own.regions.values_list("code", flat=True)) == ["08111"]
    assert own.published is True  # a manager's form has no publication field


def test_manager_gets_403_on_another_managers_initiative_and_404_on_a_hidden_one(
    client, users, own_and_other
):
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/other/bearbeiten/").status_code == 403
    response = client.post("/verzeichnis/initiativen/other/bearbeiten/", initiative_form())
    assert response.status_code == 403
    assert Initiative.objects.get(slug="other").name == "Other Network"
    assert client.get("/verzeichnis/initiativen/hidden/bearbeiten/").status_code == 404


def test_other_roles_cannot_edit_initiatives(client, users, own_and_other):
    for role in ("agency", "member", "analyst"):
        client.force_login(users[role])
        assert client.get("/verzeichnis/initiativen/own/bearbeiten/").status_code == 403, role


def test_invalid_form_shows_errors_and_changes_nothing(client, users, own_and_other):
    client.force_login(users["manager"])
    response = client.post(
        "/verzeichnis/initiativen/own/bearbeiten/",
        initiative_form(name="", founding_year="1700", website="not a url"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "founding_year", "website"}
    assert Initiative.objects.get(slug="own").name == "Own Network"


def test_manager_cannot_publish_the_state_admin_can(client, users, make_initiative):
    make_initiative("Draft", slug="draft", published=False, managers=[users["manager"]])
    client.force_login(users["manager"])
    url = "/verzeichnis/initiativen/draft/veroeffentlichen/"
    assert client.post(url, {"published": "1"}).status_code == 403
    assert Initiative.objects.get(slug="draft").published is False
    client.force_login(users["state_admin"])
    assert client.post(url, {"published": "1"}).status_code == 302
    assert Initiative.objects.get(slug="draft").published is True
    client.post(url, {"published": "0"})
    assert Initiative.objects.get(slug="draft").published is False


def test_state_admin_creates_an_initiative_and_assigns_managers(client, users):
    client.force_login(users["state_admin"])
    response = client.post(
        "/verzeichnis/initiativen/neu/",
        initiative_form(name="Neues Netzwerk", published="on", managers=[users["manager"].pk]),
    )
    assert response.status_code == 302
    created = Initiative.objects.get(name="Neues Netzwerk")
    assert created.slug == "neues-netzwerk"
    assert created.published is True
    assert list(created.managers.all()) == [users["manager"]]
    # the manager may now edit it
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/neues-netzwerk/bearbeiten/").status_code == 200


def test_manager_registers_an_unpublished_initiative_and_manages_it(client, users):
    client.force_login(users["manager"])
    response = client.post(
        "/verzeichnis/initiativen/neu/", initiative_form(name="Mein Cluster", published="on")
    )
    assert response.status_code == 302
    created = Initiative.objects.get(name="Mein Cluster")
    assert created.published is False  # the published field is ignored for managers
    assert list(created.managers.all()) == [users["manager"]]


def test_only_admin_and_managers_may_register_initiatives(client, users):
    for role in ("agency", "member", "analyst"):
        client.force_login(users[role])
        assert client.get("/verzeichnis/initiativen/neu/").status_code == 403, role


def test_slugs_are_unique_and_avoid_path_words(client, users, make_initiative):
    make_initiative("Neu", slug="photonik")
    client.force_login(users["state_admin"])
    client.post("/verzeichnis/initiativen/neu/", initiative_form(name="Photonik"))
    client.post("/verzeichnis/initiativen/neu/", initiative_form(name="Neu"))
    assert set(Initiative.objects.values_list("slug", flat=True)) == {
        "photonik",
        "photonik-2",
        "neu-initiative",
    }


def test_member_edits_own_organisation_only(client, users, make_organisation):
    own = make_organisation("Own GmbH", slug="own-gmbh")
    own.representatives.add(users["member"])
    make_organisation("Other GmbH", slug="other-gmbh")
    client.force_login(users["member"])
    data = {"name": "Own GmbH & Co. KG", "type": "firm_large", "city": "Ulm", "employees": "250"}
    response = client.post("/verzeichnis/organisationen/own-gmbh/bearbeiten/", data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.type, own.city, own.employees) == (
        "Own GmbH & Co. KG",
        "firm_large",
        "Ulm",
        250,
    )
    assert client.get("/verzeichnis/organisationen/other-gmbh/bearbeiten/").status_code == 403
    assert (
        client.post("/verzeichnis/organisationen/other-gmbh/bearbeiten/", data).status_code == 403
    )
    assert Organisation.objects.get(slug="other-gmbh").name == "Other GmbH"


def test_organisation_form_checks_coordinates(client, users, make_organisation):
    own = make_organisation("Own GmbH", slug="own-gmbh")
    own.representatives.add(users["member"])
    client.force_login(users["member"])
    response = client.post(
        "/verzeichnis/organisationen/own-gmbh/bearbeiten/",
        {"name": "Own GmbH", "type": "firm_sme", "latitude": "95", "longitude": "9"},
    )
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors


def test_state_admin_deletes_after_confirmation(client, users, make_initiative):
    make_initiative("Old", slug="old")
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/old/loeschen/").status_code == 403
    client.force_login(users["state_admin"])
    assert client.get("/verzeichnis/initiativen/old/loeschen/").status_code == 200
    assert Initiative.objects.filter(slug="old").exists()
    assert client.post("/verzeichnis/initiativen/old/loeschen/").status_code == 302
    assert not Initiative.objects.filter(slug="old").exists()


# ------------------------------------------------------------------ memberships


@pytest.fixture
def network(make_initiative, make_organisation, users):
    initiative = make_initiative("Own Network", slug="own", managers=[users["manager"]])
    firm = make_organisation("Laser GmbH", slug="laser")
    return initiative, firm


def test_manager_adds_ends_and_removes_a_membership(client, users, network):
    initiative, firm = network
    client.force_login(users["manager"])
    url = "/verzeichnis/initiativen/own/mitglieder/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"organisation": "laser", "role": "founding", "since": "2019-04-01"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(initiative=initiative, organisation=firm)
    assert (membership.role, membership.since) == (MembershipRole.FOUNDING, dt.date(2019, 4, 1))
    # end it
    response = client.post(
        f"/verzeichnis/mitgliedschaften/{membership.pk}/beenden/", {"until": "2024-12-31"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.until == dt.date(2024, 12, 31)
    # an end before the start is refused
    client.post(f"/verzeichnis/mitgliedschaften/{membership.pk}/beenden/", {"until": "2010-01-01"})
    membership.refresh_from_db()
    assert membership.until == dt.date(2024, 12, 31)
    # remove it (confirmation first)
    delete = f"/verzeichnis/mitgliedschaften/{membership.pk}/entfernen/"
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_membership_form_rejects_unknown_organisations_and_reversed_periods(client, users, network):
    client.force_login(users["manager"])
    url = "/verzeichnis/initiativen/own/mitglieder/"
    response = client.post(url, {"organisation": "nobody", "role": "member"})
    assert "organisation" in response.context["form"].errors
    response = client.post(
        url,
        {"organisation": "laser", "role": "member", "since": "2020-01-01", "until": "2019-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Membership.objects.count() == 0


def test_manager_cannot_touch_memberships_of_another_initiative(
    client, users, make_initiative, make_organisation
):
    other = make_initiative("Other", slug="other")
    firm = make_organisation("Firm", slug="firm")
    membership = Membership.objects.create(initiative=other, organisation=firm)
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/other/mitglieder/").status_code == 403
    assert (
        client.post(
            "/verzeichnis/initiativen/other/mitglieder/", {"organisation": "firm", "role": "member"}
        ).status_code
        == 403
    )
    for path in ("bearbeiten/", "entfernen/"):
        assert (
            client.get(f"/verzeichnis/mitgliedschaften/{membership.pk}/{path}").status_code == 403
        )
    response = client.post(
        f"/verzeichnis/mitgliedschaften/{membership.pk}/beenden/", {"until": "2024-01-01"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.until is None


def test_membership_edit_changes_role(client, users, network):
    initiative, firm = network
    membership = Membership.objects.create(initiative=initiative, organisation=firm)
    client.force_login(users["manager"])
    response = client.post(
        f"/verzeichnis/mitgliedschaften/{membership.pk}/bearbeiten/",
        {"role": "board", "since": "2018-02-01", "until": ""},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.since) == ("board", dt.date(2018, 2, 1))


def test_organisation_suggestions_need_a_login_and_match_names(client, users, network):
    assert (
        client.get("/verzeichnis/organisationen/auswahl/", {"organisation": "las"}).status_code
        == 302
    )
    client.force_login(users["manager"])
    response = client.get("/verzeichnis/organisationen/auswahl/", {"organisation": "las"})
    assert b'<option value="laser">Laser GmbH</option>' in response.content
    response = client.get("/verzeichnis/organisationen/auswahl/", {"organisation": "zzz"})
    assert b"<option" not in response.content


# ---------------------------------------------------------------------- history


def test_history_records_who_changed_what_in_one_entry_per_save(
    client, users, own_and_other, reference
):
    client.force_login(users["manager"])
    field = TechnologyField.objects.get(slug="photonik")
    client.post(
        "/verzeichnis/initiativen/own/bearbeiten/",
        initiative_form(name="Renamed", technology_fields=[field.pk]),
    )
    own = Initiative.objects.get(slug="own")
    records = list(own.history.order_by("-history_id"))
    # creation (by the fixture) and exactly one record for the edit
    assert [r.history_type for r in records] == ["~", "+"]
    assert records[0].history_user == users["manager"]
    response = client.get("/verzeichnis/initiativen/own/verlauf/")
    assert response.status_code == 200
    entry = response.context["entries"][0]
    assert entry["user"] == users["manager"]
    changes = {label: (old, new) for label, old, new in entry["changes"]}
    assert changes["Name"] == ("Own Network", "Renamed")
    assert changes["Technologiefelder"] == ("—", "Photonik")
    assert changes["Gründungsjahr"] == ("—", "2010")
    assert "Aktualisiert" not in changes and "Geändert" not in changes
    text = response.content.decode()
    assert "Renamed" in text and "Own Network" in text and users["manager"].email in text


def test_history_is_visible_to_admin_and_managers_only(client, users, own_and_other):
    url = "/verzeichnis/initiativen/own/verlauf/"
    client.force_login(users["member"])
    assert client.get(url).status_code == 403
    client.force_login(users["agency"])
    assert client.get(url).status_code == 403
    client.force_login(users["state_admin"])
    assert client.get(url).status_code == 200
    client.force_login(users["manager"])
    assert client.get(url).status_code == 200


def test_organisation_history_shows_the_representatives_change(client, users, make_organisation):
    org = make_organisation("Firm", slug="firm")
    org.representatives.add(users["member"])
    client.force_login(users["member"])
    client.post(
        "/verzeichnis/organisationen/firm/bearbeiten/",
        {"name": "Firm", "type": "university", "city": "Tübingen"},
    )
    response = client.get("/verzeichnis/organisationen/firm/verlauf/")
    changes = {label: (old, new) for label, old, new in response.context["entries"][0]["changes"]}
    assert changes["Typ"] == ("Unternehmen (KMU)", "Universität")
    assert changes["Ort"] == ("—", "Tübingen")
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/organisationen/firm/verlauf/").status_code == 403
