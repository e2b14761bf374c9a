"""What a locked-out caller sees: the JSON error shape on the API, a page elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

__all__ = ["lockout_response"]


def lockout_response(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Answer 429 after too many failed logins (django-axes ``AXES_LOCKOUT_CALLABLE``)."""
    if request.path.startswith("/api/"):
        body = {
            "status": 429,
            "code": "too_many_requests",
            "message": "too many failed logins; try again later",
            "details": [],
        }
        return JsonResponse({"error": body}, status=429)
    return render(request, "accounts/locked.html", status=429)
