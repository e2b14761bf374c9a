"""aggregate_panel: sums along hierarchies and mappings, suppressed cells, double counting."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.classifications import aggregate_panel
from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError

BA_TOTAL = 4_925_020  # data README: sum of de_ba_employees_bw_2024.csv
BA_SUPPRESSED = 181  # data README: empty (suppressed) cells of that file


def small() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kreis": ["08111", "08111", "08111", "08115", "08115", "09162"],
            "wz": ["10.11", "10.12", "25.11", "10.11", "25.11", "10.11"],
            "emp": [100.0, np.nan, 50.0, 30.0, 20.0, 7.0],
        }
    )


def run(data, **kwargs):
    """Call aggregate_panel and return (result, warning messages)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = aggregate_panel(data, **kwargs)
    return result, [str(w.message) for w in caught if w.category is DataQualityWarning]


@pytest.fixture(scope="module")
def ba(shared) -> pd.DataFrame:
    frame = pd.read_csv(shared / "data" / "de_ba_employees_bw_2024.csv", dtype=str)
    frame["employees"] = pd.to_numeric(frame["employees"])
    frame["occupation_code"] = frame["occupation_code"].fillna("ohne Angabe")
    return frame


BA_COLUMNS = {"region": "region_code", "industry": "occupation_code", "value": "employees"}


# ----------------------------------------------------------------- by hand


def test_divisions_by_hand_with_a_suppressed_part():
    result, messages = run(small(), classification="wz", level="division", **_cols())
    expected = pd.DataFrame(
        {
            "kreis": ["08111", "08111", "08115", "08115", "09162"],
            "wz": ["10", "25", "10", "25", "10"],
            "emp": [np.nan, 50.0, 30.0, 20.0, 7.0],
            "suppressed": [True, False, False, False, False],
            "parts": [2, 1, 1, 1, 1],
            "suppressed_parts": [1, 0, 0, 0, 0],
        }
    )
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert result["kreis"].map(type).eq(str).all()
    assert len(messages) == 1
    assert "1 suppressed cell(s) (16.7% of 6 summed cells)" in messages[0]
    assert "make 1 of 5 sums suppressed, hiding 48.3% of the published total" in messages[0]


def test_zero_policy_gives_lower_bounds_and_error_policy_refuses():
    result, messages = run(
        small(), classification="wz", level="section", suppressed="zero", **_cols()
    )
    assert result["emp"].tolist() == [150.0, 50.0, 7.0]
    assert result["wz"].tolist() == ["C", "C", "C"]
    assert result["suppressed"].tolist() == [False, False, False]
    assert result["suppressed_parts"].tolist() == [1, 0, 0]
    assert "counted as 0: 1 of 3 sums are lower bounds" in messages[0]
    with pytest.raises(InputError, match=r"1 suppressed part\(s\), e.g. \(kreis='08111'"):
        aggregate_panel(
            small(), classification="wz", level="section", suppressed="error", **_cols()
        )


def test_regions_to_land_by_hand():
    result, _ = run(
        small().fillna(0), classification="ags", level="land", column="region", **_cols()
    )
    assert result["kreis"].tolist() == ["08", "08", "08", "09"]
    assert result["wz"].tolist() == ["10.11", "10.12", "25.11", "10.11"]
    assert result["emp"].tolist() == [130.0, 0.0, 70.0, 7.0]
    by_name, _ = run(
        small().fillna(0), classification="ags", level="land", column="kreis", **_cols()
    )
    pd.testing.assert_frame_equal(by_name, result)


def test_mapping_many_to_many_and_periods():
    data = pd.DataFrame(
        {
            "region": ["R1", "R1", "R1", "R1", "R2"],
            "industry": ["311111", "311111", "325412", "541511", "325412"],
            "year": [2015, 2016, 2016, 2016, 2016],
            "value": [5.0, 6.0, 4.0, 3.0, 2.0],
        }
    )
    clusters = pd.DataFrame(
        {
            "naics": ["311111", "325412", "325412", "541511"],
            "cluster": ["Food", "Biopharma", "Chemicals", "IT"],
        }
    )
    result, messages = run(data, classification="naics", mapping=clusters, period="year")
    assert messages == []
    got = {tuple(row[:3]): row[3] for row in result.itertuples(index=False)}
    assert got == {
        ("R1", "Food", 2015): 5.0,
        ("R1", "Food", 2016): 6.0,
        ("R1", "Biopharma", 2016): 4.0,
        ("R1", "Chemicals", 2016): 4.0,
        ("R1", "IT", 2016): 3.0,
        ("R2", "Biopharma", 2016): 2.0,
        ("R2", "Chemicals", 2016): 2.0,
    }
    assert result.columns.tolist() == [
        "region", "industry", "year", "value", "suppressed", "parts", "suppressed_parts"
    ]  # fmt: skip


