"""Permissions of the networks app, declared once and checked by views and API alike.

* An initiative's network, gaps and value chain: its cluster managers, the
  state administrator, analysts and the representatives of its member
  organisations.
* An organisation's ego network: its representatives, the administrator,
  analysts and the managers of initiatives it belongs to; its partner
  recommendations: its representatives and the administrator.
* Joint projects: everybody sees published ones; the administrator and the
  representatives of a participating organisation change them.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from clusterdialog.web.accounts.rules import is_analyst, is_signed_in, is_state_admin
from clusterdialog.web.directory.models import Membership
from clusterdialog.web.directory.rules import manages_initiative, represents_organisation

__all__ = [
    "represents_member_of_initiative",
    "manages_initiative_of_organisation",
    "represents_any_organisation",
    "represents_project_participant",
    "project_is_published",
    "is_search_author_or_representative",
    "represents_introduction_target",
    "is_introduction_party",
    "current_memberships",
]


def current_memberships():
    """Memberships that have not ended (no end date, or one today or later)."""
    today = timezone.localdate()
    return Membership.objects.filter(until__isnull=True) | Membership.objects.filter(
        until__gte=today
    )


@rules.predicate
def represents_member_of_initiative(user, initiative) -> bool:
    """The user represents an organisation that is a current member of the initiative."""
    if initiative is None or not user.is_authenticated:
        return False
    return (
        current_memberships()
        .filter(initiative=initiative, organisation__representatives=user)
        .exists()
    )


@rules.predicate
def manages_initiative_of_organisation(user, organisation) -> bool:
    """The user manages an initiative of which the organisation is a current member."""
    if organisation is None or not user.is_authenticated:
        return False
    return (
        current_memberships().filter(organisation=organisation, initiative__managers=user).exists()
    )


@rules.predicate
def represents_any_organisation(user) -> bool:
    """The user represents at least one organisation."""
    return bool(user.is_authenticated and user.represented_organisations.exists())


@rules.predicate
def represents_project_participant(user, project) -> bool:
    """The user represents an organisation taking part in the project."""
    if project is None or not user.is_authenticated:
        return False
    return project.participations.filter(organisation__representatives=user).exists()


@rules.predicate
def project_is_published(user, project) -> bool:
    return bool(project is not None and project.published)


@rules.predicate
def is_search_author_or_representative(user, search) -> bool:
    """The user wrote the partner search or represents the searching organisation."""
    if search is None or not user.is_authenticated:
        return False
    if search.author_id == user.pk:
        return True
    return search.organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def represents_introduction_target(user, introduction) -> bool:
    """The user represents the organisation an introduction asks for."""
    if introduction is None or not user.is_authenticated:
        return False
    return introduction.target.representatives.filter(pk=user.pk).exists()


@rules.predicate
def is_introduction_requester(user, introduction) -> bool:
    return bool(
        introduction is not None and user.is_authenticated and introduction.requester_id == user.pk
    )


is_introduction_party = is_introduction_requester | represents_introduction_target

view_initiative_network = (
    is_state_admin | is_analyst | manages_initiative | represents_member_of_initiative
)

rules.add_perm("networks.view_initiative_network", view_initiative_network)
rules.add_perm(
    "networks.view_organisation_network",
    is_state_admin | is_analyst | represents_organisation | manages_initiative_of_organisation,
)
rules.add_perm("networks.view_recommendations", is_state_admin | represents_organisation)
rules.add_perm("networks.view_platform_network", is_state_admin | is_analyst)
rules.add_perm("networks.compute_platform_network", is_state_admin | is_analyst)

rules.add_perm(
    "networks.view_project", project_is_published | is_state_admin | represents_project_participant
)
rules.add_perm("networks.add_project", is_state_admin | represents_any_organisation)
rules.add_perm("networks.change_project", is_state_admin | represents_project_participant)
rules.add_perm("networks.delete_project", is_state_admin | represents_project_participant)
rules.add_perm("networks.import_projects", is_state_admin)

rules.add_perm("networks.view_partnersearch", is_signed_in)
rules.add_perm("networks.add_partnersearch", is_state_admin | represents_any_organisation)
rules.add_perm("networks.change_partnersearch", is_state_admin | is_search_author_or_representative)

rules.add_perm("networks.add_introduction", is_signed_in)
rules.add_perm("networks.view_introduction", is_state_admin | is_introduction_party)
rules.add_perm("networks.respond_introduction", represents_introduction_target)
