"""Data of the downloadable reports, gathered for :mod:`clusterdialog.reports.monitoring`.

The web side collects records and the results of the pure functions as plain
DataFrames and dicts; the report writers render them (PDF, XLSX).
"""

from __future__ import annotations

import pandas as pd
from django.utils import timezone

from clusterdialog import __version__
from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring import assessments, dashboards, workshops
from clusterdialog.web.monitoring.models import Wissensbilanz

__all__ = ["initiative_report_data", "portfolio_data", "wissensbilanz_data"]


def _provenance(user) -> dict:
    return {
        "generated": timezone.localtime().isoformat(timespec="minutes"),
        "package_version": __version__,
        "by": str(user) if user is not None else "",
    }


def initiative_report_data(initiative: Initiative, year: int | None, user, lang: str) -> dict:
    """The annual monitoring report of one initiative: KPI table with targets and lights,
    time series, benchmark summary, latest self-assessment."""
    series = dashboards.initiative_series(initiative)
    years = sorted({p["year"] for item in series for p in item["points"] if p["value"] is not None})
    if year is None or year not in years:
        year = years[-1] if years else None
    rows, history = [], []
    for item in series:
        kpi = item["kpi"]
        name = kpi.name_en if lang == "en" and kpi.name_en else kpi.name_de
        for point in item["points"]:
            history.append(
                {
                    "kpi": kpi.key,
                    "name": name,
                    "unit": kpi.unit,
                    "period": point["year"],
                    "value": point["value"],
                    "target": point["target"],
                    "light": point["light"],
                }
            )
            if point["year"] == year:
                rows.append(
                    {
                        "kpi": kpi.key,
                        "name": name,
                        "unit": kpi.unit,
                        "value": point["value"],
                        "target": point["target"],
                        "light": point["light"],
                    }
                )
    result = dashboards.benchmark(initiative, year=year)
    benchmark = pd.DataFrame(
        [
            {
                "kpi": row["kpi"].key,
                "name": row["kpi"].name_en if lang == "en" else row["kpi"].name_de,
                "value": row["value"],
                "peers": row["peers"],
                "percentile_rank": row["percentile_rank"],
                "peer_median": row["peer_median"],
                "suppressed": row["suppressed"],
            }
            for row in result["rows"]
        ],
        columns=["kpi", "name", "value", "peers", "percentile_rank", "peer_median", "suppressed"],
    )
    latest = initiative.assessments.order_by("-date", "-pk").first()
    assessment = None
    if latest is not None:
        score = assessments.score(latest)
        assessment = {
            "date": latest.date,
            "score": score.score,
            "ready_for_label": score.ready_for_label,
            "threshold": score.threshold,
            "by_area": score.by_area.assign(
                name=[assessments.area_name(a, lang) for a in score.by_area["area"]]
            ),
        }
    observation = None
    from clusterdialog.web.analytics import services as analytics

    run = analytics.observation(initiative)
    if run is not None and run.result:
        observation = pd.DataFrame(run.result)
        columns = ["region", "industry", "period"]
        observation = observation[columns + [c for c in observation if c not in columns]]
        if "region_name" in observation:
            observation["region"] = observation["region_name"].fillna(observation["region"])
    return {
        "initiative": initiative.name,
        "year": year,
        "observation": observation,
        "field_label": analytics.FIELD,
        "kpis": pd.DataFrame(rows, columns=["kpi", "name", "unit", "value", "target", "light"]),
        "history": pd.DataFrame(
            history, columns=["kpi", "name", "unit", "period", "value", "target", "light"]
        ),
        "benchmark": benchmark,
        "min_peers": dashboards.MIN_PEERS,
        "assessment": assessment,
        "provenance": _provenance(user),
    }


def portfolio_data(arguments: dict, user, lang: str) -> dict:
    """The state portfolio: one row per initiative with the chosen KPIs and their lights."""
    result = dashboards.portfolio(**arguments)
    columns = result["columns"]
    records = []
    for row in result["rows"]:
        record = {
            "initiative": row["initiative"].name,
            "technology_fields": ", ".join(
                (f.name_en if lang == "en" and f.name_en else f.name_de) for f in row["fields"]
            ),
            "regions": ", ".join(region.name for region in row["regions"]),
            "size_class": row["size"],
            "status": row["report_status"],
        }
        for cell in row["values"]:
            record[cell["kpi"].key] = cell["value"]
            record[f"{cell['kpi'].key}_target"] = cell["target"]
            record[f"{cell['kpi'].key}_light"] = cell["light"]
        records.append(record)
    kpis = pd.DataFrame(
        [
            {
                "kpi": k.key,
                "name": k.name_en if lang == "en" and k.name_en else k.name_de,
                "unit": k.unit,
                "higher_is_better": k.higher_is_better,
            }
            for k in columns
        ],
        columns=["kpi", "name", "unit", "higher_is_better"],
    )
    lights = pd.DataFrame(
        [
            {
                "kpi": item["kpi"].key,
                **{k: item.get(k, 0) for k in ("green", "yellow", "red", "none")},
            }
            for item in result["lights"]
        ],
        columns=["kpi", "green", "yellow", "red", "none"],
    )
    filters = {
        key: arguments[key] for key in ("field", "region", "size", "status") if arguments[key]
    }
    return {
        "year": result["year"],
        "kpis": kpis,
        "initiatives": pd.DataFrame(records),
        "lights": lights,
        "filters": filters,
        "provenance": _provenance(user),
    }


def wissensbilanz_data(statement: Wissensbilanz, user, lang: str) -> dict:
    """The Wissensbilanz report: factors, QQS with spread, impact matrix, roles, portfolio,
    measures."""
    result = workshops.results(statement)
    names = {factor.key: factor.name for factor in result.factors}
    factors = pd.DataFrame(
        [
            {"factor": f.key, "name": f.name, "capital": f.kind, "description": f.description}
            for f in result.factors
        ],
        columns=["factor", "name", "capital", "description"],
    )
    matrix = workshops.impact_matrix(statement, result.factors)
    measures = pd.DataFrame(
        [
            {
                "measure": m.title,
                "factor": names.get(m.factor.key) if m.factor else "",
                "owner": m.owner,
                "deadline": m.deadline,
                "done": m.done,
            }
            for m in statement.measures.select_related("factor")
        ],
        columns=["measure", "factor", "owner", "deadline", "done"],
    )
    earlier = (
        Wissensbilanz.objects.filter(initiative=statement.initiative, date__lt=statement.date)
        .order_by("-date", "-pk")
        .first()
    )
    comparison = None
    if earlier is not None:
        rows = workshops.compare(earlier, statement)
        if rows:
            comparison = pd.DataFrame(rows).set_index("factor")
    return {
        "initiative": statement.initiative.name,
        "title": statement.title,
        "comparison": comparison,
        "date": statement.date,
        "business_model": statement.business_model,
        "goals": statement.goals,
        "factors": factors,
        "names": names,
        "qqs": result.qqs,
        "matrix": matrix,
        "impact": result.impact,
        "portfolio": result.portfolio,
        "raters": workshops.raters(statement),
        "measures": measures,
        "provenance": _provenance(user),
    }
