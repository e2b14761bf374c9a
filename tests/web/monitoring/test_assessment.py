"""Management self-assessment: score, readiness, admin thresholds, evidence uploads, progress."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdialog.monitoring import DEFAULT_CRITERIA
from clusterdialog.web.monitoring import assessments
from clusterdialog.web.monitoring.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentSettings,
)

ALL_THREE = {c.key: 3 for c in DEFAULT_CRITERIA}  # 25 indicators × 3 = 75 points


@pytest.fixture
def assessment(initiative, manager):
    # media_presence (no minimum criterion) 0: 72 / 75 = 96 %; every minimum met → ready.
    return Assessment.objects.create(
        initiative=initiative,
        date=datetime.date(2025, 5, 1),
        answers={**ALL_THREE, "media_presence": 0},
        created_by=manager,
    )


def test_score_and_readiness_by_hand(assessment):
    result = assessments.score(assessment)
    assert (result.points, result.max_points) == (72, 75)
    assert result.score == pytest.approx(0.96)
    assert result.ready_for_label
    # A minimum criterion below its 2 points: 70 / 75 = 93.3 %, not ready.
    assessment.answers["documented_strategy"] = 1
    result = assessments.score(assessment)
    assert result.score == pytest.approx(70 / 75)
    assert not result.ready_for_label


def test_admin_configures_threshold_and_minimum_criteria(login, admin, assessment):
    client = login(admin)
    data = {"threshold": "0.97"}
    data.update({f"minimum_{c.key}": c.minimum_points or "" for c in DEFAULT_CRITERIA})
    assert client.post(reverse("monitoring:assessment_settings"), data).status_code == 302
    assert not assessments.score(assessment).ready_for_label  # 96 % < 97 %
    # No minimum criteria and 80 %: a weak strategy no longer blocks the label.
    data = {"threshold": "0.8"}
    client.post(reverse("monitoring:assessment_settings"), data)
    assert AssessmentSettings.current().minimum_criteria == {}
    assessment.answers["documented_strategy"] = 1
    assert assessments.score(assessment).ready_for_label


def test_settings_are_for_the_admin_only(login, manager):
    assert login(manager).get(reverse("monitoring:assessment_settings")).status_code == 403


def test_manager_fills_in_the_form_and_sees_the_score(login, manager, initiative):
    client = login(manager)
    data = {"date": "2025-06-30", "notes": ""}
    data.update({f"points_{key}": value for key, value in ALL_THREE.items()})
    data["points_media_presence"] = ""  # unanswered counts 0 points
    response = client.post(reverse("monitoring:assessment_create", args=[initiative.slug]), data)
    assessment = Assessment.objects.get(initiative=initiative)
    assert response.url == reverse("monitoring:assessment_detail", args=[assessment.pk])
    assert "media_presence" not in assessment.answers
    html = client.get(response.url).content.decode()
    assert "96,0 %" in html
    assert "Nach dieser Selbstbewertung bereit für ein Label" in html


def test_progress_over_time(initiative, manager, assessment):
    Assessment.objects.create(
        initiative=initiative, date=datetime.date(2026, 5, 1), answers=ALL_THREE
    )
    rows = [r for r in assessments.progress(initiative)["rows"] if r["area"] == "overall"]
    assert [r["score"] for r in rows] == [pytest.approx(0.96), pytest.approx(1.0)]
    assert rows[0]["change"] is None
    assert rows[1]["change"] == pytest.approx(0.04)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("satzung.pdf", PDF, True),
        ("foto.png", PNG, True),
        ("notiz.txt", "Protokoll der Sitzung – Beschlüsse".encode(), True),
        ("falsch.pdf", PNG, False),  # content does not match the extension
        ("programm.exe", b"MZ\x90\x00", False),
        ("leer.pdf", b"", False),
        ("kaputt.docx", b"PK\x03\x04not really a zip", False),
    ],
)
def test_evidence_uploads_are_checked(login, manager, assessment, name, content, accepted):
    upload = SimpleUploadedFile(name, content)
    client = login(manager)
    client.post(
        reverse("monitoring:evidence_upload", args=[assessment.pk]),
        {"indicator": "documented_strategy", "file": upload},
    )
    assert AssessmentEvidence.objects.filter(assessment=assessment).exists() is accepted


def test_evidence_larger_than_10_mb_is_refused(login, manager, assessment):
    upload = SimpleUploadedFile("gross.pdf", PDF + b"0" * (10 * 1024 * 1024))
    login(manager).post(
        reverse("monitoring:evidence_upload", args=[assessment.pk]),
        {"indicator": "documented_strategy", "file": upload},
    )
    assert not AssessmentEvidence.objects.exists()


def test_evidence_download_only_for_the_initiative(login, manager, other_manager, assessment):
    client = login(manager)
    client.post(
        reverse("monitoring:evidence_upload", args=[assessment.pk]),
        {"indicator": "documented_strategy", "file": SimpleUploadedFile("satzung.pdf", PDF)},
    )
    document = AssessmentEvidence.objects.get()
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    response = client.get(reverse("monitoring:evidence_download", args=[document.pk]))
    assert b"".join(response.streaming_content) == PDF
    url = reverse("monitoring:evidence_download", args=[document.pk])
    assert login(other_manager).get(url).status_code == 403
