"""Views of the dialogue app: the overview page and the three areas (events, knowledge
exchange, consultations), one module each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterdialog.web.dialogue import consultations as consultation_services
from clusterdialog.web.dialogue import knowledge as knowledge_services
from clusterdialog.web.dialogue import services as event_services

__all__ = ["index"]


def index(request: HttpRequest) -> HttpResponse:
    """The dialogue's overview: next events; for signed-in users also new posts and the
    open consultations they are asked to answer."""
    user = request.user
    context = {"events": list(event_services.calendar_events(user, period="upcoming")[:6])}
    if user.is_authenticated:
        context["posts"] = list(knowledge_services.post_list(user)[:5])
        context["consultations"] = list(consultation_services.open_consultations_for(user)[:5])
        context["invitations"] = list(event_services.open_invitations(user)[:5])
    return render(request, "dialogue/index.html", context)
