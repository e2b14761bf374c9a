"""Sections the networks app adds to the directory's profile pages.

* Initiative: network summary with a link to the network page, the gap
  analysis and the regional value chain — for those who may see the network.
* Organisation: its published joint projects (everybody), a contact request
  (signed-in users), and the ego network and partner recommendations for
  those allowed.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.networks import analysis
from clusterdialog.web.networks.models import IntroductionStatus, Project

__all__ = ["initiative_sections", "organisation_sections"]


def _open_requests(user) -> set[str]:
    """Slugs of organisations ``user`` has an unanswered introduction request to."""
    return set(
        user.introductions_requested.filter(status=IntroductionStatus.REQUESTED).values_list(
            "target__slug", flat=True
        )
    )


def initiative_sections(request, initiative) -> list[dict]:
    if not request.user.has_perm("networks.view_initiative_network", initiative):
        return []
    from clusterdialog.web.networks.views import _initiative_context

    context = _initiative_context(request, initiative, None)
    context["gaps_found"] = [g for g in context["type_gaps"] if g["status"] == "missing"]
    context["coverage_missing"] = [r for r in context["coverage"] if r["status"] == "missing"]
    return [
        {
            "title": _("Network of the members"),
            "template": "networks/section_initiative_network.html",
            "context": context,
            "order": 60,
        },
        {
            "title": _("Value chain"),
            "template": "networks/section_value_chain.html",
            "context": context,
            "order": 61,
        },
    ]


def organisation_sections(request, organisation) -> list[dict]:
    user = request.user
    out = []
    projects = list(
        Project.objects.filter(participations__organisation=organisation, published=True)
        .order_by("-start", "title")
        .distinct()[:10]
    )
    represents = user.is_authenticated and organisation.representatives.filter(pk=user.pk).exists()
    if projects or (user.is_authenticated and not represents):
        out.append(
            {
                "title": _("Joint projects"),
                "template": "networks/section_organisation_projects.html",
                "context": {
                    "organisation": organisation,
                    "projects": projects,
                    "may_contact": user.is_authenticated and not represents,
                },
                "order": 60,
            }
        )
    ego = user.has_perm("networks.view_organisation_network", organisation)
    recommend = user.has_perm("networks.view_recommendations", organisation)
    if ego or recommend:
        rows = []
        if recommend:
            language = (get_language() or "de")[:2]
            rows = analysis.recommendations(organisation, language=language, k=3).to_dict(
                orient="records"
            )
        out.append(
            {
                "title": _("Network and partners"),
                "template": "networks/section_organisation_network.html",
                "context": {
                    "organisation": organisation,
                    "rows": rows,
                    "recommend": recommend,
                    "introduced": _open_requests(user),
                },
                "order": 61,
            }
        )
    return out
