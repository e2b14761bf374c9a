"""Conversions of collaboration graphs shared by the network modules (private).

Graphs are undirected :class:`networkx.Graph` objects of organisations; these
helpers turn them into sparse adjacency matrices, read node attributes and
group memberships, and check the arguments on the way.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from clusterdialog.errors import InputError

__all__ = [
    "adjacency",
    "check_graph",
    "member_list",
    "memberships",
    "node_values",
    "percent_text",
]


def check_graph(graph: object, argument: str = "graph") -> None:
    if not isinstance(graph, nx.Graph) or graph.is_multigraph():
        raise InputError(f"{argument}: expected a networkx Graph, got {type(graph).__name__}")


def adjacency(graph: nx.Graph, weight: str | None, argument: str = "graph") -> sp.csr_array:
    """The symmetric adjacency (tie weights, 1 without ``weight``), self-loops removed."""
    check_graph(graph, argument)
    n = graph.number_of_nodes()
    if n == 0:
        return sp.csr_array((0, 0))
    a = nx.to_scipy_sparse_array(graph, weight=weight, format="coo", dtype="float64")
    keep = a.row != a.col
    data = a.data[keep]
    if not np.all(np.isfinite(data)) or np.any(data <= 0):
        bad = int((~np.isfinite(data) | (data <= 0)).sum()) // (1 if graph.is_directed() else 2)
        raise InputError(
            f"{argument}: edge attribute {weight!r} must hold positive finite numbers; "
            f"{bad} edge(s) of {graph.number_of_edges()} do not"
        )
    return sp.csr_array((data, (a.row[keep], a.col[keep])), shape=(n, n))


def node_values(graph: nx.Graph, attribute: str, argument: str = "type") -> np.ndarray:
    """The node attribute as strings; an InputError naming the nodes without one."""
    values = [graph.nodes[v].get(attribute) for v in graph.nodes]
    missing = [
        v for v, x in zip(graph.nodes, values, strict=True) if x is None or x != x or x == ""
    ]
    if missing:
        raise InputError(
            f"{argument}: {len(missing)} of {len(values)} nodes have no attribute {attribute!r}, "
            f"e.g. {missing[:5]}; give every node a value (e.g. 'unknown')"
        )
    return np.asarray([str(x) for x in values], dtype=object)


def memberships(graph: nx.Graph, groups: object) -> tuple[sp.csr_array, pd.Index]:
    """Organisations × groups (0/1) from a mapping, Series or long table."""
    if isinstance(groups, pd.DataFrame):
        missing = [c for c in ("organisation", "group") if c not in groups.columns]
        if missing:
            raise InputError(
                f"groups: missing column(s) {missing}; expected ['organisation', 'group'], "
                f"got {list(map(str, groups.columns))}"
            )
        pairs = groups[["organisation", "group"]].dropna().drop_duplicates()
    elif isinstance(groups, Mapping | pd.Series):
        items = groups.items()
        pairs = pd.DataFrame(list(items), columns=["organisation", "group"]).dropna()
    else:
        raise InputError(
            "groups: expected a mapping organisation → group or a DataFrame with columns "
            f"'organisation' and 'group', got {type(groups).__name__}"
        )
    index = {v: i for i, v in enumerate(graph.nodes)}
    pairs = pairs[pairs["organisation"].map(lambda v: v in index)]
    labels = pd.Index(pd.unique(pairs["group"]))
    rows = pairs["organisation"].map(index).to_numpy(dtype=np.int64)
    cols = labels.get_indexer(pairs["group"])
    member = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=(len(index), len(labels)))
    return member, labels


def member_list(graph: nx.Graph, members: Iterable[Hashable], argument: str = "members") -> list:
    """The distinct members, in order; an InputError if any is not a node of the graph."""
    check_graph(graph)
    if isinstance(members, str) or not isinstance(members, Iterable):
        raise InputError(f"{argument}: expected an iterable of organisations, got {members!r}")
    members = list(dict.fromkeys(members))
    unknown = [v for v in members if v not in graph]
    if unknown or not members:
        raise InputError(
            f"{argument}: expected organisations of the graph; {len(unknown)} of "
            f"{len(members)} are not nodes of it, e.g. {unknown[:5]}"
        )
    return members


def percent_text(x: float, german: bool) -> str:
    """A share as a percentage with one decimal, German (``41,7 %``) or English (``41.7%``)."""
    text = f"{100 * x:.1f}"
    return f"{text.replace('.', ',')} %" if german else f"{text}%"
