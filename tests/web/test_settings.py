"""Every setting read from the environment is documented, and bad values are refused."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import clusterdialog.web.settings as settings_module

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_environment_variable_is_documented():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOCS.read_text(), flags=re.MULTILINE))
    assert documented == set(settings_module.ENVIRONMENT)


def test_settings_module_reads_only_documented_variables():
    source = Path(settings_module.__file__).read_text()
    read = set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", source))
    read |= set(re.findall(r"_(?:flag|integer|list)\(\s*\"([A-Z_]+)\"", source))
    assert read <= set(settings_module.ENVIRONMENT), read - set(settings_module.ENVIRONMENT)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CLUSTERDIALOG_DEBUG", "maybe", "CLUSTERDIALOG_DEBUG must be 1 or 0"),
        ("CLUSTERDIALOG_LOGIN_FAILURES", "five", "must be a whole number, got 'five'"),
    ],
)
def test_bad_values_are_refused_with_the_variable_named(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    try:
        with pytest.raises(ImproperlyConfigured, match=message):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("CLUSTERDIALOG_DATA_DIR", str(tmp_path))
    try:
        fresh = importlib.reload(settings_module)
        database = fresh.DATABASES["default"]
        assert database["NAME"] == str(tmp_path / "clusterdialog.sqlite3")
        assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://cd:pw@db.example:5432/clusterdialog")
    try:
        fresh = importlib.reload(settings_module)
        database = fresh.DATABASES["default"]
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["HOST"], database["NAME"], database["USER"]) == (
            "db.example",
            "clusterdialog",
            "cd",
        )
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


@pytest.mark.django_db
def test_api_docs_load_nothing_from_the_internet(client):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
