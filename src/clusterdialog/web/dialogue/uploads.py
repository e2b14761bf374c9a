"""Uploaded documents: allowed types checked by extension AND content, size limit, storage.

Minutes, presentations and attachments of posts may be PDF, DOCX, XLSX, PPTX or
ODT files of at most :data:`MAX_UPLOAD_BYTES`.  The extension alone proves
nothing, so the first bytes are read as well: a PDF starts with ``%PDF-``; the
Office Open XML formats are ZIP archives holding ``[Content_Types].xml`` and the
main part of their kind (``word/document.xml``, ``xl/workbook.xml``,
``ppt/presentation.xml``); an ODT is a ZIP archive whose ``mimetype`` member
names the OpenDocument text type.  Files are stored under ``MEDIA_ROOT`` with a
random name and served only through views that check permissions.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_UPLOAD_BYTES",
    "CONTENT_TYPES",
    "check_document",
    "document_upload_path",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

#: Extension → the member a ZIP container must hold (``None``: not a ZIP format).
_ZIP_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
}
ALLOWED_EXTENSIONS = tuple(CONTENT_TYPES)


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension == "odt":
                return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
            return "[Content_Types].xml" in names and _ZIP_MAIN_PART[extension] in names
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False
    finally:
        upload.seek(0)


def check_document(upload) -> str:
    """Validate an uploaded file; return its lower-case extension.

    Parameters
    ----------
    upload
        A Django ``UploadedFile`` (or any binary file object with ``name`` and ``size``).

    Raises
    ------
    django.core.exceptions.ValidationError
        With code ``extension`` (not one of :data:`ALLOWED_EXTENSIONS`), ``size``
        (larger than :data:`MAX_UPLOAD_BYTES` or empty) or ``content`` (the bytes are
        not a file of the type the extension claims).
    """
    name = getattr(upload, "name", "") or ""
    extension = _extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only %(allowed)s files can be uploaded, not “%(name)s”."),
            code="extension",
            params={"allowed": ", ".join(e.upper() for e in ALLOWED_EXTENSIONS), "name": name},
        )
    size = upload.size
    if size is None or size == 0:
        raise ValidationError(
            _("The file “%(name)s” is empty."), code="size", params={"name": name}
        )
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s MB large; at most %(limit)s MB are allowed."),
            code="size",
            params={
                "name": name,
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
        )
    if not _content_matches(upload, extension):
        raise ValidationError(
            _("The content of “%(name)s” is not a %(type)s file."),
            code="content",
            params={"name": name, "type": extension.upper()},
        )
    return extension


def document_upload_path(instance, filename: str) -> str:
    """Storage path under ``MEDIA_ROOT``: ``dialogue/<folder>/<random>.<ext>``.

    The original name is kept in the model (``original_name``), never in the path.
    """
    folder = getattr(instance, "upload_folder", "files")
    return f"dialogue/{folder}/{uuid.uuid4().hex}.{_extension(filename)}"
