"""Monitoring reports: the annual report of an initiative, the state portfolio, the Wissensbilanz.

The web app gathers the records and the results of :mod:`clusterdialog.monitoring`
into plain dicts of DataFrames (keys listed in each writer); these functions
only lay them out: one self-contained HTML page (inline CSS and SVG charts,
German or English), written as PDF (WeasyPrint) or HTML by the file suffix,
and the portfolio as an Excel workbook.  No formula lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

import clusterdialog
from clusterdialog.errors import InputError
from clusterdialog.reports.i18n_monitoring import format_number, format_percent, messages
from clusterdialog.reports.monitoring_parts import (
    LIGHT_COLOURS,
    cell,
    date_text,
    footer,
    frame,
    kpi_names,
    light_cell,
    lights_chart,
    missing,
    radar_chart,
    render_report_html,
    require,
    series_chart,
    table,
    value_text,
    write_report,
)
from clusterdialog.reports.monitoring_wissensbilanz import (
    wissensbilanz_context,
    write_wissensbilanz_report,
)

__all__ = [
    "initiative_context",
    "portfolio_context",
    "portfolio_xlsx",
    "render_report_html",
    "wissensbilanz_context",
    "write_initiative_report",
    "write_portfolio_report",
    "write_wissensbilanz_report",
]

_DECIMALS = {"count": 0, "percent": 1, "eur": 0, "fte": 1, "score": 2}


def _assessment(value: object, t, lang: str) -> dict | None:
    """Text, area table and chart of an AssessmentScore or the web side's dict."""
    from clusterdialog.monitoring import AREA_NAMES
    from clusterdialog.reports.charts import bar_chart

    if value is None:
        return None
    get = value.get if isinstance(value, Mapping) else lambda k, d=None: getattr(value, k, d)
    areas = get("by_area")
    score, threshold = float(get("score")), float(get("threshold", 0.8))
    rows, labels = [], []
    for row in areas.itertuples(index=False) if areas is not None else ():
        name = getattr(row, "name", None) or AREA_NAMES.get(row.area, {}).get(lang, row.area)
        labels.append(str(name))
        points = f"{format_number(row.points, lang, 0)} / {format_number(row.max_points, lang, 0)}"
        rows.append([name, points, format_percent(row.score, lang, 0)])
    chart = None
    if rows:
        chart = bar_chart(labels, 100 * areas["score"].to_numpy(dtype=float),
                          reference=100 * threshold, lang=lang, colour="#0b3d63")  # fmt: skip
    return {
        "text": t["assessment_text"].format(date=date_text(get("date"), lang),
                                            score=format_percent(score, lang, 0),
                                            threshold=format_percent(threshold, lang, 0)),
        "ready": t["assessment_ready"] if get("ready_for_label") else t["assessment_not_ready"],
        "table": table([(t["col_area"], False), (t["col_points"], True),
                         (t["col_score"], True)], rows),
        "chart": chart, "date": date_text(get("date"), lang), "score": score,
    }  # fmt: skip


def initiative_context(data: Mapping, *, lang: str = "de") -> dict:
    """What the annual report of one initiative shows (see :func:`write_initiative_report`)."""
    t = messages(lang)
    require(data, ("initiative", "kpis"))
    kpis, history = frame(data, "kpis"), frame(data, "history")
    benchmark, observation = frame(data, "benchmark"), frame(data, "observation")
    info = kpi_names(lang, benchmark, history, kpis)
    labels = {k: v[0] for k, v in info.items()}
    year = data.get("year")
    rows, counts = [], dict.fromkeys(("green", "yellow", "red", "none"), 0)
    for row in kpis.itertuples(index=False) if kpis is not None else ():
        name, unit = info[str(row.kpi)]
        light = getattr(row, "light", None)
        counts[light if light in counts else "none"] += 1
        rows.append([name, cell(value_text(row.value, unit, lang), "num"),
                     cell(value_text(getattr(row, "target", None), unit, lang), "num"),
                     light_cell(light, t)])  # fmt: skip
    summary = [t["summary_lights"].format(n=len(rows), year=year or "–", **counts)] if rows else []
    min_peers = int(data.get("min_peers", 5))
    bench_rows = []
    for row in benchmark.itertuples(index=False) if benchmark is not None else ():
        name, unit = info[str(row.kpi)]
        hidden = bool(row.suppressed)
        rank = (t["benchmark_suppressed"].format(min_peers=min_peers) if hidden
                else format_number(row.percentile_rank, lang, 0))  # fmt: skip
        median = "–" if hidden else value_text(row.peer_median, unit, lang)
        bench_rows.append(
            [
                name,
                cell(value_text(row.value, unit, lang), "num"),
                cell(row.peers, "num"),
                cell(rank, "num"),
                cell(median, "num"),
            ]
        )
    if benchmark is not None:
        above = benchmark[~benchmark["suppressed"].astype(bool)]["percentile_rank"] > 50
        summary.append(t["summary_benchmark"].format(n=int(above.sum())))
    assessment = _assessment(data.get("assessment"), t, lang)
    if assessment is not None:
        summary.append(
            t["summary_assessment"].format(
                date=assessment["date"], score=format_percent(assessment["score"], lang, 0)
            )
        )
    observed = None
    if observation is not None:
        keys = list(observation.columns[:3])
        field = observation[observation[keys[1]] == data.get("field_label", "field")]
        observed = table(
            [(t["col_region"], False), (t["col_period"], False), (t["col_employment"], True),
             (t["col_lq"], True), (t["col_growth"], True), (t["col_stars"], True)],
            [[r[keys[0]], r[keys[2]], cell(format_number(r["employment"], lang, 0), "num"),
              cell(format_number(r["lq"], lang, 2), "num"),
              cell(format_number(r["growth_percent"], lang, 1), "num"), cell(r["stars"], "num")]
             for _, r in field.iterrows()],
        )  # fmt: skip
    title_key = "title_initiative" if year else "title_initiative_no_year"
    return {
        "lang": lang, "t": t, "version": clusterdialog.__version__,
        "title": t[title_key].format(year=year, initiative=data["initiative"]),
        "subtitle": t["subtitle_initiative"], "summary": summary,
        "kpis": table([(t["col_kpi"], False), (t["col_value"], True), (t["col_target"], True),
                        (t["col_light"], False)], rows) if rows else None,
        "series": series_chart(history, labels, lang) if history is not None else None,
        "benchmark": table([(t["col_kpi"], False), (t["col_value"], True),
                             (t["col_peers"], True), (t["col_rank"], True),
                             (t["col_median"], True)], bench_rows) if bench_rows else None,
        "benchmark_text": t["benchmark_text"].format(min_peers=min_peers),
        "radar": radar_chart(benchmark, labels) if benchmark is not None else None,
        "assessment": assessment, "observation": observed, "footer": footer(data, t),
    }  # fmt: skip


