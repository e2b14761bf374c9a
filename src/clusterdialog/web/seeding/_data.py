"""Reading the data files of the demo content (``seeding/data/``) and making slugs."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Any

from django.utils.text import slugify

__all__ = ["ascii_slug", "read_json", "read_towns"]

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def _text(name: str) -> str:
    return (files("clusterdialog.web.seeding") / "data" / name).read_text(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    """The parsed content of ``seeding/data/<name>`` (cached; do not mutate it)."""
    return json.loads(_text(name))


@cache
def read_towns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Towns per Kreis key: ``{"08111": (("Stuttgart", "70173"), …), …}``."""
    towns: dict[str, list[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(_text("towns.csv"))):
        towns.setdefault(row["kreis"], []).append((row["town"], row["postcode"]))
    return {kreis: tuple(rows) for kreis, rows in towns.items()}


def ascii_slug(text: str) -> str:
    """A slug that spells umlauts the German way.

    Examples
    --------
    >>> ascii_slug("Häberle Präzisionsteile GmbH & Co. KG")
    'haeberle-praezisionsteile-gmbh-co-kg'
    >>> ascii_slug("Weiß")
    'weiss'
    """
    text = unicodedata.normalize("NFC", text).translate(_UMLAUTS)
    return slugify(text)
