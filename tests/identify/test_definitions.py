"""Cluster definitions: the user format, the shipped CMP file and aggregation through them."""

from __future__ import annotations

import hashlib
import warnings
from importlib.resources import files

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.cluster_definitions import (
    CMP_CREDIT,
    CMP_FILE,
    cmp_emsi_codes,
    example_wz_definitions,
    load_us_cmp_definitions,
    read_cluster_definitions,
)
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.definitions import ClusterDefinition, apply_definition

SHIPPED = files("clusterdialog.data") / "definitions"


# ---------------------------------------------------------------- ClusterDefinition
def test_definition_is_frozen_and_sorted():
    d = ClusterDefinition({"a": "10", "b": "2", "c": "x"})
    assert d.clusters == ("2", "10", "x")
    with pytest.raises(TypeError):
        d.mapping["d"] = "2"  # read-only mapping


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"mapping": {1: "a"}}, "non-empty strings"),
        ({"mapping": {}}, "at least one industry"),
        ({"mapping": {"x": "a"}, "names": {"b": "B"}}, r"names: cluster\(s\) \['b'\]"),
        ({"mapping": {"x": "a"}, "types": {"a": "tradable"}}, "expected.*traded.*tradable"),
        ({"mapping": {"x": "a"}, "excluded": {"x": "why"}}, "also mapped"),
    ],
)
def test_definition_rejects_bad_content(kwargs, match):
    with pytest.raises(InputError, match=match):
        ClusterDefinition(**kwargs)


def test_from_frame_round_trip():
    d = ClusterDefinition(
        {"29.10": "auto", "28.41": "mach"},
        names={"auto": "Automotive"},
        types={"auto": "traded", "mach": "traded"},
        excluded={"84.11": "no cluster in the definition"},
    )
    back = ClusterDefinition.from_frame(d.to_frame())
    assert dict(back.mapping) == dict(d.mapping)
    assert dict(back.names) == dict(d.names)
    assert dict(back.types) == dict(d.types)
    assert dict(back.excluded) == dict(d.excluded)


@pytest.mark.parametrize(
    ("table", "match"),
    [
        ({"industry": ["01.11"]}, r"missing column\(s\) \['cluster'\]"),
        ({"industry": [111, 112], "cluster": ["a", "a"]}, "holds numbers.*dtype=str"),
        ({"industry": ["1", ""], "cluster": ["a", "a"]}, "empty industry code at row 1"),
        ({"industry": ["1", "1"], "cluster": ["a", "b"]}, "different clusters, at row 0, row 1"),
        (
            {"industry": ["1", "2"], "cluster": ["a", "a"], "cluster_name": ["A", "B"]},
            "several cluster_name values",
        ),
        (
            {"industry": ["1", "2"], "cluster": ["a", "b"], "cluster_type": ["traded", "Lokal"]},
            r"cluster_type must be one of.*\['lokal'\] at row 1",
        ),
    ],
)
def test_from_frame_rejects_bad_rows(table, match):
    with pytest.raises(InputError, match=match):
        ClusterDefinition.from_frame(pd.DataFrame(table))


# --------------------------------------------------------------------- user CSV files
def test_read_user_file_semicolon_bom_and_leading_zeros(tmp_path):
    path = tmp_path / "wz.csv"
    path.write_text(
        "\ufeffindustry;cluster;cluster_name;cluster_type\n"
        "01.11;agri;Landwirtschaft;local\n"
        "01.13;agri;Landwirtschaft;local\n"
        "08.11;;;\n",
        encoding="utf-8",
    )
    d = read_cluster_definitions(path, credit="own work")
    assert dict(d.mapping) == {"01.11": "agri", "01.13": "agri"}
    assert dict(d.excluded) == {"08.11": "no cluster in the definition"}
    assert d.types["agri"] == "local" and d.names["agri"] == "Landwirtschaft"
    assert d.source == "wz.csv" and d.credit == "own work"


def test_read_user_file_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("industry,cluster\n29.10,auto\n29.20,auto\n29.10,machinery\n", "utf-8")
    with pytest.raises(InputError, match=r"bad\.csv.*at line 2, line 4"):
        read_cluster_definitions(path)


def test_read_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_cluster_definitions(tmp_path / "nope.csv")


def test_example_wz_file_is_valid_and_marked_as_example():
    d = example_wz_definitions()
    assert set(d.types.values()) == {"traded", "local"}
    assert "84.11" in d.excluded
    assert all(len(code) == 5 and code[2] == "." for code in d.mapping)  # WZ classes "29.10"
    assert "example only" in (SHIPPED / "README.md").read_text(encoding="utf-8").lower()


# ------------------------------------------------------------------- the CMP file
def test_shipped_cmp_file_is_a_verbatim_copy(shared):
    shipped = (SHIPPED / CMP_FILE).read_bytes()
    original = (shared / "data" / CMP_FILE).read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == hashlib.sha256(original).hexdigest()
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert "CC-BY-SA" in readme and CMP_CREDIT in readme


