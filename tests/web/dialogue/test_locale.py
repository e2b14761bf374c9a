"""The dialogue's catalogues are complete (no empty, no fuzzy entries) and compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.test import override_settings
from django.utils import translation

import clusterdialog.web.dialogue as app

LOCALE = Path(app.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_message_is_translated_and_not_fuzzy(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    assert len(messages) > 300
    empty = [m.id for m in messages if not all(m.string if m.pluralizable else [m.string])]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert empty == [] and fuzzy == []
    if language == "en":
        assert all(m.string == (m.id if not m.pluralizable else tuple(m.id)) for m in messages)


@pytest.mark.parametrize("language", ["de", "en"])
def test_compiled_catalogue_matches_the_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"

    def entries(catalog):
        return {
            m.id if isinstance(m.id, str) else m.id[0]: (
                m.string if isinstance(m.string, str) else tuple(m.string)
            )
            for m in catalog
            if m.id
        }

    with open(folder / "django.po", "rb") as handle:
        po = entries(read_po(handle))
    with open(folder / "django.mo", "rb") as handle:
        mo = entries(read_mo(handle))
    assert mo == po


@override_settings(LANGUAGE_CODE="de")
def test_german_is_used_in_the_app():
    from clusterdialog.web.dialogue.models import EventKind, RegistrationStatus

    with translation.override("de"):
        assert str(RegistrationStatus.WAITING.label) == "Warteliste"
        assert str(EventKind.CLUSTER_DIALOG.label) == "Sitzung des Cluster-Dialogs"
    with translation.override("en"):
        assert str(RegistrationStatus.WAITING.label) == "Waiting list"
