"""Network pages: overview, an initiative's network, an organisation's ego network, import.

Views gather, check permissions and render; numbers come from stored runs of
:mod:`.analysis` and :mod:`.valuechains`, which call the pure library.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialog.web.directory.models import Initiative, Organisation
from clusterdialog.web.networks import analysis, exports, services
from clusterdialog.web.networks.forms import ImportForm
from clusterdialog.web.networks.imports import import_participations
from clusterdialog.web.networks.models import IntroductionStatus, PartnerSearch, Project
from clusterdialog.web.networks.presenters import (
    network_payload,
    organisation_labels,
    sector_name,
    type_label,
)
from clusterdialog.web.networks.valuechains import initiative_value_chain

__all__ = [
    "compute_platform",
    "import_page",
    "import_problems",
    "index",
    "initiative_data",
    "initiative_export",
    "initiative_network",
    "organisation_data",
    "organisation_network",
]

_SESSION_REPORT = "networks_import_report"
#: Positions of members at the edge of (or outside) the initiative's network.
LEFT_OUT = ("isolated", "detached", "peripheral")


def year_parameter(request: HttpRequest) -> int | None:
    """The ``jahr`` query parameter as a plausible year, else None."""
    raw = request.GET.get("jahr", "")
    if raw.isdigit() and 1950 <= int(raw) <= 2100:
        return int(raw)
    return None


def _with_year(url: str, year: int | None) -> str:
    return f"{url}?jahr={year}" if year else url


def _project_years() -> list[int]:
    dates = Project.objects.filter(published=True, start__isnull=False).dates("start", "year")
    return [d.year for d in dates]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Overview: partner searches, introductions, and the platform network for analysts."""
    user = request.user
    context = {
        "searches": PartnerSearch.objects.filter(status="open")
        .select_related("organisation")
        .order_by("-created")[:5],
        "matching": services.matching_partner_searches(user, limit=5),
        "pending": services.pending_introductions(user)[:10],
        "own_organisations": user.represented_organisations.order_by("name"),
        "managed": user.managed_initiatives.order_by("name"),
        "project_count": services.visible_projects(user).count(),
    }
    if user.has_perm("networks.view_platform_network"):
        year = year_parameter(request)
        snapshot, current = analysis.platform_network(year=year)
        context.update(platform=snapshot, current=current, year=year, years=_project_years())
        if snapshot is not None:
            metrics = snapshot.metrics
            ids = [r["organisation"] for r in metrics.get("top", [])[:20]]
            ids += [r["organisation"] for r in metrics.get("bridging", [])[:10]]
            labels = organisation_labels(ids, user)
            context["top"] = [
                {**r, **labels.get(r["organisation"], {}), "type_label": type_label(r["type"])}
                for r in metrics.get("top", [])[:20]
            ]
            context["bridging"] = [
                {**r, **labels.get(r["organisation"], {})} for r in metrics.get("bridging", [])[:10]
            ]
    return render(request, "networks/index.html", context)


