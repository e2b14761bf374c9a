"""Pure measures over regional panels.

Specialisation (:mod:`.specialisation`), inequality and diversity
(:mod:`.inequality`, :mod:`.variety`), concentration (:mod:`.concentration`),
agglomeration beyond chance (:mod:`.agglomeration`, :mod:`.coagglomeration`),
shift-share (:mod:`.shiftshare`), relatedness (:mod:`.relatedness`) and
economic complexity (:mod:`.complexity`).  Every measure takes a long table
with explicit column names, or a :class:`~clusterdialog.data.panel.RegionalPanel`,
and returns a long table keyed on the same identifiers.
"""

from clusterdialog.measures.agglomeration import (
    ellison_glaeser,
    ellison_glaeser_from_counts,
    maurel_sedillot,
)
from clusterdialog.measures.coagglomeration import coagglomeration, pairwise_coagglomeration
from clusterdialog.measures.complexity import (
    EconomicComplexity,
    complexity_outlook,
    complexity_outlook_gain,
    diversity,
    eci,
    economic_complexity,
    pci,
    ubiquity,
)
from clusterdialog.measures.concentration import hoover_index, locational_gini
from clusterdialog.measures.inequality import herfindahl, shannon_entropy, theil
from clusterdialog.measures.relatedness import (
    co_occurrence,
    presence,
    proximity,
    relatedness,
    relatedness_density,
)
from clusterdialog.measures.shiftshare import dynamic_shift_share, shift_share
from clusterdialog.measures.specialisation import (
    krugman_index,
    location_quotient,
    specialisation_coefficient,
    specialisation_gini,
)
from clusterdialog.measures.variety import related_variety, unrelated_variety

__all__ = [
    "EconomicComplexity",
    "co_occurrence",
    "complexity_outlook",
    "complexity_outlook_gain",
    "diversity",
    "dynamic_shift_share",
    "eci",
    "economic_complexity",
    "pci",
    "presence",
    "proximity",
    "relatedness",
    "relatedness_density",
    "shift_share",
    "ubiquity",
    "coagglomeration",
    "ellison_glaeser",
    "ellison_glaeser_from_counts",
    "herfindahl",
    "hoover_index",
    "krugman_index",
    "location_quotient",
    "locational_gini",
    "maurel_sedillot",
    "pairwise_coagglomeration",
    "related_variety",
    "shannon_entropy",
    "specialisation_coefficient",
    "specialisation_gini",
    "theil",
    "unrelated_variety",
]
