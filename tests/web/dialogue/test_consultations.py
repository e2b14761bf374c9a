"""Consultations: participants, one answer each, validation, the aggregated result (by hand)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from clusterdialog.monitoring.consultations import aggregate_priorities
from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import consultations, services
from clusterdialog.web.dialogue.models import (
    Audience,
    Consultation,
    ConsultationOption,
    Method,
    Submission,
)
from clusterdialog.web.directory.models import Membership

# --- the pure aggregation, hand-computed ------------------------------------------------

OPTIONS = [(1, "A"), (2, "B"), (3, "C")]


def test_points_totals_means_and_shares():
    # budget 10, four answers: s1 A6 B4, s2 A2 C8, s3 B10, s4 A5 B5
    answers = [(1, 1, 6), (1, 2, 4), (2, 1, 2), (2, 3, 8), (3, 2, 10), (4, 1, 5), (4, 2, 5)]
    result = aggregate_priorities(OPTIONS, answers, submissions=4, method="points")
    # totals: A 13, B 19, C 8; given by A 3, B 3, C 1 of 4; mean over all 4 answers
    assert [(t.label, t.points_total, t.responses, t.share, t.mean_points) for t in result] == [
        ("B", 19, 3, 0.75, 4.75),
        ("A", 13, 3, 0.75, 3.25),
        ("C", 8, 1, 0.25, 2.0),
    ]


def test_mean_rank_is_taken_over_those_who_ranked_the_topic():
    # s1: A1 B2 C3, s2: B1 A2, s3: C1 A2
    answers = [(1, 1, 1), (1, 2, 2), (1, 3, 3), (2, 2, 1), (2, 1, 2), (3, 3, 1), (3, 1, 2)]
    result = aggregate_priorities(OPTIONS, answers, submissions=3, method="rank")
    # A: (1+2+2)/3 = 1.667 by 3; B: (2+1)/2 = 1.5 by 2; C: (3+1)/2 = 2.0 by 2
    assert [(t.label, t.responses) for t in result] == [("B", 2), ("A", 3), ("C", 2)]
    assert [t.mean_rank for t in result] == pytest.approx([1.5, 5 / 3, 2.0])
    assert [t.share for t in result] == pytest.approx([2 / 3, 1.0, 2 / 3])


def test_choice_counts_with_ties_in_the_consultations_order():
    answers = [(1, 1, 1), (1, 2, 1), (2, 2, 1), (3, 2, 1), (3, 3, 1)]
    result = aggregate_priorities(OPTIONS, answers, submissions=4, method="choice")
    assert [(t.label, t.responses, t.share) for t in result] == [
        ("B", 3, 0.75),
        ("A", 1, 0.25),
        ("C", 1, 0.25),
    ]


def test_no_answers_give_zero_counts_and_no_shares():
    result = aggregate_priorities(OPTIONS, [], submissions=0, method="points")
    assert [(t.label, t.points_total, t.share, t.mean_points) for t in result] == [
        ("A", 0, None, None),
        ("B", 0, None, None),
        ("C", 0, None, None),
    ]


def test_aggregation_rejects_unknown_methods_and_options():
    with pytest.raises(ValueError, match="method must be one of none, choice, rank, points"):
        aggregate_priorities(OPTIONS, [], submissions=1, method="borda")
    with pytest.raises(ValueError, match="option 9"):
        aggregate_priorities(OPTIONS, [(1, 9, 1)], submissions=1, method="choice")


# --- the consultation in the platform ----------------------------------------------------


def _consultation(
    creator,
    *,
    method=Method.POINTS,
    audience=Audience.ALL,
    days_open=(-1, 5),
    labels=("Finanzierung", "Fachkräfte", "Internationalisierung"),
    **fields,
):
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Erwartungen an die Clusterpolitik",
        question="Was erwarten Sie?",
        created_by=creator,
        audience=audience,
        method=method,
        opens_at=now + dt.timedelta(days=days_open[0]),
        closes_at=now + dt.timedelta(days=days_open[1]),
        **fields,
    )
    options = [
        ConsultationOption.objects.create(consultation=consultation, position=i, label=label)
        for i, label in enumerate(labels)
    ]
    return consultation, options


@pytest.mark.django_db
def test_result_of_an_event_consultation_by_hand(make_event, make_user, admin):
    event = make_event(capacity=10)
    people = [make_user(Role.MEMBER, f"p{i}@test.local") for i in range(6)]
    for person in people[:5]:
        services.register(event, person)  # five participants
    consultation, (fin, skills, intl) = _consultation(
        admin, audience=Audience.EVENT, event=event, points_budget=10
    )
    consultations.submit(
        consultation, people[0], values={fin.pk: 6, skills.pk: 4}, statement="Grundfinanzierung!"
    )
    consultations.submit(consultation, people[1], values={fin.pk: 2, intl.pk: 8})
    consultations.submit(
        consultation, people[2], values={skills.pk: 10}, statement="Fachkräfte zuerst."
    )
    consultations.submit(consultation, people[3], values={fin.pk: 5, skills.pk: 5})
    assert consultations.is_participant(people[4], consultation)  # registered, no answer
    assert not consultations.is_participant(people[5], consultation)  # not registered

    result = consultations.consultation_result(consultation)
    assert (result.submissions, result.participants, result.participation) == (4, 5, 0.8)
    assert [(t.label, t.points_total, t.responses, t.mean_points) for t in result.topics] == [
        ("Fachkräfte", 19, 3, 4.75),
        ("Finanzierung", 13, 3, 3.25),
        ("Internationalisierung", 8, 1, 2.0),
    ]
    assert result.statements == ["Grundfinanzierung!", "Fachkräfte zuerst."]


@pytest.mark.django_db
@translation.override("en")
def test_submissions_are_validated_against_the_method(make_user, admin):
    person = make_user(Role.MEMBER)
    points, (a, b, c) = _consultation(admin, points_budget=10)
    with pytest.raises(ValidationError, match="exactly 10 points; you allocated 9"):
        consultations.submit(points, person, values={a.pk: 5, b.pk: 4})
    ranking, (a, b, c) = _consultation(admin, method=Method.RANK)
    for bad in ({a.pk: 1, b.pk: 3}, {a.pk: 1, b.pk: 1}, {a.pk: 2}):
        with pytest.raises(ValidationError, match="without gaps"):
            consultations.submit(ranking, person, values=bad)
    statements, _ = _consultation(admin, method=Method.NONE, labels=())
    with pytest.raises(ValidationError, match="choose topics or write a statement"):
        consultations.submit(statements, person, values={}, statement="  ")
    other, _ = _consultation(admin, method=Method.CHOICE)
    with pytest.raises(ValidationError, match="Unknown topics"):
        consultations.submit(other, person, values={a.pk: 1})
    assert not Submission.objects.exists()


@pytest.mark.django_db
@translation.override("en")
def test_one_submission_per_person_and_only_while_open(make_user, admin):
    person = make_user(Role.MEMBER)
    consultation, (a, b, c) = _consultation(admin, method=Method.CHOICE)
    consultations.submit(consultation, person, values={a.pk: 1})
    with pytest.raises(ValidationError, match="answered this consultation already"):
        consultations.submit(consultation, person, values={b.pk: 1})
    closed, (a2, _, _) = _consultation(admin, method=Method.CHOICE, days_open=(-5, -1))
    with pytest.raises(ValidationError, match="not open"):
        consultations.submit(closed, person, values={a2.pk: 1})
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_answering_on_the_page_once(client, make_user, admin):
    person = make_user(Role.MEMBER)
    consultation, (fin, skills, intl) = _consultation(admin, points_budget=10)
    client.force_login(person)
    url = f"/dialog/konsultationen/{consultation.pk}/"
    response = client.post(
        url,
        {
            f"option_{fin.pk}": "7",
            f"option_{skills.pk}": "2",
            f"option_{intl.pk}": "0",
            "statement": "Mehr Geld.",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Allocate exactly 10 points; you allocated 9." in response.content.decode()
    client.post(
        url, {f"option_{fin.pk}": "7", f"option_{skills.pk}": "3", "statement": "Mehr Geld."}
    )
    submission = Submission.objects.get()
    assert dict(submission.answers.values_list("option__label", "value")) == {
        "Finanzierung": 7,
        "Fachkräfte": 3,
    }
    client.post(url, {f"option_{intl.pk}": "10"})  # no form any more, nothing stored
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_result_is_for_participants_after_closing_for_organisers_always(client, make_user, admin):
    person = make_user(Role.MEMBER)
    consultation, (a, _, _) = _consultation(admin, method=Method.CHOICE)
    consultations.submit(consultation, person, values={a.pk: 1})
    url = f"/dialog/konsultationen/{consultation.pk}/ergebnis/"
    client.force_login(person)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Interim result" in page
    consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)
    consultation.save()
    client.force_login(person)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Interim" not in page and "Finanzierung" in page
    assert client.get(f"/dialog/konsultationen/{consultation.pk}/ergebnis.csv").status_code == 403


@pytest.mark.django_db
def test_manager_consults_the_members_of_her_initiative_only(
    client, users, make_user, make_initiative, make_organisation
):
    manager = users[Role.MANAGER]
    initiative = make_initiative("Photonik", managers=[manager])
    member_org = make_organisation("Laser GmbH")
    Membership.objects.create(organisation=member_org, initiative=initiative)
    old_org = make_organisation("Ausgetreten AG")
    Membership.objects.create(
        organisation=old_org,
        initiative=initiative,
        until=timezone.localdate() - dt.timedelta(days=1),
    )
    rep = make_user(Role.MEMBER, "rep@test.local")
    member_org.representatives.add(rep)
    former = make_user(Role.MEMBER, "former@test.local")
    old_org.representatives.add(former)
    outsider = make_user(Role.MEMBER, "outsider@test.local")

    client.force_login(manager)
    now = timezone.localtime()
    form = {
        "title": "Jahresplanung",
        "question": "Welche Formate?",
        "description": "",
        "audience": "all",
        "method": "choice",
        "points_budget": "10",
        "allow_statements": "on",
        "opens_at": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "options-TOTAL_FORMS": "2",
        "options-INITIAL_FORMS": "0",
        "options-0-label": "Workshops",
        "options-1-label": "Webinare",
    }
    client.post("/dialog/konsultationen/neu/", form)
    assert not Consultation.objects.exists()  # managers do not consult everybody
    client.post(
        "/dialog/konsultationen/neu/",
        {**form, "audience": "initiative", "initiative": initiative.pk},
    )
    consultation = Consultation.objects.get()
    assert consultation.created_by == manager
    assert list(consultation.options.values_list("label", flat=True)) == ["Workshops", "Webinare"]
    assert set(consultations.participants(consultation)) == {rep}

    url = f"/dialog/konsultationen/{consultation.pk}/"
    client.force_login(rep)
    assert client.get(url).status_code == 200
    for person in (former, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 403
    assert list(consultations.open_consultations_for(rep)) == [consultation]
    assert list(consultations.open_consultations_for(outsider)) == []


@pytest.mark.django_db
def test_export_of_the_result_as_csv_and_xlsx(client, make_user, admin):
    people = [make_user(Role.MEMBER) for _ in range(2)]
    consultation, (fin, skills, intl) = _consultation(admin, method=Method.RANK)
    consultations.submit(
        consultation, people[0], values={fin.pk: 1, skills.pk: 2}, statement="=SUMME(A1)"
    )
    consultations.submit(consultation, people[1], values={skills.pk: 1})
    client.force_login(admin)
    response = client.get(
        f"/dialog/konsultationen/{consultation.pk}/ergebnis.csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Topic", "Ranked by", "Share of answers", "Mean rank"],
        ["Finanzierung", "1", "0.5", "1.0"],  # mean rank 1 before 1.5
        ["Fachkräfte", "2", "1.0", "1.5"],
        ["Internationalisierung", "0", "0.0", ""],
    ]
    response = client.get(
        f"/dialog/konsultationen/{consultation.pk}/ergebnis.csv?teil=aussagen",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Statement"],
        ["'=SUMME(A1)"],
    ]
    response = client.get(
        f"/dialog/konsultationen/{consultation.pk}/ergebnis.xlsx", HTTP_ACCEPT_LANGUAGE="en"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Topics", "Statements"]
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    # everybody is asked: the five users of the ``users`` fixture and the two people
    assert summary[1][1:] == (2, 7, pytest.approx(2 / 7))
