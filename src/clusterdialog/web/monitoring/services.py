"""The reporting cycle: catalogue seeding, derived values, status changes, overdue reports.

Views and the API call these functions; the calculations (derived membership
figures, traffic lights, overdue check) are the pure functions of
:mod:`clusterdialog.monitoring`.
"""

from __future__ import annotations

import datetime
import math

import pandas as pd
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdialog.monitoring import DEFAULT_KPIS, derive_membership_kpis, overdue
from clusterdialog.web.directory.models import Initiative, Membership
from clusterdialog.web.monitoring import member_surveys
from clusterdialog.web.monitoring.models import (
    Kpi,
    KpiReport,
    KpiValue,
    ReportingPeriod,
    ReportStatus,
)

__all__ = [
    "seed_kpis",
    "active_kpis",
    "represents_current_member",
    "managed_initiatives",
    "reports_for",
    "derived_values",
    "open_report",
    "refresh_derived_values",
    "save_report",
    "submit_report",
    "approve_report",
    "return_report",
    "overdue_reports",
    "reports_due",
    "report_history",
]

#: What the history rows say (change reasons are stored as these keys).
REASONS = {
    "opened": gettext_lazy("opened"),
    "edited": gettext_lazy("edited"),
    "comment edited": gettext_lazy("comment edited"),
    "derived values refreshed": gettext_lazy("derived values refreshed"),
    "submitted": gettext_lazy("submitted"),
    "approved": gettext_lazy("approved"),
    "returned": gettext_lazy("returned for revision"),
}

#: Default due date of a period: 31 March of the following year.
DUE_MONTH, DUE_DAY = 3, 31


def seed_kpis(kpi_model=Kpi) -> int:
    """Create the indicators of :data:`~clusterdialog.monitoring.DEFAULT_KPIS` that are
    missing (by key); existing ones, possibly edited by the administrator, are kept.

    Returns the number of indicators created.  ``kpi_model`` lets a data migration
    pass its historical model.
    """
    created = 0
    for order, definition in enumerate(DEFAULT_KPIS, start=1):
        _kpi, was_created = kpi_model.objects.get_or_create(
            key=definition.key,
            defaults={
                "name_de": definition.name_de,
                "name_en": definition.name_en,
                "unit": definition.unit,
                "definition_de": definition.definition_de,
                "definition_en": definition.definition_en,
                "higher_is_better": definition.higher_is_better,
                "frequency": definition.frequency,
                "derivable": definition.derivable,
                "order": order * 10,
            },
        )
        created += was_created
    return created


def active_kpis() -> QuerySet[Kpi]:
    """The indicators currently reported (seeded first if the catalogue is empty)."""
    if not Kpi.objects.exists():
        seed_kpis()
    return Kpi.objects.filter(active=True)


def default_period(year: int) -> ReportingPeriod:
    """The period of ``year``, created with the default due date if missing."""
    period, _created = ReportingPeriod.objects.get_or_create(
        year=year, defaults={"due_date": datetime.date(year + 1, DUE_MONTH, DUE_DAY)}
    )
    return period


def represents_current_member(user, initiative: Initiative | None, today=None) -> bool:
    """``user`` represents an organisation that is a member of ``initiative`` today."""
    if initiative is None or not user.is_authenticated:
        return False
    today = today or timezone.localdate()
    return (
        Membership.objects.filter(initiative=initiative, organisation__representatives=user)
        .filter(Q(since__isnull=True) | Q(since__lte=today))
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .exists()
    )


def managed_initiatives(user) -> QuerySet[Initiative]:
    """Initiatives whose monitoring ``user`` sees: all for the administrator, own otherwise."""
    if user.has_perm("monitoring.view_portfolio"):
        return Initiative.objects.all()
    if not user.is_authenticated:
        return Initiative.objects.none()
    return Initiative.objects.filter(managers=user)


def reports_for(user) -> QuerySet[KpiReport]:
    """Reports ``user`` may read: all for the administrator, her initiatives' otherwise."""
    queryset = KpiReport.objects.select_related("initiative", "period")
    if user.has_perm("monitoring.view_portfolio"):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(initiative__managers=user)


# --------------------------------------------------------------------------- derived values


def _event_figures(initiative: Initiative, start: datetime.date, end: datetime.date) -> dict:
    """Events of the initiative that began in the period and their participants.

    Participants of an event are those marked as attended; for an event without
    any attendance marked, the confirmed registrations.  Without events on the
    platform nothing is derived (the management reports the figures itself).
    """
    try:
        event_model = apps.get_model("dialogue", "Event")
    except LookupError:
        return {}
    events = list(
        event_model.objects.filter(
            initiative=initiative, start__date__gte=start, start__date__lte=end
        ).annotate(
            attended=Count("registrations", filter=Q(registrations__attended=True)),
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        )
    )
    if not events:
        return {}
    participants = sum(event.attended or event.confirmed for event in events)
    return {"events": float(len(events)), "event_participants": float(participants)}


