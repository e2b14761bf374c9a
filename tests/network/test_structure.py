"""Communities, core–periphery and snapshot change, checked against networkx and by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from clusterdialog.errors import InputError
from clusterdialog.network.structure import communities, core_periphery, snapshot_change


def _weighted_karate() -> nx.Graph:
    g = nx.karate_club_graph()  # edge attribute "weight" holds interaction counts
    return nx.relabel_nodes(g, {v: f"o{v}" for v in g})


def test_communities_modularity_matches_networkx():
    g = _weighted_karate()
    result = communities(g, seed=3)
    parts = [set(frame["organisation"]) for _, frame in result.groupby("community")]
    expected = nx.community.modularity(g, parts, weight="weight")
    assert result.attrs["modularity"] == pytest.approx(expected, abs=1e-12)
    unweighted = communities(g, weight=None, resolution=1.5, seed=3)
    parts = [set(frame["organisation"]) for _, frame in unweighted.groupby("community")]
    expected = nx.community.modularity(g, parts, weight=None, resolution=1.5)
    assert unweighted.attrs["modularity"] == pytest.approx(expected, abs=1e-12)
    # Leiden does at least as well as networkx's Louvain on the same objective
    louvain = nx.community.louvain_communities(g, weight="weight", seed=3)
    assert result.attrs["modularity"] >= nx.community.modularity(g, louvain) - 1e-9


def test_communities_are_stable_with_a_seed_and_find_planted_cliques():
    g = nx.ring_of_cliques(6, 5)
    first, second = communities(g, seed=11), communities(g, seed=11)
    assert first.equals(second)
    assert first["community"].nunique() == 6
    for start in range(0, 30, 5):
        assert first["community"].iloc[start : start + 5].nunique() == 1
    assert (first["community_size"] == 5).all()
    assert list(first["community"].iloc[::5]) == [0, 1, 2, 3, 4, 5]  # ties by first node


def test_communities_without_ties_and_empty():
    g = nx.Graph()
    g.add_nodes_from(["a", "b"])
    result = communities(g)
    assert result["community"].tolist() == [0, 1]
    assert np.isnan(result.attrs["modularity"])
    assert communities(nx.Graph()).empty


def test_communities_reject_bad_arguments():
    g = nx.path_graph(3)
    with pytest.raises(InputError, match="resolution: expected a positive"):
        communities(g, resolution=0)
    with pytest.raises(InputError, match="graph: expected a networkx Graph"):
        communities({"a": "b"})
    g[0][1]["weight"] = -1.0
    with pytest.raises(InputError, match="positive finite numbers; 1 edge"):
        communities(g)


def test_k_core_equals_networkx_core_number():
    g = _weighted_karate()
    result = core_periphery(g)
    expected = nx.core_number(g)
    assert result["coreness"].tolist() == [expected[v] for v in g]
    assert set(result.loc[result["core"], "organisation"]) == set(nx.k_core(g))


def test_continuous_model_recovers_a_planted_coreness():
    c = np.array([1.0, 0.9, 0.8, 0.3, 0.2, 0.1])
    g = nx.Graph()
    for i in range(6):
        for j in range(i + 1, 6):
            g.add_edge(i, j, weight=c[i] * c[j])
    result = core_periphery(g, method="continuous", tolerance=1e-13)
    np.testing.assert_allclose(result["coreness"], c / c.max(), rtol=1e-8)
    assert result["core"].tolist() == [True, True, True, False, False, False]


def test_continuous_core_split_on_a_clique_with_pendants():
    g = nx.complete_graph(4)
    for hub in range(4):
        g.add_edges_from([(hub, 10 + 2 * hub), (hub, 11 + 2 * hub)])
    g.add_node(99)  # isolated
    result = core_periphery(g, method="continuous").set_index("organisation")
    assert result.loc[[0, 1, 2, 3], "core"].all()
    assert not result.drop(index=[0, 1, 2, 3])["core"].any()
    assert result.loc[99, "coreness"] == 0
    assert result.attrs["core_fit"] == pytest.approx(1.0)


def test_core_periphery_rejects_an_unknown_method():
    with pytest.raises(InputError, match=r"method: expected one of \['k_core', 'continuous'\]"):
        core_periphery(nx.path_graph(3), method="rombach")


def test_snapshot_change_by_hand():
    old = nx.Graph()
    old.add_edge("a", "b", weight=2.0)
    old.add_edge("b", "c", weight=1.0)
    new = nx.Graph()
    new.add_edge("a", "b", weight=5.0)
    new.add_edge("a", "d", weight=1.0)
    change = snapshot_change(old, new).set_index("organisation")
    assert change.loc["a", "strength_change"] == 4.0
    assert change.loc["b", "strength_change"] == 5.0 - (2.0 + 1.0)
    assert change.loc["c", "status"] == "left"
    assert change.loc["d", "status"] == "entered"
    assert change.loc["a", ["new_partners", "lost_partners"]].tolist() == [1, 0]
    assert change.loc["b", ["new_partners", "lost_partners"]].tolist() == [0, 1]
    assert change.attrs == {
        "entered": 1, "left": 1, "stayed": 2, "ties_new": 1, "ties_lost": 1, "ties_kept": 1,
    }  # fmt: skip
    with pytest.raises(InputError, match="after: expected a networkx Graph"):
        snapshot_change(old, None)
