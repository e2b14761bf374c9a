"""Regional panels, readers of official statistics, classifications and demo data."""

from clusterdialog.data.panel import (
    SUPPRESSED_POLICIES,
    Provenance,
    RegionalPanel,
    as_panel,
    validate_panel,
)

__all__ = [
    "SUPPRESSED_POLICIES",
    "Provenance",
    "RegionalPanel",
    "as_panel",
    "validate_panel",
]
