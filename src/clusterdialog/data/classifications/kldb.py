"""KldB 2010: the German Classification of Occupations (Klassifikation der Berufe 2010).

Levels, from coarse to fine, one digit each: ``berufsbereich`` (1 digit, 10
occupational areas, ``0`` = military), ``berufshauptgruppe`` (2),
``berufsgruppe`` (3, the level of the BA regional statistics),
``berufsuntergruppe`` (4) and ``berufsgattung`` (5; the fifth digit is the
requirement level 1 Helfer, 2 Fachkraft, 3 Spezialist, 4 Experte).

Codes are digit strings and are only stripped of blanks (leading zeros
matter: ``011`` is the military group "Offiziere").  A code is valid when its
3-digit prefix is one of the 144 Berufsgruppen (140 civilian groups as in the
BA statistics and the 4 military groups 011–014), its 2-digit prefix is the
prefix of such a group, and a fifth digit is 1–4.  4- and 5-digit codes are
checked structurally only.  BA's "ohne Angabe" (no information) is not a code.

Titles are bundled for the 10 Berufsbereiche (KldB 2010) and the 144
Berufsgruppen (BA short names, © Statistik der Bundesagentur für Arbeit;
military groups from the KldB 2010), in German.

References
----------
Bundesagentur für Arbeit (2011). Klassifikation der Berufe 2010 – Band 1: Systematischer und
alphabetischer Teil mit Erläuterungen. Nürnberg.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from clusterdialog.data.classifications.base import Classification, ParsedCode, load_table

__all__ = ["KLDB", "KldBClassification"]

_LEVELS = (
    "berufsbereich",
    "berufshauptgruppe",
    "berufsgruppe",
    "berufsuntergruppe",
    "berufsgattung",
)


@functools.cache
def _titles_table() -> dict[str, str]:
    return {row["code"]: row["title"] for row in load_table("kldb_titles.csv")}


@functools.cache
def _groups() -> frozenset[str]:
    return frozenset(code for code in _titles_table() if len(code) == 3)


@dataclass(frozen=True)
class KldBClassification(Classification):
    """KldB 2010 (see the module documentation).

    Examples
    --------
    >>> KLDB.ancestors("43412")
    ('4341', '434', '43', '4')
    >>> KLDB.level_of("434"), KLDB.title("434")
    ('berufsgruppe', 'Softwareentwicklung und Programmierung')
    >>> KLDB.title("4")
    'Naturwissenschaft, Geografie und Informatik'
    """

    name: str = "KldB 2010"
    levels: tuple[str, ...] = _LEVELS
    pattern: str = (
        "a KldB 2010 code of 1 to 5 digits whose first three digits are a Berufsgruppe "
        "(e.g. '2', '25', '251', '2510', '25102'; military '011'-'014'; fifth digit 1-4)"
    )

    def _parse(self, text: str) -> ParsedCode | None:
        code = text.replace(" ", "")
        if not (code.isascii() and code.isdigit() and 1 <= len(code) <= 5):
            return None
        groups = _groups()
        if len(code) >= 3 and code[:3] not in groups:
            return None
        if len(code) == 2 and not any(g.startswith(code) for g in groups):
            return None
        if len(code) == 5 and code[4] not in "1234":
            return None
        return ParsedCode(code, _LEVELS[len(code) - 1], (code,))

    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        return parsed.code[: _LEVELS.index(level) + 1]

    def _titles(self, code: str) -> dict[str, str]:
        title = _titles_table().get(code)
        return {"de": title} if title else {}


#: KldB 2010 (1 to 5 digits).
KLDB = KldBClassification()
