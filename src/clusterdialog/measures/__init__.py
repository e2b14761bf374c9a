"""Pure measures over regional panels.

Location quotients (:mod:`.location_quotients`), specialisation
(:mod:`.specialisation`), inequality and entropy (:mod:`.inequality`),
related and unrelated variety (:mod:`.variety`), concentration
(:mod:`.concentration`), agglomeration beyond chance (:mod:`.agglomeration`,
:mod:`.coagglomeration`), shift-share (:mod:`.shiftshare`), presence,
co-occurrence and proximity (:mod:`.cooccurrence`), relatedness and density
(:mod:`.relatedness`), diversity and ubiquity (:mod:`.diversity_ubiquity`),
economic complexity (:mod:`.complexity`) and the complexity outlook
(:mod:`.outlook`).  Every measure takes a long table with explicit column
names, or a :class:`~clusterdialog.data.panel.RegionalPanel`, and returns a
long table keyed on the same identifiers.
"""

from clusterdialog.measures.agglomeration import (
    ellison_glaeser,
    ellison_glaeser_from_counts,
    maurel_sedillot,
)
from clusterdialog.measures.coagglomeration import coagglomeration, pairwise_coagglomeration
from clusterdialog.measures.complexity import EconomicComplexity, eci, economic_complexity, pci
from clusterdialog.measures.concentration import hoover_index, locational_gini
from clusterdialog.measures.cooccurrence import co_occurrence, presence, proximity
from clusterdialog.measures.diversity_ubiquity import diversity, ubiquity
from clusterdialog.measures.inequality import herfindahl, shannon_entropy, theil
from clusterdialog.measures.location_quotients import location_quotient
from clusterdialog.measures.outlook import complexity_outlook, complexity_outlook_gain
from clusterdialog.measures.pointpatterns import kd, m_function
from clusterdialog.measures.pointpatterns_envelopes import kd_envelope, m_envelope
from clusterdialog.measures.relatedness import relatedness, relatedness_density
from clusterdialog.measures.shiftshare import dynamic_shift_share, shift_share
from clusterdialog.measures.specialisation import (
    krugman_index,
    specialisation_coefficient,
    specialisation_gini,
)
from clusterdialog.measures.variety import related_variety, unrelated_variety

__all__ = [
    "kd",
    "kd_envelope",
    "m_envelope",
    "m_function",
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
