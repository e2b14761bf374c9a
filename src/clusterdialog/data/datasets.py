"""Demo datasets shipped inside the package, with their attribution.

The data are real official statistics, small enough to ship, so that examples,
doctests and ``clusterdialog demo`` run offline on embedded defaults.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import pandas as pd

from clusterdialog.data.panel import Provenance, validate_panel
from clusterdialog.data.readers.ba import BA_CREDIT

__all__ = ["BA_CREDIT", "load_bw_occupations"]


_BW_FILE = "de_ba_employees_bw_2024.csv"


@lru_cache(maxsize=1)
def _read_bw() -> pd.DataFrame:
    path = files("clusterdialog.data") / "demo" / _BW_FILE
    with path.open("rb") as handle:
        raw = pd.read_csv(
            handle,
            dtype={
                "region_code": str,
                "region_name": str,
                "occupation_code": str,
                "occupation_name": str,
            },
            keep_default_na=False,
            na_values={"employees": [""]},
        )
    return raw


def load_bw_occupations() -> pd.DataFrame:
    """Employees by Kreis and occupation group in Baden-Württemberg, 30 June 2024.

    Socially insured employees at the place of work (SvB) in the 44 Kreise
    of Baden-Württemberg by the 140 occupation groups of KldB 2010 (3-digit
    *Berufsgruppen*) plus employees without occupation information
    (``occupation == "unassigned"``), from the Bundesagentur für Arbeit.
    Cells that BA does not publish (anonymised small cells) have a missing
    ``employees`` value and ``suppressed == True``.

    Returns
    -------
    pandas.DataFrame
        Columns ``region`` (5-digit Kreis key, string), ``region_name``,
        ``occupation`` (3-digit KldB 2010 code, string), ``occupation_name``,
        ``employees`` (float, ``NaN`` where suppressed) and ``suppressed``.
        A fresh copy on every call.

    Notes
    -----
    Credit line: **© Statistik der Bundesagentur für Arbeit** (see
    :data:`BA_CREDIT`).  The provenance is in ``df.attrs["provenance"]``.

    Examples
    --------
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> df = load_bw_occupations()
    >>> df.shape
    (6204, 6)
    >>> int(df["employees"].sum()), int(df["suppressed"].sum())
    (4925020, 181)
    >>> df.loc[0, ["region", "region_name", "occupation"]].tolist()
    ['08111', 'Stuttgart, Landeshauptstadt', '111']
    """
    raw = _read_bw()
    df = pd.DataFrame(
        {
            "region": raw["region_code"],
            "region_name": raw["region_name"],
            "occupation": raw["occupation_code"].replace("", "unassigned"),
            "occupation_name": raw["occupation_name"],
            "employees": raw["employees"].astype("float64"),
        }
    )
    df = validate_panel(df, industry="occupation", value="employees", argument=_BW_FILE)
    df.insert(1, "region_name", raw["region_name"].to_numpy())
    df.insert(3, "occupation_name", raw["occupation_name"].to_numpy())
    df.attrs["provenance"] = Provenance(
        source=_BW_FILE,
        table="BA Beschäftigte nach Berufen (KldB 2010), Stichtag 30.06.2024",
        reader="clusterdialog.datasets",
        details={"credit": BA_CREDIT, "period": "2024-06-30"},
    )
    return df
