"""Data-based observation: the demo dataset with provenance, stored runs, recomputation."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from clusterdialog import __version__
from clusterdialog.data.datasets import load_kreise_industries
from clusterdialog.web.analytics import services
from clusterdialog.web.analytics.models import ObservationRun, StatisticsDataset


def test_demo_dataset_is_stored_as_parquet_with_provenance(dataset):
    assert (dataset.rows, dataset.regions, dataset.industries) == (24080, 403, 10)
    assert dataset.periods == [2015, 2016, 2017, 2018, 2019, 2020]
    assert "dl-de/by-2-0" in dataset.credit
    assert dataset.file.path.endswith(".parquet")
    metadata = pq.read_schema(dataset.file.path).metadata
    stored = services.stored_provenance(dataset)
    assert b"clusterdialog.provenance" in metadata
    assert stored["sha256"] == dataset.sha256 and stored["package_version"] == __version__
    assert stored["table"] == "13111-07-05-4"
    frame = services.read_dataset(dataset)
    assert (
        int(frame.loc[(frame.region == "08111") & (frame.period == 2020), "value"].sum()) == 423043
    )
    # Loading again reuses the stored dataset.
    assert services.load_demo_dataset().pk == dataset.pk
    assert StatisticsDataset.objects.count() == 1


def test_observation_of_an_initiative_by_hand(make_initiative, region, industries, dataset):
    initiative = make_initiative("Auto-Netz")
    initiative.regions.add(region)
    initiative.industries.add(industries["29"])  # division 29 lies in the panel's group B-E
    run = services.observation(initiative)
    assert run.industries == ["B-E"] and run.regions == ["08111"]
    rows = {(r["industry"], r["period"]): r for r in run.result if r["region"] == "08111"}
    panel = load_kreise_industries().fillna({"value": 0})
    for year in (2015, 2020):
        part = panel[panel.period == year]
        local = part[(part.region == "08111") & (part.industry == "B-E")]["value"].sum()
        region_total = part[part.region == "08111"]["value"].sum()
        industry_total = part[part.industry == "B-E"]["value"].sum()
        lq = (local / region_total) / (industry_total / part["value"].sum())
        assert rows[("field", year)]["employment"] == local
        assert rows[("field", year)]["lq"] == pytest.approx(lq)
    growth = 100 * (rows[("field", 2016)]["employment"] / rows[("field", 2015)]["employment"] - 1)
    assert rows[("field", 2016)]["growth_percent"] == pytest.approx(growth)
    assert rows[("field", 2015)]["growth_percent"] is None


def test_runs_are_stored_and_recomputed_when_inputs_change(
    make_initiative, region, industries, dataset
):
    initiative = make_initiative("IT-Netz")
    initiative.regions.add(region)
    initiative.industries.add(industries["62"])
    first = services.observation(initiative)
    assert first.industries == ["J"]
    assert services.observation(initiative).pk == first.pk  # reused, not recomputed
    initiative.industries.add(industries["C"])  # the signal drops the stored run
    assert not ObservationRun.objects.filter(pk=first.pk).exists()
    second = services.observation(initiative)
    assert second.industries == ["J", "B-E"] or sorted(second.industries) == ["B-E", "J"]
    assert second.key != first.key
    assert ObservationRun.objects.filter(initiative=initiative).count() == 1


def test_no_match_is_stored_with_a_message(make_initiative, dataset):
    initiative = make_initiative("Ohne Branchen")
    run = services.observation(initiative)
    assert run.message == "no_match" and run.result == []


def test_public_page_for_published_initiatives_only(
    client, make_initiative, region, industries, dataset
):
    public = make_initiative("Öffentlich")
    public.regions.add(region)
    public.industries.add(industries["29"])
    hidden = make_initiative("Intern", published=False)
    response = client.get(reverse("analytics:observation", args=[public.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-region="08111"' in html and "<svg" in html
    assert "dl-de/by-2-0" in html
    assert client.get(reverse("analytics:observation", args=[hidden.slug])).status_code == 404
    body = client.get(f"/api/analytics/observation/{public.slug}").json()
    assert body["industries"] == ["B-E"] and body["rows"]
    assert client.get(f"/api/analytics/observation/{hidden.slug}").status_code == 404


def test_profile_section_shows_the_observation(rf, make_initiative, region, industries, dataset):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialog.web.analytics.profile import initiative_sections

    initiative = make_initiative("Profil")
    initiative.regions.add(region)
    initiative.industries.add(industries["29"])
    request = rf.get("/")
    request.user = AnonymousUser()
    (section,) = initiative_sections(request, initiative)
    (row,) = section["context"]["latest"]
    assert (row["first"]["period"], row["last"]["period"]) == (2015, 2020)


def test_datasets_api_needs_a_token(client, dataset, make_user, token_for):
    assert client.get("/api/analytics/datasets").status_code == 401
    user = make_user("analyst")
    body = client.get(
        "/api/analytics/datasets", HTTP_AUTHORIZATION=f"Bearer {token_for(user)}"
    ).json()
    assert body["count"] == 1 and body["items"][0]["sha256"] == dataset.sha256


def test_dataset_pages(login, make_user, dataset):
    client = login(make_user("member"))
    assert client.get(reverse("analytics:index")).status_code == 200
    assert client.get(reverse("analytics:dataset_upload")).status_code == 403
    html = client.get(reverse("analytics:dataset_detail", args=[dataset.pk])).content.decode()
    assert dataset.sha256 in html


def _csv(rows) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode()


def test_upload_of_a_long_table(login, make_user, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = _csv(
        [
            {"kreis": "08111", "wz": "J", "jahr": year, "beschaeftigte": 100 + year - 2020}
            for year in (2020, 2021)
        ]
        + [
            {"kreis": "08212", "wz": "J", "jahr": year, "beschaeftigte": 50}
            for year in (2020, 2021)
        ]
    )
    client = login(make_user("analyst"))
    response = client.post(
        reverse("analytics:dataset_upload"),
        {
            "name": "Eigene Tabelle",
            "reader": "table",
            "region": "kreis",
            "industry": "wz",
            "period": "jahr",
            "value": "beschaeftigte",
            "credit": "Stadt X",
            "file": SimpleUploadedFile("tabelle.csv", content),
        },
    )
    dataset = StatisticsDataset.objects.get(name="Eigene Tabelle")
    assert response.url == reverse("analytics:dataset_detail", args=[dataset.pk])
    assert (dataset.rows, dataset.periods, dataset.credit) == (4, [2020, 2021], "Stadt X")
    import hashlib

    assert dataset.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content"),
    [("daten.exe", b"MZ"), ("daten.parquet", b"not parquet"), ("daten.csv", b"a,b\n\x00\x00")],
)
def test_upload_rejects_wrong_files(login, make_user, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(make_user("analyst"))
    response = client.post(
        reverse("analytics:dataset_upload"),
        {
            "name": "X",
            "reader": "table",
            "region": "r",
            "industry": "i",
            "period": "p",
            "value": "v",
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert not StatisticsDataset.objects.exists()


def test_upload_with_wrong_columns_names_the_problem(login, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(make_user("analyst"))
    response = client.post(
        reverse("analytics:dataset_upload"),
        {
            "name": "X",
            "reader": "table",
            "region": "kreis",
            "industry": "wz",
            "period": "jahr",
            "value": "fehlt",
            "file": SimpleUploadedFile("t.csv", b"kreis,wz,jahr,wert\n08111,J,2020,1\n"),
        },
    )
    assert response.status_code == 200
    assert "fehlt" in response.content.decode()
    assert not StatisticsDataset.objects.exists()


def test_sections_on_the_directory_profile(
    client, login, make_initiative, make_user, region, industries, dataset
):
    from clusterdialog.web.monitoring.services import seed_kpis

    seed_kpis()
    manager = make_user("manager")
    initiative = make_initiative("Profil-Netz", managers=[manager])
    initiative.regions.add(region)
    initiative.industries.add(industries["29"])
    url = reverse("directory:initiative_detail", args=[initiative.slug])
    public = client.get(url).content.decode()
    assert "Das Feld in der amtlichen Statistik" in public
    assert "nur für das Clustermanagement" not in public
    own = login(manager).get(url).content.decode()
    assert "Monitoring (nur für das Clustermanagement und das Ministerium sichtbar)" in own