def test_cmp_definitions_structure():
    cmp = load_us_cmp_definitions()
    assert all(isinstance(c, str) and len(c) == 6 for c in cmp.mapping)  # codes as text
    traded = [c for c in cmp.clusters if cmp.types[c] == "traded"]
    local = [c for c in cmp.clusters if cmp.types[c] == "local"]
    assert traded == [str(i) for i in range(1, 52)]
    assert local == [str(i) for i in range(101, 117)]
    # 6 rows without cluster code: 5 Emsi government codes and Private Households
    assert set(cmp.excluded) == {"901149", "901199", "901200", "902999", "903999", "814110"}
    assert "Emsi government" in cmp.excluded["901200"]
    assert len(cmp.mapping) + len(cmp.excluded) == 992
    # Emsi-specific codes keep their CMP cluster
    assert len(cmp_emsi_codes()) == 37
    assert cmp.mapping["111000"] == "2" and cmp.mapping["902612"] == "13"
    assert cmp.credit == CMP_CREDIT


def test_cmp_with_government():
    cmp = load_us_cmp_definitions(include_government=True)
    assert cmp.mapping["901200"] == "gov_federal"
    assert cmp.types["gov_state"] == "local"
    assert set(cmp.excluded) == {"814110"}


# ------------------------------------------------------------------ apply_definition
DEF = ClusterDefinition(
    {"29.10": "auto", "29.32": "auto", "28.41": "mach"},
    names={"auto": "Automotive", "mach": "Machinery"},
    types={"auto": "traded", "mach": "traded"},
    excluded={"84.11": "public administration"},
)


def _panel():
    return pd.DataFrame(
        {
            "kreis": ["08111"] * 5 + ["08115"] * 5,
            "wz": ["29.10", "29.32", "28.41", "62.01", "84.11"] * 2,
            "emp": [30, 10, 20, 25, 15, 5, 0, 40, 5, 50],
            "est": [3, 2, 4, 5, 1, 1, 0, 6, 1, 2],
        }
    )


def test_apply_definition_sums_by_hand_and_reports_left_out_industries():
    df = _panel()
    before = df.copy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = apply_definition(
            df, DEF, region="kreis", industry="wz", value="emp", extra_values=["est"]
        )
    pd.testing.assert_frame_equal(df, before)  # caller's frame untouched
    assert list(out.columns) == ["kreis", "cluster", "emp", "est", "cluster_name", "cluster_type"]
    got = out.set_index(["kreis", "cluster"])
    assert got.loc[("08111", "auto"), "emp"] == 40 and got.loc[("08111", "auto"), "est"] == 5
    assert got.loc[("08115", "auto"), "emp"] == 5
    assert got.loc[("08115", "mach"), "emp"] == 40
    assert got.loc[("08111", "mach"), "cluster_name"] == "Machinery"
    messages = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    # 62.01: 25 + 5 = 30 of 200 employees = 15.0 %; 84.11: 65 of 200 = 32.5 %
    assert any("1 of 5 industries" in m and "not in the definition" in m and "15.0%" in m
               for m in messages)  # fmt: skip
    assert any("excluded by the definition" in m and "32.5%" in m for m in messages)


def test_apply_definition_unmapped_error():
    with pytest.raises(InputError, match=r"not in the definition.*\['62.01'\].*unmapped='warn'"):
        apply_definition(_panel(), DEF, region="kreis", industry="wz", value="emp",
                         unmapped="error")  # fmt: skip


def test_apply_definition_excluded_only_does_not_raise_with_error_policy():
    df = _panel()
    df = df[df["wz"] != "62.01"]
    with pytest.warns(DataQualityWarning, match="excluded"):
        apply_definition(df, DEF, region="kreis", industry="wz", value="emp", unmapped="error")


def test_apply_definition_bad_options_and_no_overlap():
    with pytest.raises(InputError, match="unmapped: expected one of"):
        apply_definition(_panel(), DEF, region="kreis", industry="wz", value="emp",
                         unmapped="drop")  # fmt: skip
    with pytest.raises(InputError, match="expected a ClusterDefinition"):
        apply_definition(_panel(), {"29.10": "auto"}, region="kreis", industry="wz", value="emp")
    other = ClusterDefinition({"336411": "1"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        with pytest.raises(InputError, match="none of the 5 industries"):
            apply_definition(_panel(), other, region="kreis", industry="wz", value="emp")


def test_apply_definition_suppressed_policy_and_periods():
    df = pd.concat([_panel().assign(year=2019), _panel().assign(year=2020)])
    df.loc[(df["year"] == 2020) & (df["wz"] == "29.32") & (df["kreis"] == "08111"), "emp"] = np.nan
    args = {"region": "kreis", "industry": "wz", "value": "emp", "period": "year"}
    with pytest.raises(InputError, match="suppressed"):
        apply_definition(df, DEF, **args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        out = apply_definition(df, DEF, suppressed="zero", **args)
    got = out.set_index(["kreis", "cluster", "year"])["emp"]
    assert got[("08111", "auto", 2019)] == 40 and got[("08111", "auto", 2020)] == 30


def test_apply_definition_records_coverage_for_the_report():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        out = apply_definition(_panel(), DEF, region="kreis", industry="wz", value="emp")
    coverage = out.attrs["definition_coverage"]
    assert coverage["unmapped"] == ["62.01"] and coverage["excluded"] == ["84.11"]
    assert coverage["unmapped_share"] == pytest.approx(30 / 200)
    assert coverage["excluded_share"] == pytest.approx(65 / 200)
