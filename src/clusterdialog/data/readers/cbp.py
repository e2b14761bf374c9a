"""Reader of US Census County Business Patterns (CBP) county files.

Layout of the complete county file ``cbp<yy>co.txt`` (comma-separated,
quoted text fields, one header line), after the Census record layouts
("County Data Dictionary", www2.census.gov/programs-surveys/cbp/
technical-documentation/records-layouts/: ``noise-layout/county_layout.txt``
for 2007–2013, ``county_layout_2014.txt``, ``county_layout_2015.txt``,
``county_layout_2017.txt``, ``county-layout-2018.txt``, ``county-layout-2020.txt``):

``fipstate``, ``fipscty``
    FIPS state (2 digits) and county (3 digits) code; county ``999`` holds
    statewide establishments without a county.
``naics``
    6-character NAICS code with ``-`` or ``/`` as placeholders for the
    levels above 6 digits: ``------`` all industries, ``31----`` sector,
    ``311///`` subsector, ``3111//`` industry group, ``31111/`` NAICS
    industry, ``311111`` national industry.
``empflag`` (until 2017)
    Data suppression flag: a letter for the employment size range of a
    withheld cell (``A`` 0–19, ``B`` 20–99, ``C`` 100–249, ``E`` 250–499,
    ``F`` 500–999, ``G`` 1,000–2,499, ``H`` 2,500–4,999, ``I`` 5,000–9,999,
    ``J`` 10,000–24,999, ``K`` 25,000–49,999, ``L`` 50,000–99,999, ``M``
    100,000 or more); ``emp`` is then 0.
``emp_nf``, ``qp1_nf``, ``ap_nf`` (from 2007)
    Noise flags: ``G`` low (< 2 %), ``H`` medium (2 to < 5 %), ``J`` high
    (≥ 5 %, from 2017), ``D`` withheld to avoid disclosing data of
    individual companies and ``S`` withheld because the estimate does not
    meet publication standards (the field is then 0), ``N`` not available.
``emp``, ``qp1``, ``ap``, ``est``
    Mid-March employees, first-quarter and annual payroll (1,000 USD),
    establishments; then establishments by employment size class
    (``n1_4`` until 2016, ``n<5`` from 2017, ``n5_9`` … ``n1000_4``;
    ``N`` = not available) and, until 2016, ``censtate``, ``cencty``.

Employment withheld (``empflag`` set, or ``emp_nf`` ``D`` or ``S``) becomes
``NaN`` with ``suppressed=True``; the size range is kept in
``employment_class``, ``employment_lower`` and ``employment_upper`` so that
it can be imputed later.  CBP data are in the public domain; credit: "U.S.
Census Bureau, County Business Patterns".
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import (
    PathArgument,
    as_path_list,
    check_choice,
    decode_text,
    finish_panel,
    parse_numbers,
    read_bytes,
)
from clusterdialog.errors import InputError

__all__ = ["CBP_CREDIT", "EMPLOYMENT_SIZE_CLASSES", "NOISE_FLAGS", "read_cbp"]

#: Credit line of CBP data (public domain).
CBP_CREDIT = "U.S. Census Bureau, County Business Patterns (public domain)"

#: Employment size range (lower, upper) of the ``empflag`` letters of withheld cells.
EMPLOYMENT_SIZE_CLASSES: dict[str, tuple[float, float]] = {
    "A": (0, 19),
    "B": (20, 99),
    "C": (100, 249),
    "E": (250, 499),
    "F": (500, 999),
    "G": (1000, 2499),
    "H": (2500, 4999),
    "I": (5000, 9999),
    "J": (10000, 24999),
    "K": (25000, 49999),
    "L": (50000, 99999),
    "M": (100000, np.inf),
}

#: Noise flags of ``emp_nf`` / ``ap_nf`` and their meaning.
NOISE_FLAGS: dict[str, str] = {
    "G": "low noise (< 2 %)",
    "H": "medium noise (2 to < 5 %)",
    "J": "high noise (>= 5 %)",
    "D": "withheld to avoid disclosing data of individual companies",
    "S": "withheld: the estimate does not meet publication standards",
    "N": "not available or not comparable",
}
_WITHHELD = ("D", "S")
_NAICS = r"------|[0-9]{2}----|[0-9]{3}///|[0-9]{4}//|[0-9]{5}/|[0-9]{6}"
_FILE_YEAR = re.compile(r"cbp(\d{2})co", re.IGNORECASE)
_REQUIRED = ("fipstate", "fipscty", "naics", "emp", "est", "ap")


def _year_of(name: str) -> int | None:
    match = _FILE_YEAR.search(name)
    if not match:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 86 else 2000 + yy


def _levels(naics_levels: int | str | Sequence[int]) -> list[int]:
    if isinstance(naics_levels, str):
        check_choice("naics_levels", naics_levels, ["all"])
        return [0, 2, 3, 4, 5, 6]
    values = [naics_levels] if isinstance(naics_levels, int) else list(naics_levels)
    for level in values:
        check_choice("naics_levels", level, [0, 2, 3, 4, 5, 6])
    return [int(v) for v in values]


def read_cbp(
    path: PathArgument,
    *,
    naics_levels: int | str | Sequence[int] = 6,
    statewide: str = "keep",
    year: int | None = None,
    encoding: str = "auto",
) -> pd.DataFrame:
    """Read a County Business Patterns county file as a long panel of employment.

    Parameters
    ----------
    path : path
        A CBP complete county file (``cbp16co.txt``, ``cbp21co.txt``, …).
    naics_levels : int, sequence of int or "all"
        NAICS levels to keep, as digits (2 sector … 6 national industry; 0 =
        all industries).  Default 6: the finest level, which does not
        overlap.  Several levels overlap (a sector holds its industries).
    statewide : {"keep", "drop"}
        Keep (default) or drop the statewide pseudo-counties ``ss999``.
    year : int, optional
        Reference year for the provenance; default from the file name
        (``cbp16co`` → 2016).
    encoding : str
        ``"auto"`` or a codec name.

    Returns
    -------
    pandas.DataFrame
        Columns ``region`` (5-digit county FIPS), ``industry`` (NAICS code
        without placeholders, ``TOTAL`` for ``------``), ``value``
        (mid-March employees), ``suppressed``, ``flag`` (``emp_nf``, or
        the ``empflag`` letter), ``naics_level``, ``establishments``,
        ``annual_payroll`` (1,000 USD, ``NaN`` where withheld) and, for
        files with ``empflag``, ``employment_class``, ``employment_lower``,
        ``employment_upper``.

    Raises
    ------
    InputError
        For a missing column, a bad FIPS code, NAICS code, flag or number
        (naming file, line and column) or duplicate keys.

    References
    ----------
    .. [1] U.S. Census Bureau, County Business Patterns: county record layouts
       2007–2013, 2015, 2017, 2018 and 2020, https://www2.census.gov/
       programs-surveys/cbp/technical-documentation/records-layouts/.
    .. [2] Eckert, F., Fort, T. C., Schott, P. K. & Yang, N. J. (2021),
       Imputing missing values in the US Census Bureau's County Business
       Patterns, NBER Working Paper 26632, doi:10.3386/w26632.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = ('"fipstate","fipscty","naics","emp_nf","emp","qp1_nf","qp1","ap_nf","ap","est"\\n'
    ...         '"01","001","------","G",11216,"G",97944,"G",424826,924\\n'
    ...         '"01","001","113310","H",68,"H",1213,"H",4563,7\\n')
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cbp21co.txt"
    >>> _ = path.write_text(text, encoding="ascii")
    >>> read_cbp(path)[["region", "industry", "value", "flag", "establishments"]]
      region industry  value flag  establishments
    0  01001   113310   68.0    H               7
    """
    (file,) = as_path_list(path)
    check_choice("statewide", statewide, ["keep", "drop"])
    levels = _levels(naics_levels)
    source = file.name
    data = read_bytes(file)
    text, used = decode_text(data, encoding=encoding, source=source, fallback="cp1252")
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.EmptyDataError:
        raise InputError(f"{source}: the file is empty") from None
    except pd.errors.ParserError as error:
        raise InputError(f"{source}: cannot read as CSV: {error}") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if "emp_nf" not in frame.columns and "empflag" not in frame.columns:
        missing.append("emp_nf or empflag")
    if missing:
        raise InputError(
            f"{source}: missing column(s) {missing} of a CBP county file; columns are "
            f"{list(frame.columns)}"
        )
    position = {c: i + 1 for i, c in enumerate(frame.columns)}
    cells = {c: frame[c].str.strip() for c in frame.columns}

    def fail(mask: np.ndarray, column: str, expected: str) -> None:
        if mask.any():
            k = int(np.flatnonzero(mask)[0])
            raise InputError(
                f"{source}, line {k + 2}, column {position[column]} ({column}): expected "
                f"{expected}, got {cells[column].iloc[k]!r}"
            )

    fail(~cells["fipstate"].str.fullmatch(r"[0-9]{2}").to_numpy(bool), "fipstate", "2 digits")
    fail(~cells["fipscty"].str.fullmatch(r"[0-9]{3}").to_numpy(bool), "fipscty", "3 digits")
    fail(
        ~cells["naics"].str.fullmatch(_NAICS).to_numpy(bool),
        "naics",
        "a 6-character NAICS code such as 311111, 31111/, 3111//, 311///, 31---- or ------",
    )
    numbers = {}
    for column in ("emp", "est", "ap"):
        numbers[column], ok = parse_numbers(cells[column])
        fail(~ok, column, "a number")
    no_flag = pd.Series("", index=frame.index, dtype=str)
    emp_nf = cells.get("emp_nf", no_flag)
    empflag = cells.get("empflag", no_flag)
    ap_nf = cells.get("ap_nf", no_flag)
    for column, allowed in (
        ("emp_nf", list(NOISE_FLAGS)),
        ("ap_nf", list(NOISE_FLAGS)),
        ("empflag", list(EMPLOYMENT_SIZE_CLASSES)),
    ):
        if column in cells:
            fail(
                ~cells[column].isin([*allowed, ""]).to_numpy(),
                column,
                f"empty or one of {' '.join(allowed)}",
            )
    withheld = (empflag != "").to_numpy() | emp_nf.isin(_WITHHELD).to_numpy()
    code = cells["naics"].str.rstrip("-/")
    long = pd.DataFrame(
        {
            "region": cells["fipstate"] + cells["fipscty"],
            "industry": code.where(code != "", "TOTAL"),
            "value": np.where(withheld, np.nan, numbers["emp"]),
            "suppressed": withheld,
            "flag": pd.Series(
                np.where(emp_nf != "", emp_nf, np.where(empflag != "", empflag, None)),
                dtype=object,
            ),
            "naics_level": code.str.len().astype("int64").to_numpy(),
            "establishments": numbers["est"].astype("int64"),
            "annual_payroll": np.where(ap_nf.isin(_WITHHELD), np.nan, numbers["ap"]),
        }
    )
    long.loc[long["flag"].isna(), "flag"] = None
    if "empflag" in cells:
        lower = {k: v[0] for k, v in EMPLOYMENT_SIZE_CLASSES.items()}
        upper = {k: v[1] for k, v in EMPLOYMENT_SIZE_CLASSES.items()}
        long["employment_class"] = pd.Series(np.where(empflag != "", empflag, None), dtype=object)
        long["employment_lower"] = empflag.map(lower).astype(float).to_numpy()
        long["employment_upper"] = empflag.map(upper).astype(float).to_numpy()
    keep = long["naics_level"].isin(levels).to_numpy()
    if statewide == "drop":
        keep = keep & (cells["fipscty"] != "999").to_numpy()
    long = long.loc[keep]
    reference_year = year if year is not None else _year_of(source)
    layout = (
        "2017 and later (emp_nf, no empflag)"
        if "empflag" not in cells
        else ("2007-2017 (empflag and emp_nf)" if "emp_nf" in cells else "before 2007 (empflag)")
    )
    details = {
        "credit": CBP_CREDIT,
        "year": reference_year,
        "layout": layout,
        "naics_levels": levels,
        "statewide": statewide,
        "value": "mid-March employees",
        "annual_payroll_unit": "1,000 USD",
        "encoding": used,
    }
    match = _FILE_YEAR.search(source)
    provenance = Provenance(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        table=match.group(0).lower() if match else "cbp county file",
        reader="cbp",
        details=details,
    )
    return finish_panel(long, source=source, provenance=provenance)