def _portfolio_parts(data: Mapping, lang: str):
    """KPI keys and names, the initiatives and the light counts of the portfolio data."""
    require(data, ("kpis", "initiatives"))
    kpis, initiatives = frame(data, "kpis"), frame(data, "initiatives")
    info = kpi_names(lang, kpis)
    keys = [k for k in info if initiatives is not None and k in initiatives.columns]
    lights = frame(data, "lights")
    if lights is None and initiatives is not None:
        lights = pd.DataFrame([
            {"kpi": k, **{c: int((initiatives.get(f"{k}_light") == c).sum())
                          for c in ("green", "yellow", "red")}} for k in keys
        ])  # fmt: skip
        lights["none"] = len(initiatives) - lights[["green", "yellow", "red"]].sum(axis=1)
    return keys, info, initiatives, lights


_KEY_COLUMNS = (
    ("initiative", "col_initiative"),
    ("technology_fields", "col_fields"),
    ("regions", "col_regions"),
    ("size_class", "col_size"),
    ("status", "col_status"),
)


def _key_text(column: str, value: object, t) -> str:
    if missing(value):
        return t["status_missing"] if column == "status" else "–"
    prefix = {"size_class": "size_", "status": "status_"}.get(column)
    return t.get(f"{prefix}{value}", str(value)) if prefix else str(value)


def portfolio_context(data: Mapping, *, lang: str = "de") -> dict:
    """What the state portfolio report shows (see :func:`write_portfolio_report`)."""
    t = messages(lang)
    keys, info, initiatives, lights = _portfolio_parts(data, lang)
    year = data.get("year")
    shown = [(c, k) for c, k in _KEY_COLUMNS if initiatives is not None and c in initiatives]
    rows = []
    for _, row in initiatives.iterrows() if initiatives is not None else ():
        cells = [_key_text(c, row[c], t) for c, _ in shown]
        for key in keys:
            light = row.get(f"{key}_light")
            cls = f"num light {light}" if light in LIGHT_COLOURS else "num"
            cells.append(cell(value_text(row[key], info[key][1], lang), cls))
        rows.append(cells)
    columns = [(t[k], False) for _, k in shown] + [(info[k][0], True) for k in keys]
    totals = {c: int(lights[c].sum()) if lights is not None and c in lights else 0
              for c in ("green", "yellow", "red")}  # fmt: skip
    filters = [f"{t.get(f'filter_{k}', k)}: {_key_text({'size': 'size_class'}.get(k, k), v, t)}"
               for k, v in dict(data.get("filters") or {}).items() if v]  # fmt: skip
    return {
        "lang": lang, "t": t, "version": clusterdialog.__version__, "landscape": True,
        "title": (t["title_portfolio"] if year else t["title_portfolio_no_year"]).format(year=year),
        "subtitle": t["subtitle_portfolio"].format(n=len(rows), k=len(keys)),
        "filters": ", ".join(filters) or t["filters_none"],
        "summary": [t["summary_portfolio"].format(n=len(rows), cells=sum(totals.values()),
                                                  **totals)],
        "lights": lights_chart(lights, {k: v[0] for k, v in info.items()},
                               {c: t[f"light_{c}"] for c in ("green", "yellow", "red", "none")}),
        "table": table(columns, rows) if rows else None, "footer": footer(data, t),
    }  # fmt: skip


