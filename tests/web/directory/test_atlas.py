"""The cluster atlas: page, data endpoint, counts per Kreis, markers, caching headers."""

from __future__ import annotations

import pytest

from clusterdialog.web.directory.models import Industry, TechnologyField

pytestmark = pytest.mark.django_db

DATA = "/verzeichnis/atlas/daten.json"


@pytest.fixture
def mapped(reference, regions, make_initiative):
    photonics = TechnologyField.objects.get(slug="photonik")
    one = make_initiative("Photonics Stuttgart", slug="photonics")
    one.regions.set([regions["08111"]])
    one.technology_fields.set([photonics])
    one.industries.set([Industry.objects.get(code="26")])
    two = make_initiative("Region Stuttgart", slug="region")
    two.regions.set([regions["08111"], regions["08115"]])
    bezirk = make_initiative("Bezirk Karlsruhe", slug="bezirk")
    bezirk.regions.set([regions["082"]])
    draft = make_initiative("Draft", slug="draft", published=False)
    draft.regions.set([regions["08111"]])
    return {"one": one, "two": two, "bezirk": bezirk}


def test_atlas_page_lists_initiatives_beside_the_map_and_credits_the_bkg(client, mapped):
    response = client.get("/verzeichnis/atlas/")
    assert response.status_code == 200
    text = response.content.decode()
    for slug in ("photonics", "region", "bezirk"):
        assert f'data-initiative="{slug}"' in text
    assert 'data-initiative="draft"' not in text
    assert (
        "vendor/leaflet/leaflet.js" in text and 'data-url="/verzeichnis/atlas/daten.json"' in text
    )
    assert "© GeoBasis-DE / BKG (2021), dl-de/by-2-0 (Daten verändert)" in text
    assert "https://" not in text.split("<footer")[0].split("<main")[1]  # no external resources


def test_atlas_filters_the_list_and_passes_them_to_the_data_url(client, mapped):
    response = client.get("/verzeichnis/atlas/", {"field": "photonik"})
    text = response.content.decode()
    assert 'data-initiative="photonics"' in text and 'data-initiative="region"' not in text
    assert 'data-url="/verzeichnis/atlas/daten.json?field=photonik"' in text
    assert [
        i["slug"]
        for i in client.get("/verzeichnis/atlas/", {"industry": "C"}).context["initiatives"]
    ] == ["photonics"]


def test_atlas_data_counts_initiatives_per_kreis_including_bezirk_coverage(client, mapped):
    data = client.get(DATA).json()
    counts = {region["code"]: region["initiatives"] for region in data["regions"]}
    # Stuttgart: photonics and region; Böblingen: region; Karlsruhe: via its Bezirk 082
    assert counts == {"08111": 2, "08115": 1, "08212": 1}
    assert all(region["geometry"]["type"] == "Polygon" for region in data["regions"])
    assert data["credit"].startswith("© GeoBasis-DE / BKG")


def test_atlas_data_places_markers_at_the_mean_of_the_regions(client, mapped):
    items = {item["slug"]: item for item in client.get(DATA).json()["initiatives"]}
    assert set(items) == {"photonics", "region", "bezirk"}
    assert (items["photonics"]["latitude"], items["photonics"]["longitude"]) == (48.78, 9.18)
    # mean of Stuttgart (48.78, 9.18) and Böblingen (48.68, 8.98)
    assert items["region"]["latitude"] == pytest.approx(48.73)
    assert items["region"]["longitude"] == pytest.approx(9.08)
    # the Bezirk has no point of its own in the fixture: no marker position
    assert items["bezirk"]["latitude"] is None
    assert items["photonics"]["url"] == "/verzeichnis/initiativen/photonics/"
    assert items["photonics"]["fields"] == ["Photonik"]
    assert items["region"]["regions"] == ["08111", "08115"]


def test_atlas_data_filters(client, mapped):
    data = client.get(DATA, {"field": "photonik"}).json()
    assert [i["slug"] for i in data["initiatives"]] == ["photonics"]
    assert {r["code"]: r["initiatives"] for r in data["regions"]} == {
        "08111": 1,
        "08115": 0,
        "08212": 0,
    }


def test_atlas_data_has_caching_headers_and_answers_304(client, mapped):
    first = client.get(DATA)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "max-age=60"
    again = client.get(DATA, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    # a change to the data changes the ETag
    mapped["one"].name = "Photonics Stuttgart e.V."
    mapped["one"].save()
    changed = client.get(DATA, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_atlas_data_is_served_from_the_cache_until_initiatives_change(
    client, mapped, django_assert_max_num_queries
):
    first = client.get(DATA)
    # the document is cached: two small queries (the stamp) answer the next request
    with django_assert_max_num_queries(2):
        again = client.get(DATA)
    assert again.content == first.content
    # unpublishing, publishing and new regions show at once
    mapped["two"].published = False
    mapped["two"].save()
    assert [i["slug"] for i in client.get(DATA).json()["initiatives"]] == ["bezirk", "photonics"]


def test_atlas_data_follows_the_language(client, mapped):
    german = client.get(DATA).json()["initiatives"]
    english = client.get(DATA, HTTP_ACCEPT_LANGUAGE="en").json()["initiatives"]
    assert [i["fields"] for i in german if i["slug"] == "photonics"] == [["Photonik"]]
    assert [i["fields"] for i in english if i["slug"] == "photonics"] == [["Photonics"]]
