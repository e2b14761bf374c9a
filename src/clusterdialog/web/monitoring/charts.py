"""Small inline SVG charts of the monitoring pages (no JavaScript, no CDN).

These functions only place given numbers on a canvas (scaling to pixels); every
figure they draw was computed before by :mod:`clusterdialog.monitoring`.
Labels are escaped; numbers are formatted in the active locale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["line_chart", "radar_chart", "scatter_chart", "stacked_bars", "LIGHT_COLOURS"]

#: Colours of the traffic lights (same as site.css).
LIGHT_COLOURS = {"green": "#2e7d32", "yellow": "#f2b705", "red": "#b3261e", "none": "#c9d1d9"}
#: Colours of the series of a line chart (Okabe–Ito, colour-blind safe).
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#999999")


def _fmt(value: float, decimals: int = 1) -> str:
    if float(value).is_integer():
        decimals = 0
    return number_format(round(value, decimals), decimals, force_grouping=True)


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    # Every text part was escaped above; numbers are formatted by us.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        f'class="chart" style="max-width:100%;height:auto">{"".join(body)}</svg>'
    )


def line_chart(
    series: Sequence[dict],
    *,
    label: str,
    width: int = 340,
    height: int = 150,
    lights: Sequence[tuple[float, str | None]] = (),
) -> SafeString:
    """Lines over years: ``series`` = ``[{"label", "points": [(year, value|None)], "dashed"}]``.

    ``lights`` places a coloured dot per (year, light) on the first series.
    """
    points = [(x, y) for s in series for x, y in s["points"] if y is not None]
    if not points:
        return mark_safe("")
    xs = sorted({x for s in series for x, _y in s["points"]})
    y_min = min(0.0, min(y for _x, y in points))
    y_max = max(y for _x, y in points)
    if y_max == y_min:
        y_max = y_min + 1.0
    # Room on the left for the longest axis label (about 6 px per character at 10 px).
    left = 10 + 6 * max(len(_fmt(y_max)), len(_fmt(y_min)))
    right, top, bottom = 12, 10, 20
    legend = 14 * len(series)
    x_span = (xs[-1] - xs[0]) or 1

    def px(x: float) -> float:
        return left + (x - xs[0]) / x_span * (width - left - right) if len(xs) > 1 else width / 2

    def py(y: float) -> float:
        return top + (y_max - y) / (y_max - y_min) * (height - top - bottom)

    body = [
        f'<line x1="{left}" y1="{py(y_min):.1f}" x2="{width - right}" y2="{py(y_min):.1f}" '
        'stroke="#999"/>',
        f'<text x="{left - 4}" y="{py(y_max) + 4:.1f}" text-anchor="end" font-size="10">'
        f"{_fmt(y_max)}</text>",
        f'<text x="{left - 4}" y="{py(y_min) + 4:.1f}" text-anchor="end" font-size="10">'
        f"{_fmt(y_min)}</text>",
    ]
    for x in xs:
        body.append(
            f'<text x="{px(x):.1f}" y="{height - bottom + 14}" text-anchor="middle" '
            f'font-size="10">{int(x)}</text>'
        )
    for index, item in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        coordinates = [(px(x), py(y)) for x, y in item["points"] if y is not None]
        dash = ' stroke-dasharray="4 3"' if item.get("dashed") else ""
        if len(coordinates) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
        for x, y in coordinates:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>')
        body.append(
            f'<text x="{left}" y="{height + 10 + index * 14}" font-size="10" fill="{colour}">'
            f"{'– – ' if item.get('dashed') else '— '}{escape(item['label'])}</text>"
        )
    first = dict(series[0]["points"]) if series else {}
    for x, light in lights:
        if light and first.get(x) is not None:
            body.append(
                f'<circle cx="{px(x):.1f}" cy="{py(first[x]):.1f}" r="5" fill="none" '
                f'stroke="{LIGHT_COLOURS[light]}" stroke-width="2.5"><title>{escape(light)}'
                "</title></circle>"
            )
    return _svg(width, height + legend, label, body)


def radar_chart(axes: Sequence[tuple[str, float]], *, label: str, size: int = 560) -> SafeString:
    """Percentile ranks (0–100) on the spokes of a radar chart; needs at least three axes."""
    if len(axes) < 3:
        return mark_safe("")
    centre, radius = size / 2, size / 2 - 150
    count = len(axes)

    def point(index: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return centre + radius * share * math.cos(angle), centre + radius * share * math.sin(angle)

    body = []
    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(count))
        )
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="#d5dbe1"/>')
    for index, (name, _value) in enumerate(axes):
        x, y = point(index, 1.0)
        lx, ly = point(index, 1.12)
        anchor = "middle" if abs(lx - centre) < 5 else ("start" if lx > centre else "end")
        body.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d5dbe1"/>'
        )
        short = name if len(name) <= 26 else name[:25] + "…"
        body.append(
            f'<text x="{lx:.1f}" y="{ly + 3:.1f}" text-anchor="{anchor}" font-size="10">'
            f"<title>{escape(name)}</title>{escape(short)}</text>"
        )
    median = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, 0.5) for i in range(count)))
    body.append(f'<polygon points="{median}" fill="none" stroke="#999" stroke-dasharray="4 3"/>')
    own = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (point(i, v / 100) for i, (_n, v) in enumerate(axes))
    )
    body.append(
        f'<polygon points="{own}" fill="#0072B2" fill-opacity="0.25" stroke="#0072B2" '
        'stroke-width="2"/>'
    )
    return _svg(size, size, label, body)


def scatter_chart(
    points: Sequence[dict],
    *,
    label: str,
    x_label: str,
    y_label: str,
    x_range: tuple[float, float],
    x_split: float,
    y_split: float,
    width: int = 460,
    height: int = 340,
) -> SafeString:
    """Points ``{"label", "x", "y", "colour", "title"}`` with quadrant lines at the splits.

    ``label`` is written next to the point, ``title`` (default the label) shows on hover.
    """
    if not points:
        return mark_safe("")
    left, right, top, bottom = 44, 16, 12, 40
    y_max = max(max(p["y"] for p in points), y_split) * 1.15 or 1.0

    def px(x: float) -> float:
        return left + (x - x_range[0]) / (x_range[1] - x_range[0]) * (width - left - right)

    def py(y: float) -> float:
        return top + (y_max - y) / y_max * (height - top - bottom)

    body = [
        f'<rect x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}" fill="none" stroke="#999"/>',
        f'<line x1="{px(x_split):.1f}" y1="{top}" x2="{px(x_split):.1f}" '
        f'y2="{height - bottom}" stroke="#999" stroke-dasharray="4 3"/>',
        f'<line x1="{left}" y1="{py(y_split):.1f}" x2="{width - right}" '
        f'y2="{py(y_split):.1f}" stroke="#999" stroke-dasharray="4 3"/>',
        f'<text x="{(left + width - right) / 2}" y="{height - 6}" text-anchor="middle" '
        f'font-size="11">{escape(x_label)}</text>',
        f'<text x="12" y="{(top + height - bottom) / 2}" text-anchor="middle" font-size="11" '
        f'transform="rotate(-90 12 {(top + height - bottom) / 2})">{escape(y_label)}</text>',
        f'<text x="{left}" y="{height - bottom + 14}" font-size="10">{_fmt(x_range[0])}</text>',
        f'<text x="{width - right}" y="{height - bottom + 14}" text-anchor="end" '
        f'font-size="10">{_fmt(x_range[1])}</text>',
    ]
    for item in points:
        x, y = px(item["x"]), py(item["y"])
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{item.get("colour", "#0072B2")}">'
            f"<title>{escape(item.get('title', item['label']))}</title></circle>"
            f'<text x="{x + 7:.1f}" y="{y + 3:.1f}" font-size="9">{escape(item["label"])}</text>'
        )
    return _svg(width, height, label, body)


def stacked_bars(rows: Sequence[dict], *, label: str, width: int = 460) -> SafeString:
    """Horizontal bars of light counts: ``[{"label", "green", "yellow", "red", "none"}]``."""
    if not rows:
        return mark_safe("")
    bar, gap, left = 16, 8, 170
    height = len(rows) * (bar + gap) + gap
    body = []
    for index, row in enumerate(rows):
        y = gap + index * (bar + gap)
        total = sum(row.get(light, 0) for light in LIGHT_COLOURS) or 1
        x = float(left)
        body.append(
            f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end" font-size="10">'
            f"{escape(row['label'])}</text>"
        )
        for light, colour in LIGHT_COLOURS.items():
            count = row.get(light, 0)
            if not count:
                continue
            span = count / total * (width - left - 10)
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(light)}: {count}</title></rect>"
            )
            x += span
    return _svg(width, height, label, body)
