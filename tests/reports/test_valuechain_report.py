"""The value-chain report: Sankey geometry, catalogue, German numbers, the page on a hand table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.reports.i18n_valuechain import MESSAGES, format_number, messages
from clusterdialog.reports.sankey import SankeyFlow, SankeyNode, sankey_svg
from clusterdialog.reports.valuechain import render_valuechain_html, valuechain_results
from clusterdialog.valuechain.table import IOTable


def three_columns() -> tuple[list[SankeyNode], list[SankeyFlow]]:
    nodes = [
        SankeyNode("s:a", "Supplier A", 0),
        SankeyNode("s:b", "Supplier B", 0),
        SankeyNode("c:x", "Cluster X", 1),
        SankeyNode("k:c", "Customer C", 2),
    ]
    flows = [
        SankeyFlow("s:a", "c:x", 30.0),
        SankeyFlow("s:b", "c:x", 10.0),
        SankeyFlow("c:x", "k:c", 20.0),
    ]
    return nodes, flows


def band_heights(svg: str) -> list[float]:
    """Band width at the source end: the y distance between the first point and the L point."""
    heights = []
    for d in re.findall(r'<path d="([^"]+)"', svg):
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d", d)]
        # M x0,y0 C … x1,y1 L x1,y1+h …
        heights.append(round(numbers[11] - numbers[7], 1))
    return heights


def test_sankey_bands_are_proportional_to_the_flows() -> None:
    nodes, flows = three_columns()
    svg = sankey_svg(nodes, flows, scale_height=400.0, gap=0.0)
    # the fullest column (40) is scaled to 400: 10 units per flow unit
    assert band_heights(svg) == [300.0, 100.0, 200.0]
    assert svg.count("<rect") == 4


def test_sankey_is_deterministic_and_self_contained() -> None:
    nodes, flows = three_columns()
    first = sankey_svg(nodes, flows, title="Kette", column_titles=("Zulieferer", "Cluster"))
    assert first == sankey_svg(nodes, flows, title="Kette", column_titles=("Zulieferer", "Cluster"))
    assert first.startswith("<svg") and "viewBox" in first
    assert "<script" not in first and "href" not in first


def test_sankey_ignores_zero_flows_and_unknown_nodes() -> None:
    nodes, flows = three_columns()
    extra = [*flows, SankeyFlow("s:a", "k:c", 0.0), SankeyFlow("s:a", "nowhere", 5.0)]
    assert sankey_svg(nodes, extra) == sankey_svg(nodes, flows)
    empty = sankey_svg(nodes, [])
    assert "<path" not in empty and "<rect" not in empty


def test_sankey_escapes_and_shortens_labels() -> None:
    long = "Wholesale & retail trade, transport, accommodation and food services"
    nodes = [SankeyNode("a", long, 0), SankeyNode("b", "<B>", 1)]
    svg = sankey_svg(nodes, [SankeyFlow("a", "b", 1.0)], label_chars=20)
    assert "&lt;B&gt;" in svg and "<B>" not in svg
    assert "Wholesale &amp; retail…<" in svg
    assert f"<title>{long.replace('&', '&amp;')}: 1</title>" in svg  # full name in the tooltip


def test_catalogue_has_the_same_keys_in_both_languages() -> None:
    assert set(MESSAGES["de"]) == set(MESSAGES["en"])
    with pytest.raises(InputError, match="lang: expected one of"):
        messages("fr")


def test_german_number_format() -> None:
    assert format_number(3110430.0, "de", 0) == "3.110.430"
    assert format_number(1.8413, "de", 3) == "1,841"
    assert format_number(1.8413, "en", 3) == "1.841"


@pytest.fixture(scope="module")
def hand_table() -> IOTable:
    """Miller & Blair's two sectors plus a third, with employment and value added."""
    z = [[150, 500, 50], [200, 100, 100], [50, 100, 20]]
    x = [1000, 2000, 500]
    final = [x[i] - sum(z[i]) for i in range(3)]
    value_added = {
        "compensation": [400, 800, 200],
        "operating_surplus": [x[j] - sum(r[j] for r in z) - [400, 800, 200][j] for j in range(3)],
    }
    return IOTable.from_arrays(
        ["1", "2", "3"], z, final, output=x, value_added=pd.DataFrame(value_added).T,
        employment=[30, 50, 10], names={"1": "Metals", "2": "Machines", "3": "Services"},
        unit="million EUR",
    )  # fmt: skip


def test_report_on_a_hand_table(hand_table: IOTable) -> None:
    results = valuechain_results(hand_table, cluster="m", cluster_name="Maschinenbau",
                                 cluster_sectors=["2"])  # fmt: skip
    assert list(results.tables) == [
        "coefficients", "leontief", "output_multipliers", "employment_multipliers",
        "value_added_multipliers", "linkages", "value_chain", "gaps",
    ]  # fmt: skip
    html = render_valuechain_html(results, lang="de", source="hand table")
    assert "Wertschöpfungskette des Clusters Maschinenbau (m)" in html
    # both other sectors supply the cluster and buy from it: five nodes, four bands
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == 5 and svg.count("<path") == 4
    # A_12 = 500 / 2000, shown with four decimals in the supplier table
    assert "0,2500" in html
    assert "Für Lücken braucht es die regionale Beschäftigung" in html


def test_report_in_english_names_every_section(hand_table: IOTable) -> None:
    results = valuechain_results(hand_table)
    html = render_valuechain_html(results, lang="en")
    for heading in ("Summary", "The value chain at a glance", "Multipliers",
                    "Linkages and key sectors", "Methods", "Data quality notes"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in html
    assert "Gaps in the regional value chain" not in html
