"""Checks of uploaded evidence documents: extension, content and size."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = ["MAX_UPLOAD_BYTES", "ALLOWED_TYPES", "check_upload"]

#: Largest evidence document accepted (10 MB).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

#: Extension → (content type, kind of content check).
ALLOWED_TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "txt": ("text/plain", "text"),
    "csv": ("text/csv", "text"),
}


def _head(upload, size: int = 2048) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _content_matches(upload, kind: str) -> bool:
    head = _head(upload)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind in ("ooxml", "odf"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
        return "[Content_Types].xml" in names if kind == "ooxml" else "mimetype" in names
    if kind == "text":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character may be cut at the end of the sample.
            return error.start >= len(head) - 3
        return True
    return False


def check_upload(upload) -> str:
    """Validate an uploaded document; return its content type or raise ``ValidationError``."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of type %(type)s are not accepted; allowed are: %(allowed)s.")
            % {"type": extension or "?", "allowed": ", ".join(sorted(ALLOWED_TYPES))}
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    content_type, kind = ALLOWED_TYPES[extension]
    if not _content_matches(upload, kind):
        raise ValidationError(
            _("The content of the file does not match its extension .%(type)s.")
            % {"type": extension}
        )
    return content_type