def test_mapping_normalises_codes_when_a_classification_is_given():
    data = pd.DataFrame({"region": ["R"] * 3, "industry": ["C10", "1011", "F"], "value": [1, 2, 4]})
    result, _ = run(
        data.iloc[[0, 2]], classification="wz", mapping={"10": "food", "F": "construction"}
    )
    assert dict(zip(result["industry"], result["value"], strict=True)) == {
        "construction": 4.0,
        "food": 1.0,
    }
    with pytest.raises(InputError, match=r"column 'industry' spells .*'10.11' as '10.11', '1011'"):
        aggregate_panel(
            data.assign(industry=["10.11", "1011", "F"]),
            classification="wz",
            mapping={"10.11": "food", "F": "construction"},
        )


def test_regional_panel_input_and_caller_frame_untouched():
    data = small().fillna(0)
    before = data.copy()
    panel = RegionalPanel.from_long(data, region="kreis", industry="wz", value="emp")
    result, _ = run(panel, classification="wz", level="group")
    assert result.columns.tolist()[:3] == ["kreis", "wz", "value"]
    assert result.groupby("kreis")["value"].sum().to_dict() == {
        "08111": 150.0,
        "08115": 50.0,
        "09162": 7.0,
    }
    pd.testing.assert_frame_equal(data, before)


# ------------------------------------------------------------- real data


def test_ba_occupations_to_areas_keep_the_file_total(ba):
    result, messages = run(
        ba, classification="kldb", level="berufsbereich", unmapped="keep", suppressed="zero",
        **BA_COLUMNS,
    )  # fmt: skip
    assert result["employees"].sum() == BA_TOTAL
    assert f"{BA_SUPPRESSED} suppressed cell(s)" in messages[0]
    assert set(result["occupation_code"]) == set("123456789") | {"ohne Angabe"}
    by_region = ba.groupby("region_code")["employees"].sum()
    pd.testing.assert_series_equal(
        result.groupby("region_code")["employees"].sum(), by_region, check_names=False
    )
    # propagate: a sum is suppressed exactly where one of its parts is
    propagated, _ = run(
        ba, classification="kldb", level="berufsbereich", unmapped="keep", **BA_COLUMNS
    )
    area = ba["occupation_code"].where(
        ba["occupation_code"] == "ohne Angabe", ba["occupation_code"].str[0]
    )
    hidden = ba["employees"].isna().groupby([ba["region_code"], area]).any()
    assert int(propagated["suppressed"].sum()) == int(hidden.sum())
    assert propagated["employees"].isna().equals(propagated["suppressed"])
    assert propagated["suppressed_parts"].sum() == BA_SUPPRESSED


def test_ba_occupations_drop_unassigned_with_a_warning(ba):
    result, messages = run(
        ba, classification="kldb", level="berufsbereich", unmapped="drop", suppressed="zero",
        **BA_COLUMNS,
    )  # fmt: skip
    unassigned = ba.loc[ba["occupation_code"] == "ohne Angabe", "employees"].sum()
    assert result["employees"].sum() == BA_TOTAL - unassigned
    share = f"{unassigned / BA_TOTAL:.1%}"
    assert any(f"dropped 1 unmapped code(s) 'ohne Angabe' in 44 row(s) holding {share}" in m
               for m in messages)  # fmt: skip


def test_ba_kreise_to_land_keep_the_file_total(ba):
    result, _ = run(
        ba, classification="ags", level="land", column="region", suppressed="zero", **BA_COLUMNS
    )
    assert set(result["region_code"]) == {"08"}
    assert len(result) == 141
    assert result["employees"].sum() == BA_TOTAL
    by_occupation = ba.groupby("occupation_code")["employees"].sum()
    pd.testing.assert_series_equal(
        result.set_index("occupation_code")["employees"], by_occupation, check_names=False
    )


def genesis_panel(shared) -> pd.DataFrame:
    """Table 13111-07-05-4 (2020), employees total, as a long panel (nil '-' read as 0)."""
    path = shared / "data" / "samples" / "genesis_13111-07-05-4.csv"
    raw = pd.read_csv(path, sep=";", encoding="latin-1", skiprows=10, header=None, dtype=str,
                      engine="python", on_bad_lines="skip")  # fmt: skip
    raw = raw[raw[0].str.fullmatch(r"DG|\d{2}|\d{3}|\d{5}|\d{8}", na=False)]
    unlabelled = {
        "Freiberufl,wissenschaftl. techn. Dienstl.,sonst.DL": "M-N",
        "Öff.Verw.,Verteidig.,Sozialvers.,Erz.-u.Unterricht": "O-Q",
        "Kunst, Unterhaltung, Erholung, Priv. Haush.,usw.": "R-U",
        "Insgesamt": "TOTAL",
    }

    def code(label: str) -> str:
        found = re.search(r"\(([A-U](?:-[A-U])?)\)$", label)
        return found.group(1) if found else unlabelled[label]

    values = pd.to_numeric(raw[3].replace("-", "0"), errors="coerce")
    return pd.DataFrame({"region": raw[0], "industry": raw[2].map(code), "value": values})


