"""Helpers shared by the dialogue views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404

from clusterdialog.web.dialogue.uploads import CONTENT_TYPES

__all__ = ["require", "require_visible", "paginate", "download"]


def require(user, permission: str, obj=None) -> None:
    """403 unless ``user`` has ``permission`` on ``obj`` (views are behind login)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def require_visible(user, permission: str, obj) -> None:
    """404 unless ``user`` may see ``obj`` (unpublished or hidden records stay unknown)."""
    if not user.has_perm(permission, obj):
        raise Http404


def paginate(request, queryset, per_page: int = 25):
    return Paginator(queryset, per_page).get_page(request.GET.get("seite"))


def download(document) -> FileResponse:
    """Serve an uploaded document as an attachment under its original name."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=CONTENT_TYPES.get(document.extension, "application/octet-stream"),
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
