"""Spatial weights of regions through libpysal, and the match of data and geometry keys.

Contiguity weights come from libpysal (:func:`contiguity_weights` from
polygons, :func:`weights_from_neighbors` from a neighbour table); they feed the
esda wrappers in :mod:`.moran` (global and local Moran's I) and
:mod:`.getis_ord` (Gi/Gi* and the global G) and the inter-municipal cluster
candidates of :mod:`.intermunicipal`.  :func:`match_regions` reports region
keys without geometry and geometries without data (requirement 10 of issue 3:
never dropped silently).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["contiguity_weights", "match_regions", "weights_from_neighbors"]

_SHOWN = 10


def listing(keys: Iterable[object]) -> str:
    """Return at most ten keys joined by commas, saying how many more there are."""
    keys = [str(k) for k in keys]
    more = f", … ({len(keys) - _SHOWN} more)" if len(keys) > _SHOWN else ""
    return ", ".join(keys[:_SHOWN]) + more


def check_columns(frame: pd.DataFrame, columns: Sequence[str], argument: str) -> None:
    """Raise an InputError naming the missing columns and the available ones."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{argument}: column(s) {', '.join(map(repr, missing))} not found; available "
            f"columns: {', '.join(map(repr, map(str, frame.columns)))}"
        )


def text_keys(values: pd.Series, argument: str) -> pd.Series:
    """Region keys as text; numbers are refused because they lose leading zeros."""
    if values.isna().any():
        raise InputError(f"{argument}: {int(values.isna().sum())} row(s) without a region key")
    if pd.api.types.is_numeric_dtype(values):
        raise InputError(
            f"{argument}: expected region keys as text (leading zeros kept, e.g. '08111'), "
            f"got numbers (e.g. {values.iloc[0]!r})"
        )
    return values.astype(str)


def report_islands(weights, function: str, method: str = "") -> None:
    """Warn about regions without neighbours and about disconnected components."""
    islands = list(weights.islands)
    if not islands:
        return
    n = weights.n
    warnings.warn(
        f"{function}: {len(islands)} of {n} regions ({len(islands) / n:.1%}) have no "
        f"{method + ' ' if method else ''}neighbour (islands): {listing(islands)}; "
        f"they have no spatial lag ({weights.n_components} connected components)",
        DataQualityWarning,
        stacklevel=3,
    )


