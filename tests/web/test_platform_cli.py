"""``clusterdialog demo`` and ``clusterdialog serve`` as a user runs them, each in its own process.

The commands configure Django from the environment before its settings are
imported, which the test process has done already; so each command runs as a
subprocess with a clean environment, and the results are read from the
database file, from the output and over HTTP.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

EMAILS = [
    "ministry@demo.local",
    "agency@demo.local",
    "manager@demo.local",
    "member@demo.local",
    "analyst@demo.local",
]
_OWN_VARIABLES = ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS")


def clean_environment(**extra: str) -> dict[str, str]:
    """The test process's environment without the platform's settings, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CLUSTERDIALOG_") and key not in _OWN_VARIABLES
    }
    env["COLUMNS"] = "160"  # rich draws the table of logins without wrapping
    env.update(extra)
    return env


def cli(*args, env: dict[str, str] | None = None, timeout: float = 900):
    return subprocess.run(
        [sys.executable, "-m", "clusterdialog.cli", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        env=env or clean_environment(),
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One run of ``clusterdialog demo --no-serve`` into a fresh folder."""
    db = tmp_path_factory.mktemp("demo") / "demo" / "clusterdialog.sqlite3"
    return db, cli("demo", "--db", db, "--no-serve")


def test_demo_creates_the_database_and_prints_the_logins(demo_db):
    db, done = demo_db
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert db.is_file()
    # the secret key is kept in the data directory beside the database
    assert (db.parent / "secret_key").is_file()
    assert "http://127.0.0.1:8000/" in done.stdout
    assert "Passwort" in done.stdout and "Server nicht gestartet" in done.stdout
    for email in EMAILS:
        line = next(line for line in done.stdout.splitlines() if email in line)
        assert "│ demo" in line
    assert "Ministerium (Clusterreferat)" in done.stdout


def test_demo_content_is_in_the_database(demo_db):
    db, done = demo_db
    assert done.returncode == 0, done.stderr
    assert count(db, "select count(*) from directory_initiative where is_demo") == 25
    assert count(db, "select count(*) from directory_organisation where is_demo") == 250
    assert count(db, "select count(*) from directory_region where level = 'kreis'") == 44
    assert count(db, "select count(*) from directory_membership") >= 850
    listed = ", ".join(f"'{email}'" for email in EMAILS)
    assert count(db, f"select count(*) from accounts_user where email in ({listed})") == 5


CHECK = r"""
import json, os
import django
django.setup()
from django.test import Client
from django.urls import reverse

result = {}
for email in json.loads(os.environ["EMAILS"]):
    client = Client()
    answer = client.post(reverse("accounts:login"), {"username": email, "password": "demo"})
    start = client.get(reverse("accounts:start"))
    result[email] = [answer.status_code, answer.headers.get("Location"), start.status_code]
client = Client()
wrong = client.post(reverse("accounts:login"), {"username": "member@demo.local",
                                                  "password": "falsch"})
result["wrong"] = [wrong.status_code, "_auth_user_id" in client.session]
listing = Client().get(reverse("directory:initiative_list"))
result["list"] = [listing.status_code, "Automotive Cluster Neckar-Fils" in listing.text,
                  "Demo" in listing.text]
print(json.dumps(result))
"""


def test_demo_accounts_can_sign_in(demo_db):
    db, done = demo_db
    assert done.returncode == 0, done.stderr
    env = clean_environment(
        CLUSTERDIALOG_DATA_DIR=str(db.parent),
        DATABASE_URL=f"sqlite:///{db}",
        CLUSTERDIALOG_DEMO="1",
        DJANGO_SETTINGS_MODULE="clusterdialog.web.settings",
        ALLOWED_HOSTS="testserver",
        EMAILS=json.dumps(EMAILS),
    )
    checked = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=300
    )
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout.strip().splitlines()[-1])
    for email in EMAILS:
        assert result[email] == [302, "/konto/start/", 200], email
    assert result["wrong"] == [200, False]
    assert result["list"] == [200, True, True]


def test_second_run_reuses_the_content_and_reset_rebuilds_it(demo_db, tmp_path):
    db, done = demo_db
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "copy" / db.name
    copy.parent.mkdir()
    shutil.copy(db, copy)
    for suffix in ("-wal", "-shm"):
        if db.with_name(db.name + suffix).exists():
            shutil.copy(db.with_name(db.name + suffix), copy.with_name(copy.name + suffix))
    with sqlite3.connect(copy) as connection:
        connection.execute("update directory_initiative set name = 'Geändert' where slug = ?",
                           ("automotive-cluster-neckar-fils",))  # fmt: skip
    organisations = count(copy, "select count(*) from directory_organisation")

    again = cli("demo", "--db", copy, "--no-serve", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert "is there already" in again.stdout and "Password" in again.stdout
    assert count(copy, "select count(*) from directory_organisation") == organisations
    assert count(copy, "select count(*) from directory_initiative where name = 'Geändert'") == 1

    rebuilt = cli("demo", "--db", copy, "--no-serve", "--reset")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Demo-Inhalte angelegt: 25 Initiativen, 250 Organisationen" in rebuilt.stdout
    assert count(copy, "select count(*) from directory_initiative where name = 'Geändert'") == 0
    assert count(copy, "select count(*) from directory_organisation") == organisations


def test_demo_refuses_a_folder_as_database(tmp_path):
    done = cli("demo", "--db", tmp_path, "--no-serve")
    assert done.returncode == 2
    assert "ist ein Ordner" in done.stderr and "Traceback" not in done.stderr


def test_demo_refuses_a_busy_port_before_building_anything(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = cli("demo", "--db", tmp_path / "d" / "demo.sqlite3", "--port", port, "--lang", "en")
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "d").exists()


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    done = cli("serve", "--db", tmp_path / "s.sqlite3", "--port", free_port())
    assert done.returncode == 2
    assert "SECRET_KEY fehlt" in done.stderr and "--new-secret-key" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "s.sqlite3").exists()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report 3xx as they are


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, dict, str]:
    """Status, headers and text of a GET, redirects not followed."""
    try:
        with _opener.open(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def run_server(args: list, env: dict[str, str]) -> tuple[int, subprocess.Popen]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "clusterdialog.cli", "serve", "--port", str(port), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve ended with {server.returncode}:\n{server.stdout.read()}")
        try:
            fetch(f"http://127.0.0.1:{port}/")
            return port, server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    server.kill()
    pytest.fail(f"serve did not answer within 240 s:\n{server.stdout.read()}")


def stop(server: subprocess.Popen) -> str:
    server.send_signal(signal.SIGTERM)
    try:
        output, _ = server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        output, _ = server.communicate()
    return output


def test_serve_migrates_collects_static_files_and_runs_gunicorn(tmp_path):
    db = tmp_path / "data" / "clusterdialog.sqlite3"
    port, server = run_server(["--db", db, "--new-secret-key"], clean_environment())
    try:
        status, headers, body = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and "Cluster-Dialog" in body
        assert headers.get("Server", "").startswith("gunicorn")
        assert "demo-banner" not in body  # not a demo installation
        status, headers, _ = fetch(f"http://127.0.0.1:{port}/static/clusterdialog/site.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert fetch(f"http://127.0.0.1:{port}/verzeichnis/initiativen/")[0] == 200
        status, headers, _ = fetch(f"http://127.0.0.1:{port}/konto/start/")
        assert status == 302 and headers["Location"].startswith("/konto/anmelden/")
        assert fetch(f"http://127.0.0.1:{port}/gibt-es-nicht/")[0] == 404  # debug off
    finally:
        output = stop(server)
    assert server.returncode == 0, output
    assert (db.parent / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()
    assert (db.parent / "secret_key").is_file()
    assert count(db, "select count(*) from django_migrations") > 10
    assert "GET /verzeichnis/initiativen/" in output  # access log


@pytest.mark.skipif(
    os.environ.get("CLUSTERDIALOG_TEST_DB") != "postgresql",
    reason="runs with CLUSTERDIALOG_TEST_DB=postgresql",
)
def test_serve_on_postgresql_through_database_url(tmp_path):
    import psycopg

    server_url = os.environ["DATABASE_URL"]
    admin_url = server_url.replace("postgres://", "postgresql://", 1)
    name = f"serve_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as c:
        c.execute(f'create database "{name}"')
    parts = urlsplit(server_url)
    url = urlunsplit(parts._replace(path=f"/{name}"))
    env = clean_environment(
        DATABASE_URL=url, SECRET_KEY="serve-test-secret-key-0123456789-abcdefghijklmnop"
    )
    env["CLUSTERDIALOG_DATA_DIR"] = str(tmp_path)
    try:
        port, server = run_server([], env)
        try:
            status, _, body = fetch(f"http://127.0.0.1:{port}/verzeichnis/initiativen/")
            assert status == 200
        finally:
            output = stop(server)
        assert server.returncode == 0, output
        assert "Datenbank: postgres://postgres@" in output and name in output
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as c:
            applied = c.execute("select count(*) from django_migrations").fetchone()[0]
        assert applied > 10
        assert not (tmp_path / "clusterdialog.sqlite3").exists()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as c:
            c.execute(f'drop database if exists "{name}" with (force)')
