"""Records at the scale of a large state, for query-count checks and the load benchmark.

:func:`seed_scale` adds, by default, 1,000 initiatives, 50,000 organisations,
200,000 memberships and 5,000 events with ``bulk_create`` in batches inside one
transaction (no audit history: these are synthetic records).  The records are
drawn from ``random.Random(seed)`` and fixed dates, so the same arguments give
the same database.  Their slugs start with :data:`SCALE_PREFIX` and they carry
``is_demo=True``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from clusterdialog.errors import InputError
from clusterdialog.web.directory.models import (
    FundingSource,
    Industry,
    Initiative,
    InitiativeStatus,
    LegalForm,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationType,
    Region,
    RegionLevel,
    TechnologyField,
)
from clusterdialog.web.seeding._data import ascii_slug, read_json, read_towns

__all__ = ["FULL_SIZE", "SCALE_PREFIX", "seed_scale"]

SCALE_PREFIX = "scale-"
#: The sizes of issue 4, requirement 10.
FULL_SIZE = {"initiatives": 1000, "organisations": 50000, "memberships": 200000, "events": 5000}
_BERLIN = ZoneInfo("Europe/Berlin")
_TYPES = (
    (OrganisationType.FIRM_SME, 80),
    (OrganisationType.FIRM_LARGE, 5),
    (OrganisationType.UNIVERSITY, 1),
    (OrganisationType.RESEARCH, 2),
    (OrganisationType.CHAMBER, 1),
    (OrganisationType.AGENCY, 2),
    (OrganisationType.ASSOCIATION, 4),
    (OrganisationType.OTHER, 5),
)
_KINDS = ("Cluster", "Netzwerk", "Initiative", "Forum", "Allianz", "Verbund")


def _check(name: str, value: int) -> int:
    if not isinstance(value, int) or value < 0:
        raise InputError(f"{name} must be a whole number of at least 0, got {value!r}")
    return value


def _reference() -> tuple[list[Region], list[Industry], list[TechnologyField], list]:
    """Regions, industries, fields and funding sources; loaded first when missing."""
    if not Region.objects.filter(level=RegionLevel.KREIS).exists() or not Industry.objects.exists():
        from clusterdialog.web.directory.seed import load_reference_data

        load_reference_data()
    kreise = list(Region.objects.filter(level=RegionLevel.KREIS).order_by("code"))
    divisions = list(Industry.objects.filter(level=2).order_by("code"))
    return (
        kreise,
        divisions or list(Industry.objects.order_by("code")),
        list(TechnologyField.objects.order_by("slug")),
        list(FundingSource.objects.order_by("slug")),
    )


def _insert(model, columns: list[str], rows: list[tuple], batch_size: int) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``) with ``executemany`` in batches.

    Values of date, time and decimal columns are adapted by their model field;
    the rest go to the driver as they are.  This is the ORM's ``bulk_create``
    without building a model instance per row, which is most of its cost.
    """
    fields = [model._meta.get_field(name) for name in columns]
    adapt = [
        index
        for index, field in enumerate(fields)
        if field.get_internal_type() in ("DateField", "DateTimeField", "DecimalField")
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for first in range(0, len(rows), batch_size):
            batch = rows[first : first + batch_size]
            if adapt:
                batch = [list(row) for row in batch]
                for row in batch:
                    for index in adapt:
                        row[index] = fields[index].get_db_prep_save(row[index], connection)
            cursor.executemany(sql, batch)
    return len(rows)


def _first_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


class _Organisations:
    """Synthetic organisations as rows with explicit ids, plus their WZ divisions."""

    columns = [
        "id", "name", "slug", "type", "description", "region", "city", "postcode", "street",
        "latitude", "longitude", "website", "employees", "published", "is_demo", "created",
        "updated",
    ]  # fmt: skip

    def __init__(self, rng: random.Random, count: int, kreise: list[Region], now: datetime):
        words = read_json("firms.json")
        people = read_json("people.json")
        towns = read_towns()
        lines = [line for field in words["fields"].values() for line in field["lines"]]
        types = [kind for kind, _ in _TYPES]
        weights = [weight for _, weight in _TYPES]
        first_id = _first_id(Organisation)
        self.ids = list(range(first_id, first_id + count))
        self.rows = []
        for number, pk in enumerate(self.ids):
            kreis = rng.choice(kreise)
            word, product, customer = rng.choice(lines)
            kind = rng.choices(types, weights)[0]
            stem = f"{rng.choice(people['surnames'])} {word}"
            town, postcode = rng.choice(towns.get(kreis.code, ((kreis.name, ""),)))
            large = kind == OrganisationType.FIRM_LARGE
            form = rng.choice(words["legal_forms_large" if large else "legal_forms_sme"])
            self.rows.append(
                (
                    pk,
                    f"{stem} {form}",
                    f"{SCALE_PREFIX}{ascii_slug(stem)}-{number}",
                    str(kind),
                    f"{product} für {customer}.",
                    kreis.pk,
                    town,
                    postcode,
                    f"{rng.choice(words['streets'])} {rng.randint(1, 120)}",
                    round((kreis.latitude or 48.5) + rng.uniform(-0.05, 0.05), 5),
                    round((kreis.longitude or 9.0) + rng.uniform(-0.07, 0.07), 5),
                    "",
                    rng.randint(250, 20000) if large else rng.randint(1, 249),
                    rng.random() < 0.95,
                    True,
                    now,
                    now,
                )
            )


def _initiatives(rng, count: int, fields, kreise, divisions, funding, organisation_ids, now):
    """Rows of synthetic initiatives (explicit ids) and of their many-to-many links."""
    taken: set[str] = set()
    statuses = [InitiativeStatus.ACTIVE] * 8 + [InitiativeStatus.FORMING, InitiativeStatus.DORMANT]
    first_id = _first_id(Initiative)
    rows, links = [], {"technology_fields": [], "regions": [], "industries": [], "funding": []}
    for number in range(count):
        pk = first_id + number
        own_fields = rng.sample(fields, k=min(len(fields), rng.randint(1, 3)))
        regions = rng.sample(kreise, k=min(len(kreise), rng.randint(1, 3)))
        label = own_fields[0].name_de.split("/")[0] if own_fields else "Technologie"
        name = f"{rng.choice(_KINDS)} {label} {regions[0].name}"
        if name in taken:
            name = f"{name} {number}"
        taken.add(name)
        rows.append(
            (
                pk,
                name,
                f"{SCALE_PREFIX}{ascii_slug(name)}-{number}",
                f"Synthetische Initiative für Lasttests: {label} in "
                f"{', '.join(region.name for region in regions)}.",
                rng.randint(1995, 2025),
                rng.choice(LegalForm.values),
                rng.choice(organisation_ids) if organisation_ids else None,
                Decimal(rng.randint(1, 40)) / 4,
                f"https://www.{ascii_slug(name)}.example",
                str(rng.choice(statuses)),
                rng.random() < 0.9,
                True,
                now,
                now,
            )
        )
        links["technology_fields"] += [(pk, item.pk) for item in own_fields]
        links["regions"] += [(pk, item.pk) for item in regions]
        links["industries"] += [
            (pk, item.pk) for item in rng.sample(divisions, k=rng.randint(1, 3))
        ]
        if funding:
            chosen = rng.sample(funding, k=rng.randint(1, min(3, len(funding))))
            links["funding"] += [(pk, item.pk) for item in chosen]
    return rows, links


_INITIATIVE_COLUMNS = [
    "id", "name", "slug", "description", "founding_year", "legal_form", "management_organisation",
    "management_staff_fte", "website", "status", "published", "is_demo", "created", "updated",
]  # fmt: skip


def _memberships(rng, count: int, initiative_ids: list, organisation_ids: list, now) -> list:
    if count and (not initiative_ids or not organisation_ids):
        raise InputError("memberships need at least one initiative and one organisation")
    if count > len(initiative_ids) * len(organisation_ids):
        raise InputError(
            f"memberships: at most {len(initiative_ids) * len(organisation_ids)} distinct pairs "
            f"of {len(initiative_ids)} initiatives and {len(organisation_ids)} organisations, "
            f"got {count}"
        )
    # initiatives differ in size: weights from a log-normal distribution
    cumulative = list(accumulate(rng.lognormvariate(0, 0.8) for _ in initiative_ids))
    roles = [MembershipRole.MEMBER.value] * 14 + [
        MembershipRole.BOARD.value,
        MembershipRole.FOUNDING.value,
        MembershipRole.PARTNER.value,
    ]
    pairs: set[tuple[int, int]] = set()
    rows = []
    start = date(2000, 1, 1)
    drawn: list[int] = []
    while len(rows) < count:
        if not drawn:
            drawn = rng.choices(initiative_ids, cum_weights=cumulative, k=4096)
        pair = (drawn.pop(), rng.choice(organisation_ids))
        if pair in pairs:
            continue
        pairs.add(pair)
        since = start + timedelta(days=rng.randint(0, 9300))
        until = since + timedelta(days=rng.randint(365, 3000)) if rng.random() < 0.05 else None
        rows.append((pair[1], pair[0], rng.choice(roles), since, until, now))
    return rows


def _events(rng, count: int, initiatives: list[tuple], now) -> list[tuple]:
    """Rows of synthetic events: initiatives' meetings and Cluster-Dialog meetings, 2020–2027."""
    from clusterdialog.web.dialogue.models import EventKind

    towns = [town for rows in read_towns().values() for town, _ in rows]
    rows = []
    first = datetime(2020, 1, 6, tzinfo=_BERLIN)
    kinds = [EventKind.INITIATIVE.value, EventKind.WORKSHOP.value, EventKind.WEBINAR.value]
    for number in range(count):
        initiative = rng.choice(initiatives) if initiatives and rng.random() < 0.95 else None
        kind = EventKind.CLUSTER_DIALOG.value if initiative is None else rng.choice(kinds)
        start = first + timedelta(days=rng.randint(0, 8 * 365), hours=rng.randint(8, 16))
        online = kind == EventKind.WEBINAR
        title = "Cluster-Dialog" if initiative is None else initiative[1]
        rows.append(
            (
                f"{title}: Treffen {number + 1}",
                kind,
                None if initiative is None else initiative[0],
                "Synthetische Veranstaltung für Lasttests.",
                start,
                start + timedelta(hours=rng.randint(1, 8)),
                "" if online else rng.choice(towns),
                "https://meeting.example/raum" if online else "",
                rng.choice([None, 20, 40, 80, 150]),
                rng.random() < 0.95,
                "",
                True,
                now,
                now,
            )
        )
    return rows


_EVENT_COLUMNS = [
    "title", "kind", "initiative", "description", "start", "end", "place", "online_url",
    "capacity", "published", "minutes", "is_demo", "created", "updated",
]  # fmt: skip


def seed_scale(
    *,
    initiatives: int = FULL_SIZE["initiatives"],
    organisations: int = FULL_SIZE["organisations"],
    memberships: int = FULL_SIZE["memberships"],
    events: int = FULL_SIZE["events"],
    seed: int = 2026,
    batch_size: int = 2000,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, float]:
    """Add synthetic initiatives, organisations, memberships and events in bulk.

    Parameters
    ----------
    initiatives, organisations, memberships, events : int
        How many records of each kind to add (default: :data:`FULL_SIZE`).
    seed : int
        Seed of the random generator; the same seed gives the same records.
    batch_size : int
        Rows per ``INSERT``.
    progress : callable, optional
        Called with the kind and the number of records after each kind is written.

    Returns
    -------
    dict
        The counts written per kind and ``seconds`` taken.

    Raises
    ------
    InputError
        If a count is negative, memberships exceed the possible pairs, or the
        database holds scale records already (seed a fresh database instead).
    """
    for name, value in (
        ("initiatives", initiatives),
        ("organisations", organisations),
        ("memberships", memberships),
        ("events", events),
        ("batch_size", batch_size),
    ):
        _check(name, value)
    if batch_size < 1:
        raise InputError(f"batch_size must be at least 1, got {batch_size}")
    report = progress or (lambda kind, count: None)
    began = time.perf_counter()
    rng = random.Random(seed)
    now = datetime.now(tz=_BERLIN).replace(microsecond=0)
    with transaction.atomic():
        if Initiative.objects.filter(slug__startswith=SCALE_PREFIX).exists():
            raise InputError(
                "the database holds scale records already (slugs starting 'scale-'); "
                "seed a fresh database"
            )
        kreise, divisions, fields, funding = _reference()
        orgs = _Organisations(rng, organisations, kreise, now)
        _insert(Organisation, _Organisations.columns, orgs.rows, batch_size)
        _insert(
            Organisation.industries.through,
            ["organisation", "industry"],
            [
                (pk, industry.pk)
                for pk in orgs.ids
                for industry in rng.sample(divisions, k=rng.randint(1, 2))
            ],
            batch_size,
        )
        report("organisations", organisations)
        rows, links = _initiatives(
            rng, initiatives, fields, kreise, divisions, funding, orgs.ids, now
        )
        _insert(Initiative, _INITIATIVE_COLUMNS, rows, batch_size)
        for name, target in (
            ("technology_fields", "technologyfield"),
            ("regions", "region"),
            ("industries", "industry"),
            ("funding", "fundingsource"),
        ):
            attribute = "funding_sources" if name == "funding" else name
            through = getattr(Initiative, attribute).through
            _insert(through, ["initiative", target], links[name], batch_size)
        report("initiatives", initiatives)
        _insert(
            Membership,
            ["organisation", "initiative", "role", "since", "until", "created"],
            _memberships(rng, memberships, [row[0] for row in rows], orgs.ids, now),
            batch_size,
        )
        report("memberships", memberships)
        if events:
            from clusterdialog.web.dialogue.models import Event

            _insert(Event, _EVENT_COLUMNS, _events(rng, events, rows, now), batch_size)
        report("events", events)
        with connection.cursor() as cursor:  # PostgreSQL: sequences after explicit ids
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Organisation, Initiative]
            ):
                cursor.execute(statement)
    with connection.cursor() as cursor:  # fresh statistics for the query planner
        cursor.execute("ANALYZE")
    return {
        "initiatives": initiatives,
        "organisations": organisations,
        "memberships": memberships,
        "events": events,
        "seconds": round(time.perf_counter() - began, 1),
    }
