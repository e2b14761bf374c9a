"""Imports of joint projects: generic lists and CORDIS, all-or-nothing, with a report."""

from __future__ import annotations

import csv
import gzip
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Organisation, OrganisationType
from clusterdialog.web.networks.imports import import_participations, normalise_name
from clusterdialog.web.networks.models import (
    OrganisationIdentifier,
    Project,
    ProjectParticipation,
)

pytestmark = pytest.mark.django_db

CORDIS = Path("/work/shared/data/cordis_h2020_participations.csv.gz")
GENERIC = """project;organisation;role;contribution;start;end;organisation_type;project_id
Leichtbau 4.0;Müller Präzisionstechnik GmbH;coordinator;"120.000,50";01.03.2021;28.02.2023;;LB-1
Leichtbau 4.0;Hochschule Esslingen;participant;80000;01.03.2021;28.02.2023;university;LB-1
Sensorik im Feld;Hochschule Esslingen;koordinator;;2022-01-01;;;
Sensorik im Feld;Neue Firma AG;teilnehmer;1.5;2022-01-01;;firm_sme;
"""


def csv_bytes(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def test_normalised_names_ignore_case_umlauts_punctuation_and_legal_forms():
    assert normalise_name("MUELLER Präzisionstechnik  gmbh") == "mueller praezisionstechnik"
    assert normalise_name("Verein Holz e.V.") == "verein holz"
    assert normalise_name("Institut für Mikrotechnik") != normalise_name("Institut Mikrotechnik")


def test_generic_list_matches_by_name_and_creates_the_rest_unpublished(make_organisation):
    mueller = make_organisation("Müller Präzisionstechnik GmbH & Co. KG", slug="mueller")
    report = import_participations(csv_bytes(GENERIC), "projekte.csv", format="generic")
    assert report.imported and not report.problems
    assert (report.projects_created, report.participations_created) == (2, 4)
    assert (report.organisations_matched, report.organisations_created) == (1, 2)
    created = Organisation.objects.get(name="Neue Firma AG")
    assert not created.published and created.type == OrganisationType.FIRM_SME
    uni = Organisation.objects.get(name="Hochschule Esslingen")
    assert uni.type == OrganisationType.UNIVERSITY and not uni.published
    leichtbau = Project.objects.get(external_id="LB-1")
    assert (leichtbau.start.isoformat(), leichtbau.end.isoformat()) == ("2021-03-01", "2023-02-28")
    lead = ProjectParticipation.objects.get(project=leichtbau, organisation=mueller)
    assert (lead.role, lead.contribution) == ("coordinator", Decimal("120000.50"))
    small = ProjectParticipation.objects.get(organisation=created)
    assert (small.role, small.contribution) == ("participant", Decimal("1.50"))


def test_importing_the_same_list_twice_adds_nothing(make_organisation):
    import_participations(csv_bytes(GENERIC), "projekte.csv")
    report = import_participations(csv_bytes(GENERIC), "projekte.csv")
    assert report.imported
    assert (report.projects_created, report.projects_updated) == (0, 2)
    assert (report.organisations_created, report.participations_created) == (0, 0)
    assert Project.objects.count() == 2 and ProjectParticipation.objects.count() == 4


def test_one_bad_row_stops_the_whole_import_and_is_reported():
    bad = GENERIC + "Defekt;Irgendwer;chef;-5;31.02.2020;;robot;\n"
    report = import_participations(csv_bytes(bad), "projekte.csv")
    assert not report.imported
    assert Project.objects.count() == 0 and Organisation.objects.count() == 0
    problems = {(p.row, p.column): p.value for p in report.problems}
    assert problems == {
        (6, "role"): "chef",
        (6, "contribution"): "-5",
        (6, "start"): "31.02.2020",
        (6, "organisation_type"): "robot",
    }
    assert "PRC" in next(p.expected for p in report.problems if p.column == "organisation_type")
    assert report.problems_csv().splitlines()[0] == "row,column,value,expected"


def test_missing_columns_are_reported():
    report = import_participations(csv_bytes("titel;rolle\nA;x\n"), "x.csv")
    assert not report.imported and len(report.problems) == 1
    assert "organisation" in report.problems[0].expected


def test_xlsx_lists_are_read_too():
    book = Workbook()
    book.active.append(["Projekt", "Organisation", "Rolle"])
    book.active.append(["Holzbau digital", "Sägewerk Maier", "Koordinator"])
    book.active.append(["Holzbau digital", "Zimmerei Huber", "Teilnehmer"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    report = import_participations(buffer, "liste.xlsx")
    assert report.imported and report.participations_created == 2
    assert Project.objects.get().title == "Holzbau digital"


def test_files_that_are_not_what_they_claim_are_refused():
    report = import_participations(io.BytesIO(b"not a zip"), "liste.xlsx")
    assert not report.imported and "XLSX" in report.problems[0].expected
    report = import_participations(io.BytesIO(b"plain"), "liste.csv.gz")
    assert "gzip" in report.problems[0].expected


def _german_rows(n: int) -> list[dict]:
    """The first n German participations of the shared CORDIS file, read with csv."""
    with gzip.open(CORDIS, "rt", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["country"] == "DE"]
    return rows[:n]


def test_cordis_sample_of_german_participations():
    expected = _german_rows(300)
    report = import_participations(CORDIS, CORDIS.name, format="cordis", country="DE", limit=300)
    assert report.imported, report.problems[:3]
    assert report.rows_read == 144_726 and report.rows_selected == 300
    pics = {r["pic"] for r in expected}
    rcns = {r["rcn"] for r in expected}
    assert report.organisations_created == len(pics)
    assert report.projects_created == len(rcns)
    assert ProjectParticipation.objects.count() == len({(r["rcn"], r["pic"]) for r in expected})
    assert OrganisationIdentifier.objects.filter(scheme="cordis_pic").count() == len(pics)
    mapping = {"PRC": "firm_sme", "HES": "university", "REC": "research", "PUB": "public",
               "OTH": "other"}  # fmt: skip
    first = expected[0]
    organisation = OrganisationIdentifier.objects.get(value=first["pic"]).organisation
    assert organisation.type == mapping[first["type"]] and not organisation.published
    project = Project.objects.get(source="cordis", external_id=first["rcn"])
    assert project.start.isoformat() == first["start_date"]
    assert project.programme == "Horizon 2020"
    total = sum(Decimal(r["contribution"]) for r in expected if r["contribution"] != "NA")
    stored = sum(p.contribution or 0 for p in ProjectParticipation.objects.all())
    assert stored == total.quantize(Decimal("0.01"))
    again = import_participations(CORDIS, CORDIS.name, format="cordis", country="DE", limit=300)
    assert (again.organisations_created, again.projects_created) == (0, 0)
    assert again.organisations_matched == len(pics)


def test_cordis_organisation_table_matches_names_and_filters_postcodes(make_organisation):
    stuttgart = make_organisation("Universität Stuttgart", slug="uni-stuttgart")
    text = (
        "projectID;projectAcronym;organisationID;name;activityType;role;ecContribution;"
        "country;postCode;city\n"
        "101;ABC;999111222;UNIVERSITAET STUTTGART;HES;coordinator;1000;DE;70174;Stuttgart\n"
        "101;ABC;999333444;Firma Nord GmbH;PRC;participant;500;DE;20095;Hamburg\n"
        "101;ABC;999555666;Société Sud;PRC;participant;500;FR;13001;Marseille\n"
    )
    report = import_participations(
        csv_bytes(text), "organization.csv", format="cordis", country="DE", postcodes=["7"]
    )
    assert report.imported and report.rows_selected == 1
    assert report.organisations_matched == 1 and report.organisations_created == 0
    assert OrganisationIdentifier.objects.get(value="999111222").organisation == stuttgart
    assert Project.objects.get().acronym == "ABC"


def test_cordis_filters_need_their_columns():
    report = import_participations(CORDIS, CORDIS.name, format="cordis", postcodes=["7"])
    assert not report.imported
    assert "postcode" in report.problems[0].expected


def test_management_command_imports_and_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(GENERIC, encoding="utf-8")
    out = io.StringIO()
    call_command("import_participations", str(path), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and Project.objects.count() == 0
    call_command("import_participations", str(path), stdout=out)
    assert Project.objects.count() == 2


def test_import_page_for_the_state_administrator_only(client, make_user):
    client.force_login(make_user(Role.MANAGER))
    assert client.get("/netzwerke/import/").status_code == 403
    client.force_login(make_user(Role.STATE_ADMIN))
    assert client.get("/netzwerke/import/").status_code == 200
    bad = GENERIC + "Defekt;Irgendwer;chef;;;;;\n"
    upload = SimpleUploadedFile("liste.csv", bad.encode(), content_type="text/csv")
    response = client.post("/netzwerke/import/", {"file": upload, "format": "generic"})
    assert response.status_code == 200
    assert response.context["report"].problems[0].row == 6
    assert Project.objects.count() == 0
    problems = client.get("/netzwerke/import/probleme.csv").content.decode("utf-8-sig")
    assert problems.splitlines()[1].startswith("6;role;chef;")
    upload = SimpleUploadedFile("liste.csv", GENERIC.encode(), content_type="text/csv")
    response = client.post("/netzwerke/import/", {"file": upload, "format": "generic"})
    assert response.context["report"].imported and Project.objects.count() == 2
    fake = SimpleUploadedFile("liste.xlsx", b"hello", content_type="application/octet-stream")
    response = client.post("/netzwerke/import/", {"file": fake, "format": "generic"})
    assert "file" in response.context["form"].errors
