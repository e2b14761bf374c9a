"""Partner recommendations: link-prediction scores against networkx, combination by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.network.matchmaking import recommend_partners


def _karate() -> nx.Graph:
    g = nx.karate_club_graph()
    types = ["PRC", "HES", "REC", "PUB"]
    nx.set_node_attributes(g, {v: types[v % 4] for v in g}, "type")
    return g


@pytest.mark.parametrize("focal", [0, 5, 33])
def test_link_prediction_scores_equal_networkx(focal):
    g = _karate()
    result = recommend_partners(g, focal, k=None).set_index("partner")
    candidates = set(g) - set(g[focal]) - {focal}
    assert set(result.index) == candidates
    pairs = [(focal, v) for v in sorted(candidates)]
    for (_, v), aa in zip(pairs, nx.adamic_adar_index(g, pairs), strict=True):
        assert result.loc[v, "adamic_adar"] == pytest.approx(aa[2], abs=1e-12)
    for (_, v), ra in zip(pairs, nx.resource_allocation_index(g, pairs), strict=True):
        assert result.loc[v, "resource_allocation"] == pytest.approx(ra[2], abs=1e-12)
    for _, v in pairs:
        assert result.loc[v, "common_neighbours"] == len(list(nx.common_neighbors(g, focal, v)))


def test_score_combines_scaled_components_by_hand():
    g = _karate()
    weights = {"adamic_adar": 2.0, "complementarity": 1.0}
    result = recommend_partners(g, 0, k=None, weights=weights)
    own = [g.nodes[v]["type"] for v in [0, *g[0]]]
    share = {t: own.count(t) / len(own) for t in set(own)}
    complementarity = 1 - result["type"].map(share).fillna(0.0)
    np.testing.assert_allclose(result["complementarity"], complementarity)
    expected = (2 * result["adamic_adar"] / result["adamic_adar"].max()
                + complementarity / complementarity.max()) / 3  # fmt: skip
    np.testing.assert_allclose(result["score"], expected, rtol=1e-12)
    assert (np.diff(result["score"]) <= 0).all()
    assert result["rank"].tolist() == list(range(1, len(result) + 1))
    assert result.attrs["weights"]["relatedness"] == 0.0  # no table given


def test_two_hop_candidates_and_k():
    g = _karate()
    near = recommend_partners(g, 33, k=None, candidates="two_hop")
    assert (near["common_neighbours"] > 0).all()
    top = recommend_partners(g, 33, k=3)
    assert len(top) == 3 and (top["organisation"] == 33).all()


def test_relatedness_and_explanations():
    g = nx.Graph([("me", "hub"), ("hub", "a"), ("hub", "b"), ("hub", "c")])
    nx.set_node_attributes(g, {"me": "PRC", "hub": "HES", "a": "PRC", "b": "PRC", "c": "REC"},
                           "type")  # fmt: skip
    nx.set_node_attributes(g, {"me": "26", "a": "27", "b": "26", "c": "72"}, "industry")
    nx.set_node_attributes(g, {"hub": "TU Dresden"}, "name")
    table = pd.DataFrame({"industry_i": ["26", "26", "26"], "industry_j": ["26", "27", "72"],
                          "value": [0.0, 2.5, 0.5]})  # fmt: skip
    result = recommend_partners(g, "me", relatedness=table).set_index("partner")
    assert result.loc["a", "relatedness"] == 2.5
    assert result.loc["b", "relatedness"] == 0.0  # the table's own value for the same industry
    assert "relatedness 2.50" in result.loc["a", "explanation_en"]
    assert "Verwandtschaft 2,50" in result.loc["a", "explanation_de"]
    assert "(TU Dresden)" in result.loc["a", "explanation_en"]
    assert "derselben Branche (26)" in result.loc["b", "explanation_de"]
    no_diagonal = table.iloc[1:]
    result = recommend_partners(g, "me", relatedness=no_diagonal).set_index("partner")
    assert result.loc["b", "relatedness"] == 2.5  # largest value of the table


def test_recommend_partners_fails_loudly():
    g = _karate()
    with pytest.raises(InputError, match="organisation: 99 is not a node"):
        recommend_partners(g, 99)
    with pytest.raises(InputError, match="k: expected a positive integer"):
        recommend_partners(g, 0, k=0)
    with pytest.raises(InputError, match=r"weights: expected keys among .*, got \['jaccard'\]"):
        recommend_partners(g, 0, weights={"jaccard": 1.0})
    with pytest.raises(InputError, match="weights: expected a positive weight"):
        recommend_partners(g, 0, weights={"relatedness": 1.0})
    with pytest.raises(InputError, match=r"relatedness: expected a DataFrame with columns"):
        recommend_partners(g, 0, relatedness=pd.DataFrame({"a": [1]}))
    with pytest.raises(InputError, match=r"candidates: expected one of \['all', 'two_hop'\]"):
        recommend_partners(g, 0, candidates="near")
