"""Permissions of the directory, declared once and checked by views and API alike.

* Everybody sees published initiatives and organisations; the state
  administrator sees all, managers their own unpublished initiatives,
  representatives their own unpublished organisation.
* Cluster managers edit the initiatives they manage (not others'), their
  memberships and contact persons; member representatives edit the profile and
  the contact persons of the organisation they represent.
* The state administrator edits everything, publishes and unpublishes, deletes,
  assigns managers and representatives, and imports records.
* Cluster managers may register a new initiative (unpublished until the state
  administrator publishes it; the registering manager becomes its manager);
  agency staff and cluster managers may add organisations (e.g. a new member).
"""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.rules import (
    is_agency_staff,
    is_cluster_manager,
    is_signed_in,
    is_state_admin,
)

__all__ = [
    "contact_is_own",
    "is_published",
    "manages_initiative",
    "manages_membership_initiative",
    "owns_contact_holder",
    "represents_organisation",
]


def _has_user(related_manager_owner, attribute: str, user) -> bool:
    """Whether ``user`` is among ``owner.<attribute>``, using a prefetched list if there is one."""
    cache = getattr(related_manager_owner, "_prefetched_objects_cache", {})
    if attribute in cache:
        return any(member.pk == user.pk for member in cache[attribute])
    return getattr(related_manager_owner, attribute).filter(pk=user.pk).exists()


@rules.predicate
def is_published(user, obj) -> bool:
    """The record is published (visible to everybody)."""
    return bool(obj is not None and getattr(obj, "published", False))


@rules.predicate
def manages_initiative(user, initiative) -> bool:
    """The user is one of the initiative's cluster managers."""
    if initiative is None or not user.is_authenticated or initiative.pk is None:
        return False
    return _has_user(initiative, "managers", user)


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    """The user represents the organisation (its member representative)."""
    if organisation is None or not user.is_authenticated or organisation.pk is None:
        return False
    return _has_user(organisation, "representatives", user)


@rules.predicate
def manages_membership_initiative(user, obj) -> bool:
    """For a membership (or an initiative): the user manages the initiative concerned."""
    if obj is None or not user.is_authenticated:
        return False
    initiative = getattr(obj, "initiative", obj)
    if initiative is None or initiative.pk is None:
        return False
    return _has_user(initiative, "managers", user)


@rules.predicate
def contact_is_own(user, contact) -> bool:
    """The contact person belongs to an initiative the user manages or an organisation
    the user represents."""
    if contact is None or not user.is_authenticated:
        return False
    if contact.initiative_id and _has_user(contact.initiative, "managers", user):
        return True
    return bool(
        contact.organisation_id and _has_user(contact.organisation, "representatives", user)
    )


@rules.predicate
def owns_contact_holder(user, holder) -> bool:
    """``holder`` (an initiative or an organisation) is the user's own: she manages the
    initiative or represents the organisation."""
    if holder is None or not user.is_authenticated or holder.pk is None:
        return False
    if hasattr(holder, "managers"):
        return _has_user(holder, "managers", user)
    return _has_user(holder, "representatives", user)


rules.add_perm("directory.view_initiative", is_published | is_state_admin | manages_initiative)
rules.add_perm("directory.add_initiative", is_state_admin | is_cluster_manager)
rules.add_perm("directory.change_initiative", is_state_admin | manages_initiative)
rules.add_perm("directory.publish_initiative", is_state_admin)
rules.add_perm("directory.assign_managers", is_state_admin)
rules.add_perm("directory.delete_initiative", is_state_admin)
rules.add_perm("directory.view_initiative_history", is_state_admin | manages_initiative)

rules.add_perm(
    "directory.view_organisation", is_published | is_state_admin | represents_organisation
)
rules.add_perm("directory.add_organisation", is_state_admin | is_agency_staff | is_cluster_manager)
rules.add_perm("directory.change_organisation", is_state_admin | represents_organisation)
rules.add_perm("directory.publish_organisation", is_state_admin)
rules.add_perm("directory.assign_representatives", is_state_admin)
rules.add_perm("directory.delete_organisation", is_state_admin)
rules.add_perm("directory.view_organisation_history", is_state_admin | represents_organisation)

rules.add_perm("directory.manage_memberships", is_state_admin | manages_membership_initiative)
rules.add_perm("directory.add_membership", is_state_admin | manages_membership_initiative)
rules.add_perm("directory.change_membership", is_state_admin | manages_membership_initiative)
rules.add_perm("directory.delete_membership", is_state_admin | manages_membership_initiative)

rules.add_perm("directory.manage_contacts", is_state_admin | owns_contact_holder)
rules.add_perm("directory.add_contactperson", is_state_admin | owns_contact_holder)
rules.add_perm("directory.view_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.change_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.delete_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.export_contactperson", is_state_admin | contact_is_own)

rules.add_perm("directory.import_records", is_state_admin)
rules.add_perm("directory.export_records", is_signed_in)
rules.add_perm("directory.export_unpublished", is_state_admin)
