"""``clusterdialog identify`` end to end: files, report contents, languages and bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterdialog.cli import app
from clusterdialog.datasets import BKG_CREDIT, GENESIS_CREDIT, load_kreise_geometry

runner = CliRunner()
EXPECTED = {
    "stars.csv",
    "strong_clusters.csv",
    "opportunities.csv",
    "intersections.csv",
    "dynamics.csv",
    "intermunicipal.csv",
    "report.html",
    "report.pdf",
    "results.xlsx",
    "provenance.json",
}
KEYS = {"region": str, "cluster": str}


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def german(tmp_path_factory) -> tuple[Path, object]:
    """The README example, run once for the module (the PDF takes seconds)."""
    out = tmp_path_factory.mktemp("bericht")
    result = run("identify", "demo:kreise-wz", "--focus", "08", "--out", out)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = run("identify", "demo:kreise-wz", "--focus", "08", "--lang", "en", "--out", out)
    assert result.exit_code == 0, result.output
    assert "Wrote 10 files" in result.output
    return out


def external_references(html: str) -> list[str]:
    """src/href/url() values that point outside the file."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", html)
    found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html)
    found += re.findall(r"@import", html)
    found += re.findall(r"<(?:script|link|img|iframe|object|embed)\b", html)
    return found


def test_identify_writes_every_file(german):
    out, result = german
    assert {p.name for p in out.iterdir()} == EXPECTED
    assert "10 Dateien geschrieben" in result.output


def test_tables_have_the_contract_columns_and_focus(german):
    out, _ = german
    strong = pd.read_csv(out / "strong_clusters.csv", dtype=KEYS)
    assert {"region", "cluster", "lq", "strong", "lq_criterion", "employment_criterion"} <= set(
        strong.columns
    )
    # no establishments in the demo data: "strong" is left empty, not guessed
    assert strong["strong"].isna().all()
    stars = pd.read_csv(out / "stars.csv", dtype=KEYS)
    for column in ("employment", "lq", "size_star", "specialisation_star", "focus_star"):
        assert column in stars.columns
    assert {"stars", "significant"} <= set(stars.columns)
    assert len(stars) == 44 * 10
    assert stars["region"].str.startswith("08").all()
    opportunities = pd.read_csv(out / "opportunities.csv", dtype={"region": str})
    assert {"region", "density", "explanation_de", "explanation_en"} <= set(opportunities.columns)
    assert opportunities["region"].str.startswith("08").all()


def test_stars_match_the_library_on_all_of_germany(german):
    """Focus keeps the rows of Baden-Württemberg; the reference stays Germany."""
    import warnings

    from clusterdialog.datasets import load_kreise_industries
    from clusterdialog.identify.stars import star_rating

    out, _ = german
    data = load_kreise_industries()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = star_rating(data[data["period"] == 2020], suppressed="zero")
    direct = direct[direct["region"].str.startswith("08")]
    written = pd.read_csv(out / "stars.csv", dtype=KEYS)
    merged = written.merge(direct, left_on=["region", "cluster"], right_on=["region", "industry"])
    assert len(merged) == len(written)
    assert (merged["stars_x"] == merged["stars_y"]).all()
    pd.testing.assert_series_equal(merged["lq_x"], merged["lq_y"], check_names=False, rtol=1e-9)


def test_html_is_self_contained_german_and_attributed(german):
    out, _ = german
    html = (out / "report.html").read_text(encoding="utf-8")
    assert external_references(html) == []
    assert '<html lang="de">' in html
    for heading in (
        "Zusammenfassung",
        "Karten",
        "Portfolio der Cluster",
        "Methoden",
        "Datenqualität",
    ):
        assert f">{heading}</h2>" in html
    assert GENESIS_CREDIT in html
    assert BKG_CREDIT in html
    assert html.count("<svg") >= 4  # LQ maps, stars map, top-cluster map, portfolio
    # the two Göttingen keys without polygon are named, not dropped
    assert "03152" in html and "03156" in html
    assert "299 gesperrte oder unbekannte Felder (1,2 %" in html


def test_pdf_has_pages(german):
    out, _ = german
    assert (out / "report.pdf").read_bytes()[:5] == b"%PDF-"
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["report_pages"] >= 2
    assert provenance["parameters"]["focus"] == "08"
    assert GENESIS_CREDIT in provenance["credits"]


def test_xlsx_has_one_sheet_per_table_and_provenance(german):
    out, _ = german
    sheets = load_workbook(out / "results.xlsx", read_only=True).sheetnames
    assert sheets == [
        "stars",
        "strong_clusters",
        "dynamics",
        "opportunities",
        "intersections",
        "intermunicipal",
        "provenance",
    ]


def test_cli_notes_name_the_data_problems(german):
    _, result = german
    text = " ".join(result.output.split())
    assert "2 Regionsschlüssel ohne Geometrie" in text
    assert "03152, 03156" in text
    assert "3 Regionen fehlen in einzelnen Zeitpunkten" in text


