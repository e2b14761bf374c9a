"""Data of the dashboards: one initiative over time, the ministry's portfolio, peer benchmarks.

Values come from the database as long tables; traffic lights, size classes,
percentile ranks and peer medians are computed by :mod:`clusterdialog.monitoring`
(:func:`~clusterdialog.monitoring.kpi_status`, :func:`~clusterdialog.monitoring.size_class`,
:func:`~clusterdialog.monitoring.peer_benchmark`, :func:`~clusterdialog.monitoring.peer_trend`).
Peers' raw values never leave this module: benchmark results carry the own values
and aggregates over at least ``MIN_PEERS`` initiatives only.
"""

from __future__ import annotations

import math

import pandas as pd
from django.db.models import Prefetch, QuerySet

from clusterdialog.monitoring import kpi_status, peer_benchmark, peer_trend, size_class
from clusterdialog.web.directory.models import Initiative, Region, TechnologyField
from clusterdialog.web.monitoring.models import (
    Kpi,
    KpiReport,
    KpiTarget,
    KpiValue,
    ReportStatus,
)

__all__ = [
    "MIN_PEERS",
    "PEER_GROUPS",
    "PORTFOLIO_DEFAULT_KPIS",
    "directions",
    "initiative_series",
    "latest_status",
    "portfolio",
    "benchmark",
    "reported_years",
    "benchmark_headline",
]

#: Aggregates of peers are shown only for at least this many initiatives.
MIN_PEERS = 5
#: Peer groups of the benchmark.
PEER_GROUPS = ("all", "field", "size")
#: KPI columns of the portfolio table unless others are chosen.
PORTFOLIO_DEFAULT_KPIS = (
    "members",
    "share_sme",
    "new_members",
    "joint_projects",
    "events",
    "private_funding_share",
    "member_satisfaction",
)
#: Statuses whose values count for an initiative's own dashboard.
OWN_STATUSES = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.APPROVED,
    ReportStatus.RETURNED,
)


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def directions(kpis=None) -> dict[str, bool]:
    """kpi key → higher_is_better of the web catalogue (custom indicators included)."""
    kpis = kpis if kpis is not None else Kpi.objects.all()
    return {kpi.key: kpi.higher_is_better for kpi in kpis}


def _targets_frame(queryset) -> pd.DataFrame:
    rows = list(queryset.values_list("initiative_id", "kpi__key", "year", "value"))
    return pd.DataFrame(rows, columns=["initiative", "kpi", "period", "target"])


def approved_values(year: int | None = None, initiatives=None) -> pd.DataFrame:
    """Approved values as a long table: initiative, kpi, period, value (NaN-free)."""
    queryset = KpiValue.objects.filter(report__status=ReportStatus.APPROVED, value__isnull=False)
    if year is not None:
        queryset = queryset.filter(report__period__year=year)
    if initiatives is not None:
        queryset = queryset.filter(report__initiative__in=initiatives)
    rows = list(
        queryset.values_list("report__initiative_id", "kpi__key", "report__period__year", "value")
    )
    return pd.DataFrame(rows, columns=["initiative", "kpi", "period", "value"])


def reported_years() -> list[int]:
    """Years with at least one approved report, newest first."""
    return sorted(
        set(
            KpiReport.objects.filter(status=ReportStatus.APPROVED).values_list(
                "period__year", flat=True
            )
        ),
        reverse=True,
    )


# --------------------------------------------------------------------------- one initiative


def initiative_series(initiative: Initiative) -> list[dict]:
    """Per KPI: the time series of the initiative's reports with targets and lights.

    Values of every report of the initiative count (drafts included: it is the
    initiative's own view); each point says its report's status.
    """
    kpis = list(Kpi.objects.filter(active=True))
    rows = list(
        KpiValue.objects.filter(report__initiative=initiative, value__isnull=False).values_list(
            "kpi__key", "report__period__year", "value", "report__status"
        )
    )
    frame = pd.DataFrame(rows, columns=["kpi", "period", "value", "status"])
    targets = _targets_frame(KpiTarget.objects.filter(initiative=initiative)).drop(
        columns="initiative"
    )
    status = kpi_status(frame, targets=targets, kpis=directions(kpis))
    target_years = targets.set_index(["kpi", "period"])["target"].to_dict()
    series = []
    for kpi in kpis:
        own = status[status["kpi"] == kpi.key].sort_values("period")
        points = [
            {
                "year": int(row.period),
                "value": _number(row.value),
                "target": _number(row.target),
                "light": row.light,
                "status": row.status,
            }
            for row in own.itertuples()
        ]
        reported = {point["year"] for point in points}
        future = [
            {
                "year": int(year),
                "value": None,
                "target": float(value),
                "light": None,
                "status": None,
            }
            for (key, year), value in sorted(target_years.items())
            if key == kpi.key and year not in reported
        ]
        points = sorted(points + future, key=lambda point: point["year"])
        latest = next((p for p in reversed(points) if p["value"] is not None), None)
        series.append({"kpi": kpi, "points": points, "latest": latest})
    return series


