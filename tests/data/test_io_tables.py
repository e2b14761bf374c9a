"""Readers of input-output tables: hand-made fixtures in every layout and the shared tables.

Values "read by eye" below were looked up in the raw files (line numbers in the comments).
Balance tolerances are explicit per table: the published tables are integer-rounded.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.io_tables import (
    IO_FORMATS,
    NEGATIVE_FLOWS_ADJUSTMENT,
    NOT_VALUE_ADDED,
    read_io_generic,
    read_io_table,
)
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.valuechain.table import IOTable

FILES = Path(__file__).parent / "files" / "io"

# The hand-made 3-sector table of generic_3x3.csv and naio_10_cp1700_sample.tsv (DE, 2019).
Z3 = np.array([[10, 40, 5], [20, 200, 30], [5, 60, 40]], dtype=float)
X3 = np.array([100, 700, 300], dtype=float)
VA3 = {
    "imports": [8, 90, 20],
    "taxes_on_products": [2, 10, 5],
    "compensation": [20, 180, 120],
    "other_taxes_on_production": [-3, 5, 5],
    "operating_surplus": [38, 115, 75],
}


def row_balance(table: IOTable) -> np.ndarray:
    return table.intermediate.sum(axis=1) + table.final_demand.to_numpy().sum(axis=1) - table.output


def column_balance(table: IOTable) -> np.ndarray:
    inputs = table.intermediate.sum(axis=0) + table.value_added.to_numpy().sum(axis=0)
    return inputs - table.output


def gross_value_added(table: IOTable) -> np.ndarray:
    return table.value_added.drop(index=list(NOT_VALUE_ADDED), errors="ignore").sum().to_numpy()


def check_three_sectors(table: IOTable) -> None:
    assert list(table.sectors) == ["CPA_A", "CPA_C", "CPA_G"]
    np.testing.assert_array_equal(table.intermediate, Z3)
    np.testing.assert_array_equal(table.output, X3)
    for label, values in VA3.items():
        np.testing.assert_array_equal(table.value_added.loc[label].to_numpy(), values)
    np.testing.assert_array_equal(table.compensation, [20, 180, 120])
    np.testing.assert_array_equal(table.household_consumption, [30, 100, 150])
    np.testing.assert_array_equal(gross_value_added(table), [55, 300, 200])
    assert np.abs(row_balance(table)).max() == 0
    assert np.abs(column_balance(table)).max() == 0


# --- generic layout -----------------------------------------------------------------------


def test_generic_csv_reads_the_hand_made_table():
    table = read_io_table(FILES / "generic_3x3.csv")
    check_three_sectors(table)
    assert list(table.final_demand.columns) == [
        "households",
        "government",
        "gfcf",
        "inventories",
        "exports",
    ]
    assert table.final_demand.loc["CPA_A", "inventories"] == -2
    np.testing.assert_array_equal(table.employment, [5, 12, 9])
    assert table.name("CPA_A") == "Agriculture, forestry and fishing"
    assert table.provenance.reader == "io_generic"
    assert len(table.provenance.sha256) == 64


def test_generic_xlsx_and_german_csv_give_the_same_table(tmp_path: Path):
    grid = pd.read_csv(FILES / "generic_3x3.csv", dtype=str, keep_default_na=False, header=None)
    xlsx = tmp_path / "table.xlsx"
    grid.to_excel(xlsx, sheet_name="IOT", header=False, index=False)
    check_three_sectors(read_io_table(xlsx, sheet="IOT"))
    german = tmp_path / "table.csv"
    text = (FILES / "generic_3x3.csv").read_text(encoding="utf-8")
    german.write_text(text.replace('"Operating surplus and mixed income, gross"', "OS"), "utf-8")
    semicolon = tmp_path / "semicolon.csv"
    semicolon.write_text(german.read_text().replace(",", ";"), encoding="utf-8")
    check_three_sectors(read_io_table(semicolon, sep=";", decimal=","))


def test_generic_rows_in_another_order_are_aligned_to_the_columns(tmp_path: Path):
    lines = (FILES / "generic_3x3.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "shuffled.csv"
    path.write_text("\n".join([lines[0], lines[3], lines[1], *lines[4:], lines[2]]) + "\n")
    check_three_sectors(read_io_table(path))


def test_unbalanced_row_names_the_sector():
    with pytest.raises(InputError, match=r"generic_unbalanced_row.csv: .*row of sector 'CPA_C'"):
        read_io_table(FILES / "generic_unbalanced_row.csv")


def test_unbalanced_column_names_the_sector():
    with pytest.raises(InputError, match=r"does not balance: column of sector 'CPA_G'.*10\.00%"):
        read_io_table(FILES / "generic_unbalanced_column.csv")
    # accepted when the tolerance is wider than the 10 % imbalance
    read_io_table(FILES / "generic_unbalanced_column.csv", tolerance=0.11)


def test_negative_intermediate_flow_names_both_sectors():
    with pytest.raises(InputError, match=r"negative flow -60 from sector 'CPA_G' to 'CPA_C'"):
        read_io_table(FILES / "generic_negative_flow.csv")


def test_bad_number_names_line_and_column():
    with pytest.raises(InputError, match=r"generic_bad_number.csv, line 3, column 4 \(CPA_C\)"):
        read_io_table(FILES / "generic_bad_number.csv")


def test_missing_file_unknown_format_and_option():
    with pytest.raises(InputError, match="file not found: .*nowhere.csv"):
        read_io_table(FILES / "nowhere.csv", format="ons")
    with pytest.raises(InputError, match=r"format: expected one of \['generic', .*got 'csv'"):
        read_io_table(FILES / "generic_3x3.csv", format="csv")
    with pytest.raises(InputError, match="format 'generic' takes no option 'geo'"):
        read_io_table(FILES / "generic_3x3.csv", geo="DE")
    assert set(IO_FORMATS) == {
        "generic",
        "naio",
        "destatis",
        "eurostat_manual",
        "bea",
        "ons",
        "wiod",
    }


def test_wrong_format_is_refused(shared: Path):
    data = shared / "data"
    with pytest.raises(InputError, match="line 81, column 1: row label '111CA' appears twice"):
        read_io_generic(data / "io_us_2017_summary_use.csv")
    with pytest.raises(InputError, match="no sector found"):
        read_io_generic(data / "io_de_1995_eurostat_manual.csv")
    with pytest.raises(InputError, match="not the ONS .long. layout: missing column"):
        read_io_table(FILES / "generic_3x3.csv", format="ons")
    with pytest.raises(InputError, match="not the Destatis layout"):
        read_io_table(FILES / "generic_3x3.csv", format="destatis")
    with pytest.raises(InputError, match="line 1, column 1: expected a Eurostat TSV header"):
        read_io_table(FILES / "generic_3x3.csv", format="naio")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        read_io_table(FILES / "generic_3x3.csv", format="wiod")
    with pytest.raises(InputError, match="not the Eurostat-manual .iotables. layout"):
        read_io_table(data / "io_uk_2010_iot.csv", format="eurostat_manual")


# --- Eurostat naio_10 ------------------------------------------------------------------------


def test_naio_reads_domestic_flows_and_imports():
    path = FILES / "naio_10_cp1700_sample.tsv"
    table = read_io_table(path, format="naio", geo="DE", time=2019)
    check_three_sectors(table)
    assert list(table.final_demand.columns) == ["P3_S13", "P3_S14", "P51G", "P52", "P6"]
    assert table.unit == "million EUR"
    assert table.provenance.details["credit"] == "© European Union, Eurostat, CC BY 4.0"
    # 2020 holds twice the 2019 values (flag p), Austria three times
    np.testing.assert_array_equal(
        read_io_table(path, format="naio", geo="DE", time="2020").intermediate, 2 * Z3
    )
    np.testing.assert_array_equal(
        read_io_table(path, format="naio", geo="AT", time=2020).output, 3 * X3
    )


def test_naio_flows_must_be_in_the_file():
    path = FILES / "naio_10_cp1700_sample.tsv"
    with pytest.raises(InputError, match="no product rows .* for stk_flow=TOTAL"):
        read_io_table(path, format="naio", geo="DE", time=2019, stk_flow="TOTAL")
    with pytest.raises(InputError, match=r"stk_flow: 'X' not in .*\['DOM', 'IMP', 'TOTAL'\]"):
        read_io_table(path, format="naio", geo="DE", time=2019, stk_flow="X")


def test_naio_failures(tmp_path: Path):
    path = FILES / "naio_10_cp1700_sample.tsv"
    with pytest.raises(InputError, match=r"time: .* several, choose one of \['2019', '2020'\]"):
        read_io_table(path, format="naio", geo="DE")
    with pytest.raises(InputError, match=r"geo: 'FR' not in"):
        read_io_table(path, format="naio", geo="FR", time=2019)
    text = path.read_text(encoding="utf-8")
    broken = tmp_path / "naio_broken.tsv.gz"
    broken.write_bytes(
        gzip.compress(
            text.replace(
                "A,MIO_EUR,DOM,CPA_C,CPA_G,DE\t60 ", "A,MIO_EUR,DOM,CPA_C,CPA_G,DE\t: c"
            ).encode()
        )
    )
    with pytest.raises(
        InputError, match=r"naio_broken.tsv.gz, line \d+, column 2 \(2019\): expected a number"
    ):
        read_io_table(broken, format="naio", geo="DE", time=2019)


# --- Destatis layout and the Eurostat manual (the same table) ----------------------------------


def test_destatis_layout_gives_the_eurostat_manual_table(shared: Path):
    manual = read_io_table(
        shared / "data" / "io_de_1995_eurostat_manual.csv", format="eurostat_manual"
    )
    destatis = read_io_table(FILES / "destatis_iot_1995.csv", format="destatis")
    np.testing.assert_array_equal(destatis.intermediate, manual.intermediate)
    np.testing.assert_array_equal(destatis.final_demand.to_numpy(), manual.final_demand.to_numpy())
    np.testing.assert_array_equal(destatis.output, manual.output)
    np.testing.assert_array_equal(destatis.value_added.to_numpy(), manual.value_added.to_numpy())
    assert list(destatis.value_added.index) == list(manual.value_added.index)
    np.testing.assert_array_equal(destatis.employment, manual.employment)
    assert list(destatis.sectors) == ["A", "B-E", "F", "G-I", "J-N", "O-T"]
    assert destatis.name("F") == "Bauarbeiten"
    assert (destatis.unit, destatis.employment_unit) == ("million EUR", "thousand persons")
    assert destatis.provenance.details["credit"].startswith("Quelle: Eurostat, Manual")
    assert destatis.provenance.details["encoding"] == "iso-8859-1"
    np.testing.assert_array_equal(
        destatis.household_consumption, manual.final_demand["final_consumption_households"]
    )


def test_destatis_failures(tmp_path: Path):
    text = (FILES / "destatis_iot_1995.csv").read_text(encoding="iso-8859-1")
    unknown = tmp_path / "unknown_row.csv"
    unknown.write_text(text.replace("Abschreibungen", "Subventionen"), encoding="iso-8859-1")
    with pytest.raises(InputError, match=r"line 19, column 2: unknown row label 'Subventionen'"):
        read_io_table(unknown, format="destatis")
    secret = tmp_path / "secret.csv"
    secret.write_text(text.replace(";3875,0;", ";.;"), encoding="iso-8859-1")
    with pytest.raises(InputError, match=r"line 10, column 6 \(F\): expected a number, got '\.'"):
        read_io_table(secret, format="destatis")
    unbalanced = tmp_path / "unbalanced.csv"
    unbalanced.write_text(text.replace("8500,0", "18500,0"), encoding="iso-8859-1")
    with pytest.raises(InputError, match="row of sector 'A'"):
        read_io_table(unbalanced, format="destatis")


def test_eurostat_manual_values_read_by_eye(shared: Path):
    table = read_io_table(
        shared / "data" / "io_de_1995_eurostat_manual.csv", format="eurostat_manual"
    )
    assert table.intermediate.shape == (6, 6)
    assert table.final_demand.shape == (6, 5)
    codes = list(table.sectors)
    assert codes == ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]
    assert table.intermediate[codes.index("CPA_B-E"), codes.index("CPA_A")] == 7930  # line 3
    assert table.intermediate[codes.index("CPA_J-N"), codes.index("CPA_J-N")] == 193176  # line 6
    assert table.final_demand.loc["CPA_A", "inventory_change"] == -6  # line 2
    np.testing.assert_array_equal(table.output, [43910, 1079446, 245606, 540063, 692487, 508918])
    assert table.value_added.loc["imports", "CPA_B-E"] == 156703  # line 9, P7
    np.testing.assert_array_equal(
        gross_value_added(table), [21664, 395022, 115624, 311407, 415426, 365017]
    )
    np.testing.assert_array_equal(table.employment, [1096, 8381, 3236, 9251, 4258, 10206])
    np.testing.assert_array_equal(table.compensation, [9382, 296464, 78819, 214450, 124810, 272975])
    # rows balance up to the manual's rounding (B-E: row total 1,079,400 vs output 1,079,446)
    assert np.abs(row_balance(table) / table.output).max() < 5e-5
    assert np.abs(column_balance(table)).max() == 0


# --- BEA, ONS, WIOD -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bea(shared: Path) -> IOTable:
    with pytest.warns(DataQualityWarning, match=r"13 negative intermediate flow\(s\).*'Used'"):
        return read_io_table(shared / "data" / "io_us_2017_summary_use.csv", format="bea")


def test_bea_commodity_by_commodity_table(bea: IOTable):
    assert bea.intermediate.shape == (73, 73)
    assert bea.final_demand.shape == (73, 21)  # 20 BEA columns + the negative-flows adjustment
    assert (bea.intermediate >= 0).all()
    k = list(bea.sectors).index("111CA")
    assert bea.output[k] == 388317  # make line 73 and use line 7349: Total Commodity Output
    assert bea.final_demand.loc["111CA", "F010"] == 82432  # use line 5690
    assert bea.name("111CA") == "Farms"
    # industry technology keeps each commodity's intermediate sales: use line 5611
    z_row = bea.intermediate[k].sum() + bea.final_demand.loc["111CA", NEGATIVE_FLOWS_ADJUSTMENT]
    assert z_row == pytest.approx(301737, abs=5)  # the file's totals are rounded (README: ≤ 5)
    # rows balance within BEA's rounding (≤ 5 million USD), columns to machine precision
    assert np.abs(row_balance(bea)).max() <= 5
    assert np.abs(column_balance(bea) / bea.output).max() <= 1e-3
    # value added is redistributed over commodities, its total unchanged (use: Total Value Added)
    assert gross_value_added(bea).sum() == pytest.approx(
        bea.value_added.drop(NEGATIVE_FLOWS_ADJUSTMENT).to_numpy().sum()
    )
    assert bea.provenance.details["credit"] == "US Bureau of Economic Analysis, public domain"


def test_bea_negative_flows_as_error(shared: Path, tmp_path: Path):
    use = shared / "data" / "io_us_2017_summary_use.csv"
    with pytest.raises(InputError, match=r"negative flow -184\.97 from sector '111CA' to 'GFGN'"):
        read_io_table(use, format="bea", negative_flows="error")
    with pytest.raises(InputError, match="make: .* give the Make table as make="):
        copy = tmp_path / "table.csv"
        copy.write_bytes(use.read_bytes())
        read_io_table(copy, format="bea")


def test_ons_product_table(shared: Path):
    table = read_io_table(shared / "data" / "io_uk_2010_iot.csv", format="ons")
    assert table.intermediate.shape == (127, 127)
    assert table.final_demand.shape == (127, 9)
    assert table.intermediate[0, 0] == pytest.approx(2082.49967)  # line 2
    assert table.output[0] == 21182
    assert table.value_added.loc["compensation", "01"] == pytest.approx(3694.145985)
    assert table.sectors[0] == "01" and "NPISH_94" in table.sectors
    assert np.abs(row_balance(table) / table.output).max() < 1e-9
    assert np.abs(column_balance(table) / table.output).max() < 1e-9
    assert table.employment is None and table.compensation is not None


def test_wiod_world_table(shared: Path):
    table = read_io_table(shared / "data" / "io_wiod_2011.parquet", format="wiod")
    assert table.intermediate.shape == (1435, 1435)
    assert table.final_demand.shape == (1435, 205)
    assert table.kind == "industry"
    assert table.sectors[0] == "AUS_c1" and table.sectors[-1] == "RoW_c35"
    assert table.intermediate[0, :2].tolist() == [8732, 93]
    assert table.final_demand.loc["AUS_c1", "AUS_c37"] == 16969
    # output = row sums, within the rounding of the published output (76,834 for AUS_c1)
    assert abs(table.output[0] - 76834) <= 108
    assert table.provenance.details["max_abs_difference_to_published_output"] <= 108
    assert np.abs(column_balance(table)).max() < 1e-6
    # 22 sectors publish output 0; their row sums are 0 or -1 (rounded inventories), no inputs
    idle = table.output <= 0
    assert idle.sum() == 22 and table.output.min() == -1
    assert table.intermediate[:, idle].sum() == 0
    with pytest.raises(InputError, match=r"row of sector '\w+_c\d+'.*rounding allowance 0"):
        read_io_table(
            shared / "data" / "io_wiod_2011.parquet", format="wiod", rounding=0, tolerance=0
        )