def contiguity_weights(geometries, *, key: str = "region", method: str = "queen"):
    """Contiguity weights of region polygons through :mod:`libpysal.weights`.

    Two regions are neighbours when their polygons share a boundary point
    (``method="queen"``) or a boundary segment (``method="rook"``).

    .. math:: w_{ij} = 1 \\text{ if regions } i \\ne j \\text{ touch, else } 0

    Parameters
    ----------
    geometries : geopandas.GeoDataFrame
        One polygon per region, e.g. from :func:`clusterdialog.data.geometry.read_geometry`
        or :func:`clusterdialog.datasets.load_kreise_geometry`.
    key : str
        Column with the region keys (text, unique); they become the ids of the weights.
    method : {"queen", "rook"}
        Contiguity rule.

    Returns
    -------
    libpysal.weights.W
        Binary weights (transformation ``"O"``) with ``id_order`` in the row order of
        ``geometries``.

    Raises
    ------
    InputError
        For a missing key column, missing, numeric or duplicate keys, null or empty
        geometries, or an unknown ``method``.

    Warns
    -----
    DataQualityWarning
        Naming the regions without any neighbour (islands) and the number of connected
        components.

    Notes
    -----
    libpysal's ``Queen``/``Rook.from_dataframe`` build the weights from shared vertices
    and edges, so polygons that touch only after snapping (simplified or quantised
    boundaries) may come out as islands.  GeoDa and R spdep (``poly2nb``) use the same
    rules; spdep's ``snap`` tolerance has no counterpart here.

    References
    ----------
    .. [1] Rey, S. J. & Anselin, L. (2007). PySAL: A Python library of spatial analytical
       methods. *The Review of Regional Studies* 37(1), 5–27. doi:10.52324/001c.8285

    Examples
    --------
    >>> from clusterdialog.datasets import load_kreise_geometry
    >>> w = contiguity_weights(load_kreise_geometry(), key="region")
    >>> w.n, sorted(w.neighbors["08111"])  # Stuttgart
    (401, ['08115', '08116', '08118', '08119'])
    """
    if method not in ("queen", "rook"):
        raise InputError(f"method: expected one of ['queen', 'rook'], got {method!r}")
    if not hasattr(geometries, "geometry"):
        raise InputError(f"geometries: expected a GeoDataFrame, got {type(geometries).__name__}")
    check_columns(geometries, [key], "geometries")
    keys = text_keys(geometries[key], f"geometries, column {key!r}")
    duplicated = keys[keys.duplicated()].unique()
    if len(duplicated):
        raise InputError(
            f"geometries, column {key!r}: expected one polygon per region, got duplicated "
            f"key(s) {listing(duplicated)}"
        )
    empty = (geometries.geometry.isna() | geometries.geometry.is_empty).to_numpy()
    if empty.any():
        raise InputError(
            f"geometries: {int(empty.sum())} region(s) with a null or empty geometry: "
            f"{listing(keys[empty])}; drop them first (read_geometry(..., invalid='repair'))"
        )
    from libpysal.weights import Queen, Rook

    builder = Queen if method == "queen" else Rook
    weights = builder.from_dataframe(
        geometries, ids=keys.tolist(), use_index=False, silence_warnings=True
    )
    report_islands(weights, "contiguity_weights", method)
    return weights


def weights_from_neighbors(
    table: pd.DataFrame,
    *,
    focal: str = "focal",
    neighbor: str = "neighbor",
    weight: str | None = None,
    regions: Iterable[object] | None = None,
):
    """Spatial weights from a neighbour table (one row per directed link).

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``focal`` and ``neighbor`` (region keys) and, optionally, ``weight``.
    focal, neighbor : str
        Column names of the two ends of a link.
    weight : str, optional
        Column of positive link weights; default 1 for every link (binary weights).
    regions : iterable, optional
        All region keys, in order; regions not in the table are islands.  Default: the
        keys of the table in order of appearance.

    Returns
    -------
    libpysal.weights.W
        With ids as text and ``id_order`` as described.

    Raises
    ------
    InputError
        For missing columns, self-links, duplicated links, non-positive weights or keys
        of the table missing from ``regions``.

    Warns
    -----
    DataQualityWarning
        For links without their reverse link (contiguity is symmetric) and for islands.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"focal": ["a", "b", "b", "c"], "neighbor": ["b", "a", "c", "b"]})
    >>> w = weights_from_neighbors(links)
    >>> w.neighbors["b"], w.cardinalities["a"]
    (['a', 'c'], 1)
    """
    from libpysal.weights import W

    if not isinstance(table, pd.DataFrame):
        raise InputError(f"table: expected a DataFrame, got {type(table).__name__}")
    check_columns(table, [focal, neighbor] + ([weight] if weight else []), "table")
    source = text_keys(table[focal], f"table, column {focal!r}").to_numpy()
    target = text_keys(table[neighbor], f"table, column {neighbor!r}").to_numpy()
    if weight is None:
        values = np.ones(len(table))
    else:
        values = pd.to_numeric(table[weight], errors="coerce").to_numpy(dtype=float)
        bad = ~(values > 0)
        if bad.any():
            raise InputError(
                f"table, column {weight!r}: expected positive weights, got "
                f"{int(bad.sum())} other value(s) (rows {listing(np.flatnonzero(bad))})"
            )
    loops = source == target
    if loops.any():
        raise InputError(
            f"table: a region cannot be its own neighbour; rows {listing(np.flatnonzero(loops))}"
        )
    links = pd.DataFrame({"focal": source, "neighbor": target, "weight": values})
    repeated = links.duplicated(["focal", "neighbor"])
    if repeated.any():
        raise InputError(
            f"table: duplicated link(s) {listing(links.loc[repeated, 'focal'] + '–' + links.loc[repeated, 'neighbor'])}"  # noqa: E501
        )
    order = pd.unique(np.concatenate([source, target]))
    if regions is not None:
        given = pd.Index([str(r) for r in regions])
        unknown = pd.Index(order).difference(given)
        if len(unknown):
            raise InputError(
                f"regions: the neighbour table has keys that are not in regions: {listing(unknown)}"
            )
        order = given.unique()
    pairs = pd.MultiIndex.from_arrays([links["focal"], links["neighbor"]])
    reverse = pd.MultiIndex.from_arrays([links["neighbor"], links["focal"]])
    one_way = ~reverse.isin(pairs)
    if one_way.any():
        warnings.warn(
            f"weights_from_neighbors: {int(one_way.sum())} of {len(links)} links "
            f"({one_way.mean():.1%}) have no reverse link: "
            f"{listing(links.loc[one_way, 'focal'] + '→' + links.loc[one_way, 'neighbor'])}",
            DataQualityWarning,
            stacklevel=2,
        )
    grouped = links.groupby("focal", sort=False)
    neighbors = {k: [] for k in order}
    weights = {k: [] for k in order}
    neighbors.update(grouped["neighbor"].agg(list).to_dict())
    weights.update(grouped["weight"].agg(list).to_dict())
    result = W(neighbors, weights, id_order=list(order), silence_warnings=True)
    report_islands(result, "weights_from_neighbors")
    return result


