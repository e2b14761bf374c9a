"""Building blocks of the monitoring reports: formatting, tables, charts, rendering.

Shared by :mod:`clusterdialog.reports.monitoring` and
:mod:`clusterdialog.reports.monitoring_wissensbilanz`.  The charts (inline SVG,
matplotlib, deterministic) draw what :mod:`clusterdialog.monitoring` computed:
time series of the KPIs with their lights and targets, the benchmark radar,
the potential portfolio of a Wissensbilanz and the lights of the portfolio.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd

import clusterdialog
from clusterdialog.errors import InputError
from clusterdialog.monitoring import DEFAULT_KPIS, RECOMMENDATIONS
from clusterdialog.reports.charts import _number_axes, figure_to_svg, plot_style
from clusterdialog.reports.i18n_monitoring import format_number

__all__ = [
    "LIGHT_COLOURS",
    "cell",
    "date_text",
    "footer",
    "frame",
    "kpi_names",
    "light_cell",
    "lights_chart",
    "missing",
    "potential_chart",
    "radar_chart",
    "render_report_html",
    "require",
    "series_chart",
    "table",
    "value_text",
    "write_report",
]

#: Colours of the traffic lights in charts and tables (the text names the light too).
LIGHT_COLOURS: dict[str, str] = {"green": "#1a9850", "yellow": "#e6b400", "red": "#d73027"}
NONE_COLOUR = "#9e9e9e"
_DECIMALS = {"count": 0, "percent": 1, "eur": 0, "fte": 1, "score": 2}


def frame(data: Mapping, key: str) -> pd.DataFrame | None:
    """``data[key]`` if it is a non-empty DataFrame, ``None`` if absent or empty."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, pd.DataFrame):
        raise InputError(f"data[{key!r}]: expected a pandas DataFrame, got {type(value).__name__}")
    return value if len(value) else None


def missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def value_text(value: object, unit: str, lang: str) -> str:
    """A KPI value in the language's number format with the decimals and sign of its unit.

    Examples
    --------
    >>> value_text(1234.6, "eur", "de"), value_text(12.34, "percent", "en")
    ('1.235 €', '12.3%')
    """
    if missing(value):
        return "–"
    text = format_number(value, lang, _DECIMALS.get(str(unit), 2))
    suffix = {"percent": " %" if lang == "de" else "%", "eur": " €"}.get(str(unit), "")
    return text + suffix


def light_cell(light: object, t) -> dict:
    """Table cell of a traffic light: its name as text, its colour as CSS class."""
    key = light if light in LIGHT_COLOURS else "none"
    return {"text": t[f"light_{key}"], "cls": f"light {key}"}


def cell(text: object, cls: str = "") -> dict:
    """Table cell with a CSS class; missing values as an en dash."""
    return {"text": "–" if missing(text) else str(text), "cls": cls}


def table(columns: list[tuple[str, bool]], rows: list[list]) -> dict:
    """Columns (label, numeric) and rows of cells (str or dict with text and cls)."""
    cells = [[c if isinstance(c, dict) else cell(c) for c in row] for row in rows]
    return {"columns": [{"label": c, "num": n} for c, n in columns], "rows": cells}


def _names(frame: pd.DataFrame, lang: str) -> dict[str, tuple[str, str]]:
    """kpi key → (name, unit): the frame's columns first, then the default catalogue."""
    known = {k.key: (k.name_de if lang == "de" else k.name_en, k.unit) for k in DEFAULT_KPIS}
    out = {}
    for row in frame.itertuples(index=False):
        default = known.get(str(row.kpi), (str(row.kpi), "count"))
        name = getattr(row, "name", None)
        unit = getattr(row, "unit", None)
        out[str(row.kpi)] = (default[0] if missing(name) else str(name),
                             default[1] if missing(unit) else str(unit))  # fmt: skip
    return out


def footer(data: Mapping, t) -> str:
    """Footer line: package version and the provenance (``generated``, ``by``) of the data."""
    provenance = dict(data.get("provenance") or {})
    parts = [t["generated"].format(version=clusterdialog.__version__)]
    if provenance.get("generated"):
        parts.append(t["generated_at"].format(date=provenance["generated"]))
    if provenance.get("by"):
        parts.append(t["generated_by"].format(user=provenance["by"]))
    return " · ".join(parts)


def date_text(value: object, lang: str) -> str:
    """A date as ``31.12.2024`` (German) or ``2024-12-31`` (English); ``–`` if missing."""
    if missing(value) or value == "":
        return "–"
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    return stamp.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")


