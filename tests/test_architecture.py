"""The pure core stays pure: no Django, no I/O, no printing (ARCHITECTURE.md, rule 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import clusterdialog

PACKAGE = Path(clusterdialog.__file__).parent
PURE = ["measures", "identify", "valuechain", "network", "monitoring"]

FORBIDDEN_IMPORTS = (
    "django",
    "typer",
    "rich",
    "requests",
    "urllib",
    "http",
    "socket",
    "subprocess",
    "clusterdialog.cli",
    "clusterdialog.web",
    "clusterdialog.reports",
    "clusterdialog.data.readers",
    "clusterdialog.data.datasets",
    "clusterdialog.datasets",
)
FORBIDDEN_CALLS = {"open", "print", "input", "breakpoint"}
FORBIDDEN_METHODS = {
    "read_csv",
    "read_parquet",
    "read_excel",
    "read_json",
    "read_table",
    "read_sql",
    "to_csv",
    "to_parquet",
    "to_excel",
    "to_json",
    "to_sql",
    "savetxt",
    "loadtxt",
    "savez",
    "tofile",
    "fromfile",
    "write_text",
    "read_text",
    "write_bytes",
    "read_bytes",
}


def _pure_modules() -> list[Path]:
    return sorted(
        path
        for name in PURE
        if (PACKAGE / name).is_dir()
        for path in (PACKAGE / name).rglob("*.py")
    )


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IMPORTS):
                found.append(f"line {node.lineno}: imports {name}")
                break
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: calls {func.id}()")
            if isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_METHODS:
                found.append(f"line {node.lineno}: calls .{func.attr}()")
    return found


def test_pure_packages_exist():
    assert _pure_modules(), "no module of the pure core was found"


@pytest.mark.parametrize("path", _pure_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_module_does_no_io(path: Path):
    assert _violations(path) == []


def test_checker_catches_a_violation(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import django.db\nfrom clusterdialog.cli import app\nprint(1)\n"
        "import pandas as pd\npd.read_csv('x')\n",
        encoding="utf-8",
    )
    assert len(_violations(bad)) == 4


def test_importing_the_core_loads_no_face():
    code = (
        "import sys, clusterdialog.measures, clusterdialog.data.panel\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'typer', 'rich')\n"
        "       or m.startswith(('clusterdialog.cli', 'clusterdialog.web',\n"
        "                        'clusterdialog.data.readers'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
