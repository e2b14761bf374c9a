"""Monitoring of cluster initiatives: KPIs, benchmarking, self-assessment, Wissensbilanz,
member surveys and data-based observation.

Pure, like :mod:`clusterdialog.measures`: DataFrames and mappings in, tidy
DataFrames and frozen dataclasses out.  The web app gathers the records and
calls these functions; the reports in :mod:`clusterdialog.reports.monitoring`
render their results.
"""

from clusterdialog.monitoring.assessment import (
    AREA_NAMES,
    AREAS,
    DEFAULT_CRITERIA,
    AssessmentScore,
    Indicator,
    assessment_progress,
    assessment_score,
)
from clusterdialog.monitoring.benchmark import (
    SIZE_CLASSES,
    peer_benchmark,
    peer_trend,
    size_class,
)
from clusterdialog.monitoring.consultations import TopicResult, aggregate_priorities
from clusterdialog.monitoring.impact import (
    IMPACT_VALUES,
    RECOMMENDATIONS,
    ROLES,
    impact_analysis,
    potential_portfolio,
)
from clusterdialog.monitoring.kpi import (
    DEFAULT_KPIS,
    KPI_FREQUENCIES,
    KPI_UNITS,
    TRAFFIC_LIGHTS,
    KpiDefinition,
    kpi_status,
    traffic_light,
)
from clusterdialog.monitoring.observation import OBSERVATION_COLUMNS, field_observation
from clusterdialog.monitoring.reporting import (
    DERIVED_KPIS,
    OPEN_STATUSES,
    REPORT_STATUSES,
    derive_membership_kpis,
    overdue,
)
from clusterdialog.monitoring.surveys import survey_results, survey_trend
from clusterdialog.monitoring.wissensbilanz import (
    CAPITALS,
    DEFAULT_FACTORS,
    DIMENSIONS,
    QQS_VALUES,
    Factor,
    compare_statements,
    qqs_aggregate,
)

__all__ = [
    "AREAS",
    "AREA_NAMES",
    "CAPITALS",
    "DEFAULT_CRITERIA",
    "DEFAULT_FACTORS",
    "DEFAULT_KPIS",
    "DERIVED_KPIS",
    "DIMENSIONS",
    "IMPACT_VALUES",
    "KPI_FREQUENCIES",
    "KPI_UNITS",
    "OBSERVATION_COLUMNS",
    "OPEN_STATUSES",
    "QQS_VALUES",
    "RECOMMENDATIONS",
    "REPORT_STATUSES",
    "ROLES",
    "SIZE_CLASSES",
    "TRAFFIC_LIGHTS",
    "AssessmentScore",
    "TopicResult",
    "Factor",
    "Indicator",
    "KpiDefinition",
    "aggregate_priorities",
    "assessment_progress",
    "assessment_score",
    "compare_statements",
    "derive_membership_kpis",
    "field_observation",
    "impact_analysis",
    "kpi_status",
    "overdue",
    "peer_benchmark",
    "peer_trend",
    "potential_portfolio",
    "qqs_aggregate",
    "size_class",
    "survey_results",
    "survey_trend",
    "traffic_light",
]
