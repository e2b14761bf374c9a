"""Input-output cluster templates (Feser & Bergman 2000): similarity, grouping, definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import InputError
from clusterdialog.identify.definitions import ClusterDefinition
from clusterdialog.valuechain.table import IOTable
from clusterdialog.valuechain.templates import (
    io_cluster_templates,
    linkage_similarity,
    templates_to_definition,
)

SECTORS = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]


@pytest.fixture(scope="module")
def two_chains() -> IOTable:
    z = [[0, 9, 0, 1], [1, 0, 1, 0], [0, 1, 0, 9], [1, 0, 1, 0]]
    return IOTable.from_arrays(["a", "b", "c", "d"], z, [10, 10, 10, 10])


@pytest.fixture(scope="module")
def germany(shared) -> IOTable:
    raw = pd.read_csv(shared / "data" / "io_de_1995_eurostat_manual.csv").set_index("prod_na")
    columns = raw.columns[4:10]
    output = raw.loc["P1", columns].to_numpy(float)
    z = raw.loc[SECTORS, columns].to_numpy(float)
    return IOTable.from_arrays(SECTORS, z, output - z.sum(axis=1), output=output)


def test_similarity_by_hand():
    t = IOTable.from_arrays(["a", "b", "c"], [[0, 8, 1], [1, 0, 9], [9, 1, 0]], [10, 10, 10])
    s = linkage_similarity(t)
    # inputs of a: (0, 1, 9)/10, of b: (8, 0, 1)/9; outputs of a: (0, 8, 1)/9, of b: (1, 0, 9)/10
    in_a, in_b = np.array([0, 0.1, 0.9]), np.array([8, 0, 1]) / 9
    out_a, out_b = np.array([0, 8, 1]) / 9, np.array([0.1, 0, 0.9])
    pairs = ((in_a, in_b), (out_a, out_b), (in_a, out_b), (in_b, out_a))
    candidates = [np.corrcoef(p, q)[0, 1] for p, q in pairs]
    assert s.loc["a", "b"] == pytest.approx(max(candidates), abs=1e-12)
    np.testing.assert_allclose(s, s.T)
    np.testing.assert_array_equal(np.diag(s), 1.0)


def test_own_flows_are_left_out_by_default():
    z = [[50, 1, 2], [1, 0, 9], [9, 1, 0]]
    t = IOTable.from_arrays(["a", "b", "c"], z, [10, 10, 10])
    without = linkage_similarity(t)
    modified = IOTable.from_arrays(["a", "b", "c"], [[0, 1, 2], [1, 0, 9], [9, 1, 0]], [10, 10, 10])
    np.testing.assert_allclose(without, linkage_similarity(modified))
    assert not np.allclose(linkage_similarity(t, include_own_flows=True), without)


def test_two_chains_give_two_templates(two_chains):
    templates = io_cluster_templates(two_chains, n_clusters=2).set_index("sector")
    assert templates.loc["a", "template"] == templates.loc["c", "template"]
    assert templates.loc["b", "template"] == templates.loc["d", "template"]
    assert templates.loc["a", "template"] != templates.loc["b", "template"]
    s = linkage_similarity(two_chains)
    assert templates.loc["a", "mean_similarity"] == pytest.approx(s.loc["a", "c"])


def test_threshold_cut_and_singletons(germany):
    alone = io_cluster_templates(germany, min_similarity=1.0)
    assert alone["template"].nunique() == 6 and alone["mean_similarity"].isna().all()
    assert (alone["lead_sector"] == alone["sector"]).all()
    together = io_cluster_templates(germany, min_similarity=-1.0)
    assert together["template"].nunique() == 1
    three = io_cluster_templates(germany, n_clusters=3)
    sizes = three["template"].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing and sizes.sum() == 6 and len(sizes) == 3


def test_templates_to_definition(germany):
    definition = templates_to_definition(io_cluster_templates(germany, n_clusters=2))
    assert isinstance(definition, ClusterDefinition)
    assert sorted(definition.mapping) == sorted(SECTORS)
    assert set(definition.clusters) == {"1", "2"}
    assert all(name.startswith(("T1: ", "T2: ")) for name in definition.names.values())


def test_failures(two_chains):
    with pytest.raises(InputError, match="n_clusters: expected an integer from 2 to 4, got 1"):
        io_cluster_templates(two_chains, n_clusters=1)
    with pytest.raises(InputError, match="n_clusters"):
        io_cluster_templates(two_chains, n_clusters=5)
    with pytest.raises(InputError, match=r"min_similarity: expected a number in \[-1, 1\]"):
        io_cluster_templates(two_chains, min_similarity=2)
    small = IOTable.from_arrays(["a", "b"], [[1, 2], [3, 4]], [5, 6])
    with pytest.raises(InputError, match="at least 3 sectors"):
        linkage_similarity(small)
    with pytest.raises(InputError, match="expected an IOTable"):
        linkage_similarity(np.eye(3))
    with pytest.raises(InputError, match=r"columns \['lead_sector'\] missing"):
        templates_to_definition(pd.DataFrame({"sector": ["a"], "name": ["a"], "template": [1]}))
