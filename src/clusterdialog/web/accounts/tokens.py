"""API tokens: issue on e-mail and password, check ``Authorization: Bearer``."""

from __future__ import annotations

import secrets

from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from clusterdialog.web.accounts.models import ApiToken, hash_token

__all__ = ["BearerToken", "OptionalBearerToken", "issue_token", "user_for_token"]


def issue_token(request: HttpRequest, email: str, password: str) -> str:
    """Return a new token for valid credentials; 401 otherwise, 429 when locked out."""
    if request.content_type != "application/json":
        raise HttpError(422, "send the credentials as application/json")
    user = authenticate(request, username=email.strip().lower(), password=password)
    if getattr(request, "axes_locked_out", False):
        raise HttpError(429, "too many failed logins; try again later")
    if user is None or not user.is_active:
        raise AuthenticationError()
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=hash_token(raw))
    return raw


def user_for_token(raw: str):
    """The active user of a token, or ``None``."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used is None or (now - token.last_used).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


class BearerToken(HttpBearer):
    """Required token: 401 without a valid ``Authorization: Bearer`` header."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class OptionalBearerToken(BearerToken):
    """Token if sent (then it must be valid), anonymous otherwise."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if not header:
            request.user = AnonymousUser()
            return request.user
        return super().__call__(request)
