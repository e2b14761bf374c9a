"""Start-page panels of the dialogue app: registrations, invitations, consultations and,
for organisers, their upcoming events with registration counts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.dialogue import consultations, services

__all__ = ["panels"]


def panels(user) -> list[dict]:
    """The dialogue's panels for ``user``'s start page."""
    if user is None or not user.is_authenticated:
        return []
    result = [
        {
            "title": _("My events"),
            "template": "dialogue/panel_registrations.html",
            "context": list(services.upcoming_registrations(user)[:8]),
            "order": 20,
        }
    ]
    invitations = list(services.open_invitations(user)[:8])
    if invitations:
        result.append(
            {
                "title": _("Invitations"),
                "template": "dialogue/panel_invitations.html",
                "context": invitations,
                "order": 15,
            }
        )
    open_ones = list(consultations.open_consultations_for(user)[:8])
    if open_ones:
        result.append(
            {
                "title": _("Open consultations"),
                "template": "dialogue/panel_consultations.html",
                "context": open_ones,
                "order": 16,
            }
        )
    if user.has_perm("dialogue.add_event"):
        result.append(
            {
                "title": _("Events I organise"),
                "template": "dialogue/panel_organised.html",
                "context": list(services.organised_events(user)[:10]),
                "order": 21,
            }
        )
    return result
