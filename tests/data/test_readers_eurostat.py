"""Eurostat TSV reader on the real bulk file tour_occ_arn2 and hand-made old-style files."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterdialog.data.readers import read_eurostat, read_panel
from clusterdialog.errors import InputError

FILES = Path(__file__).parent / "files"
YEARS = list(range(1990, 2026))


@pytest.fixture(scope="module")
def bulk(shared: Path) -> Path:
    return shared / "data" / "samples" / "eurostat_tour_occ_arn2.tsv"


@pytest.fixture(scope="module")
def totals(bulk: Path) -> pd.DataFrame:
    return read_eurostat(bulk, filters={"c_resid": "TOTAL"})


def cell(df: pd.DataFrame, region: str, industry: str, period: object) -> pd.Series:
    mask = (df["region"] == region) & (df["industry"] == industry) & (df["period"] == period)
    rows = df.loc[mask]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_shape_matches_the_raw_lines(bulk: Path, totals: pd.DataFrame):
    lines = bulk.read_text(encoding="utf-8").splitlines()[1:]
    kept = [line for line in lines if line.split("\t")[0].split(",")[1] == "TOTAL"]
    assert len(totals) == len(kept) * len(YEARS)
    cells = [c.strip() for line in kept for c in line.split("\t")[1:]]
    assert int(totals["suppressed"].sum()) == sum(c.startswith(":") for c in cells)
    assert int((totals["flag"] == "@C").sum()) == sum(c.endswith("@C") for c in cells)
    assert int((totals["flag"] == "e").sum()) == sum(c.endswith(" e") for c in cells)
    assert totals.columns.tolist() == [
        "region",
        "region_level",
        "industry",
        "period",
        "value",
        "suppressed",
        "flag",
        "freq",
        "c_resid",
        "unit",
    ]
    assert sorted(totals["period"].unique()) == YEARS
    provenance = totals.attrs["provenance"]
    assert provenance.table == "tour_occ_arn2"
    assert provenance.details["credit"] == "© European Union, Eurostat, CC BY 4.0"
    assert provenance.details["fixed_dimensions"] == {"freq": "A", "c_resid": "TOTAL", "unit": "NR"}
    assert provenance.details["time_dimension"] == "TIME_PERIOD"


def test_values_and_flags_read_by_eye(bulk: Path, totals: pd.DataFrame):
    # A,TOTAL,NR,I551,DE1: 2018 "18182328 ", 2020 "9273727 ", 2025 ": "
    assert cell(totals, "DE1", "I551", 2018)["value"] == 18182328
    assert cell(totals, "DE1", "I551", 2020)["value"] == 9273727
    missing = cell(totals, "DE1", "I551", 2025)
    assert np.isnan(missing["value"]) and missing["suppressed"] and missing["flag"] is None
    assert cell(totals, "DE", "I551-I553", 2019)["value"] == 185121042
    domestic = read_eurostat(bulk, filters={"c_resid": "DOM", "geo": "AL"})
    # A,DOM,NR,I551,AL: 2018 "420931 e", 2024 "919048 "
    estimated = cell(domestic, "AL", "I551", 2018)
    assert estimated["value"] == 420931 and estimated["flag"] == "e"
    assert not estimated["suppressed"]
    assert cell(domestic, "AL", "I551", 2024)["flag"] is None
    foreign = read_eurostat(bulk, filters={"c_resid": ["FOR"], "geo": "PT17"})
    # A,FOR,NR,I553,PT17: 2022 "112645 @C": a published value with the confidentiality flag
    confidential = cell(foreign, "PT17", "I553", 2022)
    assert confidential["value"] == 112645 and confidential["flag"] == "@C"
    assert not confidential["suppressed"]


def test_region_levels_and_period_selection(bulk: Path):
    nuts2 = read_eurostat(bulk, filters={"c_resid": "TOTAL"}, levels=2, periods=[2019, 2020])
    assert nuts2["region"].str.len().eq(4).all()
    assert sorted(nuts2["period"].unique()) == [2019, 2020]
    every = read_eurostat(bulk, filters={"c_resid": "TOTAL", "nace_r2": "I551"}, periods=[2019])
    levels = every.set_index("region")["region_level"]
    assert levels["DE"] == 0 and levels["DE1"] == 1 and levels["DE11"] == 2
    assert pd.isna(levels["EU27_2020"]) and pd.isna(levels["EA20"]) and pd.isna(levels["EA"])


def test_old_style_geo_time_file():
    df = read_eurostat(FILES / "eurostat_old_geo_time.tsv")
    assert df.attrs["provenance"].details["time_dimension"] == "time"
    assert df.attrs["provenance"].table == "old_geo_time"  # prefixes estat_, eurostat_ dropped
    assert len(df) == 5 * 3
    assert cell(df, "DE1", "I551", 2019)[["value", "flag"]].tolist() == [1520.5, "p"]
    assert cell(df, "DE1", "I551", 2018)["flag"] is None
    secret = cell(df, "DE2", "I551", 2019)
    assert secret["suppressed"] and secret["flag"] == "c" and np.isnan(secret["value"])
    assert cell(df, "DE2", "I551", 2017)[["value", "flag"]].tolist() == [2105, "be"]
    assert cell(df, "DE2", "I552", 2019)["value"] == 0
    assert df["unit"].unique().tolist() == ["NR"]
    assert cell(df, "DE", "I551", 2019)["region_level"] == 0


def test_gzip_file_and_dispatch(tmp_path: Path):
    path = tmp_path / "estat_small.tsv.gz"
    path.write_bytes(gzip.compress((FILES / "eurostat_old_geo_time.tsv").read_bytes()))
    df = read_panel(path, reader="eurostat")
    assert df.attrs["provenance"].table == "small"
    plain = read_eurostat(FILES / "eurostat_old_geo_time.tsv")
    pd.testing.assert_frame_equal(df, plain)


def test_other_industry_dimension(tmp_path: Path):
    path = tmp_path / "lfs.tsv"
    path.write_text("unit,isco08,geo\\TIME_PERIOD\t2020 \nTHS,OC1,DE\t12.5 \nTHS,OC2,DE\t7 \n")
    with pytest.raises(InputError, match="industry_dim: lfs.tsv has no nace_r2 dimension"):
        read_eurostat(path)
    df = read_eurostat(path, industry_dim="isco08")
    assert df["industry"].tolist() == ["OC1", "OC2"] and df["value"].tolist() == [12.5, 7.0]


# --------------------------------------------------------------- failure paths
def test_several_codes_left_in_a_dimension(bulk: Path):
    with pytest.raises(InputError, match=r"dimension 'c_resid' has several codes \['DOM'"):
        read_eurostat(bulk)


def test_bad_cell_names_line_and_column():
    with pytest.raises(
        InputError,
        match=r"eurostat_bad_cell.tsv, line 3, column 3 \(2018\): expected a number .* got '12,5'",
    ):
        read_eurostat(FILES / "eurostat_bad_cell.tsv")


def test_malformed_files(tmp_path: Path):
    path = tmp_path / "broken.tsv"
    path.write_text("unit,geo\t2019\nNR,DE\t1\n")
    with pytest.raises(InputError, match=r"broken.tsv, line 1, column 1: expected a Eurostat"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \t2018 \nNR,I551,DE1\t1 \nNR,I551,DE2\t1 \t2 \n")
    with pytest.raises(InputError, match=r"line 2: expected 3 tab-separated fields .* got 2"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \nNR,I551\t1 \n")
    with pytest.raises(InputError, match=r"line 2, column 1: expected 3 comma-separated codes"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \nNR,I551,DE1\t1 \nNR,I551,DE1\t2 \n")
    with pytest.raises(InputError, match="broken.tsv: 2 rows share the same key"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \nNR,I551,DE1\t-4 \n")
    with pytest.raises(InputError, match="must be non-negative"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \t2019 \nNR,I551,DE1\t1 \t2 \n")
    with pytest.raises(InputError, match="expected distinct period labels"):
        read_eurostat(path)
    path.write_text("unit,nace_r2,geo\\time\t2019 \n")
    with pytest.raises(InputError, match="no data lines"):
        read_eurostat(path)
    bad_gzip = tmp_path / "x.tsv.gz"
    bad_gzip.write_bytes(b"not gzip")
    with pytest.raises(InputError, match="not a readable gzip file"):
        read_eurostat(bad_gzip)


def test_bad_options():
    path = FILES / "eurostat_old_geo_time.tsv"
    with pytest.raises(InputError, match=r"filters: 'c_resid' is not a dimension"):
        read_eurostat(path, filters={"c_resid": "TOTAL"})
    with pytest.raises(InputError, match=r"filters: nace_r2=\['I559'\] not in"):
        read_eurostat(path, filters={"nace_r2": ["I551", "I559"]})
    with pytest.raises(InputError, match=r"periods: \['2030'\] not in"):
        read_eurostat(path, periods=[2030])
    with pytest.raises(InputError, match="region_dim: 'nuts' is not a dimension"):
        read_eurostat(path, region_dim="nuts")
    with pytest.raises(InputError, match="no rows .* are left after filtering"):
        read_eurostat(path, levels=3)
