"""Charts of the reports as inline SVG strings (matplotlib, deterministic).

Matplotlib runs on the Agg backend with the DejaVu Sans font, glyphs drawn as
paths (no font files needed by the reader of the report), no date in the
metadata and a fixed ``svg.hashsalt`` per chart, so the same data give the
same SVG bytes and the ids of several charts in one HTML page never clash.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np
import pandas as pd

__all__ = ["PORTFOLIO_COLOURS", "bar_chart", "figure_to_svg", "portfolio_chart", "plot_style"]

#: Colours of the portfolio classes (colour-blind safe, Okabe–Ito).
PORTFOLIO_COLOURS: Mapping[str, str] = {
    "specialised_growing": "#009E73",
    "specialised_declining": "#D55E00",
    "emerging": "#0072B2",
    "other": "#999999",
}

_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.titlesize": 10,
    "figure.dpi": 72,
}


@contextmanager
def plot_style(salt: str) -> Iterator[None]:
    """Matplotlib settings of every report chart (Agg backend, fixed font and salt)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": f"clusterdialog-{salt}"}):
        yield


def figure_to_svg(figure) -> str:
    """Render a matplotlib figure as an SVG element for inline use and close it."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    start = text.find("<svg")
    svg = text[start:]
    # drop the fixed size so the SVG scales with the page; keep the viewBox
    svg = re.sub(r'\s(width|height)="[0-9.]+pt"', "", svg, count=2)
    # path coordinates are in points: one decimal is finer than any printer
    return _PATH_DATA.sub(lambda m: _NUMBER.sub(r"\1", m.group(0)), svg)


_PATH_DATA = re.compile(r'\sd="[^"]*"')
_NUMBER = re.compile(r"(-?\d+\.\d)\d+")


def portfolio_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    size: str,
    category: str,
    labels: Mapping[str, str],
    label: str | None = None,
    x_label: str = "",
    y_label: str = "",
    max_labels: int = 6,
    lang: str = "de",
) -> str:
    """Portfolio bubble chart: x = LQ change, y = LQ, area = employment, colour = class.

    The reference lines are LQ = 1 and no change.  The ``max_labels`` largest
    bubbles are labelled with ``label``.

    Examples
    --------
    >>> frame = pd.DataFrame({"dlq": [0.1, -0.2], "lq": [1.5, 0.8], "emp": [100, 50],
    ...                       "cls": ["specialised_growing", "other"], "name": ["A", "B"]})
    >>> svg = portfolio_chart(frame, x="dlq", y="lq", size="emp", category="cls",
    ...                       labels={"specialised_growing": "growing", "other": "other"},
    ...                       label="name")
    >>> svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    True
    """
    import matplotlib.pyplot as plt

    data = frame.dropna(subset=[x, y, size])
    with plot_style("portfolio"):
        figure, axes = plt.subplots(figsize=(7.5, 5.0))
        largest = max(float(data[size].max()), 1.0) if len(data) else 1.0
        areas = 20 + 1200 * data[size].to_numpy(dtype=float) / largest
        for key, colour in PORTFOLIO_COLOURS.items():
            part = data[category] == key
            if part.any():
                axes.scatter(
                    data.loc[part, x],
                    data.loc[part, y],
                    s=areas[part.to_numpy()],
                    c=colour,
                    alpha=0.55,
                    edgecolors="white",
                    linewidths=0.6,
                    label=labels.get(key, key),
                )
        axes.axhline(1.0, color="#555555", linewidth=0.8, linestyle="--")
        axes.axvline(0.0, color="#555555", linewidth=0.8, linestyle="--")
        if label is not None:
            named = data[data[label].astype(str) != ""]
            for _, row in named.nlargest(max_labels, size).iterrows():
                axes.annotate(
                    str(row[label]),
                    (row[x], row[y]),
                    fontsize=7,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
        axes.set_xlabel(x_label)
        axes.set_ylabel(y_label)
        _number_axes(axes, lang, "xy")
        axes.legend(loc="upper left", fontsize=8, frameon=False, markerscale=0.4)
        return figure_to_svg(figure)


def bar_chart(
    labels: list[str],
    values: np.ndarray | list[float],
    *,
    title: str = "",
    x_label: str = "",
    colour: str = "#0072B2",
    reference: float | None = None,
    lang: str = "de",
) -> str:
    """Horizontal bar chart (largest on top) with an optional reference line.

    Examples
    --------
    >>> svg = bar_chart(["a", "b"], [2.0, 1.0], title="LQ", reference=1.0)
    >>> "<svg" in svg
    True
    """
    import matplotlib.pyplot as plt

    values = np.asarray(values, dtype=float)
    with plot_style(f"bar-{title}"):
        figure, axes = plt.subplots(figsize=(7.0, 0.3 * len(labels) + 0.9))
        positions = np.arange(len(labels))[::-1]
        axes.barh(positions, values, color=colour, height=0.7)
        axes.set_yticks(positions, labels)
        if reference is not None:
            axes.axvline(reference, color="#555555", linewidth=0.8, linestyle="--")
        axes.set_title(title, loc="left")
        axes.set_xlabel(x_label)
        _number_axes(axes, lang, "x")
        return figure_to_svg(figure)


def _number_axes(axes, lang: str, which: str) -> None:
    """Tick labels in the language's number format (decimal comma in German)."""
    from matplotlib.ticker import FuncFormatter

    from clusterdialog.reports.i18n import format_number

    def fmt(value: float, _pos: int) -> str:
        decimals = 0 if float(value).is_integer() else (1 if round(value, 1) == value else 2)
        return format_number(value, lang, decimals)

    if "x" in which:
        axes.xaxis.set_major_formatter(FuncFormatter(fmt))
    if "y" in which:
        axes.yaxis.set_major_formatter(FuncFormatter(fmt))
