"""Sign in and out, the start page of each role."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterdialog.web.accounts.forms import EmailAuthenticationForm
from clusterdialog.web.hooks import app_modules

__all__ = ["LoginView", "LogoutView", "start", "start_panels"]

#: Apps that may contribute panels to the start page through ``<app>.start.panels(user)``.


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def start_panels(user) -> list[dict]:
    """Collect the start-page panels the apps offer for ``user``'s role.

    Each app may define ``clusterdialog.web.<app>.start.panels(user)`` returning a
    list of ``{"title", "template", "context", "order"}`` dictionaries.
    """
    panels = [panel for _, module in app_modules("start") for panel in module.panels(user)]
    return sorted(panels, key=lambda panel: panel.get("order", 50))


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: panels chosen by role."""
    return render(request, "accounts/start.html", {"panels": start_panels(request.user)})
