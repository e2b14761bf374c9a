"""Member surveys in waves: default questionnaire, anonymous answers, results and trend.

Answers carry no user and no respondent key; a separate participation record
only prevents answering a wave twice.  Results per question and wave come from
:func:`clusterdialog.monitoring.survey_results` (nothing is broken down under
``MIN_ANSWERS`` answers) and the trend from :func:`clusterdialog.monitoring.survey_trend`.
"""

from __future__ import annotations

import math

import pandas as pd
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from clusterdialog.monitoring import survey_results, survey_trend
from clusterdialog.web.directory.models import Initiative, Membership
from clusterdialog.web.monitoring.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyWave,
)

__all__ = [
    "MIN_ANSWERS",
    "DEFAULT_QUESTIONS",
    "create_survey",
    "add_question",
    "open_waves_for",
    "submit_answers",
    "results",
    "satisfaction_mean",
    "AlreadyAnsweredError",
]

#: Fewest answers for which a question's result is shown.
MIN_ANSWERS = 5

#: The default questionnaire: satisfaction, collaboration, benefits (scale 1–5), recommendation.
DEFAULT_QUESTIONS = (
    (
        "satisfaction",
        QuestionKind.SCALE,
        "Wie zufrieden sind Sie insgesamt mit der Clusterinitiative?",
        "How satisfied are you with the cluster initiative overall?",
        (),
    ),
    (
        "collaboration",
        QuestionKind.SCALE,
        "Wie bewerten Sie die Zusammenarbeit mit anderen Mitgliedern?",
        "How do you rate the collaboration with other members?",
        (),
    ),
    (
        "benefits",
        QuestionKind.SCALE,
        "Wie groß ist der Nutzen der Mitgliedschaft für Ihre Organisation?",
        "How large is the benefit of the membership for your organisation?",
        (),
    ),
    (
        "services",
        QuestionKind.SCALE,
        "Wie bewerten Sie die Angebote des Clustermanagements (Veranstaltungen, Information)?",
        "How do you rate the services of the cluster management (events, information)?",
        (),
    ),
    (
        "recommend",
        QuestionKind.CHOICE,
        "Würden Sie die Mitgliedschaft weiterempfehlen?",
        "Would you recommend the membership?",
        ("ja", "eher ja", "eher nein", "nein"),
    ),
)


class AlreadyAnsweredError(Exception):
    """The user has answered this wave before."""


@transaction.atomic
def create_survey(initiative: Initiative, *, title: str, language: str = "de", **fields) -> Survey:
    """A survey of the initiative with the default questionnaire (in ``language``)."""
    survey = Survey.objects.create(initiative=initiative, title=title, **fields)
    english = language.startswith("en")
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            key=key,
            kind=kind,
            text=text_en if english else text_de,
            choices=list(choices),
            order=index * 10,
        )
        for index, (key, kind, text_de, text_en, choices) in enumerate(DEFAULT_QUESTIONS, 1)
    )
    return survey


def add_question(survey: Survey, *, text: str, kind: str, choices=()) -> SurveyQuestion:
    """Append a question to the survey (its key is derived from the text and kept unique)."""
    base = slugify(text)[:50] or "question"
    key, number = base, 2
    while survey.questions.filter(key=key).exists():
        key, number = f"{base}-{number}", number + 1
    order = (survey.questions.aggregate(Max("order"))["order__max"] or 0) + 10
    return SurveyQuestion.objects.create(
        survey=survey, key=key, text=text, kind=kind, choices=list(choices), order=order
    )


def open_waves_for(user, today=None) -> list[SurveyWave]:
    """Open waves of surveys of initiatives the user's organisation is a member of,
    which the user has not answered yet."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    initiatives = (
        Membership.objects.filter(organisation__representatives=user)
        .filter(Q(since__isnull=True) | Q(since__lte=today))
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .values_list("initiative_id", flat=True)
    )
    return list(
        SurveyWave.objects.filter(
            survey__initiative__in=initiatives, opens__lte=today, closes__gte=today
        )
        .exclude(participations__user=user)
        .select_related("survey", "survey__initiative")
        .order_by("closes")
    )


def submit_answers(wave: SurveyWave, user, answers: dict[int, object]) -> int:
    """Store the answers ``{question_id: number or choice}`` anonymously; once per user."""
    questions = {question.pk: question for question in wave.survey.questions.all()}
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or value in (None, ""):
            continue
        if question.kind == QuestionKind.SCALE:
            rows.append(SurveyAnswer(wave=wave, question=question, number=int(value)))
        else:
            rows.append(SurveyAnswer(wave=wave, question=question, choice=str(value)))
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(wave=wave, user=user)
            SurveyAnswer.objects.bulk_create(rows)
    except IntegrityError:
        raise AlreadyAnsweredError() from None
    return len(rows)


def _answers_frame(survey: Survey, waves: list[SurveyWave]) -> pd.DataFrame:
    order = {wave.pk: index for index, wave in enumerate(waves, start=1)}
    rows = [
        (question_id, order[wave_id], number if number is not None else choice)
        for question_id, wave_id, number, choice in SurveyAnswer.objects.filter(
            wave__survey=survey
        ).values_list("question_id", "wave_id", "number", "choice")
    ]
    return pd.DataFrame(rows, columns=["question", "wave", "answer"])


def _number(value):
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def results(survey: Survey) -> dict:
    """Per question: each wave's count, mean, distribution (or suppressed) and change."""
    waves = list(survey.waves.order_by("opens", "pk"))
    questions = list(survey.questions.all())
    frame = _answers_frame(survey, waves)
    by_question: dict[int, list[dict]] = {}
    if not frame.empty:
        table = survey_results(frame, min_answers=MIN_ANSWERS)
        trend = survey_trend(table).set_index(["question", "wave"])["change"]
        for row in table.itertuples():
            distribution = row.distribution if isinstance(row.distribution, dict) else None
            by_question.setdefault(row.question, []).append(
                {
                    "wave": waves[int(row.wave) - 1],
                    "n": int(row.n),
                    "mean": _number(row.mean),
                    "change": _number(trend.get((row.question, row.wave))),
                    "distribution": [
                        {"answer": answer, "share": share}
                        for answer, share in (distribution or {}).items()
                    ],
                    "suppressed": bool(row.suppressed),
                }
            )
    return {
        "waves": waves,
        "questions": [
            {"question": question, "waves": by_question.get(question.pk, [])}
            for question in questions
        ],
        "min_answers": MIN_ANSWERS,
    }


def satisfaction_mean(initiative: Initiative, start, end) -> float | None:
    """Mean satisfaction of the last wave closing in [start, end] with enough answers."""
    surveys = Survey.objects.filter(initiative=initiative, questions__key="satisfaction")
    for survey in surveys.distinct():
        summary = results(survey)
        for item in summary["questions"]:
            if item["question"].key != "satisfaction":
                continue
            shown = [
                wave
                for wave in item["waves"]
                if not wave["suppressed"] and start <= wave["wave"].closes <= end
            ]
            if shown:
                return shown[-1]["mean"]
    return None
