"""Network analyses of the platform's data, computed by :mod:`clusterdialog.network`.

Every analysis is a stored run (:class:`~.models.NetworkSnapshot`) keyed by
the SHA-256 of its input: a page shows the stored result while the data are
unchanged and computes a new one when they change.  No formula lives here;
the functions gather the platform's participations, call the library and
turn its tables into JSON-safe records.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from django.utils import translation
from django.utils.translation import gettext_lazy as _

import clusterdialog
from clusterdialog.errors import ClusterDialogError, InputError
from clusterdialog.network import (
    bridging_organisations,
    broker_dependence,
    communities,
    composition_gaps,
    core_periphery,
    graph_summary,
    member_positions,
    node_metrics,
    project_organisations,
    recommend_partners,
    triple_helix_mix,
    type_assortativity,
    value_chain_coverage,
)
from clusterdialog.web.directory.models import Initiative, Organisation, OrganisationType
from clusterdialog.web.networks.models import NetworkSnapshot, SnapshotScope
from clusterdialog.web.networks.services import (
    TRIPLE_HELIX,
    current_member_ids,
    organisation_attributes,
    participation_table,
    peer_memberships,
)
from clusterdialog.web.networks.valuechains import (
    SECTION_TO_SECTOR,
    cluster_sectors,
    demo_io_table,
    industry_relatedness,
    section_to_group,
)

__all__ = [
    "NODE_FIELDS",
    "collaboration_graph",
    "ego_network",
    "initiative_metrics",
    "initiative_network",
    "platform_network",
    "recommendations",
]

#: Node metrics stored per organisation (the library's columns plus community and core).
NODE_FIELDS = [
    "organisation",
    "type",
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "closeness",
    "constraint",
    "effective_size",
    "component",
    "community",
    "coreness",
    "core",
]
#: Platform networks above this size get sampled betweenness (500 sources).
EXACT_LIMIT = 2_000
TOP_ROWS = 100
#: Up to this many organisations, recommendations rank every candidate.
CANDIDATE_LIMIT = 3_000


def _plain(value: object) -> object:
    """A JSON-safe Python value: numpy scalars unwrapped, NaN and infinity as None."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA or value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame | None, columns: Iterable[str] | None = None) -> list[dict]:
    """Rows of a DataFrame as JSON-safe dictionaries."""
    if frame is None:
        return []
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def input_hash(*parts: object) -> str:
    """SHA-256 of the JSON of ``parts`` (DataFrames as CSV) and the package version."""
    digest = hashlib.sha256(clusterdialog.__version__.encode())
    for part in parts:
        if isinstance(part, pd.DataFrame):
            digest.update(part.to_csv(index=False).encode())
        else:
            digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def collaboration_graph(
    table: pd.DataFrame, attributes: dict[str, dict], extra: Iterable[str] = ()
) -> nx.Graph:
    """The projection of the participations (ties = joint projects and events), with every
    organisation of ``extra`` as a node too, and node attributes ``type``, ``industry``."""
    if len(table):
        graph = project_organisations(table[["organisation", "project", "type"]], weight="count")
    else:
        graph = nx.Graph(weight="count")
    for node in extra:
        if node not in graph:
            graph.add_node(node, projects=0)
    for node in graph.nodes:
        info = attributes.get(node, {})
        graph.nodes[node]["type"] = info.get("type") or graph.nodes[node].get("type") or "other"
        graph.nodes[node]["industry"] = info.get("industry")
    return graph


def _quietly(function, notes: list[str], *args, **kwargs):
    """Call a library function, collecting its data-quality warnings as notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    notes.extend(str(w.message) for w in caught)
    return result


def _node_table(graph: nx.Graph, betweenness: str = "exact", seed: int = 0) -> pd.DataFrame:
    """Library node metrics, Leiden communities and k-core coreness of every node."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=NODE_FIELDS)
    options = {"samples": 500, "seed": seed} if betweenness == "sampled" else {}
    metrics = node_metrics(graph, betweenness=betweenness, **options)
    groups = communities(graph, seed=seed)
    core = core_periphery(graph, method="k_core")
    metrics = metrics.merge(groups[["organisation", "community"]], on="organisation", how="left")
    metrics = metrics.merge(core[["organisation", "coreness", "core"]], on="organisation")
    metrics.attrs.update(
        modularity=groups.attrs["modularity"], communities=groups.attrs["communities"]
    )
    return metrics[NODE_FIELDS]


def _edges(graph: nx.Graph) -> list[dict]:
    return [
        {"source": a, "target": b, "weight": _plain(w)}
        for a, b, w in sorted(graph.edges(data="weight"))
    ]


