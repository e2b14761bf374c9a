"""Accounts: sign-in by e-mail, argon2, throttling, roles, API tokens, the error shape."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from clusterdialog.web.accounts.models import ApiToken, Role, hash_token
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_users_sign_in_with_their_email_case_insensitively(client, make_user):
    make_user(Role.MANAGER, "Anna.Berg@Example.DE")
    response = client.post(
        "/konto/anmelden/", {"username": "ANNA.BERG@example.de", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/konto/start/"
    assert client.get("/konto/start/").status_code == 200


def test_wrong_password_shows_the_form_again(client, make_user):
    make_user(Role.MANAGER, "anna@example.de")
    response = client.post("/konto/anmelden/", {"username": "anna@example.de", "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user(Role.ANALYST)
    assert user.password.startswith("argon2$")
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_repeated_failures_lock_the_account_for_this_address(client, make_user):
    make_user(Role.MEMBER, "locked@example.de")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/konto/anmelden/", {"username": "locked@example.de", "password": "wrong"})
    response = client.post(
        "/konto/anmelden/", {"username": "locked@example.de", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # the API token endpoint honours the same lock
    response = client.post(
        "/api/auth/token",
        {"email": "locked@example.de", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_requests"


def test_start_page_needs_sign_in(client):
    response = client.get("/konto/start/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/anmelden/")


def test_role_is_shown_on_the_start_page(client, users):
    client.force_login(users[Role.STATE_ADMIN])
    response = client.get("/konto/start/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Landesadministration" in response.content.decode() or "Ministerium" in (
        response.content.decode()
    )


def test_logout_needs_post_and_ends_the_session(client, users):
    client.force_login(users[Role.MEMBER])
    assert client.get("/konto/abmelden/").status_code == 405
    assert client.post("/konto/abmelden/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_token_is_issued_for_valid_credentials_and_stored_hashed(client, users, token_for):
    token = token_for(users[Role.ANALYST])
    assert len(token) >= 40
    stored = ApiToken.objects.get(user=users[Role.ANALYST])
    assert stored.key_hash == hash_token(token)
    assert token not in stored.key_hash


def test_token_request_with_wrong_password_is_401_in_the_error_shape(client, users):
    response = client.post(
        "/api/auth/token",
        {"email": users[Role.ANALYST].email, "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "status": 401,
            "code": "unauthorized",
            "message": "authentication required: send Authorization: Bearer …",
            "details": [],
        }
    }


def test_token_request_without_fields_is_422_naming_the_field(client):
    response = client.post("/api/auth/token", {"email": "a@b.de"}, content_type="application/json")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert any("password" in detail["loc"] for detail in error["details"])


def test_inactive_users_get_no_token(client, make_user):
    user = make_user(Role.MEMBER, "gone@example.de", is_active=False)
    response = client.post(
        "/api/auth/token",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_email_is_stored_lower_case_and_unique(make_user):
    make_user(Role.MEMBER, "Same@Example.de")
    assert get_user_model().objects.filter(email="same@example.de").exists()
    with pytest.raises(Exception):  # noqa: B017 (IntegrityError differs per database backend)
        make_user(Role.MEMBER, "same@example.de")


def test_session_and_csrf_cookies_are_secure_by_default(monkeypatch):
    import importlib

    import clusterdialog.web.settings as module

    monkeypatch.delenv("CLUSTERDIALOG_SECURE_COOKIES", raising=False)
    monkeypatch.delenv("CLUSTERDIALOG_DEBUG", raising=False)
    monkeypatch.delenv("CLUSTERDIALOG_DEMO", raising=False)
    fresh = importlib.reload(module)
    try:
        assert fresh.SESSION_COOKIE_SECURE and fresh.CSRF_COOKIE_SECURE
        assert fresh.SESSION_COOKIE_HTTPONLY
        assert fresh.DEBUG is False
    finally:
        monkeypatch.undo()
        importlib.reload(module)


def test_refused_and_missing_pages_explain_themselves_in_german(client, users, make_initiative):
    other = make_initiative("Fremde Initiative")
    client.force_login(users[Role.MANAGER])
    refused = client.get(f"/verzeichnis/initiativen/{other.slug}/bearbeiten/")
    assert refused.status_code == 403
    assert "Nicht erlaubt" in refused.content.decode()
    missing = client.get("/verzeichnis/initiativen/gibt-es-nicht/")
    assert missing.status_code == 404
    assert "Seite nicht gefunden" in missing.content.decode()
