"""Permissions of the monitoring app, checked by views and API alike.

Raw KPI values, targets, self-assessments and Wissensbilanz records belong to the
initiative: its cluster managers and the state administrator see them, nobody
else.  Peer comparisons only ever show aggregates (``monitoring.view_benchmark``
is about the own initiative's page).  Objects passed to the predicates may be an
initiative or any record that leads to one (report, value, assessment, statement,
factor, survey, wave).
"""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.rules import is_state_admin
from clusterdialog.web.directory.models import Initiative

__all__ = [
    "initiative_of",
    "manages_initiative_of",
    "report_is_editable",
    "report_is_submitted",
    "member_of_survey_initiative",
]


def initiative_of(obj):
    """The initiative a monitoring record belongs to (or the object itself).

    Reports, targets, assessments, statements and surveys point to their
    initiative; values, evidence, factors, ratings, measures, questions, waves
    and answers point to one of those.
    """
    if obj is None or isinstance(obj, Initiative):
        return obj
    if getattr(obj, "initiative_id", None) is not None:
        return obj.initiative
    for parent in ("report", "assessment", "wissensbilanz", "factor", "wave", "survey"):
        if getattr(obj, f"{parent}_id", None) is not None:
            return initiative_of(getattr(obj, parent))
    return None


@rules.predicate
def manages_initiative_of(user, obj) -> bool:
    """The user is a cluster manager of the initiative the record belongs to."""
    if obj is None or not user.is_authenticated:
        return False
    initiative = initiative_of(obj)
    return initiative is not None and initiative.managers.filter(pk=user.pk).exists()


@rules.predicate
def report_is_editable(user, report) -> bool:
    """The report is a draft or was returned for revision."""
    return report is not None and getattr(report, "editable", False)


@rules.predicate
def report_is_submitted(user, report) -> bool:
    """The report waits for review."""
    return report is not None and getattr(report, "status", None) == "submitted"


@rules.predicate
def member_of_survey_initiative(user, obj) -> bool:
    """The user represents an organisation that is a current member of the initiative."""
    if obj is None or not user.is_authenticated:
        return False
    from clusterdialog.web.monitoring.services import represents_current_member

    return represents_current_member(user, initiative_of(obj))


owner = is_state_admin | manages_initiative_of

# KPI catalogue and periods.
rules.add_perm("monitoring.view_kpi", rules.always_allow)
rules.add_perm("monitoring.change_kpi", is_state_admin)
rules.add_perm("monitoring.manage_periods", is_state_admin)

# Reports (object: initiative for view/add, report otherwise).
rules.add_perm("monitoring.view_report", owner)
rules.add_perm("monitoring.add_report", owner)
rules.add_perm("monitoring.change_report", manages_initiative_of & report_is_editable)
rules.add_perm("monitoring.submit_report", manages_initiative_of & report_is_editable)
rules.add_perm("monitoring.review_report", is_state_admin & report_is_submitted)
rules.add_perm("monitoring.view_report_history", owner)

# Targets and dashboards of one initiative.
rules.add_perm("monitoring.view_dashboard", owner)
rules.add_perm("monitoring.change_target", owner)
rules.add_perm("monitoring.view_benchmark", owner)
rules.add_perm("monitoring.export_initiative", owner)

# The ministry's portfolio of all initiatives.
rules.add_perm("monitoring.view_portfolio", is_state_admin)
rules.add_perm("monitoring.export_portfolio", is_state_admin)

# Self-assessment.
rules.add_perm("monitoring.view_assessment", owner)
rules.add_perm("monitoring.change_assessment", owner)
rules.add_perm("monitoring.configure_assessment", is_state_admin)

# Wissensbilanz.
rules.add_perm("monitoring.view_wissensbilanz", owner)
rules.add_perm("monitoring.change_wissensbilanz", owner)

# Member surveys: the initiative manages them and sees aggregated results; members answer.
rules.add_perm("monitoring.manage_survey", owner)
rules.add_perm("monitoring.view_survey_results", owner)
rules.add_perm("monitoring.answer_survey", member_of_survey_initiative)
