"""Fixtures of the directory tests: reference data and a small region hierarchy."""

from __future__ import annotations

import pytest

from clusterdialog.web.directory.models import Region, RegionLevel
from clusterdialog.web.directory.seed import (
    load_funding_sources,
    load_industries,
    load_technology_fields,
)

#: A tiny square around a point, as GeoJSON (for atlas tests without the BKG file).
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.0, 48.7], [9.2, 48.7], [9.2, 48.9], [9.0, 48.9], [9.0, 48.7]]],
}


@pytest.fixture
def reference(db) -> None:
    """WZ sections and divisions, technology fields, funding sources."""
    load_industries()
    load_technology_fields()
    load_funding_sources()


@pytest.fixture
def regions(db) -> dict[str, Region]:
    """Land 08 with Bezirk 081 (Kreise 08111 Stuttgart, 08115 Böblingen) and Bezirk 082
    (Kreis 08212 Karlsruhe): enough hierarchy to test filters and the atlas."""
    land = Region.objects.create(
        code="08", name="Baden-Württemberg", level=RegionLevel.STATE, latitude=48.5, longitude=9.0
    )
    stuttgart_rb = Region.objects.create(
        code="081", name="Regierungsbezirk Stuttgart", level=RegionLevel.DISTRICT, parent=land
    )
    karlsruhe_rb = Region.objects.create(
        code="082", name="Regierungsbezirk Karlsruhe", level=RegionLevel.DISTRICT, parent=land
    )

    def kreis(code, name, parent, latitude, longitude):
        return Region.objects.create(
            code=code,
            name=name,
            level=RegionLevel.KREIS,
            parent=parent,
            latitude=latitude,
            longitude=longitude,
            geometry=SQUARE,
        )

    return {
        "08": land,
        "081": stuttgart_rb,
        "082": karlsruhe_rb,
        "08111": kreis("08111", "Stuttgart", stuttgart_rb, 48.78, 9.18),
        "08115": kreis("08115", "Böblingen", stuttgart_rb, 48.68, 8.98),
        "08212": kreis("08212", "Karlsruhe (Stadtkreis)", karlsruhe_rb, 49.01, 8.40),
    }
