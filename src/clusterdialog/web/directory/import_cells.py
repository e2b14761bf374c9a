"""Reading an uploaded table and checking its cells, for :mod:`.imports`.

:func:`read_table` accepts CSV (UTF-8 or Windows-1252, separator ``;``, ``,``
or tab, detected from the header line) and XLSX, checks extension, content
and size, and returns strings only.  :class:`CellChecker` converts the cells of
one row and records a :class:`Problem` for every cell it rejects: the
spreadsheet row (the header is row 1), the column, the value, and what was
expected, in the user's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import gettext as _

from clusterdialog.data.classifications import WZ
from clusterdialog.errors import InputError
from clusterdialog.web.directory.exports import LIST_SEPARATOR

__all__ = [
    "LIST_SEPARATOR",
    "MAX_FILE_BYTES",
    "CellChecker",
    "Problem",
    "choice_lookup",
    "industry_key",
    "read_table",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
_TRUE = {"1", "true", "yes", "ja", "wahr", "x"}
_FALSE = {"0", "false", "no", "nein", "falsch"}
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")
_url = URLValidator()


@dataclass(frozen=True)
class Problem:
    """One rejected cell: spreadsheet row (header = 1), column, value, what was expected."""

    row: int
    column: str
    value: str
    expected: str


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX file into a table of strings (empty cells as ``""``).

    Raises
    ------
    InputError
        For another extension, a file above :data:`MAX_FILE_BYTES`, content that
        does not match the extension, or an unreadable file.
    """
    lower = name.lower()
    if len(content) > MAX_FILE_BYTES:
        raise InputError(
            f"{name}: {len(content):,} bytes; at most {MAX_FILE_BYTES:,} bytes are accepted"
        )
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK\x03\x04"):
            raise InputError(f"{name}: not an Excel workbook (.xlsx is a ZIP file)")
        try:
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for damaged files
            raise InputError(f"{name}: the workbook cannot be read ({exc})") from None
    elif lower.endswith(".csv"):
        if b"\x00" in content:
            raise InputError(f"{name}: not a text file (contains NUL bytes)")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        header = text.split("\n", 1)[0]
        separator = max(";,\t", key=header.count) if header.strip() else ","
        try:
            frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
            raise InputError(f"{name}: the CSV file cannot be read ({exc})") from None
    else:
        raise InputError(f"{name}: expected a .csv or .xlsx file")
    frame = frame.fillna("").astype(str)
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def choice_lookup(choices) -> dict[str, str]:
    """Value or label (German or English, any case) → value."""
    from django.utils import translation

    lookup = {}
    for language in ("en", "de"):
        with translation.override(language):
            for value, label in choices:
                lookup[str(label).strip().lower()] = value
    for value, _label in choices:
        lookup[str(value).lower()] = value
    return lookup


class CellChecker:
    """Collects problems while converting the cells of one row."""

    def __init__(self, problems: list[Problem], row: int):
        self.problems = problems
        self.row = row

    def problem(self, column: str, value: str, expected: str) -> None:
        self.problems.append(Problem(self.row, column, value, expected))

    def text(self, cells, column, max_length, *, required=False):
        value = cells.get(column, "").strip()
        if required and not value:
            self.problem(column, value, _("a value (the cell must not be empty)"))
        elif len(value) > max_length:
            self.problem(
                column, value[:50] + "…", _("at most %(n)s characters") % {"n": max_length}
            )
        return value

    def choice(self, cells, column, lookup, default, *, required=False):
        value = cells.get(column, "").strip()
        if not value:
            if required:
                self.problem(column, value, _("a value (the cell must not be empty)"))
            return default
        if value.lower() not in lookup:
            allowed = ", ".join(sorted(set(lookup.values())))
            self.problem(column, value, _("one of %(values)s") % {"values": allowed})
            return default
        return lookup[value.lower()]

    def boolean(self, cells, column, default):
        value = cells.get(column, "").strip()
        if not value:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        self.problem(column, value, _("true or false (also 1/0, ja/nein)"))
        return default

    def integer(self, cells, column, low, high):
        value = cells.get(column, "").strip()
        if not value:
            return None
        text = value[:-2] if value.endswith(".0") else value
        if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
            self.problem(
                column,
                value,
                _("a whole number from %(low)s to %(high)s, without separators")
                % {"low": low, "high": high},
            )
            return None
        return int(text)

    def decimal(self, cells, column, low, high):
        value = cells.get(column, "").strip()
        if not value:
            return None
        text = value.replace(",", ".") if "." not in value else value
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not low <= number <= high:
            self.problem(
                column, value, _("a number from %(low)s to %(high)s") % {"low": low, "high": high}
            )
            return None
        return number

    def date(self, cells, column):
        value = cells.get(column, "").strip()
        if not value:
            return None
        for pattern in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        self.problem(column, value, _("a date as YYYY-MM-DD or DD.MM.YYYY"))
        return None

    def url(self, cells, column):
        value = cells.get(column, "").strip()
        if value:
            try:
                _url(value)
            except ValidationError:
                self.problem(column, value, _("a web address starting with https:// or http://"))
                return ""
        return value

    def slug(self, cells, column, reserved=frozenset()):
        value = cells.get(column, "").strip()
        if value:
            try:
                validate_slug(value)
            except ValidationError:
                self.problem(column, value, _("letters, digits, hyphens or underscores only"))
                return ""
            if value in reserved or len(value) > 255:
                self.problem(
                    column, value, _("another address name (this one is reserved or too long)")
                )
                return ""
        return value

    def codes(self, cells, column, known: dict[str, object], expected: str, normalise=None):
        value = cells.get(column, "").strip()
        out = []
        for part in (p.strip() for p in value.split(LIST_SEPARATOR)):
            if not part:
                continue
            key = part
            if normalise is not None:
                try:
                    key = normalise(part)
                except Exception:  # noqa: BLE001 - any failure means "not a code"
                    key = part
            if key not in known:
                self.problem(column, part, expected)
                continue
            out.append(known[key])
        return out


def industry_key(code: str) -> str:
    return WZ.normalize(code)
