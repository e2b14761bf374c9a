"""The structure of a collaboration network: communities, core and periphery, bridges, change.

Organisations bridging groups and the mixing of actor types are in
:mod:`clusterdialog.network.mixing`.

Graphs are undirected :class:`networkx.Graph` objects whose nodes are
organisations (node attribute ``type``, the actor type) and whose edges carry
a ``weight`` (co-participations), as built by :mod:`clusterdialog.network.build`.
Self-loops are ignored.  Every function returns one row per organisation, in
the graph's node order, with the organisation in the column ``organisation``.
"""

from __future__ import annotations

import random
from collections.abc import Hashable

import igraph
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusterdialog.errors import ConvergenceError, InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.network._graphs import adjacency, check_graph
from clusterdialog.network.metrics import _as_igraph

__all__ = [
    "CORE_PERIPHERY_METHODS",
    "communities",
    "core_periphery",
    "snapshot_change",
]

#: Methods of :func:`core_periphery`.
CORE_PERIPHERY_METHODS: tuple[str, ...] = ("k_core", "continuous")


def communities(
    graph: nx.Graph | igraph.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int = 0,
    iterations: int = 2,
) -> pd.DataFrame:
    r"""Communities of organisations by the Leiden algorithm, maximising modularity.

    The partition maximises the (generalised) modularity

    .. math::

        Q = \frac{1}{2m} \sum_{ij} \Big(A_{ij} - \gamma \frac{k_i k_j}{2m}\Big)
            \delta(c_i, c_j)

    with tie weights :math:`A_{ij}`, strengths :math:`k_i`, total weight
    :math:`m` and resolution :math:`\gamma`.

    Parameters
    ----------
    graph : networkx.Graph or igraph.Graph
        The collaboration network (an igraph graph as made by
        :func:`~clusterdialog.network.convert.to_igraph` saves the conversion
        when several functions run on one large network).
    weight : str or None
        Edge attribute holding the tie weight; ``None`` counts every tie as 1.
    resolution : float
        :math:`\gamma`; larger values give more, smaller communities.
    seed : int
        Seed of the random number generator used by the Leiden run: the same
        seed gives the same partition.
    iterations : int
        Leiden iterations (default 2); negative runs until the partition no
        longer changes (slower, slightly higher :math:`Q`).

    Returns
    -------
    pandas.DataFrame
        ``organisation``, ``community`` (0 = the largest; ties by first node),
        ``community_size``.  ``attrs``: ``modularity`` (:math:`Q`, ``NaN``
        without ties), ``communities``, ``resolution``, ``seed``.

    Raises
    ------
    InputError
        For a graph that is not a networkx Graph, non-positive tie weights or
        a resolution that is not a positive number.

    Notes
    -----
    igraph's ``community_leiden`` with the modularity objective (the same
    quality function as leidenalg's ``RBConfigurationVertexPartition``, about
    five times faster on the CORDIS network); :math:`Q` is computed by igraph
    and equals ``networkx.community.modularity``.  networkx's ``louvain_communities``
    optimises the same :math:`Q` by the Louvain method, whose communities can
    be badly connected [1]_.  Organisations without ties are communities of
    their own.

    References
    ----------
    .. [1] Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. Scientific Reports 9,
       5233. https://doi.org/10.1038/s41598-019-41695-z
    .. [2] Newman, M. E. J. (2006). Modularity and community structure in
       networks. PNAS 103(23), 8577–8582. https://doi.org/10.1073/pnas.0601602103

    Examples
    --------
    Two triangles joined by one tie:

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"),
    ...               ("d", "e"), ("e", "f"), ("d", "f")])
    >>> result = communities(g)
    >>> result["community"].tolist()
    [0, 0, 0, 1, 1, 1]
    >>> round(result.attrs["modularity"], 4)
    0.3571
    """
    if isinstance(resolution, bool) or not isinstance(resolution, int | float):
        raise InputError(f"resolution: expected a positive number, got {resolution!r}")
    if not (np.isfinite(resolution) and resolution > 0):
        raise InputError(f"resolution: expected a positive finite number, got {resolution!r}")
    if isinstance(graph, igraph.Graph):
        g = _as_igraph(graph, weight)
        names = g.vs["name"]
    else:
        check_graph(graph)
        a = sp.triu(adjacency(graph, weight), k=1).tocoo()
        g = igraph.Graph(
            n=graph.number_of_nodes(), edges=np.column_stack([a.row, a.col]), directed=False
        )
        g.es["weight"] = a.data
        names = list(graph.nodes)
    n = g.vcount()
    has_ties = g.ecount() > 0
    weights = g.es["weight"] if weight is not None and has_ties else None
    if weights is not None and min(weights) <= 0:
        raise InputError(f"weight: edge attribute {weight!r} must hold positive numbers")
    igraph.set_random_number_generator(random.Random(seed))
    try:
        partition = g.community_leiden(
            objective_function="modularity", weights=weights,
            resolution=float(resolution), n_iterations=iterations,
        )  # fmt: skip
    finally:
        igraph.set_random_number_generator(random)
    raw = np.asarray(partition.membership, dtype=np.int64)
    sizes = np.bincount(raw, minlength=raw.max() + 1 if n else 0)
    first = np.full(sizes.size, n, dtype=np.int64)
    np.minimum.at(first, raw, np.arange(n))
    order = np.lexsort((first, -sizes))  # largest first, then by first node
    relabel = np.empty_like(order)
    relabel[order] = np.arange(order.size)
    label = relabel[raw] if n else raw
    modularity = g.modularity(raw.tolist(), weights=weights, resolution=resolution)
    out = pd.DataFrame({
        "organisation": names, "community": label,
        "community_size": sizes[raw] if n else raw,
    })  # fmt: skip
    out.attrs.update(
        modularity=float(modularity) if has_ties else float("nan"),
        communities=int(sizes.size), resolution=float(resolution), seed=seed,
    )  # fmt: skip
    return out


