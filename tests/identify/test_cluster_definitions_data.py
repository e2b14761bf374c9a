"""Data-driven cluster definitions: similarity, validation scores, derivation, comparison."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.cluster_definitions_data import (
    adjusted_rand_index,
    compare_definitions,
    derive_cluster_definitions,
    industry_similarity,
    validation_scores,
)


def _two_groups(seed: int = 0) -> pd.DataFrame:
    """Industries a, b, c locate in regions R0-R5; d, e, f in R6-R11 (plus noise)."""
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(12):
        for k, name in enumerate("abcdef"):
            big = (r < 6) == (k < 3)
            rows.append((f"R{r:02d}", name, (100 if big else 10) + rng.integers(0, 10)))
    return pd.DataFrame(rows, columns=["region", "industry", "value"])


def _pairs(matrix: np.ndarray, names: str) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame(
        {
            "industry_i": np.repeat(list(names), n),
            "industry_j": np.tile(list(names), n),
            "value": matrix.ravel(),
        }
    )


def test_adjusted_rand_index_by_hand():
    assert adjusted_rand_index([1, 1, 2, 2], ["x", "x", "y", "y"]) == 1.0
    # cross table [[2, 0], [1, 1], [0, 1]]: index 1, E = 2 * 4 / 10, max 3
    assert adjusted_rand_index([1, 1, 2, 2, 3], [1, 1, 1, 2, 2]) == pytest.approx(
        (1 - 0.8) / (3 - 0.8)
    )
    assert adjusted_rand_index([1, 1, 1], [2, 2, 2]) == 1.0
    assert adjusted_rand_index([1, 2, 3], [1, 1, 1]) == 0.0


def test_adjusted_rand_index_against_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(2, 60))
        a, b = rng.integers(0, 5, n), rng.integers(0, 4, n)
        assert adjusted_rand_index(a, b) == pytest.approx(
            metrics.adjusted_rand_score(a, b), abs=1e-12
        )
        assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_index(b, a))


def test_validation_scores_by_hand():
    s = np.array([[1, 0.9, 0.1], [0.9, 1, 0.2], [0.1, 0.2, 1]])
    scores = validation_scores(_pairs(s, "abc"), {"a": "X", "b": "X", "c": "Y"}).iloc[0]
    # WCR_X = 0.9 > BCR_XY = 0.15; the singleton Y has no WCR: 1 of 2 comparisons
    assert scores["wcr"] == pytest.approx(0.9)
    assert scores["bcr"] == pytest.approx(0.15)
    assert scores["vs_cluster"] == pytest.approx(0.5)
    assert scores["vs_industry"] == pytest.approx(2 / 3)  # a: 0.9 > 0.1, b: 0.9 > 0.2, c fails
    # four industries, two clusters, a badly placed industry d
    s4 = np.array(
        [[1, .8, .1, .7], [.8, 1, .2, .6], [.1, .2, 1, .1], [.7, .6, .1, 1]]
    )  # fmt: skip
    bad = validation_scores(_pairs(s4, "abcd"), {"a": "X", "b": "X", "c": "Y", "d": "Y"})
    # WCR_X .8, WCR_Y .1, BCR_XY (.1 + .7 + .2 + .6) / 4 = .4 -> 1 of 2
    # WCR_a .8 > .4; b .8 > .4; c .1 > .15? no; d .1 > .65? no
    assert bad["vs_cluster"].iloc[0] == pytest.approx(0.5)
    assert bad["vs_industry"].iloc[0] == pytest.approx(0.5)
    good = validation_scores(_pairs(s4, "abcd"), {"a": "X", "b": "X", "c": "Y", "d": "X"})
    assert good["vs_industry"].iloc[0] == pytest.approx(0.75)  # only singleton c fails


def test_derive_recovers_planted_groups():
    definition, scores = derive_cluster_definitions(_two_groups())
    truth = {k: "first" if k in "abc" else "second" for k in "abcdef"}
    assert compare_definitions(definition, truth).adjusted_rand_index == 1.0
    assert scores.loc[scores["chosen"], "n_clusters"].item() == 2
    assert scores.loc[scores["chosen"], "vs_cluster"].item() == 1.0
    assert not definition["outlier"].any()
    assert (definition["within_relatedness"] > definition["between_relatedness"]).all()
    shuffled, _ = derive_cluster_definitions(_two_groups().sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(definition, shuffled)


def test_similarity_is_symmetric_and_scale_invariant():
    df = _two_groups(1)
    sim = industry_similarity(df)
    wide = sim.pivot(index="industry_i", columns="industry_j", values="value").to_numpy()
    np.testing.assert_allclose(wide, wide.T)
    np.testing.assert_allclose(np.diag(wide), 1.0)
    scaled = industry_similarity(df.assign(value=df["value"] * 7))
    np.testing.assert_allclose(sim["value"], scaled["value"])


def test_input_output_links_by_hand():
    df = _two_groups()[lambda d: d["industry"].isin(["a", "b", "c"])]
    flows = pd.DataFrame(
        {"industry_i": ["a", "a", "b", "c", "a"], "industry_j": ["b", "c", "a", "b", "a"],
         "value": [10.0, 30.0, 5.0, 20.0, 99.0]}
    )  # fmt: skip
    sim = industry_similarity(df, input_output=flows).set_index(["industry_i", "industry_j"])
    # a buys 5 (from b), sells 40 (10 to b, 30 to c); b buys 30, sells 5; c buys 30, sells 20
    # a-b: in_ab = 5/5, in_ba = 10/30, out_ab = 10/40, out_ba = 5/5 -> 1
    # a-c: in_ca = 30/30 -> 1;  b-c: in_bc = 20/30, out_cb = 20/20 -> 1; the a->a flow is ignored
    assert sim.loc[("a", "b"), "input_output"] == pytest.approx(1.0)
    assert sim.loc[("b", "a"), "input_output"] == pytest.approx(1.0)
    assert sim.loc[("a", "c"), "input_output"] == pytest.approx(1.0)
    assert "value" in sim and sim["value"].between(0, 1).all()
    with pytest.raises(InputError, match="no flows"):
        industry_similarity(_two_groups(), input_output=flows)


def test_compare_definitions_reports_unmatched_industries():
    a = pd.DataFrame({"industry": ["x", "y", "z", "w"], "cluster": ["A", "A", "B", "B"]})
    b = SimpleNamespace(mapping={"x": "1", "y": "1", "z": "2", "v": "3"})  # ClusterDefinition-like
    with pytest.warns(DataQualityWarning) as caught:
        result = compare_definitions(a, b)
    messages = [str(w.message) for w in caught]
    assert any("in a but not in b" in m and "['w']" in m for m in messages)
    assert any("in b but not in a" in m and "['v']" in m for m in messages)
    assert result.adjusted_rand_index == 1.0
    assert result.n_common == 3 and result.only_in_a == ("w",) and result.only_in_b == ("v",)
    assert result.crosstab.to_numpy().tolist() == [[2, 0], [0, 1]]


def test_demo_panel_definition():
    from clusterdialog.datasets import load_kreise_industries

    with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
        definition, scores = derive_cluster_definitions(
            load_kreise_industries(), period="period", suppressed="zero", n_clusters=(2, 4)
        )
    assert sorted(definition["industry"]) == sorted(load_kreise_industries()["industry"].unique())
    assert scores["n_clusters"].tolist() == [2, 3, 4]
    assert scores["chosen"].sum() == 1


def test_bad_input():
    df = _two_groups()
    with pytest.raises(InputError, match="method"):
        industry_similarity(df, method="rank")
    with pytest.raises(InputError, match="n_clusters"):
        derive_cluster_definitions(df, n_clusters=6)
    with pytest.raises(InputError, match="n_clusters"):
        derive_cluster_definitions(df, n_clusters=(4, 3))
    with pytest.raises(InputError, match="linkage"):
        derive_cluster_definitions(df, linkage="ward2")
    with pytest.raises(InputError, match="definition: expected"):
        validation_scores(industry_similarity(df), ["a", "b"])
    with pytest.raises(InputError, match="no industry in common"):
        with pytest.warns(DataQualityWarning, match="left out"):
            validation_scores(industry_similarity(df), {"q": "X"})
    with pytest.raises(InputError, match="same length"):
        adjusted_rand_index([1, 2], [1])
    with pytest.raises(InputError, match="at least 2 common"):
        compare_definitions({"x": 1}, {"x": 2})
