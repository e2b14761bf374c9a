"""An initiative's regional value chain, computed by :mod:`clusterdialog.valuechain`.

The initiative's industries (WZ 2008 codes) map to the product groups of the
demo input-output table (Germany 1995, Eurostat manual, six groups) through
their WZ section and the documented concordances of
:mod:`clusterdialog.valuechain.concordance`; its regions give the local
presence from the Kreis × WZ employment panel (GENESIS 13111-07-05-4, 2020).
The result is a stored run (:class:`~.models.ValueChainRun`) keyed by the hash
of the industries and regions.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
from django.utils import translation
from django.utils.translation import gettext_lazy as _

import clusterdialog
from clusterdialog.data.datasets import GENESIS_CREDIT
from clusterdialog.errors import InputError
from clusterdialog.valuechain import (
    WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
    WZ_SECTIONS_TO_CPA_A10,
    cluster_value_chain,
    value_chain_gaps,
)
from clusterdialog.web.directory.models import Initiative, RegionLevel

__all__ = [
    "IO_CREDIT",
    "PANEL_YEAR",
    "SECTION_TO_SECTOR",
    "SECTOR_NAMES",
    "cluster_sectors",
    "demo_io_table",
    "industry_relatedness",
    "initiative_value_chain",
    "kreis_panel",
    "section_to_group",
]

#: Credit line of the input-output table.
IO_CREDIT = "Eurostat, Manual of Supply, Use and Input-Output Tables (2008), Table 15.4"
#: Year of the Kreis employment used for local presence.
PANEL_YEAR = 2020
#: Names of the six product groups of the demo table, translated.
SECTOR_NAMES = {
    "CPA_A": _("Agriculture, forestry and fishing"),
    "CPA_B-E": _("Industry (without construction)"),
    "CPA_F": _("Construction"),
    "CPA_G-I": _("Trade, transport, hospitality"),
    "CPA_J-N": _("Business services"),
    "CPA_O-T": _("Public and other services"),
}


def section_to_group(section: str | None) -> str | None:
    """WZ section → A*10 grouping of the Kreis panel (``"C"`` → ``"B-E"``)."""
    if not section:
        return None
    code = WZ_SECTIONS_TO_CPA_A10.get(section)
    return code.removeprefix("CPA_") if code else None


#: WZ section → product group of the demo input-output table.
SECTION_TO_SECTOR = {
    section: WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL[section_to_group(section)]
    for section in "ABCDEFGHIJKLMNOPQRSTU"
    if section_to_group(section) in WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL
}


def cluster_sectors(industry_codes: Iterable[str]) -> list[str]:
    """The product groups of the demo table that an initiative's WZ codes fall into."""
    from clusterdialog.web.networks.services import industry_section

    sectors = {SECTION_TO_SECTOR.get(industry_section(code) or "") for code in industry_codes}
    return sorted(sectors - {None})


@lru_cache(maxsize=1)
def demo_io_table():
    """Germany 1995 (Eurostat manual), read once per process."""
    from clusterdialog.data.datasets import load_de_1995_io_table

    return load_de_1995_io_table()


@lru_cache(maxsize=1)
def kreis_panel() -> pd.DataFrame:
    """Employment by Kreis and WZ grouping on 30 June of :data:`PANEL_YEAR`."""
    from clusterdialog.datasets import load_kreise_industries

    panel = load_kreise_industries()
    panel = panel[panel["period"] == PANEL_YEAR]
    return panel[["region", "region_name", "industry", "value", "suppressed"]].reset_index(
        drop=True
    )


@lru_cache(maxsize=1)
def industry_relatedness() -> pd.DataFrame:
    """Relatedness of the WZ groupings from their co-location in the Kreise."""
    from clusterdialog.measures.relatedness import relatedness

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return relatedness(kreis_panel(), suppressed="zero")


def _kreis_codes(initiative: Initiative, known: set[str]) -> list[str]:
    """The Kreise an initiative covers: its Kreise, and every Kreis under its larger regions."""
    codes = set()
    for region in initiative.regions.all():
        if region.level == RegionLevel.KREIS or len(region.code) == 5:
            codes.add(region.code[:5])
        else:
            codes.update(k for k in known if k.startswith(region.code))
    return sorted(codes & known)


