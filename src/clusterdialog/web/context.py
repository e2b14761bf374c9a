"""Template context shared by every page: demo flag, the user's role, navigation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

__all__ = ["platform"]


def platform(request: HttpRequest) -> dict:
    """Add ``demo`` and ``role`` (the signed-in user's role or ``None``) to the context."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {"demo": settings.DEMO, "role": role}
