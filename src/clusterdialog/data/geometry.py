"""Region geometries from GeoJSON, GeoPackage, TopoJSON and other GDAL vector files.

:func:`read_geometry` reads one layer of a vector file with GDAL (through
pyogrio and geopandas), keeps its coordinate reference system and checks what
the spatial methods of :mod:`clusterdialog.identify.spatial` rely on: a key
column of unique text keys (leading zeros kept) and a usable geometry for
every region.  Problems are :class:`~clusterdialog.errors.InputError`\\ s that
name the file, the layer, the column and the offending keys.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import check_choice, sha256_file
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["INVALID_POLICIES", "read_geometry"]

#: What :func:`read_geometry` does with null, empty or invalid geometries:
#: ``"error"`` raises an InputError naming the keys; ``"repair"`` drops null and
#: empty geometries and repairs invalid ones with ``make_valid``, each with a
#: DataQualityWarning naming the keys.
INVALID_POLICIES: tuple[str, ...] = ("error", "repair")

_SHOWN = 10


def _listing(keys) -> str:
    keys = [str(k) for k in keys]
    more = f", … ({len(keys) - _SHOWN} more)" if len(keys) > _SHOWN else ""
    return ", ".join(keys[:_SHOWN]) + more


def _layer_names(path: Path) -> list[str]:
    import pyogrio

    try:
        layers = pyogrio.list_layers(path)
    except Exception as error:  # pyogrio.errors.DataSourceError and GDAL errors
        raise InputError(
            f"path: cannot read {path} as a vector file (GeoJSON, GeoPackage, TopoJSON, "
            f"Shapefile, …): {str(error).split(';')[0]}"
        ) from None
    return [str(name) for name in layers[:, 0]]


def _text_keys(frame: pd.DataFrame, key: str, key_width: int | None, where: str) -> pd.Series:
    column = frame[key]
    missing = column.isna()
    if missing.any():
        rows = np.flatnonzero(missing.to_numpy())
        raise InputError(
            f"{where}, column {key!r}: {len(rows)} feature(s) without a key "
            f"(feature numbers {_listing(rows + 1)})"
        )
    if pd.api.types.is_numeric_dtype(column):
        numbers = column.to_numpy(dtype=float)
        if key_width is None or not np.all(numbers == np.round(numbers)):
            raise InputError(
                f"{where}, column {key!r}: expected text keys with leading zeros, got numbers "
                f"(e.g. {column.iloc[0]!r}); pass key_width=<digits> to pad whole numbers "
                "with zeros"
            )
        return pd.Series(
            [str(int(n)).zfill(key_width) for n in numbers], index=frame.index, dtype=object
        )
    keys = column.astype(str)
    if key_width is not None:
        keys = keys.str.zfill(key_width)
    return keys.astype(object)


def _check_geometries(frame, key: str, invalid: str, where: str):
    empty = (frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    broken = ~empty & ~frame.geometry.is_valid.to_numpy()
    n = len(frame)
    if invalid == "error" and (empty.any() or broken.any()):
        parts = []
        if empty.any():
            parts.append(f"{int(empty.sum())} null or empty ({_listing(frame.loc[empty, key])})")
        if broken.any():
            parts.append(f"{int(broken.sum())} invalid ({_listing(frame.loc[broken, key])})")
        raise InputError(
            f"{where}: expected a valid polygon for every region, got "
            f"{' and '.join(parts)} geometries of {n}; pass invalid='repair' to drop the empty "
            "and repair the invalid ones"
        )
    if empty.any():
        warnings.warn(
            f"read_geometry: {where}: dropped {int(empty.sum())} of {n} regions "
            f"({empty.mean():.1%}) with a null or empty geometry: "
            f"{_listing(frame.loc[empty, key])}",
            DataQualityWarning,
            stacklevel=3,
        )
        frame = frame.loc[~empty].copy()
        broken = broken[~empty]
    if broken.any():
        warnings.warn(
            f"read_geometry: {where}: repaired {int(broken.sum())} of {n} invalid geometries "
            f"({broken.sum() / n:.1%}) with make_valid: {_listing(frame.loc[broken, key])}",
            DataQualityWarning,
            stacklevel=3,
        )
        column = frame.geometry.name
        frame.loc[broken, column] = frame.geometry[broken].make_valid(
            method="structure", keep_collapsed=False
        )
    return frame


def read_geometry(
    path: str | os.PathLike[str],
    *,
    key: str,
    layer: str | None = None,
    key_width: int | None = None,
    invalid: str = "error",
):
    """Read region geometries from a GeoJSON, GeoPackage, TopoJSON or other vector file.

    Parameters
    ----------
    path : str or path-like
        A vector file GDAL reads: GeoJSON, GeoPackage, TopoJSON, Shapefile, ….
    key : str
        Column (property) with the region keys that match the data, e.g. ``"ars"`` for the
        German Kreise GeoJSON, ``"id"`` for the us-atlas TopoJSON (5-digit county FIPS).
    layer : str, optional
        Layer to read; required when the file has several layers (a TopoJSON file has one
        layer per object, e.g. ``counties``, ``states`` and ``nation``).
    key_width : int, optional
        Pad the keys with leading zeros to this width.  Needed when the file stores keys as
        numbers (``8111`` for ``08111``); numeric keys without it are an error.
    invalid : {"error", "repair"}
        Null, empty or invalid (e.g. self-intersecting) geometries raise an InputError, or
        with ``"repair"`` the null and empty ones are dropped and the invalid ones repaired
        with ``make_valid``, each with a :class:`~clusterdialog.errors.DataQualityWarning`.

    Returns
    -------
    geopandas.GeoDataFrame
        The layer's columns with ``key`` as text (object dtype), the file's CRS (``None``
        when the file declares none, as TopoJSON does), and a
        :class:`~clusterdialog.data.panel.Provenance` under ``attrs["provenance"]``.

    Raises
    ------
    InputError
        For a missing or unreadable file, an unknown or ambiguous layer, a missing key
        column (the message lists the available ones), missing, numeric or duplicate keys,
        and, with ``invalid="error"``, null, empty or invalid geometries.

    Warns
    -----
    DataQualityWarning
        With ``invalid="repair"``: how many geometries were dropped or repaired, and which.

    Notes
    -----
    GDAL reads TopoJSON natively (driver ``TopoJSON``): the object's ``id`` becomes a
    column ``id`` and its properties become columns.  The us-atlas counties file has one
    empty polygon (51610 Falls Church, lost in quantisation) and 22 self-intersecting
    polygons, so it needs ``invalid="repair"``; 51610 is then reported as a region without
    geometry by :func:`~clusterdialog.identify.spatial.match_regions`.

    Examples
    --------
    >>> from importlib.resources import files
    >>> path = files("clusterdialog.data") / "demo" / "de_kreise_2021.geojson"
    >>> kreise = read_geometry(path, key="ars")
    >>> len(kreise), kreise.crs.to_epsg(), kreise["ars"].iloc[0]
    (401, 4326, '01001')
    >>> read_geometry(path, key="AGS")
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: de_kreise_2021.geojson, layer 'de_kreise_2021': key column 'AGS' not found; available columns: 'ars', 'name', 'type'
    """  # noqa: E501
    import geopandas as gpd

    check_choice("invalid", invalid, INVALID_POLICIES)
    if key_width is not None and (not isinstance(key_width, int) or key_width < 1):
        raise InputError(f"key_width: expected a positive whole number, got {key_width!r}")
    path = Path(path)
    digest = sha256_file(path, "path")
    layers = _layer_names(path)
    if layer is None:
        if len(layers) > 1:
            raise InputError(
                f"layer: {path.name} has {len(layers)} layers, name the one to read; "
                f"available layers: {', '.join(repr(name) for name in layers)}"
            )
        layer = layers[0]
    elif layer not in layers:
        raise InputError(
            f"layer: {path.name} has no layer {layer!r}; available layers: "
            f"{', '.join(repr(name) for name in layers)}"
        )
    where = f"{path.name}, layer {layer!r}"
    frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(f"{where}: expected geometries, got a table without a geometry column")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if key not in columns:
        raise InputError(
            f"{where}: key column {key!r} not found; available columns: "
            f"{', '.join(repr(c) for c in columns) or '(none)'}"
        )
    frame = frame.copy()
    frame[key] = _text_keys(frame, key, key_width, where)
    duplicated = frame[key].duplicated(keep=False)
    if duplicated.any():
        counts = frame.loc[duplicated, key].value_counts(sort=False)
        raise InputError(
            f"{where}, column {key!r}: expected one feature per key, got "
            f"{len(counts)} duplicated key(s): "
            f"{_listing(f'{k} ({n}×)' for k, n in counts.items())}"
        )
    frame = _check_geometries(frame, key, invalid, where)
    frame = frame.reset_index(drop=True)
    frame.attrs["provenance"] = Provenance(
        source=path.name,
        sha256=digest,
        reader="clusterdialog.data.geometry.read_geometry",
        details={"layer": layer, "key": key, "crs": None if frame.crs is None else str(frame.crs)},
    )
    return frame
