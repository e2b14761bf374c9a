"""WZ 2008 / NACE Rev. 2: the German and European classification of economic activities.

Levels, from coarse to fine: ``section`` (letter ``A``–``U``), ``division``
(2 digits), ``group`` (3), ``class`` (4) and the German ``subclass`` (5 digits,
WZ 2008 only; NACE Rev. 2 stops at the class).

Normalisation
-------------
Codes are stripped of blanks and upper-cased, then written the WZ way:
``10``, ``10.1``, ``10.11``, ``10.11.0``.  NACE-style codes without dots
(``1011``), with a section prefix (``C10``, ``C1011``, Eurostat's ``I551``)
or both are recognised; the prefix must be the division's own section.
``TOTAL``, ``Insgesamt`` and SDMX ``_T`` become ``TOTAL``; it covers all activity,
including employment without an assignment, so it contains ``A-U`` but not
the other way round.

Groupings of official tables are recognised as codes of level
``"aggregate"`` and kept as written (upper-cased, blanks removed): section
ranges and unions (``B-E``, ``G-U``, ``B+D+E``), ranges of divisions or groups
(``C10-C12``, ``I551-I553``), Eurostat unions and exclusions (``I552_I553``,
``B-S_X_O``) and the NACE A*38 sub-section aggregates (``CA`` … ``QB``).
Containment between any two codes (:func:`wz_contains`) and the sections a
grouping touches (:func:`wz_sections_covered`) follow from the divisions each
code covers; readers and :func:`~clusterdialog.data.classifications.aggregate_panel`
use them to avoid double counting.

References
----------
Statistisches Bundesamt (2008). Klassifikation der Wirtschaftszweige, Ausgabe 2008 (WZ 2008).
Eurostat (2008). NACE Rev. 2 – Statistical classification of economic activities in the
European Community. Regulation (EC) No 1893/2006.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import MappingProxyType

from clusterdialog.data.classifications.base import (
    AGGREGATE_LEVEL,
    TOTAL_LEVEL,
    Classification,
    ParsedCode,
    load_table,
)

__all__ = [
    "SECTION_DIVISIONS",
    "WZ",
    "WZClassification",
    "wz_contains",
    "wz_sections_covered",
]

_RANGES = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}  # fmt: skip

#: The divisions of each section (official NACE Rev. 2 / WZ 2008 ranges).
SECTION_DIVISIONS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {s: tuple(f"{d:02d}" for d in range(lo, hi + 1)) for s, (lo, hi) in _RANGES.items()}
)
_DIVISION_SECTION = {d: s for s, divisions in SECTION_DIVISIONS.items() for d in divisions}
_TOTALS = {"TOTAL", "INSGESAMT", "_T"}
_DIGIT_LEVELS = {2: "division", 3: "group", 4: "class", 5: "subclass"}
_LEVEL_DIGITS = {level: n for n, level in _DIGIT_LEVELS.items()}
_SINGLE = re.compile(r"(?P<letter>[A-U])?(?P<num>\d{2}(?:\.\d(?:\d(?:\.\d)?)?)?|\d{3,5})")
_MAX_RANGE = 10_000


def _format(digits: str) -> str:
    """Write a digit string the WZ way: ``10``, ``10.1``, ``10.11``, ``10.11.0``."""
    if len(digits) <= 3:
        return digits[:2] + ("." + digits[2:] if len(digits) == 3 else "")
    return digits[:2] + "." + digits[2:4] + ("." + digits[4:] if len(digits) == 5 else "")


@functools.cache
def _titles_table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in load_table("wz_titles.csv"):
        out[row["code"]] = {k: row[f"title_{k}"] for k in ("de", "en") if row[f"title_{k}"]}
    return out


@functools.cache
def _a38() -> dict[str, tuple[str, ...]]:
    out = {}
    for row in load_table("wz_titles.csv"):
        if row["kind"] == "a38":
            lo, _, hi = row["divisions"].partition("-")
            out[row["code"]] = tuple(f"{d:02d}" for d in range(int(lo), int(hi or lo) + 1))
    return out


@dataclass(frozen=True)
class WZClassification(Classification):
    """WZ 2008 / NACE Rev. 2 (see the module documentation for the accepted spellings).

    Examples
    --------
    >>> WZ.normalize("C1011"), WZ.normalize("10110"), WZ.normalize(" insgesamt ")
    ('10.11', '10.11.0', 'TOTAL')
    >>> WZ.ancestors("10.11")
    ('10.1', '10', 'C')
    >>> WZ.parent("10.11.0", level="division"), WZ.level_of("B-E")
    ('10', 'aggregate')
    >>> WZ.title("C"), WZ.title("C", language="en")
    ('Verarbeitendes Gewerbe', 'Manufacturing')
    """

    name: str = "WZ 2008"
    levels: tuple[str, ...] = ("section", "division", "group", "class", "subclass")
    pattern: str = (
        "a WZ 2008 / NACE Rev. 2 code: section letter A-U, division '10', group '10.1', "
        "class '10.11', subclass '10.11.0' (dots optional, section prefix allowed: 'C1011'), "
        "a grouping such as 'B-E', 'B+D+E', 'C10-C12', 'CA', or 'TOTAL'"
    )

    def _parse(self, text: str) -> ParsedCode | None:
        code = text.upper().replace(" ", "")
        if not code:
            return None
        if code in _TOTALS:
            return ParsedCode("TOTAL", TOTAL_LEVEL, ("",))
        single = _parse_single(code)
        if single is not None:
            return single
        atoms = _parse_grouping(code)
        if atoms is None:
            return None
        return ParsedCode(code, AGGREGATE_LEVEL, atoms)

    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        if parsed.level == "section":
            return parsed.code if level == "section" else None
        digits = parsed.atoms[0]
        if level == "section":
            return _DIVISION_SECTION[digits[:2]]
        return _format(digits[: _LEVEL_DIGITS[level]])

    def _titles(self, code: str) -> dict[str, str]:
        return _titles_table().get(code, {})


def _parse_single(code: str) -> ParsedCode | None:
    """Parse a section, an A*38 aggregate or one numeric code (with optional prefix)."""
    if code in SECTION_DIVISIONS:
        return ParsedCode(code, "section", SECTION_DIVISIONS[code])
    if code in _a38():
        return ParsedCode(code, AGGREGATE_LEVEL, _a38()[code])
    match = _SINGLE.fullmatch(code)
    if match is None:
        return None
    digits = match["num"].replace(".", "")
    section = _DIVISION_SECTION.get(digits[:2])
    if section is None or (match["letter"] is not None and match["letter"] != section):
        return None
    return ParsedCode(_format(digits), _DIGIT_LEVELS[len(digits)], (digits,))


def _parse_range(low: str, high: str) -> tuple[str, ...] | None:
    a, b = _parse_single(low), _parse_single(high)
    if a is None or b is None or a.level != b.level or a.level == AGGREGATE_LEVEL:
        return None
    if a.level == "section":
        if a.code > b.code:
            return None
        return tuple(
            d for s in SECTION_DIVISIONS if a.code <= s <= b.code for d in SECTION_DIVISIONS[s]
        )
    lo, hi, width = int(a.atoms[0]), int(b.atoms[0]), len(a.atoms[0])
    if lo > hi or hi - lo > _MAX_RANGE:
        return None
    numbers = (f"{n:0{width}d}" for n in range(lo, hi + 1))
    return tuple(n for n in numbers if n[:2] in _DIVISION_SECTION)


def _parse_union(text: str) -> tuple[str, ...] | None:
    atoms: list[str] = []
    for part in re.split(r"[+,_]", text):
        low, dash, high = part.partition("-")
        found = _parse_range(low, high) if dash else _parse_single(part)
        if found is None:
            return None
        atoms.extend(found.atoms if isinstance(found, ParsedCode) else found)
    return tuple(atoms)


def _parse_grouping(code: str) -> tuple[str, ...] | None:
    """Return the atoms of a grouping (``B-E``, ``B+D+E``, ``C10-C12``, ``B-S_X_O``)."""
    include, *excluded = code.split("_X_")
    atoms = _parse_union(include)
    if not atoms:
        return None
    kept = set(atoms)
    for part in excluded:
        removed = _parse_union(part)
        if not removed or not set(removed) <= kept:
            return None
        kept -= set(removed)
    if not kept:
        return None
    return tuple(sorted(kept))


#: WZ 2008 / NACE Rev. 2.
WZ = WZClassification()


def wz_sections_covered(code: str) -> tuple[str, ...]:
    """Return the sections that a WZ code or grouping covers wholly or in part.

    Parameters
    ----------
    code : str
        Any WZ code: a total, a grouping, a section or a finer code.

    Returns
    -------
    tuple of str
        Section letters in alphabetical order.  A finer code returns its own
        section; a sub-section grouping (``CA``, ``C10-C12``) returns the
        section it lies in (use :func:`wz_contains` for exact containment).

    Raises
    ------
    InputError
        If ``code`` is not a WZ code.

    Examples
    --------
    >>> wz_sections_covered("B-E")
    ('B', 'C', 'D', 'E')
    >>> wz_sections_covered("B-S_X_O")[-3:], wz_sections_covered("10.11")
    (('Q', 'R', 'S'), ('C',))
    >>> len(wz_sections_covered("TOTAL"))
    21
    """
    atoms = WZ.parse(code).atoms
    return tuple(
        s
        for s, divisions in SECTION_DIVISIONS.items()
        if any(d.startswith(a) or a.startswith(d) for d in divisions for a in atoms)
    )


def wz_contains(outer: str, inner: str) -> bool:
    """Return True if every activity coded ``inner`` is also coded ``outer``.

    Examples
    --------
    >>> wz_contains("B-E", "C"), wz_contains("C", "10.11"), wz_contains("C", "B-E")
    (True, True, False)
    >>> wz_contains("TOTAL", "M-N"), wz_contains("D", "35"), wz_contains("35", "D")
    (True, True, True)
    """
    return WZ.contains(outer, inner)
