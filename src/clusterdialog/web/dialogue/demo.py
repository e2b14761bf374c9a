"""Demo content of the dialogue app, loaded on top of the demo directory.

Four Cluster-Dialog meetings of the ministry (two past, one with attendance,
minutes and a document; two upcoming, one fully booked with a waiting list and
one with invitations), events of the initiatives, about fifteen posts with
comments across the topic tags, a closed consultation "Erwartungen an die
Clusterpolitik des Landes" with twenty answers and an open one.  Persons are
invented (``…@demo.local``, they cannot sign in); everything is marked
``is_demo`` where the model has the flag.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from clusterdialog.web.dialogue import knowledge, services
from clusterdialog.web.dialogue.models import (
    AgendaItem,
    Answer,
    Audience,
    Comment,
    Consultation,
    ConsultationOption,
    Event,
    EventDocument,
    EventKind,
    Method,
    Post,
    PostAttachment,
    PostKind,
    Registration,
    RegistrationStatus,
    Submission,
    Tag,
)
from clusterdialog.web.directory.models import Initiative, Organisation

__all__ = ["load"]

FIRST_NAMES = (
    "Anna Lena Sabine Julia Katrin Miriam Petra Claudia Eva Sandra Nadine Ulrike "
    "Thomas Michael Stefan Jan Markus Tobias Andreas Martin Florian Jürgen Daniel Matthias"
).split()
LAST_NAMES = (
    "Müller Schmid Schneider Fischer Weber Wagner Becker Hoffmann Schäfer Koch Bauer Richter "
    "Klein Wolf Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Maier Haas"
).split()

STANDARD_AGENDA = [
    (dt.time(10, 0), "Begrüßung durch das Ministerium"),
    (dt.time(10, 15), "Aktuelles aus der Clusterpolitik des Landes"),
    (dt.time(11, 0), "Praxisbeispiele aus den Clusterinitiativen"),
    (dt.time(12, 30), "Mittagspause und Austausch"),
    (dt.time(13, 30), "Arbeitsgruppen"),
    (dt.time(15, 0), "Ergebnisse und Ausblick"),
    (dt.time(15, 30), "Ende der Veranstaltung"),
]

MINUTES = """Teilnehmende: Vertreterinnen und Vertreter von {count} Clusterinitiativen, \
regionalen Wirtschaftsförderungen und Landesagenturen.

**Aktuelles aus der Clusterpolitik**
- Die Förderperiode des Landesprogramms wird fortgesetzt; Anträge sind bis Ende des \
Quartals möglich.
- Das Ministerium stellt die neue Plattform Cluster-Dialog vor.

**Ergebnisse der Arbeitsgruppen**
- Mitgliedergewinnung: Start-ups gezielt über Hochschulen ansprechen.
- Internationalisierung: gemeinsame Messeauftritte mehrerer Cluster bündeln.
- Fachkräfte: Kooperation mit den Agenturen für Arbeit ausbauen.