def derived_values(initiative: Initiative, period: ReportingPeriod) -> dict[str, float]:
    """Values of the period the platform knows, keyed by KPI key.

    Members and the shares by type, new and leaving members come from the
    directory's memberships through :func:`clusterdialog.monitoring.derive_membership_kpis`;
    events and participants from the dialogue app (when it records them);
    management staff from the initiative's profile; member satisfaction from the
    last member-survey wave of the period with enough answers.  Undefined values (shares
    without members) are left out.
    """
    rows = list(
        Membership.objects.filter(initiative=initiative).values_list(
            "organisation_id", "since", "until", "organisation__type"
        )
    )
    frame = pd.DataFrame(rows, columns=["organisation", "since", "until", "type"])
    memberships = frame[["organisation", "since", "until"]]
    organisations = frame[["organisation", "type"]].drop_duplicates("organisation")
    derived = derive_membership_kpis(
        memberships, organisations, period_start=period.start, period_end=period.end
    )
    values = {
        str(kpi): float(value)
        for kpi, value in zip(derived["kpi"], derived["value"], strict=True)
        if value is not None and not math.isnan(float(value))
    }
    values.update(_event_figures(initiative, period.start, period.end))
    satisfaction = member_surveys.satisfaction_mean(initiative, period.start, period.end)
    if satisfaction is not None:
        values["member_satisfaction"] = satisfaction
    if initiative.management_staff_fte is not None:
        values["management_fte"] = float(initiative.management_staff_fte)
    return values


def _stamp(instance, user, reason: str) -> None:
    """Record who made a change and why in the history row of the next save."""
    instance._history_user = user
    instance._change_reason = reason


# --------------------------------------------------------------------------- the cycle


@transaction.atomic
def open_report(initiative: Initiative, period: ReportingPeriod, user) -> KpiReport:
    """The report of ``initiative`` for ``period``; created with derived values filled in."""
    report = KpiReport.objects.filter(initiative=initiative, period=period).first()
    if report is not None:
        return report
    report = KpiReport(initiative=initiative, period=period)
    _stamp(report, user, "opened")
    report.save()
    derived = derived_values(initiative, period)
    for kpi in active_kpis():
        value = KpiValue(
            report=report,
            kpi=kpi,
            value=derived.get(kpi.key),
            derived=kpi.key in derived,
        )
        _stamp(value, user, "opened")
        value.save()
    return report


def _require_editable(report: KpiReport) -> None:
    if not report.editable:
        raise ValidationError(
            _("The report is %(status)s and cannot be changed.")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def refresh_derived_values(report: KpiReport, user) -> int:
    """Fill in the derived values again (e.g. after members changed); returns how many changed."""
    _require_editable(report)
    derived = derived_values(report.initiative, report.period)
    changed = 0
    existing = {value.kpi.key: value for value in report.values.select_related("kpi")}
    for kpi in active_kpis():
        if kpi.key not in derived:
            continue
        value = existing.get(kpi.key) or KpiValue(report=report, kpi=kpi)
        if value.value == derived[kpi.key] and value.derived:
            continue
        value.value, value.derived = derived[kpi.key], True
        _stamp(value, user, "derived values refreshed")
        value.save()
        changed += 1
    return changed


#: Allowed range of a value by unit (lower, upper); ``None`` = open.
UNIT_RANGES = {"percent": (0.0, 100.0), "score": (1.0, 5.0)}


def _out_of_range(kpi: Kpi, number) -> str:
    """A message when ``number`` does not fit the indicator's unit, else ``""``."""
    if number is None:
        return ""
    low, high = UNIT_RANGES.get(kpi.unit, (0.0, None))
    if number < low or (high is not None and number > high):
        if high is None:
            return _("%(kpi)s cannot be negative.") % {"kpi": kpi.name}
        return _("%(kpi)s must lie between %(low)s and %(high)s.") % {
            "kpi": kpi.name,
            "low": f"{low:g}",
            "high": f"{high:g}",
        }
    return ""


@transaction.atomic
def save_report(report: KpiReport, values: dict, user, comment: str | None = None) -> int:
    """Store the entered values: ``{kpi_key: (value or None, note)}``; returns how many changed.

    A value that differs from the derived one is no longer marked derived.
    """
    _require_editable(report)
    known = {kpi.key: kpi for kpi in Kpi.objects.all()}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValidationError(_("Unknown indicators: %(keys)s") % {"keys": ", ".join(unknown)})
    problems = {
        key: _out_of_range(known[key], number)
        for key, (number, _note) in values.items()
        if _out_of_range(known[key], number)
    }
    if problems:
        raise ValidationError(problems)
    existing = {value.kpi_id: value for value in report.values.all()}
    changed = 0
    for key, (number, note) in values.items():
        kpi = known[key]
        value = existing.get(kpi.pk) or KpiValue(report=report, kpi=kpi)
        number = None if number is None else float(number)
        note = note or ""
        if value.pk is not None and value.value == number and value.note == note:
            continue
        if value.value != number:
            value.derived = False
        value.value, value.note = number, note
        _stamp(value, user, "edited")
        value.save()
        changed += 1
    if comment is not None and comment != report.comment:
        report.comment = comment
        _stamp(report, user, "comment edited")
        report.save()
    return changed


@transaction.atomic
def submit_report(report: KpiReport, user) -> KpiReport:
    """Draft or returned → submitted."""
    _require_editable(report)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), user
    _stamp(report, user, "submitted")
    report.save()
    return report


