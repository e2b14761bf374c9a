"""The public section of an initiative's profile: its field in the official statistics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.analytics import services

__all__ = ["initiative_sections", "organisation_sections"]


def initiative_sections(request, initiative) -> list[dict]:
    """The latest year of the observation per region (stored run; no KPI values)."""
    if not request.user.has_perm("analytics.view_observation", initiative):
        return []
    summary = services.observation_summary(initiative)
    if summary is None or summary["message"]:
        return []
    latest = [
        {
            "code": region["code"],
            "name": region["name"],
            "first": region["rows"][0],
            "last": region["rows"][-1],
        }
        for region in summary["regions"]
        if region["rows"]
    ]
    return [
        {
            "title": _("The field in the official statistics"),
            "template": "analytics/profile_section.html",
            "context": {"initiative": initiative, "summary": summary, "latest": latest},
            "order": 70,
        }
    ]


def organisation_sections(request, organisation) -> list[dict]:
    return []