def test_genesis_kreise_add_up_to_their_land(shared):
    panel = genesis_panel(shared)
    kreise = panel[(panel["region"].str.len() == 5) & (panel["industry"] == "TOTAL")]
    result, messages = run(kreise, classification="ags", level="land", column="region")
    assert messages == []
    published = panel[(panel["region"].str.len() == 2) & (panel["industry"] == "TOTAL")]
    published = published.set_index("region")["value"]
    got = result.set_index("region")["value"]
    assert len(got) == 14  # Hamburg and Berlin have no 5-digit rows in the table
    pd.testing.assert_series_equal(got, published.loc[got.index], check_names=False)


def test_genesis_sections_add_up_to_published_groupings(shared):
    panel = genesis_panel(shared)
    laender = panel[panel["region"].str.fullmatch(r"DG|\d{2}")]
    groups = {"B-E": "B-F", "F": "B-F", "G-I": "G-U", "J": "G-U", "K": "G-U", "L": "G-U",
              "M-N": "G-U", "O-Q": "G-U", "R-U": "G-U"}  # fmt: skip
    result, _ = run(laender, classification="wz", mapping=groups, unmapped="drop")
    published = laender[laender["industry"].isin(["B-F", "G-U"])]
    key = ["region", "industry"]
    merged = result.merge(published, on=key, suffixes=("", "_published"))
    assert len(merged) == 2 * 17
    np.testing.assert_array_equal(merged["value"], merged["value_published"])


# --------------------------------------------------------------- failures


def test_mixed_levels_are_refused_naming_the_overlaps(shared):
    panel = genesis_panel(shared)
    laender = panel[panel["region"].str.len() == 2]
    with pytest.raises(InputError, match=r"'B-F' contains 'B-E'"):
        aggregate_panel(laender, classification="wz", mapping={"B-F": "x"}, unmapped="keep")
    with pytest.raises(
        InputError, match=r"column 'kreis' mixes AGS/ARS codes .*: '08' contains '08111'"
    ):
        aggregate_panel(
            small().fillna(0).assign(kreis=["08", "08111", "08111", "08115", "08115", "09162"]),
            classification="ags", level="land", column="region", **_cols(),
        )  # fmt: skip


def test_partly_overlapping_groupings_are_refused():
    data = pd.DataFrame({"region": ["R", "R"], "industry": ["B-E", "C-F"], "value": [1, 2]})
    with pytest.raises(InputError, match=r"\(1 pair\(s\)\): 'B-E' overlaps 'C-F'"):
        aggregate_panel(data, classification="wz", mapping={"B-E": "x", "C-F": "y"})


def test_unknown_and_unmapped_codes_are_listed():
    data = small().fillna(0).assign(wz=["10.11", "X1", "C", "10.11", "25.11", "B-E"])
    with pytest.raises(InputError, match=r"invalid \(expected a WZ 2008.*\): 'X1'") as info:
        aggregate_panel(data, classification="wz", level="division", **_cols())
    assert "coarser than level 'division': 'C'" in str(info.value)
    assert "aggregate code(s) outside the hierarchy: 'B-E'" in str(info.value)
    with pytest.raises(InputError, match=r"not in the mapping: '25.11'"):
        aggregate_panel(small(), mapping={"10.11": "food", "10.12": "food"}, **_cols())
    with pytest.raises(InputError, match="mapping: 1 invalid WZ 2008 code"):
        aggregate_panel(small(), classification="wz", mapping={"XX": "food"}, **_cols())


def test_kept_code_may_not_take_a_group_name():
    with pytest.raises(InputError, match=r"kept unmapped code\(s\) '25.11'"):
        aggregate_panel(small(), mapping={"10.11": "25.11"}, unmapped="keep", **_cols())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"classification": "wz"}, "give either level="),
        ({"classification": "wz", "level": "division", "mapping": {}}, "give either level="),
        ({"level": "division"}, "classification: needed"),
        ({"classification": "wz", "level": "land"}, r"level: expected one of \['section'"),
        ({"classification": "wz", "level": "division", "suppressed": "drop"}, "suppressed:"),
        ({"classification": "wz", "level": "division", "unmapped": "ignore"}, "unmapped:"),
        ({"classification": "wz", "level": "division", "column": "year"}, "column: expected"),
        ({"classification": "isic", "level": "division"}, "classification: expected"),
        ({"mapping": ["10.11"]}, "mapping: expected a dict"),
        ({"mapping": {"10.11": 1}}, "codes and groups must be strings"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(InputError, match=message):
        aggregate_panel(small(), **_cols(), **kwargs)


def _cols() -> dict[str, str]:
    return {"region": "kreis", "industry": "wz", "value": "emp"}
