"""Demo content of the networks app: joint projects, partner searches, one introduction.

Runs after the demo directory exists (initiatives, organisations, memberships
and the demo accounts).  Deterministic for a given ``random.Random``; a second
call adds nothing.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from clusterdialog.web.directory.models import (
    Industry,
    Initiative,
    Organisation,
    OrganisationType,
)
from clusterdialog.web.networks.models import (
    Introduction,
    NotificationKind,
    ParticipationRole,
    PartnerSearch,
    Project,
    ProjectParticipation,
    ProjectSource,
)
from clusterdialog.web.networks.services import notify

__all__ = ["PROJECTS", "load"]

PROJECTS = 60
SCIENCE = {OrganisationType.UNIVERSITY, OrganisationType.RESEARCH}
FIRMS = {OrganisationType.FIRM_SME, OrganisationType.FIRM_LARGE}
TOPICS = [
    ("Leichtbau", "LB"), ("Batteriesysteme", "BAT"), ("Vorausschauende Instandhaltung", "PM"),
    ("Photonische Sensorik", "PHOS"), ("KI-gestützte Qualitätsprüfung", "KIQ"),
    ("Wasserstoff-Antriebe", "H2A"), ("Digitale Zwillinge", "DZ"), ("Kreislaufwirtschaft", "KLW"),
    ("Medizinische Bildgebung", "MBG"), ("Holz-Hybridbau", "HHB"), ("Funktionstextilien", "FT"),
    ("Additive Fertigung", "AF"), ("Cybersicherheit", "CYS"), ("Präzisionsoptik", "PO"),
    ("Biobasierte Werkstoffe", "BIO"), ("Energiespeicher", "ES"), ("Robotik", "ROB"),
    ("Mikrosystemtechnik", "MST"), ("Smarte Logistik", "SL"), ("Lebensmittelsicherheit", "LMS"),
]  # fmt: skip
PURPOSES = [
    "für kleine und mittlere Unternehmen", "in der Serienfertigung", "für den Mittelstand",
    "entlang der Wertschöpfungskette", "im ländlichen Raum", "für die Medizintechnik",
    "für Zulieferer", "in der Produktion", "für nachhaltige Produkte", "im Reallabor",
]  # fmt: skip
PROGRAMMES = [
    ("ZIM – Zentrales Innovationsprogramm Mittelstand", 380_000),
    ("KMU-innovativ (BMBF)", 900_000),
    ("Invest BW", 1_200_000),
    ("EFRE Baden-Württemberg", 750_000),
    ("Horizont Europa", 3_500_000),
    ("Horizon 2020", 2_800_000),
]
SEARCHES = [
    ("Forschungspartner für Sensorik gesucht",
     "Wir entwickeln ein Messsystem für die Prozessüberwachung und suchen ein Institut mit "
     "Erfahrung in optischer Sensorik für ein gemeinsames ZIM-Projekt.",
     [OrganisationType.RESEARCH, OrganisationType.UNIVERSITY], ["C"]),
    ("Pilotanwender für KI-Qualitätsprüfung",
     "Für die Erprobung unserer Bildverarbeitung suchen wir zwei Fertigungsbetriebe, die "
     "Prüfdaten bereitstellen und die Lösung im Betrieb testen.",
     [OrganisationType.FIRM_SME, OrganisationType.FIRM_LARGE], ["C"]),
    ("Partner für ein Horizont-Europa-Konsortium",
     "Wir bereiten einen Antrag zur Kreislaufwirtschaft vor und suchen Unternehmen aus der "
     "Entsorgung und Verwertung sowie eine Kommune als Reallabor.",
     [OrganisationType.FIRM_SME, OrganisationType.PUBLIC], ["E"]),
    ("IT-Dienstleister für digitale Zwillinge",
     "Für die Vernetzung unserer Anlagen suchen wir einen Softwarepartner mit Erfahrung in "
     "Simulation und Datenplattformen.",
     [OrganisationType.FIRM_SME], ["J"]),
]  # fmt: skip


def _members(initiative: Initiative) -> list[Organisation]:
    return sorted(
        {m.organisation for m in initiative.memberships.all() if m.until is None},
        key=lambda o: o.slug,
    )


def _project(rng: random.Random, number: int, pool: list[Organisation], science, everyone):
    topic, short = rng.choice(TOPICS)
    programme, scale = rng.choice(PROGRAMMES)
    year = rng.randint(2015, 2025)
    start = date(year, rng.choice((1, 4, 7, 10)), 1)
    months = rng.choice((24, 30, 36, 36, 48))
    end_month = start.month - 1 + months
    end = date(start.year + end_month // 12, end_month % 12 + 1, 1)
    firms = [o for o in pool if o.type in FIRMS] or [o for o in everyone if o.type in FIRMS]
    local_science = [o for o in pool if o.type in SCIENCE] or science
    chosen: list[Organisation] = []
    if local_science:
        chosen += rng.sample(local_science, k=min(len(local_science), rng.randint(1, 2)))
    chosen += rng.sample(firms, k=min(len(firms), rng.randint(2, 5)))
    if rng.random() < 0.3:  # a partner from elsewhere: ties between initiatives
        chosen.append(rng.choice(everyone))
    chosen = list(dict.fromkeys(chosen))
    total = Decimal(int(scale * rng.uniform(0.5, 1.5)) // 1000 * 1000)
    project = Project.objects.create(
        title=f"{topic} {rng.choice(PURPOSES)}",
        acronym=f"{short}-{number:02d}",
        description=f"Verbundprojekt zu {topic}: gemeinsame Entwicklung, Erprobung und Transfer.",
        start=start,
        end=end,
        programme=programme,
        total_funding=total,
        source=ProjectSource.MANUAL,
        is_demo=True,
    )
    shares = [rng.uniform(0.5, 1.5) for _ in chosen]
    ProjectParticipation.objects.bulk_create(
        ProjectParticipation(
            project=project,
            organisation=organisation,
            role=ParticipationRole.COORDINATOR if i == 0 else ParticipationRole.PARTICIPANT,
            contribution=(total * Decimal(share / sum(shares))).quantize(Decimal("1")),
        )
        for i, (organisation, share) in enumerate(zip(chosen, shares, strict=True))
    )
    return project


@transaction.atomic
def load(rng: random.Random) -> None:
    """Add ≈60 joint projects, four partner searches and one pending introduction."""
    if Project.objects.filter(is_demo=True).exists():
        return
    everyone = list(Organisation.objects.filter(is_demo=True).order_by("slug"))
    if len(everyone) < 3:
        return
    science = [o for o in everyone if o.type in SCIENCE]
    initiatives = list(
        Initiative.objects.filter(is_demo=True)
        .order_by("slug")
        .prefetch_related("memberships__organisation")
    )
    pools = [members for members in map(_members, initiatives) if len(members) >= 3]
    for number in range(1, PROJECTS + 1):
        pool = rng.choice(pools) if pools else everyone
        _project(rng, number, pool, science, everyone)
    users = get_user_model().objects
    member = users.filter(email="member@demo.local").first()
    manager = users.filter(email="manager@demo.local").first()
    own = list(member.represented_organisations.order_by("slug")) if member else []
    firms = [o for o in everyone if o.type in FIRMS and o not in own]
    sections = {i.code: i for i in Industry.objects.filter(code__in=["C", "E", "J"])}
    for title, text, types, codes in SEARCHES:
        organisation = rng.choice(firms or everyone)
        search = PartnerSearch.objects.create(
            organisation=organisation,
            author=organisation.representatives.first(),
            title=title,
            text=text,
            wanted_types=[str(t) for t in types],
            is_demo=True,
        )
        search.wanted_industries.set([sections[c] for c in codes if c in sections])
    if member is None:
        return
    message = (
        "Guten Tag, wir bereiten ein Verbundprojekt zur Qualitätsprüfung mit KI vor und "
        "würden Sie gern als Anwendungspartner kennenlernen. Hätten Sie Zeit für ein "
        "kurzes Gespräch?"
    )
    requester = manager or users.exclude(pk=member.pk).order_by("email").first()
    if own and requester is not None:  # member@demo.local has a request to answer
        introduction = Introduction.objects.create(
            requester=requester,
            requester_organisation=requester.represented_organisations.order_by("slug").first(),
            target=own[0],
            message=message,
            is_demo=True,
        )
        notify([member], NotificationKind.INTRODUCTION_REQUESTED, introduction)
    elif firms:  # member@demo.local waits for an answer
        target = rng.choice(firms)
        introduction = Introduction.objects.create(
            requester=member, target=target, message=message, is_demo=True
        )
        notify(target.representatives.all(), NotificationKind.INTRODUCTION_REQUESTED, introduction)
