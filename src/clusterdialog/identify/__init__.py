"""Cluster identification: star ratings, strong clusters, significance, dynamics and the
portfolio, opportunities and intersections of fields, data-driven cluster definitions,
spatial autocorrelation and inter-municipal candidates.

Pure, like :mod:`clusterdialog.measures`: long tables in and out, no files, no printing.
"""

from clusterdialog.identify.cluster_definitions_data import (
    DefinitionComparison,
    adjusted_rand_index,
    compare_definitions,
    derive_cluster_definitions,
    industry_similarity,
    validation_scores,
)
from clusterdialog.identify.definitions import (
    ClusterDefinition,
    apply_definition,
)
from clusterdialog.identify.dynamics import (
    PORTFOLIO_CLASSES,
    PORTFOLIO_X_LABELS,
    classify_portfolio,
    cluster_dynamics,
    portfolio,
)
from clusterdialog.identify.getis_ord import (
    getis_ord,
    getis_ord_global,
)
from clusterdialog.identify.intermunicipal import (
    intermunicipal_candidates,
)
from clusterdialog.identify.moran import (
    local_moran,
    moran,
)
from clusterdialog.identify.opportunities import (
    EXPLANATIONS,
    format_number,
    intersections,
    opportunities,
)
from clusterdialog.identify.significance import (
    benjamini_hochberg,
    expected_employment_test,
    location_quotient_interval,
)
from clusterdialog.identify.spatial import (
    contiguity_weights,
    match_regions,
    weights_from_neighbors,
)
from clusterdialog.identify.stars import (
    DEFAULT_STAR_THRESHOLDS,
    star_rating,
)
from clusterdialog.identify.strong import (
    STRONG_CLUSTER_RULES,
    strong_clusters,
)

__all__ = [
    "ClusterDefinition",
    "DEFAULT_STAR_THRESHOLDS",
    "DefinitionComparison",
    "EXPLANATIONS",
    "PORTFOLIO_CLASSES",
    "PORTFOLIO_X_LABELS",
    "STRONG_CLUSTER_RULES",
    "adjusted_rand_index",
    "apply_definition",
    "benjamini_hochberg",
    "classify_portfolio",
    "cluster_dynamics",
    "compare_definitions",
    "contiguity_weights",
    "derive_cluster_definitions",
    "expected_employment_test",
    "format_number",
    "getis_ord",
    "getis_ord_global",
    "industry_similarity",
    "intermunicipal_candidates",
    "intersections",
    "local_moran",
    "location_quotient_interval",
    "match_regions",
    "moran",
    "opportunities",
    "portfolio",
    "star_rating",
    "strong_clusters",
    "validation_scores",
    "weights_from_neighbors",
]
