"""Member surveys: list and create (management), waves, anonymous answers, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdialog.web.monitoring import charts, member_surveys
from clusterdialog.web.monitoring.forms import AnswerForm, QuestionForm, SurveyForm, WaveForm
from clusterdialog.web.monitoring.models import Survey, SurveyWave
from clusterdialog.web.monitoring.views.common import initiative_for, language, require

__all__ = ["survey_list", "survey_detail", "wave_answer"]


@login_required
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, "monitoring.view_survey_results")
    can_manage = request.user.has_perm("monitoring.manage_survey", initiative)
    form = SurveyForm(request.POST or None, initial={"title": _("Member survey")})
    if request.method == "POST":
        require(request, "monitoring.manage_survey", initiative)
        if form.is_valid():
            survey = member_surveys.create_survey(
                initiative, language=language(), **form.cleaned_data
            )
            messages.success(request, _("The survey has been created with the default questions."))
            return redirect("monitoring:survey_detail", pk=survey.pk)
    return render(
        request,
        "monitoring/survey_list.html",
        {
            "initiative": initiative,
            "surveys": initiative.surveys.prefetch_related("waves"),
            "form": form if can_manage else None,
        },
    )


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Results per question and wave (none under the minimum), trend, and new waves."""
    survey = get_object_or_404(Survey.objects.select_related("initiative"), pk=pk)
    require(request, "monitoring.view_survey_results", survey)
    can_manage = request.user.has_perm("monitoring.manage_survey", survey)
    today = timezone.localdate()
    adding_question = request.method == "POST" and "text" in request.POST
    form = WaveForm(
        request.POST if request.method == "POST" and not adding_question else None,
        initial={"opens": today},
    )
    question_form = QuestionForm(request.POST if adding_question else None)
    if adding_question:
        require(request, "monitoring.manage_survey", survey)
        if question_form.is_valid():
            member_surveys.add_question(
                survey,
                text=question_form.cleaned_data["text"],
                kind=question_form.cleaned_data["kind"],
                choices=question_form.cleaned_data["options"],
            )
            messages.success(request, _("The question has been added."))
            return redirect("monitoring:survey_detail", pk=survey.pk)
    elif request.method == "POST":
        require(request, "monitoring.manage_survey", survey)
        if form.is_valid():
            wave = form.save(commit=False)
            wave.survey = survey
            wave.save()
            messages.success(request, _("The wave has been added."))
            return redirect("monitoring:survey_detail", pk=survey.pk)
    summary = member_surveys.results(survey)
    for item in summary["questions"]:
        item["chart"] = charts.line_chart(
            [
                {
                    "label": _("Mean"),
                    "points": [
                        (index, wave["mean"]) for index, wave in enumerate(item["waves"], 1)
                    ],
                }
            ],
            label=item["question"].text,
        )
    return render(
        request,
        "monitoring/survey_detail.html",
        {
            "survey": survey,
            "initiative": survey.initiative,
            "summary": summary,
            "form": form if can_manage else None,
            "question_form": question_form if can_manage else None,
            "participants": {wave.pk: wave.participations.count() for wave in summary["waves"]},
        },
    )


@login_required
def wave_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire for members of the initiative; answers are stored anonymously."""
    wave = get_object_or_404(SurveyWave.objects.select_related("survey__initiative"), pk=pk)
    require(request, "monitoring.answer_survey", wave)
    if not wave.is_open(timezone.localdate()):
        messages.error(request, _("This survey wave is not open."))
        return redirect("monitoring:index")
    if wave.participations.filter(user=request.user).exists():
        messages.info(request, _("You have already answered this survey wave. Thank you!"))
        return redirect("monitoring:index")
    form = AnswerForm(request.POST or None, questions=wave.survey.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            member_surveys.submit_answers(wave, request.user, form.answers())
        except member_surveys.AlreadyAnsweredError:
            messages.info(request, _("You have already answered this survey wave. Thank you!"))
        else:
            messages.success(request, _("Thank you! Your answers have been stored anonymously."))
        return redirect("monitoring:index")
    return render(request, "monitoring/wave_answer.html", {"wave": wave, "form": form})
