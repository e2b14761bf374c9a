"""Parts of the report: message catalogue, number format, charts, maps, partial strong rule."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from clusterdialog.errors import InputError
from clusterdialog.identify.strong_criteria import strong_cluster_criteria
from clusterdialog.reports.charts import bar_chart, portfolio_chart
from clusterdialog.reports.i18n import MESSAGES, format_number, format_percent, messages
from clusterdialog.reports.maps import category_map, lq_maps, prepare_geometry, stars_map


def test_both_languages_have_the_same_keys_and_placeholders():
    import string

    assert set(MESSAGES["de"]) == set(MESSAGES["en"])
    for key in MESSAGES["de"]:
        fields = [{f for _, f, _, _ in string.Formatter().parse(MESSAGES[lang][key]) if f}
                  for lang in ("de", "en")]  # fmt: skip
        assert fields[0] == fields[1], key


def test_german_and_english_numbers():
    assert format_number(1234.5, "de", 1) == "1.234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_number(-0.25, "de", 2) == "−0,25"
    assert format_number(float("nan"), "de") == "–"
    assert format_percent(0.012, "de") == "1,2 %"
    with pytest.raises(InputError, match="lang: expected one of"):
        messages("fr")


def portfolio_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "x": [0.3, -0.2, 0.1, -0.1],
            "y": [1.6, 1.2, 0.8, 0.5],
            "size": [400, 100, 50, 10],
            "portfolio_class": [
                "specialised_growing",
                "specialised_declining",
                "emerging",
                "other",
            ],
            "label": ["A", "B", "", ""],
        }
    )


def test_charts_are_deterministic_inline_svg_with_german_ticks():
    options = {"x": "x", "y": "y", "size": "size", "category": "portfolio_class",
               "labels": {"other": "übrige"}, "label": "label"}  # fmt: skip
    first = portfolio_chart(portfolio_frame(), **options)
    assert first == portfolio_chart(portfolio_frame(), **options)
    assert first.startswith("<svg") and "<?xml" not in first
    assert re.findall(r"(?:src|href)=\"(?:https?:)?//", first) == []
    # glyphs are drawn as paths: the chart needs no font on the reader's side
    assert "<text" not in first
    assert bar_chart(["a", "b"], [2.0, 1.0]) == bar_chart(["a", "b"], [2.0, 1.0])


def squares():
    return gpd.GeoDataFrame(
        {"ars": ["a", "b", "c"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        crs=4326,
    )


def test_maps_project_restrict_and_mark_missing_values():
    geo = prepare_geometry(squares(), key="ars", regions=["a", "b"])
    assert geo["region"].tolist() == ["a", "b"]
    assert geo.crs.to_epsg() == 3035
    values = pd.DataFrame({"X": [0.4, float("nan")]}, index=["a", "b"])
    svg = lq_maps(geo, values, titles={"X": "Industrie X"}, no_data="keine Daten")
    assert svg.startswith("<svg") and svg == lq_maps(geo, values, titles={"X": "Industrie X"},
                                                     no_data="keine Daten")  # fmt: skip
    # the no-data colour is used for b
    assert "#cccccc" in svg
    assert "<svg" in stars_map(geo, pd.Series({"a": 3}), title="Sterne")
    assert "<svg" in category_map(geo, pd.Series({"a": "X"}), title="t", labels={"X": "x"})


def test_partial_strong_rule_by_hand_with_cluster_types():
    # two traded clusters x, y and a local one z; LQ of traded clusters uses traded employment
    df = pd.DataFrame(
        {
            "region": list("aaabbbccc"),
            "cluster": list("xyzxyzxyz"),
            "value": [6.0, 2, 100, 2, 6, 1, 4, 4, 1],
            "kind": ["traded", "traded", "local"] * 3,
        }
    )
    out = strong_cluster_criteria(df, cluster_type="kind").set_index(["region", "cluster"])
    # region a: traded total 8, x share 6/8; nation: traded 24, x 12 → LQ 1.5
    assert out.loc[("a", "x"), "lq"] == pytest.approx(1.5)
    assert out.loc[("b", "y"), "lq"] == pytest.approx(1.5)
    assert out.loc[("c", "x"), "lq"] == pytest.approx(1.0)
    # local cluster z compared with local employment only: every region has LQ 1
    assert out.xs("z", level="cluster")["lq"].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert bool(out.loc[("a", "x"), "lq_criterion"]) and not bool(
        out.loc[("c", "x"), "lq_criterion"]
    )
    assert out["strong"].isna().all()
