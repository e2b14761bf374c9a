"""NAICS: the North American Industry Classification System.

Levels, from coarse to fine: ``sector`` (2 digits), ``subsector`` (3),
``industry_group`` (4), ``naics_industry`` (5) and ``national_industry`` (6).
Manufacturing (31–33), Retail Trade (44–45) and Transportation and Warehousing
(48–49) span several 2-digit codes but are one sector each.

Normalisation
-------------
Blanks are stripped.  A 2-digit code becomes its sector: ``31``, ``32``,
``33`` and ``31-33`` all become ``31-33`` (likewise ``44-45`` and ``48-49``).
Trailing placeholders of County Business Patterns files are removed
(``31----`` → ``31-33``, ``3111//`` → ``3111``); ``------``, ``TOTAL`` and
``_T`` become ``TOTAL``.  Codes of 3 to 6 digits are kept as digit strings.

Sector ``99`` ("Industries not classified") is not part of NAICS but is used
by the Census Bureau's County Business Patterns; it is accepted.  Codes
outside the sectors below (such as Emsi's ``90xxxx`` government codes) are
invalid.  Only sector titles are bundled (English).

References
----------
Executive Office of the President, Office of Management and Budget (2017).
North American Industry Classification System, United States, 2017.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from clusterdialog.data.classifications.base import TOTAL_LEVEL, Classification, ParsedCode

__all__ = ["NAICS", "NAICSClassification", "NAICS_SECTORS"]

#: NAICS sectors: code → title (NAICS 2017; ``99`` as used by County Business Patterns).
NAICS_SECTORS: MappingProxyType[str, str] = MappingProxyType(
    {
        "11": "Agriculture, Forestry, Fishing and Hunting",
        "21": "Mining, Quarrying, and Oil and Gas Extraction",
        "22": "Utilities",
        "23": "Construction",
        "31-33": "Manufacturing",
        "42": "Wholesale Trade",
        "44-45": "Retail Trade",
        "48-49": "Transportation and Warehousing",
        "51": "Information",
        "52": "Finance and Insurance",
        "53": "Real Estate and Rental and Leasing",
        "54": "Professional, Scientific, and Technical Services",
        "55": "Management of Companies and Enterprises",
        "56": "Administrative and Support and Waste Management and Remediation Services",
        "61": "Educational Services",
        "62": "Health Care and Social Assistance",
        "71": "Arts, Entertainment, and Recreation",
        "72": "Accommodation and Food Services",
        "81": "Other Services (except Public Administration)",
        "92": "Public Administration",
        "99": "Industries not classified (County Business Patterns)",
    }
)


def _sector_atoms(sector: str) -> tuple[str, ...]:
    low, _, high = sector.partition("-")
    return tuple(str(n) for n in range(int(low), int(high or low) + 1))


_TWO_DIGIT_SECTOR = {atom: s for s in NAICS_SECTORS for atom in _sector_atoms(s)}
_TOTALS = {"TOTAL", "_T", "------"}
_LEVELS = ("sector", "subsector", "industry_group", "naics_industry", "national_industry")
_PLACEHOLDERS = re.compile(r"[-/]+$")


@dataclass(frozen=True)
class NAICSClassification(Classification):
    """NAICS (see the module documentation for the accepted spellings).

    Examples
    --------
    >>> NAICS.normalize("31----"), NAICS.normalize("3111//"), NAICS.normalize("32")
    ('31-33', '3111', '31-33')
    >>> NAICS.ancestors("311111")
    ('31111', '3111', '311', '31-33')
    >>> NAICS.level_of("311111"), NAICS.title("44")
    ('national_industry', 'Retail Trade')
    """

    name: str = "NAICS"
    levels: tuple[str, ...] = _LEVELS
    pattern: str = (
        "a NAICS code of 2 to 6 digits starting with a sector (11, 21, 22, 23, 31-33, 42, "
        "44-45, 48-49, 51-56, 61, 62, 71, 72, 81, 92, 99), optionally padded with '-' or '/' "
        "as in County Business Patterns ('31----', '3111//'), or 'TOTAL'"
    )

    def _parse(self, text: str) -> ParsedCode | None:
        code = text.upper().replace(" ", "")
        if code in _TOTALS:
            return ParsedCode("TOTAL", TOTAL_LEVEL, ("",))
        if code in NAICS_SECTORS:
            return ParsedCode(code, "sector", _sector_atoms(code))
        code = _PLACEHOLDERS.sub("", code)
        if not code.isdigit() or not 2 <= len(code) <= 6 or not code.isascii():
            return None
        sector = _TWO_DIGIT_SECTOR.get(code[:2])
        if sector is None:
            return None
        if len(code) == 2:
            return ParsedCode(sector, "sector", _sector_atoms(sector))
        return ParsedCode(code, _LEVELS[len(code) - 2], (code,))

    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        if level == "sector":
            return _TWO_DIGIT_SECTOR[parsed.atoms[0][:2]]
        return parsed.code[: _LEVELS.index(level) + 2]

    def _titles(self, code: str) -> dict[str, str]:
        return {"en": NAICS_SECTORS[code]} if code in NAICS_SECTORS else {}


#: NAICS (2 to 6 digits).
NAICS = NAICSClassification()
