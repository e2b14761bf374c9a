"""Knowledge exchange: queries and changes of posts, comments and attachments."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from clusterdialog.web.dialogue.models import Comment, Post, PostAttachment, Tag
from clusterdialog.web.dialogue.tags import TOPIC_TAGS
from clusterdialog.web.dialogue.uploads import check_document

__all__ = [
    "ensure_topic_tags",
    "visible_posts",
    "post_list",
    "visible_comments",
    "create_post",
    "add_attachment",
    "set_hidden",
    "toggle_helpful",
]


def ensure_topic_tags() -> int:
    """Create the seeded topic tags that are missing; return how many were created."""
    created = 0
    for slug, name_de, name_en in TOPIC_TAGS:
        _, new = Tag.objects.get_or_create(
            slug=slug, defaults={"name_de": name_de, "name_en": name_en}
        )
        created += new
    return created


def visible_posts(user) -> QuerySet[Post]:
    """Posts ``user`` may read: none for anonymous users; hidden posts only for the state
    administrator and their authors."""
    if user is None or not user.is_authenticated:
        return Post.objects.none()
    if user.has_perm("dialogue.moderate_post"):
        return Post.objects.all()
    return Post.objects.filter(Q(hidden=False) | Q(author=user))


def post_list(
    user, *, query: str = "", tag: str = "", kind: str = "", order: str = "newest"
) -> QuerySet[Post]:
    """The post list: search in title and text, filter by topic tag (slug) and kind,
    with author, tags and the numbers of visible comments and helpful answers."""
    queryset = visible_posts(user)
    if query:
        for word in query.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if tag:
        queryset = queryset.filter(tags__slug=tag)
    if kind:
        queryset = queryset.filter(kind=kind)
    queryset = queryset.select_related("author").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name_de"))
    )
    queryset = queryset.annotate(
        comment_count=Count("comments", filter=Q(comments__hidden=False), distinct=True),
        helpful_count=Count(
            "comments", filter=Q(comments__hidden=False, comments__helpful=True), distinct=True
        ),
    )
    return queryset.order_by("-created", "-id")


def visible_comments(post: Post, user) -> QuerySet[Comment]:
    """Comments of a post ``user`` may read (hidden ones for the administrator and their
    authors only)."""
    queryset = post.comments.select_related("author")
    if user.has_perm("dialogue.moderate_comment"):
        return queryset
    return queryset.filter(Q(hidden=False) | Q(author=user))


def create_post(author, *, kind: str, title: str, body: str, tags=(), uploads=()) -> Post:
    """Create a post with tags and attachments (each checked) in one transaction."""
    for upload in uploads:
        check_document(upload)
    with transaction.atomic():
        post = Post.objects.create(author=author, kind=kind, title=title, body=body)
        post.tags.set(tags)
        for upload in uploads:
            add_attachment(post, upload, author)
    return post


def add_attachment(post: Post, upload, user, *, title: str = "") -> PostAttachment:
    """Check an uploaded file (type by extension and content, size) and attach it."""
    extension = check_document(upload)
    return PostAttachment.objects.create(
        post=post,
        title=title or upload.name[:255],
        file=upload,
        original_name=upload.name[:255],
        extension=extension,
        size=upload.size,
        uploaded_by=user,
    )


def set_hidden(obj: Post | Comment, hidden: bool, by) -> None:
    """Hide or show a post or comment (moderation)."""
    obj.hidden = hidden
    if isinstance(obj, Post):
        obj.hidden_by = by if hidden else None
        obj.hidden_at = timezone.now() if hidden else None
        obj.save(update_fields=["hidden", "hidden_by", "hidden_at", "updated"])
    else:
        obj.save(update_fields=["hidden", "updated"])


def toggle_helpful(comment: Comment) -> bool:
    """Switch the helpful mark of an answer; return the new state."""
    comment.helpful = not comment.helpful
    comment.save(update_fields=["helpful", "updated"])
    return comment.helpful
