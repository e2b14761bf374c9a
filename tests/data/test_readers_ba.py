"""Bundesagentur für Arbeit reader on the real Parquet table and its CSV slice."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.readers import read_ba, read_panel
from clusterdialog.errors import InputError

CREDIT = "© Statistik der Bundesagentur für Arbeit"


@pytest.fixture(scope="module")
def parquet(shared: Path) -> Path:
    return shared / "data" / "de_ba_employees_kreis_occupation.parquet"


@pytest.fixture(scope="module")
def slice_csv(shared: Path) -> Path:
    return shared / "data" / "de_ba_employees_bw_2024.csv"


@pytest.fixture(scope="module")
def year_2024(parquet: Path) -> pd.DataFrame:
    return read_ba(parquet, year=2024)


def test_csv_slice_matches_the_published_facts(slice_csv: Path):
    df = read_ba(slice_csv)
    # shared/data/README.md: 6,204 rows, 181 empty cells, sum 4,925,020
    assert len(df) == 6204
    assert int(df["suppressed"].sum()) == 181
    assert df["value"].isna().sum() == 181
    assert df["value"].sum() == 4925020
    assert df.columns.tolist() == [
        "region",
        "region_name",
        "industry",
        "industry_name",
        "value",
        "suppressed",
    ]
    assert df["region"].nunique() == 44 and df["region"].str.startswith("08").all()
    unassigned = df[df["industry"] == "unassigned"]
    assert len(unassigned) == 44
    assert set(unassigned["industry_name"]) == {"ohne Angabe"}
    # "08111,...,,ohne Angabe,869" (line 142 of the file)
    assert unassigned.set_index("region").loc["08111", "value"] == 869
    provenance = df.attrs["provenance"]
    assert provenance.reader == "ba" and provenance.details["credit"] == CREDIT
    assert provenance.details["years"] == [2024]  # from the file name
    assert provenance.details["layout"] == "csv"


def test_parquet_year_equals_the_csv_slice(year_2024: pd.DataFrame, slice_csv: Path):
    assert "period" not in year_2024.columns
    assert len(year_2024) == 401 * 141
    assert year_2024["region"].str.fullmatch(r"\d{5}").all()
    bw = year_2024[year_2024["region"].str.startswith("08")].reset_index(drop=True)
    csv = read_ba(slice_csv)
    merged = bw.merge(csv, on=["region", "industry"], suffixes=("", "_csv"), validate="1:1")
    assert len(merged) == len(csv) == len(bw)
    np.testing.assert_array_equal(merged["value"], merged["value_csv"])
    np.testing.assert_array_equal(merged["suppressed"], merged["suppressed_csv"])
    assert year_2024.attrs["provenance"].details["credit"] == CREDIT
    assert year_2024.attrs["provenance"].details["origin"].startswith("RegioHub/badata")


def test_all_years_and_a_list_of_years(parquet: Path, year_2024: pd.DataFrame):
    every = read_ba(parquet)
    assert sorted(every["period"].unique()) == list(range(2013, 2026))
    assert len(every) == 13 * 401 * 141
    two = read_ba(parquet, year=[2023, 2024])
    assert sorted(two["period"].unique()) == [2023, 2024]
    last = two[two["period"] == 2024].drop(columns="period").reset_index(drop=True)
    pd.testing.assert_frame_equal(last, year_2024)


def test_groups_and_employment_types(parquet: Path, year_2024: pd.DataFrame):
    women = read_ba(parquet, year=2024, group="women")
    marginal = read_ba(parquet, year=2024, employment_type="marginal")
    both = year_2024.merge(women, on=["region", "industry"], suffixes=("", "_women"))
    known = both["value"].notna() & both["value_women"].notna()
    assert (both.loc[known, "value_women"] <= both.loc[known, "value"]).all()
    assert 0.3 < women["value"].sum() / year_2024["value"].sum() < 0.6
    assert marginal["value"].sum() < year_2024["value"].sum()
    assert marginal.attrs["provenance"].details["employment_type"] == "marginal"


def test_unassigned_can_be_dropped(year_2024: pd.DataFrame, parquet: Path):
    dropped = read_ba(parquet, year=2024, unassigned="drop")
    assert "unassigned" not in set(dropped["industry"])
    assert len(dropped) == len(year_2024) - 401
    missing = year_2024.loc[year_2024["industry"] == "unassigned", "value"].sum()
    assert dropped["value"].sum() == year_2024["value"].sum() - missing


def test_reading_one_year_is_fast(parquet: Path):
    start = time.perf_counter()
    df = read_panel(parquet, reader="ba", year=2020, group="foreigners")
    elapsed = time.perf_counter() - start
    assert len(df) == 401 * 141
    assert elapsed < 5.0  # pyarrow filters: only the requested rows of 4.4 million reach pandas


# --------------------------------------------------------------- failure paths
def test_bad_options(parquet: Path, slice_csv: Path):
    with pytest.raises(InputError, match="employment_type: expected one of"):
        read_ba(parquet, employment_type="svb")
    with pytest.raises(InputError, match="group: expected one of"):
        read_ba(parquet, group="men")
    with pytest.raises(InputError, match="unassigned: expected one of"):
        read_ba(parquet, unassigned="merge")
    with pytest.raises(InputError, match=r"year: \[2030\] not in .* years: \[2013, 2014"):
        read_ba(parquet, year=[2024, 2030])
    with pytest.raises(InputError, match="year: expected a year or a list of years"):
        read_ba(parquet, year="2024")
    with pytest.raises(InputError, match="a BA CSV slice holds one year"):
        read_ba(slice_csv, year=[2023, 2024])


def test_malformed_files(slice_csv: Path, tmp_path: Path):
    text = slice_csv.read_text(encoding="utf-8").split("\n")
    bad = tmp_path / "ba_bad.csv"
    bad.write_text("\n".join(text[:10] + [text[10].rsplit(",", 1)[0] + ",12a"] + text[11:]))
    with pytest.raises(InputError, match=r"ba_bad.csv, line 11, column 5: expected a number"):
        read_ba(bad)
    bad.write_text("\n".join(line.rsplit(",", 1)[0] for line in text if line))
    with pytest.raises(InputError, match=r"missing column\(s\) \['employees'\]"):
        read_ba(bad)
    bad.write_text("\n".join(text[:10] + [text[9]] + text[10:]))
    with pytest.raises(InputError, match="ba_bad.csv: 2 rows share the same key"):
        read_ba(bad)
    other = tmp_path / "ba.xlsx"
    other.write_bytes(b"")
    with pytest.raises(InputError, match=r"expected a BA table as .parquet or .csv"):
        read_ba(other)
    table = tmp_path / "not_ba.parquet"
    pd.DataFrame({"region_code": ["08111"], "value": [1]}).to_parquet(table)
    with pytest.raises(InputError, match=r"missing column\(s\) \['region_name'"):
        read_ba(table)
