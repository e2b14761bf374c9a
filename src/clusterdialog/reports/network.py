"""The network run: library calls collected into tables, and the report as one HTML page.

:func:`network_results` calls :mod:`clusterdialog.network` (projection of the
organisation × project graph, node metrics, graph summary, Leiden communities)
and gathers what the command line writes.  :func:`render_network_html` turns
it into one self-contained page: inline CSS and an inline SVG drawing of the
network (no JavaScript, no external file), German or English.  No formula
lives here: every number comes from the library; the drawing uses a seeded
networkx spring layout, so the same input gives the same picture.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

import clusterdialog
from clusterdialog.reports.i18n_network import format_number, format_percent, messages

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "NODE_COLUMNS",
    "NetworkResults",
    "network_results",
    "network_svg",
    "render_network_html",
]

#: Graphs with at most this many organisations get exact betweenness, larger ones sampled.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Source nodes of the sampled betweenness of larger graphs.
BETWEENNESS_SAMPLES = 500
#: Leading columns of ``nodes.csv``; the library's further columns follow.
NODE_COLUMNS = (
    "organisation",
    "type",
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "constraint",
    "community",
)
_DRAWN = 150
_ROWS = 20
_COLOURS = {  # Okabe–Ito, colour-blind safe
    "PRC": "#0072B2",
    "HES": "#E69F00",
    "REC": "#009E73",
    "PUB": "#CC79A7",
    "OTH": "#999999",
}
_OTHER = ("#56B4E9", "#D55E00", "#F0E442", "#000000")


@dataclass
class NetworkResults:
    """What one run computed: the graph, the node and edge tables and the summary.

    ``nodes`` has the columns :data:`NODE_COLUMNS` first, then the library's
    further node metrics; ``edges`` has ``source``, ``target``, ``weight``;
    ``summary`` is :func:`clusterdialog.network.metrics.graph_summary` plus
    ``participations``, ``projects``, ``communities``, ``modularity`` and the
    betweenness settings.
    """

    graph: nx.Graph
    nodes: pd.DataFrame
    edges: pd.DataFrame
    summary: dict[str, object]
    filters: dict[str, object] = field(default_factory=dict)
    credits: list[str] = field(default_factory=list)


def network_results(
    participations: pd.DataFrame,
    *,
    seed: int = 0,
    betweenness: str | None = None,
    samples: int = BETWEENNESS_SAMPLES,
) -> NetworkResults:
    """Project the participations and compute metrics and communities with the library.

    ``betweenness=None`` chooses ``"exact"`` up to
    :data:`EXACT_BETWEENNESS_LIMIT` organisations and ``"sampled"`` (with
    ``samples`` source nodes and ``seed``) above.  Ties weigh the number of
    joint projects (``weight="count"``); ``contribution`` and ``weight``
    columns of the table are not used.
    """
    from clusterdialog.network.build import project_organisations
    from clusterdialog.network.metrics import graph_summary, node_metrics
    from clusterdialog.network.structure import communities, core_periphery

    # the "count" scheme counts joint projects; money columns play no part in it
    unused = [c for c in ("contribution", "weight") if c in participations.columns]
    graph = project_organisations(participations.drop(columns=unused), weight="count")
    n = graph.number_of_nodes()
    method = betweenness or ("exact" if n <= EXACT_BETWEENNESS_LIMIT else "sampled")
    options = {"samples": min(samples, n), "seed": seed} if method == "sampled" else {}
    metrics = node_metrics(graph, betweenness=method, **options)
    groups = communities(graph, seed=seed)
    core = core_periphery(graph, method="k_core")
    metrics = metrics.merge(groups[["organisation", "community"]], on="organisation", how="left")
    metrics = metrics.merge(core[["organisation", "coreness", "core"]], on="organisation")
    front = [c for c in NODE_COLUMNS if c in metrics.columns]
    nodes = metrics[front + [c for c in metrics.columns if c not in front]]
    edges = nx.to_pandas_edgelist(graph, source="source", target="target")
    if edges.empty:
        edges = pd.DataFrame({"source": [], "target": [], "weight": []})
    edges = edges[["source", "target", "weight"] + [
        c for c in edges.columns if c not in ("source", "target", "weight")
    ]]  # fmt: skip
    summary = dict(graph_summary(graph))
    summary.update(
        {
            "participations": len(participations),
            "projects": int(participations["project"].nunique()),
            "communities": int(groups.attrs["communities"]),
            "modularity": float(groups.attrs["modularity"]),
            "betweenness": method,
            "betweenness_samples": options.get("samples"),
            "seed": seed,
        }
    )
    return NetworkResults(graph=graph, nodes=nodes, edges=edges, summary=summary)


def _colour(kind: str, others: dict[str, str]) -> str:
    if kind in _COLOURS:
        return _COLOURS[kind]
    return others.setdefault(kind, _OTHER[len(others) % len(_OTHER)])


def network_svg(
    graph: nx.Graph,
    types: Mapping[str, str],
    *,
    top: int = _DRAWN,
    seed: int = 0,
    width: int = 860,
    height: int = 600,
) -> tuple[str, int, int]:
    """An inline SVG of the largest component's ``top`` best-connected organisations.

    Returns the SVG text, the number of organisations drawn and the size of
    the largest component.  The layout is :func:`networkx.spring_layout`
    with ``seed``; nodes carry a ``<title>`` (shown on hover) with their id.
    """
    if graph.number_of_edges() == 0:
        return "", 0, 0
    largest = max(nx.connected_components(graph), key=len)
    ranked = sorted(largest, key=lambda v: (-graph.degree(v, weight="weight"), str(v)))
    sub = graph.subgraph(ranked[:top])
    position = nx.spring_layout(sub, seed=seed, weight="weight", iterations=60)
    xy = np.array([position[v] for v in sub.nodes]) if len(sub) else np.zeros((0, 2))
    low, span = xy.min(axis=0), np.ptp(xy, axis=0)
    span[span == 0] = 1.0
    pad = 24
    scaled = (xy - low) / span * [width - 2 * pad, height - 2 * pad] + pad
    at = {v: scaled[i] for i, v in enumerate(sub.nodes)}
    weights = [d.get("weight", 1.0) for _, _, d in sub.edges(data=True)]
    top_weight = max(weights, default=1.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" class="network">',
        '<g stroke="#888" stroke-opacity="0.45">',
    ]
    for a, b, data in sub.edges(data=True):
        w = 0.4 + 2.6 * np.sqrt(data.get("weight", 1.0) / top_weight)
        (x1, y1), (x2, y2) = at[a], at[b]
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{w:.2f}"/>'
        )
    parts.append('</g><g stroke="#fff" stroke-width="0.8">')
    others: dict[str, str] = {}
    degree = dict(sub.degree())
    most = max(degree.values(), default=1) or 1
    for v in sorted(sub.nodes, key=lambda v: degree[v]):
        x, y = at[v]
        kind = str(types.get(v, ""))
        r = 3 + 9 * np.sqrt(degree[v] / most)
        label = html.escape(f"{v} ({kind}): {degree[v]}")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{_colour(kind, others)}">'
            f"<title>{label}</title></circle>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts), len(sub), len(largest)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    head = "".join(
        f'<th class="{"num" if n else ""}">{html.escape(h)}</th>'
        for h, n in zip(headers, numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if n else ""}">{html.escape(str(c))}</td>'
            for c, n in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _legend(kinds: Sequence[str], t: Mapping[str, str]) -> str:
    others: dict[str, str] = {}
    items = [
        f'<span class="key"><span class="dot" style="background:{_colour(k, others)}">'
        f"</span>{html.escape(k or t['unknown_type'])}</span>"
        for k in kinds
    ]
    return '<p class="legend">' + " ".join(items) + "</p>"


def _types_table(nodes: pd.DataFrame, t, lang: str) -> str:
    counts = nodes["type"].fillna("").astype(str).value_counts()
    total = max(int(counts.sum()), 1)
    rows = [
        [k or t["unknown_type"], format_number(v, lang), format_percent(v / total, lang)]
        for k, v in counts.items()
    ]
    return _table([t["col_type"], t["col_count"], t["col_share"]], rows, [False, True, True])


def _central_table(nodes: pd.DataFrame, t, lang: str) -> str:
    top = nodes.sort_values(["betweenness", "degree"], ascending=False).head(_ROWS)
    columns = ["degree", "strength", "betweenness", "eigenvector", "constraint", "community"]
    decimals = {"betweenness": 4, "eigenvector": 4, "constraint": 3}
    rows = [
        [row["organisation"], row["type"]]
        + [format_number(row.get(c), lang, decimals.get(c, 0)) for c in columns]
        for _, row in top.iterrows()
    ]
    headers = [t["col_organisation"], t["col_type"]] + [t[f"col_{c}"] for c in columns]
    return _table(headers, rows, [False, False] + [True] * len(columns))


def _communities_table(nodes: pd.DataFrame, t, lang: str) -> tuple[str, int]:
    groups = nodes.dropna(subset=["community"]).groupby("community")
    sizes = groups.size().sort_values(ascending=False).head(_ROWS // 2)
    rows = []
    for community, size in sizes.items():
        mix = groups.get_group(community)["type"].astype(str).value_counts()
        text = ", ".join(f"{k or t['unknown_type']} {v}" for k, v in mix.items())
        rows.append([format_number(community, lang), format_number(size, lang), text])
    headers = [t["col_community"], t["col_size"], t["col_mix"]]
    return _table(headers, rows, [True, True, False]), len(rows)


_CSS = """
body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid
#ccc}.sub{color:#555}table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{padding:.25em
.6em;border-bottom:1px solid #e3e3e3;text-align:left}.num{text-align:right}dl.figures{display:grid;
grid-template-columns:max-content auto;gap:.2em 1.2em}dt{color:#555}dd{margin:0;font-weight:600}
.legend .key{margin-right:1em}.dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;
margin-right:.3em}footer{margin-top:2em;font-size:.8em;color:#666}svg.network{border:1px solid #ddd}
"""


def _filters(filters: Mapping[str, object], t) -> str:
    parts = []
    if filters.get("country"):
        parts.append(t["filter_country"].format(country=filters["country"]))
    if filters.get("year") is not None:
        parts.append(t["filter_year"].format(year=filters["year"]))
    return ", ".join(parts) or t["filter_none"]


def render_network_html(
    results: NetworkResults,
    *,
    lang: str = "de",
    source: str = "",
    notes: Sequence[str] = (),
    provenance: Mapping[str, object] | None = None,
    files: Sequence[str] = (),
    seed: int = 0,
) -> str:
    """Render the report as one self-contained HTML string (inline CSS and SVG, no script)."""
    t = messages(lang)
    s, provenance, e = results.summary, dict(provenance or {}), html.escape
    nodes = results.nodes
    svg, shown, total = network_svg(results.graph, dict(zip(nodes["organisation"], nodes["type"],
                                                            strict=True)), seed=seed)  # fmt: skip
    n = int(s.get("nodes", 0)) or 1
    largest = int(s.get("largest_component", 0) or 0)
    figures = [
        ("figure_nodes", format_number(s.get("nodes"), lang)),
        ("figure_edges", format_number(s.get("edges"), lang)),
        ("figure_density", format_number(s.get("density"), lang, 5)),
        ("figure_components", format_number(s.get("components"), lang)),
        ("figure_largest", f"{format_number(largest, lang)} ({format_percent(largest / n, lang)})"),
        ("figure_isolates", format_number(s.get("isolates", (nodes["degree"] == 0).sum()), lang)),
        ("figure_communities", format_number(s.get("communities"), lang)),
        ("figure_modularity", format_number(s.get("modularity"), lang, 3)),
    ]
    betweenness = (
        t["betweenness_sampled"].format(samples=s.get("betweenness_samples"), seed=s.get("seed"))
        if s.get("betweenness") == "sampled"
        else t["betweenness_exact"]
    )
    communities, shown_communities = _communities_table(nodes, t, lang)
    kinds = sorted(nodes["type"].fillna("").astype(str).unique())
    drawing_text = t["drawing_text"].format(
        shown=format_number(shown, lang), total=format_number(total, lang), seed=seed
    )
    drawing = (
        f"<p>{e(drawing_text)}</p>" + _legend(kinds, t) + svg
        if svg
        else f"<p>{e(t['drawing_empty'])}</p>"
    )
    body = [
        f"<h1>{e(t['title'])}</h1>",
        "<p class=\"sub\">"
        + e(t["subtitle"].format(organisations=format_number(s.get("nodes"), lang),
                                 projects=format_number(s.get("projects"), lang)))
        + f"<br>{e(t['filters'])}: {e(_filters(results.filters, t))}"
        + f"<br>{e(t['data_source'])}: {e(source)}"
        + "".join(f"<br>{e(c)}" for c in results.credits)
        + "</p>",
        f"<h2>{e(t['summary'])}</h2><dl class=\"figures\">"
        + "".join(f"<dt>{e(t[k])}</dt><dd>{e(v)}</dd>" for k, v in figures)
        + "</dl>",
        f"<p>{e(t['summary_text'].format(share=format_percent(largest / n, lang)))}</p>",
        f"<h2>{e(t['drawing'])}</h2>",
        drawing,
        f"<h2>{e(t['types'])}</h2><p>{e(t['types_text'])}</p>" + _types_table(nodes, t, lang),
        f"<h2>{e(t['central'])}</h2><p>{e(t['central_text'].format(n=min(_ROWS, len(nodes))))}"
        "</p>" + _central_table(nodes, t, lang),
        f"<h2>{e(t['communities'])}</h2><p>"
        + e(t["communities_text"].format(
            modularity=format_number(s.get("modularity"), lang, 3), n=shown_communities))
        + "</p>" + communities,
        f"<h2>{e(t['methods'])}</h2><p>{e(t['methods_text'].format(betweenness=betweenness))}</p>",
    ]  # fmt: skip
    if notes:
        body.append(
            f"<h2>{e(t['notes'])}</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in notes) + "</ul>"
        )
    footer = " · ".join(
        [
            t["generated"].format(version=clusterdialog.__version__),
            f"{t['command']}: {provenance.get('command', '–')}",
            f"{t['input_hash']}: {provenance.get('input_sha256', '–')}",
            f"{t['files']}: {', '.join(files)}",
        ]
    )
    body.append(f"<footer>{e(footer)}</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{e(t['title'])}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
