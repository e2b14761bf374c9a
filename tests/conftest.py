"""Test configuration: where the shared data and peer reference values live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLUSTERDIALOG_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repository (data/ and reference/)."""
    if not (SHARED / "data").is_dir():
        pytest.fail(
            f"shared data not found at {SHARED}; set CLUSTERDIALOG_SHARED to the folder "
            "that holds data/ and reference/"
        )
    return SHARED


@pytest.fixture(scope="session")
def reference(shared: Path) -> Path:
    """Reference values computed by peer software (see its README)."""
    return shared / "reference"
