"""Composition gaps against peers and value-chain coverage, checked by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.network.gaps import composition_gaps, value_chain_coverage
from clusterdialog.valuechain.chain import cluster_value_chain
from clusterdialog.valuechain.table import IOTable


def _initiative() -> tuple[nx.Graph, list[str], dict[str, list[str]], dict[str, str]]:
    g = nx.Graph([("f1", "f2"), ("f2", "u1")])
    types = {"f1": "PRC", "f2": "PRC", "u1": "HES"}
    nx.set_node_attributes(g, types, "type")
    kinds = {"P1": ["PRC", "HES", "REC", "PUB"], "P2": ["PRC", "PRC", "REC", "HES"],
             "P3": ["PRC", "REC"], "P4": ["PRC", "PRC", "PRC", "REC"]}  # fmt: skip
    peers = {p: [f"{p}_{i}" for i in range(len(k))] for p, k in kinds.items()}
    labels = {f"{p}_{i}": t for p, k in kinds.items() for i, t in enumerate(k)}
    return g, ["f1", "f2", "u1"], peers, labels


def test_composition_gaps_by_hand():
    g, members, peers, labels = _initiative()
    gaps = composition_gaps(g, members, peers, labels=labels).set_index("type")
    # peer shares of REC: 1/4, 1/4, 1/2, 1/4 → median 1/4, the initiative has none
    assert gaps.loc["REC", "status"] == "missing"
    assert gaps.loc["REC", "peers_with"] == 4
    assert gaps.loc["REC", "peer_median"] == pytest.approx(0.25)
    # HES: peers 1/4, 1/4, 0, 0 → quartiles 0 and 1/4; the initiative has 1/3 → over
    assert gaps.loc["HES", "share"] == pytest.approx(1 / 3)
    assert gaps.loc["HES", "peer_upper_quartile"] == pytest.approx(0.25)
    assert gaps.loc["HES", "status"] == "over_represented"
    # PRC: peers 1/4, 1/2, 1/2, 3/4 → Q1 = 0.4375, Q3 = 0.5625; 2/3 → over
    np.testing.assert_allclose(gaps.loc["PRC", ["peer_lower_quartile", "peer_upper_quartile"]],
                               [0.4375, 0.5625])  # fmt: skip
    # PUB: peers 1/4, 0, 0, 0 → median 0, not missing
    assert gaps.loc["PUB", "status"] == "typical"
    assert list(gaps.index[:1]) == ["REC"]  # gaps first
    assert "4 von 4 Vergleichsinitiativen" in gaps.loc["REC", "explanation_de"]
    assert gaps.loc["REC", "explanation_en"].startswith("No member has type REC")


def test_composition_gaps_accepts_a_long_peer_table_and_warns_for_unlabelled_peers():
    g, members, peers, labels = _initiative()
    long = pd.DataFrame([(p, v) for p, vs in peers.items() for v in vs],
                        columns=["group", "organisation"])  # fmt: skip
    expected = composition_gaps(g, members, peers, labels=labels)
    pd.testing.assert_frame_equal(composition_gaps(g, members, long, labels=labels), expected)
    del labels["P1_0"]
    with pytest.warns(DataQualityWarning, match=r"1 of 14 peer organisations \(7.1%\)"):
        composition_gaps(g, members, peers, labels=labels)


def test_composition_gaps_fail_loudly():
    g, members, peers, labels = _initiative()
    with pytest.raises(InputError, match="members: expected organisations of the graph; 1 of 4"):
        composition_gaps(g, [*members, "ghost"], peers, labels=labels)
    with pytest.raises(InputError, match="peers: expected at least one peer"):
        composition_gaps(g, members, {}, labels=labels)
    with pytest.raises(InputError, match="members: 3 of 3 members have no 'industry'"):
        composition_gaps(g, members, peers, attribute="industry")


def _table() -> IOTable:
    z = [[10, 40, 5], [20, 10, 30], [5, 20, 5]]
    return IOTable.from_arrays(["A", "B", "C"], z, [45, 40, 70], output=[100, 100, 100])


def test_value_chain_coverage_counts_members_per_sector():
    g = nx.Graph([("f1", "f2"), ("f2", "f3")])
    nx.set_node_attributes(g, {"f1": "b1", "f2": "c1", "f3": "mixed"}, "industry")
    concordance = {"b1": "B", "c1": "C", "mixed": {"A": 0.5, "C": 0.5}}
    cover = value_chain_coverage(g, ["f1", "f2", "f3"], _table(), ["B"], concordance=concordance)
    chain = cluster_value_chain(_table(), ["B"])
    pd.testing.assert_frame_equal(cover[chain.columns], chain)
    by = cover.set_index(["role", "sector"])
    assert by.loc[("supplier", "C"), "members"] == 1.5
    assert by.loc[("supplier", "A"), "members"] == 0.5
    assert (cover["status"] == "covered").all()
    strict = value_chain_coverage(g, ["f1", "f2"], _table(), ["B"], concordance=concordance)
    # supplier A has linkage index above 1 and no member → missing
    row = strict.set_index(["role", "sector"]).loc[("supplier", "A")]
    assert row["linkage_index"] > 1 and row["status"] == "missing"
    assert "Lücke" in row["explanation_de"] and "gap" in row["explanation_en"]


def test_value_chain_coverage_warns_for_unmapped_members_and_checks_threshold():
    g = nx.Graph([("f1", "f2")])
    nx.set_node_attributes(g, {"f1": "B"}, "industry")
    with pytest.warns(DataQualityWarning, match=r"1 of 2 members \(50.0%\)"):
        value_chain_coverage(g, ["f1", "f2"], _table(), ["B"])
    with pytest.raises(InputError, match="min_linkage_index: expected a positive number"):
        value_chain_coverage(g, ["f1"], _table(), ["B"], min_linkage_index=0)
