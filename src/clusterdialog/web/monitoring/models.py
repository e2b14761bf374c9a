"""Monitoring of cluster initiatives: KPI reports, targets, self-assessments,
the Wissensbilanz (intellectual capital statement) and member surveys.

Raw KPI values are private to the initiative's cluster managers and the state
administrator; peers only ever see aggregates (see :mod:`.services`).  Reports,
values and targets keep an audit history of every change (django-simple-history).
The calculations (traffic lights, percentiles, scores, QQS, impact analysis,
survey results) live in the pure package :mod:`clusterdialog.monitoring`.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialog.web.directory.models import Initiative

__all__ = [
    "Frequency",
    "Unit",
    "Kpi",
    "ReportingPeriod",
    "ReportStatus",
    "KpiReport",
    "KpiValue",
    "KpiTarget",
    "AssessmentSettings",
    "Assessment",
    "AssessmentEvidence",
    "Wissensbilanz",
    "CapitalKind",
    "WbFactor",
    "QqsDimension",
    "WbRating",
    "WbImpact",
    "WbIndicator",
    "WbMeasure",
    "Survey",
    "SurveyQuestion",
    "QuestionKind",
    "SurveyWave",
    "SurveyAnswer",
    "SurveyParticipation",
]


def _localised(obj, field: str) -> str:
    """The English variant of ``field`` when the active language is English and it is set."""
    english = getattr(obj, f"{field}_en", "")
    if (get_language() or "de").startswith("en") and english:
        return english
    return getattr(obj, f"{field}_de")


# --------------------------------------------------------------------------- KPIs and reports


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    SEMIANNUAL = "semiannual", _("Half-yearly")
    QUARTERLY = "quarterly", _("Quarterly")


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("per cent")
    EUR = "eur", _("euro")
    FTE = "fte", _("full-time equivalents")
    SCORE = "score", _("score (1–5)")


class Kpi(models.Model):
    """An indicator of the catalogue (members, share of SMEs, events …), kept by the admin."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    definition_de = models.TextField(_("definition (German)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    derivable = models.BooleanField(
        _("derived from the platform"),
        default=False,
        help_text=_("The platform fills in the value from its own records."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key performance indicator")
        verbose_name_plural = _("key performance indicators")
        ordering = ["order", "key"]

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def definition(self) -> str:
        return _localised(self, "definition")

    def __str__(self) -> str:
        return self.name


class ReportingPeriod(models.Model):
    """A reporting year with its due date."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    due_date = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year"]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def __str__(self) -> str:
        return str(self.year)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")


class KpiReport(models.Model):
    """The KPI report of one initiative for one period, with its review status."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="kpi_reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    comment = models.TextField(_("comments of the cluster management"), blank=True)
    review_comment = models.TextField(_("comment of the review"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI report")
        verbose_name_plural = _("KPI reports")
        ordering = ["-period__year", "initiative__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "period"], name="kpireport_unique")
        ]
        indexes = [models.Index(fields=["status"])]

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def __str__(self) -> str:
        return f"{self.initiative} {self.period}"


class KpiValue(models.Model):
    """One value of a report; ``derived`` marks values the platform filled in."""

    report = models.ForeignKey(
        KpiReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    kpi = models.ForeignKey(
        Kpi, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    derived = models.BooleanField(_("derived from the platform"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        ordering = ["kpi__order", "kpi__key"]
        constraints = [models.UniqueConstraint(fields=["report", "kpi"], name="kpivalue_unique")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}"


class KpiTarget(models.Model):
    """The target of an initiative for one indicator in one year."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="kpi_targets",
    )
    kpi = models.ForeignKey(
        Kpi, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.FloatField(_("target value"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["year", "kpi__order"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "kpi", "year"], name="kpitarget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.kpi} {self.year}: {self.value}"


# --------------------------------------------------------------------------- self-assessment


class AssessmentSettings(models.Model):
    """The administrator's settings of the self-assessment (a single row)."""

    threshold = models.FloatField(
        _("score needed for label readiness"),
        default=0.8,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Share of the maximum points, between 0 and 1 (0.8 = 80 %)."),
    )
    #: Minimum points per indicator key for the minimum criteria; ``None`` = the default set.
    minimum_criteria = models.JSONField(
        _("minimum criteria"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Points each minimum criterion needs; empty for the default set."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment settings")
        verbose_name_plural = _("self-assessment settings")

    @classmethod
    def current(cls) -> AssessmentSettings:
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row

    def __str__(self) -> str:
        return f"{self.threshold:.0%}"


class Assessment(models.Model):
    """A management self-assessment of an initiative on one date."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    date = models.DateField(_("date"))
    #: Points per indicator key, e.g. ``{"members_count": 2, …}``.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative} {self.date}"


def evidence_path(instance: AssessmentEvidence, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"monitoring/evidence/{instance.assessment_id}/{uuid.uuid4().hex}.{extension}"


class AssessmentEvidence(models.Model):
    """A document proving one indicator of a self-assessment (type and size checked)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    indicator = models.CharField(_("indicator"), max_length=80)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["indicator", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


# --------------------------------------------------------------------------- Wissensbilanz


class Wissensbilanz(models.Model):
    """An intellectual capital statement of an initiative (workshop with several raters)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="wissensbilanzen",
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    business_model = models.TextField(_("business model"), blank=True)
    goals = models.TextField(_("strategic goals"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intellectual capital statement")
        verbose_name_plural = _("intellectual capital statements")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class CapitalKind(models.TextChoices):
    HUMAN = "human", _("Human capital")
    STRUCTURAL = "structural", _("Structural capital")
    RELATIONAL = "relational", _("Relational capital")


class WbFactor(models.Model):
    """An influence factor of a Wissensbilanz (e.g. members' competences)."""

    wissensbilanz = models.ForeignKey(
        Wissensbilanz,
        verbose_name=pgettext_lazy("monitoring", "statement"),
        on_delete=models.CASCADE,
        related_name="factors",
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of capital"), max_length=20, choices=CapitalKind.choices)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("influence factor")
        verbose_name_plural = _("influence factors")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["wissensbilanz", "key"], name="wbfactor_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class QqsDimension(models.TextChoices):
    QUANTITY = "quantity", _("Quantity")
    QUALITY = "quality", _("Quality")
    SYSTEMATIC = "systematic", _("Systematic development")


#: The allowed QQS ratings in per cent (0–120 in steps of 30).
QQS_VALUES = (0, 30, 60, 90, 120)


class WbRating(models.Model):
    """One participant's QQS rating of one factor in one dimension (0–120 %)."""

    factor = models.ForeignKey(
        WbFactor, verbose_name=_("factor"), on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.CharField(_("participant"), max_length=100)
    dimension = models.CharField(_("dimension"), max_length=20, choices=QqsDimension.choices)
    value = models.PositiveSmallIntegerField(
        _("rating (%)"), choices=[(v, f"{v} %") for v in QQS_VALUES]
    )

    class Meta:
        verbose_name = _("QQS rating")
        verbose_name_plural = _("QQS ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["factor", "rater", "dimension"], name="wbrating_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=QQS_VALUES), name="wbrating_value_in_steps"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factor} {self.rater} {self.dimension}: {self.value}"


class WbImpact(models.Model):
    """Influence (0–3) of one factor on another in the impact matrix."""

    source = models.ForeignKey(
        WbFactor,
        verbose_name=_("influencing factor"),
        on_delete=models.CASCADE,
        related_name="influences",
    )
    target = models.ForeignKey(
        WbFactor,
        verbose_name=_("influenced factor"),
        on_delete=models.CASCADE,
        related_name="influenced_by",
    )
    value = models.PositiveSmallIntegerField(
        _("influence"), validators=[MaxValueValidator(3)], default=0
    )

    class Meta:
        verbose_name = _("impact")
        verbose_name_plural = _("impacts")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="wbimpact_unique"),
            models.CheckConstraint(condition=models.Q(value__lte=3), name="wbimpact_value_0_3"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}: {self.value}"


class WbIndicator(models.Model):
    """An indicator that measures a factor (e.g. number of joint projects)."""

    factor = models.ForeignKey(
        WbFactor, verbose_name=_("factor"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    value = models.FloatField(_("value"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["factor__order", "name"]

    def __str__(self) -> str:
        return self.name


class WbMeasure(models.Model):
    """A measure decided in the workshop, with owner and deadline."""

    wissensbilanz = models.ForeignKey(
        Wissensbilanz,
        verbose_name=pgettext_lazy("monitoring", "statement"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    factor = models.ForeignKey(
        WbFactor,
        verbose_name=_("factor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    title = models.CharField(_("measure"), max_length=300)
    owner = models.CharField(_("responsible"), max_length=200)
    deadline = models.DateField(_("deadline"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


# --------------------------------------------------------------------------- member surveys


class Survey(models.Model):
    """A member survey of an initiative, asked in repeated waves."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(pgettext_lazy("monitoring", "introduction"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("member survey")
        verbose_name_plural = _("member surveys")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 (poor) to 5 (very good)")
    CHOICE = "choice", _("One of several answers")


class SurveyQuestion(models.Model):
    """A question of a survey; the same questions are asked in every wave."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(_("key"), max_length=60)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind of answer"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SCALE
    )
    choices = models.JSONField(_("answers to choose from"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="surveyquestion_unique_key")
        ]

    def __str__(self) -> str:
        return self.text


class SurveyWave(models.Model):
    """One round of a survey with its answering period."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="waves"
    )
    label = models.CharField(_("label"), max_length=100)
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ["opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gte=models.F("opens")), name="surveywave_closes_after"
            )
        ]

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.opens <= today <= self.closes

    def __str__(self) -> str:
        return f"{self.survey}: {self.label}"


class SurveyAnswer(models.Model):
    """An anonymous answer: no user, no respondent key, no timestamp finer than the wave."""

    wave = models.ForeignKey(
        SurveyWave, verbose_name=_("wave"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    number = models.PositiveSmallIntegerField(
        _("answer on the scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    choice = models.CharField(_("chosen answer"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number or self.choice}"


class SurveyParticipation(models.Model):
    """That a user took part in a wave (to prevent double answers); not linked to answers."""

    wave = models.ForeignKey(
        SurveyWave,
        verbose_name=_("wave"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [
            models.UniqueConstraint(fields=["wave", "user"], name="surveyparticipation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.wave_id}"
