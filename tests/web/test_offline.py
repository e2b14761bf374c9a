"""Offline and private by default: no page loads anything from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import clusterdialog.web

WEB = Path(clusterdialog.web.__file__).parent
TEMPLATES = sorted(WEB.glob("**/templates/**/*.html"))
OWN_STATIC = sorted(
    p for p in WEB.glob("**/static/**/*") if p.suffix in (".js", ".css") and "vendor" not in p.parts
)
EXTERNAL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["'](?:https?:)?//[^"']+"""
    r"""|<link\b[^>]*\bhref\s*=\s*["'](?:https?:)?//[^"']+"""
    r"""|url\(\s*["']?(?:https?:)?//|fetch\(\s*["'](?:https?:)?//""",
    re.IGNORECASE,
)


def test_there_are_templates_and_vendored_libraries():
    assert len(TEMPLATES) > 20
    for library in ("leaflet/leaflet.js", "htmx/htmx.min.js", "cytoscape/cytoscape.min.js"):
        assert (WEB / "static" / "vendor" / library).exists(), library
        assert (WEB / "static" / "vendor" / library.split("/")[0] / "LICENSE").exists()


@pytest.mark.parametrize("path", TEMPLATES + OWN_STATIC, ids=lambda p: str(p.relative_to(WEB)))
def test_no_resource_from_another_host(path: Path):
    text = path.read_text(encoding="utf-8")
    found = EXTERNAL.findall(text)
    # links for people to click (<a href="https://…">) are fine; scripts, styles, fonts,
    # images and requests from another host are not
    assert not found, found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/static/clusterdialog/site.css",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/htmx/htmx.min.js",
        "/static/vendor/cytoscape/cytoscape.min.js",
    ],
)
def test_static_files_are_served_by_the_platform_itself(client, path):
    from django.contrib.staticfiles import finders

    assert finders.find(path.removeprefix("/static/")), path
