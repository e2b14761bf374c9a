"""Actor networks of organisations: bipartite collaboration graphs and their projections,
metrics, communities, brokerage, gaps and partner recommendations.

Pure, like :mod:`clusterdialog.measures`: participation tables in, networkx graphs and tidy
DataFrames out.  Organisations only, never persons.
"""

from clusterdialog.network.build import (
    bipartite_graph,
    project_organisations,
    projection_matrix,
    snapshots,
    to_igraph,
)
from clusterdialog.network.gaps import (
    composition_gaps,
    value_chain_coverage,
)
from clusterdialog.network.matchmaking import (
    PARTNER_SCORES,
    PARTNER_WEIGHTS,
    recommend_partners,
)
from clusterdialog.network.metrics import (
    graph_summary,
    node_metrics,
)
from clusterdialog.network.mixing import (
    BROKERAGE_ROLES,
    TRIPLE_HELIX_SPHERES,
    bridging_organisations,
    brokerage_roles,
    triple_helix_mix,
    type_assortativity,
    type_mixing,
)
from clusterdialog.network.participations import (
    OPTIONAL_COLUMNS,
    participation_table,
)
from clusterdialog.network.positions import (
    broker_dependence,
    member_positions,
)
from clusterdialog.network.structure import (
    CORE_PERIPHERY_METHODS,
    communities,
    core_periphery,
    snapshot_change,
)

__all__ = [
    "BROKERAGE_ROLES",
    "CORE_PERIPHERY_METHODS",
    "OPTIONAL_COLUMNS",
    "PARTNER_SCORES",
    "PARTNER_WEIGHTS",
    "TRIPLE_HELIX_SPHERES",
    "bipartite_graph",
    "bridging_organisations",
    "broker_dependence",
    "brokerage_roles",
    "communities",
    "composition_gaps",
    "core_periphery",
    "graph_summary",
    "member_positions",
    "node_metrics",
    "participation_table",
    "project_organisations",
    "projection_matrix",
    "recommend_partners",
    "snapshot_change",
    "snapshots",
    "to_igraph",
    "triple_helix_mix",
    "type_assortativity",
    "type_mixing",
    "value_chain_coverage",
]
