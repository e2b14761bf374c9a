"""Uploads: type checked by extension AND content, 10 MB limit, permission to download."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import ValidationError

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue.models import EventDocument, PostAttachment
from clusterdialog.web.dialogue.uploads import MAX_UPLOAD_BYTES, check_document
from tests.web.dialogue.conftest import (
    odt_bytes,
    ooxml_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
)


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("Protokoll.PDF", pdf_bytes(), "pdf"),
        ("Bericht.docx", ooxml_bytes("word/document.xml"), "docx"),
        ("Zahlen.xlsx", xlsx_bytes(), "xlsx"),
        ("Folien.pptx", ooxml_bytes("ppt/presentation.xml"), "pptx"),
        ("Notizen.odt", odt_bytes(), "odt"),
    ],
)
def test_the_five_document_types_are_accepted(name, content, extension):
    assert check_document(upload(name, content)) == extension


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "extension"),
        ("seite.html", b"<html><script>alert(1)</script>", "extension"),
        ("ohne-endung", pdf_bytes(), "extension"),
        ("getarnt.pdf", b"<html><script>alert(1)</script>", "content"),
        ("getarnt.docx", pdf_bytes(), "content"),
        ("tabelle.docx", xlsx_bytes(), "content"),  # a ZIP, but a workbook, not a document
        ("kaputt.xlsx", b"PK\x03\x04 not really a zip", "content"),
        ("text.odt", ooxml_bytes("word/document.xml"), "content"),
        ("leer.pdf", b"", "size"),
    ],
)
def test_wrong_types_are_rejected_by_extension_or_content(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_document(upload(name, content))
    assert error.value.code == code


def test_files_over_ten_megabytes_are_rejected():
    big = pdf_bytes() + b"0" * (MAX_UPLOAD_BYTES + 1 - len(pdf_bytes()))
    with pytest.raises(ValidationError) as error:
        check_document(upload("gross.pdf", big))
    assert error.value.code == "size"
    exactly = pdf_bytes() + b"0" * (MAX_UPLOAD_BYTES - len(pdf_bytes()))
    assert check_document(upload("genau.pdf", exactly)) == "pdf"


@pytest.mark.django_db
def test_organiser_uploads_minutes_and_a_document_signed_in_users_download(
    client, make_event, users, make_user
):
    event = make_event("Treffen")
    client.force_login(users[Role.STATE_ADMIN])
    url = f"/dialog/veranstaltungen/{event.pk}/protokoll/"
    client.post(url, {"minutes": "Ergebnis: **drei** Arbeitsgruppen."})
    response = client.post(url, {"title": "Folien", "file": upload("Folien.pdf", pdf_bytes())})
    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert (document.title, document.extension, document.size) == (
        "Folien",
        "pdf",
        len(pdf_bytes()),
    )
    assert "Folien" not in document.file.name  # stored under a random name

    member = make_user(Role.MEMBER)
    client.force_login(member)
    page = client.get(f"/dialog/veranstaltungen/{event.pk}/").content.decode()
    assert "<strong>drei</strong>" in page
    response = client.get(f"/dialog/veranstaltungen/{event.pk}/dokumente/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Folien.pdf"' == response["Content-Disposition"]

    client.logout()
    response = client.get(f"/dialog/veranstaltungen/{event.pk}/dokumente/{document.pk}/")
    assert response.status_code == 302  # sign in first
    assert "drei" not in client.get(f"/dialog/veranstaltungen/{event.pk}/").content.decode()


@pytest.mark.django_db
def test_disguised_and_oversized_uploads_are_refused_on_the_page(client, make_event, users):
    event = make_event("Treffen")
    client.force_login(users[Role.STATE_ADMIN])
    url = f"/dialog/veranstaltungen/{event.pk}/protokoll/"
    response = client.post(
        url, {"file": upload("rechnung.pdf", b"<html>nope</html>")}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "is not a PDF file" in response.content.decode()
    big = pdf_bytes() + b"0" * MAX_UPLOAD_BYTES
    response = client.post(url, {"file": upload("gross.pdf", big)}, HTTP_ACCEPT_LANGUAGE="en")
    assert "at most 10 MB are allowed" in response.content.decode()
    assert not EventDocument.objects.exists()


@pytest.mark.django_db
def test_only_organisers_upload_event_documents(client, make_event, users):
    event = make_event("Treffen")
    client.force_login(users[Role.MANAGER])
    response = client.post(
        f"/dialog/veranstaltungen/{event.pk}/protokoll/",
        {"file": upload("Folien.pdf", pdf_bytes())},
    )
    assert response.status_code == 403
    assert not EventDocument.objects.exists()


@pytest.mark.django_db
def test_post_attachments_are_checked_too(client, users, tags):
    author = users[Role.MANAGER]
    client.force_login(author)
    response = client.post(
        "/dialog/austausch/neu/",
        {
            "kind": "document",
            "title": "Vorlage",
            "body": "Siehe Anhang.",
            "attachment-file": upload("vorlage.docx", b"MZ not a docx"),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not PostAttachment.objects.exists()
    response = client.post(
        "/dialog/austausch/neu/",
        {
            "kind": "document",
            "title": "Vorlage",
            "body": "Siehe Anhang.",
            "attachment-file": upload("vorlage.docx", ooxml_bytes("word/document.xml")),
        },
    )
    assert response.status_code == 302
    attachment = PostAttachment.objects.get()
    assert attachment.extension == "docx" and attachment.original_name == "vorlage.docx"


@pytest.mark.django_db
def test_stored_files_go_with_their_document_and_event(
    client, make_event, users, django_capture_on_commit_callbacks
):
    event = make_event("Treffen")
    client.force_login(users[Role.STATE_ADMIN])
    url = f"/dialog/veranstaltungen/{event.pk}/protokoll/"
    for name in ("eins.pdf", "zwei.pdf"):
        client.post(url, {"file": upload(name, pdf_bytes())})
    first, second = EventDocument.objects.order_by("pk")
    paths = [first.file.path, second.file.path]
    assert all(os.path.exists(path) for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/dialog/veranstaltungen/{event.pk}/dokumente/{first.pk}/loeschen/")
    assert not os.path.exists(paths[0]) and os.path.exists(paths[1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/dialog/veranstaltungen/{event.pk}/loeschen/")
    assert not os.path.exists(paths[1])
