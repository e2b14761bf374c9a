"""Time the collaboration network of the full CORDIS H2020 file, side by side with networkx.

Run with ``uv run python benchmarks/bench_network.py`` (about two minutes; ``--quick`` skips
networkx's Louvain).  The input is ``../shared/data/cordis_h2020_participations.csv.gz``
(144,726 participations, 35,871 organisations, 31,451 projects).  Timed in one run:

* clusterdialog: ``project_organisations`` (sparse B·Bᵀ), ``node_metrics`` with sampled
  betweenness (``--samples`` source nodes, seed ``--seed``), ``graph_summary`` and Leiden
  ``communities``; the target of issue 6 is ≤ 20 s for these together on 2 cores;
* a plain networkx pipeline doing the same work: bipartite graph and
  ``bipartite.weighted_projected_graph``, degree and strength, components and density,
  ``eigenvector_centrality_numpy`` on the largest component (it refuses disconnected
  graphs; the power iteration takes minutes), ``betweenness_centrality(k=…)``,
  ``closeness_centrality``, ``constraint`` and ``effective_size``, and
  ``louvain_communities`` (networkx has no Leiden of its own).
  Steps that would take minutes to hours in pure Python are *extrapolated*: betweenness
  from ``--nx-sources`` sources to ``--samples``; closeness, constraint and effective size
  from up to ``--nx-nodes`` random nodes (or as many as ``--nx-cap`` seconds allow) to all
  nodes (their cost is a sum over nodes, so the extrapolation is linear).  The table says
  which rows are extrapolated.

Seconds are wall-clock, one call each (the whole run is long enough that the best of several
calls changes little).  The agreement column compares the two pipelines where they compute the
same thing.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

from clusterdialog.data.network_readers import read_participations
from clusterdialog.network.build import project_organisations
from clusterdialog.network.convert import to_igraph
from clusterdialog.network.metrics import graph_summary, node_metrics
from clusterdialog.network.structure import communities

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORDIS = SHARED / "data" / "cordis_h2020_participations.csv.gz"


STEP = [0]


def timed(function):
    """Result and wall-clock seconds of one call; progress goes to stderr."""
    start = time.perf_counter()
    result = function()
    took = time.perf_counter() - start
    STEP[0] += 1
    sys.stderr.write(f"  step {STEP[0]}: {took:.1f} s\n")
    return result, took


def ours(table, samples: int, seed: int) -> tuple[dict, dict]:
    """The clusterdialog pipeline, step by step: results and seconds."""
    seconds, out = {}, {}
    out["graph"], seconds["projection"] = timed(lambda: project_organisations(table))
    # one conversion to igraph, shared by the three analyses
    fast, seconds["to igraph (once)"] = timed(lambda: to_igraph(out["graph"]))
    out["metrics"], seconds["node metrics"] = timed(
        lambda: node_metrics(fast, betweenness="sampled", samples=samples, seed=seed)
    )
    out["summary"], seconds["summary"] = timed(lambda: graph_summary(fast))
    out["communities"], seconds["communities"] = timed(lambda: communities(fast, seed=seed))
    return out, seconds


def plain(table, args, rng) -> tuple[dict, dict, dict]:
    """The networkx pipeline: results, seconds and how each time was obtained."""
    seconds, how, out = {}, {}, {}

    def project():
        bipartite = nx.Graph()
        organisations = table["organisation"].unique().tolist()
        bipartite.add_nodes_from(organisations, bipartite=0)
        bipartite.add_nodes_from(("p", p) for p in table["project"].unique())
        projects = (("p", p) for p in table["project"])
        bipartite.add_edges_from(zip(table["organisation"], projects, strict=True))
        return nx.bipartite.weighted_projected_graph(bipartite, organisations)

    graph, seconds["projection"] = timed(project)
    out["graph"] = graph
    n = graph.number_of_nodes()

    def basics():
        return {
            "degree": dict(graph.degree()),
            "strength": dict(graph.degree(weight="weight")),
            "components": nx.number_connected_components(graph),
            "density": nx.density(graph),
        }

    out["basics"], seconds["degree, strength, components"] = timed(basics)
    largest = graph.subgraph(max(nx.connected_components(graph), key=len))
    out["eigenvector"], seconds["eigenvector"] = timed(
        lambda: nx.eigenvector_centrality_numpy(largest, weight="weight")
    )
    how["eigenvector"] = f"largest component ({largest.number_of_nodes():,} nodes)"
    k = min(args.nx_sources, n)
    _, t = timed(lambda: nx.betweenness_centrality(graph, k=k, seed=args.seed))
    seconds["betweenness (sampled)"] = t * args.samples / k
    how["betweenness (sampled)"] = f"extrapolated from k={k} to k={args.samples}"
    order = rng.permutation(np.array(list(graph.nodes), dtype=object))
    per_node = {
        "closeness": lambda v: nx.closeness_centrality(graph, u=v),
        "constraint": lambda v: nx.constraint(graph, nodes=[v], weight="weight"),
        "effective size": lambda v: nx.effective_size(graph, nodes=[v], weight="weight"),
    }
    for step, function in per_node.items():
        done, start = 0, time.perf_counter()
        for v in order[: args.nx_nodes]:  # random order: an unbiased mean cost per node
            function(v)
            done += 1
            if time.perf_counter() - start > args.nx_cap:
                break
        seconds[step] = (time.perf_counter() - start) * n / done
        how[step] = f"extrapolated from {done} random nodes to {n:,}"
    if args.quick:
        how["communities"] = "skipped (--quick)"
    else:
        out["louvain"], seconds["communities"] = timed(
            lambda: nx.community.louvain_communities(graph, weight="weight", seed=args.seed)
        )
        how["communities"] = "Louvain, full"
    return out, seconds, how


def agreement(mine: dict, theirs: dict) -> dict[str, str]:
    metrics = mine["metrics"].set_index("organisation")
    graph = theirs["graph"]
    same_edges = {frozenset(e) for e in mine["graph"].edges} == {frozenset(e) for e in graph.edges}
    weights = max(
        abs(d["weight"] - graph.edges[a, b]["weight"]) for a, b, d in mine["graph"].edges(data=True)
    )
    basics = theirs["basics"]
    degree = (metrics["degree"] - metrics.index.map(basics["degree"])).abs().max()
    strength = (metrics["strength"] - metrics.index.map(basics["strength"])).abs().max()
    inside = metrics.loc[list(theirs["eigenvector"]), "eigenvector"]
    inside = inside / np.linalg.norm(inside)  # both unit length on the largest component
    eigen = (inside - inside.index.map(theirs["eigenvector"])).abs().max()
    found = {
        "projection": f"same edges: {same_edges}; max |Δweight| {weights:g}",
        "degree, strength, components": f"max |Δdegree| {degree:g}, |Δstrength| {strength:g}",
        "eigenvector": f"max |Δ| {eigen:.2e}",
        "summary": (
            f"components {mine['summary']['components']} vs {basics['components']}, "
            f"density Δ {abs(mine['summary']['density'] - basics['density']):.1e}"
        ),
    }
    if "louvain" in theirs:
        q = nx.community.modularity(graph, theirs["louvain"], weight="weight")
        ours_q = mine["communities"].attrs["modularity"]
        found["communities"] = (
            f"Q Leiden {ours_q:.4f} ({mine['communities'].attrs['communities']:,} communities) "
            f"vs Louvain {q:.4f} ({len(theirs['louvain']):,})"
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=100, help="betweenness source nodes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nx-sources", type=int, default=10, help="networkx betweenness k")
    parser.add_argument("--nx-nodes", type=int, default=50, help="networkx nodes for per-node")
    parser.add_argument("--nx-cap", type=float, default=20.0, help="seconds per capped step")
    parser.add_argument("--quick", action="store_true", help="skip networkx Louvain")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    table, read_seconds = timed(lambda: read_participations(CORDIS))
    table = table.drop(columns=["contribution"])  # the count projection does not use it
    mine, my_seconds = ours(table, args.samples, args.seed)
    theirs, nx_seconds, how = plain(table, args, rng)
    agree = agreement(mine, theirs)
    graph = mine["graph"]
    print(  # noqa: T201
        f"CORDIS H2020: {len(table):,} participations, {graph.number_of_nodes():,} organisations,"
        f" {graph.number_of_edges():,} ties; read in {read_seconds:.2f} s (not counted); "
        f"cores: {os.cpu_count()}; betweenness samples {args.samples}, seed {args.seed}\n"
    )
    steps = [
        ("projection", "projection", "projection"),
        ("to igraph (once)", None, None),
        ("node metrics", None, None),
        ("  degree, strength, components", "degree, strength, components", None),
        ("  eigenvector", "eigenvector", None),
        ("  betweenness (sampled)", "betweenness (sampled)", None),
        ("  closeness", "closeness", None),
        ("  constraint", "constraint", None),
        ("  effective size", "effective size", None),
        ("summary", None, "summary"),
        ("communities", "communities", "communities"),
    ]
    node_steps = [s for s in nx_seconds if s not in ("projection", "communities")]
    nx_seconds["node metrics"] = sum(nx_seconds[s] for s in node_steps)
    how["node metrics"] = "sum of the rows below"
    header = f"{'step':32} {'clusterdialog s':>16} {'networkx s':>12}  networkx how / agreement"
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    for label, nx_key, agree_key in steps:
        key = label.strip()
        mine_s = f"{my_seconds[key]:.2f}" if key in my_seconds else ""
        theirs_s = f"{nx_seconds[nx_key or key]:.2f}" if (nx_key or key) in nx_seconds else "–"
        note = "; ".join(
            x for x in (how.get(nx_key or key, "full" if theirs_s != "–" else ""),
                        agree.get(agree_key or nx_key or key, "")) if x
        )  # fmt: skip
        print(f"{label:32} {mine_s:>16} {theirs_s:>12}  {note}")  # noqa: T201
    total = sum(my_seconds.values())
    nx_total = sum(nx_seconds[s] for s in ("projection", "node metrics", "communities")
                   if s in nx_seconds)  # fmt: skip
    print("-" * len(header))  # noqa: T201
    print(f"{'total':32} {total:>16.2f} {nx_total:>12.2f}  target ≤ 20 s: "  # noqa: T201
          f"{'met' if total <= 20 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
