"""Seed the regions of Baden-Württemberg: the Land, its four Regierungsbezirke, its 44 Kreise.

The Kreise come with simplified polygons (GeoJSON, WGS84) for the cluster atlas
and a representative point inside each polygon for markers.  Names and keys of
the Kreise and their geometry are those of the BKG VG5000 file shipped in the
package (:func:`clusterdialog.data.datasets.load_kreise_geometry`, territorial
status 1 January 2021); credit line :data:`GEOMETRY_CREDIT`, shown on every page
that draws the shapes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.db import transaction

from clusterdialog.data.datasets import BKG_CREDIT
from clusterdialog.errors import InputError
from clusterdialog.web.directory.models import Region, RegionLevel

__all__ = [
    "DISTRICTS",
    "GEOMETRY_CREDIT",
    "LAND_CODE",
    "LAND_NAME",
    "SIMPLIFY_TOLERANCE",
    "kreis_display_names",
    "load_regions",
]

#: Credit line of the Kreis geometries (BKG VG5000, dl-de/by-2-0).
GEOMETRY_CREDIT = BKG_CREDIT
LAND_CODE = "08"
LAND_NAME = "Baden-Württemberg"
#: The four Regierungsbezirke of Baden-Württemberg (3-digit official keys).
DISTRICTS = {
    "081": "Regierungsbezirk Stuttgart",
    "082": "Regierungsbezirk Karlsruhe",
    "083": "Regierungsbezirk Freiburg",
    "084": "Regierungsbezirk Tübingen",
}
#: Douglas-Peucker tolerance in degrees (about 100 m); coordinates are kept to 1e-4°.
SIMPLIFY_TOLERANCE = 0.001
_PRECISION = 1e-4


def kreis_display_names(kreise: list[tuple[str, str, str]]) -> dict[str, str]:
    """Names that tell Stadtkreis and Landkreis of the same name apart.

    Parameters
    ----------
    kreise : list of (code, name, type)
        Official key, geographical name and kind of unit of each Kreis.

    Returns
    -------
    dict
        Code → name; a name shared by several Kreise gets the kind in brackets.

    Examples
    --------
    >>> kreis_display_names([("08121", "Heilbronn", "Stadtkreis"),
    ...                      ("08125", "Heilbronn", "Landkreis"),
    ...                      ("08111", "Stuttgart", "Stadtkreis")])
    {'08121': 'Heilbronn (Stadtkreis)', '08125': 'Heilbronn (Landkreis)', '08111': 'Stuttgart'}
    """
    counts: dict[str, int] = {}
    for _code, name, _kind in kreise:
        counts[name] = counts.get(name, 0) + 1
    return {
        code: f"{name} ({kind})" if counts[name] > 1 and kind else name
        for code, name, kind in kreise
    }


def _read_kreise(geojson_path: str | os.PathLike[str] | None):
    """The Kreise of Baden-Württemberg as a GeoDataFrame (``region``, ``name``, ``type``)."""
    if geojson_path is None:
        from clusterdialog.data.datasets import load_kreise_geometry

        frame = load_kreise_geometry()
    else:
        from clusterdialog.data.geometry import read_geometry

        frame = read_geometry(Path(geojson_path), key="ars").rename(columns={"ars": "region"})
        missing = {"name", "type"} - set(frame.columns)
        if missing:
            raise InputError(
                f"geojson_path: {Path(geojson_path).name} lacks the properties "
                f"{', '.join(sorted(missing))}; expected 'ars', 'name' and 'type' "
                "as in the BKG Kreise GeoJSON"
            )
    frame = frame[frame["region"].str.startswith(LAND_CODE)].sort_values("region")
    if len(frame) == 0:
        raise InputError(
            f"geojson_path: no Kreis with a key starting {LAND_CODE!r} (Baden-Württemberg) found"
        )
    return frame


def _simplified(geometry) -> dict:
    """A small GeoJSON geometry: simplified, snapped to a 1e-4° grid, valid."""
    import shapely
    from shapely.geometry import mapping

    simple = shapely.set_precision(
        geometry.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), _PRECISION
    )
    if not simple.is_valid or simple.is_empty:
        simple = shapely.make_valid(geometry.simplify(SIMPLIFY_TOLERANCE / 10))
    # json round trip: tuples become lists, as a JSONField returns them
    return json.loads(json.dumps(mapping(simple)))


def _point(geometry) -> tuple[float, float]:
    """(latitude, longitude) of a point inside the geometry, rounded to 1e-5°."""
    point = geometry.representative_point()
    return round(point.y, 5), round(point.x, 5)


@transaction.atomic
def load_regions(geojson_path: str | os.PathLike[str] | None = None) -> dict[str, int]:
    """Create or update Baden-Württemberg, its Regierungsbezirke and its 44 Kreise.

    Idempotent: a second run updates names, parents, geometry and points in place
    (``update_or_create`` on the official key) and creates nothing new.

    Parameters
    ----------
    geojson_path : path, optional
        A GeoJSON file of the Kreise with the properties ``ars``, ``name`` and
        ``type`` (as ``de_kreise_2021.geojson`` of the BKG).  Default: the copy
        shipped inside the package.

    Returns
    -------
    dict
        Number of regions per level: ``{"state": 1, "district": 4, "kreis": 44}``.

    Raises
    ------
    InputError
        When the file cannot be read, lacks the properties, or holds no Kreis of
        Baden-Württemberg, or a Kreis key belongs to no Regierungsbezirk.

    Notes
    -----
    Polygons are simplified with Douglas-Peucker (:data:`SIMPLIFY_TOLERANCE`,
    topology preserved) and snapped to a 1e-4° grid: about 90 KB for all 44
    Kreise.  The Land and the Regierungsbezirke get no polygon, only the
    representative point of the union of their Kreise.  Credit line:
    :data:`GEOMETRY_CREDIT`.
    """
    from shapely.ops import unary_union

    frame = _read_kreise(geojson_path)
    names = kreis_display_names(
        list(zip(frame["region"], frame["name"], frame["type"].fillna(""), strict=True))
    )
    land_lat, land_lon = _point(unary_union(list(frame.geometry)))
    land, _ = Region.objects.update_or_create(
        code=LAND_CODE,
        defaults={
            "name": LAND_NAME,
            "level": RegionLevel.STATE,
            "parent": None,
            "latitude": land_lat,
            "longitude": land_lon,
        },
    )
    districts = {}
    for code, name in DISTRICTS.items():
        shapes = list(frame.geometry[frame["region"].str.startswith(code)])
        latitude, longitude = _point(unary_union(shapes)) if shapes else (None, None)
        districts[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": RegionLevel.DISTRICT,
                "parent": land,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    for code, geometry in zip(frame["region"], frame.geometry, strict=True):
        parent = districts.get(code[:3])
        if parent is None:
            raise InputError(
                f"Kreis {code}: key does not start with a Regierungsbezirk of "
                f"Baden-Württemberg; expected one of {', '.join(DISTRICTS)}"
            )
        latitude, longitude = _point(geometry)
        Region.objects.update_or_create(
            code=code,
            defaults={
                "name": names[code],
                "level": RegionLevel.KREIS,
                "parent": parent,
                "geometry": _simplified(geometry),
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    return {"state": 1, "district": len(districts), "kreis": len(frame)}