Die nächste Sitzung findet im Herbst statt."""

POSTS = [
    (
        PostKind.BEST_PRACTICE,
        "Mitgliederversammlung als Barcamp",
        ["veranstaltungsformate", "mitgliedergewinnung"],
        "Wir haben unsere jährliche Mitgliederversammlung um ein Barcamp ergänzt.\n\n"
        "- Die Themen bringen die Mitglieder selbst mit.\n- Drei Runden à 45 Minuten.\n\n"
        "Ergebnis: doppelt so viele Teilnehmende wie im Vorjahr.",
    ),
    (
        PostKind.QUESTION,
        "Wie finanzieren Sie das Clustermanagement nach Ende der Förderung?",
        ["finanzierung", "foerderprogramme"],
        "Unsere Anschubfinanzierung läuft im nächsten Jahr aus. Welche Modelle haben sich bei "
        "Ihnen bewährt: "
        "gestaffelte Mitgliedsbeiträge, Projektpauschalen, Sponsoring?",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Gemeinsamer Messestand auf der Hannover Messe",
        ["internationalisierung", "kommunikation"],
        "Fünf Cluster aus dem Land haben einen Gemeinschaftsstand organisiert. Die Kosten pro "
        "Mitglied sanken um "
        "rund 40 Prozent, die Sichtbarkeit stieg deutlich.",
    ),
    (
        PostKind.QUESTION,
        "Erfahrungen mit dem ESCA-Label Silber?",
        ["clustermanagement-exzellenz"],
        "Wir überlegen, nach dem Bronze-Label das Silber-Label anzugehen. Wie aufwendig war das "
        "Benchmarking, "
        "und was hat es Ihnen gebracht?",
    ),
    (
        PostKind.DOCUMENT,
        "Vorlage: Kooperationsvereinbarung für Verbundprojekte",
        ["innovationsprojekte"],
        "Im Anhang unsere Mustervereinbarung für Verbundprojekte zwischen KMU und Hochschulen, "
        "abgestimmt mit unserer Rechtsberatung.",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Fachkräfte-Speeddating mit der Hochschule",
        ["fachkraefte", "wissenstransfer"],
        "Zweimal im Jahr laden wir Studierende und Mitgliedsunternehmen zu einem Speeddating ein. "
        "Pro Termin entstehen 10 bis 15 Praktika und Abschlussarbeiten.",
    ),
    (
        PostKind.QUESTION,
        "Welches Tool nutzen Sie für Mitglieder-Newsletter?",
        ["kommunikation", "digitalisierung"],
        "Wir suchen ein datenschutzkonformes Newsletter-Werkzeug mit Servern in der EU. "
        "Erfahrungen?",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Nachhaltigkeitsberichte für KMU gemeinsam erstellen",
        ["nachhaltigkeit"],
        "Mit einer Arbeitsgruppe von acht Mitgliedern erarbeiten wir eine schlanke Vorlage für den "
        "Nachhaltigkeitsbericht nach VSME-Standard.",
    ),
    (
        PostKind.QUESTION,
        "Cross-Cluster-Projekte: Wie findet man Partner?",
        ["innovationsprojekte", "wissenstransfer"],
        "Wir möchten ein Projekt an der Schnittstelle von Medizintechnik und Photonik starten. "
        "Wie sind Sie bei der Partnersuche in anderen Clustern vorgegangen?",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Digitalisierungs-Sprechstunde für Mitglieder",
        ["digitalisierung"],
        "Jeden ersten Dienstag im Monat bieten wir mit dem regionalen Digital-Hub eine offene "
        "Sprechstunde an.",
    ),
    (
        PostKind.DOCUMENT,
        "Übersicht Förderprogramme 2026",
        ["foerderprogramme", "finanzierung"],
        "Eine Übersicht der Landes-, Bundes- und EU-Programme, die für Clusterprojekte relevant "
        "sind. "
        "Ergänzungen gern in den Kommentaren.",
    ),
    (
        PostKind.QUESTION,
        "Mitgliedsbeiträge für Start-ups?",
        ["mitgliedergewinnung", "finanzierung"],
        "Bieten Sie ermäßigte Beiträge für Start-ups an? Ab welcher Größe gilt der volle Beitrag?",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Delegationsreise nach Südkorea",
        ["internationalisierung"],
        "Gemeinsam mit der Landesagentur haben wir eine Delegationsreise organisiert. "
        "Wichtig war die Vorbereitung mit B2B-Matchmaking vor Ort.",
    ),
    (
        PostKind.BEST_PRACTICE,
        "Wirkungsmessung mit einer Mitgliederbefragung",
        ["clustermanagement-exzellenz"],
        "Wir befragen die Mitglieder jährlich mit zehn Fragen zu Nutzen und Zufriedenheit; "
        "die Ergebnisse fließen in die Strategie ein.",
    ),
    (
        PostKind.QUESTION,
        "Hybride Veranstaltungen: Technik-Empfehlungen?",
        ["veranstaltungsformate", "digitalisierung"],
        "Für unsere Netzwerktreffen suchen wir eine einfache Lösung für hybride Formate mit guter "
        "Tonqualität.",
    ),
]

#: Answers and comments per post title (for questions the first one is marked helpful).
COMMENTS = {
    "Mitgliederversammlung als Barcamp": [
        "Danke für den Hinweis, das probieren wir bei unserer nächsten Versammlung aus.",
        "Wie haben Sie die Themen vorab gesammelt?",
    ],
    "Wie finanzieren Sie das Clustermanagement nach Ende der Förderung?": [
        "Bei uns hat sich ein gestaffeltes Beitragsmodell nach Mitarbeiterzahl bewährt; "
        "Projektpauschalen decken rund ein Drittel des Budgets.",
        "Sponsoring trägt bei uns nur die Veranstaltungen, nicht die Geschäftsstelle.",
        "Wir haben gute Erfahrungen mit einer Leistungsvereinbarung mit der Kommune gemacht.",
    ],
    "Gemeinsamer Messestand auf der Hannover Messe": [
        "Wir wären beim nächsten Mal gern dabei. Wer koordiniert den Stand?",
    ],
    "Erfahrungen mit dem ESCA-Label Silber?": [
        "Das Silber-Label hat uns vor allem intern geholfen, Prozesse zu klären. "
        "Rechnen Sie mit etwa drei Monaten Vorbereitung.",
        "Das Gespräch mit dem Benchmarking-Team war für uns der wertvollste Teil.",
    ],
    "Vorlage: Kooperationsvereinbarung für Verbundprojekte": [
        "Sehr hilfreich, vielen Dank fürs Teilen!",
    ],
    "Fachkräfte-Speeddating mit der Hochschule": [
        "Wie viele Unternehmen nehmen jeweils teil?",
        "Das Format übernehmen wir gern für unsere Region.",
    ],
    "Welches Tool nutzen Sie für Mitglieder-Newsletter?": [
        "Wir nutzen seit zwei Jahren ein Open-Source-Werkzeug auf eigenem Server; "
        "das funktioniert gut und ist datenschutzkonform.",
        "Achten Sie auf den Vertrag zur Auftragsverarbeitung mit dem Anbieter.",
    ],
    "Nachhaltigkeitsberichte für KMU gemeinsam erstellen": [
        "Gibt es die Vorlage schon zum Testen?",
    ],
    "Cross-Cluster-Projekte: Wie findet man Partner?": [
        "Sprechen Sie die Landesagentur an, sie vermittelt Kontakte zwischen den Clustern.",
        "Der Cluster-Dialog ist dafür ein guter Ort – sprechen Sie uns beim nächsten Treffen an.",
    ],
    "Übersicht Förderprogramme 2026": [
        "Ergänzung: Für Verbundprojekte lohnt auch ein Blick auf die EU-Programme zur "
        "interregionalen Innovation.",
    ],
    "Mitgliedsbeiträge für Start-ups?": [
        "Bei uns zahlen Start-ups in den ersten zwei Jahren den halben Beitrag.",
        "Wir bieten ein beitragsfreies Schnupperjahr an.",
    ],
    "Delegationsreise nach Südkorea": [
        "Welche Partner vor Ort haben Sie unterstützt?",
    ],
    "Hybride Veranstaltungen: Technik-Empfehlungen?": [
        "Ein Konferenzmikrofon mit Raumabdeckung und eine zweite Person für den Chat haben "
        "bei uns den Unterschied gemacht.",
    ],
}

EXPECTATION_TOPICS = [
    "Verlässliche Grundfinanzierung des Clustermanagements",
    "Einfachere Antragsverfahren in den Förderprogrammen",
    "Unterstützung bei der Internationalisierung",
    "Fachkräftesicherung gemeinsam mit den Clustern",
    "Begleitung der Transformation (Digitalisierung, Dekarbonisierung)",
    "Vernetzung zwischen Clustern und Branchen",
    "Sichtbarkeit der Cluster im Standortmarketing des Landes",
    "Qualifizierung der Clustermanagerinnen und -manager",
]

STATEMENTS = [
    "Wir wünschen uns eine mehrjährige Grundfinanzierung statt jährlicher Projektanträge.",
    "Die Berichtspflichten sollten mit dem Monitoring der Plattform zusammengeführt werden.",
    "Mehr gemeinsame Auftritte des Landes auf internationalen Messen, mit Plätzen für KMU.",
    "Der Cluster-Dialog sollte öfter auch regional stattfinden, nicht nur in Stuttgart.",
    "Cross-Cluster-Projekte brauchen ein eigenes, unbürokratisches Förderformat.",
    "Die Fachkräftesicherung ist für unsere Mitglieder das drängendste Thema.",
    "Bitte die Exzellenz-Labels weiter fördern, sie helfen uns in der Mitgliedergewinnung.",
    "Klare Ansprechpartner im Ministerium für jedes Technologiefeld wären hilfreich.",
    "Daten aus der amtlichen Statistik für unsere Region wären für die Strategiearbeit wertvoll.",
    "Die Transformation der Zulieferer muss stärker begleitet werden.",
    "Ein Austauschformat speziell für neue Clustermanagerinnen und -manager fehlt.",
    "Wir wünschen uns Unterstützung beim Aufbau von Reallaboren.",
]

NEXT_TOPICS = [
    "Künstliche Intelligenz in KMU",
    "Resiliente Lieferketten",
    "Wasserstoffwirtschaft",
    "Kooperation mit Hochschulen",
    "Europäische Förderprogramme",
]

# A minimal, valid one-page PDF (text "Cluster-Dialog").
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 45>>stream\n"
    b"BT /F1 24 Tf 72 760 Td (Cluster-Dialog) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """Local time ``hour:minute`` on the working day ``days`` from today (a Saturday or
    Sunday moves on to the Monday)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    if day.weekday() >= 5:
        day += dt.timedelta(days=7 - day.weekday())
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _people(rng: random.Random, count: int) -> list:
    user_model = get_user_model()
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    people = []
    for number, (first, last) in enumerate(names[:count], start=1):
        email = f"teilnahme{number:02d}@demo.local"
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email,
                None,
                full_name=f"{first} {last}",
                role=rng.choice(["manager", "member", "agency"]),
            )
        people.append(user)
    return people


