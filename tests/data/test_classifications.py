"""Classifications: WZ 2008 / NACE Rev. 2, NAICS, KldB 2010, AGS/ARS and NUTS hierarchies."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdialog.data.classifications import (
    AGS,
    KLDB,
    NAICS,
    NUTS,
    SECTION_DIVISIONS,
    WZ,
    get_classification,
    kreis_table,
    land_table,
    region_parent_mapping,
    wz_contains,
    wz_sections_covered,
)
from clusterdialog.errors import InputError

# ---------------------------------------------------------------- WZ / NACE


def test_wz_hierarchy_by_hand():
    assert WZ.ancestors("10.11") == ("10.1", "10", "C")
    assert WZ.parent("10.11") == "10.1"
    assert WZ.parent("10.11", level="division") == "10"
    assert WZ.parent("10.11", level="section") == "C"
    assert WZ.parent("10.11.0") == "10.11"
    assert WZ.parent("10.11", level="class") == "10.11"
    assert WZ.ancestors("C") == ()
    assert [WZ.level_of(c) for c in ["C", "10", "10.1", "10.11", "10.11.0"]] == list(WZ.levels)


@pytest.mark.parametrize(
    ("code", "normal"),
    [
        ("C", "C"),
        (" c ", "C"),
        ("10", "10"),
        ("C10", "10"),
        ("101", "10.1"),
        ("10.1", "10.1"),
        ("1011", "10.11"),
        ("C1011", "10.11"),
        ("C10.11", "10.11"),
        ("10110", "10.11.0"),
        ("10.11.0", "10.11.0"),
        ("I551", "55.1"),
        ("01.11", "01.11"),
        ("Insgesamt", "TOTAL"),
        ("_T", "TOTAL"),
        ("b-e", "B-E"),
        ("B + D + E", "B+D+E"),
    ],
)
def test_wz_normalisation(code, normal):
    assert WZ.normalize(code) == normal


@pytest.mark.parametrize(
    "code", ["", "X", "04", "34", "1.11", "10.111", "10.1.1", "D10", "B-X", "E-B", "C_X_10.1", 10]
)
def test_wz_invalid_codes(code):
    assert not WZ.is_valid(code)
    with pytest.raises(InputError, match="not a valid code"):
        WZ.normalize(code)


def test_every_division_maps_to_its_official_section():
    ranges = {
        "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
        "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66),
        "L": (68, 68), "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85),
        "Q": (86, 88), "R": (90, 93), "S": (94, 96), "T": (97, 98), "U": (99, 99),
    }  # fmt: skip
    for section, (low, high) in ranges.items():
        for division in range(low, high + 1):
            assert WZ.parent(f"{division:02d}", level="section") == section
    assert sum(len(d) for d in SECTION_DIVISIONS.values()) == 88


def test_wz_groupings_cover_their_sections():
    assert wz_sections_covered("B-E") == ("B", "C", "D", "E")
    assert wz_sections_covered("B-F") == ("B", "C", "D", "E", "F")
    assert wz_sections_covered("G-U") == tuple("GHIJKLMNOPQRSTU")
    assert wz_sections_covered("M-N") == ("M", "N")
    assert wz_sections_covered("O-Q") == ("O", "P", "Q")
    assert wz_sections_covered("R-U") == ("R", "S", "T", "U")
    assert wz_sections_covered("B+D+E") == ("B", "D", "E")
    assert wz_sections_covered("B-S_X_O") == tuple("BCDEFGHIJKLMNPQRS")
    assert wz_sections_covered("TOTAL") == tuple(SECTION_DIVISIONS)
    assert wz_sections_covered("CA") == ("C",)
    assert WZ.level_of("B-E") == "aggregate"
    assert WZ.level_of("Insgesamt") == "total"


def test_wz_containment():
    assert wz_contains("B-F", "B-E")
    assert wz_contains("B-E", "C")
    assert wz_contains("C", "10.11.0")
    assert wz_contains("CA", "11")
    assert wz_contains("C10-C12", "CA") and wz_contains("CA", "C10-C12")
    # TOTAL also covers employment without an assignment ("ohne Angabe"), so A-U falls short
    assert wz_contains("TOTAL", "A-U") and not wz_contains("A-U", "TOTAL")
    assert not wz_contains("B-E", "F")
    assert not wz_contains("10.1", "10")
    assert not wz_contains("C", "B-E")
    assert WZ.overlaps("B-E", "C-F") and not WZ.contains("B-E", "C-F")
    assert not WZ.overlaps("10.1", "10.2")


def test_wz_find_overlaps_names_pairs():
    pairs = WZ.find_overlaps(["B-F", "B-E", "C", "F", "G-U", "A", "10.11"])
    assert ("B-F", "B-E") in pairs and ("B-E", "C") in pairs and ("C", "10.11") in pairs
    assert ("B-F", "F") in pairs
    assert all("A" not in pair and "G-U" not in pair for pair in pairs)
    assert WZ.find_overlaps(["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]) == []


def test_wz_groupings_are_not_in_the_hierarchy():
    with pytest.raises(InputError, match="not a node of the hierarchy"):
        WZ.parent("B-E")
    with pytest.raises(InputError, match="top level"):
        WZ.parent("C")
    with pytest.raises(InputError, match="coarser than 'class'"):
        WZ.parent("10", level="class")
    with pytest.raises(InputError, match="expected one of"):
        WZ.parent("10.11", level="abteilung")


def test_wz_titles():
    assert WZ.title("C") == "Verarbeitendes Gewerbe"
    assert WZ.title("C", language="en") == "Manufacturing"
    assert WZ.title("B-E") == "Produzierendes Gewerbe ohne Baugewerbe"
    assert WZ.title("Insgesamt", language="en") == "Total"
    assert WZ.title("CA") == "Manufacture of food products, beverages and tobacco products"
    assert WZ.title("10.11") is None
    with pytest.raises(InputError, match="language"):
        WZ.title("C", language="fr")


def test_wz_validate_lists_every_invalid_code_and_the_pattern():
    assert WZ.validate(["C", "1011"]) == ["C", "10.11"]
    with pytest.raises(InputError, match=r"wz: 2 invalid WZ 2008 code\(s\): 'X', '04'; expected"):
        WZ.validate(["C", "X", "04", "X"], argument="wz")


def test_wz_codes_of_real_tables(shared):
    laender = pd.read_csv(shared / "data" / "de_laender_wz_employees_2008_2014.csv", dtype=str)
    codes = laender["wz_code"].unique().tolist()
    assert WZ.validate(codes) == codes
    parts = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
    assert set(parts) < set(codes) and WZ.find_overlaps(parts) == []
    assert all(WZ.contains("TOTAL", c) for c in codes)
    sections = pd.read_csv(shared / "data" / "de_laender_wz_establishments_2015.csv", dtype=str)
    assert {WZ.level_of(c) for c in sections["wz_section"]} == {"section"}
    tour = (shared / "data" / "samples" / "eurostat_tour_occ_arn2.tsv").read_text("utf-8")
    nace = {line.split("\t")[0].split(",")[3] for line in tour.splitlines()[1:]}
    assert nace == {"I551", "I552", "I553", "I551-I553", "I552_I553"}
    assert all(WZ.contains("I551-I553", c) for c in nace)
    assert WZ.parent("I552", level="section") == "I"


@given(
    st.sampled_from(sorted(d for ds in SECTION_DIVISIONS.values() for d in ds)),
    st.text("0123456789", min_size=0, max_size=3),
)
def test_wz_normalisation_is_idempotent_and_parents_contain(division, tail):
    code = division + tail
    normal = WZ.normalize(code)
    assert WZ.normalize(normal) == normal
    assert WZ.normalize(WZ.parent(code, level="section") + code) == normal
    for ancestor in WZ.ancestors(code):
        assert WZ.contains(ancestor, normal)
        # a section with one division (D = 35) has the same content as that division
        single = len(SECTION_DIVISIONS[ancestor]) == 1 if ancestor.isalpha() else False
        assert WZ.contains(normal, ancestor) == (single and len(normal) == 2)


# -------------------------------------------------------------------- NAICS


def test_naics_hierarchy_by_hand():
    assert NAICS.ancestors("311111") == ("31111", "3111", "311", "31-33")
    assert NAICS.parent("311111", level="sector") == "31-33"
    assert NAICS.parent("441110", level="sector") == "44-45"
    assert NAICS.parent("493110", level="sector") == "48-49"
    assert NAICS.parent("541511", level="subsector") == "541"
    assert [NAICS.level_of(c) for c in ["31", "311", "3111", "31111", "311111"]] == list(
        NAICS.levels
    )
    assert NAICS.title("31-33") == "Manufacturing"


@pytest.mark.parametrize(
    ("code", "normal"),
    [
        ("31----", "31-33"),
        ("33", "31-33"),
        ("31-33", "31-33"),
        ("3111//", "3111"),
        ("44----", "44-45"),
        ("541///", "541"),
        ("------", "TOTAL"),
        (" 311111 ", "311111"),
        ("99----", "99"),
    ],
)
def test_naics_normalisation(code, normal):
    assert NAICS.normalize(code) == normal


@pytest.mark.parametrize("code", ["3", "1234567", "10", "34", "901199", "31-32", "3a11"])
def test_naics_invalid(code):
    assert not NAICS.is_valid(code)


def test_naics_sector_spans_and_real_cluster_codes(shared):
    assert NAICS.contains("31-33", "332") and NAICS.contains("32", "311111")
    assert NAICS.find_overlaps(["31-33", "42", "311111"]) == [("31-33", "311111")]
    cmp = pd.read_csv(shared / "data" / "us_cmp_naics2012_clusters.csv", dtype=str)
    standard = cmp.loc[cmp["emsi_specific_code"].str.lower() == "false", "naics_code"]
    assert NAICS.validate(standard) == standard.tolist()
    assert {NAICS.level_of(c) for c in standard} == {"national_industry"}


# --------------------------------------------------------------------- KldB


def test_kldb_hierarchy_by_hand():
    assert KLDB.ancestors("43412") == ("4341", "434", "43", "4")
    assert KLDB.parent("434", level="berufsbereich") == "4"
    assert KLDB.parent("01104", level="berufsgruppe") == "011"
    assert [KLDB.level_of(c) for c in ["4", "43", "434", "4341", "43412"]] == list(KLDB.levels)
    assert KLDB.title("434") == "Softwareentwicklung und Programmierung"
    assert KLDB.title("0") == "Militär"
    assert KLDB.title("011") == "Offiziere"
    assert KLDB.title("43") is None


@pytest.mark.parametrize("code", ["", "123456", "100", "10", "43415", "4341a", "ohne Angabe"])
def test_kldb_invalid(code):
    assert not KLDB.is_valid(code)


def test_kldb_knows_every_group_of_the_ba_data(shared):
    ba = pd.read_csv(shared / "data" / "de_ba_employees_bw_2024.csv", dtype=str)
    groups = ba[["occupation_code", "occupation_name"]].dropna().drop_duplicates()
    assert len(groups) == 140
    assert KLDB.validate(groups["occupation_code"]) == groups["occupation_code"].tolist()
    for code, name in groups.itertuples(index=False):
        assert KLDB.title(code) == name
    areas = {KLDB.parent(c, level="berufsbereich") for c in groups["occupation_code"]}
    assert areas == set("123456789")
    assert all(KLDB.title(a) for a in "0123456789")


# ------------------------------------------------------------------ regions


def test_ags_hierarchy_by_hand():
    assert AGS.parent("08111", level="land") == "08"
    assert AGS.parent("08111", level="regierungsbezirk") == "081"
    assert AGS.ancestors("08111") == ("081", "08", "DG")
    assert AGS.parent("08111000", level="kreis") == "08111"
    assert AGS.ancestors("081110000000") == ("081110000", "08111", "081", "08", "DG")
    assert AGS.parent("01001", level="regierungsbezirk") == "010"
    assert AGS.normalize("DE") == "DG"
    assert AGS.title("08") == "Baden-Württemberg"
    assert AGS.title("081") == "Stuttgart"
    assert AGS.title("08111") == "Stuttgart"
    assert AGS.title("DE", language="en") == "Germany"
    with pytest.raises(InputError, match="cannot be derived"):
        AGS.parent("08111000", level="gemeindeverband")


@pytest.mark.parametrize("code", ["8111", "17001", "00001", "0811", "081110", "0811100000", "DEU"])
def test_ags_invalid(code):
    assert not AGS.is_valid(code)


def test_ags_overlaps():
    assert AGS.find_overlaps(["DG", "08", "08111", "09162"]) == [
        ("08", "08111"),
        ("DG", "08"),
        ("DG", "08111"),
        ("DG", "09162"),
    ]
    assert AGS.contains("081110000", "081110000000")
    assert not AGS.overlaps("08111000", "081110000")


def test_kreis_to_land_mapping():
    mapping = region_parent_mapping(["08111", "08115", "09162", "08111"])
    assert mapping == {"08111": "08", "08115": "08", "09162": "09"}
    assert region_parent_mapping(["08111"], "regierungsbezirk") == {"08111": "081"}
    with pytest.raises(InputError, match="invalid AGS/ARS code"):
        region_parent_mapping(["8111"])
    with pytest.raises(InputError, match="coarser than 'kreis'"):
        region_parent_mapping(["08"], "kreis")


def test_kreis_names_come_from_the_geojson(shared):
    with open(shared / "data" / "de_kreise_2021.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    table = kreis_table().set_index("kreis")
    assert len(features) == 401
    for feature in features:
        props = feature["properties"]
        assert AGS.level_of(props["ars"]) == "kreis"
        assert table.loc[props["ars"], "name"] == props["name"]
        assert table.loc[props["ars"], "type"] == props["type"]
    assert set(table["land"]) == set(land_table()["land"])
    assert table.loc["08111", "land_name"] == "Baden-Württemberg"
    ba = pd.read_csv(shared / "data" / "de_ba_employees_bw_2024.csv", dtype=str)
    assert set(ba["region_code"]) <= set(table.index)


def test_regierungsbezirk_names_cover_the_kreise_of_laender_with_bezirke():
    table = kreis_table()
    with_bezirke = table[table["land"].isin(["03", "05", "06", "07", "08", "09", "14", "15"])]
    stale = {"145", "146", "147", "151", "152", "153"} - set(with_bezirke["regierungsbezirk"])
    assert stale == {"151", "152", "153"}  # Sachsen-Anhalt numbers its Kreise 150xx
    missing = [rb for rb in with_bezirke["regierungsbezirk"].unique() if AGS.title(rb) is None]
    assert missing == ["150"]


def test_laender_names_and_nuts():
    table = land_table()
    assert len(table) == 16 and table["land"].tolist() == [f"{n:02d}" for n in range(1, 17)]
    assert AGS.title("16") == "Thüringen"
    assert NUTS.title("DE1") == "Baden-Württemberg"
    assert dict(zip(table["land"], table["nuts1"], strict=True))["05"] == "DEA"


def test_nuts_by_truncation():
    assert NUTS.ancestors("DE111") == ("DE11", "DE1", "DE")
    assert NUTS.parent("de212", level="nuts1") == "DE2"
    assert NUTS.level_of("DEA") == "nuts1"
    assert region_parent_mapping(["DE111", "DEA11"], "country", classification="nuts") == {
        "DE111": "DE",
        "DEA11": "DE",
    }
    assert not NUTS.is_valid("D1") and not NUTS.is_valid("DE1111") and not NUTS.is_valid("12")
    assert NUTS.find_overlaps(["DE", "DE1", "FR1"]) == [("DE", "DE1")]


def test_nuts_codes_of_a_real_eurostat_file(shared):
    tour = (shared / "data" / "samples" / "eurostat_tour_occ_arn2.tsv").read_text("utf-8")
    geo = {line.split("\t")[0].split(",")[4] for line in tour.splitlines()[1:]}
    nuts = sorted(g for g in geo if 2 <= len(g) <= 4)
    assert NUTS.validate(nuts) == nuts
    assert all(NUTS.contains(NUTS.parent(g, level="country"), g) for g in nuts)


def test_get_classification_by_name():
    assert get_classification("WZ 2008") is WZ
    assert get_classification("NACE Rev. 2") is WZ
    assert get_classification("kldb2010") is KLDB
    assert get_classification("ARS") is AGS
    assert get_classification(NAICS) is NAICS
    with pytest.raises(InputError, match="classification: expected"):
        get_classification("isic")
