"""Steps the browser journeys share."""

from __future__ import annotations

__all__ = ["sign_in"]


def sign_in(page, email: str, password: str = "demo") -> None:
    """Sign in through the login form and land on the start page."""
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/konto/start/")
