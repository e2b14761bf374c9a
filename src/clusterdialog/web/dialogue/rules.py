"""Permissions of the dialogue app, declared once and checked by views and API alike.

Events: everybody sees published events; the state administrator organises the
Cluster-Dialog meetings and may change every event; cluster managers organise
their initiatives' events (the organiser and the initiative's managers may change
them, see the registrations, mark attendance, upload minutes and documents,
invite).  Knowledge exchange: signed-in users read, post and comment; authors
edit their own; the state administrator hides posts and comments.
Consultations: the state administrator consults everybody or an event's
participants, a cluster manager her initiative's members or her event's
participants; each participant answers once; the result is shown to the
participants after closing and to the organisers at any time.
"""

from __future__ import annotations

import rules

from clusterdialog.web.accounts.rules import is_cluster_manager, is_signed_in, is_state_admin
from clusterdialog.web.directory.rules import manages_initiative

__all__ = [
    "organises_event",
    "event_is_published",
    "is_author",
    "is_visible_post",
    "asked_the_question",
    "organises_consultation",
    "is_consulted",
    "consultation_is_closed",
]


@rules.predicate
def event_is_published(user, event) -> bool:
    """The event is published, and so is its initiative if it has one (visible to all)."""
    if event is None or not event.published:
        return False
    return event.initiative_id is None or event.initiative.published


@rules.predicate
def organises_event(user, event) -> bool:
    """The user organises the event or manages the initiative holding it."""
    if event is None or not user.is_authenticated:
        return False
    if event.organiser_id == user.pk:
        return True
    return bool(event.initiative_id and event.initiative.managers.filter(pk=user.pk).exists())


@rules.predicate
def is_author(user, obj) -> bool:
    """The user wrote the post or comment."""
    return bool(obj is not None and user.is_authenticated and obj.author_id == user.pk)


@rules.predicate
def is_visible_post(user, post) -> bool:
    """The post (or the comment's post) is not hidden by the moderation."""
    if post is None:
        return False
    post = getattr(post, "post", post)
    return not post.hidden


@rules.predicate
def asked_the_question(user, comment) -> bool:
    """For a comment: the user asked the question it answers."""
    if comment is None or not user.is_authenticated:
        return False
    post = comment.post
    return post.kind == "question" and post.author_id == user.pk


@rules.predicate
def organises_consultation(user, consultation) -> bool:
    """The user created the consultation, or manages its initiative, or organises its event."""
    if consultation is None or not user.is_authenticated:
        return False
    if consultation.created_by_id == user.pk:
        return True
    if consultation.initiative_id and consultation.initiative.managers.filter(pk=user.pk).exists():
        return True
    return bool(consultation.event_id and organises_event(user, consultation.event))


@rules.predicate
def is_consulted(user, consultation) -> bool:
    """The user belongs to the consultation's participants."""
    from clusterdialog.web.dialogue.consultations import is_participant

    return consultation is not None and is_participant(user, consultation)


@rules.predicate
def consultation_is_closed(user, consultation) -> bool:
    return consultation is not None and consultation.is_closed()


can_see_event = event_is_published | is_state_admin | organises_event
can_organise_event = is_state_admin | organises_event

rules.add_perm("dialogue.view_event", can_see_event)
rules.add_perm("dialogue.add_event", is_state_admin | is_cluster_manager)
rules.add_perm("dialogue.organise_cluster_dialog", is_state_admin)
rules.add_perm("dialogue.organise_for_initiative", is_state_admin | manages_initiative)
rules.add_perm("dialogue.change_event", can_organise_event)
rules.add_perm("dialogue.delete_event", can_organise_event)
rules.add_perm("dialogue.manage_registrations", can_organise_event)
rules.add_perm("dialogue.invite_to_event", can_organise_event)
rules.add_perm("dialogue.add_eventdocument", can_organise_event)
rules.add_perm("dialogue.view_eventdocument", is_signed_in & can_see_event)
rules.add_perm("dialogue.register_for_event", is_signed_in & event_is_published)

rules.add_perm("dialogue.view_post", is_signed_in & (is_visible_post | is_state_admin | is_author))
rules.add_perm("dialogue.add_post", is_signed_in)
rules.add_perm("dialogue.change_post", is_signed_in & is_author)
rules.add_perm("dialogue.moderate_post", is_state_admin)
rules.add_perm("dialogue.add_comment", is_signed_in & is_visible_post)
rules.add_perm("dialogue.change_comment", is_signed_in & is_author)
rules.add_perm("dialogue.moderate_comment", is_state_admin)
rules.add_perm("dialogue.mark_helpful", asked_the_question)
rules.add_perm("dialogue.add_postattachment", is_signed_in & is_author)

rules.add_perm("dialogue.add_consultation", is_state_admin | is_cluster_manager)
rules.add_perm("dialogue.consult_everybody", is_state_admin)
rules.add_perm("dialogue.change_consultation", is_state_admin | organises_consultation)
rules.add_perm(
    "dialogue.view_consultation",
    is_signed_in & (is_state_admin | organises_consultation | is_consulted),
)
rules.add_perm("dialogue.participate_in_consultation", is_signed_in & is_consulted)
rules.add_perm(
    "dialogue.view_consultation_result",
    is_signed_in
    & (is_state_admin | organises_consultation | (is_consulted & consultation_is_closed)),
)
rules.add_perm("dialogue.export_consultation_result", is_state_admin | organises_consultation)