def _continuous_coreness(a: sp.csr_array, max_iterations: int, tolerance: float) -> np.ndarray:
    """Least-squares fit of A_ij ≈ c_i c_j (i ≠ j) by damped fixed-point iteration."""
    c = np.sqrt(np.asarray(a.sum(axis=1)).ravel())
    if not c.any():
        return c
    for _ in range(max_iterations):
        with np.errstate(divide="ignore", invalid="ignore"):
            target = np.nan_to_num((a @ c) / (c @ c - c**2))
        new = (c + target) / 2
        if np.max(np.abs(new - c)) <= tolerance * max(np.max(np.abs(new)), 1e-300):
            return new
        c = new
    raise ConvergenceError(
        f"core_periphery: the continuous model did not converge in {max_iterations} iterations"
    )


def _best_split(a: sp.csr_array, coreness: np.ndarray) -> tuple[np.ndarray, float]:
    """Core = the top m by coreness, m maximising corr(A, ideal core block) off the c–p block."""
    n = coreness.size
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(-coreness, kind="stable")] = np.arange(n)
    t = sp.triu(a, k=1).tocoo()
    hi, lo = np.maximum(rank[t.row], rank[t.col]), np.minimum(rank[t.row], rank[t.col])
    m = np.arange(1, n, dtype="float64")
    w_cc = np.cumsum(np.bincount(hi, t.data, minlength=n))[:-1]  # both ranks < m
    q_cc = np.cumsum(np.bincount(hi, t.data**2, minlength=n))[:-1]
    w_pp = np.cumsum(np.bincount(lo, t.data, minlength=n)[::-1])[::-1][1:]  # both ranks ≥ m
    q_pp = np.cumsum(np.bincount(lo, t.data**2, minlength=n)[::-1])[::-1][1:]
    pairs = m * (m - 1) + (n - m) * (n - m - 1)
    sy, sx, sxy, sxx = m * (m - 1), 2 * (w_cc + w_pp), 2 * w_cc, 2 * (q_cc + q_pp)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (pairs * sxy - sx * sy) / np.sqrt((pairs * sxx - sx**2) * (pairs * sy - sy**2))
    if n < 3 or not np.isfinite(r).any():
        return np.zeros(n, dtype=bool), float("nan")
    r = np.where(np.isfinite(r), r, -np.inf)
    best = int(np.flatnonzero(r >= r.max() - 1e-12)[-1])  # ties: the larger core
    return rank <= best, float(r[best])