def _require_submitted(report: KpiReport) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(
            _("Only submitted reports can be reviewed; this one is %(status)s.")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def approve_report(report: KpiReport, user, comment: str = "") -> KpiReport:
    """Submitted → approved (by the state administrator)."""
    _require_submitted(report)
    report.status = ReportStatus.APPROVED
    report.review_comment = comment
    report.reviewed_at, report.reviewed_by = timezone.now(), user
    _stamp(report, user, "approved")
    report.save()
    return report


@transaction.atomic
def return_report(report: KpiReport, user, comment: str) -> KpiReport:
    """Submitted → returned for revision, with a comment saying what to change."""
    _require_submitted(report)
    if not comment.strip():
        raise ValidationError(_("Say what should be revised when returning a report."))
    report.status = ReportStatus.RETURNED
    report.review_comment = comment
    report.reviewed_at, report.reviewed_by = timezone.now(), user
    _stamp(report, user, "returned")
    report.save()
    return report


# --------------------------------------------------------------------------- due and overdue


def _open_reports_frame(initiatives, periods, today) -> pd.DataFrame:
    """One row per initiative × period that has begun: status (None when not opened), due."""
    status = {
        (initiative_id, period_id): value
        for initiative_id, period_id, value in KpiReport.objects.filter(
            initiative__in=initiatives, period__in=periods
        ).values_list("initiative_id", "period_id", "status")
    }
    rows = [
        {
            "initiative": initiative.pk,
            "period": period.pk,
            "year": period.year,
            "status": status.get((initiative.pk, period.pk)),
            "due": period.due_date,
        }
        for initiative in initiatives
        for period in periods
        if period.start <= today
    ]
    columns = ["initiative", "period", "year", "status", "due"]
    return pd.DataFrame(rows, columns=columns)


def overdue_reports(today: datetime.date | None = None) -> list[dict]:
    """Reports of active initiatives past their due date and not submitted (admin's panel).

    The check itself is :func:`clusterdialog.monitoring.overdue`.
    """
    today = today or timezone.localdate()
    initiatives = list(Initiative.objects.filter(status="active").order_by("name"))
    periods = list(ReportingPeriod.objects.filter(due_date__lt=today))
    frame = _open_reports_frame(initiatives, periods, today)
    if frame.empty:
        return []
    checked = overdue(frame, today=today)
    checked = checked[checked["overdue"]]
    names = {initiative.pk: initiative for initiative in initiatives}
    return [
        {
            "initiative": names[row.initiative],
            "year": int(row.year),
            "status": row.status,
            "due_date": row.due_date,
            "days_overdue": int(row.days_overdue),
        }
        for row in checked.sort_values(["days_overdue", "year"], ascending=False).itertuples()
    ]


def reports_due(user, today: datetime.date | None = None) -> list[dict]:
    """The manager's open reports: periods begun whose report is not submitted or approved."""
    today = today or timezone.localdate()
    initiatives = list(Initiative.objects.filter(managers=user).order_by("name"))
    periods = list(ReportingPeriod.objects.filter(year__lte=today.year))
    frame = _open_reports_frame(initiatives, periods, today)
    if frame.empty:
        return []
    checked = overdue(frame, today=today)
    open_rows = checked[~checked["status"].isin([ReportStatus.SUBMITTED, ReportStatus.APPROVED])]
    names = {initiative.pk: initiative for initiative in initiatives}
    return [
        {
            "initiative": names[row.initiative],
            "year": int(row.year),
            "status": row.status,
            "due_date": row.due_date,
            "overdue": bool(row.overdue),
        }
        for row in open_rows.sort_values(["year", "initiative"]).itertuples()
    ]


def _reason(record) -> str:
    reason = record.history_change_reason
    if reason in REASONS:
        return str(REASONS[reason])
    return reason or record.get_history_type_display()


def report_history(report: KpiReport) -> list[dict]:
    """Every change of the report and its values, newest first: when, who, what."""
    entries = []
    for record in report.history.select_related("history_user"):
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": _reason(record),
                "subject": _("Report"),
                "changes": changes,
            }
        )
    value_history = KpiValue.history.filter(report_id=report.pk).select_related("history_user")
    kpis = {kpi.pk: kpi for kpi in Kpi.objects.all()}
    for record in value_history:
        previous = record.prev_record
        kpi = kpis.get(record.kpi_id)
        old = previous.value if previous is not None else None
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": _reason(record),
                "subject": str(kpi) if kpi else record.kpi_id,
                "changes": [("value", old, record.value)] if old != record.value else [],
            }
        )
    return sorted(entries, key=lambda entry: entry["when"], reverse=True)
