"""``clusterdialog demo`` and ``clusterdialog serve``: run the Cluster-Dialog platform.

``demo`` creates a local SQLite database with the demo content and one account
per role, prints the address and the logins and serves on loopback.  ``serve``
runs an installation for production: migrations, static files, gunicorn.

Django reads its settings from the environment when they are first imported,
so both commands set the environment (data directory, database, demo flag)
before anything imports Django's settings.
"""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import typer
from rich.table import Table

from clusterdialog.cli._common import Language, app, err_console, fail, out_console

__all__ = ["demo", "serve"]

DEFAULT_DEMO_DB = Path("clusterdialog-demo") / "clusterdialog.sqlite3"

TEXT = {
    "de": {
        "title": "Cluster-Dialog – Demo",
        "address": "Adresse",
        "role": "Rolle",
        "email": "E-Mail",
        "password": "Passwort",
        "database": "Datenbank",
        "reused": "Die Demo-Inhalte sind schon vorhanden und werden weiter genutzt.",
        "created": "Demo-Inhalte angelegt: {initiatives} Initiativen, {organisations} "
        "Organisationen, {memberships} Mitgliedschaften.",
        "stop": "Beenden mit Strg+C.",
        "no_serve": "Server nicht gestartet (--no-serve).",
        "serving": "Der Server läuft auf {url} ({workers} Prozesse × {threads} Threads).",
        "migrating": "Datenbank wird eingerichtet …",
        "static": "Statische Dateien werden gesammelt …",
        "loading": "Demo-Inhalte werden geladen: {step} …",
        "steps": {
            "reference": "Regionen und Klassifikationen",
            "accounts": "Konten",
            "directory": "Initiativen, Organisationen und Mitgliedschaften",
            "dialogue": "Veranstaltungen, Wissensaustausch und Konsultationen",
            "monitoring": "Monitoring",
            "networks": "Netzwerke",
            "analytics": "Analysen",
        },
        "roles": {
            "state_admin": "Ministerium (Clusterreferat)",
            "agency": "Wirtschaftsförderung",
            "manager": "Clustermanagement",
            "member": "Mitgliedsorganisation",
            "analyst": "Analyse",
        },
        "db_is_dir": "--db {path} ist ein Ordner; erwartet wird der Pfad einer SQLite-Datei",
        "port_busy": "Port {port} auf {host} ist belegt ({error}); wählen Sie mit --port einen "
        "anderen",
        "configured": "Django ist in diesem Prozess schon mit einer anderen Datenbank eingerichtet "
        "({name}); starten Sie den Befehl in einem eigenen Prozess",
        "no_secret": "SECRET_KEY fehlt: Setzen Sie die Umgebungsvariable SECRET_KEY oder legen "
        "Sie mit --new-secret-key einen Schlüssel in {path} an",
        "database_error": "Datenbank nicht erreichbar ({url}): {error}",
        "check_failed": "Die Prüfung der Einstellungen ist fehlgeschlagen: {error}",
        "debug_ignored": "Hinweis: CLUSTERDIALOG_DEBUG wird von serve ignoriert (Debug-Modus aus).",
        "workers": "--workers und --threads müssen mindestens 1 sein",
    },
    "en": {
        "title": "Cluster-Dialog – demo",
        "address": "Address",
        "role": "Role",
        "email": "E-mail",
        "password": "Password",
        "database": "Database",
        "reused": "The demo content is there already and is used again.",
        "created": "Demo content created: {initiatives} initiatives, {organisations} "
        "organisations, {memberships} memberships.",
        "stop": "Stop with Ctrl+C.",
        "no_serve": "Server not started (--no-serve).",
        "serving": "Serving on {url} ({workers} processes × {threads} threads).",
        "migrating": "Setting up the database …",
        "static": "Collecting static files …",
        "loading": "Loading the demo content: {step} …",
        "steps": {
            "reference": "regions and classifications",
            "accounts": "accounts",
            "directory": "initiatives, organisations and memberships",
            "dialogue": "events, knowledge exchange and consultations",
            "monitoring": "monitoring",
            "networks": "networks",
            "analytics": "analyses",
        },
        "roles": {
            "state_admin": "Ministry (cluster unit)",
            "agency": "Economic development agency",
            "manager": "Cluster management",
            "member": "Member organisation",
            "analyst": "Analyst",
        },
        "db_is_dir": "--db {path} is a folder; expected the path of an SQLite file",
        "port_busy": "port {port} on {host} is in use ({error}); choose another with --port",
        "configured": "Django is already set up in this process with another database ({name}); "
        "run the command in a process of its own",
        "no_secret": "SECRET_KEY is missing: set the environment variable SECRET_KEY or create "
        "a key in {path} with --new-secret-key",
        "database_error": "database not reachable ({url}): {error}",
        "check_failed": "the settings check failed: {error}",
        "debug_ignored": "Note: serve ignores CLUSTERDIALOG_DEBUG (debug mode off).",
        "workers": "--workers and --threads must be at least 1",
    },
}

