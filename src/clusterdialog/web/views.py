"""Project-level pages: the public home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterdialog.web.directory import services as directory_services

__all__ = ["home"]


def home(request: HttpRequest) -> HttpResponse:
    """Public start page: what the platform is, figures of the directory, next events."""
    return render(request, "home.html", {"figures": directory_services.public_figures()})
