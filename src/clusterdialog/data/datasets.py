"""Demo datasets shipped inside the package, with their attribution.

The data are real official statistics, small enough to ship, so that examples,
doctests and ``clusterdialog demo`` run offline on embedded defaults.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import as_file, files

import pandas as pd

from clusterdialog.data.panel import Provenance, validate_panel
from clusterdialog.data.readers.ba import BA_CREDIT

__all__ = [
    "BA_CREDIT",
    "BKG_CREDIT",
    "GENESIS_CREDIT",
    "load_bw_occupations",
    "load_kreise_geometry",
    "load_de_1995_io_table",
    "load_kreise_industries",
]


_BW_FILE = "de_ba_employees_bw_2024.csv"
_GENESIS_FILE = "de_genesis_13111-07-05-4_kreise_2015_2020.parquet"
_KREISE_FILE = "de_kreise_2021.geojson"
_IO_DE_1995_FILE = "io_de_1995_eurostat_manual.csv"

#: Credit line of the Regionalstatistik (GENESIS) tables.
GENESIS_CREDIT = "© Statistische Ämter des Bundes und der Länder, Deutschland, 2021, dl-de/by-2-0"
#: Credit line of the Kreis geometries.
BKG_CREDIT = "© GeoBasis-DE / BKG (2021), dl-de/by-2-0 (Daten verändert)"


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


def _demo_file(name: str):
    return files("clusterdialog.data") / "demo" / name


def load_kreise_industries() -> pd.DataFrame:
    """Employees by Kreis and WZ 2008 section group in Germany, 30 June 2015–2020.

    Socially insured employees at the place of work in the 401 Kreise (Berlin
    and Hamburg as ``11000`` and ``02000``) by ten WZ 2008 groupings that
    partition the economy without overlap (``A``, ``B-E``, ``F``, ``G-I``,
    ``J``, ``K``, ``L``, ``M-N``, ``O-Q``, ``R-U``), read with
    :func:`~clusterdialog.data.readers.read_genesis` from the Regionalstatistik
    table 13111-07-05-4 (one export per year).  Territorial changes show as
    they are published: Landkreis Göttingen (03152) and Osterode am Harz
    (03156) appear in 2015–2016 and the merged Landkreis Göttingen (03159)
    from 2017, so the panel has 403 region keys.

    Returns
    -------
    pandas.DataFrame
        Columns ``region`` (5-digit Kreis key), ``region_name``, ``industry``,
        ``industry_name``, ``period`` (year), ``value`` (``NaN`` where
        suppressed), ``suppressed`` and ``flag`` (the GENESIS symbol).

    Notes
    -----
    Credit line: **© Statistische Ämter des Bundes und der Länder,
    Deutschland, 2021, dl-de/by-2-0** (:data:`GENESIS_CREDIT`).

    Examples
    --------
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> df = load_kreise_industries()
    >>> df["region"].nunique(), sorted(df["period"].unique().tolist()), df["industry"].nunique()
    (403, [2015, 2016, 2017, 2018, 2019, 2020], 10)
    >>> int(df.loc[(df.region == "08111") & (df.period == 2020), "value"].sum())
    423043
    """
    with _demo_file(_GENESIS_FILE).open("rb") as handle:
        df = pd.read_parquet(handle)
    df["period"] = df["period"].astype(int)
    df.attrs["provenance"] = Provenance(
        source=_GENESIS_FILE,
        table="13111-07-05-4",
        reader="clusterdialog.datasets",
        details={"credit": GENESIS_CREDIT, "periods": "30.06.2015–30.06.2020"},
    )
    return df


def load_kreise_geometry():
    """Polygons of the 401 German Kreise (territorial status 1 January 2021).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``region`` (5-digit Kreis key), ``name``, ``type`` and
        ``geometry`` in WGS84 longitude/latitude (EPSG:4326).

    Notes
    -----
    Credit line: **© GeoBasis-DE / BKG (2021), dl-de/by-2-0 (Daten
    verändert)** (:data:`BKG_CREDIT`).  BA data use a later territorial
    status: 06415 Hanau has no polygon, 16056 Eisenach no BA data.

    Examples
    --------
    >>> from clusterdialog.datasets import load_kreise_geometry
    >>> kreise = load_kreise_geometry()
    >>> len(kreise), kreise.crs.to_epsg()
    (401, 4326)
    >>> kreise.loc[kreise.region == "08111", "name"].item()
    'Stuttgart'
    """
    import geopandas as gpd

    with _demo_file(_KREISE_FILE).open("rb") as handle:
        frame = gpd.read_file(handle)
    frame = frame.rename(columns={"ars": "region"})[["region", "name", "type", "geometry"]]
    frame.attrs["provenance"] = Provenance(
        source=_KREISE_FILE, reader="clusterdialog.datasets", details={"credit": BKG_CREDIT}
    )
    return frame


def load_de_1995_io_table():
    """The Germany 1995 input-output table of the Eurostat manual (6 product groups).

    Product × product, million EUR, with final demand, primary inputs
    (imports, taxes, compensation, operating surplus …) and employment in
    thousand persons; read with
    :func:`~clusterdialog.data.io_tables.read_io_table` (``format="eurostat_manual"``).

    Returns
    -------
    clusterdialog.valuechain.IOTable

    Notes
    -----
    Credit line: **Source: Eurostat, Manual of Supply, Use and Input-Output
    Tables (2008), Table 15.4**.

    Examples
    --------
    >>> from clusterdialog.datasets import load_de_1995_io_table
    >>> table = load_de_1995_io_table()
    >>> list(table.sectors)
    ['CPA_A', 'CPA_B-E', 'CPA_F', 'CPA_G-I', 'CPA_J-N', 'CPA_O-T']
    """
    from clusterdialog.data.io_tables import read_io_table

    with as_file(_demo_file(_IO_DE_1995_FILE)) as path:
        return read_io_table(path, format="eurostat_manual")
