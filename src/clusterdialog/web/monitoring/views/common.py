"""Helpers shared by the monitoring views: permission checks that answer 403 or 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from clusterdialog.web.directory.models import Initiative

__all__ = ["require", "initiative_for", "language"]


def require(request, permission: str, obj=None) -> None:
    """403 unless the signed-in user has ``permission`` on ``obj``."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def initiative_for(request, slug: str, permission: str) -> Initiative:
    """The initiative of ``slug`` (404 if unknown) if the user has ``permission`` on it (403)."""
    initiative = get_object_or_404(Initiative, slug=slug)
    require(request, permission, initiative)
    return initiative


def language() -> str:
    """``"de"`` or ``"en"``: the active language for the pure library's texts."""
    return "en" if (get_language() or "de").startswith("en") else "de"
