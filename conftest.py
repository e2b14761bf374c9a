"""Root test configuration: configure the platform's Django settings for the test run.

The settings read the environment at import, so the environment is set here,
before pytest-django sets Django up.  ``CLUSTERDIALOG_TEST_DB=postgresql`` runs
the tests on a real PostgreSQL server: ``DATABASE_URL`` if given, otherwise a
throw-away server started with the ``pgserver`` package.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_DATA_DIR = tempfile.mkdtemp(prefix="clusterdialog-test-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdialog.web.settings")
os.environ.setdefault("CLUSTERDIALOG_DATA_DIR", _DATA_DIR)
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("CLUSTERDIALOG_SECURE_COOKIES", "0")

TEST_DB = os.environ.get("CLUSTERDIALOG_TEST_DB", "sqlite")
if TEST_DB not in ("sqlite", "postgresql"):
    raise SystemExit(f"CLUSTERDIALOG_TEST_DB must be sqlite or postgresql, got {TEST_DB!r}")
if TEST_DB == "postgresql" and not os.environ.get("DATABASE_URL"):
    import pgserver

    _pg_dir = tempfile.mkdtemp(prefix="clusterdialog-pg-")
    _server = pgserver.get_server(_pg_dir, cleanup_mode="stop")
    atexit.register(shutil.rmtree, _pg_dir, ignore_errors=True)
    os.environ["DATABASE_URL"] = "postgres://postgres@" + _pg_dir.replace("/", "%2F") + "/postgres"
elif TEST_DB == "sqlite":
    os.environ.pop("DATABASE_URL", None)

# Set Django up now: conftest files below (tests/web) import models at collection time, and
# pytest-django's own set-up only runs in its last pytest_configure hook.
import django  # noqa: E402

django.setup()
