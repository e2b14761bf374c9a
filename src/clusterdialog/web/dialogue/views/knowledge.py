"""Knowledge exchange pages: posts with comments, topics, attachments, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialog.web.dialogue import knowledge
from clusterdialog.web.dialogue.forms import (
    AttachmentForm,
    CommentForm,
    PostFilterForm,
    PostForm,
)
from clusterdialog.web.dialogue.models import Comment, Post, PostAttachment, PostKind, Tag
from clusterdialog.web.dialogue.views.common import download, paginate, require, require_visible

__all__ = [
    "post_list",
    "post_create",
    "post_detail",
    "post_edit",
    "post_hide",
    "comment_create",
    "comment_edit",
    "comment_hide",
    "comment_helpful",
    "attachment_upload",
    "attachment_download",
]


def _post(pk: int) -> Post:
    return get_object_or_404(Post.objects.select_related("author"), pk=pk)


@login_required
def post_list(request: HttpRequest) -> HttpResponse:
    tags = list(Tag.objects.order_by("name_de"))
    form = PostFilterForm(request.GET or None, tags=tags)
    filters = form.cleaned_data if form.is_valid() else {}
    posts = knowledge.post_list(
        request.user,
        query=filters.get("q", ""),
        tag=filters.get("thema", ""),
        kind=filters.get("art", ""),
    )
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "dialogue/post_list.html",
        {
            "form": form,
            "page": paginate(request, posts, 20),
            "tags": tags,
            "current_tag": filters.get("thema", ""),
            "query": query.urlencode(),
        },
    )


@login_required
def post_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "dialogue.add_post")
    initial = {"kind": request.GET.get("art")} if request.GET.get("art") in PostKind.values else {}
    form = PostForm(request.POST or None, initial=initial)
    # prefixed: the attachment's own "title" must not shadow the post's title
    attachment_form = AttachmentForm(
        request.POST or None, request.FILES or None, prefix="attachment"
    )
    attachment_form.fields["file"].required = False
    if request.method == "POST" and form.is_valid() and attachment_form.is_valid():
        upload = attachment_form.cleaned_data.get("file")
        post = knowledge.create_post(
            request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            tags=form.cleaned_data["tags"],
            uploads=[upload] if upload else [],
        )
        messages.success(request, _("Your post has been published."))
        return redirect("dialogue:post_detail", pk=post.pk)
    return render(
        request,
        "dialogue/post_form.html",
        {"form": form, "attachment_form": attachment_form, "post": None},
    )


@login_required
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(pk)
    user = request.user
    require_visible(user, "dialogue.view_post", post)
    comments = list(knowledge.visible_comments(post, user))
    for comment in comments:
        comment.editable = comment.author_id == user.pk
    return render(
        request,
        "dialogue/post_detail.html",
        {
            "post": post,
            "tags": post.tags.all(),
            "comments": comments,
            "attachments": post.attachments.all(),
            "comment_form": CommentForm() if user.has_perm("dialogue.add_comment", post) else None,
            "attachment_form": (
                AttachmentForm() if user.has_perm("dialogue.add_postattachment", post) else None
            ),
            "may_edit": user.has_perm("dialogue.change_post", post),
            "may_moderate": user.has_perm("dialogue.moderate_post", post),
            "may_mark_helpful": post.kind == PostKind.QUESTION and post.author_id == user.pk,
        },
    )


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(pk)
    require_visible(request.user, "dialogue.view_post", post)
    require(request.user, "dialogue.change_post", post)
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        form.instance.edited = timezone.now()
        form.save()
        messages.success(request, _("Your post has been saved."))
        return redirect("dialogue:post_detail", pk=post.pk)
    return render(request, "dialogue/post_form.html", {"form": form, "post": post})


@login_required
@require_POST
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(pk)
    require(request.user, "dialogue.moderate_post", post)
    knowledge.set_hidden(post, not post.hidden, request.user)
    messages.success(
        request, _("The post is hidden.") if post.hidden else _("The post is visible again.")
    )
    return redirect("dialogue:post_detail", pk=post.pk)


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(pk)
    require_visible(request.user, "dialogue.view_post", post)
    require(request.user, "dialogue.add_comment", post)
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = form.save(commit=False)
        comment.post = post
        comment.author = request.user
        comment.save()
        messages.success(request, _("Your comment has been published."))
        return redirect(f"{post_url(post)}#kommentar-{comment.pk}")
    messages.error(request, _("Please write a comment."))
    return redirect("dialogue:post_detail", pk=post.pk)


def _comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("post", "author"), pk=pk)


@login_required
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    require_visible(request.user, "dialogue.view_post", comment.post)
    require(request.user, "dialogue.change_comment", comment)
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        form.instance.edited = timezone.now()
        form.save()
        messages.success(request, _("Your comment has been saved."))
        return redirect(f"{post_url(comment.post)}#kommentar-{comment.pk}")
    return render(request, "dialogue/comment_form.html", {"form": form, "comment": comment})


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    require(request.user, "dialogue.moderate_comment", comment)
    knowledge.set_hidden(comment, not comment.hidden, request.user)
    return redirect(f"{post_url(comment.post)}#kommentar-{comment.pk}")


@login_required
@require_POST
def comment_helpful(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    require_visible(request.user, "dialogue.view_post", comment.post)
    require(request.user, "dialogue.mark_helpful", comment)
    knowledge.toggle_helpful(comment)
    return redirect(f"{post_url(comment.post)}#kommentar-{comment.pk}")


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(pk)
    require_visible(request.user, "dialogue.view_post", post)
    require(request.user, "dialogue.add_postattachment", post)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        knowledge.add_attachment(
            post, form.cleaned_data["file"], request.user, title=form.cleaned_data["title"]
        )
        messages.success(request, _("The document has been uploaded."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("dialogue:post_detail", pk=post.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    post = _post(pk)
    require_visible(request.user, "dialogue.view_post", post)
    return download(get_object_or_404(PostAttachment, pk=attachment, post=post))


def post_url(post: Post) -> str:
    return reverse("dialogue:post_detail", args=[post.pk])