Lang = Annotated[Language, typer.Option(help="Language of the messages.")]
Port = Annotated[int, typer.Option("--port", help="TCP port to serve on.", min=1, max=65535)]


def _redacted(url: str) -> str:
    """A database URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _configure(data_dir: Path, database_url: str | None, *, demo: bool, lang: str) -> None:
    """Set the environment of the Django settings, then set Django up."""
    os.environ["CLUSTERDIALOG_DATA_DIR"] = str(data_dir)
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url
    if demo:
        # loopback over plain HTTP: the demo's own host names, cookies without "Secure"
        os.environ["CLUSTERDIALOG_DEMO"] = "1"
        os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
        os.environ["CLUSTERDIALOG_SECURE_COOKIES"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdialog.web.settings")
    from django.conf import settings

    from clusterdialog.web import setup

    setup()
    # settings imported earlier in this process (a test runner) keep their data directory
    if Path(settings.DATA_DIR) != data_dir.resolve():
        raise fail(TEXT[lang]["configured"].format(name=settings.DATA_DIR), lang)


def _check_port(host: str, port: int, lang: str) -> None:
    """Fail with one line when ``host:port`` cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise fail(
                TEXT[lang]["port_busy"].format(host=host, port=port, error=exc.strerror), lang
            ) from None


def _migrate(lang: str) -> None:
    from django.core.management import call_command
    from django.db import OperationalError
    from django.db import connection as db

    with out_console.status(TEXT[lang]["migrating"]):
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except OperationalError as exc:
            url = _redacted(os.environ.get("DATABASE_URL", str(db.settings_dict["NAME"])))
            raise fail(TEXT[lang]["database_error"].format(url=url, error=exc), lang) from None


def run_gunicorn(
    host: str, port: int, *, workers: int, threads: int, access_log: bool, log_level: str
) -> None:
    """Serve ``clusterdialog.web.wsgi:application`` with gunicorn (threaded workers).

    Runs until interrupted; the database connections of this process are
    closed first, so that the forked workers open their own.
    """
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def __init__(self, options: dict) -> None:
            self.options = options
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                self.cfg.set(key, value)

        def load(self):
            from clusterdialog.web.wsgi import application

            return application

    connections.close_all()
    Server(
        {
            "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-" if access_log else None,
            "errorlog": "-",
            "loglevel": log_level,
            "proc_name": "clusterdialog",
            "timeout": 60,
            "graceful_timeout": 10,
            "control_socket_disable": True,
        }
    ).run()


