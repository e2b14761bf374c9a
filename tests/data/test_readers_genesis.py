"""GENESIS reader on the real exports of tables 13111-07-05-4 and 13211-02-05-4."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.data.readers import read_genesis, read_panel
from clusterdialog.errors import InputError

FILES = Path(__file__).parent / "files"
PARTITION = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
CREDIT = "© Statistische Ämter des Bundes und der Länder, Deutschland, 2021, dl-de/by-2-0"


@pytest.fixture(scope="module")
def sample(shared: Path) -> Path:
    return shared / "data" / "samples" / "genesis_13111-07-05-4.csv"


@pytest.fixture(scope="module")
def unemployment(shared: Path) -> Path:
    return shared / "data" / "samples" / "genesis_13211-02-05-4.csv"


@pytest.fixture(scope="module")
def years(shared: Path) -> list[Path]:
    return sorted((shared / "data" / "de_genesis_13111-07-05-4").glob("13111-07-05-4_*.csv"))


@pytest.fixture(scope="module")
def everything(sample: Path) -> pd.DataFrame:
    return read_genesis(sample, industries="all", levels=["country", "land", "kreis"])


def cell(df: pd.DataFrame, region: str, industry: str, **more: object) -> pd.Series:
    mask = (df["region"] == region) & (df["industry"] == industry)
    for column, wanted in more.items():
        mask &= df[column] == wanted
    rows = df.loc[mask]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# ----------------------------------------------------------------- happy path
def test_default_is_the_kreis_partition(sample: Path):
    df = read_genesis(sample)
    assert df.columns.tolist() == [
        "region",
        "region_name",
        "region_level",
        "industry",
        "industry_name",
        "value",
        "suppressed",
        "flag",
    ]
    assert sorted(df["industry"].unique()) == PARTITION
    assert set(df["region_level"]) == {"kreis"}
    # 399 Kreise with own rows plus the city states Hamburg and Berlin
    assert df["region"].nunique() == 401
    assert df["region"].str.fullmatch(r"\d{5}").all()
    assert "01001" in set(df["region"])
    assert len(df) == 401 * len(PARTITION)
    provenance = df.attrs["provenance"]
    assert provenance.sha256.startswith("af3fc3eaa55f")  # shared/data/README.md
    assert provenance.table == "13111-07-05-4"
    assert provenance.reader == "genesis"
    assert provenance.details["credit"] == CREDIT
    assert provenance.details["reference_date"] == "2020-06-30"
    assert provenance.details["partition"] == PARTITION
    assert provenance.details["stand"] == "17.08.2021 / 20:27:28"


def test_numbers_read_by_eye_from_the_raw_file(everything: pd.DataFrame):
    assert cell(everything, "DG", "TOTAL")["value"] == 33322952
    assert cell(everything, "DG", "A")["value"] == 253548
    assert cell(everything, "DG", "C")["value"] == 6849696
    assert cell(everything, "01", "M-N")["value"] == 116442
    assert cell(everything, "16077", "TOTAL")["value"] == 27447
    assert cell(everything, "16077", "TOTAL")["region_name"] == "Altenburger Land, Kreis"
    flensburg = cell(everything, "01001", "A")  # ".;.;.;.;.;."
    assert np.isnan(flensburg["value"]) and flensburg["suppressed"] and flensburg["flag"] == "."


def test_value_column_by_position_and_by_header_text(sample: Path):
    by_text = read_genesis(sample, value_column="Ausländer(innen) | Geschlecht | Insgesamt")
    by_position = read_genesis(sample, value_column=3)
    pd.testing.assert_frame_equal(by_text, by_position)
    # 16077;Altenburger Land;...(K);374;114;260;-;-;-  and  ...(L);173;67;106;.;-;.
    nil = cell(by_text, "16077", "K")
    assert nil["value"] == 0.0 and not nil["suppressed"] and nil["flag"] is None
    assert cell(by_text, "16077", "L")["suppressed"]
    women = read_genesis(sample, value_column="Insgesamt | Geschlecht | weiblich")
    assert cell(women, "16077", "R-U")["value"] == 462
    assert women.attrs["provenance"].details["value_column_position"] == 2


def test_partition_rows_add_up_to_the_total(everything: pd.DataFrame):
    kreise = everything[everything["region_level"] == "kreis"]
    wide = kreise.pivot(index="region", columns="industry", values="value")
    complete = wide[PARTITION].notna().all(axis=1) & wide["TOTAL"].notna()
    assert complete.sum() > 300
    part = wide.loc[complete, PARTITION].sum(axis=1)
    total = wide.loc[complete, "TOTAL"]
    # the total also counts employees whose industry is unknown: never less, a few more
    gap = total - part
    assert (gap >= 0).all()
    assert (gap <= 0.002 * total).all()
    assert (gap == 0).mean() > 0.7
    # the aggregate rows are exact sums of their parts
    sums = wide[["B-E", "F"]].sum(axis=1, min_count=2)
    both = sums.notna() & wide["B-F"].notna()
    np.testing.assert_array_equal(wide.loc[both, "B-F"], sums[both])
    services = ["G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
    sums = wide[services].sum(axis=1, min_count=len(services))
    known = sums.notna() & wide["G-U"].notna()
    np.testing.assert_array_equal(wide.loc[known, "G-U"], sums[known])


def test_aggregate_markers_in_all_mode(everything: pd.DataFrame):
    flags = everything.drop_duplicates("industry").set_index("industry")
    assert set(flags.index[flags["industry_aggregate"]]) == {"B-F", "G-U", "TOTAL"}
    assert sorted(flags.index[flags["in_partition"]]) == PARTITION
    assert not flags.loc["C", "industry_aggregate"] and not flags.loc["C", "in_partition"]
    labels = flags["industry_name"]
    assert labels["M-N"] == "Freiberufl,wissenschaftl. techn. Dienstl.,sonst.DL"
    assert labels["O-Q"] == "Öff.Verw.,Verteidig.,Sozialvers.,Erz.-u.Unterricht"
    assert labels["B-E"] == "Produzierendes Gewerbe ohne Baugewerbe (B-E)"


def test_kreise_and_city_states_add_up_to_germany(everything: pd.DataFrame):
    totals = everything[everything["industry"] == "TOTAL"]
    germany = totals.loc[totals["region"] == "DG", "value"].item()
    kreise = totals.loc[totals["region_level"] == "kreis", "value"]
    lands = totals.loc[totals["region_level"] == "land", "value"]
    assert kreise.notna().all()
    assert abs(kreise.sum() - germany) / germany < 1e-4
    assert lands.sum() == kreise.sum()
    assert set(totals.loc[totals["region_level"] == "kreis", "region"]) >= {"02000", "11000"}
    berlin = cell(everything, "11000", "TOTAL")
    assert berlin["value"] == cell(everything, "11", "TOTAL")["value"] == 1539285
    assert berlin["region_level"] == "kreis"


def test_levels_option(sample: Path):
    lands = read_genesis(sample, levels="land")
    assert lands["region"].nunique() == 16 and "02000" not in set(lands["region"])
    both = read_genesis(sample, levels=["land", "regierungsbezirk"])
    assert set(both["region_level"]) == {"land", "regierungsbezirk"}
    assert "031" in set(both["region"])
    cities = read_genesis(sample, levels="gemeinde")
    assert {"03241001", "11001001"} <= set(cities["region"])
    with pytest.raises(InputError, match="levels: expected one of"):
        read_genesis(sample, levels="district")


def test_quoted_fields_and_german_thousands(tmp_path: Path):
    text = (
        "GENESIS-Tabelle: 13111-07-05-4\n"
        ";;;Insgesamt\n"
        '08111;"Stuttgart; Landeshauptstadt";Baugewerbe (F);12.345\n'
        '08111;"Stuttgart; Landeshauptstadt";Verarbeitendes Gewerbe (C);x\n'
        "08115;Böblingen;Baugewerbe (F);...\n"
        "08115;Böblingen;Verarbeitendes Gewerbe (C);/\n"
    )
    path = tmp_path / "quoted.csv"
    path.write_bytes(text.encode("iso-8859-1"))
    df = read_genesis(path, industries="all")
    assert df["region_name"].tolist()[0] == "Stuttgart; Landeshauptstadt"
    assert df["value"].tolist()[0] == 12345
    assert df["flag"].tolist() == [None, "x", "...", "/"]
    assert df["suppressed"].tolist() == [False, True, True, True]
    assert df.attrs["provenance"].details["credit"].startswith("Statistische Ämter")


def test_former_kreise_with_nil_rows_are_dropped(sample: Path):
    df = read_genesis(sample)
    assert "03152" not in set(df["region"]) and "03159" in set(df["region"])
    assert df.attrs["provenance"].details["dropped_empty_regions"] > 0
    kept = read_genesis(sample, drop_empty_regions=False)
    old = kept[kept["region"] == "03152"]
    assert len(old) == len(PARTITION) and (old["value"] == 0).all()


def test_six_years_stack_into_one_panel(years: list[Path], sample: Path):
    assert len(years) == 6
    panel = read_genesis(years, levels=["country", "kreis"], industries="all")
    assert sorted(panel["period"].unique()) == [2015, 2016, 2017, 2018, 2019, 2020]
    germany = panel[(panel["region"] == "DG") & (panel["industry"] == "TOTAL")]
    # "DG;Deutschland;Insgesamt;<n>" of each file
    assert germany.set_index("period")["value"].to_dict() == {
        2015: 30771297,
        2016: 31443318,
        2017: 32164973,
        2018: 32870228,
        2019: 33407262,
        2020: 33322952,
    }
    # Göttingen and Osterode merged into the new Landkreis Göttingen on 1 November 2016
    old = panel.loc[panel["region"] == "03152", "period"].unique()
    assert sorted(old) == [2015, 2016]
    provenance = panel.attrs["provenance"]
    assert len(provenance.details["files"]) == 6
    assert provenance.details["files"][5]["sha256"].startswith("af3fc3eaa55f")
    single = read_genesis(sample, levels=["country", "kreis"], industries="all")
    last = panel[panel["period"] == 2020].drop(columns="period").reset_index(drop=True)
    pd.testing.assert_frame_equal(last, single, check_dtype=False)
    kreise = read_genesis(years)
    built = RegionalPanel.from_long(kreise, period="period", suppressed="suppressed")
    assert built.periods == (2015, 2016, 2017, 2018, 2019, 2020)
    # 401 Kreise of 2020 plus the former Kreise Göttingen (03152) and Osterode (03156)
    assert built.shape == (403, len(PARTITION))


def test_unemployment_table_with_year_column_and_decimal_commas(unemployment: Path):
    counts = read_genesis(unemployment, levels="country")
    assert counts.columns.tolist()[:4] == ["region", "region_name", "region_level", "industry"]
    assert counts["industry"].unique().tolist() == ["Arbeitslose | Anzahl"]
    # "2020;DG;Deutschland;2695444;..."
    assert cell(counts, "DG", "Arbeitslose | Anzahl", period=2020)["value"] == 2695444
    rates = read_genesis(unemployment, value_column=7, levels=["country", "kreis"])
    assert rates.attrs["provenance"].details["value_column"] == (
        "Arbeitslosenquote bez. abh. zivile Erwerbspers. | Prozent"
    )
    label = rates["industry"].iloc[0]
    assert cell(rates, "DG", label, period=2020)["value"] == 6.5
    assert cell(rates, "01001", label, period=2020)["value"] == 9.9
    assert sorted(rates["period"].unique()) == [2015, 2016, 2017, 2018, 2019, 2020]
    districts = read_genesis(unemployment, value_column=7, levels="regierungsbezirk")
    braunschweig = cell(districts, "031", label, period=2020)  # "2020;031;...;.;5,8;..."
    assert braunschweig["suppressed"] and braunschweig["flag"] == "."


def test_read_panel_dispatches_to_genesis(sample: Path):
    df = read_panel(sample, reader="genesis", industries="all")
    assert "C" in set(df["industry"])


def test_utf8_copy_reads_like_the_original(sample: Path, tmp_path: Path):
    copy = tmp_path / "genesis_utf8.csv"
    copy.write_text(sample.read_bytes().decode("iso-8859-1"), encoding="utf-8")
    a, b = read_genesis(sample), read_genesis(copy)
    pd.testing.assert_frame_equal(a, b)
    assert b.attrs["provenance"].details["encoding"] == "utf-8"


# --------------------------------------------------------------- failure paths
def test_bad_value_names_file_line_and_column():
    expected = (
        "genesis_bad_value.csv, line 57, column 4: expected a number or one of the GENESIS "
        "symbols - . x / ..., got 'abc'"
    )
    with pytest.raises(InputError) as caught:
        read_genesis(FILES / "genesis_bad_value.csv")
    assert str(caught.value) == expected


def test_cut_header():
    with pytest.raises(InputError, match=r"genesis_cut_header.csv, line 10: no data lines"):
        read_genesis(FILES / "genesis_cut_header.csv")


def test_duplicate_rows():
    with pytest.raises(InputError, match=r"genesis_duplicate_rows.csv: 2 rows share the same key"):
        read_genesis(FILES / "genesis_duplicate_rows.csv")


def test_wrong_encoding(sample: Path):
    with pytest.raises(InputError, match=r"line 2, column 35: the bytes b'\\xe4' are not valid"):
        read_genesis(sample, encoding="utf-8")
    with pytest.raises(InputError, match="NUL characters"):
        read_genesis(FILES / "genesis_utf16.csv")
    with pytest.raises(InputError, match="unknown encoding"):
        read_genesis(sample, encoding="latin-99")


def test_short_line_and_bad_region_key(sample: Path, tmp_path: Path):
    lines = sample.read_bytes().decode("iso-8859-1").split("\n")
    cut = lines[:30] + [lines[30].rsplit(";", 2)[0]] + lines[31:]
    path = tmp_path / "cut_line.csv"
    path.write_bytes("\n".join(cut).encode("iso-8859-1"))
    with pytest.raises(InputError, match=r"cut_line.csv, line 31: expected 9 fields .* got 7"):
        read_genesis(path)
    bad_key = lines[:40] + ["X1001" + lines[40][5:]] + lines[41:]
    path.write_bytes("\n".join(bad_key).encode("iso-8859-1"))
    with pytest.raises(InputError, match=r"line 41, column 1: expected a region key"):
        read_genesis(path)


def test_not_a_genesis_file(shared: Path):
    with pytest.raises(InputError, match="expected the column header of a GENESIS table"):
        read_genesis(shared / "data" / "samples" / "eurostat_tour_occ_arn2.tsv")
    with pytest.raises(InputError, match="file not found"):
        read_genesis(FILES / "does_not_exist.csv")


def test_bad_options(sample: Path, unemployment: Path):
    with pytest.raises(InputError, match="value_column: expected a position from 0 to 5"):
        read_genesis(sample, value_column=6)
    with pytest.raises(InputError, match="'weiblich' matches 2 value column"):
        read_genesis(sample, value_column="weiblich")
    with pytest.raises(InputError, match=r"industries: \['Z'\] not in"):
        read_genesis(sample, industries=["C", "Z"])
    with pytest.raises(InputError, match="industries: expected one of"):
        read_genesis(sample, industries="finest")
    with pytest.raises(InputError, match="has no classification column"):
        read_genesis(unemployment, industries=["A"])


def test_level_absent_from_the_file(sample: Path, tmp_path: Path):
    lines = sample.read_bytes().decode("iso-8859-1").split("\n")
    footer = [i for i, line in enumerate(lines) if line.startswith("___")][0]
    path = tmp_path / "head.csv"  # Germany, Schleswig-Holstein and its first Kreise only
    path.write_bytes("\n".join(lines[:71] + lines[footer:]).encode("iso-8859-1"))
    assert read_genesis(path)["region"].unique().tolist() == ["01001", "01002", "01003"]
    with pytest.raises(InputError, match=r"no rows at level 'regierungsbezirk'; levels present"):
        read_genesis(path, levels="regierungsbezirk")


def test_unknown_label_needs_all_mode(sample: Path, tmp_path: Path):
    text = sample.read_bytes().decode("iso-8859-1").replace("Baugewerbe (F)", "Bau und Mehr")
    path = tmp_path / "renamed.csv"
    path.write_bytes(text.encode("iso-8859-1"))
    with pytest.raises(InputError, match=r"cannot place the label\(s\) \['Bau und Mehr'\]"):
        read_genesis(path)
    df = read_genesis(path, industries="all")
    assert "Bau und Mehr" in set(df["industry"])


def test_several_files_must_be_distinct_years_of_one_table(sample: Path, unemployment: Path):
    with pytest.raises(InputError, match="same reference year"):
        read_genesis([sample, sample])
    with pytest.raises(InputError, match="differ in the table code"):
        read_genesis([sample, unemployment])
