"""Joint projects: list with search and filters, profile, create, edit, delete, participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialog.web.directory.services import visible_organisations
from clusterdialog.web.networks.forms import ParticipationForm, ProjectForm
from clusterdialog.web.networks.models import (
    ParticipationRole,
    Project,
    ProjectParticipation,
    ProjectSource,
)
from clusterdialog.web.networks.presenters import organisation_labels
from clusterdialog.web.networks.services import visible_projects

__all__ = [
    "PAGE_SIZE",
    "participant_add",
    "participant_remove",
    "project_create",
    "project_delete",
    "project_detail",
    "project_edit",
    "project_list",
]

PAGE_SIZE = 25


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """Joint projects: search in title and acronym, filters year, source; 25 per page."""
    projects = visible_projects(request.user).annotate(participants=Count("participations"))
    query = request.GET.get("q", "").strip()
    if query:
        projects = projects.filter(Q(title__icontains=query) | Q(acronym__icontains=query))
    year = request.GET.get("jahr", "")
    if year.isdigit():
        y = int(year)
        projects = projects.filter(start__year__lte=y).filter(
            Q(end__year__gte=y) | Q(end__isnull=True, start__year=y)
        )
    source = request.GET.get("quelle", "")
    if source in ProjectSource.values:
        projects = projects.filter(source=source)
    page = Paginator(projects.order_by("-start", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "networks/project_list.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "source": source,
            "sources": ProjectSource.choices,
            "params": params.urlencode(),
            "may_add": request.user.has_perm("networks.add_project"),
        },
    )


def _project_for(request: HttpRequest, pk: int, permission: str) -> Project:
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("networks.view_project", project):
        raise Http404
    if permission != "networks.view_project" and not request.user.has_perm(permission, project):
        raise PermissionDenied
    return project


def _participant_choices(user):
    if user.has_perm("networks.import_projects"):
        from clusterdialog.web.directory.models import Organisation

        return Organisation.objects.order_by("name")
    return visible_organisations(user).order_by("name").distinct()


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk, "networks.view_project")
    participations = list(project.participations.order_by("role", "organisation__name"))
    labels = organisation_labels([p.organisation_id for p in participations], request.user)
    rows = [{"participation": p, **labels[str(p.organisation_id)]} for p in participations]
    may_change = request.user.has_perm("networks.change_project", project)
    form = None
    if may_change:
        form = ParticipationForm(project=project, organisations=_participant_choices(request.user))
    return render(
        request,
        "networks/project_detail.html",
        {
            "project": project,
            "rows": rows,
            "may_change": may_change,
            "may_delete": request.user.has_perm("networks.delete_project", project),
            "form": form,
        },
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("networks.add_project"):
        raise PermissionDenied
    own = request.user.represented_organisations.order_by("name")
    admin = request.user.has_perm("networks.import_projects")
    form = ProjectForm(
        request.POST or None, organisations=None if admin and not own.exists() else own
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.source = ProjectSource.MANUAL
            project.created_by = request.user
            project.save()
            organisation = form.cleaned_data.get("organisation")
            if organisation is not None:
                ProjectParticipation.objects.create(
                    project=project,
                    organisation=organisation,
                    role=form.cleaned_data.get("role") or ParticipationRole.PARTICIPANT,
                )
        messages.success(request, _("The project was saved."))
        return redirect("networks:project_detail", pk=project.pk)
    return render(request, "networks/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk, "networks.change_project")
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The project was saved."))
        return redirect("networks:project_detail", pk=project.pk)
    return render(request, "networks/project_form.html", {"form": form, "project": project})


@login_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk, "networks.delete_project")
    if request.method == "POST":
        project.delete()
        messages.success(request, _("The project was deleted."))
        return redirect("networks:project_list")
    return render(request, "networks/project_confirm_delete.html", {"project": project})


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk, "networks.change_project")
    form = ParticipationForm(
        request.POST, project=project, organisations=_participant_choices(request.user)
    )
    if form.is_valid():
        participation = form.save(commit=False)
        participation.project = project
        participation.save()
        messages.success(request, _("The organisation was added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("networks:project_detail", pk=project.pk)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int, participation: int) -> HttpResponse:
    project = _project_for(request, pk, "networks.change_project")
    get_object_or_404(ProjectParticipation, pk=participation, project=project).delete()
    messages.success(request, _("The organisation was removed from the project."))
    return redirect("networks:project_detail", pk=project.pk)
