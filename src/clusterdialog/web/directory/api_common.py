"""Helpers shared by the directory API modules: paging, lookups, visibility."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query

__all__ = ["LIMIT", "OFFSET", "clean", "get_visible", "resolve", "users_by_email"]

LIMIT = Query(25, ge=1, le=200)
OFFSET = Query(0, ge=0, le=10_000_000)


def clean(value: str) -> str:
    """A query parameter: at most 200 characters, no NUL (PostgreSQL refuses it)."""
    return (value or "").replace("\x00", "").strip()[:200]


def get_visible(queryset, user, permission: str, **lookup):
    """The record, or 404 when missing or invisible to ``user``."""
    if any("\x00" in str(v) for v in lookup.values()):
        raise Http404("not found")
    obj = queryset.filter(**lookup).first()
    if obj is None or not user.has_perm(permission, obj):
        raise Http404("not found")
    return obj


def resolve(model, key: str, values: list[str], field: str, *, normalise=None) -> list:
    """Objects of ``model`` for ``values`` of ``key``; 422 naming the unknown ones."""
    wanted = [normalise(v) if normalise else v for v in values]
    found = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": wanted})}
    unknown = [v for v in wanted if v not in found]
    if unknown:
        raise ValidationError({field: [f"unknown: {', '.join(unknown[:20])}"]})
    return [found[v] for v in wanted]


def users_by_email(emails: list[str], field: str) -> list:
    emails = [e.strip().lower() for e in emails]
    users = {u.email: u for u in get_user_model().objects.filter(email__in=emails, is_active=True)}
    unknown = [e for e in emails if e not in users]
    if unknown:
        raise ValidationError({field: [f"no active user with the address: {', '.join(unknown)}"]})
    return [users[e] for e in emails]
