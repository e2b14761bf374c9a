"""A Sankey diagram as an inline SVG string, drawn by hand (no JavaScript, deterministic).

Nodes stand in columns (suppliers, the cluster's industries, customers); a
node's height is proportional to the larger of its in- and outflow, and each
flow is a band of constant width between two cubic Bézier curves.  The same
input gives the same bytes: coordinates are rounded to one decimal, nodes keep
the order they are given in and flows at a node are stacked in the order of
the node at their other end.  Every node and band has a ``<title>`` (tooltip in
browsers) with its full name and value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

__all__ = [
    "COLOURS",
    "SankeyFlow",
    "SankeyNode",
    "cluster_chain_sankey",
    "largest_flows_sankey",
    "sankey_svg",
]

_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
#: Node colours (Okabe–Ito): the cluster, linked sectors, gaps of the regional chain.
COLOURS = {"cluster": "#0072B2", "linked": "#56B4E9", "gap": "#E69F00"}


@dataclass(frozen=True)
class SankeyNode:
    """A node: ``key`` (unique), ``label``, ``column`` (0 = left) and fill colour."""

    key: str
    label: str
    column: int
    colour: str = "#0072B2"


@dataclass(frozen=True)
class SankeyFlow:
    """A band from node ``source`` to node ``target`` carrying ``value`` (> 0)."""

    source: str
    target: str
    value: float
    colour: str | None = None


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def sankey_svg(
    nodes: Sequence[SankeyNode],
    flows: Sequence[SankeyFlow],
    *,
    title: str = "",
    width: float = 900.0,
    label_width: float = 250.0,
    node_width: float = 14.0,
    gap: float = 10.0,
    scale_height: float = 420.0,
    format_value: Callable[[float], str] = lambda v: f"{v:,.0f}",
    column_titles: Sequence[str] = (),
    label_chars: int = 34,
    middle_label_chars: int = 24,
) -> str:
    """Draw a Sankey diagram of ``flows`` between ``nodes`` as an ``<svg>`` element.

    Parameters
    ----------
    nodes : sequence of SankeyNode
        Drawn top to bottom in the given order within their column.
    flows : sequence of SankeyFlow
        Flows with a value ≤ 0 or an unknown node are ignored.
    title : str
        Accessible title of the figure (``<title>`` of the SVG).
    width, label_width, node_width, gap, scale_height : float
        Geometry in SVG units: total width, room for labels left of the first
        and right of the last column, node width, vertical gap between nodes
        and the height the fullest column is scaled to.
    format_value : callable
        Formats values in labels and tooltips (language-specific).
    column_titles : sequence of str
        Headings above the columns.
    label_chars, middle_label_chars : int
        Labels of the outer and of the inner columns longer than this are
        shortened with an ellipsis (full text in the tooltip).

    Returns
    -------
    str
        An ``<svg>`` element with a ``viewBox`` (scales with the page).

    Examples
    --------
    >>> svg = sankey_svg(
    ...     [SankeyNode("a", "A", 0), SankeyNode("b", "B", 1)], [SankeyFlow("a", "b", 5.0)]
    ... )
    >>> svg.startswith("<svg") and svg.count("<path") == 1
    True
    """
    by_key = {node.key: node for node in nodes}
    kept = [f for f in flows if f.value > 0 and f.source in by_key and f.target in by_key]
    inflow = dict.fromkeys(by_key, 0.0)
    outflow = dict.fromkeys(by_key, 0.0)
    for flow in kept:
        outflow[flow.source] += flow.value
        inflow[flow.target] += flow.value
    size = {k: max(inflow[k], outflow[k]) for k in by_key}
    shown = [n for n in nodes if size[n.key] > 0]
    n_columns = max((n.column for n in shown), default=0) + 1
    columns: list[list[SankeyNode]] = [
        [n for n in shown if n.column == c] for c in range(n_columns)
    ]
    totals = [sum(size[n.key] for n in column) for column in columns]
    fullest = max(totals, default=0.0)
    unit = scale_height / fullest if fullest > 0 else 0.0
    top = 30.0 if column_titles else 8.0
    heights = [
        sum(size[n.key] * unit for n in column) + gap * max(len(column) - 1, 0)
        for column in columns
    ]
    total_height = max(heights, default=0.0)
    inner = width - 2 * label_width - node_width
    step = inner / (n_columns - 1) if n_columns > 1 else 0.0

    position: dict[str, tuple[float, float, float]] = {}  # key -> x, y, height
    for c, column in enumerate(columns):
        x = label_width + c * step
        y = top + (total_height - heights[c]) / 2
        for node in column:
            h = size[node.key] * unit
            position[node.key] = (x, y, h)
            y += h + gap

    order = {key: (position[key][1], key) for key in position}
    out_offset = dict.fromkeys(position, 0.0)
    in_offset = dict.fromkeys(position, 0.0)
    bands: list[str] = []
    # stack outgoing bands by target position, incoming bands by source position
    starts: dict[int, float] = {}
    for index, flow in sorted(enumerate(kept), key=lambda p: order[p[1].target]):
        starts[index] = out_offset[flow.source]
        out_offset[flow.source] += flow.value * unit
    ends: dict[int, float] = {}
    for index, flow in sorted(enumerate(kept), key=lambda p: order[p[1].source]):
        ends[index] = in_offset[flow.target]
        in_offset[flow.target] += flow.value * unit
    for index, flow in enumerate(kept):
        sx, sy, _ = position[flow.source]
        tx, ty, _ = position[flow.target]
        x0, x1 = sx + node_width, tx
        y0, y1 = sy + starts[index], ty + ends[index]
        h = flow.value * unit
        mid = (x0 + x1) / 2
        path = (
            f"M{_f(x0)},{_f(y0)} C{_f(mid)},{_f(y0)} {_f(mid)},{_f(y1)} {_f(x1)},{_f(y1)} "
            f"L{_f(x1)},{_f(y1 + h)} C{_f(mid)},{_f(y1 + h)} {_f(mid)},{_f(y0 + h)} "
            f"{_f(x0)},{_f(y0 + h)} Z"
        )
        colour = flow.colour or by_key[flow.source].colour
        tip = (
            f"{by_key[flow.source].label} → {by_key[flow.target].label}: {format_value(flow.value)}"
        )
        bands.append(
            f'<path d="{path}" fill="{escape(colour)}" fill-opacity="0.38" stroke="none">'
            f"<title>{escape(tip)}</title></path>"
        )

    parts: list[str] = []
    for c, heading in enumerate(column_titles[:n_columns]):
        x = label_width + c * step + node_width / 2
        anchor = "start" if c == 0 and n_columns > 1 else "middle"
        anchor = "end" if c == n_columns - 1 and n_columns > 1 else anchor
        x = x - node_width / 2 if anchor == "start" else x
        x = x + node_width / 2 if anchor == "end" else x
        parts.append(
            f'<text x="{_f(x)}" y="14.0" text-anchor="{anchor}" font-weight="bold" '
            f'font-size="12" fill="#0b3d63">{escape(heading)}</text>'
        )
    for column in columns:
        for node in column:
            x, y, h = position[node.key]
            value = format_value(size[node.key])
            tip = f"{node.label}: {value}"
            parts.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(node_width)}" height="{_f(max(h, 1))}" '
                f'fill="{escape(node.colour)}"><title>{escape(tip)}</title></rect>'
            )
            last = node.column == n_columns - 1 and n_columns > 1
            first = node.column == 0
            if first or last:
                lx = x - 5 if first else x + node_width + 5
                anchor = "end" if first else "start"
            else:
                lx, anchor = x + node_width + 5, "start"
            cy = y + max(h, 1) / 2
            limit = label_chars if first or last else middle_label_chars
            for dy, size_, fill, text in (
                (-1, 11, "#222", _short(node.label, limit)),
                (11, 10, "#555", value),
            ):
                attributes = (
                    f'x="{_f(lx)}" y="{_f(cy + dy)}" text-anchor="{anchor}" font-size="{size_}"'
                )
                if not (first or last):  # a white halo keeps labels readable over the bands
                    parts.append(
                        f'<text {attributes} fill="#fff" stroke="#fff" stroke-width="3" '
                        f'stroke-linejoin="round" opacity="0.85">{escape(text)}</text>'
                    )
                parts.append(f'<text {attributes} fill="{fill}">{escape(text)}</text>')
    height = top + total_height + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'role="img" font-family="{_FONT}" class="sankey">'
        f"<title>{escape(title)}</title>" + "".join(bands) + "".join(parts) + "</svg>"
    )


def cluster_chain_sankey(
    table,
    cluster_sectors: Sequence[str],
    chain,
    gaps: set[tuple[str, str]] = frozenset(),
    *,
    partners: int = 8,
    **options,
) -> tuple[str, bool]:
    """Suppliers → the cluster's sectors → customers, with the table's intermediate flows.

    ``chain`` is the ranked frame of
    :func:`~clusterdialog.valuechain.chain.cluster_value_chain` (``role``,
    ``sector``); its first ``partners`` suppliers and customers are drawn.
    ``gaps`` holds ``(role, sector)`` pairs drawn in the gap colour.  Options
    go to :func:`sankey_svg`.  Returns the SVG and whether a gap is shown.
    """
    z = np.asarray(table.intermediate)
    index = {str(c): i for i, c in enumerate(table.sectors)}
    members = [c for c in cluster_sectors if c in index]
    nodes = [SankeyNode(f"c:{m}", table.name(m), 1, COLOURS["cluster"]) for m in members]
    flows = []
    for role, column, prefix in (("supplier", 0, "s"), ("customer", 2, "k")):
        ranked = [str(s) for s in chain.loc[chain["role"] == role, "sector"] if s in index]
        for code in ranked[:partners]:
            colour = COLOURS["gap"] if (role, code) in gaps else COLOURS["linked"]
            nodes.append(SankeyNode(f"{prefix}:{code}", table.name(code), column, colour))
            for m in members:
                if role == "supplier":
                    flows.append(SankeyFlow(f"s:{code}", f"c:{m}", z[index[code], index[m]]))
                else:
                    flows.append(SankeyFlow(f"c:{m}", f"k:{code}", z[index[m], index[code]]))
    svg = sankey_svg(nodes, flows, **options)
    return svg, any(node.colour == COLOURS["gap"] for node in nodes)


def largest_flows_sankey(table, *, count: int = 15, **options) -> tuple[str, int]:
    """The ``count`` largest flows between different sectors: suppliers → users.

    Returns the SVG (options go to :func:`sankey_svg`) and the number of flows drawn.
    """
    off = np.array(table.intermediate, dtype="float64")
    np.fill_diagonal(off, 0.0)
    count = min(count, int((off > 0).sum()))
    order = np.argsort(-off, axis=None, kind="stable")[:count]
    pairs = [divmod(int(k), off.shape[0]) for k in order]
    codes = [str(c) for c in table.sectors]
    rows = sorted({i for i, _ in pairs}, key=lambda i: -off[i].sum())
    cols = sorted({j for _, j in pairs}, key=lambda j: -off[:, j].sum())
    nodes = [SankeyNode(f"s:{codes[i]}", table.name(codes[i]), 0, COLOURS["linked"]) for i in rows]
    nodes += [
        SankeyNode(f"u:{codes[j]}", table.name(codes[j]), 1, COLOURS["cluster"]) for j in cols
    ]
    flows = [SankeyFlow(f"s:{codes[i]}", f"u:{codes[j]}", off[i, j]) for i, j in pairs]
    return sankey_svg(nodes, flows, **options), count
