"""A cluster's value chain: its suppliers and customers, their local presence, and the gaps.

For a cluster (a set of sectors of an input-output table) the supplier
sectors are ranked by the cluster's direct and total requirements, the
customer sectors by the direct and total (Ghosh) allocation of the cluster's
output.  With regional employment, each gets its local presence (employment,
location quotient) and, for suppliers, the share of the input the region
imports (from :func:`~clusterdialog.valuechain.regional.regional_coefficients`).
The *gaps* are the strongly linked sectors that are under-represented in the
region: candidates for settlement policy and for partners in neighbouring
regions.  Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import leontief_inverse_matrix, technical_coefficient_matrix
from clusterdialog.valuechain.linkages import allocation_coefficient_matrix, ghosh_inverse_matrix
from clusterdialog.valuechain.regional import regional_coefficients
from clusterdialog.valuechain.table import IOTable

__all__ = ["cluster_value_chain", "value_chain_gaps"]

_PRESENCE = ["regional_employment", "location_quotient", "import_share"]


def _cluster_positions(table: IOTable, cluster_sectors: Iterable[str]) -> np.ndarray:
    if isinstance(cluster_sectors, str):
        cluster_sectors = [cluster_sectors]
    codes = [str(c) for c in cluster_sectors]
    unknown = [c for c in codes if c not in table.sectors]
    if not codes or unknown:
        raise InputError(f"cluster_sectors: expected codes of the table's sectors "
                         f"{list(table.sectors[:8])}, got {unknown or 'none'}")  # fmt: skip
    positions = np.unique(table.sectors.get_indexer(codes))
    if len(positions) == table.n:
        raise InputError("cluster_sectors: the cluster holds every sector; nothing is outside it")
    if not table.output[positions].sum() > 0:
        raise InputError(f"cluster_sectors: the cluster's sectors {codes} have no output")
    return positions


def cluster_value_chain(
    table: IOTable,
    cluster_sectors: Iterable[str],
    *,
    employment: pd.DataFrame | RegionalPanel | None = None,
    region: str | None = None,
    method: str = "flq",
    delta: float = 0.3,
    concordance: Mapping | None = None,
    region_column: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    at: Hashable | None = None,
    suppressed: str = "error",
) -> pd.DataFrame:
    r"""Suppliers and customers of a cluster, ranked by linkage strength, with local presence.

    With :math:`w_j = x_j / \sum_{c \in C} x_c` the output weights of the
    cluster's sectors C, supplier i and customer k outside C get

    .. math::

        \text{direct}^{s}_i = \sum_{j \in C} w_j a_{ij}, \quad
        \text{total}^{s}_i = \sum_{j \in C} w_j l_{ij}, \quad
        \text{direct}^{c}_k = \sum_{j \in C} w_j b_{jk}, \quad
        \text{total}^{c}_k = \sum_{j \in C} w_j g_{jk}

    (A technical coefficients, L Leontief inverse, B allocation coefficients,
    G Ghosh inverse), and ``linkage_index`` = total / its mean over the role.

    Parameters
    ----------
    table : IOTable
        The national table.
    cluster_sectors : iterable of str
        The cluster's sectors (codes of the table).
    employment : pandas.DataFrame or RegionalPanel, optional
        Regional employment (long panel); with ``region`` adds local presence.
    region : str, optional
        The region's code.
    method, delta, concordance, region_column, industry, value, period, at, suppressed
        As in :func:`~clusterdialog.valuechain.regional.regional_coefficients`.

    Returns
    -------
    pandas.DataFrame
        One row per role (``"supplier"``, ``"customer"``) and sector outside the
        cluster, ranked: ``role``, ``rank``, ``sector``, ``name``, ``direct``,
        ``total``, ``linkage_index``; with employment also
        ``regional_employment``, ``location_quotient`` (SLQ against the panel
        total) and ``import_share`` (suppliers: share of the cluster's
        requirement of the input bought outside the region; customers:
        ``NaN``).  ``attrs`` holds ``region`` and ``cluster``.

    Raises
    ------
    InputError
        For unknown or no cluster sectors, a cluster of every sector or
        without output, ``employment`` without ``region``, and as in
        :func:`~clusterdialog.valuechain.regional.regional_coefficients`.

    Notes
    -----
    Sectors of the cluster are left out (their own deliveries are intra-cluster).
    Customers are measured on the supply side (Ghosh), as Miller & Blair
    recommend for forward linkages.

    References
    ----------
    .. [1] Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.,
       ch. 12. Cambridge University Press. doi:10.1017/CBO9780511626982
    .. [2] Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates.
       *Regional Studies* 34(1), 1–19. doi:10.1080/00343400050005844

    Examples
    --------
    The industry (B-E) of Stuttgart with Germany 1995 and the demo Kreis panel:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> from clusterdialog.valuechain.regional import WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL
    >>> codes = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]
    >>> z = [[1131, 25480, 1, 607, 710, 762], [7930, 304584, 64167, 41082, 11981, 30360],
    ...      [426, 7334, 3875, 5296, 23457, 9155], [3559, 72717, 14190, 74399, 10835, 21008],
    ...      [3637, 96115, 31027, 65755, 193176, 34223], [1552, 14986, 1747, 11225, 15058, 22070]]
    >>> x = [43910, 1079446, 245606, 540063, 692487, 508918]
    >>> germany = IOTable.from_arrays(codes, z, [a - sum(r) for a, r in zip(x, z)], output=x)
    >>> kreise = load_kreise_industries()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # suppressed cells counted as 0
    ...     chain = cluster_value_chain(
    ...         germany, ["CPA_B-E"], employment=kreise[kreise["period"] == 2020],
    ...         region="08111", concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL, suppressed="zero")
    >>> cols = ["role", "rank", "sector", "direct", "total", "location_quotient", "import_share"]
    >>> chain[cols].round(3)
           role  rank   sector  direct  total  location_quotient  import_share
    0  supplier     1  CPA_J-N   0.089  0.207              1.690         0.435
    1  supplier     2  CPA_G-I   0.067  0.121              0.644         0.785
    2  supplier     3    CPA_A   0.024  0.035              0.105         0.965
    3  supplier     4  CPA_O-T   0.014  0.030              0.951         0.682
    4  supplier     5    CPA_F   0.007  0.019              0.616         0.794
    5  customer     1    CPA_F   0.059  0.090              0.616           NaN
    6  customer     2  CPA_G-I   0.038  0.071              0.644           NaN
    7  customer     3  CPA_O-T   0.028  0.051              0.951           NaN
    8  customer     4  CPA_J-N   0.011  0.038              1.690           NaN
    9  customer     5    CPA_A   0.007  0.012              0.105           NaN

    Business services (J-N) are the strongest supplier and over-represented
    in Stuttgart; trade and transport (G-I) are strongly linked but
    under-represented, so they are a gap:

    >>> gaps = value_chain_gaps(chain)
    >>> gaps[["role", "sector", "linkage_index", "gap"]].round(2)
           role   sector  linkage_index                gap
    0  supplier  CPA_G-I           1.47  under_represented
    1  customer    CPA_F           1.72  under_represented
    2  customer  CPA_G-I           1.36  under_represented
    """
    positions = _cluster_positions(table, cluster_sectors)
    if employment is not None and region is None:
        raise InputError("region: needed with employment (the region whose presence to show)")
    x, sectors = table.output, table.sectors
    a = technical_coefficient_matrix(table.intermediate, x, sectors)
    b = allocation_coefficient_matrix(table.intermediate, x, sectors)
    leontief = leontief_inverse_matrix(a, sectors=sectors)
    ghosh = ghosh_inverse_matrix(leontief, x)
    weights = x[positions] / x[positions].sum()
    outside = np.setdiff1d(np.arange(table.n), positions)
    strengths = {
        "supplier": (a[:, positions] @ weights, leontief[:, positions] @ weights),
        "customer": (weights @ b[positions, :], weights @ ghosh[positions, :]),
    }
    presence = None
    if employment is not None:
        regional = regional_coefficients(
            table, employment, region=region, method=method, delta=delta,
            concordance=concordance, region_column=region_column, industry=industry,
            value=value, period=period, at=at, suppressed=suppressed,
        )  # fmt: skip
        needed = a[:, positions] @ x[positions]
        local = regional.coefficients.to_numpy()[:, positions] @ x[positions]
        with np.errstate(divide="ignore", invalid="ignore"):
            imported = np.where(needed > 0, 1 - local / needed, np.nan)
        quotients = regional.quotients
        presence = (quotients["regional_employment"].to_numpy(), quotients["slq"].to_numpy(),
                    imported)  # fmt: skip
    parts = []
    for role, (direct, total) in strengths.items():
        mean = total[outside].mean()
        part = pd.DataFrame({
            "role": role, "sector": np.asarray(sectors)[outside],
            "name": [table.name(s) for s in sectors[outside]], "direct": direct[outside],
            "total": total[outside],
            "linkage_index": total[outside] / mean if mean > 0 else np.nan,
        })  # fmt: skip
        if presence is not None:
            part["regional_employment"] = presence[0][outside]
            part["location_quotient"] = presence[1][outside]
            part["import_share"] = presence[2][outside] if role == "supplier" else np.nan
        part = part.sort_values(["total", "direct"], ascending=False, kind="stable")
        part.insert(1, "rank", np.arange(1, len(part) + 1))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update(region=region, cluster=[str(s) for s in sectors[positions]])
    return out


def _number_de(value: float, digits: int = 2) -> str:
    """German number format: ``1.234,56``."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _explain(row: pd.Series, region: str) -> tuple[str, str]:
    label = f"{row['name']} ({row['sector']})" if row["name"] != row["sector"] else row["sector"]
    lq_de, lq_en = _number_de(row["location_quotient"]), f"{row['location_quotient']:,.2f}"
    share = row["import_share"]
    tail_de = "Kandidat für Ansiedlungspolitik oder für Partner aus Nachbarregionen."
    tail_en = "A candidate for settlement policy or for partners from neighbouring regions."
    if row["role"] == "supplier":
        if row["gap"] == "missing":
            return (f"Die Region {region} hat keine Beschäftigung in {label}; der Cluster bezieht "
                    f"diese Vorleistungen vollständig von außen. {tail_de}",
                    f"Region {region} has no employment in {label}; the cluster buys these "
                    f"inputs entirely from outside. {tail_en}")  # fmt: skip
        most = np.isfinite(share) and share >= 0.5
        return (f"Die Region {region} bezieht Vorleistungen aus {label} "
                f"{'überwiegend' if most else 'zum Teil'} von außen (Standortquotient {lq_de}, "
                f"geschätzter Importanteil {_number_de(100 * share, 0)} %). {tail_de}",
                f"Region {region} buys inputs from {label} {'mostly' if most else 'partly'} "
                f"from outside (location quotient {lq_en}, estimated import share "
                f"{100 * share:.0f}%). {tail_en}")  # fmt: skip
    if row["gap"] == "missing":
        return (f"Die Region {region} hat keine Abnehmer in {label}; der Cluster liefert "
                f"dorthin nur nach außen. {tail_de}",
                f"Region {region} has no customers in {label}; the cluster sells to them only "
                f"outside the region. {tail_en}")  # fmt: skip
    return (f"Abnehmer des Clusters in {label} sind in der Region {region} unterrepräsentiert "
            f"(Standortquotient {lq_de}); der Cluster liefert überwiegend nach außen. {tail_de}",
            f"Customers of the cluster in {label} are under-represented in region {region} "
            f"(location quotient {lq_en}); the cluster mostly sells outside. "
            f"{tail_en}")  # fmt: skip


