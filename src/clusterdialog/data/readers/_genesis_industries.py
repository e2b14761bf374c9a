"""Industry codes of GENESIS tables: WZ 2008 codes from the row labels, and the
finest non-overlapping partition, so that aggregate rows (``B-F`` beside
``B-E`` and ``F``) are never counted twice."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from clusterdialog.data.classifications.wz import SECTION_DIVISIONS
from clusterdialog.data.readers._common import check_choice
from clusterdialog.errors import InputError

__all__ = ["WZ_LABELS", "code_of_label", "select_industries"]


#: WZ 2008 aggregates that GENESIS prints without a code (lower case, single spaces).
WZ_LABELS: dict[str, str] = {
    "insgesamt": "TOTAL",
    "freiberufl,wissenschaftl. techn. dienstl.,sonst.dl": "M-N",
    "öff.verw.,verteidig.,sozialvers.,erz.-u.unterricht": "O-Q",
    "kunst, unterhaltung, erholung, priv. haush.,usw.": "R-U",
}
_CODE_IN_LABEL = re.compile(r"\(\s*([A-U](?:\s*[-–]\s*[A-U])?|\d{2}(?:\s*[-–]\s*\d{2})?)\s*\)\s*$")


def code_of_label(label: str) -> str | None:
    """WZ 2008 code of a GENESIS classification label, or None."""
    key = " ".join(label.split()).casefold()
    if key in WZ_LABELS:
        return WZ_LABELS[key]
    match = _CODE_IN_LABEL.search(label)
    if match:
        return re.sub(r"\s*[-–]\s*", "-", match.group(1))
    return None


def _divisions(code: str) -> frozenset[int]:
    """The WZ 2008 divisions a section, range of sections, division or range covers."""
    if code == "TOTAL":
        return frozenset(int(d) for divisions in SECTION_DIVISIONS.values() for d in divisions)
    first, _, last = code.partition("-")
    last = last or first
    if first.isalpha():
        letters = list(SECTION_DIVISIONS)
        span = letters[letters.index(first) : letters.index(last) + 1]
        return frozenset(int(d) for s in span for d in SECTION_DIVISIONS[s])
    return frozenset(range(int(first), int(last) + 1))


def _partition(codes: list[str]) -> tuple[set[str], list[str]]:
    """Return the codes that are sums of other codes, and the finest partition.

    A code is an aggregate when the codes strictly inside it cover it
    completely (``B-F`` = ``B-E`` ∪ ``F``).  The partition keeps the other
    codes except those nested in another kept code (``C`` inside ``B-E``).
    """
    atoms = {c: _divisions(c) for c in codes}
    aggregates = set()
    for code, inner in atoms.items():
        parts = [a for other, a in atoms.items() if other != code and a < inner]
        if parts and frozenset().union(*parts) == inner:
            aggregates.add(code)
    rest = [c for c in codes if c not in aggregates]
    partition = [c for c in rest if not any(atoms[c] < atoms[o] for o in rest if o != c)]
    return aggregates, partition


def select_industries(
    long: pd.DataFrame, industries: str | Sequence[str], *, label: str, source: str
) -> tuple[pd.DataFrame, list[str] | None, str | list[str]]:
    """Derive industry codes from the labels and keep the requested rows."""
    if "industry_name" not in long.columns:
        if not isinstance(industries, str):
            raise InputError(f"industries: {source} has no classification column to select from")
        check_choice("industries", industries, ["partition", "all"])
        return long.assign(industry=label), None, industries
    names = pd.unique(long["industry_name"])
    mapping = {name: code_of_label(name) for name in names}
    unknown = [name for name, code in mapping.items() if code is None]
    long = long.assign(
        industry=long["industry_name"].map({n: c or n for n, c in mapping.items()}).astype(str)
    )
    if not isinstance(industries, str):
        wanted = list(industries)
        missing = [c for c in wanted if c not in set(long["industry"])]
        if missing:
            raise InputError(
                f"industries: {missing} not in {source}; codes present: "
                f"{list(pd.unique(long['industry']))}"
            )
        return long.loc[long["industry"].isin(wanted)], None, wanted
    check_choice("industries", industries, ["partition", "all"])
    if unknown:
        if industries == "all":
            return long, None, industries
        raise InputError(
            f"industries: cannot place the label(s) {unknown} of {source} in WZ 2008, so the "
            "non-overlapping partition is unknown; use industries='all' or a list of codes"
        )
    present = list(pd.unique(long["industry"]))
    aggregates, partition = _partition(present)
    if industries == "partition":
        return long.loc[long["industry"].isin(partition)], partition, industries
    long = long.assign(
        industry_aggregate=long["industry"].isin(aggregates),
        in_partition=long["industry"].isin(partition),
    )
    return long, partition, industries