def latest_status(initiative: Initiative) -> dict:
    """Headline of the initiative: the latest approved year with values and lights by KPI."""
    years = list(
        KpiReport.objects.filter(initiative=initiative, status=ReportStatus.APPROVED)
        .order_by("-period__year")
        .values_list("period__year", flat=True)[:1]
    )
    if not years:
        return {"year": None, "rows": []}
    year = years[0]
    kpis = list(Kpi.objects.filter(active=True))
    frame = approved_values(year, [initiative.pk])
    targets = _targets_frame(KpiTarget.objects.filter(initiative=initiative, year=year))
    status = kpi_status(frame, targets=targets, kpis=directions(kpis)).set_index("kpi")
    rows = [
        {
            "kpi": kpi,
            "value": _number(status.at[kpi.key, "value"]),
            "target": _number(status.at[kpi.key, "target"]),
            "light": status.at[kpi.key, "light"],
        }
        for kpi in kpis
        if kpi.key in status.index
    ]
    return {"year": year, "rows": rows}


# --------------------------------------------------------------------------- portfolio


def _member_counts(frame: pd.DataFrame) -> dict:
    members = frame[frame["kpi"] == "members"]
    return dict(zip(members["initiative"], members["value"], strict=True))


def portfolio(
    year: int,
    *,
    field: str = "",
    region: str = "",
    size: str = "",
    status: str = "",
    columns: tuple[str, ...] = PORTFOLIO_DEFAULT_KPIS,
    sort: str = "name",
    descending: bool = False,
) -> dict:
    """The portfolio table of all initiatives for ``year`` with lights against targets.

    Filters: technology field slug, region code (a Land or Bezirk includes its
    Kreise: codes are hierarchical), size class (``small``/``medium``/``large``
    of :func:`~clusterdialog.monitoring.size_class` on the members), initiative
    status.  ``sort`` is ``name``, ``size`` or a KPI key.  The number of queries
    does not depend on the number of initiatives.
    """
    initiatives: QuerySet[Initiative] = Initiative.objects.order_by("name").prefetch_related(
        Prefetch("technology_fields", queryset=TechnologyField.objects.order_by("name_de")),
        Prefetch("regions", queryset=Region.objects.order_by("code")),
    )
    if field:
        initiatives = initiatives.filter(technology_fields__slug=field)
    if region:
        initiatives = initiatives.filter(regions__code__startswith=region)
    if status:
        initiatives = initiatives.filter(status=status)
    initiatives = list(initiatives.distinct())
    kpis = {kpi.key: kpi for kpi in Kpi.objects.filter(active=True)}
    columns = tuple(key for key in columns if key in kpis)
    ids = [initiative.pk for initiative in initiatives]
    frame = approved_values(year, ids)
    targets = _targets_frame(KpiTarget.objects.filter(initiative__in=ids, year=year))
    checked = kpi_status(frame, targets=targets, kpis=directions(kpis.values()))
    cells = {(row.initiative, row.kpi): row for row in checked.itertuples()}
    members = _member_counts(frame)
    report_status = dict(
        KpiReport.objects.filter(initiative__in=ids, period__year=year).values_list(
            "initiative_id", "status"
        )
    )
    labels = dict(ReportStatus.choices)
    rows = []
    for initiative in initiatives:
        size_label = size_class(members[initiative.pk]) if initiative.pk in members else None
        if size and size_label != size:
            continue
        values = []
        for key in columns:
            cell = cells.get((initiative.pk, key))
            values.append(
                {
                    "kpi": kpis[key],
                    "value": _number(cell.value) if cell else None,
                    "target": _number(cell.target) if cell else None,
                    "light": cell.light if cell else None,
                }
            )
        report = report_status.get(initiative.pk)
        rows.append(
            {
                "initiative": initiative,
                "fields": list(initiative.technology_fields.all()),
                "regions": list(initiative.regions.all()),
                "size": size_label,
                "report_status": report,
                "report_status_label": labels.get(report, ""),
                "values": values,
            }
        )
    rows = _sorted(rows, columns, sort, descending)
    lights = _light_counts(checked, [initiative["initiative"].pk for initiative in rows], columns)
    return {
        "year": year,
        "columns": [kpis[key] for key in columns],
        "rows": rows,
        "lights": [{"kpi": kpis[key], **lights.get(key, {})} for key in columns],
    }


