"""Participation tables, bipartite graphs, projections and snapshots (network.build)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms import bipartite

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.network.build import (
    bipartite_graph,
    participation_table,
    project_organisations,
    projection_matrix,
    snapshots,
    to_igraph,
)


def _random_participations(seed: int, n_org: int = 30, n_proj: int = 20) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(n_proj):
        size = int(rng.integers(1, 7))
        for o in rng.choice(n_org, size=size, replace=False):
            rows.append((f"o{o:02d}", f"p{p:02d}", ["PRC", "HES", "REC", "PUB", "OTH"][o % 5]))
    table = pd.DataFrame(rows, columns=["organisation", "project", "type"])
    table["year"] = table["project"].str[1:].astype(int) % 4 + 2015
    return table


def _edges(graph: nx.Graph, attribute: str) -> dict[frozenset, float]:
    return {frozenset((a, b)): w for a, b, w in graph.edges(data=attribute)}


# participation_table ------------------------------------------------------------------------


def test_participation_table_renames_and_converts_ids():
    raw = pd.DataFrame(
        {
            "pic": [1.0, 2.0, 2.0],
            "rcn": [10, 10, 11],
            "kind": ["PRC", "HES", "HES"],
            "eur": ["5", 7, 1.5],
            "start": [2015.0, 2015.0, 2016.0],
            "c": ["DE", "NA", "FR"],
        }
    )
    before = raw.copy()
    out = participation_table(
        raw,
        organisation="pic",
        project="rcn",
        type="kind",
        weight="eur",
        year="start",
        country="c",
    )
    pd.testing.assert_frame_equal(raw, before)
    assert list(out.columns) == ["organisation", "project", "type", "weight", "year", "country"]
    assert out["organisation"].tolist() == ["1", "2", "2"]
    assert out["project"].tolist() == ["10", "10", "11"]
    assert out["weight"].tolist() == [5.0, 7.0, 1.5]
    assert out["year"].dtype == "Int64" and out["year"].tolist() == [2015, 2015, 2016]
    assert out["country"].tolist() == ["DE", "NA", "FR"]


def test_participation_table_merges_repeated_pairs():
    raw = pd.DataFrame(
        {"organisation": ["a", "a", "b"], "project": ["x", "x", "x"], "weight": [1.0, 2.0, 4.0]}
    )
    with pytest.warns(DataQualityWarning, match=r"1 row\(s\) \(33.3% of 3\) repeat"):
        out = participation_table(raw, weight="weight")
    assert out.set_index("organisation")["weight"].to_dict() == {"a": 3.0, "b": 4.0}


def test_participation_table_repairs_types_and_years_with_warnings():
    raw = pd.DataFrame(
        {
            "organisation": ["a", "a", "a", "b", "c"],
            "project": ["x", "y", "z", "x", "y"],
            "type": ["HES", "HES", "REC", None, "PUB"],
            "year": [2016, 2015, 2017, 2015, 2015],
        }
    )
    with pytest.warns(DataQualityWarning) as caught:
        out = participation_table(raw, type="type", year="year")
    messages = " ".join(str(w.message) for w in caught)
    assert "1 row(s) (20.0% of 5) have no type" in messages
    assert "more than one type; kept the most frequent" in messages
    assert "more than one year; kept the earliest" in messages
    assert out.groupby("organisation")["type"].first().to_dict() == {
        "a": "HES",
        "b": "unknown",
        "c": "PUB",
    }
    assert out.groupby("project")["year"].first().to_dict() == {"x": 2015, "y": 2015, "z": 2017}


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        ({"organisation": ["a", None], "project": ["x", "x"]}, {}, r"'organisation'.*row\(s\) 1"),
        ({"organisation": ["a", "b"], "project": ["x", " "]}, {}, r"'project'.*1 missing or empty"),
        ({"organisation": ["a"], "project": ["x"]}, {"type": "kind"}, r"type: column 'kind'"),
        ({"organisation": ["a"], "project": ["x"], "w": [-1]}, {"weight": "w"}, r"≥ 0.*-1"),
        ({"organisation": ["a"], "project": ["x"], "w": ["lots"]}, {"weight": "w"}, "numeric"),
        ({"organisation": ["a"], "project": ["x"], "y": [2015.5]}, {"year": "y"}, "whole"),
    ],
)
def test_participation_table_rejects_bad_input(frame, kwargs, message):
    with pytest.raises(InputError, match=message):
        participation_table(pd.DataFrame(frame), **kwargs)


def test_participation_table_rejects_non_frames():
    with pytest.raises(InputError, match="expected a pandas DataFrame, got list"):
        participation_table([("a", "x")])


# projections ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_projection_equals_networkx_bipartite_projections(seed):
    table = _random_participations(seed)
    b = nx.Graph()
    b.add_nodes_from(table["organisation"], bipartite=0)
    b.add_nodes_from(table["project"], bipartite=1)
    b.add_edges_from(table[["organisation", "project"]].itertuples(index=False))
    organisations = sorted(set(table["organisation"]))
    peers = {
        "count": bipartite.weighted_projected_graph(b, organisations),
        "newman": bipartite.collaboration_weighted_projected_graph(b, organisations),
    }
    for scheme, peer in peers.items():
        ours = project_organisations(table, weight=scheme)
        assert sorted(ours.nodes) == sorted(peer.nodes)
        mine, theirs = _edges(ours, "weight"), _edges(peer, "weight")
        assert mine.keys() == theirs.keys()
        np.testing.assert_allclose(
            [mine[e] for e in theirs], list(theirs.values()), rtol=1e-12, atol=0
        )
    counts = _edges(project_organisations(table, weight="newman"), "count")
    assert counts == _edges(peers["count"], "weight")
    assert set(_edges(project_organisations(table, weight="binary"), "weight").values()) == {1.0}


def test_projection_matrix_hand_case():
    # x = {a, b, c}: 1/(3-1) each; y = {a, b}: 1/(2-1); z = {d} alone adds nothing
    table = pd.DataFrame({"organisation": list("abcabd"), "project": list("xxxyyz")})
    w, ids = projection_matrix(table, weight="newman")
    assert list(ids) == ["a", "b", "c", "d"]
    expected = [[0, 1.5, 0.5, 0], [1.5, 0, 0.5, 0], [0.5, 0.5, 0, 0], [0, 0, 0, 0]]
    np.testing.assert_array_equal(w.toarray(), expected)
    count, _ = projection_matrix(table)
    np.testing.assert_array_equal(
        count.toarray(), [[0, 2, 1, 0], [2, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]]
    )


def test_project_organisations_nodes_and_attributes():
    table = pd.DataFrame(
        {
            "organisation": list("abcabd"),
            "project": list("xxxyyz"),
            "type": ["PRC", "HES", "REC", "PRC", "HES", "PUB"],
            "country": ["DE", "FR", "DE", "DE", "FR", "IT"],
            "contribution": [1, 2, 3, 4, 5, 6],
        }
    )
    g = project_organisations(table)
    assert list(g.nodes) == ["a", "b", "c", "d"]  # sorted, the isolate d included
    assert g.nodes["a"] == {"type": "PRC", "country": "DE", "projects": 2}
    assert g.edges["a", "b"] == {"weight": 2.0, "count": 2}
    assert g.graph["weight"] == "count"
    assert nx.number_of_isolates(g) == 1


def test_igraph_backend_matches_networkx():
    table = _random_participations(5)
    nxg = project_organisations(table, weight="newman")
    igg = project_organisations(table, weight="newman", backend="igraph")
    assert igg.vs["name"] == list(nxg.nodes)
    assert igg.vs["type"] == [t for _, t in nxg.nodes(data="type")]
    names = igg.vs["name"]
    mine = {
        frozenset((names[e.source], names[e.target])): (e["weight"], e["count"]) for e in igg.es
    }
    theirs = {frozenset((a, b)): (d["weight"], d["count"]) for a, b, d in nxg.edges(data=True)}
    assert mine == theirs


def test_year_selection_and_snapshots():
    table = _random_participations(3)
    yearly = snapshots(table)
    cumulative = snapshots(table, period="cumulative")
    assert list(yearly) == [2015, 2016, 2017, 2018]
    for y, g in yearly.items():
        single = project_organisations(table, year=y)
        assert _edges(g, "weight") == _edges(single, "weight")
        assert set(g.nodes) == set(table.loc[table["year"] == y, "organisation"])
        upto = project_organisations(table, years=range(2015, y + 1))
        assert _edges(cumulative[y], "weight") == _edges(upto, "weight")
    assert _edges(cumulative[2018], "weight") == _edges(project_organisations(table), "weight")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weight": "jaccard"}, r"weight: expected one of \['count', 'newman', 'binary'\]"),
        ({"backend": "graph-tool"}, "backend: expected one of"),
        ({"year": 2015, "years": [2016]}, "give one of them"),
        ({"year": "2015"}, "year: expected an integer year"),
        ({"years": 2015}, "years: expected an iterable"),
    ],
)
def test_project_organisations_rejects_bad_arguments(kwargs, message):
    with pytest.raises(InputError, match=message):
        project_organisations(_random_participations(0), **kwargs)


def test_year_needs_a_year_column():
    table = pd.DataFrame({"organisation": ["a"], "project": ["x"]})
    with pytest.raises(InputError, match="no 'year' column"):
        project_organisations(table, year=2015)
    with pytest.raises(InputError, match="snapshots need a 'year' column"):
        snapshots(table)
    with pytest.raises(InputError, match="period: expected one of"):
        snapshots(_random_participations(0), period="month")


def test_empty_table_gives_an_empty_graph():
    empty = pd.DataFrame({"organisation": pd.Series([], dtype=str), "project": []})
    g = project_organisations(empty)
    assert g.number_of_nodes() == 0
    w, ids = projection_matrix(empty)
    assert w.shape == (0, 0) and len(ids) == 0


# bipartite graph and conversion --------------------------------------------------------------


def test_bipartite_graph_projects_like_ours():
    table = _random_participations(4)
    table["role"] = "participant"
    b = bipartite_graph(table)
    organisations = {n for n, side in b.nodes(data="bipartite") if side == 0}
    assert organisations == set(table["organisation"])
    assert bipartite.is_bipartite(b) and b.number_of_edges() == len(table)
    assert b.nodes[table["project"].iloc[0]]["year"] == table["year"].iloc[0]
    peer = bipartite.weighted_projected_graph(b, sorted(organisations))
    assert _edges(peer, "weight") == _edges(project_organisations(table), "weight")


def test_bipartite_graph_rejects_shared_ids():
    table = pd.DataFrame({"organisation": ["1", "2"], "project": ["1", "1"]})
    with pytest.raises(InputError, match=r"1 id\(s\) are both an organisation and a project"):
        bipartite_graph(table)


def test_to_igraph_keeps_order_and_checks_the_graph():
    g = nx.Graph()
    g.add_edge("b", "a", weight=2.0)
    g.add_node("c", type="PUB")
    out = to_igraph(g)
    assert out.vs["name"] == ["b", "a", "c"] and out.vs["type"] == [None, None, "PUB"]
    assert out.get_edgelist() == [(0, 1)] and out.es["weight"] == [2.0]
    with pytest.raises(InputError, match="undirected networkx.Graph, got DiGraph"):
        to_igraph(nx.DiGraph([(1, 2)]))
    with pytest.raises(InputError, match="no self-loops, got 1"):
        to_igraph(nx.Graph([(1, 1)]))
    with pytest.raises(InputError, match="finite and ≥ 0"):
        to_igraph(nx.Graph([(1, 2, {"weight": -1})]))


def test_cordis_subset_matches_networkx(shared):
    """Real CORDIS participations: the projects with a Luxembourg partner in 2016."""
    raw = pd.read_csv(
        shared / "data" / "cordis_h2020_participations.csv.gz",
        keep_default_na=False,
        na_values={"contribution": ["NA"], "start_year": ["NA"]},
        dtype={"rcn": str, "pic": str},
    )
    raw = raw[raw["start_year"] == 2016]
    raw = raw[raw["rcn"].isin(raw.loc[raw["country"] == "LU", "rcn"])]
    with pytest.warns(DataQualityWarning, match=r"row\(s\) \(12.5% of 902\) have no weight"):
        table = participation_table(
            raw, organisation="pic", project="rcn", type="type", weight="contribution"
        )
    ours = project_organisations(table, weight="newman")
    b = bipartite_graph(table)
    peer = bipartite.collaboration_weighted_projected_graph(b, sorted(set(table["organisation"])))
    assert ours.number_of_nodes() == table["organisation"].nunique() > 300
    mine, theirs = _edges(ours, "weight"), _edges(peer, "weight")
    assert mine.keys() == theirs.keys()
    np.testing.assert_allclose([mine[e] for e in theirs], list(theirs.values()), rtol=1e-12)
