"""The common abstraction of code hierarchies (industries, occupations, regions).

A :class:`Classification` knows how to recognise and normalise a code, at which
level of its hierarchy the code sits, which code it belongs to at a coarser
level, and which codes contain or overlap which others.  Containment is
decided on *atoms*: every code covers one or more digit strings, and a code
covers everything that starts with one of its atoms (WZ ``10.1`` covers
``"101"``, section ``C`` covers the divisions ``"10"`` … ``"33"``, a total
covers ``""``).  This also decides containment for the groupings of official
tables (``B-E``, ``31-33``) that are not nodes of the strict hierarchy.

Bundled tables (titles, names) are read with :mod:`importlib.resources` once
and cached; nothing else touches files.
"""

from __future__ import annotations

import csv
import functools
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from clusterdialog.errors import InputError

__all__ = ["Classification", "ParsedCode", "get_classification", "load_table"]

_MAX_LISTED = 10

#: Pseudo-levels of codes outside the strict hierarchy.
TOTAL_LEVEL = "total"
AGGREGATE_LEVEL = "aggregate"


@dataclass(frozen=True)
class ParsedCode:
    """A recognised code: its normal form, its level and the atoms it covers."""

    code: str
    level: str
    atoms: tuple[str, ...]


@functools.cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of a bundled CSV file as dictionaries of strings (cached).

    Lines starting with ``#`` are comments (source and licence notes).
    """
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines))


def _list(items: Iterable[object]) -> str:
    items = list(items)
    shown = ", ".join(repr(x) for x in items[:_MAX_LISTED])
    more = len(items) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class Classification(ABC):
    """A hierarchy of codes with levels ordered from coarse to fine.

    Subclasses implement :meth:`_parse` (recognise and normalise one code) and
    :meth:`_at_level` (the code at a coarser level); everything else is shared.

    Attributes
    ----------
    name : str
        Name of the classification (``"WZ 2008"``, ``"NAICS"``, …).
    levels : tuple of str
        Level names from the coarsest to the finest.
    pattern : str
        Human-readable description of valid codes, used in error messages.
    """

    name: str
    levels: tuple[str, ...]
    pattern: str

    # ------------------------------------------------------------ to implement
    @abstractmethod
    def _parse(self, text: str) -> ParsedCode | None:
        """Return the parsed code, or None if ``text`` is not a valid code."""

    @abstractmethod
    def _at_level(self, parsed: ParsedCode, level: str) -> str | None:
        """Return the code at ``level`` (coarser or equal), None if not derivable."""

    def _titles(self, code: str) -> dict[str, str]:
        """Return the known titles of a normalised code by language."""
        return {}

    # ----------------------------------------------------------------- parsing
    def parse(self, code: object) -> ParsedCode:
        """Return the :class:`ParsedCode` of ``code`` or raise :class:`InputError`."""
        parsed = self.try_parse(code)
        if parsed is None:
            raise InputError(f"{self.name}: {code!r} is not a valid code; expected {self.pattern}")
        return parsed

    def try_parse(self, code: object) -> ParsedCode | None:
        """Return the :class:`ParsedCode` of ``code``, or None if it is not a valid code."""
        return self._parse(code.strip()) if isinstance(code, str) else None

    def is_valid(self, code: object) -> bool:
        """Return True if ``code`` is a valid code of this classification."""
        return self.try_parse(code) is not None

    def normalize(self, code: object) -> str:
        """Return the normal form of ``code`` (see the module documentation)."""
        return self.parse(code).code

    def validate(self, codes: Iterable[object], *, argument: str = "codes") -> list[str]:
        """Return the normal forms of ``codes``, raising one error that lists all invalid ones.

        Raises
        ------
        InputError
            Naming ``argument``, the invalid codes (up to ten and their number)
            and the expected pattern.
        """
        out: list[str] = []
        invalid: list[object] = []
        for code in codes:
            parsed = self.try_parse(code)
            if parsed is None:
                if code not in invalid:
                    invalid.append(code)
            else:
                out.append(parsed.code)
        if invalid:
            raise InputError(
                f"{argument}: {len(invalid)} invalid {self.name} code(s): {_list(invalid)}; "
                f"expected {self.pattern}"
            )
        return out

    # --------------------------------------------------------------- hierarchy
    def level_of(self, code: object) -> str:
        """Return the level name of ``code`` (``"total"``/``"aggregate"`` outside the hierarchy)."""
        return self.parse(code).level

    def check_level(self, level: object, *, argument: str = "level") -> int:
        """Return the position of ``level`` in :attr:`levels`, or raise :class:`InputError`."""
        if level not in self.levels:
            raise InputError(
                f"{argument}: expected one of {list(self.levels)} for {self.name}, got {level!r}"
            )
        return self.levels.index(level)

    def parent(self, code: object, level: str | None = None) -> str:
        """Return the code that contains ``code`` at a coarser ``level``.

        Parameters
        ----------
        code : str
            A code of this classification.
        level : str, optional
            Target level (one of :attr:`levels`); by default the next coarser
            level at which the parent is defined.  The code's own level
            returns the normalised code itself.

        Raises
        ------
        InputError
            If the code is invalid, outside the hierarchy (a total or a
            grouping), already coarser than ``level``, at the top level, or
            if its parent at ``level`` cannot be derived from the code.
        """
        parsed = self.parse(code)
        if parsed.level not in self.levels:
            raise InputError(
                f"{self.name}: {parsed.code!r} is a {parsed.level}, not a node of the "
                f"hierarchy {list(self.levels)}; it has no parent"
            )
        own = self.levels.index(parsed.level)
        if level is None:
            for candidate in reversed(self.levels[:own]):
                result = self._at_level(parsed, candidate)
                if result is not None:
                    return result
            raise InputError(
                f"{self.name}: {parsed.code!r} is at the top level {parsed.level!r}; "
                "it has no parent"
            )
        target = self.check_level(level)
        if target > own:
            raise InputError(
                f"{self.name}: {parsed.code!r} is at level {parsed.level!r}, coarser than "
                f"{level!r}; a parent must be at a coarser level"
            )
        result = self._at_level(parsed, level)
        if result is None:
            raise InputError(
                f"{self.name}: the {level} of {parsed.code!r} cannot be derived from the code"
            )
        return result

    def ancestors(self, code: object) -> tuple[str, ...]:
        """Return the codes containing ``code``, from its parent up to the top level."""
        parsed = self.parse(code)
        if parsed.level not in self.levels:
            return ()
        own = self.levels.index(parsed.level)
        found = (self._at_level(parsed, lvl) for lvl in reversed(self.levels[:own]))
        return tuple(c for c in found if c is not None)

    def parent_mapping(self, codes: Iterable[object], level: str) -> dict[str, str]:
        """Return ``{code: parent at level}`` for every code (keys as given).

        Raises
        ------
        InputError
            Listing invalid codes, or a code whose parent at ``level`` is undefined.
        """
        codes = [str(c) if not isinstance(c, str) else c for c in codes]
        self.validate(codes, argument="codes")
        self.check_level(level)
        return {code: self.parent(code, level) for code in dict.fromkeys(codes)}

    # ------------------------------------------------------------- containment
    def contains(self, outer: object, inner: object) -> bool:
        """Return True if everything coded ``inner`` is also coded ``outer``.

        A code contains itself; a grouping contains its sections; equal
        content in two spellings (WZ ``D`` and ``35``) contains both ways.
        """
        a, b = self.parse(outer).atoms, self.parse(inner).atoms
        return all(any(y.startswith(x) for x in a) for y in b)

    def overlaps(self, first: object, second: object) -> bool:
        """Return True if the two codes cover some common activity or area."""
        a, b = self.parse(first).atoms, self.parse(second).atoms
        return any(x.startswith(y) or y.startswith(x) for x in a for y in b)

    def find_overlaps(self, codes: Iterable[object]) -> list[tuple[str, str]]:
        """Return the pairs of distinct (normalised) codes that overlap.

        Each pair is ``(coarser, finer)`` when one contains the other, else
        sorted.  Invalid codes raise :class:`InputError`.  Runs in time linear
        in the number of codes times the length of their atoms.
        """
        parsed = {p.code: p for p in (self.parse(c) for c in codes)}
        owners: dict[str, list[str]] = defaultdict(list)
        for p in parsed.values():
            for atom in p.atoms:
                owners[atom].append(p.code)
        pairs: set[tuple[str, str]] = set()
        for p in parsed.values():
            for atom in p.atoms:
                for k in range(len(atom) + 1):
                    for other in owners.get(atom[:k], ()):
                        if other != p.code:
                            pairs.add((other, p.code))
        result = set()
        for a, b in pairs:
            if self.contains(a, b) and not self.contains(b, a):
                result.add((a, b))
            elif self.contains(b, a) and not self.contains(a, b):
                result.add((b, a))
            else:
                result.add(tuple(sorted((a, b))))
        return sorted(result)

    def check_disjoint(self, codes: Iterable[object], *, argument: str = "codes") -> None:
        """Raise :class:`InputError` if codes overlap or spell the same code twice.

        Call it before adding up rows keyed by ``codes``: overlapping codes
        (``C`` and ``10``, ``B-E`` and ``C-F``, Land ``08`` and Kreis ``08111``)
        or two spellings of one code (``1011`` and ``10.11``) would count the
        same cells twice.

        Examples
        --------
        >>> from clusterdialog.data.classifications import WZ
        >>> WZ.check_disjoint(["A", "B-E", "F", "G-U"])
        >>> WZ.check_disjoint(["B-F", "C", "A"], argument="wz")
        Traceback (most recent call last):
        ...
        clusterdialog.errors.InputError: wz mixes WZ 2008 codes where one contains another, so \
        sums would count the same cells twice (1 pair(s)): 'B-F' contains 'C'; keep one level \
        (filter the rows) before adding up
        """
        spellings: dict[str, list[object]] = defaultdict(list)
        for code in codes:
            spellings[self.normalize(code)].append(code)
        twice = [f"{c!r} as {_list(raws)}" for c, raws in spellings.items() if len(set(raws)) > 1]
        if twice:
            raise InputError(
                f"{argument} spells the same code in several ways, which would add up the "
                f"same cells twice: {'; '.join(twice[:_MAX_LISTED])}"
            )
        pairs = self.find_overlaps(spellings)
        if pairs:
            described = "; ".join(
                f"{a!r} {'contains' if self.contains(a, b) else 'overlaps'} {b!r}"
                for a, b in pairs[:_MAX_LISTED]
            )
            raise InputError(
                f"{argument} mixes {self.name} codes where one contains another, so sums would "
                f"count the same cells twice ({len(pairs)} pair(s)): {described}; keep one "
                "level (filter the rows) before adding up"
            )

    # ------------------------------------------------------------------ titles
    def title(self, code: object, *, language: str = "de") -> str | None:
        """Return the title of ``code`` in ``language`` (``"de"`` or ``"en"``).

        Falls back to the other language when the title is known in one
        only; returns None when no title is bundled for the code.
        """
        if language not in ("de", "en"):
            raise InputError(f"language: expected 'de' or 'en', got {language!r}")
        titles = self._titles(self.normalize(code))
        if not titles:
            return None
        return titles.get(language) or next(iter(titles.values()))


def get_classification(classification: Classification | str) -> Classification:
    """Return a classification by instance or name.

    Names (case-insensitive, spaces, dots and hyphens ignored): ``wz``,
    ``wz2008``, ``nace``, ``nace_r2``, ``NACE Rev. 2``;
    ``naics``; ``kldb``, ``kldb2010``; ``ags``, ``ars``; ``nuts``.

    Examples
    --------
    >>> get_classification("nace").name
    'WZ 2008'
    """
    if isinstance(classification, Classification):
        return classification
    from clusterdialog.data.classifications.kldb import KLDB
    from clusterdialog.data.classifications.naics import NAICS
    from clusterdialog.data.classifications.regions import AGS, NUTS
    from clusterdialog.data.classifications.wz import WZ

    known = {
        "wz": WZ,
        "wz2008": WZ,
        "nace": WZ,
        "nace_r2": WZ,
        "nacerev2": WZ,
        "naics": NAICS,
        "kldb": KLDB,
        "kldb2010": KLDB,
        "ags": AGS,
        "ars": AGS,
        "nuts": NUTS,
    }
    key = str(classification).lower().replace(" ", "").replace("-", "").replace(".", "")
    if key not in known:
        raise InputError(
            f"classification: expected a Classification or one of {sorted(known)}, "
            f"got {classification!r}"
        )
    return known[key]
