"""Role predicates (django-rules), the building blocks of every app's permissions.

Apps declare their permissions in their own ``rules.py`` with these predicates,
and views and API endpoints check them with ``user.has_perm(name, obj)``.
"""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.models import Role

__all__ = [
    "is_state_admin",
    "is_agency_staff",
    "is_cluster_manager",
    "is_member_representative",
    "is_analyst",
    "is_signed_in",
    "has_role",
]


def has_role(*roles: str) -> rules.Predicate:
    """A predicate true for signed-in, active users with one of ``roles``."""

    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return predicate


is_signed_in = rules.is_authenticated & rules.is_active
is_state_admin = has_role(Role.STATE_ADMIN) | rules.is_superuser
is_agency_staff = has_role(Role.AGENCY)
is_cluster_manager = has_role(Role.MANAGER)
is_member_representative = has_role(Role.MEMBER)
is_analyst = has_role(Role.ANALYST)

rules.add_perm("accounts.manage_users", is_state_admin)
