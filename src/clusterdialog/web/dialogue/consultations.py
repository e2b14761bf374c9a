"""Consultations: who takes part, one submission per person, the aggregated result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialog.monitoring.consultations import TopicResult, aggregate_priorities, share
from clusterdialog.web.dialogue.models import (
    Answer,
    Audience,
    Consultation,
    Method,
    Registration,
    RegistrationStatus,
    Submission,
)
from clusterdialog.web.directory.models import Initiative, Membership

__all__ = [
    "participants",
    "is_participant",
    "visible_consultations",
    "open_consultations_for",
    "validate_values",
    "submit",
    "ConsultationResult",
    "consultation_result",
]


def _active_memberships(today: dt.date) -> Q:
    return (Q(until__isnull=True) | Q(until__gte=today)) & (
        Q(since__isnull=True) | Q(since__lte=today)
    )


def participants(consultation: Consultation) -> QuerySet:
    """The users the consultation is put to.

    ``all``: every active user; ``event``: the confirmed participants of the event;
    ``initiative``: the representatives of the initiative's current member organisations.
    """
    users = get_user_model().objects.filter(is_active=True)
    if consultation.audience == Audience.EVENT:
        registered = Registration.objects.filter(
            event_id=consultation.event_id, status=RegistrationStatus.CONFIRMED
        ).values("user")
        return users.filter(pk__in=registered)
    if consultation.audience == Audience.INITIATIVE:
        members = Membership.objects.filter(
            _active_memberships(timezone.localdate()), initiative_id=consultation.initiative_id
        ).values("organisation")
        return users.filter(represented_organisations__in=members).distinct()
    return users


def is_participant(user, consultation: Consultation) -> bool:
    """Whether ``user`` belongs to the consultation's participants."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if consultation.audience == Audience.ALL:
        return True
    return participants(consultation).filter(pk=user.pk).exists()


def _participation(user) -> Q:
    """Consultations whose participants include ``user``, as a filter."""
    today = timezone.localdate()
    registered = Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED).values(
        "event"
    )
    member_of = Membership.objects.filter(
        _active_memberships(today), organisation__representatives=user
    ).values("initiative")
    return (
        Q(audience=Audience.ALL)
        | Q(audience=Audience.EVENT, event__in=registered)
        | Q(audience=Audience.INITIATIVE, initiative__in=member_of)
    )


def visible_consultations(user) -> QuerySet[Consultation]:
    """Consultations ``user`` may see: all for the state administrator, else the ones the
    user takes part in or organises; each annotated with ``submitted`` (by ``user``)."""
    if user is None or not user.is_authenticated:
        return Consultation.objects.none()
    queryset = Consultation.objects.all()
    if not user.has_perm("dialogue.consult_everybody"):
        managed = Initiative.objects.filter(managers=user).values("pk")
        queryset = queryset.filter(
            _participation(user)
            | Q(created_by=user)
            | Q(initiative__in=managed)
            | Q(event__organiser=user)
            | Q(event__initiative__in=managed)
        )
    mine = Submission.objects.filter(consultation=OuterRef("pk"), user=user)
    return queryset.annotate(submitted=Exists(mine)).select_related("event", "initiative")


def open_consultations_for(user, *, now: dt.datetime | None = None) -> QuerySet[Consultation]:
    """Open consultations the user takes part in and has not answered yet."""
    if user is None or not user.is_authenticated:
        return Consultation.objects.none()
    now = now or timezone.now()
    answered = Submission.objects.filter(user=user).values("consultation")
    return (
        Consultation.objects.filter(_participation(user), opens_at__lte=now, closes_at__gt=now)
        .exclude(pk__in=answered)
        .order_by("closes_at", "id")
    )


def validate_values(consultation: Consultation, values: dict[int, int], statement: str) -> None:
    """Check a prioritisation against the consultation's method.

    ``values`` maps option ids to 1 (chosen), a rank, or points; options left out were not
    chosen, ranked or given points.

    Raises
    ------
    django.core.exceptions.ValidationError
        For unknown options, ranks that are not 1, 2, … without gaps or repeats, points
        that do not add up to the budget, or an empty submission.
    """
    option_ids = {option.pk for option in consultation.options.all()}
    unknown = set(values) - option_ids
    if unknown:
        raise ValidationError(_("Unknown topics: %(ids)s."), params={"ids": sorted(unknown)})
    if any(value < 0 for value in values.values()):
        raise ValidationError(_("Values must not be negative."))
    method = consultation.method
    if method == Method.RANK:
        ranks = sorted(value for value in values.values() if value)
        if ranks != list(range(1, len(ranks) + 1)):
            raise ValidationError(
                _("Rank the topics 1, 2, 3 … without gaps and without giving a rank twice.")
            )
        given = bool(ranks)
    elif method == Method.POINTS:
        total = sum(values.values())
        if total != consultation.points_budget:
            raise ValidationError(
                _("Allocate exactly %(budget)s points; you allocated %(total)s."),
                params={"budget": consultation.points_budget, "total": total},
            )
        given = True
    elif method == Method.CHOICE:
        if any(value not in (0, 1) for value in values.values()):
            raise ValidationError(_("Topics are either chosen or not."))
        given = any(values.values())
    else:
        given = False
    if not given and not statement.strip():
        raise ValidationError(_("Please answer: choose topics or write a statement."))
    if statement.strip() and not consultation.allow_statements:
        raise ValidationError(_("This consultation does not take statements."))


def submit(
    consultation: Consultation,
    user,
    *,
    values: dict[int, int],
    statement: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Store a participant's one submission.

    Raises
    ------
    django.core.exceptions.ValidationError
        When the consultation is not open, the user has answered already, or the values do
        not fit the method (see :func:`validate_values`).
    """
    now = now or timezone.now()
    if not consultation.is_open(now):
        raise ValidationError(_("This consultation is not open."), code="closed")
    validate_values(consultation, values, statement)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                consultation=consultation, user=user, statement=statement.strip(), submitted_at=now
            )
            Answer.objects.bulk_create(
                Answer(submission=submission, option_id=option_id, value=value)
                for option_id, value in values.items()
                if value
            )
    except IntegrityError:
        raise ValidationError(
            _("You have answered this consultation already."), code="duplicate"
        ) from None
    return submission


@dataclass(frozen=True)
class ConsultationResult:
    """The aggregated result: participation, topics, statements (without names)."""

    method: str
    submissions: int
    participants: int
    participation: float | None
    topics: list[TopicResult]
    statements: list[str]
    points_budget: int


def consultation_result(consultation: Consultation) -> ConsultationResult:
    """Aggregate a consultation (five queries, whatever the number of submissions)."""
    options = list(consultation.options.values_list("pk", "label"))
    submissions = consultation.submissions.count()
    answers = Answer.objects.filter(submission__consultation=consultation).values_list(
        "submission_id", "option_id", "value"
    )
    statements = list(
        consultation.submissions.exclude(statement="")
        .order_by("submitted_at", "id")
        .values_list("statement", flat=True)
    )
    eligible = participants(consultation).count()
    return ConsultationResult(
        method=consultation.method,
        submissions=submissions,
        participants=eligible,
        participation=share(submissions, eligible),
        topics=aggregate_priorities(
            options, answers, submissions=submissions, method=consultation.method
        ),
        statements=statements,
        points_budget=consultation.points_budget,
    )
