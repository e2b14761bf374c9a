"""``clusterdialog network`` end to end: files, columns, hand-checked values, report, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from clusterdialog.cli import app

runner = CliRunner()
CORDIS = "cordis_h2020_participations.csv.gz"
FILES = {"nodes.csv", "edges.csv", "summary.json", "network.html", "provenance.json"}
NODE_COLUMNS = [
    "organisation",
    "type",
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "constraint",
    "community",
]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def external_references(html: str) -> list[str]:
    """src/href/url() values that point outside the file, and elements that load things."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", html)
    found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html)
    found += re.findall(r"@import", html)
    found += re.findall(r"<(?:script|link|img|iframe|object|embed)\b", html)
    return found


def one_line(result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def read_nodes(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "nodes.csv", dtype={"organisation": str})


def read_edges(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "edges.csv", dtype={"source": str, "target": str})


@pytest.fixture(scope="module")
def cyprus(shared: Path, tmp_path_factory) -> Path:
    """Cypriot organisations in projects starting 2019 (a small slice of the real file)."""
    out = tmp_path_factory.mktemp("cyprus")
    result = run("network", shared / "data" / CORDIS, "--country", "CY", "--year", 2019,
                 "--out", out, "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def cyprus_participations(shared: Path) -> pd.DataFrame:
    """The same slice read with plain pandas, independently of the reader."""
    raw = pd.read_csv(shared / "data" / CORDIS, dtype=str, keep_default_na=False)
    return raw[(raw["country"] == "CY") & (raw["start_year"] == "2019")]


def test_writes_the_files_with_the_documented_columns(cyprus: Path):
    assert {p.name for p in cyprus.iterdir()} == FILES
    nodes = read_nodes(cyprus)
    assert list(nodes.columns[: len(NODE_COLUMNS)]) == NODE_COLUMNS
    assert list(read_edges(cyprus).columns[:3]) == ["source", "target", "weight"]
    summary = json.loads((cyprus / "summary.json").read_text(encoding="utf-8"))
    for key in ("nodes", "edges", "density", "components", "modularity", "communities"):
        assert key in summary
    assert summary["betweenness"] == "exact"


def test_nodes_and_edges_match_a_direct_count(cyprus: Path, cyprus_participations):
    nodes, edges = read_nodes(cyprus), read_edges(cyprus)
    summary = json.loads((cyprus / "summary.json").read_text(encoding="utf-8"))
    raw = cyprus_participations
    assert set(nodes["organisation"]) == set(raw["pic"])
    assert summary["nodes"] == len(nodes) == raw["pic"].nunique()
    # joint projects of every pair, counted by a self-join of the raw rows
    pairs = raw[["rcn", "pic"]].merge(raw[["rcn", "pic"]], on="rcn")
    pairs = pairs[pairs["pic_x"] < pairs["pic_y"]].groupby(["pic_x", "pic_y"]).size()
    got = edges.assign(
        a=edges[["source", "target"]].min(axis=1), b=edges[["source", "target"]].max(axis=1)
    ).set_index(["a", "b"])["weight"]
    assert summary["edges"] == len(edges) == len(pairs)
    assert got.sort_index().tolist() == pairs.sort_index().tolist()
    # degree and strength from the edge list
    ends = pd.concat(
        [edges[["source", "weight"]].set_axis(["organisation", "weight"], axis=1),
         edges[["target", "weight"]].set_axis(["organisation", "weight"], axis=1)]
    )  # fmt: skip
    by_node = nodes.set_index("organisation")
    degree = ends.groupby("organisation").size().reindex(by_node.index, fill_value=0)
    strength = ends.groupby("organisation")["weight"].sum().reindex(by_node.index, fill_value=0)
    assert by_node["degree"].tolist() == degree.tolist()
    assert by_node["strength"].tolist() == pytest.approx(strength.tolist())
    types = raw.drop_duplicates("pic").set_index("pic")["type"]
    assert by_node["type"].to_dict() == types.reindex(by_node.index).to_dict()
    assert summary["density"] == pytest.approx(2 * len(edges) / (len(nodes) * (len(nodes) - 1)))


def test_report_is_self_contained_and_names_the_credit(cyprus: Path):
    html = (cyprus / "network.html").read_text(encoding="utf-8")
    assert external_references(html) == []
    assert "<svg" in html and "<circle" in html
    assert "© European Union, CORDIS, CC BY 4.0" in html
    assert "Collaboration network of organisations" in html
    provenance = json.loads((cyprus / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["parameters"] == {"format": "cordis", "country": "CY", "year": 2019,
                                        "seed": 0}  # fmt: skip
    assert len(provenance["input_sha256"]) == 64


def test_same_seed_gives_the_same_files(shared: Path, cyprus: Path, tmp_path: Path):
    result = run("network", shared / "data" / CORDIS, "--country", "CY", "--year", 2019,
                 "--out", tmp_path, "--lang", "en")  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("nodes.csv", "edges.csv", "network.html"):
        assert (tmp_path / name).read_bytes() == (cyprus / name).read_bytes(), name


def test_edge_list_hand_checked(tmp_path: Path):
    # two triangles a-b-c and d-e-f joined by c-d; a-b listed twice (weight 2)
    path = tmp_path / "edges.csv"
    path.write_text(
        "source,target,source_type,target_type\n"
        "a,b,PRC,PRC\na,b,PRC,PRC\nb,c,PRC,HES\na,c,PRC,HES\nc,d,HES,REC\n"
        "d,e,REC,PUB\ne,f,PUB,PUB\nd,f,REC,PUB\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("network", path, "--format", "edges", "--out", out)
    assert result.exit_code == 0, result.output
    nodes = read_nodes(out).set_index("organisation")
    assert nodes["degree"].to_dict() == {"a": 2, "b": 2, "c": 3, "d": 3, "e": 2, "f": 2}
    assert nodes["strength"].to_dict() == {"a": 3, "b": 3, "c": 3, "d": 3, "e": 2, "f": 2}
    assert nodes["type"].to_dict() == dict(zip("abcdef", ["PRC", "PRC", "HES", "REC", "PUB",
                                                          "PUB"], strict=True))  # fmt: skip
    community = nodes["community"]
    assert community["a"] == community["b"] == community["c"] != community["d"]
    assert community["d"] == community["e"] == community["f"]
    # c and d lie on the 3 × 2 shortest paths between {a, b} and {d|c, e, f}: 6 of the
    # (n − 1)(n − 2)/2 = 10 pairs of other nodes
    assert nodes["betweenness"].to_dict() == pytest.approx(
        {"a": 0, "b": 0, "c": 0.6, "d": 0.6, "e": 0, "f": 0}
    )
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["nodes"], summary["edges"], summary["components"]) == (6, 7, 1)
    # Q by hand: m = 8; triangle 1 holds weight 4 and strength 9, triangle 2 weight 3 and
    # strength 7: Q = 4/8 − (9/16)² + 3/8 − (7/16)² = 0.3671875
    assert summary["modularity"] == pytest.approx(0.3671875)
    html = (out / "network.html").read_text(encoding="utf-8")
    assert "Kooperationsnetzwerk der Organisationen" in html


def test_bad_input_is_one_clear_line(shared: Path, tmp_path: Path):
    result = run("network", shared / "data" / CORDIS, "--country", "ZZ", "--out", tmp_path)
    assert result.exit_code == 2
    assert "no participation is left with country='ZZ'" in one_line(result)
    assert "Traceback" not in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("organisation,project,year\na,P,2019\nb,P,20x9\n", encoding="utf-8")
    result = run("network", bad, "--format", "edges", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "bad.csv, line 3, column 3 (year)" in one_line(result)
    result = run("network", tmp_path / "missing.csv", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "file not found" in one_line(result)
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_report_catalogue_has_the_same_keys_in_both_languages():
    from clusterdialog.reports.i18n_network import MESSAGES

    assert set(MESSAGES["de"]) == set(MESSAGES["en"])