def initiative_metrics(
    table: pd.DataFrame,
    members: list[str],
    peers: dict[str, list[str]],
    attributes: dict[str, dict],
    sectors: list[str],
) -> dict:
    """Everything the initiative's network page shows, from the library.

    ``table`` holds the members' participations and those of their partners;
    the initiative's own network is the subgraph of the members.
    """
    notes: list[str] = []
    graph = collaboration_graph(table, attributes, members)
    own = nx.Graph(graph.subgraph(members))
    nodes = _node_table(own)
    summary = {k: _plain(v) for k, v in graph_summary(own).items()}
    summary["modularity"] = _plain(nodes.attrs.get("modularity", float("nan")))
    summary["communities"] = _plain(nodes.attrs.get("communities", 0))
    result: dict = {"summary": summary, "nodes": records(nodes), "edges": _edges(own)}
    result["notes"] = notes
    if not members:
        return result
    positions = member_positions(graph, members)
    result["positions"] = records(positions)
    brokers = broker_dependence(graph, members, within="group")
    result["brokers"] = records(brokers)
    result["single_broker"] = _plain(brokers.attrs.get("single_broker"))
    result["connected_pairs"] = _plain(brokers.attrs.get("connected_pairs"))
    mix = triple_helix_mix(own, spheres=TRIPLE_HELIX)
    result["triple_helix"] = records(mix)
    result["cross_sphere_tie_share"] = _plain(mix.attrs.get("cross_sphere_tie_share"))
    types = {k: v["type"] for k, v in attributes.items()}
    if peers:
        gaps = _quietly(composition_gaps, notes, graph, members, peers, labels=types)
        result["type_gaps"] = records(gaps.drop(columns=["explanation_de", "explanation_en"]))
        industries = {k: v["industry"] for k, v in attributes.items() if v.get("industry")}
        with_industry = [m for m in members if m in industries]
        if with_industry:
            try:
                gaps = _quietly(
                    composition_gaps, notes, graph, with_industry, peers,
                    attribute="industry", labels=industries,
                )  # fmt: skip
                columns = [c for c in gaps.columns if not c.startswith("explanation")]
                result["industry_gaps"] = records(gaps[columns])
                result["members_without_industry"] = len(members) - len(with_industry)
            except InputError as error:
                notes.append(str(error))
    if sectors:
        try:
            cover = _quietly(
                value_chain_coverage, notes, graph, members, demo_io_table(), sectors,
                labels={k: v["industry"] for k, v in attributes.items() if v.get("industry")},
                concordance=SECTION_TO_SECTOR,
            )  # fmt: skip
            columns = [c for c in cover.columns if not c.startswith("explanation")]
            result["value_chain_coverage"] = records(cover[columns])
        except InputError as error:
            notes.append(str(error))
    return result


def initiative_network(
    initiative: Initiative, *, year: int | None = None, user=None, force: bool = False
) -> NetworkSnapshot:
    """The stored network analysis of an initiative (computed when its input changed)."""
    members = [str(i) for i in current_member_ids(initiative)]
    table = participation_table([int(m) for m in members], year=year, with_partners=True)
    peers = peer_memberships(initiative)
    ids = set(members) | set(table["organisation"]) | {o for v in peers.values() for o in v}
    attributes = organisation_attributes(ids)
    sectors = cluster_sectors(initiative.industries.values_list("code", flat=True))
    facts = {k: [v["type"], v["industry"]] for k, v in sorted(attributes.items())}
    digest = input_hash(table, members, peers, facts, sectors, year)
    stored = NetworkSnapshot.objects.filter(
        scope=SnapshotScope.INITIATIVE, initiative=initiative, year=year, input_hash=digest
    ).first()
    if stored is not None and not force:
        return stored
    metrics = initiative_metrics(table, members, peers, attributes, sectors)
    return NetworkSnapshot.objects.create(
        scope=SnapshotScope.INITIATIVE,
        initiative=initiative,
        year=year,
        input_hash=digest,
        parameters={"weight": "count", "betweenness": "exact", "seed": 0, "sectors": sectors},
        metrics=metrics,
        version=clusterdialog.__version__,
        created_by=user if user is not None and user.is_authenticated else None,
    )


def ego_network(
    organisation: Organisation, *, year: int | None = None, user=None
) -> NetworkSnapshot:
    """The stored ego network of an organisation: it, its partners and the ties among them."""
    direct = participation_table([organisation.pk], year=year, with_partners=True)
    ego = str(organisation.pk)
    alters = sorted(set(direct["organisation"]) - {ego}, key=int)
    table = participation_table([organisation.pk, *map(int, alters)], year=year)
    digest = input_hash(table, ego, year)
    stored = NetworkSnapshot.objects.filter(
        scope=SnapshotScope.ORGANISATION, organisation=organisation, year=year, input_hash=digest
    ).first()
    if stored is not None:
        return stored
    attributes = organisation_attributes([ego, *alters])
    graph = collaboration_graph(table, attributes, [ego])
    nodes = _node_table(graph)
    summary = {k: _plain(v) for k, v in graph_summary(graph).items()}
    summary["partners"] = len(alters)
    summary["ties_among_partners"] = graph.number_of_edges() - graph.degree(ego)
    metrics = {"summary": summary, "nodes": records(nodes), "edges": _edges(graph), "ego": ego}
    return NetworkSnapshot.objects.create(
        scope=SnapshotScope.ORGANISATION,
        organisation=organisation,
        year=year,
        input_hash=digest,
        parameters={"weight": "count", "betweenness": "exact", "seed": 0},
        metrics=metrics,
        version=clusterdialog.__version__,
        created_by=user if user is not None and user.is_authenticated else None,
    )