def _combined_panel(kreise: list[str], label: str) -> pd.DataFrame:
    """The panel with the initiative's Kreise summed into one region ``label``."""
    panel = kreis_panel()
    inside = panel["region"].isin(kreise)
    combined = (
        panel[inside]
        .assign(value=lambda d: d["value"].fillna(0.0))
        .groupby("industry", as_index=False)["value"]
        .sum()
        .assign(region=label, suppressed=False)
    )
    return pd.concat([panel[~inside], combined], ignore_index=True)[
        ["region", "industry", "value", "suppressed"]
    ]


def _sankey(table, sectors, chain, gap_pairs, language: str) -> str:
    """The Sankey drawing (suppliers → cluster → customers) with names in ``language``."""
    from clusterdialog.reports.sankey import cluster_chain_sankey

    with translation.override(language):
        names = {code: str(name) for code, name in SECTOR_NAMES.items()}
        titles = [str(_("Suppliers")), str(_("Cluster")), str(_("Customers"))]
        title = str(_("Value chain: intermediate flows, million EUR"))
    german = language == "de"

    def number(value: float) -> str:
        text = f"{value:,.0f}"
        return text.replace(",", ".") if german else text

    svg, _shown = cluster_chain_sankey(
        dataclasses.replace(table, names=names), sectors, chain, gap_pairs, partners=5,
        title=title, column_titles=titles, format_value=number, width=720, label_width=200,
    )  # fmt: skip
    return svg


def initiative_value_chain(initiative: Initiative):
    """The stored value chain of an initiative (computed when industries or regions change).

    Returns the :class:`~.models.ValueChainRun`, or ``None`` when the
    initiative has no industry or no region, or its industries cover every
    product group (then there is nothing outside the cluster).
    """
    from clusterdialog.web.networks.analysis import input_hash, records
    from clusterdialog.web.networks.models import ValueChainRun

    codes = sorted(initiative.industries.values_list("code", flat=True))
    sectors = cluster_sectors(codes)
    if not sectors:
        return None
    known = set(kreis_panel()["region"])
    kreise = _kreis_codes(initiative, known)
    if not sectors or not kreise:
        return None
    digest = input_hash(codes, kreise, sectors, PANEL_YEAR, "flq", 0.3)
    stored = ValueChainRun.objects.filter(initiative=initiative, input_hash=digest).first()
    if stored is not None:
        return stored
    label = kreise[0] if len(kreise) == 1 else "initiative"
    table = demo_io_table()
    notes: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            chain = cluster_value_chain(
                table, sectors, employment=_combined_panel(kreise, label), region=label,
                method="flq", delta=0.3, concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
                suppressed="zero",
            )  # fmt: skip
            gaps = value_chain_gaps(chain)
        notes.extend(str(w.message) for w in caught)
    except InputError as error:
        notes.append(str(error))
        chain, gaps = None, None
    result: dict = {"kreise": kreise, "sectors": sectors, "notes": notes}
    if chain is not None:
        gap_pairs = {(r, s) for r, s in zip(gaps["role"], gaps["sector"], strict=True)}
        chain = chain.assign(
            gap=[(r, s) in gap_pairs for r, s in zip(chain["role"], chain["sector"], strict=True)]
        )
        result["chain"] = records(chain.drop(columns=["name"]))
        result["gaps"] = records(gaps[["role", "sector", "linkage_index", "gap"]])
        result["sankey"] = {
            language: _sankey(table, sectors, chain, gap_pairs, language)
            for language in ("de", "en")
        }
    return ValueChainRun.objects.create(
        initiative=initiative,
        input_hash=digest,
        parameters={
            "table": IO_CREDIT,
            "employment": f"GENESIS 13111-07-05-4, {PANEL_YEAR}",
            "method": "flq",
            "delta": 0.3,
            "credits": [IO_CREDIT, GENESIS_CREDIT],
        },
        result=result,
        version=clusterdialog.__version__,
    )
