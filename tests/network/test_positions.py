"""Member positions and broker dependence, by hand and against brute force."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from clusterdialog.errors import InputError
from clusterdialog.network.positions import broker_dependence, member_positions


def test_member_positions_by_hand():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"),
                  ("x", "y"), ("y", "o"), ("z", "o")])  # fmt: skip
    g["a"]["b"]["weight"] = 2.0
    result = member_positions(g, ["a", "b", "c", "d", "e", "x", "y", "z"]).set_index("organisation")
    assert result["position"].to_dict() == {
        "a": "core", "b": "core", "c": "core", "d": "peripheral", "e": "peripheral",
        "x": "detached", "y": "detached", "z": "isolated",
    }  # fmt: skip
    assert result.loc["a", "strength_within"] == 3.0
    assert result.loc["y", ["degree", "degree_within", "partners_outside"]].tolist() == [2, 1, 1]
    assert result.attrs["core"] == 3


def _brute_dependence(h: nx.Graph, members: list) -> dict:
    out = {}
    pairs = [(s, t) for s, t in itertools.combinations(members, 2) if nx.has_path(h, s, t)]
    for v in h:
        mine = [(s, t) for s, t in pairs if v not in (s, t)]
        share = 0.0
        for s, t in mine:
            paths = list(nx.all_shortest_paths(h, s, t))
            share += sum(v in p for p in paths) / len(paths)
        rest = h.copy()
        rest.remove_node(v)
        cut = sum(not nx.has_path(rest, s, t) for s, t in mine)
        out[v] = (share / len(mine) if mine else np.nan, cut)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_broker_dependence_equals_brute_force(seed):
    g = nx.gnp_random_graph(14, 0.18, seed=seed)
    members = list(range(0, 14, 2)) + [1]
    for within in ("group", "graph"):
        result = broker_dependence(g, members, within=within).set_index("organisation")
        h = g.subgraph(members) if within == "group" else g
        brute = _brute_dependence(h, members)
        for v, (share, cut) in brute.items():
            if share > 0 or cut > 0:
                assert result.loc[v, "path_share"] == pytest.approx(share, abs=1e-12)
                assert result.loc[v, "pairs_cut"] == cut
            else:
                assert v not in result.index
        assert set(result.index[result["articulation_point"]]) <= set(nx.articulation_points(h))


def test_broker_dependence_finds_a_non_member_broker():
    g = nx.Graph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("a", "b")])
    group = broker_dependence(g, ["a", "b", "c"])
    assert group.empty and group.attrs["single_broker"] is None
    whole = broker_dependence(g, ["a", "b", "c"], within="graph").set_index("organisation")
    assert not whole.loc["hub", "member"]
    assert whole.loc["hub", "pairs_cut"] == 2
    assert whole.loc["hub", "pairs_cut_share"] == pytest.approx(2 / 3)
    assert whole.attrs["single_broker"] == "hub"


def test_broker_dependence_rejects_bad_arguments():
    g = nx.path_graph(3)
    with pytest.raises(InputError, match=r"within: expected one of \['group', 'graph'\]"):
        broker_dependence(g, [0, 1], within="world")
    with pytest.raises(InputError, match=r"threshold: expected a number in \(0, 1\]"):
        broker_dependence(g, [0, 1], threshold=2)
    with pytest.raises(InputError, match="members: expected an iterable"):
        broker_dependence(g, "abc")
