"""Classifications of industries, occupations and regions, and aggregation along them.

* :data:`WZ` – WZ 2008 / NACE Rev. 2 (sections, divisions, groups, classes,
  subclasses; groupings of official tables such as ``B-E``);
* :data:`NAICS` – North American Industry Classification System (2–6 digits);
* :data:`KLDB` – KldB 2010, German classification of occupations (1–5 digits);
* :data:`AGS` – German regional keys (Land → Regierungsbezirk → Kreis →
  Gemeindeverband → Gemeinde) and :data:`NUTS`;
* :func:`aggregate_panel` – sum a long panel to a coarser level or to the groups
  of a mapping, keeping suppressed cells honest and refusing double counting.

Names and titles are bundled as small CSV files in this folder, with their
sources and licences in the file headers and in ``README.md``.
"""

from clusterdialog.data.classifications.aggregate import (
    AGGREGATE_SUPPRESSED,
    UNMAPPED_POLICIES,
    aggregate_panel,
)
from clusterdialog.data.classifications.base import Classification, ParsedCode, get_classification
from clusterdialog.data.classifications.kldb import KLDB, KldBClassification
from clusterdialog.data.classifications.naics import NAICS, NAICS_SECTORS, NAICSClassification
from clusterdialog.data.classifications.regions import (
    AGS,
    NUTS,
    AGSClassification,
    NUTSClassification,
    kreis_table,
    land_table,
    region_parent_mapping,
)
from clusterdialog.data.classifications.wz import (
    SECTION_DIVISIONS,
    WZ,
    WZClassification,
    wz_contains,
    wz_sections_covered,
)

__all__ = [
    "AGGREGATE_SUPPRESSED",
    "AGS",
    "AGSClassification",
    "Classification",
    "KLDB",
    "KldBClassification",
    "NAICS",
    "NAICSClassification",
    "NAICS_SECTORS",
    "NUTS",
    "NUTSClassification",
    "ParsedCode",
    "SECTION_DIVISIONS",
    "UNMAPPED_POLICIES",
    "WZ",
    "WZClassification",
    "aggregate_panel",
    "get_classification",
    "kreis_table",
    "land_table",
    "region_parent_mapping",
    "wz_contains",
    "wz_sections_covered",
]
