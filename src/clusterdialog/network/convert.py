"""Conversion of collaboration graphs from networkx to igraph (node order kept).

networkx is the exchange format of :mod:`clusterdialog.network`; igraph runs
the heavy computations (betweenness, closeness, constraint, communities).
"""

from __future__ import annotations

import igraph
import networkx as nx
import numpy as np

from clusterdialog.errors import InputError

__all__ = ["to_igraph"]


def to_igraph(graph: nx.Graph, *, weight: str | None = "weight") -> igraph.Graph:
    """Convert an undirected networkx graph to igraph (node order kept).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected, simple (no multigraph, no self-loops).
    weight : str or None
        Edge attribute copied to the igraph edge attribute ``weight``
        (missing values count as 1, as in networkx); ``None``: no weights.

    Returns
    -------
    igraph.Graph
        Vertex ``i`` is the ``i``-th node of ``graph``; vertex attribute
        ``name`` = ``str(node)``, ``type`` = the node's ``type`` (or None).

    Raises
    ------
    InputError
        For a directed graph, a multigraph, self-loops, or weights that are
        not finite non-negative numbers.

    Examples
    --------
    >>> import networkx as nx
    >>> g = to_igraph(nx.path_graph(3))
    >>> g.vs["name"], g.get_edgelist(), g.es["weight"]
    (['0', '1', '2'], [(0, 1), (1, 2)], [1.0, 1.0])
    """
    if not isinstance(graph, nx.Graph) or graph.is_directed() or graph.is_multigraph():
        raise InputError(
            f"graph: expected an undirected networkx.Graph, got {graph.__class__.__name__}"
        )
    loops = nx.number_of_selfloops(graph)
    if loops:
        raise InputError(f"graph: expected no self-loops, got {loops}")
    index = {node: i for i, node in enumerate(graph)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype="int64")
    out = igraph.Graph(n=len(index))
    out.add_edges(edges.reshape(-1, 2))
    out.vs["name"] = [str(node) for node in graph]
    out.vs["type"] = [t for _, t in graph.nodes(data="type")]
    if weight is not None:
        values = np.array([w for *_, w in graph.edges(data=weight, default=1.0)], dtype=object)
        try:
            values = values.astype("float64")
        except (TypeError, ValueError) as error:
            raise InputError(f"weight: edge attribute {weight!r} must be numeric") from error
        if not (np.isfinite(values).all() and (values >= 0).all()):
            raise InputError(f"weight: edge attribute {weight!r} must be finite and ≥ 0")
        out.es["weight"] = values.tolist()
    return out
