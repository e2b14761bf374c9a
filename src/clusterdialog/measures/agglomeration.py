"""Agglomeration beyond chance: Ellison–Glaeser and Maurel–Sédillot.

The indices compare an industry's regional concentration with what plants
dropped at random ("dartboard") would produce, given the regions' sizes
x_j and the industry's plant-size Herfindahl H.  They read plant-level data,
one row per firm or establishment with its industry, region and employment
(:func:`ellison_glaeser`, :func:`maurel_sedillot`, :func:`coagglomeration`,
:func:`pairwise_coagglomeration` in :mod:`.coagglomeration`), or a regional panel with an
establishment count per cell (:func:`ellison_glaeser_from_counts`).

The kernels take a ``regions × industries`` employment matrix ``e``, the
region shares ``x`` (summing to 1) and the plant Herfindahl ``h`` per industry.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures._plants import plant_data
from clusterdialog.measures._results import by_industry

__all__ = [
    "ellison_glaeser",
    "ellison_glaeser_from_counts",
    "ellison_glaeser_matrix",
    "maurel_sedillot",
    "maurel_sedillot_matrix",
]

COUNT_BASES = ("employment", "establishments")


def _deviation(e: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Industry shares by region and their deviation from the region shares."""
    e = np.asarray(e, dtype=float)
    total = e.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, e / total, np.nan)
    return shares, shares - np.asarray(x, dtype=float)[:, None]


