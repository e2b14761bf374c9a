"""Validation scores of cluster definitions and their comparison.

How well a definition groups related industries (Delgado, Porter & Stern
2016: relatedness within clusters against relatedness between them), and how
two definitions agree (adjusted Rand index and cross table).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError

__all__ = [
    "DefinitionComparison",
    "adjusted_rand_index",
    "compare_definitions",
    "validation_scores",
]

_PAIR_KEYS = ("industry_i", "industry_j")


def _definition(definition: object, industry: str, cluster: str) -> dict[str, str]:
    """industry → cluster from a table, a mapping or an object with ``.mapping``."""
    if hasattr(definition, "mapping"):
        definition = definition.mapping
    if isinstance(definition, pd.DataFrame):
        missing = [c for c in (industry, cluster) if c not in definition.columns]
        if missing:
            raise InputError(f"definition: missing column(s) {missing}")
        definition = dict(zip(definition[industry], definition[cluster], strict=True))
    if isinstance(definition, pd.Series):
        definition = definition.to_dict()
    if not isinstance(definition, Mapping):
        raise InputError(
            f"definition: expected a table with columns {industry!r}, {cluster!r}, a mapping "
            f"or a ClusterDefinition, got {type(definition).__name__}"
        )
    return {str(k): str(v) for k, v in definition.items() if not pd.isna(v)}


def _to_clusters(s: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, ...]:
    """Mean similarity of each industry to each cluster (itself excluded), membership."""
    codes = np.unique(labels, return_inverse=True)[1]
    member = np.eye(codes.max() + 1)[codes]  # industries × clusters
    s = np.where(np.eye(len(s), dtype=bool), 0.0, s)
    others = member.sum(axis=0)[None, :] - member  # cluster sizes without i
    with np.errstate(invalid="ignore", divide="ignore"):
        return (s @ member) / others, member, s  # WCR_i in own column, BCR_ic' elsewhere


def _scores(s: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """WCR, BCR and the validation scores of one similarity matrix and one partition."""
    mean_to, member, s = _to_clusters(s, labels)
    sizes = member.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        block = member.T @ s @ member
        pairs = np.outer(sizes, sizes) - np.diag(sizes)
        cluster_mean = block / pairs  # WCR_c on the diagonal, BCR_cc' off it
    own = member.astype(bool)
    wcr_i = mean_to[own]
    beats = (wcr_i[:, None] > mean_to) & ~own
    n, k = len(labels), len(sizes)
    within = np.triu(labels[:, None] == labels[None, :], k=1)
    between = np.triu(labels[:, None] != labels[None, :], k=1)
    comparisons_c = k * (k - 1)
    beats_c = (np.diag(cluster_mean)[:, None] > cluster_mean) & ~np.eye(k, dtype=bool)
    return {
        "n_industries": n,
        "n_clusters": k,
        "wcr": float(s[within].mean()) if within.any() else np.nan,
        "bcr": float(s[between].mean()) if between.any() else np.nan,
        "vs_cluster": float(beats_c.sum() / comparisons_c) if k > 1 else np.nan,
        "vs_industry": float(beats.sum() / (n * (k - 1))) if k > 1 else np.nan,
    }


def _similarity_matrices(similarity: pd.DataFrame, industries: list[str]) -> dict:
    if not isinstance(similarity, pd.DataFrame) or not set(_PAIR_KEYS) <= set(similarity):
        raise InputError(f"similarity: expected a long table with columns {list(_PAIR_KEYS)}")
    table = similarity.astype(dict.fromkeys(_PAIR_KEYS, str))
    measures = [c for c in table.columns if c not in _PAIR_KEYS]
    out = {}
    for name in measures:
        wide = table.pivot(index=_PAIR_KEYS[0], columns=_PAIR_KEYS[1], values=name)
        out[name] = wide.reindex(index=industries, columns=industries).to_numpy(float)
    return out


def validation_scores(
    similarity: pd.DataFrame,
    definition: object,
    *,
    industry: str = "industry",
    cluster: str = "cluster",
) -> pd.DataFrame:
    r"""Within- and between-cluster relatedness of a cluster definition (Delgado et al. 2016).

    For a relatedness matrix S and clusters c, c′ (pairs i ≠ j):

    .. math::

        WCR_c = \operatorname{mean}_{i, j \in c} S_{ij}, \quad
        BCR_{cc'} = \operatorname{mean}_{i \in c, j \in c'} S_{ij}, \quad
        WCR_i = \operatorname{mean}_{j \in c(i)} S_{ij}, \quad
        BCR_{ic'} = \operatorname{mean}_{j \in c'} S_{ij}

    ``vs_cluster`` is the share of pairs (c, c′ ≠ c) with
    :math:`WCR_c > BCR_{cc'}`, ``vs_industry`` the share of pairs (i, c′ ≠ c(i))
    with :math:`WCR_i > BCR_{ic'}`; ``wcr`` and ``bcr`` are the mean
    relatedness of all pairs within and between clusters.

    Parameters
    ----------
    similarity : pandas.DataFrame
        ``industry_i, industry_j`` and one or more relatedness columns (the
        output of :func:`industry_similarity`, or a proximity/relatedness
        table of :mod:`clusterdialog.measures`).
    definition : DataFrame, mapping or ClusterDefinition
        Industry → cluster (a table with the columns ``industry``, ``cluster``).
    industry, cluster : str
        Columns of a definition table.

    Returns
    -------
    pandas.DataFrame
        One row per relatedness column: ``measure, n_industries, n_clusters,
        wcr, bcr, vs_cluster, vs_industry``.

    Raises
    ------
    InputError
        For a bad similarity table or definition, or no common industries.

    Warns
    -----
    DataQualityWarning
        Naming industries that are in only one of the two inputs (they are left out).

    Notes
    -----
    A singleton cluster has no within-cluster pair: its comparisons count as
    failures (a single industry is no cluster), so scores fall for
    definitions with many singletons.  Delgado, Porter & Stern (2016, section
    3) define the scores per relatedness matrix and average them; this
    implementation follows our reading of their definitions (share of
    comparisons won) and should be checked against the paper before
    comparing numbers with it.

    References
    ----------
    .. [1] Delgado, M., Porter, M. E., & Stern, S. (2016). Defining clusters of
       related industries. Journal of Economic Geography 16(1), 1–38.
       https://doi.org/10.1093/jeg/lbv017

    Examples
    --------
    >>> import pandas as pd
    >>> sim = pd.DataFrame({"industry_i": list("aaabbbccc"), "industry_j": list("abc") * 3,
    ...                     "value": [1, .9, .1, .9, 1, .2, .1, .2, 1]})
    >>> validation_scores(sim, {"a": "X", "b": "X", "c": "Y"})
      measure  n_industries  n_clusters  wcr   bcr  vs_cluster  vs_industry
    0   value             3           2  0.9  0.15         0.5     0.666667
    """
    mapping = _definition(definition, industry, cluster)
    labelled = pd.Index(sorted(set(similarity[_PAIR_KEYS[0]].astype(str))))
    common = labelled.intersection(pd.Index(sorted(mapping)))
    _warn_unmatched(labelled, pd.Index(list(mapping)), "similarity", "definition")
    if common.empty:
        raise InputError("definition: no industry in common with the similarity table")
    labels = np.array([mapping[i] for i in common])
    rows = []
    for name, matrix in _similarity_matrices(similarity, list(common)).items():
        rows.append({"measure": name, **_scores(matrix, labels)})
    return pd.DataFrame(rows)


def _warn_unmatched(a: pd.Index, b: pd.Index, name_a: str, name_b: str) -> None:
    only_a, only_b = a.difference(b), b.difference(a)
    for only, here, there in ((only_a, name_a, name_b), (only_b, name_b, name_a)):
        if len(only):
            warnings.warn(
                f"{len(only)} of {len(a.union(b))} industries are in {here} but not in "
                f"{there} and were left out: {list(only[:10])}",
                DataQualityWarning,
                stacklevel=3,
            )


def adjusted_rand_index(labels_a: object, labels_b: object) -> float:
    r"""Adjusted Rand index of two partitions of the same items (Hubert & Arabie 1985).

    .. math::

        ARI = \frac{\sum_{ij} \binom{n_{ij}}{2} - E}{\tfrac12 \left(\sum_i
        \binom{a_i}{2} + \sum_j \binom{b_j}{2}\right) - E}, \quad
        E = \frac{\sum_i \binom{a_i}{2} \sum_j \binom{b_j}{2}}{\binom{n}{2}}

    with :math:`n_{ij}` the cross table and :math:`a_i, b_j` its margins.
    1 for identical partitions, about 0 for unrelated ones; 1 also when both
    are a single cluster or all singletons, 0 when only one of them is.

    >>> adjusted_rand_index([1, 1, 2, 2], ["x", "x", "y", "y"])
    1.0
    >>> round(adjusted_rand_index([1, 1, 2, 2, 3], [1, 1, 1, 2, 2]), 4)  # (1 - 0.8) / (3 - 0.8)
    0.0909
    """
    a, b = pd.Series(labels_a, dtype=object), pd.Series(labels_b, dtype=object)
    if len(a) != len(b) or len(a) < 2:
        raise InputError(f"labels: expected two sequences of the same length >= 2, got "
                         f"{len(a)} and {len(b)}")  # fmt: skip
    table = pd.crosstab(a.to_numpy(), b.to_numpy()).to_numpy()

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2.0).sum())

    index, sum_a, sum_b = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = sum_a * sum_b / pairs(np.array([len(a)]))
    maximum = (sum_a + sum_b) / 2.0
    if maximum == expected:
        return 1.0 if sum_a == sum_b else 0.0
    return (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class DefinitionComparison:
    """Result of :func:`compare_definitions`.

    Attributes
    ----------
    adjusted_rand_index : float
        Agreement of the two partitions on their common industries.
    crosstab : pandas.DataFrame
        Industries per (cluster of a) × (cluster of b).
    n_common : int
        Number of industries in both definitions.
    only_in_a, only_in_b : tuple of str
        Industries in one definition only (left out of the comparison).
    """

    adjusted_rand_index: float
    crosstab: pd.DataFrame
    n_common: int
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]


def compare_definitions(
    a: object, b: object, *, industry: str = "industry", cluster: str = "cluster"
) -> DefinitionComparison:
    """Compare two cluster definitions: adjusted Rand index and cross table.

    Parameters
    ----------
    a, b : DataFrame, mapping or ClusterDefinition
        Industry → cluster (tables with the columns ``industry``, ``cluster``).
    industry, cluster : str
        Columns of definition tables.

    Returns
    -------
    DefinitionComparison

    Raises
    ------
    InputError
        For a bad definition or fewer than 2 common industries.

    Warns
    -----
    DataQualityWarning
        Naming industries in only one definition.

    References
    ----------
    .. [1] Hubert, L., & Arabie, P. (1985). Comparing partitions. Journal of
       Classification 2(1), 193–218. https://doi.org/10.1007/BF01908075

    Examples
    --------
    >>> result = compare_definitions({"x": "A", "y": "A", "z": "B"}, {"x": 1, "y": 1, "z": 1})
    >>> result.adjusted_rand_index, result.crosstab.shape
    (0.0, (2, 1))
    """
    map_a, map_b = _definition(a, industry, cluster), _definition(b, industry, cluster)
    index_a, index_b = pd.Index(sorted(map_a)), pd.Index(sorted(map_b))
    _warn_unmatched(index_a, index_b, "a", "b")
    common = index_a.intersection(index_b)
    if len(common) < 2:
        raise InputError(f"a, b: need at least 2 common industries, got {len(common)}")
    labels_a, labels_b = [map_a[i] for i in common], [map_b[i] for i in common]
    table = pd.crosstab(pd.Series(labels_a, name="a"), pd.Series(labels_b, name="b"))
    return DefinitionComparison(
        adjusted_rand_index=adjusted_rand_index(labels_a, labels_b),
        crosstab=table,
        n_common=len(common),
        only_in_a=tuple(index_a.difference(index_b)),
        only_in_b=tuple(index_b.difference(index_a)),
    )
