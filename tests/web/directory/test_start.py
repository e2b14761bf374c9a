"""Start-page panels of the directory, per role."""

from __future__ import annotations

import pytest

from clusterdialog.web.directory.start import panels

pytestmark = pytest.mark.django_db


def test_manager_sees_own_initiatives_with_edit_links(client, users, make_initiative):
    make_initiative("Mine", slug="mine", managers=[users["manager"]])
    make_initiative("Draft of mine", slug="draft", published=False, managers=[users["manager"]])
    make_initiative("Not mine", slug="other")
    client.force_login(users["manager"])
    text = client.get("/konto/start/").content.decode()
    assert "Meine Initiativen" in text
    assert "/verzeichnis/initiativen/mine/bearbeiten/" in text
    assert "/verzeichnis/initiativen/draft/bearbeiten/" in text
    assert "/verzeichnis/initiativen/other/" not in text


def test_member_sees_own_organisation(client, users, make_organisation):
    org = make_organisation("Meine Firma", slug="firma")
    org.representatives.add(users["member"])
    client.force_login(users["member"])
    text = client.get("/konto/start/").content.decode()
    assert "Meine Organisation" in text and "/verzeichnis/organisationen/firma/bearbeiten/" in text


def test_state_admin_sees_initiatives_to_review_and_counts(users, make_initiative):
    make_initiative("Published", slug="published")
    make_initiative("Waiting", slug="waiting", published=False)
    (panel,) = panels(users["state_admin"])
    data = panel["context"]
    assert [i.slug for i in data["to_review"]] == ["waiting"]
    assert (data["to_review_count"], data["initiatives"]) == (1, 1)


def test_agency_sees_initiatives_covering_its_kreis(
    users, regions, make_initiative, make_organisation
):
    agency = make_organisation(
        "WiFö Böblingen", slug="wifoe", type="agency", region=regions["08115"]
    )
    agency.representatives.add(users["agency"])
    local = make_initiative("Local", slug="local")
    local.regions.set([regions["08115"]])
    state_wide = make_initiative("Land", slug="land")
    state_wide.regions.set([regions["08"]])
    bezirk = make_initiative("Bezirk", slug="bezirk")
    bezirk.regions.set([regions["081"]])
    elsewhere = make_initiative("Elsewhere", slug="elsewhere")
    elsewhere.regions.set([regions["08212"]])
    (panel,) = panels(users["agency"])
    assert [i.slug for i in panel["context"]["initiatives"]] == ["bezirk", "land", "local"]
    assert panel["context"]["regions"] == ["Böblingen"]


def test_analysts_and_anonymous_users_get_no_directory_panel(users):
    from django.contrib.auth.models import AnonymousUser

    assert panels(users["analyst"]) == []
    assert panels(AnonymousUser()) == []
