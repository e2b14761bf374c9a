"""Invented organisations of the demo: institutions from a list, firms from word lists.

Institutions (universities, research institutes, chambers, agencies, public
bodies, investors) come from ``data/institutions.json``; firms are combined at
random from ``data/firms.json``: a technology field chosen by weight, a Kreis
where initiatives of that field work (mostly), a name, a size, products and
customers, the field's WZ divisions, a town of the Kreis and a point inside it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from clusterdialog.web.directory.models import Industry, Organisation, OrganisationType
from clusterdialog.web.seeding._data import ascii_slug, read_json
from clusterdialog.web.seeding.places import KreisPlaces

__all__ = [
    "SeededOrganisation",
    "build_firms",
    "build_institutions",
    "build_management",
    "german",
    "industries_for",
]

#: Fields whose firms offer services rather than manufacture products.
_SERVICE_FIELDS = {"ikt-software", "kreativwirtschaft", "logistik", "bauen"}
_LARGE_SHARE = 0.08


@dataclass
class SeededOrganisation:
    """An organisation (not yet saved) and what the demo needs to place it in initiatives."""

    organisation: Organisation
    key: str
    fields: tuple[str, ...]
    kreis: str
    industry_codes: tuple[str, ...]


def german(number: int) -> str:
    """A whole number with the German thousands separator: ``german(1250) == "1.250"``."""
    return f"{number:,}".replace(",", ".")


def _field_names(fields) -> str:
    names = [read_json("firms.json")["field_names"].get(f, f) for f in fields]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " und " + names[-1]


def _institution_description(spec: dict, town: str) -> str:
    fields = _field_names(spec["fields"])
    kind = spec["type"]
    if kind == OrganisationType.UNIVERSITY:
        return (
            f"Die {spec['name']} forscht und lehrt unter anderem in {fields}. Sie arbeitet in "
            "Verbundprojekten mit Unternehmen der Region und betreut Abschlussarbeiten in der "
            "Industrie."
        )
    if kind == OrganisationType.RESEARCH:
        return (
            f"Anwendungsnahes Forschungsinstitut für {fields} in {town}: Auftragsforschung für "
            "kleine und mittlere Unternehmen, öffentlich geförderte Verbundprojekte und "
            "Weiterbildung."
        )
    if kind == OrganisationType.CHAMBER:
        return (
            "Vertritt die Interessen der Betriebe in der Region, berät zu Förderprogrammen, "
            "Ausbildung und Fachkräftesicherung und begleitet Unternehmen bei Innovation und "
            "Internationalisierung."
        )
    if kind == OrganisationType.AGENCY:
        return (
            "Unterstützt Unternehmen bei Ansiedlung, Gewerbeflächen und Fördermitteln und "
            f"vernetzt Wirtschaft, Wissenschaft und Verwaltung rund um {town}."
        )
    if kind == OrganisationType.INVESTOR:
        return (
            "Beteiligt sich an jungen Technologieunternehmen aus der Region in der Gründungs- "
            "und Wachstumsphase."
        )
    return f"Öffentliche Einrichtung mit Sitz in {town}."


def _place(organisation: Organisation, places: KreisPlaces, kreis: str, rng, town=None):
    streets = read_json("firms.json")["streets"]
    if town is None:
        organisation.city, organisation.postcode = places.town(kreis, rng)
    else:
        organisation.city, organisation.postcode = places.town_named(kreis, town)
    organisation.street = f"{rng.choice(streets)} {rng.randint(1, 120)}"
    organisation.latitude, organisation.longitude = places.point(kreis, rng)
    organisation.region = places.kreise[kreis]


def build_institutions(rng: random.Random, places: KreisPlaces) -> list[SeededOrganisation]:
    """The institutions of ``data/institutions.json`` as unsaved organisations."""
    built = []
    for spec in read_json("institutions.json"):
        slug = ascii_slug(spec["name"])
        organisation = Organisation(
            name=spec["name"],
            slug=slug,
            type=spec["type"],
            employees=spec["employees"],
            website=f"https://www.{slug}.example",
            published=True,
            is_demo=True,
        )
        _place(organisation, places, spec["kreis"], rng, town=spec["town"])
        organisation.description = _institution_description(spec, organisation.city)
        built.append(
            SeededOrganisation(
                organisation, spec["key"], tuple(spec["fields"]), spec["kreis"], tuple(spec["wz"])
            )
        )
    return built


def build_management(spec: dict, places: KreisPlaces, rng: random.Random) -> SeededOrganisation:
    """The organisation that runs an initiative itself (its association or GmbH)."""
    suffix = {"ev": "e. V.", "gmbh": "GmbH", "eg": "eG"}.get(spec["legal_form"], "")
    name = f"{spec['name']} {suffix}".strip()
    kreis = spec["kreise"][0]
    organisation = Organisation(
        name=name,
        slug=ascii_slug(name),
        type=OrganisationType.ASSOCIATION if spec["legal_form"] == "ev" else OrganisationType.OTHER,
        description=f"Geschäftsstelle der Initiative {spec['name']}.",
        employees=max(1, round(float(spec["staff_fte"]) + 0.5)),
        website=f"https://www.{spec['slug']}.example",
        published=True,
        is_demo=True,
    )
    _place(organisation, places, kreis, rng, town=places.town(kreis, rng, first=True)[0])
    return SeededOrganisation(organisation, spec["slug"], tuple(spec["fields"]), kreis, ("94",))


def _firm_name(rng: random.Random, word: str, large: bool, taken: set[str]) -> str:
    words = read_json("firms.json")
    people = read_json("people.json")
    while True:
        pattern = rng.random()
        if pattern < 0.45:
            forms = words["legal_forms_large"] if large else words["legal_forms_sme"]
            stem = f"{rng.choice(people['surnames'])} {word}"
        elif pattern < 0.8:
            forms = words["legal_forms_large"] if large else words["legal_forms_sme"][:-1]
            stem = f"{rng.choice(words['landscapes'])} {word}"
        else:
            forms = words["legal_forms_large"] if large else words["legal_forms_partners"]
            first, second = rng.sample(people["surnames"], 2)
            stem = f"{first} & {second}"
        name = f"{stem} {rng.choice(forms)}"
        if name not in taken and ascii_slug(name) not in taken:
            taken.update((name, ascii_slug(name)))
            return name


def build_firms(
    rng: random.Random, places: KreisPlaces, count: int, field_kreise: dict[str, list[str]]
) -> list[SeededOrganisation]:
    """``count`` invented firms, their fields weighted as in ``data/firms.json``.

    ``field_kreise`` maps a technology field to the Kreise of the initiatives
    working in it; seven firms in ten are placed there, the rest anywhere.
    """
    words = read_json("firms.json")
    keys = sorted(words["fields"])
    weights = [words["fields"][key]["weight"] for key in keys]
    all_kreise = sorted(places.kreise)
    taken: set[str] = set()
    built = []
    for _ in range(count):
        key = rng.choices(keys, weights)[0]
        field = words["fields"][key]
        home = field_kreise.get(key)
        kreis = rng.choice(home) if home and rng.random() < 0.7 else rng.choice(all_kreise)
        large = rng.random() < _LARGE_SHARE
        if large:
            employees = min(12000, max(250, int(rng.lognormvariate(6.9, 0.8))))
        else:
            employees = min(249, max(3, int(rng.lognormvariate(3.4, 0.9))))
        word, product, customer = rng.choice(field["lines"])
        name = _firm_name(rng, word, large, taken)
        slug = ascii_slug(name)
        codes = tuple(rng.sample(field["wz"], k=min(len(field["wz"]), rng.choice((1, 1, 2)))))
        organisation = Organisation(
            name=name,
            slug=slug,
            type=OrganisationType.FIRM_LARGE if large else OrganisationType.FIRM_SME,
            employees=employees,
            website=f"https://www.{slug}.example" if rng.random() < 0.7 else "",
            published=True,
            is_demo=True,
        )
        _place(organisation, places, kreis, rng)
        verb = "bietet" if key in _SERVICE_FIELDS else "entwickelt und fertigt"
        tail = " an" if key in _SERVICE_FIELDS else ""
        organisation.description = (
            f"{name} {verb} {product} für {customer}{tail}. Am Standort "
            f"{organisation.city} arbeiten rund {german(employees)} Beschäftigte."
        )
        built.append(SeededOrganisation(organisation, slug, (key,), kreis, codes))
    return built


def industries_for(seeded: list[SeededOrganisation], industries: dict[str, Industry]) -> list:
    """Through-table rows linking each saved organisation to its WZ divisions."""
    through = Organisation.industries.through
    return [
        through(organisation_id=item.organisation.pk, industry_id=industries[code].pk)
        for item in seeded
        for code in item.industry_codes
        if code in industries
    ]
