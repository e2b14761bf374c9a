"""Fixtures of the analytics tests: the demo dataset (loaded once per test database)."""

from __future__ import annotations

import pytest

from clusterdialog.web.directory.models import Industry


@pytest.fixture
def dataset(db):
    from clusterdialog.web.analytics.services import load_demo_dataset

    return load_demo_dataset()


@pytest.fixture
def industries(db) -> dict[str, Industry]:
    rows = [
        ("C", "Verarbeitendes Gewerbe", 1),
        ("29", "Herstellung von Kraftwagen", 2),
        ("62", "Dienstleistungen der Informationstechnologie", 2),
    ]
    return {
        code: Industry.objects.create(code=code, name_de=name, level=level)
        for code, name, level in rows
    }


@pytest.fixture
def login(client):
    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
