"""Reference data of the directory: regions, WZ industries, technology fields, funding sources.

Every loader is idempotent (``update_or_create`` on the natural key) and returns
the number of records it holds afterwards.  The demo loader and the tests call
them; an installation calls :func:`load_reference_data` once after ``migrate``.
"""

from __future__ import annotations

import csv
import io
from importlib.resources import files

from django.db import transaction

from clusterdialog.data.classifications import SECTION_DIVISIONS, WZ
from clusterdialog.web.directory.models import FundingSource, Industry, TechnologyField
from clusterdialog.web.directory.regions import load_regions

__all__ = [
    "FUNDING_SOURCES",
    "TECHNOLOGY_FIELDS",
    "load_funding_sources",
    "load_industries",
    "load_reference_data",
    "load_regions",
    "load_technology_fields",
    "wz_division_titles",
]

#: Technology fields of Baden-Württemberg's cluster policy: slug, German, English name.
TECHNOLOGY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("mobilitaet-automotive", "Mobilität/Automotive", "Mobility/automotive"),
    ("maschinen-anlagenbau", "Maschinen- und Anlagenbau", "Mechanical and plant engineering"),
    ("gesundheit-medizintechnik", "Gesundheit/Medizintechnik", "Health/medical technology"),
    ("biotechnologie", "Biotechnologie", "Biotechnology"),
    ("ikt-software", "IKT/Software", "ICT/software"),
    ("photonik", "Photonik", "Photonics"),
    ("umwelttechnik-energie", "Umwelttechnik/Energie", "Environmental technology/energy"),
    ("luft-raumfahrt", "Luft- und Raumfahrt", "Aerospace"),
    ("kreativwirtschaft", "Kreativwirtschaft", "Creative industries"),
    ("holz-forst", "Holz/Forst", "Wood/forestry"),
    ("logistik", "Logistik", "Logistics"),
    ("mikrosystemtechnik", "Mikrosystemtechnik", "Microsystems technology"),
    ("ernaehrung", "Ernährung", "Food and nutrition"),
    ("textil", "Textil", "Textiles"),
    ("bauen", "Bauen", "Construction"),
    ("leichtbau-materialien", "Leichtbau und neue Materialien", "Lightweight design and materials"),
)

#: Funding sources of initiatives: slug, German, English name, kind.
FUNDING_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("land-bw", "Land Baden-Württemberg", "State of Baden-Württemberg", FundingSource.Kind.STATE),
    ("bund", "Bund", "Federal government", FundingSource.Kind.FEDERAL),
    ("eu-efre", "EU (EFRE)", "EU (ERDF)", FundingSource.Kind.EU),
    ("kommune", "Kommune", "Municipality", FundingSource.Kind.MUNICIPAL),
    ("mitgliedsbeitraege", "Mitgliedsbeiträge", "Members' fees", FundingSource.Kind.MEMBERS),
    ("privat-sponsoring", "Privat/Sponsoring", "Private/sponsoring", FundingSource.Kind.PRIVATE),
)


def wz_division_titles() -> dict[str, tuple[str, str]]:
    """The 88 WZ 2008 divisions: code → (German title, English title).

    Examples
    --------
    >>> titles = wz_division_titles()
    >>> len(titles), titles["28"]
    (88, ('Maschinenbau', 'Manufacture of machinery and equipment n.e.c.'))
    """
    text = (files("clusterdialog.web.directory") / "data" / "wz_divisions.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {
        row["code"]: (row["title_de"], row["title_en"])
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    }


@transaction.atomic
def load_industries() -> int:
    """Create or update the 21 WZ 2008 sections (level 1) and 88 divisions (level 2).

    Codes are written the WZ way (``C``, ``28``); titles in German and English.
    Returns the number of industries afterwards (109 on a fresh database).
    """
    divisions = wz_division_titles()
    for section, section_divisions in SECTION_DIVISIONS.items():
        Industry.objects.update_or_create(
            code=section,
            defaults={
                "name_de": WZ.title(section) or section,
                "name_en": WZ.title(section, language="en") or "",
                "level": 1,
            },
        )
        for division in section_divisions:
            name_de, name_en = divisions[division]
            Industry.objects.update_or_create(
                code=division, defaults={"name_de": name_de, "name_en": name_en, "level": 2}
            )
    return Industry.objects.count()


@transaction.atomic
def load_technology_fields() -> int:
    """Create or update the default technology fields (:data:`TECHNOLOGY_FIELDS`)."""
    for slug, name_de, name_en in TECHNOLOGY_FIELDS:
        TechnologyField.objects.update_or_create(
            slug=slug, defaults={"name_de": name_de, "name_en": name_en}
        )
    return TechnologyField.objects.count()


@transaction.atomic
def load_funding_sources() -> int:
    """Create or update the default funding sources (:data:`FUNDING_SOURCES`)."""
    for slug, name_de, name_en, kind in FUNDING_SOURCES:
        FundingSource.objects.update_or_create(
            slug=slug, defaults={"name_de": name_de, "name_en": name_en, "kind": kind}
        )
    return FundingSource.objects.count()


def load_reference_data(geojson_path=None) -> dict[str, int]:
    """Run all four loaders; return the counts (regions per level, industries, fields, sources)."""
    counts: dict[str, int] = dict(load_regions(geojson_path))
    counts["industries"] = load_industries()
    counts["technology_fields"] = load_technology_fields()
    counts["funding_sources"] = load_funding_sources()
    return counts
