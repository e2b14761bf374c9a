"""Places for invented records: a town of the Kreis and a point inside the Kreis's polygon."""

from __future__ import annotations

import random

from clusterdialog.web.directory.models import Region
from clusterdialog.web.seeding._data import read_towns

__all__ = ["KreisPlaces"]

#: Points keep this distance (degrees, about 500 m) from the Kreis boundary where possible.
_MARGIN = 0.005


class KreisPlaces:
    """Towns and random points inside the Kreise given as :class:`Region` records.

    Points are drawn uniformly inside the Kreis polygon stored on the region
    (the simplified shape the atlas draws), shrunk by a margin so that a
    marker does not sit on the boundary; a Kreis without a polygon falls back
    to its representative point.
    """

    def __init__(self, kreise: dict[str, Region]) -> None:
        self.kreise = kreise
        self.towns = read_towns()
        self._shapes: dict[str, object] = {}

    def _shape(self, code: str):
        if code not in self._shapes:
            from shapely.geometry import shape
            from shapely.prepared import prep

            geometry = self.kreise[code].geometry
            if not geometry:
                self._shapes[code] = None
            else:
                polygon = shape(geometry)
                inner = polygon.buffer(-_MARGIN)
                polygon = polygon if inner.is_empty else inner
                self._shapes[code] = (polygon, prep(polygon))
        return self._shapes[code]

    def point(self, code: str, rng: random.Random) -> tuple[float, float]:
        """(latitude, longitude) drawn uniformly inside Kreis ``code``, rounded to 1e-5°."""
        from shapely.geometry import Point

        shapes = self._shape(code)
        region = self.kreise[code]
        if shapes is None:
            return region.latitude, region.longitude
        polygon, prepared = shapes
        west, south, east, north = polygon.bounds
        for _ in range(500):
            x, y = rng.uniform(west, east), rng.uniform(south, north)
            if prepared.contains(Point(x, y)):
                return round(y, 5), round(x, 5)
        inside = polygon.representative_point()
        return round(inside.y, 5), round(inside.x, 5)

    def contains(self, code: str, latitude: float, longitude: float) -> bool:
        """Whether the point lies inside Kreis ``code`` (always true without a polygon)."""
        from shapely.geometry import Point, shape

        geometry = self.kreise[code].geometry
        return not geometry or shape(geometry).contains(Point(longitude, latitude))

    def town(self, code: str, rng: random.Random, *, first: bool = False) -> tuple[str, str]:
        """(town, postcode) in Kreis ``code``: the first listed (its seat) or a random one."""
        towns = self.towns.get(code)
        if not towns:
            return self.kreise[code].name, ""
        return towns[0] if first else rng.choice(towns)

    def town_named(self, code: str, name: str) -> tuple[str, str]:
        """(town, postcode) of the town ``name`` in Kreis ``code`` (postcode empty if unknown)."""
        for town, postcode in self.towns.get(code, ()):
            if town == name:
                return town, postcode
        return name, ""
