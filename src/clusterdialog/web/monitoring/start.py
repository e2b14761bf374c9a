"""Start-page panels of the monitoring app, chosen by role."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring import dashboards, member_surveys, services
from clusterdialog.web.monitoring.models import ReportStatus

__all__ = ["panels"]


def panels(user) -> list[dict]:
    """Manager: reports due and the last benchmark; admin: reports to review and overdue
    reports; member representatives: survey waves to answer."""
    if not user.is_authenticated:
        return []
    out: list[dict] = []
    if user.has_perm("monitoring.view_portfolio"):
        out.append(
            {
                "title": _("KPI reports to review"),
                "template": "monitoring/panels/review.html",
                "context": {
                    "reports": list(
                        services.reports_for(user)
                        .filter(status=ReportStatus.SUBMITTED)
                        .order_by("submitted_at")[:20]
                    )
                },
                "order": 20,
            }
        )
        out.append(
            {
                "title": _("Overdue KPI reports"),
                "template": "monitoring/panels/overdue.html",
                "context": {"rows": services.overdue_reports()[:30]},
                "order": 21,
            }
        )
    initiatives = list(Initiative.objects.filter(managers=user).order_by("name"))
    if initiatives:
        out.append(
            {
                "title": _("KPI reports due"),
                "template": "monitoring/panels/due.html",
                "context": {"rows": services.reports_due(user)},
                "order": 20,
            }
        )
        out.append(
            {
                "title": _("Comparison with peers"),
                "template": "monitoring/panels/benchmark.html",
                "context": {
                    "items": [
                        {
                            "initiative": initiative,
                            **dashboards.benchmark_headline(initiative),
                        }
                        for initiative in initiatives
                    ]
                },
                "order": 22,
            }
        )
    waves = member_surveys.open_waves_for(user)
    if waves:
        out.append(
            {
                "title": _("Member surveys to answer"),
                "template": "monitoring/panels/surveys.html",
                "context": {"waves": waves},
                "order": 30,
            }
        )
    return out
