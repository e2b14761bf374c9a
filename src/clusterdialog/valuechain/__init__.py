"""Value chains: input-output analysis, regionalised tables and the gaps in a cluster's
regional value chain.

Pure, like :mod:`clusterdialog.measures`: an :class:`IOTable` (read with
:func:`clusterdialog.data.io_tables.read_io_table`) in, tidy DataFrames out.
"""

from clusterdialog.valuechain.chain import (
    cluster_value_chain,
    value_chain_gaps,
)
from clusterdialog.valuechain.leontief import (
    leontief_inverse,
    leontief_output,
    technical_coefficients,
)
from clusterdialog.valuechain.linkages import (
    allocation_coefficients,
    ghosh_inverse,
    hypothetical_extraction,
    linkages,
)
from clusterdialog.valuechain.multipliers import (
    employment_multipliers,
    income_multipliers,
    multiplier_effects,
    multipliers,
    output_multipliers,
    value_added_multipliers,
)
from clusterdialog.valuechain.regional import (
    REGIONALISATION_METHODS,
    WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
    WZ_SECTIONS_TO_CPA_A10,
    RegionalTable,
    regional_coefficients,
    regionalisation_factors,
    sector_employment,
)
from clusterdialog.valuechain.table import (
    NOT_VALUE_ADDED,
    IOTable,
)
from clusterdialog.valuechain.templates import (
    io_cluster_templates,
    linkage_similarity,
    templates_to_definition,
)

__all__ = [
    "IOTable",
    "NOT_VALUE_ADDED",
    "REGIONALISATION_METHODS",
    "RegionalTable",
    "WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL",
    "WZ_SECTIONS_TO_CPA_A10",
    "allocation_coefficients",
    "cluster_value_chain",
    "employment_multipliers",
    "ghosh_inverse",
    "hypothetical_extraction",
    "income_multipliers",
    "io_cluster_templates",
    "leontief_inverse",
    "leontief_output",
    "linkage_similarity",
    "linkages",
    "multiplier_effects",
    "multipliers",
    "output_multipliers",
    "regional_coefficients",
    "regionalisation_factors",
    "sector_employment",
    "technical_coefficients",
    "templates_to_definition",
    "value_added_multipliers",
    "value_chain_gaps",
]
