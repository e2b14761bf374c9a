"""Knowledge exchange: who reads, posts, comments, edits, moderates; search and topics."""

from __future__ import annotations

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue.markup import render_markup
from clusterdialog.web.dialogue.models import Comment, Post, PostKind, Tag

pytestmark = pytest.mark.django_db


def _post(author, title="Frage zur Finanzierung", kind=PostKind.QUESTION, body="Wie?", tags=()):
    post = Post.objects.create(author=author, title=title, kind=kind, body=body)
    post.tags.set(tags)
    return post


def test_the_topic_tags_are_seeded():
    names = set(Tag.objects.values_list("name_de", flat=True))
    assert len(names) == 12
    assert {"Mitgliedergewinnung", "Clustermanagement-Exzellenz", "Fachkräfte"} <= names


def test_knowledge_exchange_needs_sign_in(client, users):
    post = _post(users[Role.MANAGER])
    for url in ("/dialog/austausch/", "/dialog/austausch/neu/", f"/dialog/austausch/{post.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/konto/anmelden/")


def test_signed_in_users_post_with_topics(client, users, tags):
    client.force_login(users[Role.MEMBER])
    finance = Tag.objects.get(slug="finanzierung")
    response = client.post(
        "/dialog/austausch/neu/",
        {
            "kind": "question",
            "title": "Beiträge für Start-ups?",
            "body": "Wer hat Erfahrung?",
            "tags": [finance.pk],
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response.url == f"/dialog/austausch/{post.pk}/"
    assert post.author == users[Role.MEMBER]
    assert list(post.tags.all()) == [finance]


def test_authors_edit_their_own_posts_only(client, users, make_user):
    post = _post(users[Role.MANAGER])
    client.force_login(make_user(Role.MANAGER))
    assert client.get(f"/dialog/austausch/{post.pk}/bearbeiten/").status_code == 403
    response = client.post(
        f"/dialog/austausch/{post.pk}/bearbeiten/",
        {"kind": "question", "title": "Übernommen", "body": "x"},
    )
    assert response.status_code == 403
    client.force_login(users[Role.STATE_ADMIN])  # moderates, but does not rewrite
    assert client.get(f"/dialog/austausch/{post.pk}/bearbeiten/").status_code == 403
    client.force_login(users[Role.MANAGER])
    client.post(
        f"/dialog/austausch/{post.pk}/bearbeiten/",
        {"kind": "question", "title": "Frage zur Grundfinanzierung", "body": "Wie genau?"},
    )
    post.refresh_from_db()
    assert post.title == "Frage zur Grundfinanzierung"


def test_state_admin_hides_a_post_which_then_is_gone_for_others(client, users, make_user):
    author = users[Role.MANAGER]
    post = _post(author, title="Werbung für Produkt X")
    reader = make_user(Role.MEMBER)
    client.force_login(reader)
    assert client.post(f"/dialog/austausch/{post.pk}/ausblenden/").status_code == 403
    client.force_login(users[Role.STATE_ADMIN])
    client.post(f"/dialog/austausch/{post.pk}/ausblenden/")
    post.refresh_from_db()
    assert post.hidden and post.hidden_by == users[Role.STATE_ADMIN]
    client.force_login(reader)
    assert client.get(f"/dialog/austausch/{post.pk}/").status_code == 404
    assert "Werbung" not in client.get("/dialog/austausch/").content.decode()
    client.force_login(author)  # the author still sees it, marked hidden
    assert client.get(f"/dialog/austausch/{post.pk}/").status_code == 200
    client.force_login(users[Role.STATE_ADMIN])  # and the moderation shows it again
    client.post(f"/dialog/austausch/{post.pk}/ausblenden/")
    client.force_login(reader)
    assert client.get(f"/dialog/austausch/{post.pk}/").status_code == 200


def test_comments_are_written_edited_by_their_author_and_hidden_by_the_admin(
    client, users, make_user
):
    post = _post(users[Role.MANAGER])
    commenter = make_user(Role.AGENCY)
    client.force_login(commenter)
    client.post(f"/dialog/austausch/{post.pk}/kommentieren/", {"body": "Gestaffelte Beiträge."})
    comment = Comment.objects.get()
    assert comment.author == commenter
    client.force_login(users[Role.MEMBER])
    assert client.get(f"/dialog/kommentare/{comment.pk}/bearbeiten/").status_code == 403
    assert client.post(f"/dialog/kommentare/{comment.pk}/ausblenden/").status_code == 403
    client.force_login(commenter)
    client.post(f"/dialog/kommentare/{comment.pk}/bearbeiten/", {"body": "Nach Mitarbeiterzahl."})
    comment.refresh_from_db()
    assert comment.body == "Nach Mitarbeiterzahl."
    client.force_login(users[Role.STATE_ADMIN])
    client.post(f"/dialog/kommentare/{comment.pk}/ausblenden/")
    client.force_login(users[Role.MEMBER])
    page = client.get(f"/dialog/austausch/{post.pk}/").content.decode()
    assert "Nach Mitarbeiterzahl." not in page


def test_hidden_posts_take_no_comments(client, users):
    post = _post(users[Role.MANAGER])
    post.hidden = True
    post.save()
    client.force_login(users[Role.MEMBER])
    assert (
        client.post(f"/dialog/austausch/{post.pk}/kommentieren/", {"body": "x"}).status_code == 404
    )
    assert not Comment.objects.exists()


def test_only_the_asker_marks_answers_helpful(client, users, make_user):
    asker = users[Role.MANAGER]
    question = _post(asker)
    answer = Comment.objects.create(post=question, author=users[Role.AGENCY], body="So geht es.")
    client.force_login(users[Role.AGENCY])
    assert client.post(f"/dialog/kommentare/{answer.pk}/hilfreich/").status_code == 403
    client.force_login(users[Role.STATE_ADMIN])
    assert client.post(f"/dialog/kommentare/{answer.pk}/hilfreich/").status_code == 403
    client.force_login(asker)
    client.post(f"/dialog/kommentare/{answer.pk}/hilfreich/")
    answer.refresh_from_db()
    assert answer.helpful
    # not for best-practice posts
    practice = _post(asker, kind=PostKind.BEST_PRACTICE)
    comment = Comment.objects.create(post=practice, author=users[Role.AGENCY], body="Gut.")
    assert client.post(f"/dialog/kommentare/{comment.pk}/hilfreich/").status_code == 403


def test_list_filters_by_topic_kind_and_search_words(client, users, tags):
    author = users[Role.MANAGER]
    finance = Tag.objects.get(slug="finanzierung")
    skills = Tag.objects.get(slug="fachkraefte")
    _post(author, "Sponsoring-Modelle", PostKind.BEST_PRACTICE, "Sponsoren gewinnen", [finance])
    _post(author, "Speeddating", PostKind.BEST_PRACTICE, "Studierende treffen Firmen", [skills])
    _post(author, "Beiträge?", PostKind.QUESTION, "Wie hoch sind Beiträge für Firmen", [finance])
    client.force_login(users[Role.MEMBER])

    def titles(query):
        page = client.get(f"/dialog/austausch/?{query}").content.decode()
        return {t for t in ("Sponsoring-Modelle", "Speeddating", "Beiträge?") if t in page}

    assert titles("thema=finanzierung") == {"Sponsoring-Modelle", "Beiträge?"}
    assert titles("art=question") == {"Beiträge?"}
    assert titles("q=firmen") == {"Speeddating", "Beiträge?"}
    assert titles("q=firmen+beiträge") == {"Beiträge?"}
    assert titles("q=firmen&thema=fachkraefte") == {"Speeddating"}


def test_post_text_is_escaped_never_html(client, users):
    post = _post(
        users[Role.MANAGER], body='<img src=x onerror="alert(1)"> [a](javascript:alert(2))'
    )
    client.force_login(users[Role.MEMBER])
    page = client.get(f"/dialog/austausch/{post.pk}/").content.decode()
    assert "<img" not in page and 'href="javascript' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_markup_lite_rules():
    assert str(render_markup("Absatz eins\n\nAbsatz *zwei*\nZeile")) == (
        "<p>Absatz eins</p><p>Absatz <em>zwei</em><br>Zeile</p>"
    )
    assert str(render_markup("Siehe https://example.org/a?b=1&c=2.")) == (
        '<p>Siehe <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">'
        "https://example.org/a?b=1&amp;c=2</a>.</p>"
    )
    assert str(render_markup('https://x.org/"onmouseover="alert(1)')) == (
        '<p><a href="https://x.org/" rel="nofollow noopener">https://x.org/</a>'
        "&quot;onmouseover=&quot;alert(1)</p>"
    )
    assert str(render_markup("**Ergebnis**\n- eins\n- zwei\nDanke")) == (
        "<p><strong>Ergebnis</strong></p><ul><li>eins</li><li>zwei</li></ul><p>Danke</p>"
    )
    assert "<a" not in str(render_markup("javascript:alert(1)"))
    assert str(render_markup("")) == ""