def core_periphery(
    graph: nx.Graph,
    *,
    method: str = "k_core",
    weight: str | None = "weight",
    max_iterations: int = 10_000,
    tolerance: float = 1e-8,
) -> pd.DataFrame:
    r"""Core and periphery: who sits in the dense centre of the network.

    ``"k_core"``: the coreness is the core number, the largest k such that the
    organisation belongs to a subgraph in which everyone has at least k ties;
    the core is the k-core of the largest k.  ``"continuous"``: the
    Borgatti–Everett continuous model, the coreness vector c minimising

    .. math:: \sum_{i \ne j} (A_{ij} - c_i c_j)^2,

    scaled to a maximum of 1; the core is the set of the m highest coreness
    values whose ideal pattern (core–core 1, periphery–periphery 0,
    core–periphery ignored) correlates best with :math:`A` (ties: the
    larger core).

    Parameters
    ----------
    graph : networkx.Graph
        The collaboration network.
    method : {"k_core", "continuous"}
    weight : str or None
        Tie weights of the continuous model (``"k_core"`` counts ties).
    max_iterations, tolerance
        Of the continuous model's fixed-point iteration (relative change).

    Returns
    -------
    pandas.DataFrame
        ``organisation``, ``coreness``, ``core`` (bool).  ``attrs``:
        ``method``, ``core_fit`` (the correlation of the chosen split;
        continuous only, ``NaN`` for k-core).

    Raises
    ------
    InputError
        For an unknown method or a bad graph.
    ConvergenceError
        If the continuous model does not converge.

    Notes
    -----
    The core numbers equal ``networkx.core_number``.  The continuous model is
    fitted by the minimum-residual update
    :math:`c_i \leftarrow \sum_j A_{ij} c_j / \sum_{j \ne i} c_j^2`, damped by
    half, from :math:`c_i = \sqrt{s_i}`; UCINET fits the same model.  It
    converges linearly and can take thousands of iterations on networks of
    many thousand organisations: use it for an initiative's network and
    ``"k_core"`` for large ones.  Organisations without ties have coreness 0
    and are never core.

    References
    ----------
    .. [1] Borgatti, S. P., & Everett, M. G. (1999). Models of core/periphery
       structures. Social Networks 21(4), 375–395.
       https://doi.org/10.1016/S0378-8733(99)00019-2
    .. [2] Seidman, S. B. (1983). Network structure and minimum degree. Social
       Networks 5(3), 269–287. https://doi.org/10.1016/0378-8733(83)90028-X

    Examples
    --------
    A triangle with two pendant organisations:

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("a", "d"), ("b", "e")])
    >>> core_periphery(g)[["organisation", "coreness", "core"]].values.tolist()
    [['a', 2, True], ['b', 2, True], ['c', 2, True], ['d', 1, False], ['e', 1, False]]
    >>> core_periphery(g, method="continuous")["core"].tolist()
    [True, True, True, False, False]
    """
    check_choice("method", method, CORE_PERIPHERY_METHODS)
    a = adjacency(graph, weight if method == "continuous" else None)
    nodes = list(graph.nodes)
    if method == "k_core":
        simple = nx.Graph(graph)
        simple.remove_edges_from(nx.selfloop_edges(simple))
        number = nx.core_number(simple)
        coreness = np.asarray([number[v] for v in nodes], dtype=np.int64)
        core = (coreness == coreness.max()) & (coreness > 0) if nodes else coreness > 0
        fit = float("nan")
    else:
        coreness = _continuous_coreness(a, max_iterations, tolerance)
        if coreness.size and coreness.max() > 0:
            coreness = coreness / coreness.max()
        core, fit = _best_split(a, coreness)
        core &= coreness > 0
    out = pd.DataFrame({"organisation": nodes, "coreness": coreness, "core": core})
    out.attrs.update(method=method, core_fit=fit)
    return out