def write_initiative_report(path: str | Path, data: Mapping, lang: str = "de") -> Path:
    """Write the annual monitoring report of one initiative as PDF or HTML (by suffix).

    Parameters
    ----------
    path : str or Path
        ``.pdf`` or ``.html`` file.
    data : dict
        ``initiative`` (name) and ``kpis`` (DataFrame ``kpi, value`` and optionally
        ``name, unit, target, light`` — the year's rows of
        :func:`~clusterdialog.monitoring.kpi_status`) are required.  Optional:
        ``year``; ``history`` (the same with ``period``, for the time series);
        ``benchmark`` (:func:`~clusterdialog.monitoring.peer_benchmark`, optionally
        with ``name``) and ``min_peers``; ``assessment`` (an
        :class:`~clusterdialog.monitoring.AssessmentScore` or a dict with ``date,
        score, threshold, ready_for_label, by_area``); ``observation``
        (:func:`~clusterdialog.monitoring.field_observation`) and ``field_label``;
        ``provenance`` (``generated``, ``by``).
    lang : {"de", "en"}
        Language of the report.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        For a missing key, a value that is not a DataFrame, an unknown language
        or another suffix.
    """
    context = initiative_context(data, lang=lang)
    return write_report(path, "monitoring_initiative.html.j2", context)


def write_portfolio_report(path: str | Path, data: Mapping, lang: str = "de") -> Path:
    """Write the state portfolio report of all initiatives as PDF or HTML (landscape).

    ``data``: ``kpis`` (DataFrame ``kpi`` and optionally ``name, unit``, the
    columns shown) and ``initiatives`` (one row per initiative: ``initiative``
    and optionally ``technology_fields, regions, size_class, status``, then per
    KPI key the value and optionally ``<key>_target`` and ``<key>_light``) are
    required; optional ``year``, ``lights`` (``kpi, green, yellow, red, none``;
    counted from the ``_light`` columns when absent), ``filters`` (dict of
    ``field, region, size, status``) and ``provenance``.  Otherwise as
    :func:`write_initiative_report`.
    """
    return write_report(path, "monitoring_portfolio.html.j2", portfolio_context(data, lang=lang))


def portfolio_xlsx(path: str | Path, data: Mapping, lang: str = "de") -> Path:
    """Write the state portfolio as an Excel workbook (the data of :func:`write_portfolio_report`).

    Sheets: the portfolio (one row per initiative, values and targets as numbers
    under the KPI names), the lights as words, the light counts per KPI, the
    KPIs with unit and direction, and ``provenance``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        For missing keys, an unknown language or a suffix other than ``.xlsx``.
    """
    from clusterdialog.reports.xlsx import write_results_xlsx

    t = messages(lang)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"path: expected an .xlsx file, got {path.name!r}")
    keys, info, initiatives, lights = _portfolio_parts(data, lang)
    wide = initiatives if initiatives is not None else pd.DataFrame(columns=["initiative"])
    shown = [(c, k) for c, k in _KEY_COLUMNS if c in wide.columns]
    base = pd.DataFrame({t[k]: [_key_text(c, v, t) for v in wide[c]] for c, k in shown})
    values, light_words = base.copy(), base.copy()
    for key in keys:
        name, unit = info[key]
        values[name] = pd.to_numeric(wide[key]).to_numpy(dtype=float)
        if f"{key}_target" in wide:
            values[f"{name} – {t['col_target']}"] = pd.to_numeric(wide[f"{key}_target"]).to_numpy(
                dtype=float
            )
        words = wide.get(f"{key}_light", pd.Series([None] * len(wide), index=wide.index))
        light_words[name] = [light_cell(w, t)["text"] for w in words]
    counts = (lights if lights is not None else pd.DataFrame(columns=["kpi"])).copy()
    counts.insert(0, t["col_kpi"], [info.get(str(k), (str(k),))[0] for k in counts["kpi"]])
    colours = {c: t[f"col_{c}"] for c in ("green", "yellow", "red", "none")}
    counts = counts.drop(columns="kpi").rename(columns=colours)
    catalogue = pd.DataFrame({
        "kpi": keys, t["col_kpi"]: [info[k][0] for k in keys],
        t["col_unit"]: [info[k][1] for k in keys],
    })  # fmt: skip
    kpis = frame(data, "kpis")
    if kpis is not None and "higher_is_better" in kpis:
        direction = dict(zip(kpis["kpi"].astype(str), kpis["higher_is_better"], strict=True))
        catalogue[t["col_direction"]] = [t["yes"] if direction.get(k) else t["no"] for k in keys]
    provenance = {
        "package_version": clusterdialog.__version__,
        "year": data.get("year"),
        "filters": dict(data.get("filters") or {}),
        **dict(data.get("provenance") or {}),
    }
    tables = {t["sheet_portfolio"]: values, t["sheet_lights"]: light_words,
              t["sheet_counts"]: counts, t["sheet_kpis"]: catalogue}  # fmt: skip
    return write_results_xlsx(path, tables, provenance)
