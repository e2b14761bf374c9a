"""read_geometry: GeoJSON, TopoJSON and GeoPackage files, keys as text, clear errors."""

from __future__ import annotations

import warnings

import pytest
from shapely.geometry import Polygon, box

from clusterdialog.data.geometry import read_geometry
from clusterdialog.errors import DataQualityWarning, InputError


@pytest.fixture(scope="module")
def data_folder(shared):
    return shared / "data"


def test_reads_the_kreise_geojson(data_folder):
    kreise = read_geometry(data_folder / "de_kreise_2021.geojson", key="ars")
    assert len(kreise) == 401 and kreise.crs.to_epsg() == 4326
    assert kreise["ars"].str.fullmatch(r"\d{5}").all()
    assert kreise.loc[kreise["name"] == "Stuttgart", "ars"].item() == "08111"
    provenance = kreise.attrs["provenance"]
    assert provenance.source == "de_kreise_2021.geojson" and len(provenance.sha256) == 64
    assert provenance.details["key"] == "ars"


def test_reads_the_us_topojson_objects(data_folder):
    path = data_folder / "us_states_10m.topojson"
    with pytest.warns(DataQualityWarning, match="repaired 1 of 56 invalid geometries .*: 41"):
        states = read_geometry(path, key="id", layer="states", invalid="repair")  # Oregon
    assert len(states) == 56 and states["id"].str.len().eq(2).all()
    assert states.loc[states["name"] == "Alabama", "id"].item() == "01"
    assert states.crs is None  # TopoJSON declares no CRS
    with pytest.warns(DataQualityWarning) as caught:
        counties = read_geometry(
            data_folder / "us_counties_10m.topojson", key="id", layer="counties", invalid="repair"
        )
    messages = [str(w.message) for w in caught]
    assert any("dropped 1 of 3231 regions (0.0%) with a null or empty geometry: 51610" in m
               for m in messages)  # fmt: skip
    assert any("repaired 22 of 3231 invalid geometries" in m for m in messages)
    assert len(counties) == 3230 and counties.is_valid.all()
    assert counties["id"].str.fullmatch(r"\d{5}").all()
    assert "01001" in set(counties["id"])


def test_invalid_geometries_are_an_error_by_default(data_folder):
    path = data_folder / "us_counties_10m.topojson"
    with pytest.raises(InputError, match=r"1 null or empty \(51610\) and 22 invalid .*'repair'"):
        read_geometry(path, key="id", layer="counties")


def test_layers_must_be_named_and_exist(data_folder):
    path = data_folder / "us_counties_10m.topojson"
    with pytest.raises(InputError, match="has 3 layers.*'counties', 'states', 'nation'"):
        read_geometry(path, key="id")
    with pytest.raises(InputError, match="no layer 'county'; available layers"):
        read_geometry(path, key="id", layer="county")


def _write(tmp_path, frame, name="regions.gpkg", layer="regions"):
    path = tmp_path / name
    frame.to_file(path, layer=layer, driver="GPKG" if name.endswith(".gpkg") else "GeoJSON")
    return path


def _squares(**columns):
    import geopandas as gpd

    return gpd.GeoDataFrame(columns, geometry=[box(i, 0, i + 1, 1) for i in range(3)],
                            crs="EPSG:25832")  # fmt: skip


def test_reads_a_geopackage_and_keeps_its_crs(tmp_path):
    path = _write(tmp_path, _squares(code=["01001", "01002", "08111"], name=["a", "b", "c"]))
    frame = read_geometry(path, key="code")
    assert frame["code"].tolist() == ["01001", "01002", "08111"]
    assert frame.crs.to_epsg() == 25832


def test_numeric_keys_need_a_width(tmp_path):
    path = _write(tmp_path, _squares(code=[1001, 1002, 8111]))
    with pytest.raises(InputError, match="column 'code': expected text keys .* got numbers"):
        read_geometry(path, key="code")
    assert read_geometry(path, key="code", key_width=5)["code"].tolist() == [
        "01001",
        "01002",
        "08111",
    ]
    with pytest.raises(InputError, match="key_width"):
        read_geometry(path, key="code", key_width=0)


def test_key_problems_are_named(tmp_path):
    path = _write(tmp_path, _squares(code=["a", "b", "c"], name=["x", "y", "z"]))
    with pytest.raises(
        InputError, match="key column 'ars' not found; available columns: 'code', 'name'"
    ):
        read_geometry(path, key="ars")
    path = _write(tmp_path, _squares(code=["a", "a", "c"]), name="dup.gpkg")
    with pytest.raises(InputError, match=r"1 duplicated key\(s\): a \(2×\)"):
        read_geometry(path, key="code")
    path = _write(tmp_path, _squares(code=["a", None, "c"]), name="null.gpkg")
    with pytest.raises(InputError, match=r"1 feature\(s\) without a key \(feature numbers 2\)"):
        read_geometry(path, key="code")


def test_self_intersecting_polygon_is_reported_or_repaired(tmp_path):
    import geopandas as gpd

    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    frame = gpd.GeoDataFrame({"code": ["a", "b"]}, geometry=[bowtie, box(2, 0, 3, 1)], crs=4326)
    path = _write(tmp_path, frame, name="bowtie.geojson")
    with pytest.raises(InputError, match=r"1 invalid \(a\) geometries of 2"):
        read_geometry(path, key="code")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        repaired = read_geometry(path, key="code", invalid="repair")
    assert repaired.is_valid.all() and len(repaired) == 2
    assert "repaired 1 of 2 invalid geometries (50.0%) with make_valid: a" in str(caught[0].message)
    with pytest.raises(
        InputError, match=r"invalid: expected one of \['error', 'repair'\], got 'drop'"
    ):
        read_geometry(path, key="code", invalid="drop")


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="path: file not found"):
        read_geometry(tmp_path / "nothing.geojson", key="id")
    text = tmp_path / "notes.txt"
    text.write_text("not a map\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read .*notes.txt as a vector file"):
        read_geometry(text, key="id")
