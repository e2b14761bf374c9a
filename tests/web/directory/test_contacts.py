"""Contact persons: consent recorded, public ones only on profiles, export and real deletion."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from clusterdialog.web.directory.models import ContactPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(make_initiative, users):
    return make_initiative("Own Network", slug="own", managers=[users["manager"]])


def contact_data(**changes) -> dict:
    data = {
        "name": "Erika Mustermann",
        "function": "Clustermanagerin",
        "email": "erika@example.org",
        "phone": "+49 711 123456",
        "public": "on",
        "consent_text": "Ich willige ein.",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_adding_a_contact_records_the_consent(client, users, own):
    client.force_login(users["manager"])
    url = "/verzeichnis/initiativen/own/kontakte/"
    before = timezone.now()
    response = client.post(url, contact_data())
    assert response.status_code == 302
    contact = ContactPerson.objects.get()
    assert contact.initiative == own
    assert contact.consent_text == "Ich willige ein."
    assert contact.consent_recorded_by == users["manager"]
    assert before <= contact.consent_given_at <= timezone.now()


def test_a_contact_without_consent_is_not_stored(client, users, own):
    client.force_login(users["manager"])
    response = client.post(
        "/verzeichnis/initiativen/own/kontakte/", contact_data(consent="", public="")
    )
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert ContactPerson.objects.count() == 0


def test_the_form_offers_the_default_consent_wording(client, users, own):
    client.force_login(users["manager"])
    response = client.get("/verzeichnis/initiativen/own/kontakte/")
    assert "Ich bin damit einverstanden" in response.content.decode()


def test_only_public_contacts_appear_on_the_public_profile(client, own):
    ContactPerson.objects.create(initiative=own, name="Public Person", public=True)
    ContactPerson.objects.create(initiative=own, name="Private Person", public=False)
    text = client.get("/verzeichnis/initiativen/own/").content.decode()
    assert "Public Person" in text and "Private Person" not in text


def test_export_returns_all_stored_data_as_json(client, users, own):
    given = timezone.now()
    contact = ContactPerson.objects.create(
        initiative=own,
        name="Erika Mustermann",
        email="erika@example.org",
        phone="0711 1",
        consent_given_at=given,
        consent_text="Ich willige ein.",
        consent_recorded_by=users["manager"],
    )
    client.force_login(users["manager"])
    response = client.get(f"/verzeichnis/kontakte/{contact.pk}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["contact_person"]["name"] == "Erika Mustermann"
    assert data["contact_person"]["email"] == "erika@example.org"
    assert data["contact_person"]["initiative"] == "Own Network"
    assert data["consent"]["wording"] == "Ich willige ein."
    assert data["consent"]["recorded_by"] == users["manager"].email
    assert data["consent"]["given_at"] == timezone.localtime(given).isoformat(timespec="seconds")


def test_delete_asks_first_then_deletes_for_real(client, users, own):
    contact = ContactPerson.objects.create(initiative=own, name="Erika Mustermann")
    client.force_login(users["manager"])
    url = f"/verzeichnis/kontakte/{contact.pk}/loeschen/"
    page = client.get(url)
    assert page.status_code == 200 and "Erika Mustermann" in page.content.decode()
    assert ContactPerson.objects.filter(pk=contact.pk).exists()
    assert client.post(url).status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    # no trace left: contact persons keep no history table
    assert not hasattr(ContactPerson, "history")


def test_contacts_of_others_are_forbidden(client, users, make_initiative, make_organisation):
    other = make_initiative("Other", slug="other")
    contact = ContactPerson.objects.create(initiative=other, name="Someone")
    org_contact = ContactPerson.objects.create(
        organisation=make_organisation("Firm", slug="firm"), name="Firm Person"
    )
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/initiativen/other/kontakte/").status_code == 403
    assert client.get("/verzeichnis/organisationen/firm/kontakte/").status_code == 403
    for pk in (contact.pk, org_contact.pk):
        assert client.get(f"/verzeichnis/kontakte/{pk}/export.json").status_code == 403
        assert client.post(f"/verzeichnis/kontakte/{pk}/loeschen/").status_code == 403
        assert client.get(f"/verzeichnis/kontakte/{pk}/bearbeiten/").status_code == 403
    assert ContactPerson.objects.count() == 2
    client.logout()
    response = client.get(f"/verzeichnis/kontakte/{contact.pk}/export.json")
    assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")


def test_representative_keeps_the_contacts_of_her_organisation(client, users, make_organisation):
    firm = make_organisation("Firm", slug="firm")
    firm.representatives.add(users["member"])
    client.force_login(users["member"])
    response = client.post("/verzeichnis/organisationen/firm/kontakte/", contact_data())
    assert response.status_code == 302
    contact = ContactPerson.objects.get(organisation=firm)
    response = client.post(
        f"/verzeichnis/kontakte/{contact.pk}/bearbeiten/",
        contact_data(phone="0711 999", consent=""),
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "0711 999"
    assert contact.consent_given_at is not None  # kept from before


def test_state_admin_may_export_any_contact(client, users, own):
    contact = ContactPerson.objects.create(initiative=own, name="Erika")
    client.force_login(users["state_admin"])
    assert client.get(f"/verzeichnis/kontakte/{contact.pk}/export.json").status_code == 200
