"""Demo content of the monitoring: three years of approved reports with targets for every demo
initiative, a draft for the demo manager's initiative, self-assessments, a Wissensbilanz with
four raters and a member survey with two waves.

Invented figures, plausible in size; derived values (members, shares, entries and exits) come
from the demo memberships exactly as in a real report.  Called by the platform's demo loader
with ``random.Random(seed)`` after the directory's demo content exists.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from clusterdialog.monitoring import DEFAULT_CRITERIA
from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring import member_surveys, services, workshops
from clusterdialog.web.monitoring.models import (
    Assessment,
    KpiReport,
    KpiTarget,
    KpiValue,
    QqsDimension,
    ReportStatus,
    SurveyAnswer,
    SurveyWave,
    WbIndicator,
    WbMeasure,
)

__all__ = ["load", "YEARS"]

#: Number of approved years before the current one.
YEARS = 3
#: Indicators whose demo values are invented (the others are derived or left empty).
REPORTED = (
    "joint_projects", "rd_funding", "private_funding_share", "events", "international_partners",
    "international_activities", "press_mentions", "member_satisfaction", "management_fte",
)  # fmt: skip


def _reported(rng: random.Random, kpi: str, members: float, fte: float, trend: float) -> float:
    """An invented, plausible value of a reported (not derived) indicator."""
    base = {
        "joint_projects": max(1.0, members / 14),
        "rd_funding": members * rng.uniform(15_000, 40_000),
        "private_funding_share": rng.uniform(20, 60),
        "events": rng.uniform(6, 20),
        "international_partners": rng.uniform(2, 15),
        "international_activities": rng.uniform(1, 10),
        "press_mentions": rng.uniform(5, 40),
        "member_satisfaction": rng.uniform(3.2, 4.5),
        "management_fte": fte,
    }[kpi]
    if kpi in ("private_funding_share", "member_satisfaction", "management_fte"):
        value = base + rng.uniform(-0.1, 0.1) * base * 0.3
    else:
        value = base * trend * rng.uniform(0.85, 1.15)
    if kpi == "member_satisfaction":
        return round(min(5.0, max(1.0, value)), 1)
    if kpi in ("private_funding_share", "management_fte"):
        return round(value, 1)
    if kpi == "rd_funding":
        return round(value, -3)
    return float(round(value))


def _values_for(rng, initiative, period, kpis, fte, trend) -> dict[str, tuple[float, bool]]:
    derived = services.derived_values(initiative, period)
    members = derived.get("members", 40.0)
    values = {}
    for kpi in kpis:
        if kpi.key in derived and kpi.key != "member_satisfaction":
            values[kpi.key] = (derived[kpi.key], True)
        elif kpi.key in REPORTED:
            values[kpi.key] = (_reported(rng, kpi.key, members, fte, trend), False)
    if "events" in values and "event_participants" not in derived:
        values["event_participants"] = (
            float(round(values["events"][0] * rng.uniform(25, 45))),
            False,
        )
    return values


@transaction.atomic
def load(rng: random.Random) -> None:
    """Add the monitoring's demo records (idempotent: nothing happens a second time)."""
    services.seed_kpis()
    if KpiReport.objects.filter(initiative__is_demo=True).exists():
        return
    admin = get_user_model().objects.filter(email="ministry@demo.local").first()
    manager = get_user_model().objects.filter(email="manager@demo.local").first()
    today = timezone.localdate()
    years = list(range(today.year - YEARS, today.year))
    periods = [services.default_period(year) for year in [*years, today.year]]
    kpis = list(services.active_kpis())
    by_key = {kpi.key: kpi for kpi in kpis}
    initiatives = list(Initiative.objects.filter(is_demo=True).order_by("name"))
    own = manager.managed_initiatives.order_by("name").first() if manager else None
    reports, values, targets = [], [], []
    for initiative in initiatives:
        fte = float(initiative.management_staff_fte or rng.uniform(1.5, 5))
        growth = rng.uniform(0.97, 1.08)
        previous: dict[str, float] = {}
        for index, period in enumerate(periods[:-1]):
            report = KpiReport(
                initiative=initiative,
                period=period,
                status=ReportStatus.APPROVED,
                submitted_at=timezone.make_aware(datetime.datetime(period.year + 1, 2, 20)),
                submitted_by=manager if initiative == own else None,
                reviewed_at=timezone.make_aware(datetime.datetime(period.year + 1, 3, 15)),
                reviewed_by=admin,
            )
            reports.append(report)
            current = _values_for(rng, initiative, period, kpis, fte, growth**index)
            for key, (value, derived) in current.items():
                values.append((report, by_key[key], value, derived))
                anchor = previous.get(key, value)
                factor = 0.95 if not by_key[key].higher_is_better else 1.05
                targets.append(
                    KpiTarget(
                        initiative=initiative,
                        kpi=by_key[key],
                        year=period.year,
                        value=round(anchor * factor, 1),
                    )
                )
            previous = {key: value for key, (value, _d) in current.items()}
    bulk_create_with_history(reports, KpiReport, default_user=admin)
    saved = {
        (r.initiative_id, r.period_id): r
        for r in KpiReport.objects.filter(initiative__in=initiatives)
    }
    bulk_create_with_history(
        [
            KpiValue(
                report=saved[(report.initiative_id, report.period_id)],
                kpi=kpi,
                value=value,
                derived=derived,
            )
            for report, kpi, value, derived in values
        ],
        KpiValue,
        default_user=admin,
    )
    bulk_create_with_history(targets, KpiTarget, default_user=admin)
    if own is not None:
        _own_initiative(rng, own, manager, periods[-1], today)