def value_chain_gaps(
    chain: pd.DataFrame, *, min_linkage_index: float = 1.0, lq_threshold: float = 1.0
) -> pd.DataFrame:
    r"""The gaps of a cluster's regional value chain: strongly linked, locally weak sectors.

    A sector of the chain (result of :func:`cluster_value_chain` with
    employment) is a gap when

    .. math:: \text{linkage\_index} \ge \text{min\_linkage\_index}
              \;\wedge\; (LQ < \text{lq\_threshold} \;\vee\; E^r = 0).

    Parameters
    ----------
    chain : pandas.DataFrame
        The output of :func:`cluster_value_chain` with ``employment`` and ``region``.
    min_linkage_index : float
        How strong a link must be (1 = the average supplier or customer).
    lq_threshold : float
        Below this location quotient a sector counts as under-represented.

    Returns
    -------
    pandas.DataFrame
        The gap rows of ``chain`` (same columns, ranked by role and linkage
        index) plus ``gap`` (``"missing"``: no regional employment, or
        ``"under_represented"``), ``explanation_de`` and ``explanation_en``
        (sentences with the numbers in German and English format).

    Raises
    ------
    InputError
        If ``chain`` lacks the local-presence columns or a threshold is not a
        positive number.

    Notes
    -----
    What the region imports is where it depends on other regions: each gap is
    a candidate for settling firms or for partners in neighbouring regions.
    LQ-based import shares understate imports (no cross-hauling).

    References
    ----------
    .. [1] Feser, E. J. & Bergman, E. M. (2000). National industry cluster templates.
       *Regional Studies* 34(1), 1–19. doi:10.1080/00343400050005844

    Examples
    --------
    >>> import pandas as pd
    >>> chain = pd.DataFrame({"role": ["supplier", "supplier"], "rank": [1, 2],
    ...     "sector": ["C", "F"], "name": ["Metals", "F"], "direct": [0.2, 0.01],
    ...     "total": [0.3, 0.02], "linkage_index": [1.875, 0.125],
    ...     "regional_employment": [1200.0, 50.0], "location_quotient": [0.4, 0.3],
    ...     "import_share": [0.72, 0.8]})
    >>> chain.attrs["region"] = "08111"
    >>> gaps = value_chain_gaps(chain)
    >>> print(gaps.loc[0, "explanation_de"])
    Die Region 08111 bezieht Vorleistungen aus Metals (C) überwiegend von außen (Standortquotient 0,40, geschätzter Importanteil 72 %). Kandidat für Ansiedlungspolitik oder für Partner aus Nachbarregionen.
    >>> print(gaps.loc[0, "explanation_en"])
    Region 08111 buys inputs from Metals (C) mostly from outside (location quotient 0.40, estimated import share 72%). A candidate for settlement policy or for partners from neighbouring regions.
    """  # noqa: E501
    missing = [c for c in ["role", "sector", "name", "linkage_index", *_PRESENCE]
               if c not in chain.columns]  # fmt: skip
    if missing:
        raise InputError(f"chain: columns {missing} missing; call cluster_value_chain with "
                         "employment and region to get the local presence")  # fmt: skip
    for argument, given in (("min_linkage_index", min_linkage_index),
                            ("lq_threshold", lq_threshold)):  # fmt: skip
        if isinstance(given, bool) or not isinstance(given, int | float) or not given >= 0:
            raise InputError(f"{argument}: expected a number ≥ 0, got {given!r}")
    absent = ~(chain["regional_employment"] > 0)
    weak = absent | (chain["location_quotient"] < lq_threshold)
    gaps = chain[(chain["linkage_index"] >= min_linkage_index) & weak].copy()
    gaps["gap"] = np.where(absent[gaps.index], "missing", "under_represented")
    gaps = gaps.sort_values(["role", "linkage_index"], ascending=[False, False], kind="stable")
    gaps = gaps.reset_index(drop=True)
    region = str(chain.attrs.get("region") or "")
    texts = [_explain(row, region) for _, row in gaps.iterrows()]
    gaps["explanation_de"] = [t[0] for t in texts]
    gaps["explanation_en"] = [t[1] for t in texts]
    gaps.attrs.update(chain.attrs)
    return gaps
