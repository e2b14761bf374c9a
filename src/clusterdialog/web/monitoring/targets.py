"""Targets of an initiative per indicator and year (with history)."""

from __future__ import annotations

from django.db import transaction

from clusterdialog.web.directory.models import Initiative
from clusterdialog.web.monitoring.models import Kpi, KpiTarget

__all__ = ["existing_targets", "save_targets"]


def existing_targets(initiative: Initiative, years) -> dict:
    """``{(kpi_key, year): value}`` of the initiative's targets in ``years``."""
    return {
        (key, year): value
        for key, year, value in KpiTarget.objects.filter(
            initiative=initiative, year__in=list(years)
        ).values_list("kpi__key", "year", "value")
    }


@transaction.atomic
def save_targets(initiative: Initiative, targets: dict, user) -> int:
    """Store ``{(kpi_key, year): value or None}``; ``None`` deletes a target.

    Returns the number of targets created, changed or deleted.
    """
    kpis = {kpi.key: kpi for kpi in Kpi.objects.filter(key__in={k for k, _y in targets})}
    current = {
        (target.kpi.key, target.year): target
        for target in KpiTarget.objects.filter(initiative=initiative).select_related("kpi")
    }
    changed = 0
    for (key, year), value in targets.items():
        target = current.get((key, year))
        if value is None:
            if target is not None:
                target._history_user = user
                target.delete()
                changed += 1
            continue
        if target is None:
            target = KpiTarget(initiative=initiative, kpi=kpis[key], year=year)
        elif target.value == float(value):
            continue
        target.value = float(value)
        target._history_user = user
        target.save()
        changed += 1
    return changed
