"""Permissions of the directory, declared once and checked by views and API alike."""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.rules import (
    is_agency_staff,
    is_cluster_manager,
    is_signed_in,
    is_state_admin,
)

__all__ = [
    "manages_initiative",
    "represents_organisation",
    "is_published",
    "manages_membership_initiative",
    "contact_is_own",
]


@rules.predicate
def is_published(user, obj) -> bool:
    """The record is published (visible to everybody)."""
    return bool(obj is not None and getattr(obj, "published", False))


@rules.predicate
def manages_initiative(user, initiative) -> bool:
    """The user is one of the initiative's cluster managers."""
    if initiative is None or not user.is_authenticated:
        return False
    return initiative.managers.filter(pk=user.pk).exists()


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    """The user represents the organisation (its member representative)."""
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def manages_membership_initiative(user, obj) -> bool:
    """For a membership (or an initiative): the user manages the initiative concerned."""
    if obj is None or not user.is_authenticated:
        return False
    initiative = getattr(obj, "initiative", obj)
    return initiative.managers.filter(pk=user.pk).exists()


@rules.predicate
def contact_is_own(user, contact) -> bool:
    """The contact person belongs to an initiative the user manages or an organisation
    the user represents."""
    if contact is None or not user.is_authenticated:
        return False
    if contact.initiative_id and contact.initiative.managers.filter(pk=user.pk).exists():
        return True
    return bool(
        contact.organisation_id and contact.organisation.representatives.filter(pk=user.pk).exists()
    )


can_register = is_state_admin | is_agency_staff | is_cluster_manager

rules.add_perm("directory.view_initiative", is_published | is_state_admin | manages_initiative)
rules.add_perm("directory.add_initiative", can_register)
rules.add_perm("directory.change_initiative", is_state_admin | manages_initiative)
rules.add_perm("directory.publish_initiative", is_state_admin)
rules.add_perm("directory.delete_initiative", is_state_admin)
rules.add_perm("directory.view_initiative_history", is_state_admin | manages_initiative)

rules.add_perm(
    "directory.view_organisation", is_published | is_state_admin | represents_organisation
)
rules.add_perm("directory.add_organisation", can_register)
rules.add_perm("directory.change_organisation", is_state_admin | represents_organisation)
rules.add_perm("directory.delete_organisation", is_state_admin)
rules.add_perm("directory.view_organisation_history", is_state_admin | represents_organisation)

rules.add_perm("directory.add_membership", is_state_admin | manages_membership_initiative)
rules.add_perm("directory.change_membership", is_state_admin | manages_membership_initiative)
rules.add_perm("directory.delete_membership", is_state_admin | manages_membership_initiative)

rules.add_perm("directory.view_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.change_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.delete_contactperson", is_state_admin | contact_is_own)
rules.add_perm("directory.export_contactperson", is_state_admin | contact_is_own)

rules.add_perm("directory.import_records", is_state_admin)
rules.add_perm("directory.export_records", is_signed_in)
