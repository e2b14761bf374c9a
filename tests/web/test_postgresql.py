"""The platform's whole test suite on a real PostgreSQL server.

The regular run uses SQLite; this test runs ``tests/web`` again in a
subprocess with ``CLUSTERDIALOG_TEST_DB=postgresql`` (a throw-away server from
the ``pgserver`` package, or the server in ``DATABASE_URL``) and fails with
the subprocess's report when anything fails there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    os.environ.get("CLUSTERDIALOG_TEST_DB") == "postgresql",
    reason="already running on PostgreSQL",
)
def test_platform_suite_passes_on_postgresql():
    env = dict(os.environ, CLUSTERDIALOG_TEST_DB="postgresql")
    env.pop("CLUSTERDIALOG_DATA_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/web",
            "-q",
            "-p",
            "no:cacheprovider",
            "--no-header",
            "-x",
            "--deselect",
            "tests/web/test_postgresql.py::test_platform_suite_passes_on_postgresql",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
    assert result.returncode == 0, f"the platform tests fail on PostgreSQL:\n{tail}"
    assert " passed" in result.stdout
