"""County Business Patterns reader on fixture files in the 2007–2016 and 2017+ layouts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.readers import read_cbp, read_panel
from clusterdialog.errors import InputError

FILES = Path(__file__).parent / "files"
OLD = FILES / "cbp16co_sample.txt"
NEW = FILES / "cbp21co_sample.txt"


def row(df: pd.DataFrame, region: str, industry: str) -> pd.Series:
    rows = df[(df["region"] == region) & (df["industry"] == industry)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_old_layout_finest_level():
    df = read_cbp(OLD)
    assert df.columns.tolist() == [
        "region",
        "industry",
        "value",
        "suppressed",
        "flag",
        "naics_level",
        "establishments",
        "annual_payroll",
        "employment_class",
        "employment_lower",
        "employment_upper",
    ]
    assert (df["naics_level"] == 6).all()
    assert df["industry"].str.fullmatch(r"\d{6}").all()
    assert sorted(df["region"].unique()) == ["01001", "01003", "01999"]
    # "01","001","326199","","G",640,...,3
    plastics = row(df, "01001", "326199")
    assert plastics["value"] == 640 and plastics["flag"] == "G" and not plastics["suppressed"]
    assert plastics["establishments"] == 3 and plastics["employment_class"] is None
    # "01","001","115112","A","D",0,"D",0,"D",0,3: withheld, 0-19 employees
    withheld = row(df, "01001", "115112")
    assert withheld["suppressed"] and np.isnan(withheld["value"]) and withheld["flag"] == "D"
    assert withheld["employment_class"] == "A"
    assert (withheld["employment_lower"], withheld["employment_upper"]) == (0, 19)
    assert np.isnan(withheld["annual_payroll"]) and withheld["establishments"] == 3
    bakeries = row(df, "01003", "311999")  # empflag C: 100-249
    assert (bakeries["employment_lower"], bakeries["employment_upper"]) == (100, 249)
    provenance = df.attrs["provenance"]
    assert provenance.table == "cbp16co" and provenance.details["year"] == 2016
    assert provenance.details["credit"].startswith("U.S. Census Bureau, County Business Patterns")
    assert provenance.details["layout"].startswith("2007-2017")


def test_all_levels_and_placeholders():
    df = read_cbp(OLD, naics_levels="all")
    total = row(df, "01001", "TOTAL")
    assert total["naics_level"] == 0 and total["value"] == 10838
    assert row(df, "01001", "31")["naics_level"] == 2  # "31----"
    assert row(df, "01001", "311")["naics_level"] == 3  # "311///"
    assert row(df, "01001", "3118")["naics_level"] == 4
    assert row(df, "01001", "31181")["naics_level"] == 5
    standards = row(df, "01001", "99")  # "99----","","S",0: below publication standards
    assert standards["suppressed"] and standards["flag"] == "S"
    assert standards["employment_class"] is None and np.isnan(standards["employment_lower"])
    sectors = read_cbp(OLD, naics_levels=[2])
    assert sorted(sectors["industry"].unique()) == ["11", "23", "31", "44", "72", "99"]


def test_statewide_rows_can_be_dropped():
    kept = read_cbp(OLD)
    dropped = read_cbp(OLD, statewide="drop")
    assert "01999" in set(kept["region"]) and "01999" not in set(dropped["region"])
    assert len(kept) - len(dropped) == (kept["region"] == "01999").sum()


def test_new_layout_with_noise_flags():
    df = read_panel(NEW, reader="cbp", naics_levels=[0, 6])
    assert "employment_class" not in df.columns
    assert not df["suppressed"].any()
    # real 2021 row of Autauga County: "01","001","------","G",11216,"G",97944,"G",424826,924
    total = row(df, "01001", "TOTAL")
    assert total["value"] == 11216 and total["annual_payroll"] == 424826
    assert total["establishments"] == 924
    high_noise = row(df, "01001", "115112")
    assert high_noise["flag"] == "J" and high_noise["value"] == 10
    assert df.attrs["provenance"].details["year"] == 2021
    assert read_cbp(NEW, year=2020).attrs["provenance"].details["year"] == 2020


def test_panel_of_finest_level_has_no_overlap():
    df = read_cbp(NEW)
    assert not df.duplicated(["region", "industry"]).any()
    assert set(df["naics_level"]) == {6}


# --------------------------------------------------------------- failure paths
def write(tmp_path: Path, text: str, name: str = "cbp16co_broken.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="ascii")
    return path


def test_malformed_files(tmp_path: Path):
    lines = OLD.read_text(encoding="ascii").splitlines()
    header, first = lines[0], lines[1]
    path = write(tmp_path, "\n".join([header, first.replace('"------"', '"31-33-"')]))
    with pytest.raises(InputError, match=r"line 2, column 3 \(naics\): expected a 6-character"):
        read_cbp(path)
    path = write(tmp_path, "\n".join([header, first.replace('"01","001"', '"1","001"', 1)]))
    with pytest.raises(InputError, match=r"line 2, column 1 \(fipstate\): expected 2 digits"):
        read_cbp(path)
    path = write(tmp_path, "\n".join([header, lines[2], first.replace(",10838,", ",10.838a,")]))
    with pytest.raises(InputError, match=r"line 3, column 6 \(emp\): expected a number"):
        read_cbp(path)
    path = write(tmp_path, "\n".join([header, first.replace('"","G"', '"Q","G"')]))
    with pytest.raises(InputError, match=r"column 4 \(empflag\): expected empty or one of A B"):
        read_cbp(path)
    path = write(tmp_path, "\n".join([header, lines[6], lines[6]]))  # 113310 twice
    with pytest.raises(InputError, match="2 rows share the same key"):
        read_cbp(path)
    path = write(tmp_path, "\n".join(line.replace('"emp",', '"employees",') for line in lines))
    with pytest.raises(InputError, match=r"missing column\(s\) \['emp'\] of a CBP county file"):
        read_cbp(path)
    path = write(tmp_path, "")
    with pytest.raises(InputError, match="the file is empty"):
        read_cbp(path)


def test_bad_options():
    with pytest.raises(InputError, match="naics_levels: expected one of"):
        read_cbp(OLD, naics_levels=7)
    with pytest.raises(InputError, match="naics_levels: expected one of"):
        read_cbp(OLD, naics_levels="finest")
    with pytest.raises(InputError, match="statewide: expected one of"):
        read_cbp(OLD, statewide="merge")
