"""Readers of participation lists: CORDIS H2020 and generic lists / edge lists (CSV, XLSX)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from clusterdialog.data.network_readers import CORDIS_CREDIT, read_participations
from clusterdialog.errors import DataQualityWarning, InputError

CORDIS = "cordis_h2020_participations.csv.gz"
HEADER = (
    "rcn,role,pic,type,contribution,country,start_date,end_date,max_contribution,"
    "total_cost,start_year,end_year,duration,group,nunique\n"
)


def cordis_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "cordis.csv.gz"
    path.write_bytes(gzip.compress((HEADER + "".join(r + "\n" for r in rows)).encode()))
    return path


def row(rcn="1", pic="999000001", type="PRC", contribution="100", country="DE", year="2019"):
    return (
        f"{rcn},participant,{pic},{type},{contribution},{country},{year}-01-01,{year}-12-31,"
        f"1000,1000,{year},{year},12,eu15,1"
    )


@pytest.fixture(scope="module")
def cordis(shared: Path) -> pd.DataFrame:
    return read_participations(shared / "data" / CORDIS)


def test_full_cordis_file_has_the_documented_size(cordis):
    # shared/data/README.md: 144,726 rows, 31,451 projects, 35,871 organisations (PIC)
    assert len(cordis) == 144_726
    assert cordis["project"].nunique() == 31_451
    assert cordis["organisation"].nunique() == 35_871
    assert list(cordis.columns[:2]) == ["organisation", "project"]
    assert set(cordis["type"]) == {"PRC", "HES", "REC", "PUB", "OTH"}
    provenance = cordis.attrs["provenance"]
    assert provenance.details["credit"] == CORDIS_CREDIT
    assert len(provenance.sha256) == 64


def test_cordis_ids_are_text_and_namibia_is_kept(cordis):
    assert cordis["organisation"].map(type).eq(str).all()
    assert cordis["organisation"].str.fullmatch(r"[0-9]{9}").all()
    # "NA" is Namibia (or missing) in the country column: 11 rows, not dropped as missing
    assert (cordis["country"] == "NA").sum() == 11
    # contribution "NA" is missing; start_year "NA" is a missing year
    assert cordis["contribution"].isna().sum() > 0
    assert str(cordis["year"].dtype) == "Int64"


def test_country_and_year_filter_match_a_direct_count(shared: Path, cordis):
    table = read_participations(shared / "data" / CORDIS, country="lu", year=2019)
    expected = cordis[(cordis["country"] == "LU") & (cordis["year"] == 2019).fillna(False)]
    assert len(table) == len(expected) > 0
    assert set(table["country"]) == {"LU"}
    assert set(table["year"].tolist()) == {2019}
    assert table.attrs["provenance"].details["country"] == "lu"


def test_small_cordis_file_hand_checked(tmp_path: Path):
    path = cordis_file(
        tmp_path,
        [row(pic="000000042"), row(pic="999000002", type="HES", contribution="NA", country="NA")],
    )
    table = read_participations(path)
    assert table["organisation"].tolist() == ["000000042", "999000002"]
    assert table["contribution"].iloc[0] == 100.0
    assert pd.isna(table["contribution"].iloc[1])
    assert table["country"].tolist() == ["DE", "NA"]


def test_cordis_errors_name_file_line_and_column(tmp_path: Path):
    bad_type = cordis_file(tmp_path, [row(), row(pic="2", type="XYZ")])
    with pytest.raises(InputError, match=r"cordis.csv.gz, line 3, column 4 \(type\).*'XYZ'"):
        read_participations(bad_type)
    bad_number = cordis_file(tmp_path, [row(contribution="1e3x")])
    with pytest.raises(InputError, match=r"line 2, column 5 \(contribution\).*'1e3x'"):
        read_participations(bad_number)
    empty_pic = cordis_file(tmp_path, [row(pic="")])
    with pytest.raises(InputError, match=r"line 2, column 3 \(pic\).*empty"):
        read_participations(empty_pic)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other.csv: expected the columns .* missing"):
        read_participations(other)


def test_filters_that_leave_nothing_and_bad_arguments(tmp_path: Path):
    path = cordis_file(tmp_path, [row()])
    with pytest.raises(InputError, match=r"no participation is left with country='FR'"):
        read_participations(path, country="FR")
    with pytest.raises(InputError, match=r"format: expected one of \['cordis', 'edges'\]"):
        read_participations(path, format="gexf")
    with pytest.raises(InputError, match=r"file not found"):
        read_participations(tmp_path / "missing.csv")


def test_generic_participation_list_csv(tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text(
        "organisation;project;type;year;weight\n007;P1;business;2020;1\n008;P1;academia;2020;2,5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"list.csv, line 3, column 5 \(weight\).*'2,5'"):
        read_participations(path, format="edges")
    path.write_text(
        "organisation;project;type;year;weight\n007;P1;business;2020;1\n008;P1;academia;2021;2\n",
        encoding="utf-8",
    )
    table = read_participations(path, format="edges", year=2020)
    assert table["organisation"].tolist() == ["007"]
    assert table["weight"].tolist() == [1.0]
    assert "credit" not in table.attrs["provenance"].details


def test_generic_list_xlsx_keeps_ids_as_text(tmp_path: Path):
    path = tmp_path / "list.xlsx"
    pd.DataFrame(
        {"organisation": [101, 102, 101], "project": ["A", "A", "B"], "year": [2020, 2020, 2021]}
    ).to_excel(path, index=False)
    table = read_participations(path, format="edges")
    assert table["organisation"].tolist() == ["101", "102", "101"]
    assert table["year"].tolist() == [2020, 2020, 2021]


def test_edge_list_becomes_two_member_projects(tmp_path: Path):
    path = tmp_path / "edges.csv"
    path.write_text(
        "source,target,source_type,target_type\na,b,PRC,HES\nb,c,HES,PUB\n", encoding="utf-8"
    )
    table = read_participations(path, format="edges")
    pairs = table.groupby("project")["organisation"].apply(sorted).to_dict()
    assert pairs == {"edge:2": ["a", "b"], "edge:3": ["b", "c"]}
    types = dict(zip(table["organisation"], table["type"], strict=True))
    assert types == {"a": "PRC", "b": "HES", "c": "PUB"}
    path.write_text("source,target\na,a\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2, column 2 \(target\).*self-loop"):
        read_participations(path, format="edges")
    path.write_text("from,to\na,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"edges.csv: expected a participation list"):
        read_participations(path, format="edges")


def test_duplicate_participation_warns_with_share(tmp_path: Path):
    path = tmp_path / "dup.csv"
    path.write_text("organisation,project\na,P\na,P\nb,P\nc,Q\n", encoding="utf-8")
    with pytest.warns(DataQualityWarning, match=r"1 of 4 rows \(25.0%\)"):
        table = read_participations(path, format="edges")
    assert len(table) == 3
