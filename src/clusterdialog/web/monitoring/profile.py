"""Sections of the monitoring app on the directory's profile pages.

Raw KPI values stay private: the section appears only for the initiative's
cluster managers and the state administrator.  The public sees the official
statistics of the field (the analytics app's section) instead.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.monitoring import dashboards

__all__ = ["initiative_sections", "organisation_sections"]


def initiative_sections(request, initiative) -> list[dict]:
    if not request.user.has_perm("monitoring.view_dashboard", initiative):
        return []
    return [
        {
            "title": _("Monitoring (visible to the management and the ministry only)"),
            "template": "monitoring/profile_section.html",
            "context": {"initiative": initiative, **dashboards.latest_status(initiative)},
            "order": 60,
        }
    ]


def organisation_sections(request, organisation) -> list[dict]:
    return []
