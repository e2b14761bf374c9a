"""Datasets of official statistics and the stored observation runs of initiatives.

Datasets are read with the library's readers (:func:`clusterdialog.data.readers.read_panel`,
or the shipped demo panel :func:`clusterdialog.data.datasets.load_kreise_industries`)
and stored as Parquet with their provenance in the file's metadata.  The
observation of an initiative is computed by
:func:`clusterdialog.monitoring.field_observation` once per combination of
dataset, industries and regions and kept as an :class:`ObservationRun`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from django.core.files.base import ContentFile
from django.db import transaction

from clusterdialog import __version__
from clusterdialog.data.classifications.wz import wz_contains
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.web.analytics.models import DatasetSource, ObservationRun, StatisticsDataset
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "PANEL_COLUMNS",
    "current_dataset",
    "store_dataset",
    "load_demo_dataset",
    "import_upload",
    "read_dataset",
    "observation_inputs",
    "observation",
    "observation_summary",
    "invalidate_runs",
]

#: Columns kept in a stored dataset (names as the readers return them).
PANEL_COLUMNS = (
    "region",
    "region_name",
    "industry",
    "industry_name",
    "period",
    "value",
    "suppressed",
)
#: Label of the sum over the initiative's industries in the observation result.
FIELD = "field"


def current_dataset() -> StatisticsDataset | None:
    """The newest active dataset (the one the observation uses)."""
    return StatisticsDataset.objects.filter(active=True).order_by("-created", "-pk").first()


def _parquet_bytes(frame: pd.DataFrame, provenance: dict) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[b"clusterdialog.provenance"] = json.dumps(provenance, default=str).encode()
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
    return buffer.getvalue()


@transaction.atomic
def store_dataset(
    frame: pd.DataFrame,
    *,
    name: str,
    source: str,
    sha256: str,
    user=None,
    description: str = "",
    original_name: str = "",
) -> StatisticsDataset:
    """Store a validated long panel (columns of the readers) as Parquet with provenance."""
    missing = [c for c in ("region", "industry", "period", "value") if c not in frame.columns]
    if missing:
        raise InputError(
            f"frame: expected columns region, industry, period and value, missing {missing}"
        )
    attrs = frame.attrs.get("provenance")
    details = dict(getattr(attrs, "details", {}) or {})
    provenance = {
        **(attrs.as_dict() if attrs is not None else {}),
        "sha256": sha256,
        "package_version": __version__,
        "dataset": name,
    }
    keep = [c for c in PANEL_COLUMNS if c in frame.columns]
    data = frame[keep].copy()
    data.attrs = {}  # the provenance goes into the file's metadata below
    data["region"] = data["region"].astype(str)
    data["industry"] = data["industry"].astype(str)
    data["period"] = pd.to_numeric(data["period"]).astype(int)
    if "suppressed" not in data.columns:
        data["suppressed"] = data["value"].isna()
    dataset = StatisticsDataset(
        name=name,
        description=description,
        source=source,
        original_name=original_name,
        sha256=sha256,
        reader=str(getattr(attrs, "reader", "") or ""),
        table=str(getattr(attrs, "table", "") or ""),
        credit=str(details.get("credit", "")),
        provenance=json.loads(json.dumps(provenance, default=str)),
        rows=len(data),
        regions=int(data["region"].nunique()),
        industries=int(data["industry"].nunique()),
        periods=sorted(int(p) for p in data["period"].unique()),
        package_version=__version__,
        uploaded_by=user,
    )
    dataset.file.save(
        f"{sha256[:16]}.parquet", ContentFile(_parquet_bytes(data, provenance)), save=False
    )
    dataset.save()
    return dataset


def load_demo_dataset(user=None) -> StatisticsDataset:
    """The shipped GENESIS Kreis × WZ panel 2015–2020 as a dataset (created once)."""
    from clusterdialog.data.datasets import load_kreise_industries

    frame = load_kreise_industries()
    provenance = frame.attrs["provenance"]
    sha256 = (
        provenance.sha256
        or hashlib.sha256(
            pd.util.hash_pandas_object(frame[["region", "industry", "period", "value"]])
            .to_numpy()
            .tobytes()
        ).hexdigest()
    )
    existing = StatisticsDataset.objects.filter(source=DatasetSource.DEMO, sha256=sha256).first()
    if existing is not None:
        return existing
    return store_dataset(
        frame,
        name="Sozialversicherungspflichtig Beschäftigte nach Kreisen und WZ 2008, 2015–2020",
        description=(
            "Regionalstatistik 13111-07-05-4: employees at the place of work, 30 June, "
            "ten WZ 2008 section groups, all Kreise of Germany."
        ),
        source=DatasetSource.DEMO,
        sha256=sha256,
        user=user,
        original_name=str(provenance.source),
    )


def import_upload(
    upload, *, name: str, reader: str, options: dict, user, description=""
) -> StatisticsDataset:
    """Read an uploaded file with the library's reader and store it as a dataset."""
    from clusterdialog.data.readers import read_panel

    suffix = "".join(Path(upload.name).suffixes[-2:]) or ".csv"
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                digest.update(chunk)
                handle.write(chunk)
        frame = read_panel(path, reader=reader, **options)
    if "period" not in frame.columns:
        raise InputError("the table has no period column; the observation needs years")
    return store_dataset(
        frame,
        name=name,
        source=DatasetSource.UPLOAD,
        sha256=digest.hexdigest(),
        user=user,
        description=description,
        original_name=upload.name,
    )