def _event(
    title,
    kind,
    start,
    end,
    *,
    organiser,
    initiative=None,
    capacity=None,
    place="",
    online_url="",
    description="",
    agenda=STANDARD_AGENDA,
) -> Event:
    event = Event.objects.create(
        title=title,
        kind=kind,
        initiative=initiative,
        organiser=organiser,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        capacity=capacity,
        description=description,
        published=True,
        is_demo=True,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(event=event, position=i, time=time, title=item)
        for i, (time, item) in enumerate(agenda)
    )
    return event


def _register_all(event: Event, people, organisations, rng: random.Random, *, when) -> None:
    """Registrations in order (confirmed up to the capacity, then the waiting list)."""
    confirmed = 0
    for offset, person in enumerate(people):
        full = event.capacity is not None and confirmed >= event.capacity
        Registration.objects.create(
            event=event,
            user=person,
            organisation=rng.choice(organisations)
            if organisations and rng.random() < 0.8
            else None,
            status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
            registered_at=when + dt.timedelta(hours=offset),
            status_changed=when + dt.timedelta(hours=offset),
        )
        confirmed += not full


def _mark_attendance(event: Event, rng: random.Random, share: float) -> None:
    confirmed = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED))
    attended = [r.pk for r in confirmed if rng.random() < share]
    services.set_attendance(event, attended)


