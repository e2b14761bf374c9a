"""Keep stored observation runs in step with the initiatives' industries and regions."""

from __future__ import annotations

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from clusterdialog.web.directory.models import Initiative

__all__ = ["industries_or_regions_changed"]


@receiver(m2m_changed, sender=Initiative.industries.through)
@receiver(m2m_changed, sender=Initiative.regions.through)
def industries_or_regions_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Drop the initiative's stored runs; the next view computes a fresh one."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from clusterdialog.web.analytics.services import invalidate_runs

    if reverse:
        for initiative_id in pk_set or ():
            invalidate_runs(initiative_id)
    else:
        invalidate_runs(instance.pk)
