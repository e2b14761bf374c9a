"""The networks app speaks German first and English too; its catalogues are complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import clusterdialog.web.networks

LOCALE = Path(clusterdialog.web.networks.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_catalogue_is_complete_without_fuzzy_entries(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=language)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 300
    empty = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple)
                                                else (m.string,))]  # fmt: skip
    assert not empty, empty[:5]
    assert not [m.id for m in messages if m.fuzzy]
    assert path.with_suffix(".mo").stat().st_mtime >= path.stat().st_mtime - 1


@pytest.mark.django_db
def test_pages_in_german_by_default_and_in_english_on_request(client, world):
    client.force_login(world.manager)
    page = client.get("/netzwerke/initiativen/antriebe/").content.decode()
    assert "Lückenanalyse" in page and "Zwischenzentralität" in page
    client.cookies["django_language"] = "en"
    page = client.get("/netzwerke/initiativen/antriebe/").content.decode()
    assert "Gap analysis" in page and "Betweenness" in page and "0.333" in page