def _points(rng: random.Random, topics: int, budget: int) -> list[int]:
    values = [0] * topics
    favourites = rng.sample(range(topics), k=rng.randint(2, 4))
    for _ in range(budget):
        values[rng.choice(favourites)] += 1
    return values


@transaction.atomic
def load(rng: random.Random) -> None:
    """Add the dialogue's demo records (once; a second call does nothing)."""
    if Event.objects.filter(is_demo=True).exists():
        return
    knowledge.ensure_topic_tags()
    user_model = get_user_model()
    ministry = user_model.objects.filter(email="ministry@demo.local").first()
    manager = user_model.objects.filter(email="manager@demo.local").first()
    member = user_model.objects.filter(email="member@demo.local").first()
    agency = user_model.objects.filter(email="agency@demo.local").first()
    initiatives = list(Initiative.objects.filter(published=True).order_by("name"))
    organisations = list(Organisation.objects.filter(published=True).order_by("name")[:200])
    people = _people(rng, 40)

    # --- the Cluster-Dialog meetings of the ministry
    spring = _event(
        "Cluster-Dialog Frühjahr: Cluster als Motor der Transformation",
        EventKind.CLUSTER_DIALOG,
        _at(-120, 10),
        _at(-120, 16),
        organiser=ministry,
        capacity=60,
        place="Haus der Wirtschaft, Willi-Bleicher-Straße 19, 70174 Stuttgart",
        description="Das regelmäßige Treffen der Cluster- und Netzwerkmanagements, der regionalen "
        "Wirtschaftsförderungen und der Landesagenturen mit dem Ministerium.",
    )
    _register_all(spring, people[:34], organisations, rng, when=_at(-150, 9))
    _mark_attendance(spring, rng, 0.85)
    services.save_minutes(spring, MINUTES.format(count=18))
    EventDocument.objects.create(
        event=spring,
        title="Präsentation des Ministeriums",
        file=ContentFile(DEMO_PDF, name="praesentation.pdf"),
        original_name="Praesentation-Cluster-Dialog.pdf",
        extension="pdf",
        size=len(DEMO_PDF),
        uploaded_by=ministry,
    )
    summer = _event(
        "Cluster-Dialog digital: Internationalisierung der Cluster",
        EventKind.CLUSTER_DIALOG,
        _at(-30, 14),
        _at(-30, 16, 30),
        organiser=ministry,
        capacity=100,
        online_url="https://konferenz.example.org/cluster-dialog",
        description="Online-Sitzung mit Erfahrungen aus Delegationsreisen und EU-Partnerschaften.",
        agenda=[
            (dt.time(14, 0), "Begrüßung"),
            (dt.time(14, 10), "Impulse aus drei Clustern"),
            (dt.time(15, 0), "Diskussion"),
            (dt.time(16, 15), "Zusammenfassung"),
        ],
    )
    _register_all(summer, people[10:32], organisations, rng, when=_at(-50, 9))
    _mark_attendance(summer, rng, 0.75)
    services.save_minutes(
        summer,
        "Kurzprotokoll: Die Teilnehmenden wünschen sich gemeinsame Messeauftritte "
        "und eine Übersicht der EU-Programme.",
    )
    full = _event(
        "Cluster-Dialog Herbst: Fachkräfte und Qualifizierung",
        EventKind.CLUSTER_DIALOG,
        _at(21, 10),
        _at(21, 16),
        organiser=ministry,
        capacity=20,
        place="Neues Schloss, Schlossplatz 4, 70173 Stuttgart",
        description=(
            "Schwerpunkt Fachkräftesicherung; mit der Regionaldirektion der Bundesagentur "
            "für Arbeit."
        ),
    )
    full_list = people[:22] + ([member] if member else [])
    _register_all(full, full_list, organisations, rng, when=_at(-14, 9))
    winter = _event(
        "Cluster-Dialog Jahresabschluss",
        EventKind.CLUSTER_DIALOG,
        _at(90, 10),
        _at(90, 15),
        organiser=ministry,
        capacity=80,
        place="Haus der Wirtschaft, Willi-Bleicher-Straße 19, 70174 Stuttgart",
        description="Rückblick auf das Jahr, Ergebnisse der Konsultation und Ausblick.",
    )
    _register_all(
        winter,
        people[20:28] + [u for u in (manager, agency) if u],
        organisations,
        rng,
        when=_at(-2, 9),
    )
    services.invite(
        winter,
        initiatives=initiatives,
        invited_by=ministry,
        message="Wir laden Ihr Clustermanagement herzlich zum Jahresabschluss ein.",
    )
    services.invite(winter, users=[u for u in (member,) if u], invited_by=ministry)

    # --- events of the initiatives
    kinds = [EventKind.WORKSHOP, EventKind.WEBINAR, EventKind.INITIATIVE]
    formats = {
        EventKind.WORKSHOP: "Workshop",
        EventKind.WEBINAR: "Webinar",
        EventKind.INITIATIVE: "Netzwerktreffen",
    }
    themes = [
        "Künstliche Intelligenz in der Produktion",
        "Fördermittel für Verbundprojekte",
        "Nachhaltige Lieferketten",
        "Internationale Märkte",
        "Fachkräfte gewinnen",
        "Neue Mitglieder stellen sich vor",
    ]
    for number, initiative in enumerate(initiatives[:10]):
        organiser = initiative.managers.first() or ministry
        for days in (rng.randint(-80, -5), rng.randint(7, 120)):
            kind = kinds[(number + days) % 3]
            start = _at(days, rng.choice([9, 10, 14, 17]))
            event = _event(
                f"{formats[kind]}: {rng.choice(themes)}",
                kind,
                start,
                start + dt.timedelta(hours=3),
                organiser=organiser,
                initiative=initiative,
                capacity=rng.choice([None, 25, 40]),
                place="" if kind == EventKind.WEBINAR else f"Geschäftsstelle {initiative.name}",
                online_url="https://konferenz.example.org/webinar"
                if kind == EventKind.WEBINAR
                else "",
                description=(
                    f"Eine Veranstaltung der Initiative {initiative.name} für Mitglieder und Gäste."
                ),
                agenda=[
                    (start.astimezone(timezone.get_current_timezone()).time(), "Begrüßung"),
                    (None, "Impulsvortrag"),
                    (None, "Austausch"),
                ],
            )
            _register_all(
                event,
                rng.sample(people, rng.randint(4, 15)),
                organisations,
                rng,
                when=start - dt.timedelta(days=20),
            )
            if days < 0:
                _mark_attendance(event, rng, 0.8)

    # --- knowledge exchange
    tags = {tag.slug: tag for tag in Tag.objects.all()}
    authors = [u for u in (manager, agency, member) if u] + people[:12]
    for number, (kind, title, tag_slugs, body) in enumerate(POSTS):
        author = authors[number % len(authors)]
        post = Post.objects.create(
            kind=kind,
            title=title,
            body=body,
            author=author,
            is_demo=True,
            created=_at(-62 + 4 * number, rng.randint(8, 15), rng.choice([0, 15, 30, 45])),
        )
        post.tags.set([tags[slug] for slug in tag_slugs if slug in tags])
        if kind == PostKind.DOCUMENT:
            PostAttachment.objects.create(
                post=post,
                title=title,
                file=ContentFile(DEMO_PDF, name="anhang.pdf"),
                original_name=f"{slugify(title)}.pdf",
                extension="pdf",
                size=len(DEMO_PDF),
                uploaded_by=author,
            )
        texts = COMMENTS.get(title, [])
        commenters = rng.sample([u for u in authors if u != author], k=len(texts))
        for offset, (commenter, text) in enumerate(zip(commenters, texts, strict=True)):
            Comment.objects.create(
                post=post,
                author=commenter,
                body=text,
                helpful=kind == PostKind.QUESTION and offset == 0,
                created=post.created + dt.timedelta(hours=2 + 20 * offset),
            )

    # --- consultations
    closed = Consultation.objects.create(
        title="Erwartungen an die Clusterpolitik des Landes",
        question="Was erwarten Sie von der Clusterpolitik des Landes in den nächsten Jahren? "
        "Verteilen Sie 10 Punkte auf die Themen und begründen Sie Ihre Prioritäten.",
        description=(
            "Das Ergebnis wird der Ministerin vorgestellt und beim Cluster-Dialog im "
            "Herbst besprochen."
        ),
        created_by=ministry,
        audience=Audience.ALL,
        method=Method.POINTS,
        points_budget=10,
        opens_at=_at(-60, 8),
        closes_at=_at(-10, 18),
        is_demo=True,
    )
    topics = [
        ConsultationOption.objects.create(consultation=closed, position=i, label=label)
        for i, label in enumerate(EXPECTATION_TOPICS)
    ]
    for number, person in enumerate(people[:20]):
        statement = STATEMENTS[number] if number < len(STATEMENTS) else ""
        submission = Submission.objects.create(
            consultation=closed,
            user=person,
            statement=statement,
            submitted_at=_at(-60 + 2 * number, 11),
        )
        Answer.objects.bulk_create(
            Answer(submission=submission, option=option, value=value)
            for option, value in zip(topics, _points(rng, len(topics), 10), strict=True)
            if value
        )
    upcoming_topics = Consultation.objects.create(
        title="Themen für den nächsten Cluster-Dialog",
        question="Welche Themen sollen beim nächsten Cluster-Dialog im Mittelpunkt stehen? "
        "Bringen Sie die Themen in eine Reihenfolge (1 = am wichtigsten).",
        created_by=ministry,
        audience=Audience.ALL,
        method=Method.RANK,
        opens_at=_at(-3, 8),
        closes_at=_at(25, 18),
        is_demo=True,
    )
    options = [
        ConsultationOption.objects.create(consultation=upcoming_topics, position=i, label=label)
        for i, label in enumerate(NEXT_TOPICS)
    ]
    for number, person in enumerate(people[20:24]):
        submission = Submission.objects.create(
            consultation=upcoming_topics, user=person, submitted_at=_at(-2, 9 + number)
        )
        order = rng.sample(options, k=3)
        Answer.objects.bulk_create(
            Answer(submission=submission, option=option, value=rank)
            for rank, option in enumerate(order, start=1)
        )
