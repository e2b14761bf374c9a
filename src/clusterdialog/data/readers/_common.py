"""Shared plumbing of the readers: files, hashes, encodings, numbers, errors, panels.

Every reader turns a file into a validated long panel with the generic column
names ``region``, ``industry``, ``period`` (when the data have periods),
``value``, ``suppressed`` and ``flag``, and attaches a
:class:`~clusterdialog.data.panel.Provenance` under ``df.attrs["provenance"]``.
The helpers here make the readers agree on how they do that and on the shape of
their error messages: ``<file>, line <n>, column <m>: expected …, got …``.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance, validate_panel
from clusterdialog.errors import InputError

__all__ = [
    "PathArgument",
    "as_path_list",
    "cell_error",
    "check_choice",
    "combine_sha256",
    "decode_text",
    "finish_panel",
    "parse_numbers",
    "read_bytes",
    "sha256_file",
]

PathArgument = str | os.PathLike[str]

_CHUNK = 1 << 20

#: Column order of every reader's result; other columns follow in their own order.
_FRONT = ("region", "region_name", "region_level", "industry", "industry_name", "period")
_AFTER_VALUE = ("value", "suppressed", "flag")

_NUMBER_PATTERNS = {
    # plain numbers with a decimal point (no thousands separator)
    ".": r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?",
    # German numbers: decimal comma, optional thousands points in groups of three
    ",": r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?",
}


def check_choice(argument: str, value: object, allowed: Sequence[object]) -> None:
    """Raise an InputError unless ``value`` is one of ``allowed``.

    Examples
    --------
    >>> check_choice("reader", "genesis", ["table", "genesis"])
    >>> check_choice("reader", "csv", ["table", "genesis"])
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: reader: expected one of ['table', 'genesis'], got 'csv'
    """
    if value not in allowed:
        raise InputError(f"{argument}: expected one of {list(allowed)}, got {value!r}")


def cell_error(source: str, line: int, column: int | str | None, message: str) -> InputError:
    """Return an InputError that names the file, line and column of a bad cell."""
    where = f"{source}, line {line}"
    if column is not None:
        where += f", column {column}"
    return InputError(f"{where}: {message}")


def as_path_list(path: PathArgument | Sequence[PathArgument], argument: str = "path") -> list[Path]:
    """Return one or several paths as a non-empty list of :class:`~pathlib.Path`."""
    if isinstance(path, str | os.PathLike):
        return [Path(path)]
    if isinstance(path, Iterable):
        paths = [Path(p) for p in path]
        if not paths:
            raise InputError(f"{argument}: expected a file or a list of files, got an empty list")
        return paths
    raise InputError(f"{argument}: expected a file path, got {type(path).__name__}")


def check_file(path: Path, argument: str) -> None:
    if not path.exists():
        raise InputError(f"{argument}: file not found: {path}")
    if not path.is_file():
        raise InputError(f"{argument}: {path} is not a file")


def read_bytes(path: Path, argument: str = "path") -> bytes:
    """Return the bytes of a file, with an InputError if it is missing."""
    check_file(path, argument)
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{argument}: cannot read {path}: {error.strerror or error}") from None


def sha256_file(path: Path, argument: str = "path") -> str:
    """Return the SHA-256 hex digest of a file, read in chunks."""
    check_file(path, argument)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def combine_sha256(parts: Sequence[tuple[str, str]]) -> str:
    """Return one digest for several files: SHA-256 of ``name<TAB>sha256`` lines.

    Examples
    --------
    >>> combine_sha256([("a.csv", "00")]) == combine_sha256([("b.csv", "00")])
    False
    """
    text = "".join(f"{source}\t{sha}\n" for source, sha in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode_text(
    data: bytes,
    *,
    encoding: str,
    source: str,
    fallback: str = "iso-8859-1",
    hint: str = "",
) -> tuple[str, str]:
    """Decode file bytes and return ``(text, encoding used)``.

    ``encoding="auto"`` honours a byte-order mark, else tries UTF-8 and falls
    back to ``fallback`` (ISO-8859-1 by default, the encoding of GENESIS
    exports).  A named encoding is applied strictly: undecodable bytes raise
    an InputError naming the line and byte column.  Text with NUL characters
    (a binary file, or UTF-16 without a byte-order mark) is refused.

    Examples
    --------
    >>> decode_text("Tübingen".encode("latin-1"), encoding="auto", source="x.csv")
    ('Tübingen', 'iso-8859-1')
    >>> decode_text("Tübingen".encode("utf-8"), encoding="auto", source="x.csv")
    ('Tübingen', 'utf-8')
    """
    if encoding == "auto":
        if data.startswith(codecs.BOM_UTF8):
            encoding, data = "utf-8", data[len(codecs.BOM_UTF8) :]
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            try:
                text = data.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                encoding = fallback
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(f"encoding: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        bad = data[error.start : error.end]
        raise cell_error(
            source,
            line,
            column,
            f"the bytes {bad!r} are not valid {encoding}; the file has another encoding"
            + (f" ({hint})" if hint else "")
            + "; pass encoding='auto' or the file's encoding",
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise cell_error(
            source,
            line,
            None,
            f"expected a text file, got NUL characters when decoding as {encoding} "
            "(a binary file, or UTF-16 without a byte-order mark)",
        )
    return text, encoding


def parse_numbers(
    text: pd.Series,
    *,
    decimal: str = ".",
) -> tuple[np.ndarray, np.ndarray]:
    """Parse number strings vectorised; return ``(values, ok)``.

    ``decimal="."`` accepts ``1234.5`` (and exponents); ``decimal=","`` accepts
    German numbers such as ``1.234,5`` or ``6,5``.  ``ok`` is False where a
    string is not a number; its value is ``NaN``.

    Examples
    --------
    >>> import pandas as pd
    >>> values, ok = parse_numbers(pd.Series(["1.234,5", "6,5", "abc"]), decimal=",")
    >>> values.tolist(), ok.tolist()
    ([1234.5, 6.5, nan], [True, True, False])
    """
    check_choice("decimal", decimal, list(_NUMBER_PATTERNS))
    strings = text.astype(str).str.strip()
    ok = strings.str.fullmatch(_NUMBER_PATTERNS[decimal]).to_numpy(dtype=bool, na_value=False)
    values = np.full(len(strings), np.nan)
    if ok.any():
        good = strings[ok]
        if decimal == ",":
            good = good.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        values[ok] = pd.to_numeric(good).to_numpy(dtype="float64")
    return values, ok


def finish_panel(
    frame: pd.DataFrame,
    *,
    source: str,
    provenance: Provenance,
) -> pd.DataFrame:
    """Validate a reader's long frame and attach its provenance.

    ``frame`` holds the generic columns ``region``, ``industry``, ``value``
    and optionally ``period``, ``suppressed`` (bool), ``flag`` and further
    columns (names, levels, extra measures), which are kept.  Validation is
    :func:`~clusterdialog.data.panel.validate_panel` (string keys, no
    duplicates, non-negative values, ``NaN`` where suppressed); its errors
    name the file.
    """
    if frame.empty:
        raise InputError(f"{source}: no data rows are left to read (with the options given)")
    frame = frame.reset_index(drop=True)
    has_period = "period" in frame.columns
    has_flag = "flag" in frame.columns
    checked = validate_panel(
        frame,
        region="region",
        industry="industry",
        value="value",
        period="period" if has_period else None,
        flag="flag" if has_flag else None,
        suppressed="suppressed" if "suppressed" in frame.columns else None,
        argument=source,
    )
    out = {c: checked[c] for c in checked.columns}
    for column in frame.columns:
        if column not in out:
            out[column] = frame[column]
    front = [c for c in _FRONT if c in out]
    middle = [c for c in _AFTER_VALUE if c in out]
    rest = [c for c in frame.columns if c not in front and c not in middle]
    result = pd.DataFrame({c: out[c] for c in front + middle + rest})
    result.attrs["provenance"] = provenance
    return result