def test_intermunicipal_candidates_are_neighbours_that_qualify_only_together(german):
    out, _ = german
    from clusterdialog.datasets import load_kreise_geometry
    from clusterdialog.identify import contiguity_weights

    groups = pd.read_csv(out / "intermunicipal.csv", dtype={"region": str, "cluster": str})
    assert not groups.empty
    assert groups["region"].str.startswith("08").all()
    weights = contiguity_weights(load_kreise_geometry(), key="region")
    for _, members in groups.groupby("group"):
        first = members.iloc[0]
        # together: specialised and large; alone: each member misses a criterion
        assert first["group_lq"] >= 1.25
        assert first["group_employment"] >= first["employment_threshold"]
        alone = (members["lq"] >= 1.25) & (members["employment"] >= first["employment_threshold"])
        assert not alone.any()
        regions = members["region"].tolist()
        assert all(
            any(other in weights.neighbors[r] for other in regions if other != r) for r in regions
        )
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Interkommunale Clusterkandidaten" in html


def test_english_report(english):
    html = (english / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    for heading in ("Summary", "Maps", "Methods", "Data quality"):
        assert f">{heading}</h2>" in html
    assert "Zusammenfassung" not in html
    assert external_references(html) == []
    assert "299 suppressed or unknown cells (1.2%" in html


# ----------------------------------------------------------------------- bad input
@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict[str, Path]:
    """A table with a key outside the geometry and a gap in the years, and its files."""
    folder = tmp_path_factory.mktemp("small")
    rows = []
    for year, factor in ((2018, 1.0), (2020, 1.1)):
        for region, base in (("08111", 50), ("08115", 20), ("08116", 30), ("99999", 10)):
            for industry, weight in (("C", 3), ("F", 1), ("J", 2)):
                rows.append((region, industry, year, round(base * weight * factor)))
    table = pd.DataFrame(rows, columns=["kreis", "wz", "jahr", "beschaeftigte"])
    table["betriebe"] = (table["beschaeftigte"] // 10 + 1).astype(int)
    table.to_csv(folder / "data.csv", index=False)
    kreise = load_kreise_geometry()
    kreise = kreise[kreise["region"].isin(["08111", "08115", "08116", "08117"])]
    kreise.rename(columns={"region": "ars"}).to_file(folder / "kreise.geojson", driver="GeoJSON")
    (folder / "definitions.csv").write_text(
        "industry,cluster,cluster_name,cluster_type\nC,industry,Industrie,traded\n"
        "J,digital,Digitales,traded\n",
        encoding="utf-8",
    )
    return {"folder": folder, "data": folder / "data.csv", "geometry": folder / "kreise.geojson"}


def table_options(small: dict[str, Path]) -> list[object]:
    return [
        "identify",
        small["data"],
        "--region-col",
        "kreis",
        "--industry-col",
        "wz",
        "--value-col",
        "beschaeftigte",
        "--period-col",
        "jahr",
    ]


def test_missing_geometry_key_is_one_clear_line(small, tmp_path):
    options = [*table_options(small), "--geometry", small["geometry"], "--geometry-key", "AGS"]
    result = run(*options, "--out", tmp_path / "out")
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "'AGS'" in message and "'ars'" in message
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "report.html").exists()


def test_unmatched_keys_gaps_and_unmapped_industries_are_reported(small, tmp_path):
    out = tmp_path / "out"
    options = [
        *table_options(small),
        "--geometry",
        small["geometry"],
        "--geometry-key",
        "ars",
        "--definitions",
        small["folder"] / "definitions.csv",
        "--establishments-col",
        "betriebe",
        "--lang",
        "en",
    ]
    result = run(*options, "--out", out)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "1 region keys without geometry" in text and "99999" in text
    assert "1 industries missing from the cluster definition" in text and ": F" in text
    assert "Gaps in the periods: 2019" in text
    html = " ".join((out / "report.html").read_text(encoding="utf-8").split())
    assert "1 region keys of the data have no geometry" in html
    assert "1 geometries without data" in html and "08117" in html
    assert "1 industries are missing from the cluster definition" in html
    assert "periods 2019 are missing" in html
    # the region without geometry is kept in the tables
    stars = pd.read_csv(out / "stars.csv", dtype=KEYS)
    assert "99999" in set(stars["region"])
    assert set(stars["cluster"]) == {"industry", "digital"}
    # with establishments, the strong-cluster rule is evaluated
    strong = pd.read_csv(out / "strong_clusters.csv", dtype=KEYS)
    assert strong["strong"].notna().all()
    assert strong["establishments"].notna().all()


def test_unknown_demo_and_bad_focus(tmp_path):
    result = run("identify", "demo:nothing", "--out", tmp_path)
    assert result.exit_code == 2
    assert "demo:kreise-wz" in result.output
    result = run("identify", "demo:bw-berufe", "--focus", "09", "--out", tmp_path)
    assert result.exit_code == 2
    assert "--focus" in result.output


def test_single_period_occupations_say_why_there_is_no_portfolio(tmp_path):
    result = run("identify", "demo:bw-berufe", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == EXPECTED - {"dynamics.csv"}
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Das Portfolio braucht mindestens zwei Zeitpunkte" in html
    assert "© Statistik der Bundesagentur für Arbeit" in html
    assert external_references(html) == []
