"""The demo content of the platform: real regions, invented initiatives and actors.

:func:`load_demo` fills an empty database once: the reference data of the
directory (the Land, Regierungsbezirke and 44 Kreise of Baden-Württemberg with
their shapes, WZ 2008, technology fields, funding sources), the five demo
accounts, 25 cluster initiatives (``data/initiatives.json``), 250 organisations,
about 900 memberships and contact persons with recorded consent; then every
app's own ``clusterdialog.web.<app>.demo.load(rng)`` in the order of
:data:`DEMO_APPS`, each with ``random.Random(DEMO_SEED)``.  Every initiative and
organisation carries ``is_demo=True``; the demo banner says that they are
invented.  The same seed gives the same records.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from clusterdialog.web.accounts.models import Role, User
from clusterdialog.web.directory.models import (
    ContactPerson,
    FundingSource,
    Industry,
    Initiative,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationType,
    Region,
    RegionLevel,
    TechnologyField,
)
from clusterdialog.web.hooks import app_modules
from clusterdialog.web.seeding._data import ascii_slug, read_json
from clusterdialog.web.seeding.accounts import create_demo_accounts
from clusterdialog.web.seeding.organisations import (
    SeededOrganisation,
    build_firms,
    build_institutions,
    build_management,
    industries_for,
)
from clusterdialog.web.seeding.places import KreisPlaces

__all__ = ["DEMO_APPS", "DEMO_SEED", "DemoResult", "is_loaded", "load_demo"]

DEMO_SEED = 2026
#: Apps whose ``demo.load(rng)`` runs after the directory, in this order.
DEMO_APPS = ("dialogue", "monitoring", "networks", "analytics")
#: Firms besides the 49 institutions and 14 management organisations: 250 in all.
FIRMS = 187
#: Memberships start no later than this day (the demo does not depend on today's date).
LAST_DAY = date(2026, 6, 30)
_BERLIN = ZoneInfo("Europe/Berlin")
_NON_FIRMS = {
    OrganisationType.UNIVERSITY,
    OrganisationType.RESEARCH,
    OrganisationType.CHAMBER,
    OrganisationType.AGENCY,
    OrganisationType.PUBLIC,
    OrganisationType.INVESTOR,
}


@dataclass
class DemoResult:
    """What :func:`load_demo` did: ``created`` false when the content was there already."""

    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    apps: list[str] = field(default_factory=list)


def is_loaded() -> bool:
    """Whether the demo initiatives are in the database."""
    return Initiative.objects.filter(is_demo=True).exists()


def _counts() -> dict[str, int]:
    return {
        "regions": Region.objects.count(),
        "initiatives": Initiative.objects.filter(is_demo=True).count(),
        "organisations": Organisation.objects.filter(is_demo=True).count(),
        "memberships": Membership.objects.filter(initiative__is_demo=True).count(),
        "contacts": ContactPerson.objects.count(),
        "users": User.objects.count(),
    }


def load_demo(*, progress: Callable[[str], None] | None = None) -> DemoResult:
    """Load the demo content unless it is there already (then only the accounts are renewed).

    Parameters
    ----------
    progress : callable, optional
        Called with the name of each step (``"directory"``, ``"dialogue"`` …)
        before it runs, for a progress display.

    Returns
    -------
    DemoResult
        Whether anything was created, the counts afterwards and the apps whose
        demo loaders ran.

    Notes
    -----
    All of it runs in one transaction: a failing app loader leaves the
    database as it was, and the next run tries again.
    """
    report = progress or (lambda step: None)
    if is_loaded():
        create_demo_accounts()
        return DemoResult(created=False, counts=_counts())
    from clusterdialog.web.directory.seed import load_reference_data

    apps: list[str] = []
    with transaction.atomic():
        report("reference")
        load_reference_data()
        report("accounts")
        accounts = create_demo_accounts()
        report("directory")
        load_directory(random.Random(DEMO_SEED), accounts)
        for app, module in app_modules("demo", DEMO_APPS):
            report(app)
            module.load(random.Random(DEMO_SEED))
            apps.append(app)
    return DemoResult(created=True, counts=_counts(), apps=apps)


def _person(rng: random.Random) -> tuple[str, str, str]:
    """(title + first name + surname, first name, surname) of an invented person."""
    people = read_json("people.json")
    first, last = rng.choice(people["first_names"]), rng.choice(people["surnames"])
    return f"{rng.choice(people['titles'])}{first} {last}", first, last


_LEGAL_TAILS = ("-gmbh-co-kg", "-gmbh", "-e-k", "-e-v", "-ohg", "-kg", "-ag", "-se", "-eg")


def _email(first: str, last: str, domain: str) -> str:
    """An address at the reserved domain ``.example``: ``anna.bader@firma.example``."""
    for tail in _LEGAL_TAILS:
        if domain.endswith(tail):
            domain = domain[: -len(tail)]
            break
    return f"{ascii_slug(first)}.{ascii_slug(last)}@{domain[:40].strip('-')}.example"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def load_directory(rng: random.Random, accounts: dict[str, User]) -> dict[str, int]:
    """Create the demo initiatives, organisations, memberships and contact persons.

    Needs the reference data (:func:`clusterdialog.web.directory.seed.load_reference_data`)
    and the demo accounts; returns the number of records created per kind.
    """
    kreise = {
        region.code: region
        for region in Region.objects.filter(level=RegionLevel.KREIS, code__startswith="08")
    }
    places = KreisPlaces(kreise)
    industries = {industry.code: industry for industry in Industry.objects.all()}
    fields = {item.slug: item for item in TechnologyField.objects.all()}
    funding = {item.slug: item for item in FundingSource.objects.all()}
    specs = read_json("initiatives.json")

    field_kreise: dict[str, list[str]] = {}
    for spec in specs:
        for key in spec["fields"]:
            field_kreise.setdefault(key, []).extend(spec["kreise"])
    seeded = build_institutions(rng, places)
    seeded += [build_management(spec, places, rng) for spec in specs if spec["management"] == "own"]
    seeded += build_firms(rng, places, FIRMS, field_kreise)
    bulk_create_with_history([item.organisation for item in seeded], Organisation, batch_size=500)
    saved = {org.slug: org for org in Organisation.objects.filter(is_demo=True)}
    for item in seeded:
        item.organisation = saved[item.organisation.slug]
    Organisation.industries.through.objects.bulk_create(industries_for(seeded, industries))
    by_key = {item.key: item for item in seeded}
    by_key["wf-neckar-fils"].organisation.representatives.add(accounts[Role.AGENCY])

    initiatives = []
    for spec in specs:
        initiative = Initiative.objects.create(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            founding_year=spec["founding_year"],
            legal_form=spec["legal_form"],
            management_organisation=by_key[_management_key(spec)].organisation,
            management_staff_fte=Decimal(spec["staff_fte"]),
            website=f"https://www.{spec['slug']}.example",
            status=spec["status"],
            published=spec["published"],
            is_demo=True,
        )
        initiative.technology_fields.set([fields[key] for key in spec["fields"] if key in fields])
        initiative.industries.set([industries[code] for code in spec["wz"] if code in industries])
        initiative.regions.set([kreise[code] for code in spec["kreise"]])
        initiative.funding_sources.set([funding[key] for key in spec["funding"] if key in funding])
        initiative.managers.set([_manager(rng, spec, accounts)])
        initiatives.append((spec, initiative))

    memberships = _memberships(rng, initiatives, seeded, by_key)
    bulk_create_with_history(memberships, Membership, batch_size=500)
    automotive = next(i for s, i in initiatives if s["slug"] == "automotive-cluster-neckar-fils")
    represented = (
        Organisation.objects.filter(
            memberships__initiative=automotive,
            memberships__until__isnull=True,
            type=OrganisationType.FIRM_SME,
        )
        .order_by("pk")
        .first()
    )
    represented.representatives.add(accounts[Role.MEMBER])
    contacts = _contacts(rng, initiatives, seeded, accounts)
    ContactPerson.objects.bulk_create(contacts)
    return {
        "initiatives": len(initiatives),
        "organisations": len(seeded),
        "memberships": len(memberships),
        "contacts": len(contacts),
    }


def _management_key(spec: dict) -> str:
    """Key of the organisation that runs the initiative (its own office: the initiative's slug)."""
    return spec["slug"] if spec["management"] == "own" else spec["management"]


def _manager(rng: random.Random, spec: dict, accounts: dict[str, User]) -> User:
    """The demo manager account for its two initiatives; an invented manager otherwise.

    Invented managers cannot sign in (no usable password).
    """
    if spec.get("manager") == accounts[Role.MANAGER].email:
        return accounts[Role.MANAGER]
    full_name, first, last = _person(rng)
    return User.objects.create_user(
        _email(first, last, spec["slug"]), None, role=Role.MANAGER, full_name=full_name
    )


def _score(item: SeededOrganisation, spec: dict) -> float:
    """How likely an organisation joins an initiative: shared fields and Kreise count most."""
    score = 0.0
    if set(item.fields) & set(spec["fields"]):
        score += 4
    if item.kreis in spec["kreise"]:
        score += 3
        if item.organisation.type in _NON_FIRMS and not item.fields:
            score += 3
    elif item.kreis[:3] in {code[:3] for code in spec["kreise"]}:
        score += 1
    return score * score + 0.1


def _memberships(rng, initiatives, seeded, by_key) -> list[Membership]:
    """Members of each initiative, drawn by :func:`_score` without replacement."""
    rows = []
    own_offices = {spec["slug"] for spec, _ in initiatives}
    for spec, initiative in initiatives:
        management = by_key[_management_key(spec)]
        pool = [item for item in seeded if item is not management and item.key not in own_offices]
        # weighted sampling without replacement (Efraimidis and Spirakis 2006)
        keyed = sorted(pool, key=lambda item: rng.random() ** (1 / _score(item, spec)))
        cut = len(keyed) - max(0, spec["members"] - 1)
        chosen = keyed[cut:]
        start = date(spec["founding_year"], 1, 1)
        founding = rng.randint(3, 6)
        rows.append(
            Membership(
                organisation=management.organisation,
                initiative=initiative,
                role=MembershipRole.MANAGEMENT,
                since=start,
            )
        )
        for rank, item in enumerate(reversed(chosen)):
            organisation = item.organisation
            if rank < founding:
                role, since = MembershipRole.FOUNDING, start
            else:
                since = _day(rng, start, LAST_DAY)
                if rank < founding + 3:
                    role = MembershipRole.BOARD
                elif organisation.type in _NON_FIRMS and rng.random() < 0.6:
                    role = MembershipRole.PARTNER
                else:
                    role = MembershipRole.MEMBER
            rows.append(
                Membership(organisation=organisation, initiative=initiative, role=role, since=since)
            )
        # a few former members who left again
        former = [item for item in keyed[:cut] if _score(item, spec) > 10]
        for item in former[-max(1, spec["members"] // 25) :]:
            since = _day(rng, start, date(2023, 12, 31))
            until = _day(rng, since + timedelta(days=365), date(2025, 12, 31))
            rows.append(
                Membership(
                    organisation=item.organisation,
                    initiative=initiative,
                    role=MembershipRole.MEMBER,
                    since=since,
                    until=until,
                )
            )
    return rows


def _contacts(rng, initiatives, seeded, accounts) -> list[ContactPerson]:
    """Contact persons with recorded consent: one or two per initiative, some per organisation."""
    people = read_json("people.json")
    recorder = accounts[Role.STATE_ADMIN]

    def consent() -> datetime:
        day = _day(rng, date(2024, 1, 8), date(2026, 6, 30))
        return datetime(day.year, day.month, day.day, rng.randint(8, 17), 0, tzinfo=_BERLIN)

    contacts = []
    for spec, initiative in initiatives:
        manager = initiative.managers.get()
        first, last = manager.full_name.replace("Dr. ", "").replace("Prof. ", "").split()[:2]
        contacts.append(
            ContactPerson(
                initiative=initiative,
                name=manager.full_name,
                function="Clustermanagement",
                email=_email(first, last, spec["slug"]),
                public=True,
                consent_given_at=consent(),
                consent_text=people["consent_text"],
                consent_recorded_by=recorder,
            )
        )
        if rng.random() < 0.5:
            name, first, last = _person(rng)
            contacts.append(
                ContactPerson(
                    initiative=initiative,
                    name=name,
                    function=rng.choice(people["functions"]["initiative"][1:]),
                    email=_email(first, last, spec["slug"]),
                    public=rng.random() < 0.5,
                    consent_given_at=consent(),
                    consent_text=people["consent_text"],
                    consent_recorded_by=recorder,
                )
            )
    for item in seeded:
        if rng.random() < 0.4:
            name, first, last = _person(rng)
            contacts.append(
                ContactPerson(
                    organisation=item.organisation,
                    name=name,
                    function=rng.choice(people["functions"]["organisation"]),
                    email=_email(first, last, item.organisation.slug),
                    public=rng.random() < 0.5,
                    consent_given_at=consent(),
                    consent_text=people["consent_text"],
                    consent_recorded_by=recorder,
                )
            )
    return contacts