def _own_initiative(rng, initiative, manager, current_period, today) -> None:
    """The demo manager's initiative: a draft, targets ahead, assessments, Wissensbilanz, survey."""
    report = services.open_report(initiative, current_period, manager)
    services.save_report(
        report,
        {"joint_projects": (4.0, "Stand Oktober"), "events": (9.0, "")},
        manager,
        comment="Entwurf – Zahlen bis Jahresende ergänzen.",
    )
    last = {
        t.kpi_id: t.value
        for t in KpiTarget.objects.filter(initiative=initiative, year=today.year - 1)
    }
    KpiTarget.objects.bulk_create(
        KpiTarget(initiative=initiative, kpi_id=kpi_id, year=today.year, value=round(v * 1.05, 1))
        for kpi_id, v in last.items()
    )
    for months_ago, level in ((14, (1, 2, 2, 3)), (2, (2, 2, 3, 3))):
        Assessment.objects.create(
            initiative=initiative,
            date=today - datetime.timedelta(days=30 * months_ago),
            answers={c.key: rng.choice(level) for c in DEFAULT_CRITERIA},
            notes="Selbstbewertung im Vorstand.",
            created_by=manager,
        )
    statement = workshops.create_statement(
        initiative,
        title="Wissensbilanz " + str(today.year),
        date=today - datetime.timedelta(days=40),
        user=manager,
        business_model="Das Clustermanagement vernetzt Unternehmen und Forschung der Region, "
        "bahnt Verbundprojekte an und vertritt die Branche gegenüber Politik und Öffentlichkeit.",
        goals="Mehr Verbundprojekte mit KMU; internationale Sichtbarkeit; stabile Finanzierung "
        "durch Mitgliedsbeiträge und Leistungsentgelte.",
    )
    factors = list(statement.factors.all())
    base = {factor.key: rng.choice([30, 60, 60, 90]) for factor in factors}
    for rater in ("Vorstand A", "Vorstand B", "Geschäftsführung", "Beirat"):
        workshops.save_ratings(
            statement,
            rater,
            {
                (factor.key, dimension): min(
                    120, max(0, base[factor.key] + rng.choice([-30, 0, 0, 30]))
                )
                for factor in factors
                for dimension, _label in QqsDimension.choices
            },
        )
    workshops.save_impact_matrix(
        statement,
        {
            (a.key, b.key): rng.choice([0, 0, 1, 1, 2, 3])
            for a in factors
            for b in factors
            if a.pk != b.pk
        },
    )
    WbIndicator.objects.bulk_create(
        [
            WbIndicator(factor=factors[0], name="Mitglieder mit FuE-Abteilung", value=38, unit="%"),
            WbIndicator(factor=factors[-1], name="Presseberichte", value=24, unit="Anzahl"),
        ]
    )
    WbMeasure.objects.bulk_create(
        WbMeasure(
            wissensbilanz=statement,
            factor=factor,
            title=title,
            owner=owner,
            deadline=today + datetime.timedelta(days=days),
        )
        for factor, title, owner, days in (
            (factors[1], "Moderationsschulung für das Managementteam", "Geschäftsführung", 90),
            (factors[4], "Matchmaking-Format für KMU und Institute", "Projektmanagerin", 150),
            (factors[-1], "Pressearbeit mit Mitgliedsgeschichten", "Kommunikation", 60),
        )
    )
    survey = member_surveys.create_survey(
        initiative,
        title="Mitgliederbefragung",
        description="Jährliche Befragung zu Zufriedenheit, Zusammenarbeit und Nutzen.",
    )
    waves = [
        SurveyWave.objects.create(
            survey=survey,
            label=str(today.year - 1),
            opens=datetime.date(today.year - 1, 10, 1),
            closes=datetime.date(today.year - 1, 10, 31),
        ),
        SurveyWave.objects.create(
            survey=survey,
            label=str(today.year),
            opens=today - datetime.timedelta(days=10),
            closes=today + datetime.timedelta(days=20),
        ),
    ]
    answers = []
    for wave, respondents, shift in ((waves[0], 12, 0), (waves[1], 9, 1)):
        for question in survey.questions.all():
            for _respondent in range(respondents):
                if question.kind == "scale":
                    number = min(5, max(1, rng.choice([2, 3, 3, 4, 4, 5]) + rng.choice([0, shift])))
                    answers.append(SurveyAnswer(wave=wave, question=question, number=number))
                else:
                    choice = rng.choice(question.choices[:3])
                    answers.append(SurveyAnswer(wave=wave, question=question, choice=choice))
    SurveyAnswer.objects.bulk_create(answers)
