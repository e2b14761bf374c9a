"""Playwright on Debian's chromium against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, German locale) per
test.  Without ``/usr/bin/chromium`` the browser tests are skipped with a clear
message, except in CI (``CI=true``), where they fail.  Never ``playwright
install``: the tests use the system's chromium.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000


def pytest_collection_modifyitems(items) -> None:
    """Every test in this folder carries the ``browser`` marker (``-m "not browser"``)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright's sync API, one per test session."""
    if not CHROMIUM.exists():
        message = (
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); "
            "it is not installed"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are
    # synchronous all the same, so Django's guard against async contexts is switched off.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, settings):
    """A page in a fresh browser context on the live server, German like most users."""
    settings.DEMO = True  # the demo accounts' password "demo" is accepted
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def accounts(page):
    """The five demo accounts (password ``demo``), keyed by role."""
    from clusterdialog.web.seeding.accounts import create_demo_accounts

    return create_demo_accounts()
