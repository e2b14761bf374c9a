"""The directory API: lists, details, create/update/delete with the HTML side's permissions."""

from __future__ import annotations

import pytest

from clusterdialog.web.directory.models import Initiative, Membership, Organisation

pytestmark = pytest.mark.django_db

JSON = "application/json"


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_error(response, status: int) -> dict:
    """The one error shape of the API."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert set(body["error"]) == {"status", "code", "message", "details"}
    return body["error"]


@pytest.fixture
def data(reference, regions, make_initiative, make_organisation, users):
    own = make_initiative("Own Network", slug="own", managers=[users["manager"]])
    own.regions.set([regions["08111"]])
    other = make_initiative("Other Network", slug="other")
    hidden = make_initiative("Hidden", slug="hidden", published=False)
    firm = make_organisation("Laser GmbH", slug="laser", region=regions["08111"])
    firm.representatives.add(users["member"])
    secret = make_organisation("Secret AG", slug="secret", published=False)
    Membership.objects.create(initiative=own, organisation=firm)
    Membership.objects.create(initiative=own, organisation=secret)
    Membership.objects.create(initiative=hidden, organisation=firm)
    return {"own": own, "other": other, "hidden": hidden, "firm": firm, "secret": secret}


# --------------------------------------------------------------------- reading


def test_anonymous_list_shows_published_initiatives_with_count(client, data):
    response = client.get("/api/initiatives")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == ["other", "own"]
    own = body["items"][1]
    assert own["regions"] == ["08111"]
    assert own["url"] == "/verzeichnis/initiativen/own/"


def test_list_filters_and_paging_match_the_html_side(client, data):
    assert [i["slug"] for i in client.get("/api/initiatives?region=081").json()["items"]] == ["own"]
    assert client.get("/api/initiatives?q=other").json()["count"] == 1
    page = client.get("/api/initiatives?limit=1&offset=1").json()
    assert page["count"] == 2 and [i["slug"] for i in page["items"]] == ["own"]
    assert_error(client.get("/api/initiatives?limit=0"), 422)
    assert_error(client.get("/api/initiatives?limit=1000"), 422)


def test_token_widens_the_view_like_the_html_side(client, data, users, token_for):
    assert_error(client.get("/api/initiatives/hidden"), 404)
    admin = token_for(users["state_admin"])
    assert client.get("/api/initiatives/hidden", **auth(admin)).status_code == 200
    assert client.get("/api/initiatives", **auth(admin)).json()["count"] == 3
    assert_error(client.get("/api/initiatives/hidden", **auth(token_for(users["manager"]))), 404)


def test_invalid_token_is_401_even_on_reads(client, data):
    assert_error(client.get("/api/initiatives", HTTP_AUTHORIZATION="Bearer wrong"), 401)


def test_organisation_and_membership_reads_hide_unpublished_records(client, data):
    orgs = client.get("/api/organisations").json()
    assert [o["slug"] for o in orgs["items"]] == ["laser"]
    assert orgs["items"][0]["region"] == "08111"
    assert_error(client.get("/api/organisations/secret"), 404)
    memberships = client.get("/api/memberships").json()
    # secret (unpublished organisation) and hidden (unpublished initiative) are left out
    assert memberships["count"] == 1
    item = memberships["items"][0]
    assert (item["initiative"], item["organisation"]) == ("own", "laser")
    assert client.get(f"/api/memberships/{item['id']}").json() == item
    hidden_membership = Membership.objects.get(initiative=data["hidden"])
    assert_error(client.get(f"/api/memberships/{hidden_membership.pk}"), 404)


def test_regions_are_read_only_and_geometry_comes_on_request(client, regions):
    listing = client.get("/api/regions?level=kreis").json()
    assert listing["count"] == 3
    first = listing["items"][0]
    assert first["code"] == "08111" and first["parent"] == "081"
    assert "geometry" not in first
    with_geometry = client.get("/api/regions?level=kreis&geometry=1").json()["items"][0]
    assert with_geometry["geometry"]["type"] == "Polygon"
    detail = client.get("/api/regions/08111").json()
    assert detail["geometry"]["type"] == "Polygon" and detail["name"] == "Stuttgart"
    assert client.get("/api/regions?parent=081").json()["count"] == 2
    assert_error(client.get("/api/regions/99999"), 404)
    assert client.post("/api/regions", {}, content_type=JSON).status_code == 405
    assert client.delete("/api/regions/08111").status_code == 405


# --------------------------------------------------------------------- writing


def test_writes_without_token_are_401(client, data):
    assert_error(client.post("/api/initiatives", {"name": "X"}, content_type=JSON), 401)
    assert_error(client.patch("/api/initiatives/own", {"name": "X"}, content_type=JSON), 401)
    assert_error(client.delete("/api/initiatives/own"), 401)
    assert_error(client.post("/api/memberships", {}, content_type=JSON), 401)
    assert_error(client.delete("/api/organisations/laser"), 401)


def test_manager_patches_own_initiative_but_not_anothers(client, data, users, token_for):
    token = token_for(users["manager"])
    response = client.patch(
        "/api/initiatives/own",
        {"name": "Renamed", "technology_fields": ["photonik"], "founding_year": 2012},
        content_type=JSON,
        **auth(token),
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Renamed"
    assert response.json()["technology_fields"] == ["photonik"]
    own = Initiative.objects.get(slug="own")
    assert own.founding_year == 2012
    assert own.history.latest().history_user == users["manager"]
    error = assert_error(
        client.patch("/api/initiatives/other", {"name": "X"}, content_type=JSON, **auth(token)),
        403,
    )
    assert error["code"] == "forbidden"
    assert Initiative.objects.get(slug="other").name == "Other Network"
    assert_error(
        client.patch("/api/initiatives/hidden", {"name": "X"}, content_type=JSON, **auth(token)),
        404,
    )


def test_manager_may_not_publish_or_assign_managers(client, data, users, token_for):
    token = token_for(users["manager"])
    for body in ({"published": False}, {"managers": [users["agency"].email]}):
        assert_error(
            client.patch("/api/initiatives/own", body, content_type=JSON, **auth(token)), 403
        )
    assert Initiative.objects.get(slug="own").published is True


def test_validation_errors_are_422_in_the_error_shape(client, data, users, token_for):
    token = token_for(users["manager"])
    cases = [
        {"regions": ["99999"]},
        {"status": "sleeping"},
        {"founding_year": 1500},
        {"name": ""},
        {"name": None},
        {"website": "not a url"},
        {"management_organisation": "nobody"},
    ]
    for body in cases:
        error = assert_error(
            client.patch("/api/initiatives/own", body, content_type=JSON, **auth(token)), 422
        )
        assert error["details"], body
    assert Initiative.objects.get(slug="own").name == "Own Network"


def test_create_and_delete_initiatives(client, data, users, token_for):
    manager = token_for(users["manager"])
    response = client.post(
        "/api/initiatives",
        {"name": "Neues Netz", "regions": ["08115"], "industries": ["28"]},
        content_type=JSON,
        **auth(manager),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["published"], body["regions"]) == ("neues-netz", False, ["08115"])
    assert list(Initiative.objects.get(slug="neues-netz").managers.all()) == [users["manager"]]
    # a manager may not publish on creation, others may not create at all
    assert_error(
        client.post(
            "/api/initiatives", {"name": "P", "published": True}, content_type=JSON, **auth(manager)
        ),
        403,
    )
    member = token_for(users["member"])
    assert_error(
        client.post("/api/initiatives", {"name": "M"}, content_type=JSON, **auth(member)), 403
    )
    # only the state administrator deletes
    assert_error(client.delete("/api/initiatives/neues-netz", **auth(manager)), 403)
    admin = token_for(users["state_admin"])
    assert client.delete("/api/initiatives/neues-netz", **auth(admin)).status_code == 204
    assert not Initiative.objects.filter(slug="neues-netz").exists()
    assert_error(client.delete("/api/initiatives/neues-netz", **auth(admin)), 404)


def test_admin_creates_published_initiative_with_managers(client, data, users, token_for):
    admin = token_for(users["state_admin"])
    response = client.post(
        "/api/initiatives",
        {"name": "Landes", "slug": "landes", "published": True, "managers": ["MANAGER@test.local"]},
        content_type=JSON,
        **auth(admin),
    )
    assert response.status_code == 201, response.content
    initiative = Initiative.objects.get(slug="landes")
    assert initiative.published and list(initiative.managers.all()) == [users["manager"]]
    assert_error(
        client.post(
            "/api/initiatives",
            {"name": "Again", "slug": "landes"},
            content_type=JSON,
            **auth(admin),
        ),
        422,
    )


def test_member_patches_own_organisation_only(client, data, users, token_for):
    token = token_for(users["member"])
    response = client.patch(
        "/api/organisations/laser",
        {"city": "Ditzingen", "industries": ["28"], "latitude": 48.83, "longitude": 9.07},
        content_type=JSON,
        **auth(token),
    )
    assert response.status_code == 200, response.content
    firm = Organisation.objects.get(slug="laser")
    assert (firm.city, firm.latitude) == ("Ditzingen", 48.83)
    other = Organisation.objects.create(name="Other", slug="other-org", type="firm_sme")
    assert_error(
        client.patch(
            f"/api/organisations/{other.slug}", {"city": "X"}, content_type=JSON, **auth(token)
        ),
        403,
    )
    assert_error(
        client.patch(
            "/api/organisations/laser",
            {"latitude": 48.0, "longitude": None},
            content_type=JSON,
            **auth(token),
        ),
        422,
    )
    assert_error(
        client.post(
            "/api/organisations",
            {"name": "N", "type": "firm_sme"},
            content_type=JSON,
            **auth(token),
        ),
        403,
    )


def test_agency_adds_an_organisation(client, data, users, token_for):
    token = token_for(users["agency"])
    response = client.post(
        "/api/organisations",
        {"name": "Neue Firma", "type": "firm_sme", "region": "08115", "industries": ["C"]},
        content_type=JSON,
        **auth(token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["region"] == "08115"
    assert_error(
        client.post(
            "/api/organisations",
            {"name": "Bad", "type": "spaceship"},
            content_type=JSON,
            **auth(token),
        ),
        422,
    )


def test_memberships_crud_follows_the_initiative_managers(client, data, users, token_for):
    manager = token_for(users["manager"])
    other_firm = Organisation.objects.create(name="Second", slug="second", type="research")
    response = client.post(
        "/api/memberships",
        {"initiative": "own", "organisation": "second", "role": "partner", "since": "2022-02-01"},
        content_type=JSON,
        **auth(manager),
    )
    assert response.status_code == 201, response.content
    membership_id = response.json()["id"]
    assert Membership.objects.get(pk=membership_id).organisation == other_firm
    response = client.patch(
        f"/api/memberships/{membership_id}",
        {"until": "2024-01-31"},
        content_type=JSON,
        **auth(manager),
    )
    assert response.status_code == 200 and response.json()["until"] == "2024-01-31"
    assert_error(
        client.patch(
            f"/api/memberships/{membership_id}",
            {"until": "2000-01-01"},
            content_type=JSON,
            **auth(manager),
        ),
        422,
    )
    # another initiative: 403
    assert_error(
        client.post(
            "/api/memberships",
            {"initiative": "other", "organisation": "second"},
            content_type=JSON,
            **auth(manager),
        ),
        403,
    )
    assert_error(
        client.post(
            "/api/memberships",
            {"initiative": "own", "organisation": "nobody"},
            content_type=JSON,
            **auth(manager),
        ),
        422,
    )
    member = token_for(users["member"])
    assert_error(client.delete(f"/api/memberships/{membership_id}", **auth(member)), 403)
    assert client.delete(f"/api/memberships/{membership_id}", **auth(manager)).status_code == 204
    assert not Membership.objects.filter(pk=membership_id).exists()


def test_nul_characters_do_not_crash_the_api(client, data, users, token_for):
    assert client.get("/api/initiatives?q=a%00b").status_code == 200
    assert_error(client.get("/api/initiatives/a%00b"), 404)
    token = token_for(users["manager"])
    assert_error(
        client.patch("/api/initiatives/own", {"name": "a\x00b"}, content_type=JSON, **auth(token)),
        422,
    )


def test_openapi_lists_the_directory_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/initiatives",
        "/api/initiatives/{slug}",
        "/api/organisations",
        "/api/organisations/{slug}",
        "/api/memberships",
        "/api/memberships/{membership_id}",
        "/api/regions",
        "/api/regions/{code}",
    ):
        assert path in paths, path
    assert set(paths["/api/initiatives/{slug}"]) == {"get", "patch", "delete"}


def test_membership_list_count_and_items_agree_for_every_role(client, data, users, token_for):
    data["secret"].representatives.add(users["member"])
    data["hidden"].managers.add(users["manager"])
    expected = {
        None: {("own", "laser")},
        "member": {("own", "laser"), ("own", "secret")},  # her unpublished organisation
        "manager": {("own", "laser"), ("hidden", "laser")},  # his unpublished initiative
        "state_admin": {("own", "laser"), ("own", "secret"), ("hidden", "laser")},
        "analyst": {("own", "laser")},
    }
    for role, pairs in expected.items():
        headers = auth(token_for(users[role])) if role else {}
        body = client.get("/api/memberships", **headers).json()
        assert body["count"] == len(pairs), role
        assert {(i["initiative"], i["organisation"]) for i in body["items"]} == pairs, role