def match_regions(data_keys: Iterable[object], geometry_keys: Iterable[object]) -> pd.DataFrame:
    """Region keys present in the data but not in the geometry, and the other way round.

    Parameters
    ----------
    data_keys, geometry_keys : iterable
        Region keys, e.g. ``df["region"]`` and ``geometries["ars"]`` or
        ``weights.id_order``; repeated keys count once; keys are compared as text.

    Returns
    -------
    pandas.DataFrame
        One row per unmatched key, columns ``region``, ``problem`` (``"no geometry"``: in the
        data only, ``"no data"``: in the geometry only) and ``hint`` (e.g. a key that differs
        only in leading zeros or spaces, else empty); sorted by problem and key.  No rows
        when every key matches.

    Examples
    --------
    >>> from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries
    >>> match_regions(load_kreise_industries()["region"], load_kreise_geometry()["region"])
      region      problem hint
    0  03152  no geometry
    1  03156  no geometry
    >>> report = match_regions(["8111", "08115"], ["08111", "08115", "08116"])
    >>> for row in report.itertuples():
    ...     print(row.region, row.problem, row.hint, sep=" | ")
    08111 | no data | differs only in leading zeros or spaces from '8111'
    08116 | no data |
    8111 | no geometry | differs only in leading zeros or spaces from '08111'
    """
    data = pd.Index(pd.unique(pd.Series([str(k) for k in data_keys], dtype=object)))
    geometry = pd.Index(pd.unique(pd.Series([str(k) for k in geometry_keys], dtype=object)))
    only_data = data.difference(geometry)
    only_geometry = geometry.difference(data)

    def hints(keys: pd.Index, others: pd.Index) -> list[str]:
        canonical = {}
        for other in others:
            canonical.setdefault(other.strip().lstrip("0"), other)
        return [
            f"differs only in leading zeros or spaces from {canonical[k.strip().lstrip('0')]!r}"
            if k.strip().lstrip("0") in canonical
            else ""
            for k in keys
        ]

    frame = pd.DataFrame(
        {
            "region": list(only_data) + list(only_geometry),
            "problem": ["no geometry"] * len(only_data) + ["no data"] * len(only_geometry),
            "hint": hints(only_data, only_geometry) + hints(only_geometry, only_data),
        }
    )
    return frame.sort_values(["problem", "region"], ignore_index=True)
