"""Shared fixtures of the platform tests: users per role, tokens, small directory records.

Every test here runs on SQLite by default and on PostgreSQL with
``CLUSTERDIALOG_TEST_DB=postgresql`` (see the root ``conftest.py``).
"""

from __future__ import annotations

import itertools

import pytest

from clusterdialog.web.accounts.models import Role, User
from clusterdialog.web.directory.models import (
    Initiative,
    Organisation,
    OrganisationType,
    Region,
    RegionLevel,
)

PASSWORD = "correct-Horse-battery-9"
_counter = itertools.count(1)


@pytest.fixture
def make_user(db):
    """Create an active user with a role: ``make_user("manager", "a@b.de")``."""

    def make(role: str = Role.MEMBER, email: str | None = None, **fields) -> User:
        email = email or f"{role}{next(_counter)}@test.local"
        return User.objects.create_user(email, PASSWORD, role=role, **fields)

    return make


@pytest.fixture
def users(make_user) -> dict[str, User]:
    """One user per role, keyed by the role's value."""
    return {role: make_user(role, f"{role}@test.local") for role in Role.values}


@pytest.fixture
def token_for(client):
    """Get an API token for a user through ``POST /api/auth/token``."""

    def get(user: User, password: str = PASSWORD) -> str:
        response = client.post(
            "/api/auth/token",
            {"email": user.email, "password": password},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        return response.json()["token"]

    return get


@pytest.fixture
def region(db) -> Region:
    """The Land Baden-Württemberg with one Kreis, Stuttgart (08111)."""
    land = Region.objects.create(code="08", name="Baden-Württemberg", level=RegionLevel.STATE)
    return Region.objects.create(
        code="08111",
        name="Stuttgart",
        level=RegionLevel.KREIS,
        parent=land,
        latitude=48.78,
        longitude=9.18,
    )


@pytest.fixture
def make_organisation(db):
    """Create an organisation: ``make_organisation("Bosch", type="firm_large")``."""

    def make(name: str | None = None, **fields) -> Organisation:
        n = next(_counter)
        name = name or f"Organisation {n}"
        fields.setdefault("type", OrganisationType.FIRM_SME)
        fields.setdefault("slug", f"organisation-{n}")
        return Organisation.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_initiative(db):
    """Create an initiative, optionally managed by users: ``make_initiative(managers=[u])``."""

    def make(name: str | None = None, managers=(), **fields) -> Initiative:
        n = next(_counter)
        name = name or f"Initiative {n}"
        fields.setdefault("slug", f"initiative-{n}")
        fields.setdefault("published", True)
        initiative = Initiative.objects.create(name=name, **fields)
        initiative.managers.set(managers)
        return initiative

    return make