def require(data: object, keys: tuple[str, ...]) -> Mapping:
    """``data`` if it is a mapping with ``keys``, else an InputError naming the missing keys."""
    if not isinstance(data, Mapping):
        raise InputError(f"data: expected a dict, got {type(data).__name__}")
    absent = [k for k in keys if k not in data]
    if absent:
        raise InputError(f"data: missing key(s) {absent}; given {sorted(map(str, data))}")
    return data


def kpi_names(lang: str, *frames: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """kpi key → (name, unit) from the frames' ``kpi, name, unit`` columns (later frames win),
    the default catalogue filling in what they lack."""
    info: dict[str, tuple[str, str]] = {}
    for frame in frames:
        if frame is not None and "kpi" in frame.columns:
            info.update(_names(frame, lang))
    return info


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("clusterdialog.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )  # fmt: skip


def render_report_html(template: str, context: Mapping) -> str:
    """Render one of the ``monitoring_*.html.j2`` templates with its context."""
    return _environment().get_template(template).render(**context)


def write_report(path: str | Path, template: str, context: Mapping) -> Path:
    """Render ``template`` and write it as PDF (WeasyPrint) or HTML, chosen by the suffix."""
    from clusterdialog.reports.pdf import write_pdf

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise InputError(f"path: expected a .pdf or .html file, got {path.name!r}")
    html = render_report_html(template, context)
    if suffix == ".pdf":
        write_pdf(html, path)
    else:
        path.write_text(html, encoding="utf-8")
    return path


def series_chart(history: pd.DataFrame, labels: Mapping[str, str], lang: str) -> str | None:
    """Small multiples, one per KPI: values over the periods, dots in the light's colour,
    the target dashed.  ``history``: ``kpi, period, value`` and optionally ``target, light``.
    ``None`` when no KPI has a value.

    Examples
    --------
    >>> history = pd.DataFrame({"kpi": "members", "period": [2023, 2024],
    ...                         "value": [40.0, 45.0], "target": [42.0, 44.0],
    ...                         "light": ["yellow", "green"]})
    >>> series_chart(history, {"members": "Members"}, "en").startswith("<svg")
    True
    """
    import matplotlib.pyplot as plt

    keys = list(dict.fromkeys(history.dropna(subset=["value"])["kpi"].astype(str)))
    if not keys:
        return None
    columns = min(3, len(keys))
    rows = math.ceil(len(keys) / columns)
    with plot_style("monitoring-series"):
        figure, axes = plt.subplots(rows, columns, figsize=(7.5, 1.9 * rows), squeeze=False)
        for ax, key in zip(axes.ravel(), keys, strict=False):
            part = history[history["kpi"].astype(str) == key].sort_values("period")
            x = part["period"].astype(str).to_numpy()
            y = part["value"].to_numpy(dtype=float)
            lights = part["light"] if "light" in part else [None] * len(part)
            ax.plot(x, y, color="#555555", linewidth=1)
            ax.scatter(x, y, c=[LIGHT_COLOURS.get(v, NONE_COLOUR) for v in lights], s=18,
                       zorder=3)  # fmt: skip
            if "target" in part and part["target"].notna().any():
                ax.plot(x, part["target"].to_numpy(dtype=float), color="#0b3d63", linewidth=1,
                        linestyle="--")  # fmt: skip
            ax.set_title(str(labels.get(key, key))[:34], fontsize=8, loc="left")
            ax.tick_params(labelsize=7)
            _number_axes(ax, lang, "y")
        for ax in axes.ravel()[len(keys) :]:
            ax.set_visible(False)
        figure.tight_layout()
        return figure_to_svg(figure)


def radar_chart(benchmark: pd.DataFrame, labels: Mapping[str, str]) -> str | None:
    """Radar of the percentile ranks (``kpi, percentile_rank, suppressed``) with the median
    circle at 50; ``None`` with fewer than three shown KPIs.

    Examples
    --------
    >>> bench = pd.DataFrame({"kpi": ["a", "b", "c"], "percentile_rank": [20.0, 50.0, 90.0],
    ...                       "suppressed": False})
    >>> "<svg" in radar_chart(bench, {})
    True
    """
    import matplotlib.pyplot as plt

    shown = benchmark[~benchmark["suppressed"].astype(bool) & benchmark["percentile_rank"].notna()]
    if len(shown) < 3:
        return None
    names = [str(labels.get(str(k), k))[:22] for k in shown["kpi"]]
    angles = np.linspace(0, 2 * np.pi, len(shown), endpoint=False)
    closed = np.append(angles, angles[0])
    values = shown["percentile_rank"].to_numpy(dtype=float)
    with plot_style("monitoring-radar"):
        figure = plt.figure(figsize=(5.5, 5.0))
        ax = figure.add_subplot(projection="polar")
        ax.plot(closed, np.full(len(closed), 50.0), color="#999999", linestyle="--",
                linewidth=0.8)  # fmt: skip
        ax.plot(closed, np.append(values, values[0]), color="#0072B2")
        ax.fill(angles, values, color="#0072B2", alpha=0.2)
        ax.set_xticks(angles, names, fontsize=7)
        ax.set_ylim(0, 100)
        ax.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100"], fontsize=6)
        return figure_to_svg(figure)


def potential_chart(
    portfolio: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    lang: str,
    x_label: str,
    y_label: str,
    threshold: float = 60.0,
) -> str | None:
    """The potential portfolio (``rating``, ``influence_weight``, ``recommendation`` by
    factor) with the quadrant lines and the recommendations in the corners.

    Examples
    --------
    >>> frame = pd.DataFrame({"rating": [40.0, 90.0], "influence_weight": [1.5, 0.5],
    ...                       "recommendation": ["develop", "maintain"]}, index=["a", "b"])
    >>> "<svg" in potential_chart(frame, {}, lang="de", x_label="x", y_label="y")
    True
    """
    import matplotlib.pyplot as plt

    data = portfolio.dropna(subset=["rating", "influence_weight"])
    if data.empty:
        return None
    with plot_style("monitoring-potential"):
        figure, ax = plt.subplots(figsize=(7.0, 4.8))
        colours = [LIGHT_COLOURS["red"] if r == "develop" else "#0072B2"
                   for r in data["recommendation"]]  # fmt: skip
        ax.scatter(data["rating"], data["influence_weight"], c=colours, s=36, zorder=3)
        for key, row in data.iterrows():
            ax.annotate(str(labels.get(str(key), key))[:28],
                        (row["rating"], row["influence_weight"]), fontsize=7, xytext=(3, 3),
                        textcoords="offset points")  # fmt: skip
        ax.axvline(threshold, color="#555555", linewidth=0.8, linestyle="--")
        ax.axhline(1.0, color="#555555", linewidth=0.8, linestyle="--")
        top = max(2.0, float(data["influence_weight"].max()) * 1.1)
        ax.set_xlim(0, 120)
        ax.set_ylim(0, top)
        corners = ((2, top * 0.97, "develop"), (118, top * 0.97, "stabilise"),
                   (2, 0.03, "review"), (118, 0.03, "maintain"))  # fmt: skip
        for x, y, key in corners:
            ax.text(x, y, RECOMMENDATIONS[key][lang].split(":")[0], fontsize=8, color="#555555",
                    ha="left" if x < 60 else "right", va="top" if y > 1 else "bottom")  # fmt: skip
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        _number_axes(ax, lang, "xy")
        return figure_to_svg(figure)


def lights_chart(
    lights: pd.DataFrame, labels: Mapping[str, str], legend: Mapping[str, str]
) -> str | None:
    """Stacked bars per KPI of the number of initiatives per light (``kpi, green, yellow,
    red, none``); ``legend`` names the colours.

    Examples
    --------
    >>> lights = pd.DataFrame({"kpi": ["members"], "green": [3], "yellow": [1], "red": [0],
    ...                        "none": [2]})
    >>> "<svg" in lights_chart(lights, {}, {"green": "g", "yellow": "y", "red": "r",
    ...                                     "none": "n"})
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if lights is None or lights.empty:
        return None
    names = [str(labels.get(str(k), k))[:34] for k in lights["kpi"]]
    positions = np.arange(len(names))[::-1]
    with plot_style("monitoring-lights"):
        figure, ax = plt.subplots(figsize=(7.0, 0.3 * len(names) + 1.0))
        left = np.zeros(len(names))
        for key in ("green", "yellow", "red", "none"):
            if key not in lights:
                continue
            counts = lights[key].fillna(0).to_numpy(dtype=float)
            ax.barh(positions, counts, left=left, color=LIGHT_COLOURS.get(key, NONE_COLOUR),
                    height=0.7, label=legend[key])  # fmt: skip
            left = left + counts
        ax.set_yticks(positions, names)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, fontsize=7,
                  frameon=False)  # fmt: skip
        return figure_to_svg(figure)
