"""REST API of the analytics app: datasets (signed-in users) and the public observation
of published initiatives (official statistics of their field, no KPI values)."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router

from clusterdialog.web.analytics import services
from clusterdialog.web.analytics.models import StatisticsDataset
from clusterdialog.web.analytics.schemas import DatasetList, ObservationOut
from clusterdialog.web.api import Error, bearer, optional_bearer, require_permission
from clusterdialog.web.directory.models import Initiative

__all__ = ["PREFIX", "router"]

PREFIX = ""
router = Router(tags=["analytics"])

_FIELDS = (
    "id",
    "name",
    "source",
    "sha256",
    "reader",
    "table",
    "credit",
    "rows",
    "regions",
    "industries",
    "periods",
    "package_version",
    "active",
    "created",
)


@router.get(
    "/analytics/datasets",
    response={200: DatasetList, 401: Error, 403: Error},
    auth=bearer,
    summary="Statistics datasets loaded into the platform, with provenance",
)
def dataset_list(
    request, limit: int = Query(25, ge=1, le=200), offset: int = Query(0, ge=0, le=10_000_000)
):
    require_permission(request.user, "analytics.view_dataset")
    datasets = StatisticsDataset.objects.all()
    items = [
        {field: getattr(dataset, field) for field in _FIELDS}
        for dataset in datasets[offset : offset + limit]
    ]
    return {"count": datasets.count(), "items": items}


@router.get(
    "/analytics/observation/{initiative}",
    response={200: ObservationOut, 401: Error, 404: Error},
    auth=optional_bearer,
    summary="Employment, LQ, growth and stars of the initiative's field in its regions",
)
def observation(request, initiative: str):
    if "\x00" in initiative:
        raise Http404("not found")
    record = Initiative.objects.filter(slug=initiative).first()
    if record is None or not request.user.has_perm("analytics.view_observation", record):
        raise Http404("initiative not found")
    run = services.observation(record)
    if run is None:
        return {
            "initiative": record.slug,
            "dataset": None,
            "credit": "",
            "industries": [],
            "regions": [],
            "message": "no_dataset",
            "computed_at": None,
            "rows": [],
        }
    return {
        "initiative": record.slug,
        "dataset": run.dataset_id,
        "credit": run.dataset.credit,
        "industries": run.industries,
        "regions": run.regions,
        "message": run.message,
        "computed_at": run.created,
        "rows": run.result,
    }