@functools.lru_cache(maxsize=4)
def _read(path: str, sha256: str) -> pd.DataFrame:
    return pd.read_parquet(path)


def read_dataset(dataset: StatisticsDataset) -> pd.DataFrame:
    """The dataset's long table (cached per process by file and hash)."""
    return _read(dataset.file.path, dataset.sha256).copy()


def stored_provenance(dataset: StatisticsDataset) -> dict:
    """The provenance written into the Parquet file's metadata."""
    metadata = pq.read_schema(dataset.file.path).metadata or {}
    raw = metadata.get(b"clusterdialog.provenance")
    return json.loads(raw) if raw else {}


# --------------------------------------------------------------------------- observation


def _panel_industries(codes: list[str], available: list[str]) -> list[str]:
    """The panel's industries for the initiative's WZ codes: the code itself if the panel
    has it, otherwise the panel groupings that contain it (``29`` → ``B-E``)."""
    chosen: list[str] = []
    for code in codes:
        if code in available:
            matches = [code]
        else:
            matches = []
            for candidate in available:
                try:
                    if wz_contains(candidate, code):
                        matches.append(candidate)
                except (InputError, ValueError):
                    continue
        chosen.extend(match for match in matches if match not in chosen)
    return chosen


def _panel_regions(codes: list[str], available: list[str]) -> list[str]:
    """The panel's regions for the initiative's regions (a Land or Bezirk → its Kreise)."""
    chosen: list[str] = []
    for code in codes:
        matches = [code] if code in available else [r for r in available if r.startswith(code)]
        chosen.extend(match for match in matches if match not in chosen)
    return chosen


def observation_inputs(initiative: Initiative, dataset: StatisticsDataset) -> dict:
    """The initiative's industries and regions as codes of the dataset, and the run key."""
    frame = read_dataset(dataset)
    industries = _panel_industries(
        sorted(initiative.industries.values_list("code", flat=True)),
        sorted(frame["industry"].unique()),
    )
    regions = _panel_regions(
        sorted(initiative.regions.values_list("code", flat=True)),
        sorted(frame["region"].unique()),
    )
    key = hashlib.sha256(
        json.dumps([dataset.sha256, industries, regions, __version__]).encode()
    ).hexdigest()
    return {"industries": industries, "regions": regions, "key": key, "frame": frame}


def _records(result: pd.DataFrame) -> list[dict]:
    records = []
    for row in result.to_dict("records"):
        clean = {}
        for column, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[column] = value
        records.append(clean)
    return records


def observation(initiative: Initiative, dataset: StatisticsDataset | None = None):
    """The stored observation run of the initiative (computed once per input key).

    Returns ``None`` without a dataset.  A run whose inputs cannot be matched
    (no industry or region of the initiative in the dataset) is stored with a
    message and no result.
    """
    from clusterdialog.monitoring import field_observation

    dataset = dataset or current_dataset()
    if dataset is None:
        return None
    inputs = observation_inputs(initiative, dataset)
    run = ObservationRun.objects.filter(
        initiative=initiative, dataset=dataset, key=inputs["key"]
    ).first()
    if run is not None:
        return run
    message, records, notes = "", [], []
    if not inputs["industries"] or not inputs["regions"]:
        message = "no_match"
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataQualityWarning)
            result = field_observation(
                inputs["frame"],
                industries=inputs["industries"],
                regions=inputs["regions"],
                suppressed="zero",
                field_label=FIELD,
            )
        notes = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
        records = _records(result)
        if "region_name" in inputs["frame"].columns:
            names = (
                inputs["frame"].drop_duplicates("region").set_index("region")["region_name"]
            ).to_dict()
            for record in records:
                record.setdefault("region_name", names.get(record.get("region")))
    with transaction.atomic():
        ObservationRun.objects.filter(initiative=initiative).delete()
        run = ObservationRun.objects.create(
            initiative=initiative,
            dataset=dataset,
            key=inputs["key"],
            industries=inputs["industries"],
            regions=inputs["regions"],
            result=records,
            message=message,
            warnings=notes,
            package_version=__version__,
        )
    return run


def invalidate_runs(initiative_id: int) -> int:
    """Delete the stored runs of an initiative (its industries or regions changed)."""
    deleted, _counts = ObservationRun.objects.filter(initiative_id=initiative_id).delete()
    return deleted


def observation_summary(initiative: Initiative) -> dict | None:
    """The field's rows per region and period, for dashboards and the public profile."""
    run = observation(initiative)
    if run is None:
        return None
    field_rows = [row for row in run.result if row.get("industry") == FIELD]
    names = {row["region"]: row.get("region_name") or row["region"] for row in field_rows}
    by_region: dict[str, list[dict]] = {}
    for row in sorted(field_rows, key=lambda r: (r["region"], r["period"])):
        by_region.setdefault(row["region"], []).append(row)
    return {
        "run": run,
        "dataset": run.dataset,
        "regions": [
            {"code": code, "name": names.get(code, code), "rows": rows}
            for code, rows in by_region.items()
        ],
        "industries": run.industries,
        "message": run.message,
    }