def _sorted(rows: list[dict], columns, sort: str, descending: bool) -> list[dict]:
    if sort in columns:
        index = list(columns).index(sort)
        present = [row for row in rows if row["values"][index]["value"] is not None]
        missing = [row for row in rows if row["values"][index]["value"] is None]
        present.sort(key=lambda row: row["values"][index]["value"], reverse=descending)
        return present + missing
    if sort == "size":
        order = {"small": 0, "medium": 1, "large": 2, None: 3}
        return sorted(rows, key=lambda row: order[row["size"]], reverse=descending)
    return sorted(rows, key=lambda row: row["initiative"].name.lower(), reverse=descending)


def _light_counts(checked: pd.DataFrame, ids: list[int], columns) -> dict:
    """kpi → {"green": n, "yellow": n, "red": n, "none": n} over the shown initiatives."""
    shown = checked[checked["initiative"].isin(ids)]
    counts = {}
    for key in columns:
        lights = shown.loc[shown["kpi"] == key, "light"]
        tally = lights.fillna("none").value_counts().to_dict()
        counts[key] = {
            light: int(tally.get(light, 0)) for light in ("green", "yellow", "red", "none")
        }
        counts[key]["none"] += len(ids) - len(lights)
    return counts


# --------------------------------------------------------------------------- benchmark


def _peer_ids(initiative: Initiative, group: str, frame: pd.DataFrame) -> list[int]:
    """Peers among the initiatives with values in ``frame``: all, same field, same size."""
    candidates = set(frame["initiative"]) - {initiative.pk}
    if group == "field":
        fields = list(initiative.technology_fields.values_list("pk", flat=True))
        same = Initiative.objects.filter(technology_fields__in=fields).values_list("pk", flat=True)
        candidates &= set(same)
    elif group == "size":
        members = _member_counts(frame)
        own = size_class(members[initiative.pk]) if initiative.pk in members else None
        candidates = {
            pk for pk in candidates if pk in members and own and size_class(members[pk]) == own
        }
    return sorted(candidates)


def benchmark(initiative: Initiative, *, group: str = "all", year: int | None = None) -> dict:
    """The initiative against its peers: percentile ranks, peer quartiles, trend vs median.

    Only the initiative's own values and aggregates of at least :data:`MIN_PEERS`
    peers are returned (``suppressed`` otherwise).
    """
    if group not in PEER_GROUPS:
        group = "all"
    years = reported_years()
    if year is None or year not in years:
        year = years[0] if years else None
    kpis = {kpi.key: kpi for kpi in Kpi.objects.filter(active=True)}
    empty = {"year": year, "group": group, "years": years, "rows": [], "trend": [], "peers": 0}
    if year is None:
        return empty
    all_years = approved_values()
    frame = all_years[all_years["period"] == year][["initiative", "kpi", "value"]]
    if initiative.pk not in set(frame["initiative"]):
        return empty
    peers = _peer_ids(initiative, group, frame)
    table = peer_benchmark(
        frame,
        initiative=initiative.pk,
        peers=peers,
        higher_is_better=directions(kpis.values()),
        min_peers=MIN_PEERS,
    )
    rows = [
        {
            "kpi": kpis[row.kpi],
            "value": _number(row.value),
            "peers": int(row.peers),
            "percentile_rank": _number(row.percentile_rank),
            "peer_median": _number(row.peer_median),
            "peer_p25": _number(row.peer_p25),
            "peer_p75": _number(row.peer_p75),
            "suppressed": bool(row.suppressed),
        }
        for row in table.itertuples()
        if row.kpi in kpis
    ]
    trend_input = all_years[all_years["initiative"].isin([initiative.pk, *peers])]
    trend = peer_trend(trend_input, initiative=initiative.pk, peers=peers, min_peers=MIN_PEERS)
    trend_rows = []
    for key, part in trend.groupby("kpi", sort=False):
        if key not in kpis:
            continue
        trend_rows.append(
            {
                "kpi": kpis[key],
                "points": [
                    {
                        "year": int(row.period),
                        "value": _number(row.value),
                        "peer_median": _number(row.peer_median),
                        "gap": _number(row.gap),
                        "suppressed": bool(row.suppressed),
                    }
                    for row in part.sort_values("period").itertuples()
                ],
            }
        )
    return {
        "year": year,
        "group": group,
        "years": years,
        "rows": rows,
        "trend": trend_rows,
        "peers": len(peers),
    }


def benchmark_headline(initiative: Initiative) -> dict:
    """For the start page: in the latest year, how many shown indicators reach the peer median."""
    result = benchmark(initiative)
    shown = [row for row in result["rows"] if not row["suppressed"]]
    return {
        "year": result["year"] if result["rows"] else None,
        "above": sum(1 for row in shown if row["percentile_rank"] >= 50),
        "total": len(shown),
    }