def _membership_groups() -> pd.DataFrame:
    from clusterdialog.web.networks.rules import current_memberships

    pairs = current_memberships().values_list("organisation_id", "initiative_id")
    return pd.DataFrame(
        [(str(o), str(i)) for o, i in pairs], columns=["organisation", "group"], dtype=object
    )


def platform_network(*, year: int | None = None, user=None, compute: bool = False):
    """The latest stored network of all organisations; a new run when ``compute``.

    Returns ``(snapshot or None, current)`` where ``current`` tells whether the
    stored run used the present data.
    """
    table = participation_table(None, year=year)
    groups = _membership_groups()
    digest = input_hash(table, groups, year)
    latest = (
        NetworkSnapshot.objects.filter(scope=SnapshotScope.ALL, year=year)
        .order_by("-created")
        .first()
    )
    if not compute:
        return latest, latest is not None and latest.input_hash == digest
    ids = set(table["organisation"]) | set(groups["organisation"])
    attributes = organisation_attributes(ids)
    graph = collaboration_graph(table, attributes, sorted(ids, key=int))
    n = graph.number_of_nodes()
    method = "exact" if n <= EXACT_LIMIT else "sampled"
    nodes = _node_table(graph, betweenness=method)
    summary = {k: _plain(v) for k, v in graph_summary(graph).items()}
    summary.update(
        modularity=_plain(nodes.attrs.get("modularity")),
        communities=_plain(nodes.attrs.get("communities")),
        projects=int(table["project"].nunique()) if len(table) else 0,
        participations=len(table),
        betweenness=method,
    )
    metrics: dict = {"summary": summary, "notes": []}
    metrics["top"] = records(
        nodes.sort_values(["betweenness", "degree"], ascending=False).head(TOP_ROWS)
    )
    if graph.number_of_edges():
        summary["type_assortativity"] = _plain(type_assortativity(graph))
        mix = triple_helix_mix(graph, spheres=TRIPLE_HELIX)
        metrics["triple_helix"] = records(mix)
        metrics["cross_sphere_tie_share"] = _plain(mix.attrs.get("cross_sphere_tie_share"))
    if len(groups):
        bridges = bridging_organisations(graph, groups)
        metrics["bridging"] = records(bridges[bridges["bridging"]].head(TOP_ROWS))
    snapshot = NetworkSnapshot.objects.create(
        scope=SnapshotScope.ALL,
        year=year,
        input_hash=digest,
        parameters={"weight": "count", "betweenness": method, "samples": 500, "seed": 0},
        metrics=metrics,
        version=clusterdialog.__version__,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    return snapshot, True


def _type_labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {value: str(label) for value, label in OrganisationType.choices}


def recommendations(
    organisation: Organisation, *, language: str = "de", k: int = 10
) -> pd.DataFrame:
    """Ranked partner recommendations for an organisation, explained in ``language``.

    Candidates are published organisations; the graph holds every organisation
    with a participation (unpublished ones appear in the sentences only as
    "an unpublished organisation").  Industry relatedness comes from the Kreis
    × WZ panel (:func:`clusterdialog.measures.relatedness.relatedness`).
    """
    table = participation_table(None)
    published = {
        str(pk): name
        for pk, name in Organisation.objects.filter(published=True).values_list("pk", "name")
    }
    me = str(organisation.pk)
    ids = set(table["organisation"]) | set(published) | {me}
    attributes = organisation_attributes(ids)
    graph = collaboration_graph(table, attributes, sorted(ids, key=int))
    labels = _type_labels(language)
    with translation.override(language):
        hidden = str(_("an unpublished organisation"))
    for node, data in graph.nodes(data=True):
        info = attributes.get(node, {})
        data["type_label"] = labels.get(data["type"], data["type"])
        data["name"] = info.get("name") if (node in published or node == me) else hidden
        data["group"] = section_to_group(data.get("industry"))
    try:
        relatedness = industry_relatedness().rename(
            columns={"industry_i": "group_i", "industry_j": "group_j"}
        )
    except ClusterDialogError:
        relatedness = None
    # every candidate on small platforms; on large ones the best few hundred, enough to find
    # ``k`` published organisations among them
    pool = None if graph.number_of_nodes() <= CANDIDATE_LIMIT else max(50 * k, 500)
    ranked = recommend_partners(
        graph, me, k=pool, type="type_label", industry="group",
        relatedness=relatedness, label="name",
    )  # fmt: skip
    ranked = ranked[ranked["partner"].isin(published)].head(k).reset_index(drop=True)
    ranked["rank"] = np.arange(1, len(ranked) + 1)
    ranked["name"] = ranked["partner"].map(published)
    ranked["slug"] = ranked["partner"].map(lambda v: attributes.get(v, {}).get("slug"))
    ranked["explanation"] = ranked["explanation_de" if language == "de" else "explanation_en"]
    return ranked
