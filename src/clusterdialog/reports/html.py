"""The identification report as one self-contained HTML page (jinja2).

Everything is inline: CSS in a ``<style>`` element, charts and maps as
``<svg>`` elements.  The page loads no script, style sheet, font or image, so
it works offline and prints to PDF (:mod:`clusterdialog.reports.pdf`) as it is.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import jinja2
import numpy as np
import pandas as pd

import clusterdialog
from clusterdialog.reports.i18n import format_number, format_percent, messages
from clusterdialog.reports.identify import INTERMUNICIPAL_LQ, IdentifyResults

__all__ = ["render_identify_html", "report_context"]

_MAX_ROWS = 25
_MAX_MAPS = 9


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("clusterdialog.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class _Names:
    """Labels of regions and clusters: ``08111 Stuttgart``."""

    def __init__(self, results: IdentifyResults) -> None:
        self.regions = results.region_names
        self.clusters = results.cluster_names

    def region(self, key: str) -> str:
        return self.regions.get(key, key)

    def cluster(self, key: str) -> str:
        name = self.clusters.get(key)
        return f"{name}" if name and key in name else (f"{key} {name}" if name else key)


def _table(columns: Sequence[tuple[str, bool]], rows: list[list[str]]) -> dict:
    return {"columns": [{"label": c, "num": n} for c, n in columns], "rows": rows}


def _yes(value: object, t: Mapping[str, str]) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return t["yes"] if bool(value) else t["no"]


def _stars_table(results, names, t, lang):
    frame = results.tables["stars"]
    frame = frame[frame["stars"] > 0].head(_MAX_ROWS)
    columns = [
        (t["col_region"], False),
        (t["col_cluster"], False),
        (t["col_employment"], True),
        (t["col_lq"], True),
        (t["col_size_star"], False),
        (t["col_specialisation_star"], False),
        (t["col_focus_star"], False),
    ]
    productivity = "productivity_star" in frame.columns
    if productivity:
        columns.append((t["col_productivity_star"], False))
    columns += [(t["col_stars"], True), (t["col_significant"], False)]
    rows = []
    for _, row in frame.iterrows():
        cells = [
            names.region(row["region"]),
            names.cluster(row["cluster"]),
            format_number(row["employment"], lang),
            format_number(row["lq"], lang, 2),
            "★" if row["size_star"] else "",
            "★" if row["specialisation_star"] else "",
            "★" if row["focus_star"] else "",
        ]
        if productivity:
            cells.append("★" if row["productivity_star"] else "")
        cells += [str(int(row["stars"])), _yes(row.get("significant"), t)]
        rows.append(cells)
    return _table(columns, rows)


def _strong_table(results, names, t, lang):
    frame = results.tables["strong_clusters"]
    if results.strong_complete:
        frame = frame[frame["strong"].fillna(False).astype(bool)]
    else:
        frame = frame[
            frame["lq_criterion"].fillna(False).astype(bool)
            & frame["employment_criterion"].fillna(False).astype(bool)
        ]
    frame = frame.head(_MAX_ROWS)
    columns = [
        (t["col_region"], False),
        (t["col_cluster"], False),
        (t["col_employment"], True),
        (t["col_establishments"], True),
        (t["col_lq"], True),
        (t["col_lq_percentile"], True),
        (t["col_strong"], False),
    ]
    rows = [
        [
            names.region(row["region"]),
            names.cluster(row["cluster"]),
            format_number(row["employment"], lang),
            format_number(row.get("establishments", np.nan), lang),
            format_number(row["lq"], lang, 2),
            format_number(row["lq_percentile"], lang, 0),
            _yes(row.get("strong"), t),
        ]
        for _, row in frame.iterrows()
    ]
    return _table(columns, rows)


def _growth(results, names, t, lang):
    frame = results.tables.get("dynamics")
    if frame is None:
        return None
    part = frame[(frame["lq_end"] >= 1) & frame["annual_growth_percent"].notna()]
    part = part.sort_values("annual_growth_percent", ascending=False).head(15)
    classes = {k: t.get(f"class_{k}", k) for k in ("specialised_growing", "specialised_declining")}
    columns = [
        (t["col_region"], False),
        (t["col_cluster"], False),
        (t["col_employment"], True),
        (t["col_growth"], True),
        (t["col_lq"], True),
        (t["col_lq_change"], True),
        (t["col_class"], False),
    ]
    rows = [
        [
            names.region(row["region"]),
            names.cluster(row["cluster"]),
            format_number(row["employment_end"], lang),
            format_number(row["annual_growth_percent"], lang, 1),
            format_number(row["lq_end"], lang, 2),
            format_number(row["lq_change"], lang, 2),
            classes.get(str(row["portfolio_class"]), t.get(f"class_{row['portfolio_class']}", "")),
        ]
        for _, row in part.iterrows()
    ]
    start, end = frame["start"].iloc[0], frame["end"].iloc[0]
    return {"title": t["growth_table"].format(start=start, end=end), "table": _table(columns, rows)}


def _maps(results, geometry, names, t, lang):
    if geometry is None:
        return None
    from clusterdialog.reports.maps import category_map, lq_maps, prepare_geometry, stars_map

    geo = prepare_geometry(geometry, regions=results.focus_regions)
    if geo.empty:
        return None
    stars = results.tables["stars"]
    lq = stars.pivot(index="region", columns="cluster", values="lq")
    count = stars[stars["stars"] > 0].groupby("cluster")["stars"].sum()
    chosen = count.sort_values(ascending=False, kind="mergesort").index.tolist()
    chosen += [c for c in results.clusters if c not in chosen]
    chosen = sorted(chosen[:_MAX_MAPS], key=results.clusters.index)
    titles = {c: textwrap.fill(names.cluster(c), 30) for c in chosen}
    best = stars.sort_values(["stars", "lq"], ascending=False, kind="mergesort")
    best = best.drop_duplicates("region").set_index("region")
    top = best.loc[best["stars"] > 0, "cluster"]
    return {
        "lq": lq_maps(geo, lq[chosen], titles=titles, lang=lang, no_data=t["legend_no_data"]),
        "lq_caption": ", ".join(names.cluster(c) for c in chosen),
        "stars": stars_map(
            geo,
            best["stars"],
            title=t["map_stars"],
            legend_title=t["legend_stars"],
            no_data=t["legend_no_data"],
        ),
        "top": category_map(
            geo,
            top,
            title=t["map_top_cluster"],
            labels={c: names.cluster(c) for c in results.clusters},
            no_data=t["legend_no_data"],
            other=t["legend_other"],
        ),
    }


def _portfolio(results, names, t, lang):
    frame = results.tables.get("dynamics")
    if frame is None:
        return None
    from clusterdialog.reports.charts import portfolio_chart

    try:
        from clusterdialog.identify.dynamics import PORTFOLIO_X_LABELS

        x_label = PORTFOLIO_X_LABELS[results.portfolio_x][lang]
    except ImportError:
        x_label = t["portfolio_x"]
    data = frame[frame["x"].notna()].copy()
    data["label"] = [
        f"{names.region(r).split(',')[0][:18]} · {c}"
        for r, c in zip(data["region"], data["cluster"], strict=True)
    ]
    data.loc[~data["portfolio_class"].astype(str).str.startswith("specialised"), "label"] = ""
    svg = portfolio_chart(
        data,
        x="x",
        y="y",
        size="size",
        category="portfolio_class",
        labels={
            k: t[f"class_{k}"]
            for k in ("specialised_growing", "specialised_declining", "emerging", "other")
        },  # fmt: skip
        label="label",
        x_label=x_label,
        y_label=t["portfolio_y"],
        lang=lang,
    )
    start, end = frame["start"].iloc[0], frame["end"].iloc[0]
    return {"svg": svg, "text": t["portfolio_text"].format(start=start, end=end)}


def _explanations(frame: pd.DataFrame | None, lang: str, score: str, limit: int = 10) -> list[str]:
    """The best candidate of each region (by ``score``), the ``limit`` best regions."""
    column = f"explanation_{lang}"
    if frame is None or frame.empty or column not in frame.columns:
        return []
    best = frame.sort_values(score, ascending=False, kind="mergesort")
    best = best.drop_duplicates("region").head(limit)
    return best[column].dropna().astype(str).tolist()


def _score(frame: pd.DataFrame | None) -> str:
    for column in ("relatedness", "proximity", "score", "value"):
        if frame is not None and column in frame.columns:
            return column
    return "region"


def _quality(results, names, t, lang) -> list[str]:
    q = results.quality
    s = results.suppressed
    lines = []
    if s["cells"]:
        lines.append(
            t["quality_suppressed"].format(
                n=format_number(s["cells"], lang),
                share=format_percent(s["share"], lang),
                policy=t.get(f"policy_{s['policy']}", s["policy"]),
            )
        )
    else:
        lines.append(t["quality_no_suppressed"])

    def listing(keys: list[str], shown: int = 12) -> str:
        text = ", ".join(
            f"{k} {names.regions[k]}" if k in names.regions else k for k in keys[:shown]
        )
        return text + (f" … (+{len(keys) - shown})" if len(keys) > shown else "")

    if q.get("keys_without_geometry"):
        keys = q["keys_without_geometry"]
        lines.append(t["quality_keys_without_geometry"].format(n=len(keys), keys=listing(keys)))
    if q.get("geometry_without_data"):
        keys = q["geometry_without_data"]
        lines.append(t["quality_geometry_without_data"].format(n=len(keys), keys=listing(keys)))
    if q.get("unmapped_industries"):
        keys = q["unmapped_industries"]
        lines.append(
            t["quality_unmapped"].format(
                n=len(keys),
                share=format_percent(q.get("unmapped_share", 0.0), lang),
                keys=", ".join(keys),
            )
        )
    if q.get("missing_periods"):
        lines.append(
            t["quality_missing_periods"].format(
                periods=", ".join(str(p) for p in q["missing_periods"])
            )
        )
    if q.get("partial_regions"):
        keys = q["partial_regions"]
        lines.append(t["quality_partial_regions"].format(n=len(keys), keys=listing(keys)))
    if not results.strong_complete:
        lines.append(t["quality_no_establishments"])
    return lines


def _summary(results, names, t, lang, quality_lines, when) -> list[str]:
    stars = results.tables["stars"]
    out = [
        t["summary_regions"].format(
            n_focus=len(results.focus_regions),
            n_clusters=len(results.clusters),
            period=when,
        ),
        t["summary_stars"].format(
            n_star=int((stars["stars"] >= 1).sum()), n_two=int((stars["stars"] >= 2).sum())
        ),
    ]
    if len(stars) and stars["stars"].max() > 0:
        top = stars.iloc[0]
        out.append(
            t["summary_top"].format(
                cluster=names.cluster(top["cluster"]),
                region=names.region(top["region"]),
                stars=int(top["stars"]),
                lq=format_number(top["lq"], lang, 2),
            )
        )
    if results.strong_complete:
        strong = results.tables["strong_clusters"]["strong"].fillna(False).astype(bool)
        out.append(t["summary_strong"].format(n=int(strong.sum())))
    else:
        out.append(t["summary_strong_absent"])
    dynamics = results.tables.get("dynamics")
    if dynamics is not None:
        classes = dynamics["portfolio_class"].astype(str).value_counts()
        out.append(
            t["summary_growth"].format(
                start=dynamics["start"].iloc[0],
                end=dynamics["end"].iloc[0],
                n_growing=int(classes.get("specialised_growing", 0)),
                n_declining=int(classes.get("specialised_declining", 0)),
                n_emerging=int(classes.get("emerging", 0)),
            )
        )
    opp = results.tables.get("opportunities")
    if opp is not None and len(opp):
        best = opp.sort_values("density", ascending=False, kind="mergesort").iloc[0]
        out.append(
            t["summary_opportunities"].format(
                n_regions=opp["region"].nunique(),
                industry=names.cluster(best["cluster"]),
                region=names.region(best["region"]),
            )
        )
    issues = len(quality_lines) - (0 if results.suppressed["cells"] else 1)
    if issues > 0:
        out.append(t["summary_quality"].format(n=issues))
    return out


def _thresholds(results, t, lang):
    th = {
        "size_quantile": 0.9,
        "specialisation_threshold": 2.0,
        "focus_quantile": 0.9,
        "productivity_quantile": 0.9,
    }
    th.update({k: v for k, v in results.thresholds.items() if k in th})
    rows = [
        ["size_quantile", format_number(th["size_quantile"], lang, 2)],
        ["specialisation_threshold", format_number(th["specialisation_threshold"], lang, 2)],
        ["focus_quantile", format_number(th["focus_quantile"], lang, 2)],
        ["productivity_quantile", format_number(th["productivity_quantile"], lang, 2)],
        ["strong: LQ percentile / LQ", "75 / 1"],
        ["strong: employment, establishments percentile", "25"],
        ["alpha (Benjamini–Hochberg)", format_number(0.05, lang, 2)],
        ["portfolio: LQ", format_number(1.0, lang, 2)],
        ["opportunities: specialised if LQ ≥", format_number(1.0, lang, 2)],
    ]
    table = _table([(t["setting"], False), (t["threshold"], True)], rows)
    return th, table


def report_context(
    results: IdentifyResults,
    *,
    lang: str = "de",
    geometry=None,
    source: str = "",
    credits: Sequence[str] = (),
    notes: Sequence[str] = (),
    provenance: Mapping[str, object] | None = None,
    period: str | None = None,
) -> dict:
    """Everything the template shows, as formatted strings, tables and SVG.

    ``period`` names the reference date of data without a period column.
    """
    t = messages(lang)
    when = results.latest if results.latest is not None else (period or "–")
    names = _Names(results)
    quality_lines = _quality(results, names, t, lang)
    th, threshold_table = _thresholds(results, t, lang)
    quarter = lambda q: format_percent(1 - q, lang, 0)  # noqa: E731
    source_text = "Sölvell, Ketels & Lindqvist (2009), European Cluster Observatory"
    provenance = dict(provenance or {})
    parameters = provenance.get("parameters", {})
    subtitle = (
        t["subtitle_focus"].format(focus=results.focus, n=len(results.regions_all))
        if results.focus
        else t["subtitle_all"].format(n=len(results.regions_all))
    )
    context = {
        "lang": lang,
        "t": t,
        "version": clusterdialog.__version__,
        "subtitle": subtitle,
        "source": source,
        "credits": list(dict.fromkeys([*credits, *results.credits])),
        "summary": _summary(results, names, t, lang, quality_lines, when),
        "maps": _maps(results, geometry, names, t, lang),
        "portfolio": _portfolio(results, names, t, lang),
        "stars_text": t["stars_table_text"].format(n=_MAX_ROWS, period=when),
        "stars": _stars_table(results, names, t, lang),
        "strong_complete": results.strong_complete,
        "strong": _strong_table(results, names, t, lang),
        "growth": _growth(results, names, t, lang),
        "opportunities": _explanations(results.tables.get("opportunities"), lang, "density"),
        "intersections": _explanations(
            results.tables.get("intersections"), lang, _score(results.tables.get("intersections"))
        ),
        "hotspots": [
            t["moran_line"].format(
                cluster=names.cluster(item["cluster"]),
                i=format_number(item["moran_i"], lang, 3),
                p=format_number(item["p_value"], lang, 3),
                regions=", ".join(names.region(r) for r in item["hot_spots"]) or "–",
            )
            for item in sorted(
                (i for i in results.spatial if i["p_value"] <= 0.05),
                key=lambda i: -i["moran_i"],
            )[:10]
        ],
        "intermunicipal": _intermunicipal_lines(results, names, t, lang),
        "intermunicipal_text": t["intermunicipal_text"].format(
            lq=format_number(INTERMUNICIPAL_LQ, lang, 2), size=quarter(th["size_quantile"])
        ),
        "method_stars": t["method_stars"].format(
            size=quarter(th["size_quantile"]),
            spec=format_number(th["specialisation_threshold"], lang, 1),
            focus=quarter(th["focus_quantile"]),
            prod=quarter(th["productivity_quantile"]),
            source=source_text,
        ),
        "method_significance": t["method_significance"].format(alpha=format_number(0.05, lang, 2)),
        "thresholds": threshold_table,
        "quality": quality_lines,
        "notes": list(notes),
        "footer": t["footer"].format(
            version=clusterdialog.__version__,
            input=provenance.get("input", source),
            sha=provenance.get("input_sha256", "–"),
            parameters=", ".join(f"{k}={v}" for k, v in parameters.items()) or "–",
        ),
    }
    context["toc"] = [
        (anchor, t[key])
        for anchor, key in (
            ("summary", "summary"),
            ("maps", "maps"),
            ("portfolio", "portfolio"),
            ("stars", "stars_table"),
            ("strong", "strong_table"),
            ("opportunities", "opportunities"),
            ("hotspots", "hotspots"),
            ("intermunicipal", "intermunicipal"),
            ("methods", "methods"),
            ("quality", "quality"),
            ("attribution", "attribution"),
        )
    ]
    return context


def _intermunicipal_lines(results: IdentifyResults, names, t, lang: str) -> list[str]:
    """One sentence per candidate group: members, field, combined LQ and employment."""
    table = results.tables.get("intermunicipal")
    if table is None or table.empty:
        return []
    lines = []
    for _, members in table.groupby("group", sort=True):
        first = members.iloc[0]
        lines.append(
            t["intermunicipal_line"].format(
                regions=" + ".join(names.region(r) for r in members["region"]),
                cluster=names.cluster(first["cluster"]),
                lq=format_number(first["group_lq"], lang, 2),
                employment=format_number(first["group_employment"], lang, 0),
            )
        )
    return lines[:_MAX_ROWS]


def render_identify_html(results: IdentifyResults, **options) -> str:
    """Render the report as one self-contained HTML string (options: :func:`report_context`)."""
    template = _environment().get_template("identify.html.j2")
    return template.render(**report_context(results, **options))
