"""Exports (CSV, XLSX) and imports (all rows or none, with a validation report)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdialog.web.directory.models import (
    Industry,
    Initiative,
    Membership,
    Organisation,
    TechnologyField,
)

pytestmark = pytest.mark.django_db

IMPORT = "/verzeichnis/import/"


def upload(name: str, text: str, content_type: str = "text/csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type=content_type)


def read_csv(response) -> pd.DataFrame:
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    return pd.read_csv(
        io.BytesIO(response.content),
        sep=";",
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )


@pytest.fixture
def records(reference, regions, make_initiative, make_organisation):
    firm = make_organisation("Laser GmbH", slug="laser", region=regions["08111"], city="Stuttgart")
    firm.industries.set([Industry.objects.get(code="26"), Industry.objects.get(code="C")])
    hidden = make_organisation("Secret AG", slug="secret", published=False)
    net = make_initiative("Photonics", slug="photonics", founding_year=2009)
    net.regions.set([regions["08111"], regions["08115"]])
    net.technology_fields.set([TechnologyField.objects.get(slug="photonik")])
    draft = make_initiative("Draft", slug="draft", published=False)
    Membership.objects.create(organisation=firm, initiative=net, since=dt.date(2020, 1, 15))
    Membership.objects.create(organisation=hidden, initiative=net)
    Membership.objects.create(organisation=firm, initiative=draft)
    return {"firm": firm, "hidden": hidden, "net": net, "draft": draft}


def test_exports_need_a_login(client, records):
    response = client.get("/verzeichnis/export/initiativen.csv")
    assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")


def test_signed_in_users_export_published_records_only(client, users, records):
    client.force_login(users["analyst"])
    initiatives = read_csv(client.get("/verzeichnis/export/initiativen.csv"))
    assert list(initiatives["slug"]) == ["photonics"]
    row = initiatives.iloc[0]
    assert row["regions"] == "08111;08115"
    assert row["technology_fields"] == "photonik"
    assert row["founding_year"] == "2009"
    organisations = read_csv(client.get("/verzeichnis/export/organisationen.csv"))
    assert list(organisations["slug"]) == ["laser"]
    assert organisations.iloc[0]["industries"] == "26;C"
    assert organisations.iloc[0]["region"] == "08111"
    memberships = read_csv(client.get("/verzeichnis/export/mitgliedschaften.csv"))
    assert memberships.to_dict("records") == [
        {
            "initiative": "photonics",
            "organisation": "laser",
            "role": "member",
            "since": "2020-01-15",
            "until": "",
        }
    ]


def test_state_admin_exports_everything(client, users, records):
    client.force_login(users["state_admin"])
    assert list(read_csv(client.get("/verzeichnis/export/initiativen.csv"))["slug"]) == [
        "draft",
        "photonics",
    ]
    assert len(read_csv(client.get("/verzeichnis/export/mitgliedschaften.csv"))) == 3


def test_xlsx_export_has_the_table_and_a_provenance_sheet(client, users, records):
    client.force_login(users["member"])
    response = client.get("/verzeichnis/export/organisationen.xlsx", {"q": "laser"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = pd.read_excel(io.BytesIO(response.content), sheet_name=None, dtype=str)
    assert list(sheets) == ["organisationen", "provenance"]
    assert list(sheets["organisationen"]["slug"]) == ["laser"]
    provenance = dict(zip(sheets["provenance"]["key"], sheets["provenance"]["value"], strict=True))
    assert provenance["rows"] == "1"
    assert provenance["filters"] == "q=laser"
    assert provenance["scope"] == "published records only"


def test_export_of_an_unknown_kind_is_404(client, users):
    client.force_login(users["member"])
    assert client.get("/verzeichnis/export/personen.csv").status_code == 404
    assert client.get("/verzeichnis/export/initiativen.pdf").status_code == 404


def test_only_the_state_admin_imports(client, users):
    for role in ("manager", "agency", "member", "analyst"):
        client.force_login(users[role])
        assert client.get(IMPORT).status_code == 403, role
    client.force_login(users["state_admin"])
    assert client.get(IMPORT).status_code == 200


ORGANISATIONS_CSV = (
    "slug;name;type;region;industries;city;employees;latitude;longitude;published\n"
    "laser-ag;Laser AG;firm_large;08111;26;Stuttgart;1200;48,78;9,18;ja\n"
    ";Hochschule Ulm;Universität;08115;P;Ulm;;;;\n"
)


def test_import_creates_all_rows(client, users, reference, regions):
    client.force_login(users["state_admin"])
    response = client.post(
        IMPORT, {"kind": "organisations", "file": upload("orgs.csv", ORGANISATIONS_CSV)}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.ok and (result.created, result.updated) == (2, 0)
    laser = Organisation.objects.get(slug="laser-ag")
    assert (laser.type, laser.region.code, laser.employees) == ("firm_large", "08111", 1200)
    assert (laser.latitude, laser.longitude) == (48.78, 9.18)
    assert list(laser.industries.values_list("code", flat=True)) == ["26"]
    school = Organisation.objects.get(name="Hochschule Ulm")
    assert (school.slug, school.type) == ("hochschule-ulm", "university")
    # imported records have an audit history entry by the importing user
    record = laser.history.get()
    assert (record.history_type, record.history_user) == ("+", users["state_admin"])


def test_import_with_one_bad_row_imports_nothing_and_reports_every_problem(
    client, users, reference, regions
):
    text = ORGANISATIONS_CSV + (
        "bad;Bad GmbH;spaceship;09999;ZZ;Ulm;-3;;;\nlaser-ag;Duplicate;firm_sme;;;;;;;\n"
    )
    client.force_login(users["state_admin"])
    response = client.post(IMPORT, {"kind": "organisations", "file": upload("orgs.csv", text)})
    result = response.context["result"]
    assert not result.ok
    assert Organisation.objects.count() == 0
    problems = {(p.row, p.column, p.value) for p in result.problems}
    assert problems == {
        (4, "type", "spaceship"),
        (4, "region", "09999"),
        (4, "industries", "ZZ"),
        (4, "employees", "-3"),
        (5, "slug", "laser-ag"),
    }
    expected = {(p.row, p.column): p.expected for p in result.problems}
    assert "08111" in expected[(4, "region")]
    assert "Zeile 2" in expected[(5, "slug")]  # duplicate of row 2, in German
    text = response.content.decode()
    assert "spaceship" in text and "Nichts wurde importiert" in text
    # the report can be downloaded as CSV
    report = client.get("/verzeichnis/import/bericht.csv")
    assert report.status_code == 200
    rows = pd.read_csv(io.BytesIO(report.content), sep=";", dtype=str, encoding="utf-8-sig")
    assert list(rows.columns) == ["row", "column", "value", "expected"]
    assert len(rows) == 5 and set(rows["row"]) == {"4", "5"}


def test_missing_required_and_unknown_columns_are_reported(client, users, reference):
    client.force_login(users["state_admin"])
    response = client.post(
        IMPORT, {"kind": "organisations", "file": upload("o.csv", "name,colour\nX,blue\n")}
    )
    problems = [(p.row, p.column) for p in response.context["result"].problems]
    assert problems == [(1, "colour"), (1, "type")]


def test_initiatives_import_updates_by_slug_and_keeps_absent_columns(client, users, records):
    text = (
        "slug;name;technology_fields;regions;founding_year;status;published;funding_sources\n"
        "photonics;Photonics BW;Photonik;08;2011;Ruhend;true;land-bw;\n"
        "newnet;New Network;;08212;;;;\n"
    ).replace(";\n", "\n")
    client.force_login(users["state_admin"])
    response = client.post(IMPORT, {"kind": "initiatives", "file": upload("i.csv", text)})
    result = response.context["result"]
    assert result.ok, result.problems
    assert (result.created, result.updated) == (1, 1)
    net = Initiative.objects.get(slug="photonics")
    assert (net.name, net.founding_year, net.status, net.published) == (
        "Photonics BW",
        2011,
        "dormant",
        True,
    )
    assert list(net.regions.values_list("code", flat=True)) == ["08"]
    assert list(net.funding_sources.values_list("slug", flat=True)) == ["land-bw"]
    new = Initiative.objects.get(slug="newnet")
    assert new.published is False and new.status == "active"


def test_memberships_import_checks_dates_and_references(client, users, records):
    text = (
        "initiative,organisation,role,since,until\n"
        "photonics,laser,Vorstandsmitglied,15.01.2020,\n"
        "draft,secret,member,2021-05-01,2020-01-01\n"
        "nowhere,laser,member,2021-13-01,\n"
    )
    client.force_login(users["state_admin"])
    response = client.post(IMPORT, {"kind": "memberships", "file": upload("m.csv", text)})
    problems = {(p.row, p.column) for p in response.context["result"].problems}
    assert problems == {(3, "until"), (4, "initiative"), (4, "since")}
    assert Membership.objects.count() == 3  # unchanged
    good = "initiative,organisation,role,since,until\nphotonics,laser,board,2020-01-15,2023-06-30\n"
    response = client.post(IMPORT, {"kind": "memberships", "file": upload("m.csv", good)})
    result = response.context["result"]
    assert result.ok and (result.created, result.updated) == (0, 1)
    membership = Membership.objects.get(initiative__slug="photonics", organisation__slug="laser")
    assert (membership.role, membership.until) == ("board", dt.date(2023, 6, 30))


def test_xlsx_import_roundtrips_an_export(client, users, records):
    client.force_login(users["state_admin"])
    exported = client.get("/verzeichnis/export/organisationen.xlsx").content
    Organisation.objects.filter(slug="laser").update(city="changed")
    response = client.post(
        IMPORT,
        {
            "kind": "organisations",
            "file": SimpleUploadedFile("o.xlsx", exported, content_type="application/octet-stream"),
        },
    )
    result = response.context["result"]
    assert result.ok, result.problems
    assert (result.created, result.updated) == (0, 2)
    laser = Organisation.objects.get(slug="laser")
    assert laser.city == "Stuttgart"
    assert sorted(laser.industries.values_list("code", flat=True)) == ["26", "C"]


def test_files_of_the_wrong_type_are_refused(client, users, reference):
    client.force_login(users["state_admin"])
    fake_xlsx = upload("orgs.xlsx", "name;type\nA;firm_sme\n")
    response = client.post(IMPORT, {"kind": "organisations", "file": fake_xlsx})
    assert "file" in response.context["form"].errors
    pdf = SimpleUploadedFile("orgs.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(IMPORT, {"kind": "organisations", "file": pdf})
    assert "file" in response.context["form"].errors
    binary = SimpleUploadedFile("orgs.csv", b"name\x00type", content_type="text/csv")
    response = client.post(IMPORT, {"kind": "organisations", "file": binary})
    assert "file" in response.context["form"].errors
    assert Organisation.objects.count() == 0


def test_windows_encoded_csv_is_read(client, users, reference, regions):
    text = "name;type;city\nMüller Präzision;firm_sme;Tübingen\n"
    client.force_login(users["state_admin"])
    response = client.post(
        IMPORT,
        {
            "kind": "organisations",
            "file": SimpleUploadedFile("o.csv", text.encode("cp1252"), content_type="text/csv"),
        },
    )
    assert response.context["result"].ok
    assert Organisation.objects.get().city == "Tübingen"
