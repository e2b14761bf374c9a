"""Readers of official statistics: files as the portals give them → validated long panels.

Every reader returns a long :class:`pandas.DataFrame` with the generic
columns

``region``
    region key as text with its leading zeros (Kreis ``08111``, county FIPS
    ``01001``, NUTS ``DE11``);
``industry``
    industry (or occupation) key as text (WZ ``B-E``, NAICS ``311811``,
    KldB ``111``);
``period``
    when the data cover several periods (GENESIS year column or several
    files, Eurostat time, BA years);
``value``, ``suppressed``, ``flag``
    non-negative float, ``NaN`` where the publisher suppressed or does not
    know the cell (``suppressed=True``), and the publisher's symbol or flag;

plus reader-specific columns (``region_name``, ``industry_name``,
``region_level``, ``establishments`` …).  The frame has passed
:func:`~clusterdialog.data.panel.validate_panel` (no duplicate keys, no
negative values) and carries ``df.attrs["provenance"]``, a
:class:`~clusterdialog.data.panel.Provenance` with the file name, its SHA-256,
the table code, the reader and ``details`` including the publisher's credit
line (``details["credit"]``), which must accompany any use of the data.

Malformed files raise one :class:`~clusterdialog.errors.InputError` that
names the file, line and column, never a parser traceback.
"""

from __future__ import annotations

import gzip
import inspect
from collections.abc import Callable

import pandas as pd

from clusterdialog.data.readers._common import PathArgument, as_path_list, check_choice, check_file
from clusterdialog.data.readers.ba import read_ba
from clusterdialog.data.readers.cbp import read_cbp
from clusterdialog.data.readers.eurostat import read_eurostat
from clusterdialog.data.readers.genesis import read_genesis
from clusterdialog.data.readers.table import read_table
from clusterdialog.errors import InputError

__all__ = [
    "READERS",
    "detect_reader",
    "read_ba",
    "read_cbp",
    "read_eurostat",
    "read_genesis",
    "read_panel",
    "read_table",
]

#: The readers by name, as ``read_panel(reader=...)`` and the command line know them.
READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "table": read_table,
    "genesis": read_genesis,
    "eurostat": read_eurostat,
    "ba": read_ba,
    "cbp": read_cbp,
}


def detect_reader(path: PathArgument) -> str:
    """Name the reader for a file from its name and first bytes.

    GENESIS exports start with ``GENESIS-Tabelle``; Eurostat bulk files are
    ``.tsv`` with a ``\\TIME_PERIOD`` or ``\\time`` header; County Business
    Patterns files have ``fipstate`` and ``fipscty`` columns; the BA tables
    have ``region_code`` and ``occupation_code``.  Anything else is a
    ``table``.

    Examples
    --------
    >>> from importlib.resources import files
    >>> detect_reader(files("clusterdialog.data") / "demo" / "de_ba_employees_bw_2024.csv")
    'ba'
    """
    file = as_path_list(path)[0]
    name = file.name.lower()
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            columns = set(pq.read_schema(file).names)
        except (OSError, ValueError) as exc:
            raise InputError(f"{file.name}: not a readable Parquet file ({exc})") from None
        return "ba" if {"region_code", "occupation_code", "year"} <= columns else "table"
    if name.endswith((".xlsx", ".xlsm")):
        return "table"
    check_file(file, "path")
    opener = gzip.open if name.endswith(".gz") else open
    try:
        with opener(file, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(f"{file.name}: cannot read the file ({exc})") from None
    text = head.decode("latin-1").lstrip("\ufeff")
    first_line = text.splitlines()[0].lower() if text else ""
    if text.startswith("GENESIS-Tabelle"):
        return "genesis"
    if "\\time_period" in first_line or "\\time" in first_line:
        return "eurostat"
    if "fipstate" in first_line and "fipscty" in first_line:
        return "cbp"
    if "region_code" in first_line and "occupation_code" in first_line:
        return "ba"
    return "table"


def read_panel(path: PathArgument, *, reader: str = "table", **options: object) -> pd.DataFrame:
    """Read a file with the named reader; the command line's entry point.

    Parameters
    ----------
    path : path
        The file (for ``genesis`` also a list of files of one table).
    reader : {"table", "genesis", "eurostat", "ba", "cbp", "auto"}
        Which reader to use (see :data:`READERS`); ``"auto"`` asks
        :func:`detect_reader`.
    **options
        Keyword options of that reader, e.g. ``region=``, ``industry=``,
        ``value=`` for ``table``; ``value_column=`` for ``genesis``;
        ``filters=`` for ``eurostat``.

    Returns
    -------
    pandas.DataFrame
        The reader's validated long panel with ``attrs["provenance"]``.

    Raises
    ------
    InputError
        For an unknown reader or an option the reader does not take, and
        whatever the reader raises for a malformed file.

    Examples
    --------
    >>> from importlib.resources import files
    >>> path = files("clusterdialog.data") / "demo" / "de_ba_employees_bw_2024.csv"
    >>> df = read_panel(path, reader="ba")
    >>> df.attrs["provenance"].reader, len(df)
    ('ba', 6204)
    >>> read_panel(path, reader="ba", sheet=1)
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: read_panel: reader 'ba' takes no option 'sheet'; ...
    """
    if reader == "auto":
        reader = detect_reader(path)
    check_choice("reader", reader, [*READERS, "auto"])
    function = READERS[reader]
    accepted = [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    for name in options:
        if name not in accepted:
            raise InputError(
                f"read_panel: reader {reader!r} takes no option {name!r}; its options are "
                f"{accepted}"
            )
    return function(path, **options)
