"""Every page of the dialogue either is public or sends anonymous visitors to sign in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import (
    Comment,
    Consultation,
    EventDocument,
    Invitation,
    Post,
    PostAttachment,
)
from tests.web.dialogue.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

PUBLIC = {"index", "event_list", "event_detail", "event_ical"}


def _dialogue_patterns():
    (resolver,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and getattr(p, "namespace", None) == "dialogue"
    ]
    return [p for p in resolver.url_patterns if isinstance(p, URLPattern)]


@pytest.fixture
def records(make_event, users):
    admin = users[Role.STATE_ADMIN]
    event = make_event()
    services.register(event, users[Role.MEMBER])
    document = EventDocument.objects.create(
        event=event,
        title="Folien",
        file=upload("f.pdf", pdf_bytes()),
        original_name="f.pdf",
        extension="pdf",
        size=len(pdf_bytes()),
        uploaded_by=admin,
    )
    post = Post.objects.create(author=admin, kind="question", title="Frage", body="?")
    comment = Comment.objects.create(post=post, author=admin, body="!")
    attachment = PostAttachment.objects.create(
        post=post,
        title="A",
        file=upload("a.pdf", pdf_bytes()),
        original_name="a.pdf",
        extension="pdf",
        size=len(pdf_bytes()),
        uploaded_by=admin,
    )
    invitation = Invitation.objects.create(event=event, user=users[Role.MEMBER])
    consultation = Consultation.objects.create(
        title="K",
        question="?",
        created_by=admin,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
    )
    return {
        "event": event,
        "document": document,
        "post": post,
        "comment": comment,
        "attachment": attachment,
        "invitation": invitation,
        "consultation": consultation,
    }


def _kwargs(pattern, records) -> dict:
    name = pattern.name
    keys = set(pattern.pattern.regex.groupindex)
    kwargs = {}
    if "pk" in keys:
        if name.startswith("event"):
            kwargs["pk"] = records["event"].pk
        elif name.startswith(("post", "attachment")) or name == "comment_create":
            kwargs["pk"] = records["post"].pk
        elif name.startswith("comment"):
            kwargs["pk"] = records["comment"].pk
        elif name.startswith("invitation"):
            kwargs["pk"] = records["invitation"].pk
        else:
            kwargs["pk"] = records["consultation"].pk
    if "document" in keys:
        kwargs["document"] = records["document"].pk
    if "attachment" in keys:
        kwargs["attachment"] = records["attachment"].pk
    if "fmt" in keys:
        kwargs["fmt"] = "csv"
    return kwargs


def test_non_public_pages_refuse_anonymous_visitors(client, records):
    checked = set()
    for pattern in _dialogue_patterns():
        url = reverse(f"dialogue:{pattern.name}", kwargs=_kwargs(pattern, records))
        response = client.get(url)
        post = client.post(url)
        if pattern.name in PUBLIC:
            assert response.status_code == 200, url
        else:
            for answer in (response, post):
                assert answer.status_code in (302, 405), (url, answer.status_code)
                if answer.status_code == 302:
                    assert answer.url.startswith("/konto/anmelden/"), url
            assert 302 in (response.status_code, post.status_code), url
        checked.add(pattern.name)
    assert len(checked) >= 30


def test_every_page_renders_for_the_state_admin_in_both_languages(client, records, users):
    client.force_login(users[Role.STATE_ADMIN])
    for language in ("de", "en"):
        for pattern in _dialogue_patterns():
            url = reverse(f"dialogue:{pattern.name}", kwargs=_kwargs(pattern, records))
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code in (200, 405), (url, response.status_code)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                assert f'<html lang="{language}">' in response.content.decode(), url
