"""Generic table reader (CSV, Parquet, XLSX) and the read_panel dispatch."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from clusterdialog.data.readers import READERS, read_panel, read_table
from clusterdialog.errors import DataQualityWarning, InputError

GERMAN = (
    "Kreis;Kreisname;WZ;Jahr;Beschäftigte;Hinweis\n"
    "08111;Stuttgart;01.11;2023;1.234,5;\n"
    "08111;Stuttgart;C;2023;96.123;p\n"
    "08115;Böblingen;01.11;2023;*;\n"
    "08115;Böblingen;C;2023;0;\n"
)
MAPPING = {"region": "Kreis", "industry": "WZ", "value": "Beschäftigte"}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def workbook(tmp_path: Path, rows: list[list[object]], name: str = "Daten") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = name
    for values in rows:
        sheet.append(values)
    path = tmp_path / "employees.xlsx"
    book.save(path)
    return path


def test_german_csv_with_every_column(tmp_path: Path):
    path = write(tmp_path, "employees.csv", GERMAN, encoding="cp1252")
    df = read_table(
        path,
        **MAPPING,
        period="Jahr",
        flag="Hinweis",
        region_name="Kreisname",
        decimal=",",
        missing=("", "*"),
        table="254-74-4-B",
        credit="Statistik der Bundesagentur für Arbeit",
    )
    assert df.columns.tolist() == [
        "region",
        "region_name",
        "industry",
        "period",
        "value",
        "suppressed",
        "flag",
    ]
    assert df["region"].tolist() == ["08111", "08111", "08115", "08115"]
    assert df["industry"].tolist() == ["01.11", "C", "01.11", "C"]
    assert df["region_name"].tolist()[2] == "Böblingen"
    assert df["period"].tolist() == [2023] * 4
    np.testing.assert_array_equal(df["value"], [1234.5, 96123.0, np.nan, 0.0])
    assert df["suppressed"].tolist() == [False, False, True, False]
    assert df["flag"].tolist() == [None, "p", None, None]
    provenance = df.attrs["provenance"]
    assert provenance.source == "employees.csv" and provenance.reader == "table"
    assert provenance.table == "254-74-4-B"
    assert provenance.details["credit"] == "Statistik der Bundesagentur für Arbeit"
    assert provenance.details["separator"] == ";"
    assert provenance.details["encoding"] == "cp1252"
    assert len(provenance.sha256) == 64


def test_parquet_and_xlsx_read_like_csv(tmp_path: Path):
    csv = write(tmp_path, "employees.csv", GERMAN)
    expected = read_table(csv, **MAPPING, decimal=",", missing=("", "*"))
    raw = pd.read_csv(csv, sep=";", dtype=str, keep_default_na=False)
    raw["Beschäftigte"] = [1234.5, 96123.0, None, 0.0]
    raw.to_parquet(tmp_path / "employees.parquet")
    from_parquet = read_table(tmp_path / "employees.parquet", **MAPPING)
    pd.testing.assert_frame_equal(from_parquet, expected)
    rows = [list(raw.columns)] + [
        [r.Kreis, r.Kreisname, r.WZ, r.Jahr, r.Beschäftigte, r.Hinweis]
        for r in raw.itertuples(index=False)
    ]
    rows[3][4] = None
    from_xlsx = read_table(workbook(tmp_path, rows), **MAPPING, sheet="Daten")
    pd.testing.assert_frame_equal(from_xlsx, expected)
    assert from_xlsx.attrs["provenance"].details["sheet"] == "Daten"


def test_xlsx_numeric_keys(tmp_path: Path):
    header = ["kreis", "wz", "emp"]
    lost = workbook(tmp_path, [header, [1001, "C", 5], [16077, "C", 7]])
    with pytest.raises(
        InputError,
        match=r"sheet 'Daten', row 2, column A \(kreis\): 2 of 2 region keys are stored as "
        r"numbers .* leading zeros were lost",
    ):
        read_table(lost, region="kreis", industry="wz", value="emp")
    padded = read_table(lost, region="kreis", industry="wz", value="emp", key_width={"region": 5})
    assert padded["region"].tolist() == ["01001", "16077"]
    same_length = workbook(tmp_path, [header, [8111, "C", 5], [9162, "C", 7]])
    with pytest.warns(DataQualityWarning, match="2 of 2 region keys .* stored as numbers"):
        df = read_table(same_length, region="kreis", industry="wz", value="emp")
    assert df["region"].tolist() == ["8111", "9162"]
    text = workbook(tmp_path, [header, ["08111", 10, 5], ["08115", 10, 7]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataQualityWarning, match="industry keys"):
            read_table(text, region="kreis", industry="wz", value="emp")
    fraction = workbook(tmp_path, [header, ["08111", 1.5, 5]])
    with pytest.raises(
        InputError, match=r"row 2, column B \(wz\): expected a code, got the number"
    ):
        read_table(fraction, region="kreis", industry="wz", value="emp")


def test_parquet_integer_keys(tmp_path: Path):
    path = tmp_path / "lost.parquet"
    pd.DataFrame({"kreis": [1001, 16077], "wz": ["C", "C"], "emp": [5, 7]}).to_parquet(path)
    with pytest.raises(InputError, match="leading zeros were lost"):
        read_table(path, region="kreis", industry="wz", value="emp")
    df = read_table(path, region="kreis", industry="wz", value="emp", key_width={"region": 5})
    assert df["region"].tolist() == ["01001", "16077"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(
        st.tuples(
            st.from_regex(r"0[0-9]{4}", fullmatch=True),
            st.sampled_from(["01.11", "C", "B-E", "011111"]),
            st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda t: (t[0], t[1]),
    ),
    order=st.randoms(use_true_random=False),
)
def test_csv_round_trip_keeps_keys_in_any_row_order(tmp_path: Path, data, order):
    frame = pd.DataFrame(data, columns=["kreis", "wz", "emp"])
    path = tmp_path / "round.csv"
    frame.to_csv(path, index=False)
    df = read_table(path, region="kreis", industry="wz", value="emp")
    assert df["region"].tolist() == frame["kreis"].tolist()
    assert df["industry"].tolist() == frame["wz"].tolist()
    np.testing.assert_array_equal(df["value"], frame["emp"].astype(float))
    assert df["suppressed"].tolist() == frame["emp"].isna().tolist()
    shuffled = frame.sample(frac=1, random_state=order.randint(0, 10**6))
    shuffled.to_csv(path, index=False)
    again = read_table(path, region="kreis", industry="wz", value="emp")
    key = ["region", "industry"]
    pd.testing.assert_frame_equal(
        again.sort_values(key).reset_index(drop=True), df.sort_values(key).reset_index(drop=True)
    )


def test_read_panel_dispatch(tmp_path: Path):
    path = write(tmp_path, "employees.csv", GERMAN)
    options = dict(MAPPING, decimal=",", missing=("", "*"))
    pd.testing.assert_frame_equal(read_panel(path, **options), read_table(path, **options))
    assert sorted(READERS) == ["ba", "cbp", "eurostat", "genesis", "table"]
    with pytest.raises(InputError, match="reader: expected one of .* got 'excel'"):
        read_panel(path, reader="excel")
    with pytest.raises(InputError, match="reader 'table' takes no option 'value_column'"):
        read_panel(path, **options, value_column=1)


# --------------------------------------------------------------- failure paths
def test_missing_column_in_the_mapping(tmp_path: Path):
    path = write(tmp_path, "employees.csv", GERMAN)
    with pytest.raises(InputError, match=r"value: column 'emp' is not in employees.csv; its col"):
        read_table(path, region="Kreis", industry="WZ", value="emp")
    with pytest.raises(InputError, match=r"period: column 'year' is not in"):
        read_table(path, **MAPPING, period="year", decimal=",", missing=("*",))
    parquet = tmp_path / "employees.parquet"
    pd.DataFrame({"Kreis": ["08111"], "WZ": ["C"]}).to_parquet(parquet)
    with pytest.raises(InputError, match=r"value: column 'Beschäftigte' is not in"):
        read_table(parquet, **MAPPING)


def test_bad_value_names_line_and_column(tmp_path: Path):
    path = write(tmp_path, "employees.csv", GERMAN)
    with pytest.raises(
        InputError,
        match=r"employees.csv, line 4, column 5 \(Beschäftigte\): expected a number .* got '\*'",
    ):
        read_table(path, **MAPPING, decimal=",")
    with pytest.raises(InputError, match=r"line 2, column 5 .* got '1.234,5'"):
        read_table(path, **MAPPING, missing=("*",))
    book = workbook(tmp_path, [["kreis", "wz", "emp"], ["08111", "C", 5], ["08115", "C", "abc"]])
    with pytest.raises(InputError, match=r"sheet 'Daten', row 3, column C \(emp\): expected"):
        read_table(book, region="kreis", industry="wz", value="emp")


def test_cut_file_duplicates_and_empty_keys(tmp_path: Path):
    cut = write(tmp_path, "cut.csv", GERMAN.rsplit(";", 3)[0])
    with pytest.raises(InputError, match=r"cut.csv, line 5: expected 6 fields separated by ';'"):
        read_table(cut, **MAPPING, decimal=",", missing=("", "*"))
    twice = write(tmp_path, "twice.csv", GERMAN + GERMAN.splitlines()[1] + "\n")
    with pytest.raises(InputError, match="twice.csv: 2 rows share the same key"):
        read_table(twice, **MAPPING, decimal=",", missing=("", "*"))
    empty_key = write(tmp_path, "empty.csv", "kreis,wz,emp\n08111,,5\n")
    with pytest.raises(InputError, match=r"empty.csv, line 2, column 2 \(wz\): expected a key"):
        read_table(empty_key, region="kreis", industry="wz", value="emp")
    negative = write(tmp_path, "negative.csv", "kreis,wz,emp\n08111,C,-5\n")
    with pytest.raises(InputError, match="must be non-negative"):
        read_table(negative, region="kreis", industry="wz", value="emp")
    header_only = write(tmp_path, "header.csv", "kreis,wz,emp\n")
    with pytest.raises(InputError, match="header.csv: no data rows"):
        read_table(header_only, region="kreis", industry="wz", value="emp")
    quoted = write(tmp_path, "quoted.csv", 'kreis,wz,emp\n08111,"C,5\n')
    with pytest.raises(InputError, match="quoted.csv: cannot read as CSV"):
        read_table(quoted, region="kreis", industry="wz", value="emp")


def test_wrong_encoding_format_and_sheet(tmp_path: Path):
    path = write(tmp_path, "employees.csv", GERMAN, encoding="cp1252")
    with pytest.raises(InputError, match=r"line 1, column 30: the bytes b'\\xe4' are not valid"):
        read_table(path, **MAPPING, encoding="utf-8")
    with pytest.raises(InputError, match=r"cannot tell the format of employees.ods"):
        read_table(tmp_path / "employees.ods", **MAPPING)
    book = workbook(tmp_path, [["kreis", "wz", "emp"], ["08111", "C", 5]])
    with pytest.raises(InputError, match=r"sheet: 'Tabelle1' is not a sheet .* \['Daten'\]"):
        read_table(book, region="kreis", industry="wz", value="emp", sheet="Tabelle1")
    fake = write(tmp_path, "fake.xlsx", "kreis,wz,emp\n")
    with pytest.raises(InputError, match="fake.xlsx: not a readable XLSX workbook"):
        read_table(fake, region="kreis", industry="wz", value="emp")
    fake = write(tmp_path, "fake.parquet", "kreis,wz,emp\n")
    with pytest.raises(InputError, match="fake.parquet: not a readable Parquet file"):
        read_table(fake, region="kreis", industry="wz", value="emp")
    with pytest.raises(InputError, match="decimal: expected one of"):
        read_table(path, **MAPPING, decimal=";")
    with pytest.raises(InputError, match="key_width: expected one of"):
        read_table(path, **MAPPING, key_width={"kreis": 5})