@login_required
@require_POST
def compute_platform(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("networks.compute_platform_network"):
        raise PermissionDenied
    year = year_parameter(request)
    analysis.platform_network(year=year, user=request.user, compute=True)
    messages.success(request, _("The network of all organisations was computed."))
    return redirect(reverse("networks:index") + (f"?jahr={year}" if year else ""))


def _initiative_for(request: HttpRequest, slug: str) -> Initiative:
    """The initiative if ``request.user`` may see its network (404 / login / 403 otherwise)."""
    initiative = get_object_or_404(Initiative, slug=slug)
    allowed = request.user.has_perm("networks.view_initiative_network", initiative)
    if not initiative.published and not (
        allowed or request.user.has_perm("directory.view_initiative", initiative)
    ):
        raise Http404
    if not allowed:
        raise PermissionDenied
    return initiative


def _initiative_context(request: HttpRequest, initiative: Initiative, year: int | None) -> dict:
    """Network, gaps and value chain of an initiative for the page and the profile section."""
    snapshot = analysis.initiative_network(initiative, year=year, user=request.user)
    members = services.current_member_ids(initiative)
    payload = network_payload(snapshot, request.user, members=[str(m) for m in members])
    names = {n["id"]: n for n in payload["nodes"]}
    metrics = snapshot.metrics

    def named(rows: list[dict]) -> list[dict]:
        return [{**r, "name": names.get(r["organisation"], {}).get("name", "–")} for r in rows]

    type_gaps = [{**r, "label": type_label(r["type"])} for r in metrics.get("type_gaps", [])]
    run = initiative_value_chain(initiative)
    chain, gaps, sankey = [], [], ""
    regional_gaps: set[tuple[str, str]] = set()
    if run is not None:
        chain = [{**r, "label": sector_name(r["sector"])} for r in run.result.get("chain", [])]
        gaps = [{**r, "label": sector_name(r["sector"])} for r in run.result.get("gaps", [])]
        regional_gaps = {(g["role"], g["sector"]) for g in gaps}
        sankey = run.result.get("sankey", {}).get((get_language() or "de")[:2], "")
    coverage = [
        {
            **r,
            "label": sector_name(r["sector"]),
            "regional_gap": (r["role"], r["sector"]) in regional_gaps,
        }
        for r in metrics.get("value_chain_coverage", [])
    ]
    positions = named(metrics.get("positions", []))
    single = metrics.get("single_broker")
    return {
        "initiative": initiative,
        "snapshot": snapshot,
        "payload": payload,
        "nodes": sorted(payload["nodes"], key=lambda n: (-(n["betweenness"] or 0), n["name"])),
        "summary": payload["summary"],
        "year": year,
        "type_gaps": type_gaps,
        "industry_gaps": metrics.get("industry_gaps", []),
        "members_without_industry": metrics.get("members_without_industry", 0),
        "positions": positions,
        "left_out": [p for p in positions if p["position"] in LEFT_OUT],
        "brokers": [b for b in named(metrics.get("brokers", [])) if b["critical"]][:10],
        "single_broker": names.get(single, {}).get("name") if single else None,
        "triple_helix": metrics.get("triple_helix", []),
        "coverage": coverage,
        "value_chain": run,
        "chain": chain,
        "chain_gaps": gaps,
        "sankey": sankey,
        "notes": metrics.get("notes", []) + (run.result.get("notes", []) if run else []),
    }


@login_required
@require_GET
def initiative_network(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative's network: interactive graph, metric table, gaps and value chain."""
    initiative = _initiative_for(request, slug)
    year = year_parameter(request)
    context = _initiative_context(request, initiative, year)
    context["years"] = _project_years()
    context["data_url"] = _with_year(reverse("networks:initiative_data", args=[slug]), year)
    return render(request, "networks/initiative_network.html", context)


@login_required
@require_GET
def initiative_data(request: HttpRequest, slug: str) -> JsonResponse:
    """The initiative's network as JSON (nodes with metrics, edges, summary)."""
    initiative = _initiative_for(request, slug)
    year = year_parameter(request)
    snapshot = analysis.initiative_network(initiative, year=year, user=request.user)
    members = [str(m) for m in services.current_member_ids(initiative)]
    return JsonResponse(network_payload(snapshot, request.user, members=members))


@login_required
@require_GET
def initiative_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The metric table of an initiative's network as CSV or XLSX."""
    initiative = _initiative_for(request, slug)
    snapshot = analysis.initiative_network(initiative, year=year_parameter(request))
    payload = network_payload(snapshot, request.user)
    return exports.node_table_response(payload["nodes"], f"netzwerk-{initiative.slug}", fmt)


def _organisation_for(request: HttpRequest, slug: str) -> tuple[Organisation, bool, bool]:
    organisation = get_object_or_404(Organisation, slug=slug)
    ego = request.user.has_perm("networks.view_organisation_network", organisation)
    recommend = request.user.has_perm("networks.view_recommendations", organisation)
    if not organisation.published and not (ego or recommend):
        raise Http404
    if not (ego or recommend):
        raise PermissionDenied
    return organisation, ego, recommend


@login_required
@require_GET
def organisation_network(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's ego network and, for its representatives, partner recommendations."""
    organisation, ego, recommend = _organisation_for(request, slug)
    year = year_parameter(request)
    context = {
        "organisation": organisation,
        "year": year,
        "years": _project_years(),
        "data_url": _with_year(reverse("networks:organisation_data", args=[slug]), year),
    }
    if ego:
        snapshot = analysis.ego_network(organisation, year=year, user=request.user)
        payload = network_payload(snapshot, request.user)
        context.update(
            snapshot=snapshot,
            payload=payload,
            summary=payload["summary"],
            nodes=sorted(payload["nodes"], key=lambda n: (not n["ego"], -n["degree"], n["name"])),
        )
    if recommend:
        ranked = analysis.recommendations(organisation, language=(get_language() or "de")[:2])
        context["recommendations"] = ranked.to_dict(orient="records")
        context["introduced"] = set(
            request.user.introductions_requested.filter(
                status=IntroductionStatus.REQUESTED
            ).values_list("target__slug", flat=True)
        )
    return render(request, "networks/organisation_network.html", context)


@login_required
@require_GET
def organisation_data(request: HttpRequest, slug: str) -> JsonResponse:
    organisation, ego, _recommend = _organisation_for(request, slug)
    if not ego:
        raise PermissionDenied
    snapshot = analysis.ego_network(organisation, year=year_parameter(request), user=request.user)
    return JsonResponse(network_payload(snapshot, request.user))


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The state administrator imports joint projects (participation list or CORDIS)."""
    if not request.user.has_perm("networks.import_projects"):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_participations(
            upload,
            upload.name,
            format=form.cleaned_data["format"],
            dry_run=form.cleaned_data["dry_run"],
            user=request.user,
            **form.filters(),
        )
        request.session[_SESSION_REPORT] = json.dumps(report.as_dict(), default=str)
        if report.imported:
            messages.success(request, _("The file was imported."))
        elif report.problems:
            messages.error(request, _("The file was not imported: please correct the rows listed."))
    return render(request, "networks/import.html", {"form": form, "report": report})


@login_required
@require_GET
def import_problems(request: HttpRequest) -> HttpResponse:
    """The problems of the last import as CSV."""
    if not request.user.has_perm("networks.import_projects"):
        raise PermissionDenied
    stored = json.loads(request.session.get(_SESSION_REPORT) or "{}")
    return exports.problems_response(stored.get("problems", []))
