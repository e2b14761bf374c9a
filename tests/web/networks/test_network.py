"""Network pages: the metrics equal the library's, stored runs, gaps, value chain, permissions."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from clusterdialog.network import node_metrics, project_organisations
from clusterdialog.web.networks.models import NetworkSnapshot, ValueChainRun
from tests.web.networks.conftest import add_project

pytestmark = pytest.mark.django_db


def data_of(client, user, slug="antriebe", query=""):
    client.force_login(user)
    response = client.get(f"/netzwerke/initiativen/{slug}/daten.json{query}")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_hand_computed_metrics_of_the_path_with_an_isolated_member(client, world):
    data = data_of(client, world.manager)
    ids = {o.pk: name for name, o in world.organisations.items()}
    nodes = {ids[int(n["id"])]: n for n in data["nodes"]}
    # A –2– B –1– C, D alone: degree, strength (joint projects), betweenness 1/3 for B
    assert {k: v["degree"] for k, v in nodes.items()} == {"A": 1, "B": 2, "C": 1, "D": 0}
    assert {k: v["strength"] for k, v in nodes.items()} == {"A": 2, "B": 3, "C": 1, "D": 0}
    assert nodes["B"]["betweenness"] == pytest.approx(1 / 3)
    assert nodes["A"]["betweenness"] == 0
    assert nodes["D"]["constraint"] is None  # undefined for an organisation without ties
    edges = {(ids[int(e["source"])], ids[int(e["target"])]): e["weight"] for e in data["edges"]}
    assert edges == {("A", "B"): 2.0, ("B", "C"): 1.0}
    summary = data["summary"]
    assert (summary["nodes"], summary["edges"], summary["components"]) == (4, 2, 2)
    assert summary["density"] == pytest.approx(2 / 6)
    assert summary["isolates"] == 1
    assert nodes["A"]["name"] == "Firma A" and nodes["A"]["member"] is True


def test_page_metrics_equal_the_pure_library_on_the_same_graph(client, world):
    extra = add_project("Projekt 4", [world.organisations[n] for n in "ACD"])
    data = data_of(client, world.manager)
    o = {name: str(org.pk) for name, org in world.organisations.items()}
    rows = [("P1", "AB"), ("P2", "BC"), ("P3", "AB"), ("P4", "ACD")]
    table = pd.DataFrame(
        [(o[m], project) for project, names in rows for m in names],
        columns=["organisation", "project"],
    )
    graph = project_organisations(table, weight="count")
    expected = node_metrics(graph).set_index("organisation")
    assert extra.pk
    for node in data["nodes"]:
        row = expected.loc[node["id"]]
        for column in ("degree", "strength", "betweenness", "eigenvector", "closeness",
                       "constraint", "effective_size"):  # fmt: skip
            assert node[column] == pytest.approx(float(row[column]), abs=1e-12), column
    assert nx.density(graph) == pytest.approx(data["summary"]["density"])


def test_the_html_page_shows_the_metric_table_and_gaps(client, world):
    client.force_login(world.manager)
    response = client.get("/netzwerke/initiativen/antriebe/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="network-graph"' in page and "cytoscape.min.js" in page
    b = world.organisations["B"].pk
    assert f'data-organisation="{b}"' in page
    assert "0,333" in page  # B's betweenness in German number format
    context = response.context
    assert context["single_broker"] == "Firma B"
    assert [p["name"] for p in context["left_out"] if p["position"] == "isolated"] == ["Firma D"]
    missing = {g["type"]: g["status"] for g in context["type_gaps"]}
    # both peers have a university (median share 50 %), the initiative has none
    assert missing["university"] == "missing"


def test_a_stored_run_is_reused_until_the_data_change(client, world):
    data_of(client, world.manager)
    data_of(client, world.rep_a)
    runs = NetworkSnapshot.objects.filter(initiative=world.initiative)
    assert runs.count() == 1
    add_project("Projekt 5", [world.organisations["C"], world.organisations["D"]])
    data = data_of(client, world.manager)
    assert runs.count() == 2
    assert data["summary"]["isolates"] == 0


def test_year_selects_the_projects_running_then(client, world):
    data = data_of(client, world.manager, query="?jahr=2023")
    assert data["summary"]["edges"] == 0  # P1, P2 ended 2022, P3 ran only in 2021
    data = data_of(client, world.manager, query="?jahr=2021")
    assert data["summary"]["edges"] == 2


@pytest.mark.parametrize("who", ["manager", "rep_a", "admin", "analyst"])
def test_network_is_open_to_managers_members_admin_and_analysts(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get("/netzwerke/initiativen/antriebe/").status_code == 200
    assert client.get("/netzwerke/initiativen/antriebe/daten.json").status_code == 200


def test_outsiders_get_403_and_anonymous_users_the_login(client, world):
    assert client.get("/netzwerke/initiativen/antriebe/").status_code == 302
    client.force_login(world.outsider)
    assert client.get("/netzwerke/initiativen/antriebe/").status_code == 403
    assert client.get("/netzwerke/initiativen/antriebe/daten.json").status_code == 403
    assert client.get("/netzwerke/initiativen/antriebe/kennzahlen.csv").status_code == 403


def test_unpublished_initiatives_are_404_for_outsiders(client, world):
    world.initiative.published = False
    world.initiative.save()
    client.force_login(world.outsider)
    assert client.get("/netzwerke/initiativen/antriebe/").status_code == 404
    client.force_login(world.manager)
    assert client.get("/netzwerke/initiativen/antriebe/").status_code == 200


def test_metric_table_exports(client, world):
    client.force_login(world.manager)
    response = client.get("/netzwerke/initiativen/antriebe/kennzahlen.csv")
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Organisation;Typ;")
    assert len(lines) == 5
    response = client.get("/netzwerke/initiativen/antriebe/kennzahlen.xlsx")
    assert response.content[:2] == b"PK"


def test_api_network_uses_the_same_permissions(client, world, token_for):
    assert client.get("/api/networks/initiatives/antriebe").status_code == 401
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(world.outsider)}"}
    response = client.get("/api/networks/initiatives/antriebe", **headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(world.manager)}"}
    response = client.get("/api/networks/initiatives/antriebe", **headers)
    assert response.status_code == 200
    body = response.json()
    assert body["initiative"] == "antriebe"
    assert sorted(n["degree"] for n in body["nodes"]) == [0, 1, 1, 2]
    assert client.get("/api/networks/initiatives/nope", **headers).status_code == 404


def test_value_chain_of_an_industry_initiative_in_stuttgart(client, world):
    client.force_login(world.manager)
    response = client.get("/netzwerke/initiativen/antriebe/")
    run = ValueChainRun.objects.get(initiative=world.initiative)
    assert run.result["sectors"] == ["CPA_B-E"] and run.result["kreise"] == ["08111"]
    chain = {(r["role"], r["sector"]): r for r in run.result["chain"]}
    # the values of the library's documented example (Germany 1995, Stuttgart, 2020)
    supplier = chain[("supplier", "CPA_J-N")]
    assert (supplier["rank"], round(supplier["location_quotient"], 3)) == (1, 1.690)
    assert round(supplier["import_share"], 3) == 0.435
    gaps = {(g["role"], g["sector"]): round(g["linkage_index"], 2) for g in run.result["gaps"]}
    assert gaps == {
        ("supplier", "CPA_G-I"): 1.47,
        ("customer", "CPA_F"): 1.72,
        ("customer", "CPA_G-I"): 1.36,
    }
    page = response.content.decode()
    assert "<svg" in page and "Handel, Verkehr, Gastgewerbe" in page
    # fed into the network gap analysis: no member covers trade and transport
    coverage = {(r["role"], r["sector"]): r for r in response.context["coverage"]}
    assert coverage[("supplier", "CPA_G-I")]["regional_gap"] is True
    client.get("/netzwerke/initiativen/antriebe/")
    assert ValueChainRun.objects.filter(initiative=world.initiative).count() == 1


def test_profile_sections_for_allowed_users_only(rf, world):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialog.web.networks import profile

    request = rf.get("/")
    request.user = AnonymousUser()
    assert profile.initiative_sections(request, world.initiative) == []
    request.user = world.manager
    sections = profile.initiative_sections(request, world.initiative)
    assert [s["template"] for s in sections] == [
        "networks/section_initiative_network.html",
        "networks/section_value_chain.html",
    ]
    request.user = world.outsider
    own = profile.organisation_sections(request, world.organisations["A"])
    assert [s["template"] for s in own] == ["networks/section_organisation_projects.html"]
    request.user = world.rep_a
    templates = [s["template"] for s in profile.organisation_sections(
        request, world.organisations["A"])]  # fmt: skip
    assert templates == [
        "networks/section_organisation_projects.html",
        "networks/section_organisation_network.html",
    ]


def test_ego_network_and_recommendations(client, world):
    client.force_login(world.rep_a)
    response = client.get("/netzwerke/organisationen/firma-a/")
    assert response.status_code == 200
    assert response.context["summary"]["partners"] == 1  # B
    recommendations = response.context["recommendations"]
    names = [r["name"] for r in recommendations]
    assert names[0] == "Firma C"  # shares partner B with A
    assert "Firma B" not in names and "Firma A" not in names
    assert "gemeinsamen Partner mit Firma A (Firma B)" in recommendations[0]["explanation"]
    data = client.get("/netzwerke/organisationen/firma-a/daten.json").json()
    assert {n["name"] for n in data["nodes"]} == {"Firma A", "Firma B"}


def test_recommendations_are_for_representatives_and_the_admin(client, world):
    client.force_login(world.outsider)
    assert client.get("/netzwerke/organisationen/firma-a/").status_code == 403
    client.force_login(world.manager)  # manages A's initiative: ego network, no recommendations
    response = client.get("/netzwerke/organisationen/firma-a/")
    assert response.status_code == 200 and "recommendations" not in response.context
    client.force_login(world.admin)
    assert client.get("/netzwerke/organisationen/firma-a/").context["recommendations"]


def test_platform_network_for_analysts(client, world):
    client.force_login(world.analyst)
    response = client.get("/netzwerke/")
    assert response.status_code == 200 and response.context["platform"] is None
    response = client.post("/netzwerke/berechnen/")
    assert response.status_code == 302
    response = client.get("/netzwerke/")
    snapshot = response.context["platform"]
    assert response.context["current"] is True
    assert snapshot.metrics["summary"]["edges"] == 2
    assert snapshot.metrics["summary"]["participations"] == 6
    client.force_login(world.rep_a)
    assert client.post("/netzwerke/berechnen/").status_code == 403
    assert "platform" not in client.get("/netzwerke/").context


def test_attending_the_same_event_links_organisations(client, world, make_user):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from clusterdialog.web.dialogue.models import Event, Registration

    start = datetime(2021, 6, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    end = start + timedelta(hours=3)
    event = Event.objects.create(title="Clustertreffen", start=start, end=end)
    for name, attended in (("C", True), ("D", True), ("A", False)):
        Registration.objects.create(
            event=event, user=make_user(), organisation=world.organisations[name],
            status="confirmed", attended=attended,
        )  # fmt: skip
    data = data_of(client, world.manager)
    ids = {str(o.pk): name for name, o in world.organisations.items()}
    edges = {tuple(sorted((ids[e["source"]], ids[e["target"]]))) for e in data["edges"]}
    assert edges == {("A", "B"), ("B", "C"), ("C", "D")}  # registered but absent: no tie
    assert data_of(client, world.manager, query="?jahr=2021")["summary"]["edges"] == 3
    assert data_of(client, world.manager, query="?jahr=2022")["summary"]["edges"] == 2  # no event


def test_directory_profiles_show_the_networks_sections(client, world):
    client.force_login(world.rep_a)
    page = client.get("/verzeichnis/organisationen/firma-a/").content.decode()
    assert "Empfohlene Partner" in page and 'data-partner="firma-c"' in page
    assert "Projekt 1" in page
    client.force_login(world.manager)
    page = client.get("/verzeichnis/initiativen/antriebe/").content.decode()
    assert "Netzwerk der Mitglieder" in page and "Die Verbindungen der Mitglieder hängen an" in page
    client.logout()
    page = client.get("/verzeichnis/initiativen/antriebe/").content.decode()
    assert "Netzwerk der Mitglieder" not in page
