"""The command line: the analysis demo, the measures command, its files and its errors.

The platform demo (``clusterdialog demo``) is tested in tests/web/test_platform_cli.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from clusterdialog.cli import app
from clusterdialog.datasets import load_bw_occupations
from clusterdialog.measures import location_quotient

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_readme_gives_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "uv run clusterdialog demo" in readme
    assert "uv run pytest" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "uv run pytest" in ci


def test_analysis_demo_writes_the_suite_and_summarises(tmp_path: Path):
    result = run("analysis-demo", "--out", tmp_path / "demo", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Strongest specialisations" in result.output
    assert "© Statistik der Bundesagentur für Arbeit" in result.output
    names = {p.name for p in (tmp_path / "demo").iterdir()}
    for expected in (
        "location_quotient.csv",
        "krugman_index.csv",
        "herfindahl.csv",
        "locational_gini.csv",
        "hoover_index.csv",
        "theil.csv",
        "relatedness_density.csv",
        "eci.csv",
        "pci.csv",
        "provenance.json",
    ):
        assert expected in names
    # the file holds what the library computes, keys with leading zeros
    lq = pd.read_csv(
        tmp_path / "demo" / "location_quotient.csv", dtype={"region": str, "industry": str}
    )
    assert lq.columns.tolist() == ["region", "industry", "value"]
    assert lq["region"].str.fullmatch(r"08\d{3}").all()
    with pytest.warns(Warning):
        direct = location_quotient(
            load_bw_occupations(), industry="occupation", value="employees", suppressed="zero"
        )
    merged = lq.merge(
        direct.astype({"region": str, "occupation": str}),
        left_on=["region", "industry"],
        right_on=["region", "occupation"],
    )
    assert len(merged) == len(lq) == 44 * 141
    np.testing.assert_allclose(merged["value_x"], merged["value_y"], rtol=1e-12)
    provenance = json.loads((tmp_path / "demo" / "provenance.json").read_text())
    assert provenance["suppressed"] == "zero"
    assert "181 suppressed" in " ".join(provenance["notes"])


def test_analysis_demo_speaks_german_by_default(tmp_path: Path):
    result = run("analysis-demo", "--out", tmp_path)
    assert result.exit_code == 0
    assert "Stärkste Spezialisierungen" in result.output
    # German decimal comma in the summary
    assert re.search(r"│\s+\d+,\d\d │", result.output)


def write_table(tmp_path: Path) -> Path:
    path = tmp_path / "employment.csv"
    pd.DataFrame(
        {
            "kreis": ["08111", "08111", "08115", "08115", "08116", "08116"] * 2,
            "wz": ["C", "F"] * 6,
            "jahr": [2019] * 6 + [2020] * 6,
            "beschaeftigte": [100, 20, 50, 50, 10, 90, 110, 25, 55, 45, 12, 95],
        }
    ).to_csv(path, index=False)
    return path


def test_measures_on_a_generic_table_with_periods_and_xlsx(tmp_path: Path):
    path = write_table(tmp_path)
    out = tmp_path / "out"
    result = run(
        "measures",
        path,
        "--region-col",
        "kreis",
        "--industry-col",
        "wz",
        "--value-col",
        "beschaeftigte",
        "--period-col",
        "jahr",
        "--out",
        out,
        "--xlsx",
    )
    assert result.exit_code == 0, result.output
    lq = pd.read_csv(out / "location_quotient.csv", dtype={"region": str})
    assert lq.columns.tolist() == ["region", "industry", "period", "value"]
    row = lq[(lq.region == "08111") & (lq.industry == "C") & (lq.period == 2019)]
    # hand computed: (100/120) / (160/320)
    assert row["value"].item() == pytest.approx((100 / 120) / (160 / 320), rel=1e-12)
    sheets = pd.read_excel(out / "measures.xlsx", sheet_name=None)
    assert "location_quotient" in sheets and "provenance" in sheets
    provenance = json.loads((out / "provenance.json").read_text())
    assert re.fullmatch(r"[0-9a-f]{64}", provenance["input_sha256"])


def test_measure_selection(tmp_path: Path):
    path = write_table(tmp_path)
    result = run(
        "measures",
        path,
        "--region-col",
        "kreis",
        "--industry-col",
        "wz",
        "--value-col",
        "beschaeftigte",
        "--period-col",
        "jahr",
        "--out",
        tmp_path / "o",
        "--measure",
        "herfindahl",
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "o").iterdir()} == {"herfindahl.csv", "provenance.json"}


def test_unknown_measure_is_named(tmp_path: Path):
    path = write_table(tmp_path)
    result = run(
        "measures",
        path,
        "--region-col",
        "kreis",
        "--industry-col",
        "wz",
        "--value-col",
        "beschaeftigte",
        "--period-col",
        "jahr",
        "--out",
        tmp_path / "o",
        "--measure",
        "lq",
    )
    assert result.exit_code == 2
    assert "'lq'" in result.output and "location_quotient" in result.output


def test_missing_column_is_one_clear_line_and_nothing_is_written(tmp_path: Path):
    path = write_table(tmp_path)
    out = tmp_path / "out"
    result = run(
        "measures",
        path,
        "--region-col",
        "kreis",
        "--industry-col",
        "branche",
        "--value-col",
        "beschaeftigte",
        "--out",
        out,
    )
    assert result.exit_code == 2
    assert "branche" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_suppressed_cells_need_a_policy(tmp_path: Path):
    path = tmp_path / "t.csv"
    pd.DataFrame(
        {"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"], "value": [1, None, 3, 4]}
    ).to_csv(path, index=False)
    result = run("measures", path, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "suppressed" in result.output and "region='A'" in result.output
    result = run(
        "measures",
        path,
        "--out",
        tmp_path / "o",
        "--suppressed",
        "drop_region",
        "--measure",
        "location_quotient",
    )
    assert result.exit_code == 0, result.output
    lq = pd.read_csv(tmp_path / "o" / "location_quotient.csv")
    assert set(lq["region"]) == {"B"}


def test_console_script_reports_a_missing_file_without_traceback(tmp_path: Path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clusterdialog.cli",
            "measures",
            str(tmp_path / "nope.csv"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "nope.csv" in done.stderr
    assert "Traceback" not in done.stderr
