"""Input-output cluster templates: groups of sectors linked by their buying and selling patterns.

After Feser & Bergman (2000): two sectors belong together when they buy
from the same sectors, sell to the same sectors, or one buys what the other
sells.  The strongest of these four correlations is the sectors' linkage
similarity; hierarchical clustering (average linkage) on ``1 − similarity``
groups the sectors into *templates*, a second source of cluster definitions
next to co-location (:func:`templates_to_definition`).  Pure: no files, no
printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from clusterdialog.errors import InputError
from clusterdialog.identify.definitions import ClusterDefinition
from clusterdialog.valuechain.table import IOTable

__all__ = ["io_cluster_templates", "linkage_similarity", "templates_to_definition"]


def _column_correlation(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Pearson correlations of the columns of ``p`` with the columns of ``q``; 0 if constant."""
    p = p - p.mean(axis=0)
    q = q - q.mean(axis=0)
    norm = np.sqrt((p * p).sum(axis=0))[:, None] * np.sqrt((q * q).sum(axis=0))[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (p.T @ q) / norm
    return np.where(norm > 0, r, 0.0)


def linkage_similarity(table: IOTable, *, include_own_flows: bool = False) -> pd.DataFrame:
    r"""Feser & Bergman's linkage similarity of every pair of sectors.

    With input profiles :math:`a_{\cdot j} = z_{\cdot j} / \sum_i z_{ij}` (what j
    buys, by supplier) and output profiles :math:`b_{i \cdot} = z_{i \cdot} /
    \sum_j z_{ij}` (what i sells, by customer):

    .. math::

        s_{ij} = \max\{\, r(a_{\cdot i}, a_{\cdot j}),\; r(b_{i \cdot}, b_{j \cdot}),\;
                 r(a_{\cdot i}, b_{j \cdot}),\; r(a_{\cdot j}, b_{i \cdot}) \,\}

    with :math:`r` Pearson's correlation.

    Parameters
    ----------
    table : IOTable
    include_own_flows : bool
        Keep the diagonal of ``Z`` (deliveries of a sector to itself) in the
        profiles.  Default ``False``: a large own flow would make every
        sector look most similar to the sectors that buy or sell it.

    Returns
    -------
    pandas.DataFrame
        n × n similarities in [−1, 1], index and columns the sectors, diagonal 1.
        A sector without intermediate purchases or sales has correlation 0
        with that profile.

    Raises
    ------
    InputError
        If ``table`` is not an IOTable or has fewer than 3 sectors.

    References
    ----------
    .. [1] Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates:
       a framework for applied regional cluster analysis. *Regional Studies* 34(1),
       1–19. doi:10.1080/00343400050005844

    Examples
    --------
    >>> t = IOTable.from_arrays(["a", "b", "c"], [[0, 8, 1], [1, 0, 9], [9, 1, 0]],
    ...                         [10, 10, 10])
    >>> linkage_similarity(t).round(3)
    sector      a      b      c
    sector
    a       1.000  0.979  0.977
    b       0.979  1.000  0.977
    c       0.977  0.977  1.000
    """
    if not isinstance(table, IOTable):
        raise InputError(f"table: expected an IOTable, got {type(table).__name__}")
    if table.n < 3:
        raise InputError(f"table: linkage similarity needs at least 3 sectors, got {table.n}")
    z = table.intermediate.copy()
    if not include_own_flows:
        np.fill_diagonal(z, 0.0)
    bought, sold = z.sum(axis=0), z.sum(axis=1)
    inputs = np.divide(z, bought[None, :], out=np.zeros_like(z), where=bought[None, :] > 0)
    outputs = np.divide(z, sold[:, None], out=np.zeros_like(z), where=sold[:, None] > 0).T
    input_input = _column_correlation(inputs, inputs)
    output_output = _column_correlation(outputs, outputs)
    input_output = _column_correlation(inputs, outputs)
    s = np.maximum.reduce([input_input, output_output, input_output, input_output.T])
    np.fill_diagonal(s, 1.0)
    return pd.DataFrame(s, index=table.sectors, columns=table.sectors)


def io_cluster_templates(
    table: IOTable,
    *,
    n_clusters: int | None = None,
    min_similarity: float = 0.5,
    include_own_flows: bool = False,
) -> pd.DataFrame:
    r"""Group sectors into cluster templates by linkage similarity (Feser & Bergman 2000).

    Average-linkage hierarchical clustering on the distance
    :math:`d_{ij} = 1 - s_{ij}` of :func:`linkage_similarity`, cut into
    ``n_clusters`` groups, or else where the average similarity between
    groups falls below ``min_similarity``.

    Parameters
    ----------
    table : IOTable
    n_clusters : int, optional
        Number of templates (2 ≤ n_clusters ≤ n sectors).
    min_similarity : float
        Used when ``n_clusters`` is not given: groups merge while their average
        similarity is at least this (in [−1, 1]).
    include_own_flows : bool
        As in :func:`linkage_similarity`.

    Returns
    -------
    pandas.DataFrame
        One row per sector: ``sector``, ``name``, ``template`` (1, 2, … by
        decreasing size, ties by first sector), ``mean_similarity`` (average
        similarity to the other members; ``NaN`` for a sector alone) and
        ``lead_sector`` (the member with the highest mean similarity).

    Raises
    ------
    InputError
        For a bad ``n_clusters`` or ``min_similarity``, and as in
        :func:`linkage_similarity`.

    Notes
    -----
    Feser & Bergman used principal-components factor analysis of the
    similarity matrix, which lets a sector load on several templates;
    hierarchical clustering gives a partition, as a cluster definition needs.
    Templates come from national linkages; whether a region hosts one is a
    question for regional employment (e.g. location quotients).

    References
    ----------
    .. [1] Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates:
       a framework for applied regional cluster analysis. *Regional Studies* 34(1),
       1–19. doi:10.1080/00343400050005844

    Examples
    --------
    Two chains, a → b and c → d, each with a side flow:

    >>> z = [[0, 9, 0, 1], [1, 0, 1, 0], [0, 1, 0, 9], [1, 0, 1, 0]]
    >>> t = IOTable.from_arrays(["a", "b", "c", "d"], z, [10, 10, 10, 10])
    >>> io_cluster_templates(t, n_clusters=2)[["sector", "template", "lead_sector"]]
      sector  template lead_sector
    0      a         1           a
    1      b         2           b
    2      c         1           a
    3      d         2           b
    """
    similarity = linkage_similarity(table, include_own_flows=include_own_flows)
    n = table.n
    if n_clusters is not None and (
        isinstance(n_clusters, bool) or not isinstance(n_clusters, int) or not 2 <= n_clusters <= n
    ):
        raise InputError(f"n_clusters: expected an integer from 2 to {n}, got {n_clusters!r}")
    if (
        isinstance(min_similarity, bool)
        or not isinstance(min_similarity, int | float)
        or not (-1 <= min_similarity <= 1)
    ):
        raise InputError(f"min_similarity: expected a number in [-1, 1], got {min_similarity!r}")
    s = similarity.to_numpy()
    distance = np.clip(1.0 - (s + s.T) / 2, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = hierarchy.linkage(squareform(distance, checks=False), method="average")
    if n_clusters is not None:
        labels = hierarchy.fcluster(tree, t=n_clusters, criterion="maxclust")
    else:
        labels = hierarchy.fcluster(tree, t=1.0 - min_similarity, criterion="distance")
    groups = pd.Series(labels).groupby(labels)
    order = sorted(groups.groups, key=lambda g: (-len(groups.groups[g]), min(groups.groups[g])))
    template = np.empty(n, dtype=int)
    mean_similarity = np.full(n, np.nan)
    lead = np.empty(n, dtype=object)
    for number, label in enumerate(order, start=1):
        members = np.flatnonzero(labels == label)
        template[members] = number
        if len(members) > 1:
            block = s[np.ix_(members, members)]
            mean_similarity[members] = (block.sum(axis=1) - 1.0) / (len(members) - 1)
            lead[members] = table.sectors[members[np.argmax(mean_similarity[members])]]
        else:
            lead[members] = table.sectors[members[0]]
    return pd.DataFrame({
        "sector": np.asarray(table.sectors), "name": [table.name(c) for c in table.sectors],
        "template": template, "mean_similarity": mean_similarity, "lead_sector": lead,
    })  # fmt: skip


def templates_to_definition(
    templates: pd.DataFrame, *, source: str = "input-output templates"
) -> ClusterDefinition:
    """A cluster definition (sector → template) from :func:`io_cluster_templates`.

    Clusters are named after their lead sector (``"T1: <lead sector name>"``).

    Parameters
    ----------
    templates : pandas.DataFrame
        The output of :func:`io_cluster_templates`.
    source : str
        Where the definition comes from (shown with results).

    Returns
    -------
    ClusterDefinition

    Raises
    ------
    InputError
        If a column of :func:`io_cluster_templates` is missing.

    Examples
    --------
    >>> t = pd.DataFrame({"sector": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...                   "template": [1, 1, 2], "lead_sector": ["a", "a", "c"]})
    >>> d = templates_to_definition(t)
    >>> dict(d.mapping), dict(d.names)
    ({'a': '1', 'b': '1', 'c': '2'}, {'1': 'T1: A', '2': 'T2: C'})
    """
    missing = [c for c in ("sector", "name", "template", "lead_sector") if c not in templates]
    if missing:
        raise InputError(f"templates: columns {missing} missing; expected the output of "
                         "io_cluster_templates")  # fmt: skip
    names = dict(zip(templates["sector"].astype(str), templates["name"].astype(str), strict=True))
    mapping = dict(zip(templates["sector"].astype(str), templates["template"].astype(str),
                       strict=True))  # fmt: skip
    first = templates.drop_duplicates("template")
    leads = dict(zip(first["template"].astype(str), first["lead_sector"].astype(str), strict=True))
    labels = {k: f"T{k}: {names.get(v, v)}" for k, v in leads.items()}
    return ClusterDefinition(mapping, names=labels, source=source)
