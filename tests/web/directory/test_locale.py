"""The directory's catalogues are complete (German and English), compiled, and in use."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import clusterdialog.web.directory as directory_app

LOCALE = Path(directory_app.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_message_is_translated_and_not_fuzzy(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    assert not catalog.fuzzy
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            problems.append(message.id)
    assert problems == []
    assert len(catalog) > 250


@pytest.mark.parametrize("language", ["de", "en"])
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as handle:
        source = read_po(handle)
    with (folder / "django.mo").open("rb") as handle:
        compiled = read_mo(handle)
    source_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in source if m.id}
    compiled_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in compiled if m.id}
    assert source_ids == compiled_ids
    for message in source:
        if message.id:
            expected = message.string
            found = compiled[message.id].string
            if isinstance(expected, tuple):
                found = tuple(found)
            assert found == expected, message.id


def test_german_is_the_default_and_placeholders_survive_translation():
    from django.utils import translation

    with translation.override("de"):
        assert translation.gettext("Board member") == "Vorstandsmitglied"
        assert (
            translation.ngettext("%(shown)s member", "%(shown)s members", 3) % {"shown": 3}
            == "3 Mitglieder"
        )
    with translation.override("en"):
        assert translation.gettext("Board member") == "Board member"
