"""Brokerage roles, type mixing, triple helix and bridges: by hand, by brute force, vs networkx."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.network.mixing import (
    BROKERAGE_ROLES,
    bridging_organisations,
    brokerage_roles,
    triple_helix_mix,
    type_assortativity,
    type_mixing,
)

TYPES = ["PRC", "HES", "REC", "PUB"]


def _typed_random_graph(seed: int, directed: bool = False) -> nx.Graph:
    g = nx.gnp_random_graph(12, 0.3, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    nx.set_node_attributes(g, {v: TYPES[rng.integers(3)] for v in g}, "type")
    return g


def _brute_force_brokerage(g: nx.Graph) -> pd.DataFrame:
    """Enumerate every open two-path a → b → c (undirected ties in both directions)."""
    d = g if g.is_directed() else g.to_directed()
    counts = {v: dict.fromkeys(BROKERAGE_ROLES, 0) for v in d}
    t = nx.get_node_attributes(d, "type")
    for b in d:
        for a, c in itertools.product(d.predecessors(b), d.successors(b)):
            if a == c or d.has_edge(a, c):
                continue
            if t[a] == t[b] == t[c]:
                role = "coordinator"
            elif t[a] == t[c]:
                role = "itinerant"
            elif t[a] == t[b]:
                role = "representative"
            elif t[b] == t[c]:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts[b][role] += 1
    return pd.DataFrame.from_dict(counts, orient="index")[list(BROKERAGE_ROLES)]


def test_brokerage_roles_by_hand():
    # b (HES) sits between a1 (PRC), a2 (PRC), c (HES) and d (PUB); a1–a2 are tied.
    g = nx.Graph([("b", "a1"), ("b", "a2"), ("a1", "a2"), ("b", "c"), ("b", "d")])
    nx.set_node_attributes(g, {"b": "HES", "a1": "PRC", "a2": "PRC", "c": "HES", "d": "PUB"},
                           "type")  # fmt: skip
    row = brokerage_roles(g).set_index("organisation").loc["b"]
    # open pairs {a1,c}, {a2,c}: PRC–HES–HES, b shares c's group → representative + gatekeeper
    # open pairs {a1,d}, {a2,d}: PRC–HES–PUB → liaison; pair {c,d}: HES–HES–PUB → likewise
    # pair {a1,a2} is closed. Each unordered pair counts once per direction.
    assert row[list(BROKERAGE_ROLES)].tolist() == [0, 3, 3, 0, 4]
    assert row["total"] == 10


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True])
def test_brokerage_roles_equal_brute_force(seed, directed):
    g = _typed_random_graph(seed, directed)
    result = brokerage_roles(g).set_index("organisation")[list(BROKERAGE_ROLES)]
    expected = _brute_force_brokerage(g)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False, check_names=False)
    if not directed:
        assert (result["gatekeeper"] == result["representative"]).all()


def test_brokerage_roles_need_a_type_for_every_node():
    g = nx.path_graph(3)
    nx.set_node_attributes(g, {0: "PRC", 1: "HES"}, "type")
    with pytest.raises(
        InputError, match=r"type: 1 of 3 nodes have no attribute 'type', e.g. \[2\]"
    ):
        brokerage_roles(g)


@pytest.mark.parametrize("seed", range(4))
def test_type_mixing_matches_networkx(seed):
    g = _typed_random_graph(seed)
    mixing = type_mixing(g)
    expected = nx.attribute_assortativity_coefficient(g, "type")
    assert mixing.attrs["assortativity"] == pytest.approx(expected, abs=1e-12)
    assert type_assortativity(g) == pytest.approx(expected, abs=1e-12)
    kinds = sorted(set(nx.get_node_attributes(g, "type").values()))
    matrix = nx.attribute_mixing_matrix(g, "type", mapping={k: i for i, k in enumerate(kinds)})
    np.testing.assert_allclose(mixing["share"].to_numpy().reshape(len(kinds), -1), matrix)


def test_type_mixing_of_the_karate_club_and_edge_cases():
    g = nx.karate_club_graph()
    nx.set_node_attributes(g, nx.get_node_attributes(g, "club"), "type")
    expected = nx.attribute_assortativity_coefficient(g, "club")
    assert type_assortativity(g) == pytest.approx(expected, abs=1e-12)
    single = nx.path_graph(3)
    nx.set_node_attributes(single, "PRC", "type")
    assert np.isnan(type_assortativity(single))  # one type: 0/0


def test_triple_helix_mix_by_hand_and_for_members():
    g = nx.Graph()
    g.add_edge("f", "u", weight=3.0)
    g.add_edge("f", "m", weight=1.0)
    g.add_edge("u", "r", weight=2.0)
    g.add_edge("x", "f", weight=4.0)
    nx.set_node_attributes(g, {"f": "PRC", "u": "HES", "r": "REC", "m": "PUB", "x": "OTH"},
                           "type")  # fmt: skip
    mix = triple_helix_mix(g).set_index("sphere")
    # W = 10; strengths f 8, u 5, r 2, m 1, x 4
    assert mix["tie_weight"].tolist() == [8.0, 7.0, 1.0, 4.0]
    np.testing.assert_allclose(mix["tie_share"], [0.4, 0.35, 0.05, 0.2])
    np.testing.assert_allclose(mix["cross_sphere_share"], [1.0, 3 / 7, 1.0, 1.0])
    assert mix.attrs["cross_sphere_tie_share"] == pytest.approx(8 / 10)
    sub = triple_helix_mix(g, members=["u", "r"]).set_index("sphere")
    assert sub["organisations"].tolist() == [0, 2, 0, 0]
    assert sub.loc["academia", "cross_sphere_share"] == 0.0
    assert np.isnan(sub.loc["business", "cross_sphere_share"])
    with pytest.raises(InputError, match="members: 1 organisations are not nodes"):
        triple_helix_mix(g, members=["u", "nobody"])
    with pytest.raises(InputError, match="spheres: expected values among"):
        triple_helix_mix(g, spheres={"PRC": "industry"})


def test_bridging_participation_by_hand_with_multiple_memberships():
    g = nx.Graph()
    g.add_edge("a", "b", weight=1.0)
    g.add_edge("a", "c", weight=3.0)
    g.add_edge("c", "d", weight=1.0)
    g.add_node("e")
    groups = pd.DataFrame({"organisation": ["a", "b", "c", "c", "d", "zz"],
                           "group": ["I", "I", "I", "II", "II", "II"]})  # fmt: skip
    result = bridging_organisations(g, groups).set_index("organisation")
    # a: partners b (I) weight 1, c (I and II) weight 3 → k_I = 4, k_II = 3
    assert result.loc["a", "participation"] == pytest.approx(1 - (4 / 7) ** 2 - (3 / 7) ** 2)
    assert result.loc["a", "external_share"] == 0.0
    assert result.loc["c", "member_of"] == 2 and result.loc["c", "bridging"]
    assert result.loc["d", "participation"] == pytest.approx(1 - 0.5**2 - 0.5**2)
    assert np.isnan(result.loc["e", "participation"]) and not result.loc["e", "bridging"]
    with pytest.raises(InputError, match=r"groups: missing column\(s\) \['group'\]"):
        bridging_organisations(g, pd.DataFrame({"organisation": ["a"]}))
