"""Queries of the directory used by views, the API and other apps."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterdialog.web.directory.models import Initiative, Organisation, Region, RegionLevel

__all__ = ["public_figures", "visible_initiatives", "visible_organisations"]


def visible_initiatives(user) -> QuerySet[Initiative]:
    """Initiatives ``user`` may see: published ones, plus all for the state administrator
    and the unpublished ones she manages."""
    queryset = Initiative.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.publish_initiative"):
            return queryset
        return queryset.filter(published=True) | queryset.filter(managers=user)
    return queryset.filter(published=True)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may see (published, or own, or all for the administrator)."""
    queryset = Organisation.objects.all()
    if user is not None and user.is_authenticated:
        if user.has_perm("directory.delete_organisation"):
            return queryset
        return queryset.filter(published=True) | queryset.filter(representatives=user)
    return queryset.filter(published=True)


def public_figures() -> dict[str, int]:
    """Counts for the home page: published initiatives and organisations, Kreise."""
    return {
        "initiatives": Initiative.objects.filter(published=True).count(),
        "organisations": Organisation.objects.filter(published=True).count(),
        "kreise": Region.objects.filter(level=RegionLevel.KREIS).count(),
    }
