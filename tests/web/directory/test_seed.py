"""Reference data: the regions of Baden-Württemberg, WZ industries, fields, funding."""

from __future__ import annotations

import json

import pytest

from clusterdialog.web.directory.models import (
    FundingSource,
    Industry,
    Region,
    RegionLevel,
    TechnologyField,
)
from clusterdialog.web.directory.regions import GEOMETRY_CREDIT, load_regions
from clusterdialog.web.directory.seed import (
    load_funding_sources,
    load_industries,
    load_reference_data,
    load_technology_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_data_geojson():
    from pathlib import Path

    path = Path("/work/shared/data/de_kreise_2021.geojson")
    if not path.exists():
        pytest.skip("the shared data folder is not mounted")
    return path


def test_load_regions_creates_land_four_districts_and_44_kreise_with_parents():
    counts = load_regions()
    assert counts == {"state": 1, "district": 4, "kreis": 44}
    assert Region.objects.filter(level=RegionLevel.KREIS).count() == 44
    land = Region.objects.get(code="08")
    assert land.name == "Baden-Württemberg" and land.parent is None
    districts = Region.objects.filter(level=RegionLevel.DISTRICT).order_by("code")
    assert [(d.code, d.name, d.parent_id) for d in districts] == [
        ("081", "Regierungsbezirk Stuttgart", land.pk),
        ("082", "Regierungsbezirk Karlsruhe", land.pk),
        ("083", "Regierungsbezirk Freiburg", land.pk),
        ("084", "Regierungsbezirk Tübingen", land.pk),
    ]
    # every Kreis hangs under the Bezirk of its key; counts per Bezirk from the official list
    per_district = {
        d.code: Region.objects.filter(parent=d, level=RegionLevel.KREIS).count() for d in districts
    }
    assert per_district == {"081": 13, "082": 12, "083": 10, "084": 9}
    stuttgart = Region.objects.get(code="08111")
    assert stuttgart.name == "Stuttgart" and stuttgart.parent.code == "081"


def test_kreise_of_the_same_name_are_told_apart():
    load_regions()
    names = dict(
        Region.objects.filter(code__in=["08121", "08125", "08212", "08215"]).values_list(
            "code", "name"
        )
    )
    assert names == {
        "08121": "Heilbronn (Stadtkreis)",
        "08125": "Heilbronn (Landkreis)",
        "08212": "Karlsruhe (Stadtkreis)",
        "08215": "Karlsruhe (Landkreis)",
    }


def test_geometry_is_small_valid_geojson_and_points_lie_inside_their_kreis():
    from shapely.geometry import Point, shape

    load_regions()
    kreise = list(Region.objects.filter(level=RegionLevel.KREIS))
    size = sum(len(json.dumps(k.geometry)) for k in kreise)
    assert size < 400_000
    for kreis in kreise:
        polygon = shape(kreis.geometry)
        assert polygon.is_valid, kreis.code
        assert kreis.geometry["type"] in ("Polygon", "MultiPolygon")
        # the representative point of the full polygon lies inside the simplified one too
        # (within the simplification tolerance of ~100 m)
        assert polygon.buffer(0.002).contains(Point(kreis.longitude, kreis.latitude)), kreis.code
    # Stuttgart's point: inside the city (48.69-48.87 N, 9.03-9.32 E)
    stuttgart = Region.objects.get(code="08111")
    assert 48.69 < stuttgart.latitude < 48.87 and 9.03 < stuttgart.longitude < 9.32


def test_load_regions_is_idempotent():
    load_regions()
    ids = dict(Region.objects.values_list("code", "pk"))
    Region.objects.filter(code="08111").update(name="changed", latitude=0.0)
    assert load_regions() == {"state": 1, "district": 4, "kreis": 44}
    assert dict(Region.objects.values_list("code", "pk")) == ids
    assert Region.objects.get(code="08111").name == "Stuttgart"
    assert Region.objects.count() == 49


def test_load_regions_reads_the_shared_geojson_file(shared_data_geojson):
    assert load_regions(shared_data_geojson) == {"state": 1, "district": 4, "kreis": 44}


def test_load_regions_rejects_a_file_without_the_properties(tmp_path):
    from clusterdialog.errors import InputError

    path = tmp_path / "other.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"ars": "08111"},
                        "geometry": {"type": "Point", "coordinates": [9.1, 48.7]},
                    }
                ],
            }
        )
    )
    with pytest.raises(InputError, match="lacks the properties name, type"):
        load_regions(path)


def test_credit_line_names_the_bkg():
    assert GEOMETRY_CREDIT == "© GeoBasis-DE / BKG (2021), dl-de/by-2-0 (Daten verändert)"


def test_load_industries_creates_21_sections_and_88_divisions_idempotently():
    assert load_industries() == 109
    assert load_industries() == 109
    assert Industry.objects.filter(level=1).count() == 21
    assert Industry.objects.filter(level=2).count() == 88
    machinery = Industry.objects.get(code="28")
    assert (machinery.name_de, machinery.name_en) == (
        "Maschinenbau",
        "Manufacture of machinery and equipment n.e.c.",
    )
    assert Industry.objects.get(code="C").name_de == "Verarbeitendes Gewerbe"


def test_technology_fields_and_funding_sources():
    assert load_technology_fields() == 16
    assert load_funding_sources() == 6
    assert load_technology_fields() == 16
    assert TechnologyField.objects.get(slug="photonik").name_en == "Photonics"
    assert FundingSource.objects.get(slug="eu-efre").kind == FundingSource.Kind.EU


def test_load_reference_data_reports_all_counts():
    assert load_reference_data() == {
        "state": 1,
        "district": 4,
        "kreis": 44,
        "industries": 109,
        "technology_fields": 16,
        "funding_sources": 6,
    }
