"""Sections the dialogue app adds to profile pages of the directory."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.dialogue import services

__all__ = ["initiative_sections", "organisation_sections"]


def initiative_sections(request, initiative) -> list[dict]:
    """The initiative's upcoming events visible to the visitor (with a link to the
    calendar filtered on the initiative)."""
    events = list(
        services.calendar_events(request.user, period="upcoming", initiative=initiative.slug)[:5]
    )
    may_add = request.user.has_perm("dialogue.organise_for_initiative", initiative)
    if not events and not may_add:
        return []
    return [
        {
            "title": _("Upcoming events"),
            "template": "dialogue/section_initiative_events.html",
            "context": {"events": events, "initiative": initiative, "may_add": may_add},
            "order": 30,
        }
    ]


def organisation_sections(request, organisation) -> list[dict]:
    """The dialogue adds nothing to organisation profiles."""
    return []
