"""Reading cluster definitions: the shipped U.S. CMP definitions and user CSV files.

User format
-----------
A CSV file (UTF-8, comma- or semicolon-separated, header in the first line)
with one row per industry code:

``industry`` (required)
    Industry code exactly as it appears in the data (``"29.10"`` for WZ 2008,
    ``"336411"`` for NAICS); read as text, so leading zeros stay.
``cluster`` (required)
    Cluster code or short name.  Empty: the industry is deliberately left out
    of every cluster; it is reported as *excluded*, not as unknown.
``cluster_name`` (optional)
    Readable name of the cluster (one per cluster).
``cluster_type`` (optional)
    ``traded`` or ``local`` (one per cluster); needed for the CMP strong-cluster
    LQ with the traded or local employment as denominator.

Further columns (e.g. ``industry_name``) are ignored.  An industry may appear
once (or repeated with the same cluster).  The shipped
``definitions/example_wz_clusters.csv`` shows the format on WZ 2008 classes.

U.S. CMP definitions
--------------------
``definitions/us_cmp_naics2012_clusters.csv`` holds the U.S. Cluster Mapping
Project's assignment of 992 six-digit NAICS-2012 codes to 51 traded and 16
local clusters (Delgado, Porter & Stern 2016), as compiled by NoCo REDI
(CC-BY-SA; the file is kept separate and attributed, see the README there).
:func:`load_us_cmp_definitions` handles its special rows explicitly:

* the 5 rows of the Emsi government categories (Federal, State and Local
  Government Services; codes 901149, 901199, 901200, 902999, 903999) have no
  CMP cluster code: they are *excluded* (reported when they occur in data), or
  become the local clusters ``gov_federal``, ``gov_state``, ``gov_local``
  with ``include_government=True``;
* 814110 Private Households has no cluster: always *excluded*;
* the 37 Emsi-specific or NAICS-2017 codes (``emsi_specific_code``: Emsi
  aggregates such as 111000 Crop Production, government-owned schools and
  hospitals 9026xx/9036xx, NAICS-2017 codes such as 452210) keep their CMP
  cluster; data coded in plain NAICS-2012 never contain them, and they are
  listed by :func:`cmp_emsi_codes`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.identify.definitions import ClusterDefinition

__all__ = [
    "CMP_CREDIT",
    "CMP_FILE",
    "EXAMPLE_WZ_FILE",
    "cmp_emsi_codes",
    "example_wz_definitions",
    "load_us_cmp_definitions",
    "read_cluster_definitions",
]

CMP_FILE = "us_cmp_naics2012_clusters.csv"
EXAMPLE_WZ_FILE = "example_wz_clusters.csv"

#: Credit line of the shipped CMP definitions (CC-BY-SA).
CMP_CREDIT = (
    "Cluster definitions: Delgado, M., Porter, M. E. & Stern, S. (2016), Defining clusters of "
    "related industries, J. Econ. Geography 16(1); U.S. Cluster Mapping Project, Institute for "
    "Strategy and Competitiveness, Harvard Business School; crosswalk by NoCo REDI (CC-BY-SA)"
)
_CMP_COLUMNS = [
    "naics_code",
    "naics_description",
    "cluster_type",
    "cluster_code",
    "cluster_name",
    "emsi_specific_code",
]
_GOVERNMENT = {
    "Federal Government Services": "gov_federal",
    "State Government Services": "gov_state",
    "Local Government Services": "gov_local",
}


def _separator(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_cluster_definitions(path: str | Path, *, credit: str | None = None) -> ClusterDefinition:
    """Read a cluster definition file in the user format (see the module docstring).

    Parameters
    ----------
    path : str or Path
        The CSV file.
    credit : str, optional
        Attribution line to carry along (shown in reports).

    Returns
    -------
    ClusterDefinition

    Raises
    ------
    InputError
        If the file is missing or unreadable, or a column or row is invalid;
        the message names the file and the line numbers.

    Examples
    --------
    >>> from importlib.resources import files
    >>> path = files("clusterdialog.data") / "definitions" / EXAMPLE_WZ_FILE
    >>> d = read_cluster_definitions(path)
    >>> d.names["automotive"], d.types["automotive"], d.mapping["29.10"]
    ('Fahrzeugbau (Automotive)', 'traded', 'automotive')
    """
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            table = pd.read_csv(
                handle, sep=_separator(first), dtype=str, keep_default_na=False,
                skipinitialspace=True,
            )  # fmt: skip
    except FileNotFoundError:
        raise InputError(f"definitions: file {name!r} not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"definitions: cannot read {name!r} as a UTF-8 CSV file: {exc}") from None
    table.index = table.index + 2  # line numbers: the header is line 1
    return ClusterDefinition.from_frame(
        table, source=Path(name).name, credit=credit, argument=f"definitions {name!r}",
        row_label="line",
    )  # fmt: skip


@lru_cache(maxsize=1)
def _read_cmp() -> pd.DataFrame:
    with (files("clusterdialog.data") / "definitions" / CMP_FILE).open("rb") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def cmp_emsi_codes() -> frozenset[str]:
    """NAICS codes of the CMP file that are Emsi-specific or NAICS 2017 (kept in the mapping).

    Examples
    --------
    >>> codes = cmp_emsi_codes()
    >>> len(codes), "111000" in codes, "336411" in codes
    (37, True, False)
    """
    table = _read_cmp()
    return frozenset(table.loc[table["emsi_specific_code"] == "True", "naics_code"])


def load_us_cmp_definitions(*, include_government: bool = False) -> ClusterDefinition:
    """The U.S. Cluster Mapping Project NAICS-2012 → cluster definitions (shipped).

    Parameters
    ----------
    include_government : bool
        Map the Emsi government categories to the local clusters
        ``gov_federal``, ``gov_state``, ``gov_local`` instead of excluding them.

    Returns
    -------
    ClusterDefinition
        Cluster codes ``"1"``–``"51"`` (traded) and ``"101"``–``"116"``
        (local), NAICS codes as six-character strings, names, types, and
        :data:`CMP_CREDIT` as ``credit``.

    References
    ----------
    .. [1] Delgado, M., Porter, M. E. & Stern, S. (2016). Defining clusters of
       related industries. *Journal of Economic Geography* 16(1), 1–38.
       doi:10.1093/jeg/lbv017

    Examples
    --------
    >>> cmp = load_us_cmp_definitions()
    >>> len(cmp.mapping), len(cmp.clusters), sorted(set(cmp.types.values()))
    (986, 67, ['local', 'traded'])
    >>> cmp.mapping["336411"], cmp.names["1"], cmp.types["1"]
    ('1', 'Aerospace Vehicles and Defense', 'traded')
    >>> cmp.excluded["814110"]
    'Private Households: no CMP cluster'
    """
    table = _read_cmp()
    missing = [c for c in _CMP_COLUMNS if c not in table.columns]
    if missing:  # pragma: no cover - guards the shipped file
        raise InputError(f"{CMP_FILE}: missing columns {missing}")
    mapping, names, types, excluded = {}, {}, {}, {}
    for row in table.itertuples(index=False):
        code = row.cluster_code
        if not code and row.cluster_name in _GOVERNMENT:
            if not include_government:
                excluded[row.naics_code] = (
                    f"Emsi government category {row.cluster_name!r}: no CMP cluster"
                )
                continue
            code = _GOVERNMENT[row.cluster_name]
        elif not code:
            excluded[row.naics_code] = f"{row.naics_description}: no CMP cluster"
            continue
        mapping[row.naics_code] = code
        names[code] = row.cluster_name
        types[code] = row.cluster_type
    return ClusterDefinition(
        mapping, names=names, types=types, excluded=excluded, credit=CMP_CREDIT,
        source=f"U.S. Cluster Mapping Project NAICS-2012 cluster definitions ({CMP_FILE})",
    )  # fmt: skip


def example_wz_definitions() -> ClusterDefinition:
    """The shipped *example* of a WZ 2008-based definition (not an official definition).

    Examples
    --------
    >>> example_wz_definitions().clusters
    ('automotive', 'construction_local', 'it_software', 'life_sciences', 'machinery')
    """
    return read_cluster_definitions(files("clusterdialog.data") / "definitions" / EXAMPLE_WZ_FILE)
