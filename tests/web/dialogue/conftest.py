"""Fixtures of the dialogue tests: events, topic tags and real upload files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue.knowledge import ensure_topic_tags
from clusterdialog.web.dialogue.models import Event, EventKind


def days_from_now(days: float, hour: int | None = None) -> dt.datetime:
    moment = timezone.now() + dt.timedelta(days=days)
    if hour is not None:
        local = timezone.localtime(moment)
        moment = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the test users' passwords quickly (argon2 itself is tested with the accounts)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tags(db):
    ensure_topic_tags()


@pytest.fixture
def admin(users):
    return users[Role.STATE_ADMIN]


@pytest.fixture
def make_event(db, users):
    """Create a published event starting in 10 days (3 hours long) organised by the
    state administrator: ``make_event(capacity=2)``."""

    def make(title: str = "Cluster-Dialog", **fields) -> Event:
        start = fields.pop("start", days_from_now(10, hour=10))
        fields.setdefault("end", start + dt.timedelta(hours=3))
        fields.setdefault("kind", EventKind.CLUSTER_DIALOG)
        fields.setdefault("organiser", users[Role.STATE_ADMIN])
        fields.setdefault("published", True)
        return Event.objects.create(title=title, start=start, **fields)

    return make


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def ooxml_bytes(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Kennzahl", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
