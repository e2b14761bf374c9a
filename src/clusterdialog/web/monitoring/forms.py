"""Forms of the monitoring app: catalogue, periods, reports, targets, self-assessment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterdialog.web.monitoring.models import (
    QQS_VALUES,
    AssessmentSettings,
    Kpi,
    QqsDimension,
    QuestionKind,
    ReportingPeriod,
    Survey,
    SurveyWave,
    WbFactor,
    WbIndicator,
    WbMeasure,
    Wissensbilanz,
)

__all__ = [
    "KpiForm",
    "PeriodForm",
    "OpenReportForm",
    "ReportValuesForm",
    "ReviewForm",
    "TargetsForm",
    "AssessmentForm",
    "AssessmentSettingsForm",
    "EvidenceForm",
    "WissensbilanzForm",
    "FactorForm",
    "RatingForm",
    "ImpactMatrixForm",
    "IndicatorForm",
    "MeasureForm",
    "SurveyForm",
    "WaveForm",
    "AnswerForm",
    "QuestionForm",
]


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = [
            "key",
            "name_de",
            "name_en",
            "unit",
            "definition_de",
            "definition_en",
            "higher_is_better",
            "frequency",
            "active",
            "order",
        ]
        widgets = {
            "definition_de": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
        }


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["year", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class OpenReportForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.all(), empty_label=None
    )


class ReportValuesForm(forms.Form):
    """One number and one note per indicator, plus the comments of the management."""

    comment = forms.CharField(
        label=_("Comments on the report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for value in values:
            kpi = value.kpi
            number = forms.FloatField(
                label=kpi.name,
                required=False,
                initial=value.value,
                min_value=0 if kpi.unit != "score" else 1,
                max_value=100 if kpi.unit == "percent" else (5 if kpi.unit == "score" else None),
                help_text=kpi.definition,
            )
            note = forms.CharField(
                label=_("Note on %(kpi)s") % {"kpi": kpi.name},
                required=False,
                max_length=500,
                initial=value.note,
            )
            self.fields[f"value_{kpi.key}"] = number
            self.fields[f"note_{kpi.key}"] = note
            self.rows.append(
                {
                    "kpi": kpi,
                    "derived": value.derived,
                    "value": self[f"value_{kpi.key}"],
                    "note": self[f"note_{kpi.key}"],
                }
            )

    def values(self) -> dict:
        """``{kpi_key: (value, note)}`` of the cleaned form."""
        return {
            row["kpi"].key: (
                self.cleaned_data.get(f"value_{row['kpi'].key}"),
                self.cleaned_data.get(f"note_{row['kpi'].key}", ""),
            )
            for row in self.rows
        }


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("monitoring", "Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TargetsForm(forms.Form):
    """Targets of an initiative: one field per indicator and year."""

    def __init__(self, *args, kpis=(), years=(), existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.years = list(years)
        self.rows = []
        for kpi in kpis:
            cells = []
            for year in self.years:
                name = f"target_{kpi.key}_{year}"
                self.fields[name] = forms.FloatField(
                    label=f"{kpi.name} {year}",
                    required=False,
                    min_value=0,
                    initial=existing.get((kpi.key, year)),
                )
                cells.append(self[name])
            self.rows.append({"kpi": kpi, "cells": cells})

    def targets(self) -> dict:
        """``{(kpi_key, year): value or None}``."""
        out = {}
        for row in self.rows:
            for year in self.years:
                out[(row["kpi"].key, year)] = self.cleaned_data.get(
                    f"target_{row['kpi'].key}_{year}"
                )
        return out


class AssessmentForm(forms.Form):
    """Points per indicator of the excellence criteria, grouped by area."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria=(), answers=None, language="de", **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        english = language.startswith("en")
        self.areas: dict[str, list] = {}
        for indicator in criteria:
            name = f"points_{indicator.key}"
            self.fields[name] = forms.TypedChoiceField(
                label=indicator.name_en if english else indicator.name_de,
                help_text=indicator.description_en if english else indicator.description_de,
                choices=[("", "–")] + [(p, str(p)) for p in indicator.scale],
                coerce=int,
                required=False,
                empty_value=None,
                initial=answers.get(indicator.key),
            )
            self.areas.setdefault(indicator.area, []).append(
                {"indicator": indicator, "field": self[name]}
            )

    def answers(self) -> dict[str, int]:
        return {
            name.removeprefix("points_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("points_") and value is not None
        }


class AssessmentSettingsForm(forms.ModelForm):
    """The label threshold and, per indicator, whether it is a minimum criterion and with
    how many points."""

    class Meta:
        model = AssessmentSettings
        fields = ["threshold"]

    def __init__(self, *args, criteria=(), language="de", **kwargs):
        super().__init__(*args, **kwargs)
        english = language.startswith("en")
        self.criteria = list(criteria)
        self.indicator_fields = []
        for indicator in self.criteria:
            name = f"minimum_{indicator.key}"
            self.fields[name] = forms.TypedChoiceField(
                label=indicator.name_en if english else indicator.name_de,
                choices=[("", _("no minimum criterion"))]
                + [
                    (p, _("at least %(points)d points") % {"points": p})
                    for p in indicator.scale
                    if p > 0
                ],
                coerce=int,
                empty_value=None,
                required=False,
                initial=indicator.minimum_points if indicator.minimum else "",
            )
            self.indicator_fields.append(self[name])

    def save(self, commit: bool = True):
        self.instance.minimum_criteria = {
            indicator.key: self.cleaned_data[f"minimum_{indicator.key}"]
            for indicator in self.criteria
            if self.cleaned_data.get(f"minimum_{indicator.key}") is not None
        }
        return super().save(commit)


class EvidenceForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    file = forms.FileField(label=_("Document"))

    def __init__(self, *args, criteria=(), language="de", **kwargs):
        super().__init__(*args, **kwargs)
        english = language.startswith("en")
        self.fields["indicator"].choices = [
            (i.key, i.name_en if english else i.name_de) for i in criteria
        ]

    def clean_file(self):
        from clusterdialog.web.monitoring.uploads import check_upload

        upload = self.cleaned_data["file"]
        self.content_type = check_upload(upload)
        return upload


# --------------------------------------------------------------------------- Wissensbilanz


class WissensbilanzForm(forms.ModelForm):
    class Meta:
        model = Wissensbilanz
        fields = ["title", "date", "business_model", "goals"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "business_model": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.Textarea(attrs={"rows": 5}),
        }


class FactorForm(forms.ModelForm):
    class Meta:
        model = WbFactor
        fields = ["key", "name", "kind", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class RatingForm(forms.Form):
    """One participant's QQS ratings: per factor quantity, quality, systematic development."""

    rater = forms.CharField(
        label=_("Participant (name or pseudonym)"),
        max_length=100,
        help_text=_("Each participant rates on their own; the results show the spread."),
    )

    def __init__(self, *args, factors=(), existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        choices = [("", "–")] + [(v, f"{v} %") for v in QQS_VALUES]
        self.rows = []
        for factor in factors:
            cells = []
            for dimension, _label in QqsDimension.choices:
                name = f"r_{factor.key}_{dimension}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{factor.name}: {QqsDimension(dimension).label}",
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=existing.get((factor.key, dimension)),
                )
                cells.append(self[name])
            self.rows.append({"factor": factor, "cells": cells})

    def ratings(self) -> dict:
        return {
            (row["factor"].key, dimension): self.cleaned_data.get(
                f"r_{row['factor'].key}_{dimension}"
            )
            for row in self.rows
            for dimension, _label in QqsDimension.choices
        }


class ImpactMatrixForm(forms.Form):
    """The influence (0–3) of each factor (row) on each other factor (column)."""

    def __init__(self, *args, factors=(), matrix=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        self.rows = []
        for source in self.factors:
            cells = []
            for target in self.factors:
                if source.pk == target.pk:
                    cells.append(None)
                    continue
                name = f"i_{source.key}__{target.key}"
                initial = 0
                if matrix is not None and source.key in matrix.index:
                    initial = int(matrix.at[source.key, target.key])
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{source.name} → {target.name}",
                    choices=[(v, str(v)) for v in range(4)],
                    coerce=int,
                    initial=initial,
                )
                cells.append(self[name])
            self.rows.append({"factor": source, "cells": cells})

    def cells(self) -> dict:
        return {
            (source.key, target.key): self.cleaned_data[f"i_{source.key}__{target.key}"]
            for source in self.factors
            for target in self.factors
            if source.pk != target.pk
        }


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = WbIndicator
        fields = ["factor", "name", "value", "unit", "note"]

    def __init__(self, *args, statement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factor"].queryset = statement.factors.all() if statement else WbFactor.objects


class MeasureForm(forms.ModelForm):
    class Meta:
        model = WbMeasure
        fields = ["title", "factor", "owner", "deadline", "done"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, statement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factor"].queryset = statement.factors.all() if statement else WbFactor.objects
        self.fields["factor"].required = False


# --------------------------------------------------------------------------- surveys


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class WaveForm(forms.ModelForm):
    class Meta:
        model = SurveyWave
        fields = ["label", "opens", "closes"]
        widgets = {
            "opens": forms.DateInput(attrs={"type": "date"}),
            "closes": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens and closes and closes < opens:
            raise forms.ValidationError(_("The wave must close on or after the day it opens."))
        return cleaned


class AnswerForm(forms.Form):
    """The questionnaire of a wave; every question may be left out."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        scale = [
            ("", _("no answer")),
            (1, _("1 – poor")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – very good")),
        ]
        for question in self.questions:
            name = f"q_{question.pk}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=scale,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[("", _("no answer"))] + [(c, c) for c in question.choices],
                    required=False,
                    widget=forms.RadioSelect,
                )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}


class QuestionForm(forms.Form):
    """A further question of a survey (scale 1–5, or one of the given answers)."""

    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        max_length=1000,
        help_text=_("Separated by semicolons; only for questions with given answers."),
    )

    def clean(self):
        cleaned = super().clean()
        options = [c.strip() for c in cleaned.get("choices", "").split(";") if c.strip()]
        if cleaned.get("kind") == QuestionKind.CHOICE and len(options) < 2:
            raise forms.ValidationError(_("Give at least two answers to choose from."))
        cleaned["options"] = options if cleaned.get("kind") == QuestionKind.CHOICE else []
        return cleaned
