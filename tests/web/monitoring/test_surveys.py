"""Member surveys: anonymous answers, once per member, no breakdown under five answers, trend."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from clusterdialog.web.directory.models import Membership
from clusterdialog.web.monitoring import member_surveys
from clusterdialog.web.monitoring.models import SurveyAnswer, SurveyParticipation, SurveyWave


@pytest.fixture
def survey(initiative):
    return member_surveys.create_survey(initiative, title="Befragung")


@pytest.fixture
def waves(survey):
    today = datetime.date.today()
    return [
        SurveyWave.objects.create(
            survey=survey,
            label="2025",
            opens=datetime.date(2025, 10, 1),
            closes=datetime.date(2025, 10, 31),
        ),
        SurveyWave.objects.create(
            survey=survey,
            label="jetzt",
            opens=today - datetime.timedelta(days=1),
            closes=today + datetime.timedelta(days=10),
        ),
    ]


@pytest.fixture
def member(make_user, initiative):
    user = make_user("member", "vertreter@test.local")
    membership = Membership.objects.filter(initiative=initiative, until__isnull=True).first()
    membership.organisation.representatives.add(user)
    return user


def answer(wave, key, numbers):
    question = wave.survey.questions.get(key=key)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(wave=wave, question=question, number=n) for n in numbers
    )


def test_results_and_trend_by_hand(survey, waves):
    # Wave 1: 3, 3, 4, 4, 3 → n 5, mean 3.4; wave 2: 5, 5, 4, 4 → n 4 < 5 → hidden.
    answer(waves[0], "satisfaction", [3, 3, 4, 4, 3])
    answer(waves[1], "satisfaction", [5, 5, 4, 4])
    result = member_surveys.results(survey)
    item = next(q for q in result["questions"] if q["question"].key == "satisfaction")
    first, second = item["waves"]
    assert (first["n"], first["mean"], first["suppressed"]) == (5, pytest.approx(3.4), False)
    assert {d["answer"]: d["share"] for d in first["distribution"]} == {3: 0.6, 4: 0.4}
    assert (second["n"], second["mean"], second["suppressed"]) == (4, None, True)
    assert second["distribution"] == []
    # A fifth answer in wave 2: 5, 5, 4, 4, 4 → mean 4.4, change +1.0.
    answer(waves[1], "satisfaction", [4])
    item = next(
        q
        for q in member_surveys.results(survey)["questions"]
        if q["question"].key == "satisfaction"
    )
    assert item["waves"][1]["mean"] == pytest.approx(4.4)
    assert item["waves"][1]["change"] == pytest.approx(1.0)


def test_results_page_hides_small_counts(login, manager, survey, waves):
    answer(waves[0], "satisfaction", [1, 5, 2])
    html = (
        login(manager).get(reverse("monitoring:survey_detail", args=[survey.pk])).content.decode()
    )
    assert 'class="muted suppressed"' in html
    assert "33 %" not in html  # no distribution of three answers


def test_member_answers_once_and_anonymously(login, member, waves, survey):
    wave = waves[1]
    client = login(member)
    assert wave in member_surveys.open_waves_for(member)
    question = survey.questions.get(key="satisfaction")
    choice = survey.questions.get(key="recommend")
    response = client.post(
        reverse("monitoring:wave_answer", args=[wave.pk]),
        {f"q_{question.pk}": "4", f"q_{choice.pk}": "ja"},
    )
    assert response.status_code == 302
    assert SurveyParticipation.objects.filter(wave=wave, user=member).count() == 1
    stored = SurveyAnswer.objects.filter(wave=wave)
    assert sorted((a.number or 0, a.choice) for a in stored) == [(0, "ja"), (4, "")]
    # Answers carry no user: the model has no link to the person.
    assert "user" not in {f.name for f in SurveyAnswer._meta.get_fields()}
    # A second attempt stores nothing.
    client.post(reverse("monitoring:wave_answer", args=[wave.pk]), {f"q_{question.pk}": "1"})
    assert SurveyAnswer.objects.filter(wave=wave).count() == 2
    assert wave not in member_surveys.open_waves_for(member)


def test_non_members_and_closed_waves(login, make_user, member, waves):
    outsider = make_user("member")
    assert (
        login(outsider).get(reverse("monitoring:wave_answer", args=[waves[1].pk])).status_code
        == 403
    )
    response = login(member).get(reverse("monitoring:wave_answer", args=[waves[0].pk]))
    assert response.status_code == 302  # closed wave: back to the overview


def test_satisfaction_fills_the_kpi(initiative, period, manager, survey, waves):
    from clusterdialog.web.monitoring import services

    answer(waves[0], "satisfaction", [3, 3, 4, 4, 3])
    assert services.derived_values(initiative, period)["member_satisfaction"] == pytest.approx(3.4)


def test_members_cannot_see_results(login, member, survey):
    assert (
        login(member).get(reverse("monitoring:survey_detail", args=[survey.pk])).status_code == 403
    )


def test_manager_adds_a_question(login, manager, survey):
    client = login(manager)
    url = reverse("monitoring:survey_detail", args=[survey.pk])
    client.post(url, {"text": "Welche Themen?", "kind": "choice", "choices": "KI"})
    assert not survey.questions.filter(text="Welche Themen?").exists()  # one answer is too few
    client.post(url, {"text": "Welche Themen?", "kind": "choice", "choices": "KI; Energie ;"})
    question = survey.questions.get(text="Welche Themen?")
    assert (question.key, question.choices) == ("welche-themen", ["KI", "Energie"])
    assert list(survey.questions.values_list("key", flat=True))[-1] == "welche-themen"
