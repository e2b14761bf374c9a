"""Choropleth maps of the reports as inline SVG (no tiles, no external resources).

Geometries are projected to ETRS89-LAEA (EPSG:3035) when they come in
longitude/latitude and simplified (``tolerance`` metres, topology kept per
polygon), which keeps the SVG of the 401 Kreise small.  Values are drawn in
fixed classes with a legend; regions without a value are grey and listed in
the report's data-quality section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clusterdialog.reports.charts import figure_to_svg, plot_style
from clusterdialog.reports.i18n import format_number

__all__ = [
    "LQ_CLASSES",
    "STAR_COLOURS",
    "category_map",
    "lq_maps",
    "prepare_geometry",
    "stars_map",
]

#: Class limits and colours of location-quotient maps (diverging around 1).
LQ_CLASSES: tuple[tuple[float, str], ...] = (
    (0.5, "#4393c3"),
    (0.8, "#d1e5f0"),
    (1.25, "#f7f7f7"),
    (2.0, "#fddbc7"),
    (3.0, "#d6604d"),
    (np.inf, "#b2182b"),
)
#: Colours for 0 … 4 stars.
STAR_COLOURS: tuple[str, ...] = ("#f7f7f7", "#fee391", "#fec44f", "#ec7014", "#993404")
NO_DATA = "#cccccc"
_CATEGORIES = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
    "#117733",
    "#882255",
)


def prepare_geometry(
    geoframe, *, key: str = "region", regions=None, tolerance: float | None = None
):
    """Project, simplify and (optionally) restrict a GeoDataFrame for maps.

    Parameters
    ----------
    geoframe : geopandas.GeoDataFrame
        Region geometries with the key column ``key``.
    key : str
        Column with the region keys (made strings, renamed ``region``).
    regions : sequence of str, optional
        Keep only these regions (e.g. the focus of the report).
    tolerance : float, optional
        Simplification tolerance in the units of the projected CRS (metres);
        default 1/500 of the diagonal of the map's extent.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``region`` and ``geometry``.
    """
    frame = geoframe[[key, "geometry"]].rename(columns={key: "region"}).copy()
    frame["region"] = frame["region"].astype(str)
    if regions is not None:
        frame = frame[frame["region"].isin(set(regions))]
    if frame.crs is not None and frame.crs.is_geographic:
        frame = frame.to_crs(3035)
    if tolerance is None and len(frame):
        minx, miny, maxx, maxy = frame.total_bounds
        tolerance = float(np.hypot(maxx - minx, maxy - miny)) / 500
    if tolerance and len(frame):
        frame["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    return frame.reset_index(drop=True)


def _lq_colours(values: np.ndarray) -> list[str]:
    limits = np.array([limit for limit, _ in LQ_CLASSES])
    index = np.searchsorted(limits, values, side="right").clip(0, len(LQ_CLASSES) - 1)
    return [
        NO_DATA if np.isnan(v) else LQ_CLASSES[i][1] for v, i in zip(values, index, strict=True)
    ]


def _lq_legend(lang: str) -> list[tuple[str, str]]:
    entries = []
    lower = None
    for limit, colour in LQ_CLASSES:
        if lower is None:
            text = f"< {format_number(limit, lang, 2)}"
        elif np.isinf(limit):
            text = f"≥ {format_number(lower, lang, 2)}"
        else:
            text = f"{format_number(lower, lang, 2)} – < {format_number(limit, lang, 2)}"
        entries.append((colour, text))
        lower = limit
    return entries


def _draw(axes, frame, colours: Sequence[str]) -> None:
    frame.plot(ax=axes, color=list(colours), edgecolor="white", linewidth=0.3)
    axes.set_axis_off()
    axes.set_aspect("equal")


def _legend(figure, entries: list[tuple[str, str]], title: str, columns: int) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=c, edgecolor="#888888", linewidth=0.4, label=t) for c, t in entries]
    figure.legend(
        handles=handles,
        title=title,
        loc="lower center",
        ncol=columns,
        frameon=False,
        fontsize=8,
        title_fontsize=8,
        bbox_to_anchor=(0.5, -0.02),
    )


def lq_maps(
    geometry,
    values: pd.DataFrame,
    *,
    titles: Mapping[str, str],
    lang: str = "de",
    legend_title: str = "LQ",
    no_data: str = "no data",
    columns: int = 3,
) -> str:
    """Small multiples: one LQ choropleth per column of ``values`` (index = region).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> geo = gpd.GeoDataFrame({"region": ["a", "b"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    >>> values = pd.DataFrame({"X": [0.4, 2.5]}, index=["a", "b"])
    >>> svg = lq_maps(prepare_geometry(geo, tolerance=0), values, titles={"X": "Industry X"})
    >>> svg.startswith("<svg")
    True
    """
    import matplotlib.pyplot as plt

    names = list(values.columns)
    columns = max(1, min(columns, len(names)))
    rows = int(np.ceil(len(names) / columns))
    with plot_style("lq-" + "-".join(names)):
        figure, axes = plt.subplots(rows, columns, figsize=(2.6 * columns, 2.9 * rows + 0.6))
        axes = np.atleast_1d(axes).ravel()
        for ax, name in zip(axes, names, strict=False):
            v = values[name].reindex(geometry["region"]).to_numpy(dtype=float)
            _draw(ax, geometry, _lq_colours(v))
            ax.set_title(titles.get(name, name), fontsize=8, wrap=True)
        for ax in axes[len(names) :]:
            ax.set_axis_off()
        _legend(figure, [*_lq_legend(lang), (NO_DATA, no_data)], legend_title, 4)
        figure.subplots_adjust(bottom=0.12, hspace=0.25, wspace=0.05)
        return figure_to_svg(figure)


def stars_map(
    geometry,
    stars: pd.Series,
    *,
    title: str,
    legend_title: str = "stars",
    no_data: str = "no data",
) -> str:
    """Choropleth of a number of stars (0–4) per region (index of ``stars`` = region).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> geo = gpd.GeoDataFrame({"region": ["a", "b"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    >>> "<svg" in stars_map(prepare_geometry(geo, tolerance=0), pd.Series({"a": 2}), title="t")
    True
    """
    import matplotlib.pyplot as plt

    v = stars.reindex(geometry["region"]).to_numpy(dtype=float)
    colours = [
        NO_DATA if np.isnan(s) else STAR_COLOURS[int(min(max(s, 0), len(STAR_COLOURS) - 1))]
        for s in v
    ]
    top = int(np.nanmax(v)) if np.isfinite(v).any() else 3
    entries = [(STAR_COLOURS[i], str(i)) for i in range(max(top, 3) + 1)]
    with plot_style("stars"):
        figure, ax = plt.subplots(figsize=(4.2, 4.6))
        _draw(ax, geometry, colours)
        ax.set_title(title, fontsize=9)
        _legend(figure, [*entries, (NO_DATA, no_data)], legend_title, len(entries) + 1)
        figure.subplots_adjust(bottom=0.1)
        return figure_to_svg(figure)


def category_map(
    geometry,
    categories: pd.Series,
    *,
    title: str,
    labels: Mapping[str, str],
    no_data: str = "no data",
    other: str = "other",
) -> str:
    """Choropleth of a category per region (e.g. the cluster with the most stars).

    The nine most frequent categories get a colour each, the rest one colour
    together (``other``, with their number).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> geo = gpd.GeoDataFrame({"region": ["a", "b"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    >>> svg = category_map(prepare_geometry(geo, tolerance=0), pd.Series({"a": "X", "b": "Y"}),
    ...                    title="t", labels={"X": "x", "Y": "y"})
    >>> "<svg" in svg
    True
    """
    import matplotlib.pyplot as plt

    values = categories.reindex(geometry["region"])
    counts = values.dropna().value_counts(sort=False)
    frequent = counts.sort_values(ascending=False, kind="mergesort").index[: len(_CATEGORIES) - 1]
    present = sorted(frequent.tolist())
    palette = {c: _CATEGORIES[i] for i, c in enumerate(present)}
    rest = _CATEGORIES[-1]
    colours = [NO_DATA if pd.isna(c) else palette.get(c, rest) for c in values]
    entries = [(palette[c], labels.get(c, str(c))) for c in present]
    if len(counts) > len(present):
        entries.append((rest, f"{other} ({len(counts) - len(present)})"))
    entries.append((NO_DATA, no_data))
    legend_inches = 0.17 * len(entries) + 0.2
    with plot_style("category"):
        figure, ax = plt.subplots(figsize=(4.2, 4.4 + legend_inches))
        _draw(ax, geometry, colours)
        ax.set_title(title, fontsize=9)
        _legend(figure, entries, "", 1)
        figure.subplots_adjust(bottom=legend_inches / (4.4 + legend_inches))
        return figure_to_svg(figure)