@app.command()
def demo(
    db: Annotated[
        Path,
        typer.Option(
            "--db",
            help="SQLite file of the demo (created if missing); its folder holds the secret "
            "key, uploads and static files.",
        ),
    ] = DEFAULT_DEMO_DB,
    port: Port = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Prepare the database and the logins only.")
    ] = False,
    reset: Annotated[
        bool, typer.Option("--reset", help="Delete the demo database and build it anew.")
    ] = False,
    lang: Lang = Language.de,
) -> None:
    """Start the platform demo: demo content, one login per role, served on 127.0.0.1."""
    text = TEXT[lang.value]
    db = db.expanduser().resolve()
    if db.is_dir():
        raise fail(text["db_is_dir"].format(path=db), lang.value)
    if not no_serve:
        _check_port("127.0.0.1", port, lang.value)
    if reset:
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    _configure(db.parent, f"sqlite:///{db}", demo=True, lang=lang.value)
    _migrate(lang.value)

    from clusterdialog.errors import ClusterDialogError
    from clusterdialog.web.seeding.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
    from clusterdialog.web.seeding.demo import load_demo

    with out_console.status(text["loading"].format(step="…")) as status:

        def progress(step: str) -> None:
            status.update(text["loading"].format(step=text["steps"].get(step, step)))

        try:
            result = load_demo(progress=progress)
        except ClusterDialogError as exc:
            raise fail(str(exc), lang.value) from None
    url = f"http://127.0.0.1:{port}/"
    out_console.print(f"[bold]{text['title']}[/]")
    out_console.print(text["created"].format(**result.counts) if result.created else text["reused"])
    out_console.print(f"{text['database']}: {db}", highlight=False)
    table = Table(title=f"{text['address']}: {url}", title_justify="left")
    for column in ("role", "email", "password"):
        table.add_column(text[column])
    for account in DEMO_ACCOUNTS:
        table.add_row(text["roles"][str(account.role)], account.email, DEMO_PASSWORD)
    out_console.print(table)
    if no_serve:
        out_console.print(text["no_serve"])
        return
    out_console.print(text["stop"])
    run_gunicorn("127.0.0.1", port, workers=2, threads=4, access_log=False, log_level="warning")


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite file; default: DATABASE_URL or the data directory."),
    ] = None,
    port: Port = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    workers: Annotated[int, typer.Option("--workers", help="Worker processes.")] = 2,
    threads: Annotated[int, typer.Option("--threads", help="Threads per worker.")] = 4,
    no_migrate: Annotated[
        bool, typer.Option("--no-migrate", help="Do not apply database migrations first.")
    ] = False,
    new_secret_key: Annotated[
        bool,
        typer.Option("--new-secret-key", help="Create a secret key in the data directory."),
    ] = False,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request on stdout.")
    ] = True,
    lang: Lang = Language.de,
) -> None:
    """Run the platform for production with gunicorn (PostgreSQL through DATABASE_URL).

    Applies migrations, collects the static files into the data directory
    (CLUSTERDIALOG_DATA_DIR) and serves with debug mode off.  Settings come from
    the environment (see docs/settings.md).
    """
    text = TEXT[lang.value]
    if workers < 1 or threads < 1:
        raise fail(text["workers"], lang.value)
    database_url = None
    if db is not None:
        db = db.expanduser().resolve()
        if db.is_dir():
            raise fail(text["db_is_dir"].format(path=db), lang.value)
        db.parent.mkdir(parents=True, exist_ok=True)
        data_dir = Path(os.environ.get("CLUSTERDIALOG_DATA_DIR", db.parent)).resolve()
        database_url = f"sqlite:///{db}"
    else:
        data_dir = Path(os.environ.get("CLUSTERDIALOG_DATA_DIR", "clusterdialog-data")).resolve()
    if not os.environ.get("SECRET_KEY") and not (data_dir / "secret_key").exists():
        if not new_secret_key:
            raise fail(text["no_secret"].format(path=data_dir / "secret_key"), lang.value)
    if os.environ.get("CLUSTERDIALOG_DEBUG", "0") not in ("", "0"):
        err_console.print(text["debug_ignored"])
    os.environ["CLUSTERDIALOG_DEBUG"] = "0"
    _check_port(host, port, lang.value)
    data_dir.mkdir(parents=True, exist_ok=True)
    _configure(data_dir, database_url, demo=False, lang=lang.value)

    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    if not no_migrate:
        _migrate(lang.value)
    with out_console.status(text["static"]):
        call_command("collectstatic", interactive=False, verbosity=0)
    try:
        call_command("check", stdout=io.StringIO())
    except SystemCheckError as exc:
        raise fail(text["check_failed"].format(error=exc), lang.value) from None
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    url = _redacted(os.environ.get("DATABASE_URL") or f"sqlite:///{name}")
    out_console.print(f"{text['database']}: {url}", highlight=False)
    shown = f"[{host}]" if ":" in host else host
    out_console.print(
        text["serving"].format(url=f"http://{shown}:{port}/", workers=workers, threads=threads)
    )
    run_gunicorn(
        host, port, workers=workers, threads=threads, access_log=access_log, log_level="info"
    )