def ellison_glaeser_matrix(
    e: np.ndarray, x: np.ndarray, h: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Ellison–Glaeser γ and raw concentration G of every industry (column).

    G = Σ_j (s_j − x_j)², γ = (G − (1 − Σx²) H) / ((1 − Σx²)(1 − H)); ``NaN``
    where H = 1, Σx² = 1 or the industry total is zero.
    """
    _, dev = _deviation(e, x)
    g = np.sum(dev**2, axis=0)
    sx2 = float(np.sum(np.asarray(x, dtype=float) ** 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        gamma = (g - (1 - sx2) * h) / ((1 - sx2) * (1 - h))
    return np.where((h < 1) & (sx2 < 1), gamma, np.nan), g


def maurel_sedillot_matrix(
    e: np.ndarray, x: np.ndarray, h: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Maurel–Sédillot γ and G_MS = (Σ s² − Σ x²)/(1 − Σ x²) of every industry (column)."""
    shares, _ = _deviation(e, x)
    sx2 = float(np.sum(np.asarray(x, dtype=float) ** 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        g = (np.sum(shares**2, axis=0) - sx2) / (1 - sx2)
        gamma = (g - h) / (1 - h)
    return np.where((h < 1) & (sx2 < 1), gamma, np.nan), np.where(sx2 < 1, g, np.nan)


def _z_score(g: np.ndarray, x: np.ndarray, h: np.ndarray, z4: np.ndarray) -> np.ndarray:
    """REAT's z-score of G under the null of no agglomeration (γ = 0)."""
    sx2, sx3 = np.sum(x**2), np.sum(x**3)
    var = 2 * (h**2 * (sx2 - 2 * sx3 + sx2**2) - z4 * (sx2 - 4 * sx3 + 3 * sx2**2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(var > 0, (g - (1 - sx2) * h) / np.sqrt(np.where(var > 0, var, 1)), np.nan)


def _per_industry(plants: dict, industry: str, columns: dict) -> pd.DataFrame:
    return pd.DataFrame({industry: plants["industries"].to_numpy(), **columns})


def ellison_glaeser(
    firms: pd.DataFrame,
    *,
    industry: str = "industry",
    region: str = "region",
    employment: str = "employment",
    region_employment: str | Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Ellison–Glaeser index of agglomeration of every industry, from plant data.

    .. math::

        \gamma_i = \frac{G_i - (1 - \sum_j x_j^2) H_i}{(1 - \sum_j x_j^2)(1 - H_i)},
        \quad G_i = \sum_j (s_{ij} - x_j)^2, \quad H_i = \sum_k z_k^2

    with :math:`s_{ij}` industry i's share of its employment in region j,
    :math:`x_j` region j's share of the reference employment and :math:`z_k`
    plant k's share of the industry's employment.

    Parameters
    ----------
    firms : pandas.DataFrame
        One row per plant (firm, establishment).
    industry, region, employment : str
        Columns of the plant's industry, region and employment.
    region_employment : str, mapping or None
        Reference employment of the regions for :math:`x_j`: a column of
        ``firms`` holding the region's total (one value per region), or a
        mapping region → total (regions without plants count too).  ``None``:
        the regions' share of all plants in ``firms`` (REAT ``ellison.a2``).

    Returns
    -------
    pandas.DataFrame
        One row per industry: ``gamma``, ``G``, ``H``, ``z_G`` (REAT's
        z-score of G under γ = 0) and ``n_firms``.

    Raises
    ------
    InputError
        For missing columns, missing keys, negative or non-numeric
        employment, or regions without a total.

    Notes
    -----
    γ ≈ 0: as concentrated as random location; γ > 0.05 is "highly
    localised" in EG's reading, γ < 0 more even than random.  ``NaN`` for a
    single-plant industry (H = 1), a single region or an industry without
    employment.  With ``region_employment`` as the column of regional totals
    the values equal REAT ``ellison.a`` (called once per industry); with
    ``None`` they equal ``ellison.a2``.  ``n_firms`` counts rows, including
    plants with zero employment, as REAT does.

    References
    ----------
    .. [1] Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in
       U.S. manufacturing industries: a dartboard approach. *Journal of
       Political Economy* 105(5), 889–927. doi:10.1086/262098

    Examples
    --------
    >>> import pandas as pd
    >>> firms = pd.DataFrame({"industry": ["a"] * 4, "region": ["N", "N", "N", "S"],
    ...                       "employment": [10, 20, 30, 10]})
    >>> ellison_glaeser(firms, region_employment={"N": 40, "S": 60})
      industry     gamma         G         H       z_G  n_firms
    0        a  0.813725  0.417959  0.306122  1.688...        4
    """
    plants = plant_data(firms, industry, region, employment, region_employment)
    gamma, g = ellison_glaeser_matrix(plants["e"], plants["x"], plants["h"])
    z = _z_score(g, plants["x"], plants["h"], plants["z4"])
    columns = {"gamma": gamma, "G": g, "H": plants["h"], "z_G": z, "n_firms": plants["n"]}
    return _per_industry(plants, industry, columns)


def maurel_sedillot(
    firms: pd.DataFrame,
    *,
    industry: str = "industry",
    region: str = "region",
    employment: str = "employment",
    region_employment: str | Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Maurel–Sédillot index of agglomeration of every industry, from plant data.

    .. math::

        \gamma^{MS}_i = \frac{G^{MS}_i - H_i}{1 - H_i}, \qquad
        G^{MS}_i = \frac{\sum_j s_{ij}^2 - \sum_j x_j^2}{1 - \sum_j x_j^2}

    Parameters
    ----------
    firms, industry, region, employment, region_employment
        As in :func:`ellison_glaeser`.

    Returns
    -------
    pandas.DataFrame
        One row per industry: ``gamma``, ``G`` (:math:`G^{MS}`), ``H`` and
        ``n_firms``.

    Raises
    ------
    InputError
        As :func:`ellison_glaeser`.

    Notes
    -----
    The same dartboard model as Ellison–Glaeser with another estimator of
    raw concentration, derived from the probability that two plants of the
    industry share a region; both have expectation γ under the model.

    References
    ----------
    .. [1] Maurel, F. & Sédillot, B. (1999). A measure of the geographic
       concentration in French manufacturing industries. *Regional Science
       and Urban Economics* 29(5), 575–604. doi:10.1016/S0166-0462(99)00020-4

    Examples
    --------
    >>> import pandas as pd
    >>> firms = pd.DataFrame({"industry": ["a"] * 4, "region": ["N", "N", "N", "S"],
    ...                       "employment": [10, 20, 30, 10]})
    >>> maurel_sedillot(firms, region_employment={"N": 40, "S": 60})
      industry     gamma         G         H  n_firms
    0        a  0.264706  0.489796  0.306122        4
    """
    plants = plant_data(firms, industry, region, employment, region_employment)
    gamma, g = maurel_sedillot_matrix(plants["e"], plants["x"], plants["h"])
    columns = {"gamma": gamma, "G": g, "H": plants["h"], "n_firms": plants["n"]}
    return _per_industry(plants, industry, columns)


def ellison_glaeser_from_counts(
    data: pd.DataFrame,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    establishments: str = "establishments",
    basis: str = "employment",
) -> pd.DataFrame:
    r"""Ellison–Glaeser index from regional employment and establishment counts.

    Without plant-level data the plant Herfindahl is approximated by
    equal-sized establishments, :math:`H_i \approx 1/N_i`, with :math:`N_i`
    the industry's number of establishments:

    .. math::

        \gamma_i = \frac{G_i - (1 - \sum_j x_j^2)/N_i}
                         {(1 - \sum_j x_j^2)(1 - 1/N_i)}

    Parameters
    ----------
    data : pandas.DataFrame
        Long table, one row per region × industry (× period), with the
        employment ``value`` and the ``establishments`` count.
    region, industry, value, period, suppressed
        As in :func:`~clusterdialog.measures.location_quotients.location_quotient`;
        ``suppressed`` applies to ``value``.
    establishments : str
        Column of establishment counts (no missing values).
    basis : {"employment", "establishments"}
        What :math:`s_{ij}` and :math:`x_j` are shares of.  ``"employment"``
        (default): employment, as in EG (1997), with H approximated.
        ``"establishments"``: establishment counts, every establishment one
        unit, so that :math:`H_i = 1/N_i` holds exactly (the count version of
        the dartboard model, Guimarães, Figueiredo & Woodward 2007).

    Returns
    -------
    pandas.DataFrame
        One row per industry (× period): ``gamma``, ``G``, ``H`` and
        ``n_establishments``.

    Raises
    ------
    InputError
        For a bad table, a missing establishment count or a bad ``basis``.

    Warns
    -----
    DataQualityWarning
        When industries have employment but no establishment (γ is ``NaN``).

    Notes
    -----
    :math:`x_j` is region j's share of the panel's total (all industries), as
    in REAT ``ellison.a2``, so the panel should cover the whole economy.
    Since :math:`H_i \ge 1/N_i` with equality only for equal sizes, the
    employment-based γ overstates localisation where plant sizes are unequal
    (a few large plants); size-class data would give a tighter H.  ``NaN``
    for industries with fewer than two establishments.

    References
    ----------
    .. [1] Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in
       U.S. manufacturing industries: a dartboard approach. *Journal of
       Political Economy* 105(5), 889–927. doi:10.1086/262098
    .. [2] Guimarães, P., Figueiredo, O. & Woodward, D. (2007). Measuring the
       localization of economic activity: a parametric approach. *Journal of
       Regional Science* 47(4), 753–774.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["N", "N", "S", "S"], "industry": ["a", "b", "a", "b"],
    ...                    "value": [60, 20, 10, 30], "establishments": [3, 2, 1, 3]})
    >>> ellison_glaeser_from_counts(df)
      industry     gamma         G     H  n_establishments
    0        a -0.115646  0.072562  0.25               4.0
    1        b  0.150000  0.142222  0.20               5.0
    """
    check_choice("basis", basis, COUNT_BASES)
    if isinstance(data, RegionalPanel):
        raise InputError(
            "data: expected a long DataFrame with an establishments column, got a RegionalPanel"
        )
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="ellison_glaeser_from_counts",
    )  # fmt: skip
    counts = RegionalPanel.from_long(
        data, region=region, industry=industry, value=establishments, period=period
    )
    rows = counts.regions.get_indexer(panel.regions)
    cols = counts.industries.get_indexer(panel.industries)
    results = []
    for p, employment_matrix in zip(panel.periods, panel.matrices, strict=True):
        n_matrix = counts.matrix(p if counts.has_periods else None)[np.ix_(rows, cols)]
        if np.isnan(n_matrix).any():
            raise InputError(
                f"establishments: {int(np.isnan(n_matrix).sum())} missing count(s) in column "
                f"{establishments!r}; expected a count for every cell"
            )
        n = n_matrix.sum(axis=0)
        without = (n == 0) & (employment_matrix.sum(axis=0) > 0)
        if without.any():
            warnings.warn(
                f"establishments: {int(without.sum())} of {len(n)} industries have employment "
                f"but no establishment (e.g. {list(panel.industries[without][:3])}); gamma is NaN",
                DataQualityWarning,
                stacklevel=2,
            )
        e = employment_matrix if basis == "employment" else n_matrix
        with np.errstate(divide="ignore"):
            h = np.where(n > 0, 1.0 / np.where(n > 0, n, 1.0), np.nan)
        gamma, g = ellison_glaeser_matrix(e, e.sum(axis=1) / e.sum(), h)
        results.append({"gamma": gamma, "G": g, "H": h, "n_establishments": n})
    return by_industry(panel, results)
