"""``clusterdialog valuechain`` end to end: files, columns, peer values, report and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from typer.testing import CliRunner

from clusterdialog.cli import app

runner = CliRunner()
TABLE_FILES = {
    "coefficients.csv",
    "leontief.csv",
    "output_multipliers.csv",
    "linkages.csv",
    "report.html",
    "provenance.json",
}
MULTIPLIER_FILES = {"employment_multipliers.csv", "value_added_multipliers.csv"}
CLUSTER_FILES = {"value_chain.csv", "gaps.csv"}
GERMANY = "io_de_1995_eurostat_manual.csv"
GERMAN_SECTORS = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def external_references(html: str) -> list[str]:
    """src/href/url() values that point outside the file, and elements that load things."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", html)
    found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html)
    found += re.findall(r"@import", html)
    found += re.findall(r"<(?:script|link|img|iframe|object|embed)\b", html)
    return found


@pytest.fixture(scope="module")
def germany(shared: Path, tmp_path_factory) -> Path:
    """The README example without region: Germany 1995, six product groups."""
    out = tmp_path_factory.mktemp("germany")
    result = run("valuechain", shared / "data" / GERMANY, "--format", "eurostat_manual",
                 "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def definition(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("definition") / "clusters.csv"
    path.write_text(
        "industry,cluster,cluster_name\nCPA_B-E,industry,Industrie\nCPA_F,construction,Bau\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def stuttgart(shared: Path, definition: Path, tmp_path_factory) -> tuple[Path, object]:
    """Germany 1995 regionalised for Stuttgart with the demo Kreis panel, cluster Industrie."""
    out = tmp_path_factory.mktemp("stuttgart")
    result = run(
        "valuechain", shared / "data" / GERMANY, "--format", "eurostat_manual",
        "--employment", "demo:kreise-wz", "--region", "08111", "--method", "flq",
        "--delta", "0.3", "--cluster-definition", definition, "--cluster", "industry",
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, result


def test_germany_writes_the_listed_files(germany: Path) -> None:
    assert {p.name for p in germany.iterdir()} == TABLE_FILES | MULTIPLIER_FILES


def test_germany_matrices_are_wide_and_consistent(germany: Path) -> None:
    a = pd.read_csv(germany / "coefficients.csv", index_col="sector")
    inverse = pd.read_csv(germany / "leontief.csv", index_col="sector")
    assert list(a.index) == list(a.columns) == GERMAN_SECTORS
    assert list(inverse.index) == list(inverse.columns) == GERMAN_SECTORS
    # L (I − A) = I: the two files belong together
    assert_allclose(inverse.to_numpy() @ (np.eye(6) - a.to_numpy()), np.eye(6), atol=1e-12)
    # a_ij = z_ij / x_j read by eye from the file: 25480 / 1079446 (CPA_A into CPA_B-E)
    assert a.loc["CPA_A", "CPA_B-E"] == pytest.approx(25480 / 1079446, rel=1e-12)


def test_germany_multiplier_and_linkage_columns(germany: Path) -> None:
    output = pd.read_csv(germany / "output_multipliers.csv")
    assert list(output.columns) == ["sector", "value", "type_ii"]
    inverse = pd.read_csv(germany / "leontief.csv", index_col="sector")
    assert_allclose(output["value"], inverse.sum(axis=0).to_numpy(), rtol=1e-12)
    assert (output["type_ii"] > output["value"]).all()
    for name in MULTIPLIER_FILES:
        frame = pd.read_csv(germany / name)
        assert list(frame.columns[:4]) == ["sector", "direct", "effect", "value"]
        assert (frame["value"] >= 1).all()
    linkages = pd.read_csv(germany / "linkages.csv")
    assert list(linkages.columns) == ["sector", "backward", "forward", "key_sector"]
    assert linkages["backward"].mean() == pytest.approx(1.0, rel=1e-12)
    assert linkages["forward"].mean() == pytest.approx(1.0, rel=1e-12)
    assert (linkages["key_sector"] == (linkages["backward"] > 1) & (linkages["forward"] > 1)).all()


def test_germany_value_added_multiplier_leaves_out_imports(germany: Path) -> None:
    frame = pd.read_csv(germany / "value_added_multipliers.csv", index_col="sector")
    # gross value added of CPA_A (Table 15.4, row B1G) over its output
    assert frame.loc["CPA_A", "direct"] == pytest.approx(21664 / 43910, rel=1e-9)


def test_germany_provenance(germany: Path, shared: Path) -> None:
    info = json.loads((germany / "provenance.json").read_text(encoding="utf-8"))
    assert info["parameters"]["format"] == "eurostat_manual"
    assert info["sectors"] == 6
    assert len(info["input_sha256"]) == 64
    assert any("Eurostat" in line for line in info["credits"])


def test_germany_report_is_self_contained(germany: Path) -> None:
    html = (germany / "report.html").read_text(encoding="utf-8")
    assert external_references(html) == []
    assert html.count("<svg") == 1 and 'class="sankey"' in html
    assert "Input-Output-Analyse" in html and "Multiplikatoren" in html
    # German number format: the largest output multiplier, 1.841 in the file, as 1,841
    assert "1,841" in html


def test_miller_blair_through_the_generic_layout(reference: Path, tmp_path: Path) -> None:
    """Miller & Blair's table 2.3 as a generic CSV gives pymrio's values (tolerance 1e-12)."""
    table = tmp_path / "mb.csv"
    table.write_text("sector,sec1,sec2,final_demand\nsec1,150,500,350\nsec2,200,100,1700\n")
    out = tmp_path / "out"
    result = run("valuechain", table, "--out", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == TABLE_FILES
    peer = pd.read_csv(reference / "f_input_output" / "mb2009_multipliers_linkages.csv")
    output = pd.read_csv(out / "output_multipliers.csv")
    assert list(output.columns) == ["sector", "value"]
    assert_allclose(output["value"], peer["output_multiplier_colsum_L"], rtol=1e-12)
    linkages = pd.read_csv(out / "linkages.csv")
    assert_allclose(linkages["backward"], peer["BL_rasmussen_power_of_dispersion"], rtol=1e-12)
    assert_allclose(linkages["forward"], peer["FL_ghosh_normalised"], rtol=1e-12)
    for name in ("A", "L"):
        expected = pd.read_csv(reference / "f_input_output" / f"mb2009_{name}.csv", index_col=0)
        stem = "coefficients" if name == "A" else "leontief"
        got = pd.read_csv(out / f"{stem}.csv", index_col="sector")
        assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'lang="en"' in html and "Input-output analysis" in html


def test_stuttgart_cluster_files(stuttgart) -> None:
    out, result = stuttgart
    assert {p.name for p in out.iterdir()} == TABLE_FILES | MULTIPLIER_FILES | CLUSTER_FILES
    assert "wz-a10-cpa-a6" in result.output and "2020" in result.output
    chain = pd.read_csv(out / "value_chain.csv")
    for column in ("role", "rank", "sector", "direct", "total", "location_quotient"):
        assert column in chain.columns
    assert set(chain["role"]) == {"supplier", "customer"}
    assert "CPA_B-E" not in set(chain["sector"])
    gaps = pd.read_csv(out / "gaps.csv")
    assert {"sector", "explanation_de", "explanation_en"} <= set(gaps.columns)
    assert (gaps["location_quotient"] < 1).all() or (gaps["gap"] == "missing").any()


def test_stuttgart_regional_files_refer_to_the_regional_table(stuttgart, germany) -> None:
    out, _ = stuttgart
    regional = pd.read_csv(out / "output_multipliers.csv")
    national = pd.read_csv(germany / "output_multipliers.csv")
    assert list(regional.columns) == ["sector", "value"]  # no regional household data: type I
    assert (regional["value"] >= 1).all()
    assert (regional["value"] < national["value"]).all()  # the region imports part of its inputs
    info = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert info["parameters"]["region"] == "08111"
    assert info["parameters"]["cluster_sectors"] == ["CPA_B-E"]
    assert info["parameters"]["concordance"] == "wz-a10-cpa-a6"


def test_stuttgart_report(stuttgart) -> None:
    out, _ = stuttgart
    html = (out / "report.html").read_text(encoding="utf-8")
    assert external_references(html) == []
    assert "Wertschöpfungskette des Clusters Industrie (industry)" in html
    assert "Lücken in der regionalen Wertschöpfungskette" in html
    gaps = pd.read_csv(out / "gaps.csv")
    assert str(gaps["explanation_de"].iloc[0]) in html
    assert 'class="sankey"' in html and "Zulieferer" in html and "Abnehmer" in html


def test_cluster_without_region_writes_empty_gaps(shared: Path, definition, tmp_path) -> None:
    result = run("valuechain", shared / "data" / GERMANY, "--format", "eurostat_manual",
                 "--cluster-definition", definition, "--cluster", "construction",
                 "--out", tmp_path)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pd.read_csv(tmp_path / "gaps.csv").empty
    assert not pd.read_csv(tmp_path / "value_chain.csv").empty


def test_bea_table(shared: Path, tmp_path: Path) -> None:
    result = run("valuechain", shared / "data" / "io_us_2017_summary_use.csv", "--format", "bea",
                 "--out", tmp_path, "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert TABLE_FILES <= {p.name for p in tmp_path.iterdir()}
    output = pd.read_csv(tmp_path / "output_multipliers.csv", dtype={"sector": str})
    inverse = pd.read_csv(tmp_path / "leontief.csv", index_col="sector")
    assert len(output) == len(inverse) > 60
    values = output["value"].dropna()
    assert (values >= 1 - 1e-12).all()
    assert_allclose(values, inverse.sum(axis=0).to_numpy()[output["value"].notna()], rtol=1e-12)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert external_references(html) == []


def one_line_error(result) -> str:
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    return " ".join(lines)


def test_unbalanced_table_is_one_clear_line(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(
        "sector,A,B,households,output\nA,150,500,350,1000\nB,200,100,1700,2500\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("valuechain", table, "--out", out)
    message = one_line_error(result)
    assert "Fehler" in message and "'B'" in message and "balance" in message
    assert not any(out.glob("*.csv"))


def test_region_needs_employment(shared: Path, tmp_path: Path) -> None:
    result = run("valuechain", shared / "data" / GERMANY, "--format", "eurostat_manual",
                 "--region", "08111", "--out", tmp_path, "--lang", "en")  # fmt: skip
    assert "--region needs --employment" in one_line_error(result)


def test_unknown_cluster_names_the_choices(shared: Path, definition, tmp_path) -> None:
    result = run("valuechain", shared / "data" / GERMANY, "--format", "eurostat_manual",
                 "--cluster-definition", definition, "--cluster", "textiles",
                 "--out", tmp_path)  # fmt: skip
    message = one_line_error(result)
    assert "'textiles'" in message and "construction" in message


def test_missing_table_file(tmp_path: Path) -> None:
    result = run("valuechain", tmp_path / "nothing.csv", "--out", tmp_path / "out")
    assert "nothing.csv" in one_line_error(result)


def test_readme_example_on_bundled_data_equals_the_file_run(stuttgart, tmp_path: Path) -> None:
    """demo:de-1995 with --cluster naming the sector gives the same chain as the file run."""
    out = tmp_path / "wertschoepfung"
    result = run(
        "valuechain", "demo:de-1995", "--employment", "demo:kreise-wz", "--region", "08111",
        "--cluster", "CPA_B-E", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    expected, _ = stuttgart
    for name in ("value_chain.csv", "gaps.csv", "output_multipliers.csv", "linkages.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(out / name), pd.read_csv(expected / name))
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert any("Eurostat" in credit for credit in provenance["credits"])


def test_unknown_bundled_table(tmp_path: Path) -> None:
    result = run("valuechain", "demo:nope", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "demo:de-1995" in result.output
