"""Public pages: lists with search and filters, profiles, visibility of unpublished records."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import (
    ContactPerson,
    FundingSource,
    Industry,
    InitiativeStatus,
    Membership,
    MembershipRole,
    OrganisationType,
    TechnologyField,
)

pytestmark = pytest.mark.django_db

LIST = "/verzeichnis/initiativen/"
ORGS = "/verzeichnis/organisationen/"


def shown(response) -> list[str]:
    """Slugs of the initiatives listed on a page, in order."""
    return [initiative.slug for initiative in response.context["page"].object_list]


@pytest.fixture
def catalogue(reference, regions, make_initiative):
    """Four initiatives with distinct regions, fields, industries, funding and status."""
    photonics = TechnologyField.objects.get(slug="photonik")
    mobility = TechnologyField.objects.get(slug="mobilitaet-automotive")
    land = FundingSource.objects.get(slug="land-bw")
    eu = FundingSource.objects.get(slug="eu-efre")
    a = make_initiative("Photonics Stuttgart", slug="photonics", description="Laser and optics")
    a.regions.set([regions["08111"]])
    a.technology_fields.set([photonics])
    a.industries.set([Industry.objects.get(code="26")])
    a.funding_sources.set([land])
    b = make_initiative("Automotive Region", slug="automotive", description="Cars and parts")
    b.regions.set([regions["08115"], regions["08111"]])
    b.technology_fields.set([mobility])
    b.industries.set([Industry.objects.get(code="29")])
    b.funding_sources.set([eu, land])
    c = make_initiative("Karlsruhe Software", slug="software", status=InitiativeStatus.DORMANT)
    c.regions.set([regions["08212"]])
    c.industries.set([Industry.objects.get(code="J")])
    d = make_initiative("Landesnetzwerk", slug="landesnetz", description="optics for the Land")
    d.regions.set([regions["08"]])
    return {"a": a, "b": b, "c": c, "d": d}


def test_initiative_list_is_public_and_sorted_by_name(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 200
    assert shown(response) == ["automotive", "software", "landesnetz", "photonics"]
    assert b'data-initiative="photonics"' in response.content


def test_search_finds_name_and_description_case_insensitively(client, catalogue):
    assert shown(client.get(LIST, {"q": "OPTICS"})) == ["landesnetz", "photonics"]
    assert shown(client.get(LIST, {"q": "software"})) == ["software"]
    assert shown(client.get(LIST, {"q": "nothing like this"})) == []


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("08111", ["automotive", "photonics"]),
        ("08115", ["automotive"]),
        ("081", ["automotive", "photonics"]),  # a Bezirk: every Kreis under it
        ("082", ["software"]),
        ("08", ["automotive", "software", "landesnetz", "photonics"]),  # the Land and all Kreise
    ],
)
def test_region_filter_includes_the_kreise_under_a_land_or_bezirk(
    client, catalogue, region, expected
):
    assert shown(client.get(LIST, {"region": region})) == expected


def test_field_industry_funding_and_status_filters(client, catalogue):
    assert shown(client.get(LIST, {"field": "photonik"})) == ["photonics"]
    # a section letter covers its divisions: C = 10-33 (26 and 29), J itself
    assert shown(client.get(LIST, {"industry": "C"})) == ["automotive", "photonics"]
    assert shown(client.get(LIST, {"industry": "29"})) == ["automotive"]
    assert shown(client.get(LIST, {"industry": "J"})) == ["software"]
    assert shown(client.get(LIST, {"funding": "land-bw"})) == ["automotive", "photonics"]
    assert shown(client.get(LIST, {"funding": "eu-efre"})) == ["automotive"]
    assert shown(client.get(LIST, {"status": "dormant"})) == ["software"]
    combined = client.get(LIST, {"funding": "land-bw", "region": "08115", "q": "cars"})
    assert shown(combined) == ["automotive"]


def test_an_initiative_matching_two_rows_of_a_filter_is_listed_once(client, catalogue):
    response = client.get(LIST, {"region": "081"})
    assert response.context["page"].paginator.count == 2


def test_pagination_shows_25_per_page_and_keeps_the_filters(client, make_initiative):
    for n in range(30):
        make_initiative(f"Net {n:02d}", slug=f"net-{n:02d}")
    first = client.get(LIST, {"q": "net"})
    assert len(shown(first)) == 25
    assert first.context["page"].paginator.count == 30
    assert b"q=net&amp;page=2" in first.content
    second = client.get(LIST, {"q": "net", "page": 2})
    assert shown(second) == [f"net-{n:02d}" for n in range(25, 30)]


def test_unpublished_initiatives_are_hidden_from_the_public(client, make_initiative, users):
    make_initiative("Hidden", slug="hidden", published=False, managers=[users["manager"]])
    make_initiative("Visible", slug="visible")
    assert shown(client.get(LIST)) == ["visible"]
    assert client.get("/verzeichnis/initiativen/hidden/").status_code == 404
    # other signed-in users do not see it either
    client.force_login(users["member"])
    assert shown(client.get(LIST)) == ["visible"]
    assert client.get("/verzeichnis/initiativen/hidden/").status_code == 404
    # its manager and the state administrator do
    client.force_login(users["manager"])
    assert shown(client.get(LIST)) == ["hidden", "visible"]
    assert client.get("/verzeichnis/initiativen/hidden/").status_code == 200
    client.force_login(users["state_admin"])
    assert client.get("/verzeichnis/initiativen/hidden/").status_code == 200


def test_unknown_initiative_is_404(client, db):
    assert client.get("/verzeichnis/initiativen/does-not-exist/").status_code == 404


def test_initiative_profile_shows_facts_members_and_public_contacts_only(
    client, catalogue, make_organisation
):
    a = catalogue["a"]
    firm = make_organisation("Laser GmbH", slug="laser", type=OrganisationType.FIRM_SME)
    hidden_firm = make_organisation("Secret AG", slug="secret", published=False)
    former = make_organisation("Former Ltd", slug="former")
    Membership.objects.create(
        organisation=firm, initiative=a, role=MembershipRole.BOARD, since=dt.date(2020, 3, 1)
    )
    Membership.objects.create(organisation=hidden_firm, initiative=a)
    Membership.objects.create(
        organisation=former, initiative=a, since=dt.date(2015, 1, 1), until=dt.date(2019, 1, 1)
    )
    ContactPerson.objects.create(initiative=a, name="Erika Public", public=True)
    ContactPerson.objects.create(initiative=a, name="Max Private", public=False)
    a.management_organisation = firm
    a.founding_year = 2008
    a.save()
    response = client.get("/verzeichnis/initiativen/photonics/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Photonics Stuttgart" in text and "Laser and optics" in text
    assert "Photonik" in text and "Stuttgart" in text
    assert "Laser GmbH" in text and "Vorstandsmitglied" in text and "01.03.2020" in text
    assert "Secret AG" not in text  # unpublished member organisation
    assert "Former Ltd" not in text  # ended membership
    assert "Erika Public" in text and "Max Private" not in text
    assert "2008" in text
    assert [m.organisation.slug for m in response.context["memberships"]] == ["laser"]


def test_profile_offers_editing_only_to_those_allowed(client, make_initiative, users):
    make_initiative("Mine", slug="mine", managers=[users["manager"]])
    assert (
        b"/verzeichnis/initiativen/mine/bearbeiten/"
        not in client.get("/verzeichnis/initiativen/mine/").content
    )
    client.force_login(users["manager"])
    page = client.get("/verzeichnis/initiativen/mine/").content
    assert b"/verzeichnis/initiativen/mine/bearbeiten/" in page
    assert b"/verzeichnis/initiativen/mine/veroeffentlichen/" not in page
    client.force_login(users["state_admin"])
    page = client.get("/verzeichnis/initiativen/mine/").content
    assert b"/verzeichnis/initiativen/mine/veroeffentlichen/" in page


def test_organisation_list_filters_type_region_industry_and_search(
    client, reference, regions, make_organisation
):
    uni = make_organisation(
        "Universität Stuttgart",
        slug="uni",
        type=OrganisationType.UNIVERSITY,
        region=regions["08111"],
        city="Stuttgart",
    )
    uni.industries.set([Industry.objects.get(code="85")])
    firm = make_organisation(
        "Maschinen Böblingen", slug="maschinen", region=regions["08115"], city="Sindelfingen"
    )
    firm.industries.set([Industry.objects.get(code="28")])
    make_organisation("KIT", slug="kit", type=OrganisationType.RESEARCH, region=regions["08212"])
    make_organisation("Unpublished", slug="unpublished", published=False)

    def listed(**params):
        return [o.slug for o in client.get(ORGS, params).context["page"].object_list]

    assert listed() == ["kit", "maschinen", "uni"]
    assert listed(type="university") == ["uni"]
    assert listed(region="081") == ["maschinen", "uni"]
    assert listed(region="082") == ["kit"]
    assert listed(industry="C") == ["maschinen"]
    assert listed(industry="P") == ["uni"]
    assert listed(q="sindelfingen") == ["maschinen"]


def test_organisation_profile_shows_memberships_in_visible_initiatives(
    client, make_organisation, make_initiative, regions
):
    firm = make_organisation("Laser GmbH", slug="laser", region=regions["08111"], city="Stuttgart")
    open_net = make_initiative("Open Network", slug="open")
    closed = make_initiative("Closed Network", slug="closed", published=False)
    Membership.objects.create(organisation=firm, initiative=open_net, since=dt.date(2021, 5, 4))
    Membership.objects.create(organisation=firm, initiative=closed)
    response = client.get("/verzeichnis/organisationen/laser/")
    text = response.content.decode()
    assert "Open Network" in text and "04.05.2021" in text
    assert "Closed Network" not in text
    assert "Regierungsbezirk Stuttgart" in text
    assert client.get("/verzeichnis/organisationen/nope/").status_code == 404


def test_unpublished_organisation_visible_to_its_representative_only(
    client, make_organisation, users
):
    org = make_organisation("Quiet GmbH", slug="quiet", published=False)
    org.representatives.add(users["member"])
    assert client.get("/verzeichnis/organisationen/quiet/").status_code == 404
    client.force_login(users["manager"])
    assert client.get("/verzeichnis/organisationen/quiet/").status_code == 404
    client.force_login(users["member"])
    assert client.get("/verzeichnis/organisationen/quiet/").status_code == 200


def test_pages_are_german_by_default_and_english_on_request(client, catalogue):
    german = client.get(LIST).content.decode()
    assert "Cluster-Initiativen" in german and "4 Initiativen gefunden" in german
    english = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 initiatives found" in english


def test_numbers_use_the_german_thousands_separator(client, make_organisation):
    make_organisation("Big AG", slug="big", employees=12500)
    assert "12.500" in client.get("/verzeichnis/organisationen/big/").content.decode()


def test_role_of_the_viewer_does_not_matter_for_published_pages(client, catalogue, make_user):
    for role in Role.values:
        client.force_login(make_user(role))
        assert client.get("/verzeichnis/initiativen/photonics/").status_code == 200


def test_nul_characters_in_search_parameters_are_harmless(client, catalogue):
    # PostgreSQL refuses NUL in text; the filters drop it instead of failing
    assert shown(client.get(LIST, {"q": "soft\x00ware"})) == ["software"]
    assert client.get(ORGS, {"q": "\x00", "region": "08\x00"}).status_code == 200
    assert client.get("/verzeichnis/atlas/", {"field": "\x00"}).status_code == 200
