"""Pages of the analytics app: datasets with provenance, upload, an initiative's observation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.errors import InputError
from clusterdialog.web.analytics import services
from clusterdialog.web.analytics.charts import observation_charts
from clusterdialog.web.analytics.forms import DatasetUploadForm
from clusterdialog.web.analytics.models import StatisticsDataset
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "index",
    "dataset_upload",
    "dataset_detail",
    "dataset_demo",
    "dataset_toggle",
    "observation",
]


def _require(request: HttpRequest, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(permission)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Datasets loaded into the platform and which one feeds the observation."""
    _require(request, "analytics.view_dataset")
    return render(
        request,
        "analytics/index.html",
        {
            "datasets": StatisticsDataset.objects.select_related("uploaded_by"),
            "current": services.current_dataset(),
            "can_add": request.user.has_perm("analytics.add_dataset"),
        },
    )


@login_required
def dataset_upload(request: HttpRequest) -> HttpResponse:
    _require(request, "analytics.add_dataset")
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.import_upload(
                form.cleaned_data["file"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                reader=form.cleaned_data["reader"],
                options=form.reader_options(),
                user=request.user,
            )
        except InputError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The dataset has been stored."))
            return redirect("analytics:dataset_detail", pk=dataset.pk)
    return render(request, "analytics/dataset_form.html", {"form": form})


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "analytics.view_dataset")
    dataset = get_object_or_404(StatisticsDataset, pk=pk)
    return render(
        request,
        "analytics/dataset_detail.html",
        {
            "dataset": dataset,
            "provenance": services.stored_provenance(dataset),
            "can_change": request.user.has_perm("analytics.change_dataset", dataset),
        },
    )


@login_required
@require_POST
def dataset_demo(request: HttpRequest) -> HttpResponse:
    """Load the shipped GENESIS Kreis × WZ panel 2015–2020 (once)."""
    _require(request, "analytics.add_dataset")
    dataset = services.load_demo_dataset(request.user)
    messages.success(request, _("The demo dataset is available."))
    return redirect("analytics:dataset_detail", pk=dataset.pk)


@login_required
@require_POST
def dataset_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Use or stop using a dataset for the observation."""
    dataset = get_object_or_404(StatisticsDataset, pk=pk)
    _require(request, "analytics.change_dataset", dataset)
    dataset.active = not dataset.active
    dataset.save(update_fields=["active"])
    return redirect("analytics:dataset_detail", pk=dataset.pk)


def observation(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative's field in its regions over time: employment, LQ, growth, stars.

    Public for published initiatives (official statistics, no KPI values).
    """
    initiative = get_object_or_404(Initiative, slug=slug)
    if not request.user.has_perm("analytics.view_observation", initiative):
        raise Http404
    summary = services.observation_summary(initiative)
    return render(
        request,
        "analytics/observation.html",
        {
            "initiative": initiative,
            "summary": summary,
            "charts": observation_charts(summary) if summary else [],
        },
    )
