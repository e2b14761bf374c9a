"""Start-page panels of the directory, chosen by the user's role.

* cluster manager: "My initiatives" with links to edit them, their members and contacts;
* member representative: "My organisation";
* state administrator: unpublished initiatives to review, and the directory's counts;
* agency staff: the initiatives covering the Kreise of the agency's organisation.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Initiative, Membership, Organisation
from clusterdialog.web.directory.services import region_q

__all__ = ["panels"]

_SHOWN = 10


def _manager(user) -> dict:
    initiatives = list(
        Initiative.objects.filter(managers=user).order_by("name").only("slug", "name", "published")
    )
    return {
        "title": _("My initiatives"),
        "template": "directory/start/manager.html",
        "context": {"initiatives": initiatives},
        "order": 10,
    }


def _member(user) -> dict:
    organisations = list(
        Organisation.objects.filter(representatives=user)
        .order_by("name")
        .only("slug", "name", "published")
    )
    return {
        "title": _("My organisation"),
        "template": "directory/start/member.html",
        "context": {"organisations": organisations},
        "order": 10,
    }


def _admin() -> dict:
    unpublished = Initiative.objects.filter(published=False).order_by("-created", "name")
    return {
        "title": _("Directory"),
        "template": "directory/start/admin.html",
        "context": {
            "to_review": list(unpublished.only("slug", "name", "created")[:_SHOWN]),
            "to_review_count": unpublished.count(),
            "initiatives": Initiative.objects.filter(published=True).count(),
            "organisations": Organisation.objects.count(),
            "memberships": Membership.objects.filter(until__isnull=True).count(),
        },
        "order": 10,
    }


def _agency(user) -> dict:
    regions = list(
        Organisation.objects.filter(representatives=user, region__isnull=False)
        .select_related("region")
        .values_list("region__code", "region__name")
        .distinct()
    )
    initiatives: list[Initiative] = []
    if regions:
        # initiatives covering the Kreis itself or the Bezirk/Land it lies in
        covering = Q()
        for code, _name in regions:
            for length in (2, 3, 5):
                covering |= Q(region__code=code[:length])
            covering |= region_q(code)
        rows = Initiative.regions.through.objects.filter(covering).values("initiative_id")
        initiatives = list(
            Initiative.objects.filter(published=True, pk__in=rows)
            .order_by("name")
            .only("slug", "name")[: _SHOWN * 2]
        )
    return {
        "title": _("Initiatives in your region"),
        "template": "directory/start/agency.html",
        "context": {"initiatives": initiatives, "regions": [name for _code, name in regions]},
        "order": 10,
    }


def panels(user) -> list[dict]:
    """The directory's panels for ``user``'s role (none for analysts)."""
    if not user.is_authenticated:
        return []
    if user.has_perm("directory.publish_initiative"):
        return [_admin()]
    if user.role == Role.MANAGER:
        return [_manager(user)]
    if user.role == Role.MEMBER:
        return [_member(user)]
    if user.role == Role.AGENCY:
        return [_agency(user)]
    return []
