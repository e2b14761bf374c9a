"""Node and graph metrics (network.metrics): closed forms, networkx equality, failure paths."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.errors import InputError
from clusterdialog.network.build import project_organisations, to_igraph
from clusterdialog.network.metrics import COLUMNS, graph_summary, node_metrics

TOL = {"rtol": 1e-9, "atol": 1e-12}


def _weighted(seed: int, n: int = 40, p: float = 0.12, extra: bool = True) -> nx.Graph:
    """A random weighted graph; with ``extra``: a two-node component and an isolate."""
    g = nx.gnp_random_graph(n, p, seed=seed)
    if extra:
        g.add_edge(n, n + 1)
        g.add_node(n + 2)
    rng = np.random.default_rng(seed)
    for a, b in g.edges:
        g.edges[a, b]["weight"] = float(rng.integers(1, 6)) / 2
    return g


def _column(metrics: pd.DataFrame, name: str) -> np.ndarray:
    return metrics[name].to_numpy(dtype=float)


def _peer(graph: nx.Graph, values: dict) -> np.ndarray:
    return np.array([values[v] for v in graph], dtype=float)


# closed forms --------------------------------------------------------------------------------


def test_star_graph_closed_form():
    m = node_metrics(nx.star_graph(4))  # centre 0 and four leaves, n = 5
    np.testing.assert_allclose(_column(m, "betweenness"), [1, 0, 0, 0, 0], **TOL)
    np.testing.assert_allclose(_column(m, "closeness"), [1] + [4 / 7] * 4, **TOL)
    np.testing.assert_allclose(
        _column(m, "eigenvector"), [1 / math.sqrt(2)] + [1 / math.sqrt(8)] * 4, **TOL
    )
    np.testing.assert_allclose(_column(m, "constraint"), [1 / 4, 1, 1, 1, 1], **TOL)
    np.testing.assert_allclose(_column(m, "effective_size"), [4, 1, 1, 1, 1], **TOL)
    assert m["degree"].tolist() == [4, 1, 1, 1, 1] and m["component"].tolist() == [0] * 5


def test_path_graph_closed_form():
    n = 5
    m = node_metrics(nx.path_graph(n))
    i = np.arange(n)
    np.testing.assert_allclose(
        _column(m, "betweenness"), 2 * i * (n - 1 - i) / ((n - 1) * (n - 2)), **TOL
    )
    total = np.array([sum(abs(a - b) for b in range(n)) for a in range(n)])
    np.testing.assert_allclose(_column(m, "closeness"), (n - 1) / total, **TOL)
    sine = np.sin((i + 1) * np.pi / (n + 1))  # eigenvectors of the path's adjacency
    np.testing.assert_allclose(_column(m, "eigenvector"), sine / np.linalg.norm(sine), **TOL)
    np.testing.assert_allclose(_column(m, "effective_size"), [1, 2, 2, 2, 1], **TOL)


def test_complete_graph_closed_form():
    m = node_metrics(nx.complete_graph(5))
    np.testing.assert_allclose(_column(m, "eigenvector"), [math.sqrt(1 / 5)] * 5, **TOL)
    np.testing.assert_allclose(_column(m, "betweenness"), [0] * 5, **TOL)
    np.testing.assert_allclose(_column(m, "closeness"), [1] * 5, **TOL)
    # p = 1/4 to each neighbour, three two-step paths of 1/16: 4 (1/4 + 3/16)^2 = 49/64
    np.testing.assert_allclose(_column(m, "constraint"), [49 / 64] * 5, **TOL)
    np.testing.assert_allclose(_column(m, "effective_size"), [1] * 5, **TOL)
    assert list(m.columns) == COLUMNS


# networkx as the peer ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_every_column_equals_networkx(seed):
    g = _weighted(seed)
    m = node_metrics(g)
    assert m["organisation"].tolist() == [str(v) for v in g]
    assert m["degree"].tolist() == [d for _, d in g.degree()]
    np.testing.assert_allclose(
        _column(m, "strength"), _peer(g, dict(g.degree(weight="weight"))), **TOL
    )
    np.testing.assert_allclose(
        _column(m, "betweenness"), _peer(g, nx.betweenness_centrality(g)), **TOL
    )
    np.testing.assert_allclose(_column(m, "closeness"), _peer(g, nx.closeness_centrality(g)), **TOL)
    np.testing.assert_allclose(
        _column(m, "constraint"), _peer(g, nx.constraint(g, weight="weight")), **TOL
    )
    np.testing.assert_allclose(_column(m, "effective_size"), _peer(g, nx.effective_size(g)), **TOL)
    sizes = {v: len(c) for c in nx.connected_components(g) for v in c}
    by_label = m.groupby("component")["organisation"].count()
    assert by_label.is_monotonic_decreasing and by_label.tolist()[0] == max(sizes.values())
    assert (m["component"].map(by_label) == [sizes[v] for v in g]).all()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_eigenvector_equals_networkx_on_connected_graphs(seed):
    g = _weighted(seed, n=60, p=0.15, extra=False)
    g = g.subgraph(max(nx.connected_components(g), key=len)).copy()
    m = node_metrics(g)
    peer = nx.eigenvector_centrality_numpy(g, weight="weight")
    np.testing.assert_allclose(_column(m, "eigenvector"), _peer(g, peer), **TOL)
    power = nx.eigenvector_centrality(g, weight="weight", tol=1e-13, max_iter=10_000)
    np.testing.assert_allclose(_column(m, "eigenvector"), _peer(g, power), rtol=1e-6)
    unweighted = node_metrics(g, weight=None)
    peer = nx.eigenvector_centrality_numpy(g)
    np.testing.assert_allclose(_column(unweighted, "eigenvector"), _peer(g, peer), **TOL)
    np.testing.assert_allclose(_column(unweighted, "constraint"), _peer(g, nx.constraint(g)), **TOL)
    assert (unweighted["strength"] == unweighted["degree"]).all()


def test_large_graph_uses_the_sparse_eigensolver():
    g = nx.barabasi_albert_graph(700, 3, seed=4)
    m = node_metrics(g, betweenness="sampled", samples=20)
    peer = nx.eigenvector_centrality_numpy(g)
    np.testing.assert_allclose(_column(m, "eigenvector"), _peer(g, peer), rtol=1e-7, atol=1e-12)


@pytest.mark.parametrize(("seed", "k"), [(0, 5), (1, 10), (7, 2), (None, 10)])
def test_sampled_betweenness_equals_networkx_with_the_same_seed(seed, k):
    g = _weighted(3)
    if seed is None:  # a random sample: only the structure can be checked
        m = node_metrics(g, betweenness="sampled", samples=k, seed=None)
        assert (m["betweenness"] >= 0).all()
        return
    m = node_metrics(g, betweenness="sampled", samples=k, seed=seed)
    peer = nx.betweenness_centrality(g, k=k, seed=seed)
    np.testing.assert_allclose(_column(m, "betweenness"), _peer(g, peer), **TOL)


def test_sampled_with_enough_samples_is_exact():
    g = _weighted(2)
    exact = node_metrics(g)
    pd.testing.assert_frame_equal(node_metrics(g, betweenness="sampled", samples=1000), exact)


def test_sampled_closeness_estimates_the_exact_value():
    g = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=1)
    g.add_edges_from([(1000, 1001), (1001, 1002)])  # a small component: always exact
    exact = _peer(g, nx.closeness_centrality(g))
    m = node_metrics(g, betweenness="exact", closeness="sampled", samples=60, seed=3)
    estimate = _column(m, "closeness")
    assert np.median(np.abs(estimate - exact) / exact) < 0.02
    assert np.corrcoef(estimate, exact)[0, 1] > 0.95
    np.testing.assert_allclose(_column(m, "betweenness"), _peer(g, nx.betweenness_centrality(g)))
    np.testing.assert_allclose(estimate[-3:], exact[-3:], **TOL)
    k5 = node_metrics(nx.complete_graph(8), betweenness="sampled", samples=3)
    np.testing.assert_allclose(_column(k5, "closeness"), [1] * 8, **TOL)


def test_igraph_input_gives_the_same_table():
    g = _weighted(1)
    nx.set_node_attributes(g, {v: ["PRC", "HES", "PUB"][v % 3] for v in g}, "type")
    from_nx = node_metrics(g)
    assert from_nx["type"].tolist() == [["PRC", "HES", "PUB"][v % 3] for v in g]
    pd.testing.assert_frame_equal(node_metrics(to_igraph(g)), from_nx)


def test_on_a_projection():
    table = pd.DataFrame(
        {
            "organisation": list("abcabdef"),
            "project": list("xxxyyzzw"),
            "type": ["PRC", "HES", "REC", "PRC", "HES", "PUB", "OTH", "PRC"],
        }
    )
    g = project_organisations(table, backend="igraph")
    m = node_metrics(g)
    assert m["organisation"].tolist() == ["a", "b", "c", "d", "e", "f"]
    assert m["type"].tolist() == ["PRC", "HES", "REC", "PUB", "OTH", "PRC"]
    assert m["strength"].tolist() == [3.0, 3.0, 2.0, 1.0, 1.0, 0.0]
    assert m["component"].tolist() == [0, 0, 0, 1, 1, 2]
    assert math.isnan(m.loc[5, "constraint"]) and math.isnan(m.loc[5, "effective_size"])


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.permutations(list(range(12))))
def test_node_order_does_not_change_the_values(seed, order):
    g = nx.gnp_random_graph(12, 0.3, seed=seed)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(order)
    shuffled.add_edges_from(g.edges)
    a = node_metrics(g).set_index("organisation").drop(columns="component")
    b = node_metrics(shuffled).set_index("organisation").drop(columns="component")
    b = b.loc[a.index]
    for column in a.columns.drop(["type", "eigenvector"]):
        np.testing.assert_allclose(_column(a, column), _column(b, column), **TOL)
    if nx.is_connected(g):  # the leading eigenvector is unique
        np.testing.assert_allclose(_column(a, "eigenvector"), _column(b, "eigenvector"), **TOL)


# degenerate graphs and failure paths ---------------------------------------------------------


def test_degenerate_graphs():
    empty = node_metrics(nx.Graph())
    assert empty.empty and list(empty.columns) == COLUMNS
    edgeless = node_metrics(nx.empty_graph(3))
    assert edgeless["degree"].tolist() == [0, 0, 0]
    assert edgeless["betweenness"].tolist() == [0, 0, 0]
    assert edgeless["closeness"].tolist() == [0, 0, 0]
    assert edgeless[["eigenvector", "constraint", "effective_size"]].isna().all().all()
    assert edgeless["component"].tolist() == [0, 1, 2]
    pair = node_metrics(nx.path_graph(2))
    assert pair["betweenness"].tolist() == [0, 0] and pair["closeness"].tolist() == [1, 1]


@pytest.mark.parametrize(
    ("graph", "kwargs", "message"),
    [
        (nx.path_graph(3), {"betweenness": "approximate"}, r"betweenness: expected one of"),
        (nx.path_graph(3), {"closeness": "harmonic"}, r"closeness: expected one of"),
        (nx.path_graph(3), {"samples": 1}, r"samples: expected an integer ≥ 2, got 1"),
        (nx.path_graph(3), {"samples": 2.5}, r"samples: expected an integer"),
        (nx.path_graph(3), {"seed": "x"}, r"seed: expected an integer or None"),
        (nx.DiGraph([(0, 1)]), {}, "undirected networkx.Graph, got DiGraph"),
        (nx.MultiGraph([(0, 1)]), {}, "got MultiGraph"),
        (nx.Graph([(0, 0)]), {}, "no self-loops"),
        (nx.Graph([(0, 1, {"weight": float("inf")})]), {}, "finite and ≥ 0"),
        ([(0, 1)], {}, "expected a networkx.Graph or igraph.Graph, got list"),
    ],
)
def test_node_metrics_rejects_bad_input(graph, kwargs, message):
    with pytest.raises(InputError, match=message):
        node_metrics(graph, **kwargs)


def test_node_metrics_rejects_directed_igraph():
    g = to_igraph(nx.path_graph(3))
    g.to_directed()
    with pytest.raises(InputError, match="undirected igraph.Graph"):
        node_metrics(g)


# graph summary -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
def test_graph_summary_equals_networkx(seed):
    g = _weighted(seed)
    s = graph_summary(g)
    components = list(nx.connected_components(g))
    assert s["nodes"] == g.number_of_nodes() and s["edges"] == g.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(g), rel=1e-12)
    assert s["components"] == len(components)
    assert s["largest_component"] == max(map(len, components))
    assert s["isolates"] == nx.number_of_isolates(g)
    assert s["transitivity"] == pytest.approx(nx.transitivity(g), rel=1e-12)
    assert s["average_clustering"] == pytest.approx(nx.average_clustering(g), rel=1e-12)
    assert s["total_weight"] == pytest.approx(g.size(weight="weight"), rel=1e-12)
    assert s["mean_strength"] == pytest.approx(2 * g.size(weight="weight") / len(g), rel=1e-12)


def test_graph_summary_of_tiny_graphs():
    assert math.isnan(graph_summary(nx.Graph())["density"])
    single = graph_summary(nx.empty_graph(1))
    assert math.isnan(single["density"]) and single["components"] == 1
    assert single["transitivity"] == 0.0 and single["isolates"] == 1
