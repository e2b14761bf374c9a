"""Regionalised input-output tables from a national table and regional employment.

A region buys part of each input from outside.  Location-quotient methods
estimate the regional (intra-regional) coefficients ``r_ij = c_ij · a_ij``
from the national technical coefficients ``a_ij`` and a factor
``c_ij = min(1, q_ij)`` built from employment: the simple LQ (SLQ), the
cross-industry LQ (CILQ), Flegg's LQ (FLQ) and the augmented FLQ (AFLQ).
The difference ``a_ij − r_ij`` is what the region imports per unit of output.

Regional employment comes as the long panel of the analytics core (region,
industry, value); a *concordance* maps its industries to the table's sectors
(e.g. :data:`WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL` for the demo Kreis panel and
the Eurostat-manual table of Germany 1995).  Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.valuechain.concordance import (
    WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL,
    WZ_SECTIONS_TO_CPA_A10,
    sector_employment,
)
from clusterdialog.valuechain.leontief import leontief_inverse_matrix, technical_coefficient_matrix
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "REGIONALISATION_METHODS",
    "WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL",
    "WZ_SECTIONS_TO_CPA_A10",
    "RegionalTable",
    "regional_coefficients",
    "regionalisation_factors",
    "sector_employment",
]

# The concordances and sector_employment live in .concordance (module size); re-exported here.

#: The location-quotient methods of :func:`regional_coefficients`.
REGIONALISATION_METHODS: tuple[str, ...] = ("slq", "cilq", "flq", "aflq")


def regionalisation_factors(
    regional: np.ndarray, national: np.ndarray, *, method: str = "flq", delta: float = 0.3
) -> np.ndarray:
    r"""The factors ``c_ij = min(1, q_ij)`` that scale national into regional coefficients.

    With :math:`SLQ_i = (E^r_i / E^r) / (E^n_i / E^n)` (supplier i, purchaser j):

    .. math::

        q^{SLQ}_{ij} = SLQ_i, \qquad q^{CILQ}_{ij} = SLQ_i / SLQ_j \;(i \ne j),
        \; SLQ_i \;(i = j),

        q^{FLQ}_{ij} = \lambda\, q^{CILQ}_{ij}, \qquad
        \lambda = [\log_2(1 + E^r / E^n)]^{\delta},

        q^{AFLQ}_{ij} = q^{FLQ}_{ij} \log_2(1 + SLQ_j) \text{ where } SLQ_j > 1.

    Parameters
    ----------
    regional, national : numpy.ndarray
        Employment by sector in the region and in the nation (same order).
    method : {"slq", "cilq", "flq", "aflq"}
    delta : float
        FLQ's δ in [0, 1) (0 makes FLQ equal to CILQ); 0.3 is the common choice.

    Returns
    -------
    numpy.ndarray
        n × n factors in [0, 1], supplier rows × purchaser columns.  A
        supplier without regional employment gets 0 (all imported); a
        purchaser without regional employment (SLQ_j = 0) caps at 1.  A
        sector without national employment is treated as absent (0).

    Raises
    ------
    InputError
        For an unknown method, δ outside [0, 1), negative employment or a
        region without employment.

    Notes
    -----
    The CILQ diagonal uses the SLQ (Smith & Morrison 1974), as do FLQ and AFLQ
    (Flegg & Webber 2000).  δ between 0.1 and 0.3 fitted survey-based tables
    best (Flegg & Tohmo 2013).

    References
    ----------
    .. [1] Flegg, A. T., Webber, C. D. & Elliott, M. V. (1995). On the appropriate use
       of location quotients in generating regional input-output tables. *Regional
       Studies* 29(6), 547–561. doi:10.1080/00343409512331349173
    .. [2] Flegg, A. T. & Webber, C. D. (2000). Regional size, regional
       specialization and the FLQ formula. *Regional Studies* 34(6), 563–569.
       doi:10.1080/00343400050085675
    .. [3] Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.,
       § 8.3. Cambridge University Press. doi:10.1017/CBO9780511626982

    Examples
    --------
    A region with 30 and 70 jobs in two sectors, a nation with 200 and 400
    (SLQ 0.9 and 1.05, λ = log2(1 + 100/600)^0.3 = 0.637):

    >>> f = regionalisation_factors([30, 70], [200, 400], method="slq")
    >>> f.round(4)
    array([[0.9, 0.9],
           [1. , 1. ]])
    >>> regionalisation_factors([30, 70], [200, 400], method="flq", delta=0.3).round(4)
    array([[0.5733, 0.546 ],
           [0.7432, 0.6688]])
    """
    check_choice("method", method, REGIONALISATION_METHODS)
    if isinstance(delta, bool) or not isinstance(delta, int | float) or not 0 <= delta < 1:
        raise InputError(f"delta: expected a number in [0, 1), got {delta!r}")
    e_r = np.asarray(regional, dtype=float)
    e_n = np.asarray(national, dtype=float)
    if e_r.shape != e_n.shape or e_r.ndim != 1:
        raise InputError(f"regional, national: expected two vectors of one length, "
                         f"got shapes {e_r.shape} and {e_n.shape}")  # fmt: skip
    if (e_r < 0).any() or (e_n < 0).any() or not np.isfinite(e_r).all():
        raise InputError("regional, national: employment must be finite and ≥ 0")
    if not e_r.sum() > 0 or not e_n.sum() > 0:
        raise InputError("regional: the region has no employment in the table's sectors")
    with np.errstate(divide="ignore", invalid="ignore"):
        slq = (e_r / e_r.sum()) / (e_n / e_n.sum())
    slq = np.where(e_n > 0, slq, 0.0)
    n = len(slq)
    if method == "slq":
        q = np.repeat(slq[:, None], n, axis=1)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            q = np.where(slq[None, :] > 0, slq[:, None] / slq[None, :], np.inf)
        q[slq == 0, :] = 0.0
        np.fill_diagonal(q, slq)
        if method in ("flq", "aflq"):
            q *= np.log2(1 + e_r.sum() / e_n.sum()) ** delta
        if method == "aflq":
            q *= np.where(slq > 1, np.log2(1 + slq), 1.0)[None, :]
    return np.minimum(q, 1.0)


@dataclass(frozen=True, eq=False)
class RegionalTable:
    """A regionalised input-output table (result of :func:`regional_coefficients`).

    Attributes
    ----------
    region, method : str
    delta : float
    flq_lambda : float or None
        FLQ's regional-size factor λ (``None`` for SLQ and CILQ).
    factors : pandas.DataFrame
        n × n regionalisation factors ``c_ij`` (supplier rows × purchaser columns).
    national_coefficients, coefficients, leontief : pandas.DataFrame
        National ``A``, regional ``R = C ∘ A`` and ``(I − R)⁻¹``.
    output : pandas.Series
        Estimated regional output ``x^r_j = x_j E^r_j / E^n_j`` (national labour productivity).
    quotients : pandas.DataFrame
        Columns ``sector``, ``regional_employment``, ``national_employment``,
        ``slq``, ``input_import_share`` (share of the sector's intermediate
        inputs bought outside the region, ``Σ_i m_ij / Σ_i a_ij``).
    multipliers : pandas.DataFrame
        Columns ``sector``, ``national``, ``regional`` (output multipliers,
        column sums of the Leontief inverses) and, where the table has
        employment, ``employment_national``, ``employment_regional`` (jobs per
        unit of final demand, ``l·L``).
    import_shares : pandas.DataFrame
        One row per input (supplier × user with ``a_ij > 0``): ``supplier``,
        ``user``, ``national_coefficient``, ``regional_coefficient``,
        ``import_coefficient`` (``a_ij − r_ij``), ``import_share`` (``1 − c_ij``).
    """

    region: str
    method: str
    delta: float
    flq_lambda: float | None
    factors: pd.DataFrame
    national_coefficients: pd.DataFrame
    coefficients: pd.DataFrame
    leontief: pd.DataFrame
    output: pd.Series
    quotients: pd.DataFrame
    multipliers: pd.DataFrame
    import_shares: pd.DataFrame

    @property
    def intermediate(self) -> pd.DataFrame:
        """Estimated intra-regional flows ``R · diag(x^r)``."""
        return self.coefficients * self.output.to_numpy()[None, :]


def regional_coefficients(
    table: IOTable,
    employment: pd.DataFrame | RegionalPanel,
    *,
    region: str,
    method: str = "flq",
    delta: float = 0.3,
    concordance: Mapping | None = None,
    region_column: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    at: Hashable | None = None,
    suppressed: str = "error",
) -> RegionalTable:
    r"""Regionalise a national table for one region with a location-quotient method.

    .. math:: r_{ij} = \min(1, q_{ij})\, a_{ij}, \qquad m_{ij} = a_{ij} - r_{ij}

    with :math:`q_{ij}` the SLQ, CILQ, FLQ or AFLQ of
    :func:`regionalisation_factors`; the nation is the panel's total.

    Parameters
    ----------
    table : IOTable
        The national table.
    employment : pandas.DataFrame or RegionalPanel
        Regional employment, the long panel of the analytics core.
    region : str
        The region's code in ``region_column`` (e.g. ``"08111"``).
    method : {"flq", "slq", "cilq", "aflq"}
    delta : float
        FLQ's δ in [0, 1).
    concordance : mapping, optional
        Panel industry → table sector (see :func:`sector_employment`).
    region_column, industry, value, period : str
        Column names of the panel.
    at : hashable, optional
        The period to use when the panel has several.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}

    Returns
    -------
    RegionalTable

    Raises
    ------
    InputError
        For an unknown region, method or δ, a bad panel or concordance, or a
        singular ``I − R``.

    Notes
    -----
    LQ methods assume equal labour productivity and consumption patterns in
    region and nation and never allow cross-hauling, so they understate
    imports; FLQ corrects for regional size.  ``SLQ_j ≥ 1`` suppliers keep
    their national coefficients under SLQ.

    References
    ----------
    .. [1] Flegg, A. T., Webber, C. D. & Elliott, M. V. (1995). *Regional Studies*
       29(6), 547–561. doi:10.1080/00343409512331349173
    .. [2] Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.,
       ch. 8. Cambridge University Press. doi:10.1017/CBO9780511626982

    Examples
    --------
    Germany 1995 (Eurostat manual, six product groups) regionalised for
    Stuttgart (08111) with the demo Kreis panel of 2020:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> codes = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]
    >>> z = [[1131, 25480, 1, 607, 710, 762], [7930, 304584, 64167, 41082, 11981, 30360],
    ...      [426, 7334, 3875, 5296, 23457, 9155], [3559, 72717, 14190, 74399, 10835, 21008],
    ...      [3637, 96115, 31027, 65755, 193176, 34223], [1552, 14986, 1747, 11225, 15058, 22070]]
    >>> x = [43910, 1079446, 245606, 540063, 692487, 508918]
    >>> germany = IOTable.from_arrays(codes, z, [a - sum(r) for a, r in zip(x, z)], output=x,
    ...                               employment=[1096, 8381, 3236, 9251, 4258, 10206])
    >>> kreise = load_kreise_industries()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # suppressed cells counted as 0
    ...     stuttgart = regional_coefficients(
    ...         germany, kreise[kreise["period"] == 2020], region="08111", method="flq",
    ...         concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL, suppressed="zero")
    >>> round(stuttgart.flq_lambda, 4)
    0.3011
    >>> stuttgart.multipliers[["sector", "national", "regional"]].round(3)
        sector  national  regional
    0    CPA_A     1.705     1.459
    1  CPA_B-E     1.841     1.175
    2    CPA_F     1.814     1.288
    3  CPA_G-I     1.604     1.197
    4  CPA_J-N     1.595     1.182
    5  CPA_O-T     1.378     1.091

    Stuttgart's industry (SLQ 0.90) buys 69 % of its intermediate inputs
    outside the city:

    >>> q = stuttgart.quotients.set_index("sector")
    >>> q.loc["CPA_B-E", ["slq", "input_import_share"]].astype(float).round(4)
    slq                   0.9006
    input_import_share    0.6935
    Name: CPA_B-E, dtype: float64
    """
    check_choice("method", method, REGIONALISATION_METHODS)
    by_region = sector_employment(
        table, employment, concordance=concordance, region_column=region_column,
        industry=industry, value=value, period=period, at=at, suppressed=suppressed,
    )  # fmt: skip
    if str(region) not in by_region.index:
        raise InputError(f"region: {region!r} is not in the panel's {region_column!r} column "
                         f"(e.g. {list(by_region.index[:5])})")  # fmt: skip
    e_r = by_region.loc[str(region)].to_numpy()
    e_n = by_region.sum(axis=0).to_numpy()
    factors = regionalisation_factors(e_r, e_n, method=method, delta=delta)
    x, sectors = table.output, table.sectors
    a = technical_coefficient_matrix(table.intermediate, x, sectors)
    with np.errstate(divide="ignore", invalid="ignore"):
        slq = np.where(e_n > 0, (e_r / e_r.sum()) / (e_n / e_n.sum()), 0.0)
        x_r = np.where(e_n > 0, x * e_r / e_n, 0.0)
    r = factors * a
    leontief_national = leontief_inverse_matrix(a, sectors=sectors)
    leontief_regional = leontief_inverse_matrix(r, sectors=sectors)
    frame = lambda m: pd.DataFrame(m, index=sectors, columns=sectors)  # noqa: E731
    multipliers = {"sector": np.asarray(sectors), "national": leontief_national.sum(axis=0),
                   "regional": leontief_regional.sum(axis=0)}  # fmt: skip
    if table.employment is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            labour = np.where(x > 0, table.employment / x, 0.0)
        multipliers["employment_national"] = labour @ leontief_national
        multipliers["employment_regional"] = labour @ leontief_regional
    used = a.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        input_share = np.where(used > 0, (a - r).sum(axis=0) / used, np.nan)
    supplier, user = np.nonzero(a > 0)
    imports = pd.DataFrame({
        "supplier": np.asarray(sectors)[supplier], "user": np.asarray(sectors)[user],
        "national_coefficient": a[supplier, user], "regional_coefficient": r[supplier, user],
        "import_coefficient": (a - r)[supplier, user],
        "import_share": 1.0 - factors[supplier, user],
    })  # fmt: skip
    return RegionalTable(
        region=str(region), method=method, delta=float(delta),
        flq_lambda=float(np.log2(1 + e_r.sum() / e_n.sum()) ** delta)
        if method in ("flq", "aflq") else None,
        factors=frame(factors), national_coefficients=frame(a), coefficients=frame(r),
        leontief=frame(leontief_regional), output=pd.Series(x_r, index=sectors, name="output"),
        quotients=pd.DataFrame({"sector": np.asarray(sectors), "regional_employment": e_r,
                                "national_employment": e_n, "slq": slq,
                                "input_import_share": input_share}),
        multipliers=pd.DataFrame(multipliers), import_shares=imports,
    )  # fmt: skip