def snapshot_change(
    before: nx.Graph, after: nx.Graph, *, weight: str | None = "weight"
) -> pd.DataFrame:
    r"""Change between two snapshots: who entered, who left, who gained ties.

    .. math:: \Delta k_i = k_i^{\text{after}} - k_i^{\text{before}}, \quad
              \Delta s_i = s_i^{\text{after}} - s_i^{\text{before}}

    (degree k, strength s; an organisation absent from a snapshot has 0).

    Parameters
    ----------
    before, after : networkx.Graph
        Two snapshots, e.g. from :func:`clusterdialog.network.build.snapshots`.
    weight : str or None
        Edge attribute of tie weights for the strength.

    Returns
    -------
    pandas.DataFrame
        ``organisation``, ``status`` (``"entered"``, ``"left"``,
        ``"stayed"``), ``degree_before``, ``degree_after``, ``degree_change``,
        ``strength_before``, ``strength_after``, ``strength_change``,
        ``new_partners``, ``lost_partners``; organisations of ``before`` first.
        ``attrs``: ``entered``, ``left``, ``stayed`` (organisations),
        ``ties_new``, ``ties_lost``, ``ties_kept``.

    Raises
    ------
    InputError
        If either snapshot is not a networkx Graph.

    Examples
    --------
    >>> import networkx as nx
    >>> old = nx.Graph([("a", "b"), ("b", "c")])
    >>> new = nx.Graph([("a", "b"), ("a", "d")])
    >>> change = snapshot_change(old, new, weight=None)
    >>> change[["organisation", "status", "degree_change"]].values.tolist()
    [['a', 'stayed', 1], ['b', 'stayed', -1], ['c', 'left', -1], ['d', 'entered', 1]]
    >>> change.attrs["ties_new"], change.attrs["ties_lost"]
    (1, 1)
    """
    check_graph(before, "before")
    check_graph(after, "after")
    nodes = list(before.nodes) + [v for v in after.nodes if v not in before]

    def _ties(g: nx.Graph) -> set[frozenset[Hashable]]:
        return {frozenset(e) for e in g.edges if e[0] != e[1]}

    old, new = _ties(before), _ties(after)
    rows = {}
    for label, g in (("before", before), ("after", after)):
        adjacency(g, weight, label)  # validates the weights
        degree = {v: sum(1 for u in g[v] if u != v) for v in g}
        strength = {
            v: sum(1.0 if weight is None else g[v][u].get(weight, 1.0) for u in g[v] if u != v)
            for v in g
        }
        rows[f"degree_{label}"] = [degree.get(v, 0) for v in nodes]
        rows[f"strength_{label}"] = [strength.get(v, 0.0) for v in nodes]
    status = ["stayed" if v in before and v in after else "left" if v in before else "entered"
              for v in nodes]  # fmt: skip
    out = pd.DataFrame({"organisation": nodes, "status": status, **rows})
    out["degree_change"] = out["degree_after"] - out["degree_before"]
    out["strength_change"] = out["strength_after"] - out["strength_before"]
    gained, lost = {}, {}
    for e in new - old:
        for v in e:
            gained[v] = gained.get(v, 0) + 1
    for e in old - new:
        for v in e:
            lost[v] = lost.get(v, 0) + 1
    out["new_partners"] = [gained.get(v, 0) for v in nodes]
    out["lost_partners"] = [lost.get(v, 0) for v in nodes]
    order = ["organisation", "status", "degree_before", "degree_after", "degree_change",
             "strength_before", "strength_after", "strength_change", "new_partners",
             "lost_partners"]  # fmt: skip
    out = out[order]
    counts = out["status"].value_counts()
    out.attrs.update(
        entered=int(counts.get("entered", 0)), left=int(counts.get("left", 0)),
        stayed=int(counts.get("stayed", 0)), ties_new=len(new - old), ties_lost=len(old - new),
        ties_kept=len(new & old),
    )  # fmt: skip
    return out
