"""German first, English too: every catalogue complete, compiled and in use."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import clusterdialog.web

WEB = Path(clusterdialog.web.__file__).parent
CATALOGUES = sorted(WEB.glob("**/locale/*/LC_MESSAGES/django.po"))


def test_every_app_with_templates_or_models_has_german_and_english_catalogues():
    folders = {p.parents[2] for p in CATALOGUES}
    languages = {(p.parents[2], p.parents[1].name) for p in CATALOGUES}
    assert WEB / "locale" in folders
    for folder in folders:
        assert {(folder, "de"), (folder, "en")} <= languages, folder


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(WEB)))
def test_catalogue_is_complete_and_compiled(path: Path):
    language = path.parents[1].name
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale=language)
    empty, fuzzy = [], []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            empty.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not empty, f"{path}: {len(empty)} untranslated, e.g. {empty[:3]}"
    assert not fuzzy, f"{path}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"

    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} missing: run compilemessages"
    with compiled.open("rb") as fh:
        translations = gettext.GNUTranslations(fh)
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            assert translations.ngettext(message.id[0], message.id[1], 1) == message.string[0]
        elif message.context:
            assert translations.pgettext(message.context, message.id) == message.string
        else:
            assert translations.gettext(message.id) == message.string, (
                f"{compiled} is older than {path.name}: run compilemessages"
            )


@pytest.mark.django_db
def test_german_is_the_default_and_english_on_request(client):
    german = client.get("/").content.decode()
    assert '<html lang="de">' in german
    assert "Clusteratlas" in german
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english
    assert "Cluster atlas" in english


@pytest.mark.django_db
def test_language_switch_sticks_for_the_session(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()
