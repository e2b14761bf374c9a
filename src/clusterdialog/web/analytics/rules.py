"""Permissions of the analytics app (datasets of official statistics, observation)."""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.rules import (
    is_agency_staff,
    is_analyst,
    is_signed_in,
    is_state_admin,
)
from clusterdialog.web.directory.rules import is_published, manages_initiative

__all__ = ["uploaded_dataset"]


@rules.predicate
def uploaded_dataset(user, dataset) -> bool:
    """The user uploaded the dataset."""
    return bool(dataset is not None and user.is_authenticated and dataset.uploaded_by_id == user.pk)


rules.add_perm("analytics.view_dataset", is_signed_in)
rules.add_perm("analytics.add_dataset", is_state_admin | is_analyst | is_agency_staff)
rules.add_perm("analytics.change_dataset", is_state_admin | uploaded_dataset)
# The observation of official statistics is public for published initiatives.
rules.add_perm("analytics.view_observation", is_published | is_state_admin | manages_initiative)
