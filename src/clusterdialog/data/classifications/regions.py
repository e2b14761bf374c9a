"""Region hierarchies: German regional keys (AGS/ARS) and NUTS.

German keys
-----------
The Amtlicher Gemeindeschlüssel (AGS, 8 digits) and the Amtlicher
Regionalschlüssel (ARS, 12 digits) nest by prefix::

    08                Land (01 Schleswig-Holstein … 16 Thüringen)
    081               Regierungsbezirk or statistical region ("0" where a Land has none: 010)
    08111             Kreis (kreisfreie Stadt or Landkreis)
    081110000         Gemeindeverband (ARS, 9 digits)
    08111000          Gemeinde (AGS: Kreis + 3 digits)
    081110000000      Gemeinde (ARS: Gemeindeverband + 3 digits)

Levels of :data:`AGS`: ``country``, ``land``, ``regierungsbezirk``, ``kreis``,
``gemeindeverband``, ``gemeinde``.  Germany is ``DG`` (the GENESIS key);
``DE`` is accepted and normalised to ``DG``.  Keys are strings of digits,
otherwise kept as given; a key that lost its leading zero (``8111``) is
invalid.  The Gemeindeverband of an 8-digit AGS cannot be derived from it, and
an 8-digit AGS and the 12-digit ARS of the same Gemeinde are not recognised as
overlapping.  The 8-digit Kreis keys of INKAR (``08111000``) read as the AGS of
the Gemeinde that has the same number.

Names: the 16 Länder, the Regierungsbezirke and statistical regions listed in
GENESIS (© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0), and the
401 Kreise of 2021 (© GeoBasis-DE / BKG (2021), dl-de/by-2-0 (Daten verändert))
plus 06415 Hanau as used by the Bundesagentur für Arbeit.

NUTS
----
:data:`NUTS` codes nest by truncation: ``DE`` (country) → ``DE1`` (NUTS 1) →
``DE11`` (NUTS 2) → ``DE111`` (NUTS 3).  Codes are upper-cased; names are
bundled for Germany's NUTS-1 regions (the Länder) only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from clusterdialog.data.classifications.base import (
    Classification,
    ParsedCode,
    get_classification,
    load_table,
)

__all__ = [
    "AGS",
    "NUTS",
    "AGSClassification",
    "NUTSClassification",
    "kreis_table",
    "land_table",
    "region_parent_mapping",
]

_GERMANY = {"DG", "DE", "DEUTSCHLAND", "GERMANY"}
_AGS_LEVELS = ("country", "land", "regierungsbezirk", "kreis", "gemeindeverband", "gemeinde")
_AGS_LENGTHS = {2: "land", 3: "regierungsbezirk", 5: "kreis", 8: "gemeinde", 9: "gemeindeverband"}
_AGS_LENGTHS[12] = "gemeinde"
_AGS_PREFIX = {"land": 2, "regierungsbezirk": 3, "kreis": 5, "gemeindeverband": 9}


@functools.cache
def _ags_names() -> dict[str, str]:
    names = {"DG": "Deutschland"}
    names.update({row["code"]: row["name"] for row in load_table("lands.csv")})
    names.update({row["code"]: row["name"] for row in load_table("regierungsbezirke.csv")})
    names.update({row["ars"]: row["name"] for row in load_table("kreise.csv")})
    return names


@functools.cache
def _nuts_names() -> dict[str, str]:
    names = {"DE": "Deutschland"}
    names.update({row["nuts1"]: row["name"] for row in load_table("lands.csv")})
    return names


@dataclass(frozen=True)
class AGSClassification(Classification):
    """German regional keys AGS/ARS (see the module documentation).

    Examples
    --------
    >>> AGS.ancestors("08111")
    ('081', '08', 'DG')
    >>> AGS.parent("081110000000", level="kreis"), AGS.parent("08111000")
    ('08111', '08111')
    >>> AGS.title("08111"), AGS.title("08"), AGS.title("081")
    ('Stuttgart', 'Baden-Württemberg', 'Stuttgart')
    """

    name: str = "AGS/ARS"
    levels: tuple[str, ...] = _AGS_LEVELS
    pattern: str = (
        "a German regional key of 2 (Land 01-16), 3 (Regierungsbezirk), 5 (Kreis), "
        "8 (Gemeinde, AGS), 9 (Gemeindeverband, ARS) or 12 digits (Gemeinde, ARS), "
        "with leading zeros, or 'DG'/'DE' for Germany"
    )

    def _parse(self, text: str) -> ParsedCode | None:
        code = text.replace(" ", "")
        if code.upper() in _GERMANY:
            return ParsedCode("DG", "country", ("",))
        level = _AGS_LENGTHS.get(len(code))
        if level is None or not (code.isascii() and code.isdigit()):
            return None
        if not 1 <= int(code[:2]) <= 16:
            return None
        if len(code) == 8:  # AGS: no Gemeindeverband; kept apart from 9/12-digit ARS keys
            atom = code[:5] + "-" + code[5:]
        elif len(code) >= 9:
            atom = code[:5] + "V" + code[5:]
        else:
            atom = code
        return ParsedCode(code, level, (atom,))

    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        if level == "country":
            return "DG"
        if level == "gemeinde":
            return parsed.code
        if level == "gemeindeverband" and len(parsed.code) == 8:
            return None
        return parsed.code[: _AGS_PREFIX[level]]

    def _titles(self, code: str) -> dict[str, str]:
        name = _ags_names().get(code)
        if name is None:
            return {}
        return {"de": name, "en": "Germany"} if code == "DG" else {"de": name}


@dataclass(frozen=True)
class NUTSClassification(Classification):
    """NUTS codes (country, NUTS 1, NUTS 2, NUTS 3), nested by truncation.

    Examples
    --------
    >>> NUTS.ancestors("DE111")
    ('DE11', 'DE1', 'DE')
    >>> NUTS.level_of("DE11"), NUTS.title("DE1")
    ('nuts2', 'Baden-Württemberg')
    """

    name: str = "NUTS"
    levels: tuple[str, ...] = ("country", "nuts1", "nuts2", "nuts3")
    pattern: str = (
        "a NUTS code: 2-letter country code followed by 0 to 3 letters or digits "
        "(e.g. 'DE', 'DE1', 'DE11', 'DE111')"
    )

    def _parse(self, text: str) -> ParsedCode | None:
        code = text.replace(" ", "").upper()
        if not (2 <= len(code) <= 5 and code.isascii() and code.isalnum()):
            return None
        if not code[:2].isalpha():
            return None
        return ParsedCode(code, self.levels[len(code) - 2], (code,))

    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        return parsed.code[: self.levels.index(level) + 2]

    def _titles(self, code: str) -> dict[str, str]:
        name = _nuts_names().get(code)
        if name is None:
            return {}
        return {"de": name, "en": "Germany"} if code == "DE" else {"de": name}


#: German regional keys (AGS/ARS).
AGS = AGSClassification()
#: NUTS codes.
NUTS = NUTSClassification()


def region_parent_mapping(
    regions: Iterable[str],
    level: str = "land",
    *,
    classification: Classification | str = "ags",
) -> dict[str, str]:
    """Return a dictionary mapping each region key to the region containing it at ``level``.

    Use it to compare a region with its Land (pass it as the reference groups
    of a specialisation measure) or as ``mapping=`` of
    :func:`~clusterdialog.data.classifications.aggregate_panel`.

    Parameters
    ----------
    regions : iterable of str
        Region keys (strings with leading zeros), e.g. Kreis keys.
    level : str
        Target level: for AGS ``"country"``, ``"land"``, ``"regierungsbezirk"``,
        ``"kreis"``, ``"gemeindeverband"``; for NUTS ``"country"``, ``"nuts1"``,
        ``"nuts2"``.
    classification : Classification or str
        ``"ags"`` (default) or ``"nuts"``.

    Returns
    -------
    dict
        ``{region: parent}``, keys as given, in the order first seen.

    Raises
    ------
    InputError
        Listing invalid keys, for an unknown level, or if a key is coarser
        than ``level``.

    Examples
    --------
    >>> region_parent_mapping(["08111", "08115", "09162"])
    {'08111': '08', '08115': '08', '09162': '09'}
    >>> region_parent_mapping(["DE111", "DE212"], "nuts1", classification="nuts")
    {'DE111': 'DE1', 'DE212': 'DE2'}
    """
    return get_classification(classification).parent_mapping(regions, level)


def land_table() -> pd.DataFrame:
    """Return the 16 Länder: ``land`` key, ``name``, ``abbreviation``, ``nuts1`` code.

    Examples
    --------
    >>> land_table().set_index("land").loc["08", "nuts1"]
    'DE1'
    """
    frame = pd.DataFrame(list(load_table("lands.csv")))
    return frame.rename(columns={"code": "land"})


def kreis_table() -> pd.DataFrame:
    """Return the bundled Kreise with their Regierungsbezirk and Land.

    Columns: ``kreis`` (5-digit key), ``name``, ``type`` (Kreisfreie Stadt,
    Stadtkreis, Landkreis, Kreis), ``source``, ``regierungsbezirk``, ``land``,
    ``land_name``.  402 rows: the 401 Kreise of 2021 (BKG) and 06415 Hanau (BA).

    Examples
    --------
    >>> table = kreis_table()
    >>> len(table), int((table["land"] == "08").sum())
    (402, 44)
    """
    frame = pd.DataFrame(list(load_table("kreise.csv"))).rename(columns={"ars": "kreis"})
    frame["regierungsbezirk"] = frame["kreis"].str[:3]
    frame["land"] = frame["kreis"].str[:2]
    lands = {row["code"]: row["name"] for row in load_table("lands.csv")}
    frame["land_name"] = frame["land"].map(lands)
    return frame
