"""Start-page panels of the networks app: notifications, introduction requests, partner searches."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.networks import services

__all__ = ["panels"]


def panels(user) -> list[dict]:
    """Panels for ``user``: unread notifications, requests waiting for her answer, and open
    partner searches that fit an organisation she represents (only those with content)."""
    if user is None or not user.is_authenticated:
        return []
    out = []
    notifications = list(services.unread_notifications(user)[:10])
    if notifications:
        out.append(
            {
                "title": _("Notifications"),
                "template": "networks/panel_notifications.html",
                "context": {"notifications": notifications},
                "order": 15,
            }
        )
    pending = list(services.pending_introductions(user)[:10])
    if pending:
        out.append(
            {
                "title": _("Introductions waiting for your answer"),
                "template": "networks/panel_introductions.html",
                "context": {"introductions": pending},
                "order": 20,
            }
        )
    searches = services.matching_partner_searches(user, limit=5)
    if searches:
        out.append(
            {
                "title": _("Partner searches that fit your organisation"),
                "template": "networks/panel_searches.html",
                "context": {"searches": searches},
                "order": 45,
            }
        )
    return out
