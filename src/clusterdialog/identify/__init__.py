"""Cluster identification: star ratings, strong clusters, significance, dynamics,
opportunities, data-driven definitions and spatial methods (pure, like the measures)."""

from clusterdialog.identify.getis_ord import getis_ord, getis_ord_global
from clusterdialog.identify.intermunicipal import intermunicipal_candidates
from clusterdialog.identify.moran import local_moran, moran
from clusterdialog.identify.spatial import (
    contiguity_weights,
    match_regions,
    weights_from_neighbors,
)

__all__: list[str] = []
__all__ += [
    "contiguity_weights",
    "getis_ord",
    "getis_ord_global",
    "intermunicipal_candidates",
    "local_moran",
    "match_regions",
    "moran",
    "weights_from_neighbors",
]

# Helper A: star ratings, strong clusters, significance, cluster definitions.
from clusterdialog.identify.definitions import (  # noqa: E402
    ClusterDefinition,
    apply_definition,
)
from clusterdialog.identify.significance import (  # noqa: E402
    benjamini_hochberg,
    expected_employment_test,
    location_quotient_interval,
)
from clusterdialog.identify.stars import DEFAULT_STAR_THRESHOLDS, star_rating  # noqa: E402
from clusterdialog.identify.strong import STRONG_CLUSTER_RULES, strong_clusters  # noqa: E402

__all__ += [
    "DEFAULT_STAR_THRESHOLDS",
    "STRONG_CLUSTER_RULES",
    "ClusterDefinition",
    "apply_definition",
    "benjamini_hochberg",
    "expected_employment_test",
    "location_quotient_interval",
    "star_rating",
    "strong_clusters",
]

# Helper B: data-driven cluster definitions, dynamics and portfolio, opportunities.
from clusterdialog.identify.cluster_definitions_data import (  # noqa: E402
    DefinitionComparison,
    adjusted_rand_index,
    compare_definitions,
    derive_cluster_definitions,
    industry_similarity,
    validation_scores,
)
from clusterdialog.identify.dynamics import (  # noqa: E402
    PORTFOLIO_CLASSES,
    PORTFOLIO_X_LABELS,
    classify_portfolio,
    cluster_dynamics,
    portfolio,
)
from clusterdialog.identify.opportunities import (  # noqa: E402
    EXPLANATIONS,
    format_number,
    intersections,
    opportunities,
)

__all__ += [
    "EXPLANATIONS",
    "PORTFOLIO_CLASSES",
    "PORTFOLIO_X_LABELS",
    "DefinitionComparison",
    "adjusted_rand_index",
    "classify_portfolio",
    "cluster_dynamics",
    "compare_definitions",
    "derive_cluster_definitions",
    "format_number",
    "industry_similarity",
    "intersections",
    "opportunities",
    "portfolio",
    "validation_scores",
]
