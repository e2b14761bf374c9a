"""Presence, co-occurrence and proximity: which industries a region has, and which go together.

An industry is *present* in a region when its location quotient reaches a
threshold (M = 1 if LQ ≥ 1, the convention of EconGeo, ecomplexity and
Datawheel).  Counting the regions in which two industries are both present
gives their co-occurrence MᵀM; dividing it by the larger of the two
ubiquities gives their proximity (Hidalgo et al. 2007).  These are the inputs
of relatedness and density (:mod:`.relatedness`) and of economic complexity
(:mod:`.complexity`).

Every function takes a long table (or a :class:`~clusterdialog.data.panel.RegionalPanel`)
and returns a long table; the ``*_matrix`` kernels work on numpy arrays.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.measures._cache import memoised
from clusterdialog.measures._checks import check_threshold
from clusterdialog.measures._results import by_cell, by_industry_pair
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = [
    "co_occurrence",
    "co_occurrence_matrix",
    "presence",
    "presence_matrix",
    "proximity",
    "proximity_matrix",
]


@memoised
def presence_matrix(x: np.ndarray, *, threshold: float = 1.0) -> np.ndarray:
    """Binary presence M (float 0/1) of a ``regions × industries`` value matrix.

    Parameters
    ----------
    x : numpy.ndarray
        Non-negative values (employment), regions in rows.
    threshold : float
        M_rk = 1 if LQ_rk ≥ ``threshold``.

    Returns
    -------
    numpy.ndarray
        Float 0/1 matrix of the same shape; cells whose LQ is undefined (zero
        row or column total) are 0.  See :func:`presence` for the conventions.

    Examples
    --------
    >>> import numpy as np
    >>> presence_matrix(np.array([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]]))
    array([[1., 0., 1., 0.],
           [0., 1., 0., 1.],
           [1., 1., 1., 0.]])
    """
    with np.errstate(invalid="ignore"):
        lq = location_quotient_matrix(np.asarray(x, dtype="float64"))
        # reuse the LQ buffer for the 0/1 result (NaN compares False: absent)
        np.greater_equal(lq, threshold, out=lq, casting="unsafe")
    return lq


@memoised
def co_occurrence_matrix(m: np.ndarray, *, diagonal: bool = False) -> np.ndarray:
    """Co-occurrence MᵀM of a binary presence matrix (industries × industries).

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries (:func:`presence_matrix`).
    diagonal : bool
        Keep the diagonal (ubiquities); by default it is 0.

    Returns
    -------
    numpy.ndarray
        Float64 industries × industries counts.  The product runs in float32,
        which is exact for counts below 2**24.  See :func:`co_occurrence`.
    """
    m32 = np.asarray(m, dtype="float32")
    c = (m32.T @ m32).astype("float64")
    if not diagonal:
        np.fill_diagonal(c, 0.0)
    return c


def proximity_matrix(m: np.ndarray, *, diagonal: bool = True) -> np.ndarray:
    """Proximity φ_kl = (MᵀM)_kl / max(u_k, u_l) of a binary presence matrix.

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries.
    diagonal : bool
        φ_kk = 1 (True, ecomplexity) or 0 (False, Datawheel).

    Returns
    -------
    numpy.ndarray
        Industries × industries.  Off the diagonal, a pair of which only one
        industry is present somewhere has proximity 0; a pair of two
        industries present nowhere is NaN (0/0), as is φ_kk with
        ``diagonal=True`` for an industry present nowhere.  See :func:`proximity`.

    Examples
    --------
    >>> import numpy as np
    >>> proximity_matrix(np.array([[1, 0], [0, 1], [1, 1]]))
    array([[1. , 0.5],
           [0.5, 1. ]])
    """
    c = co_occurrence_matrix(m, diagonal=True)
    u = np.diag(c).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = c / np.maximum(u[:, None], u[None, :])
    if not diagonal:
        np.fill_diagonal(phi, 0.0)
    return phi


def _presences(data, region, industry, value, period, suppressed, threshold, measure):
    tau = check_threshold(threshold)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure=measure,
    )  # fmt: skip
    return panel, [presence_matrix(x, threshold=tau) for x in panel.matrices]


def presence(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Presence (binary revealed comparative advantage) of industries in regions.

    .. math::

        M_{rk} = 1 \\text{ if } LQ_{rk} = \\frac{x_{rk}/X_r}{X_k/X} \\ge \\tau
        \\text{, else } 0

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (employment), one row per region ×
        industry (× period).
    region, industry, value, period : str
        Column names.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells.
    threshold : float
        τ, the LQ from which an industry counts as present (default 1).

    Returns
    -------
    pandas.DataFrame
        ``region, industry[, period], value`` with value 0 or 1.

    Raises
    ------
    InputError
        For a bad table, policy or threshold.

    Notes
    -----
    An exact tie LQ = τ counts as present (EconGeo ``location_quotient(binary=TRUE)``,
    ecomplexity ``rca_mcp_threshold``, Datawheel ``cutoff``).  A region or
    industry whose total is 0 has an undefined LQ and no presence.

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative
       advantage. The Manchester School 33(2), 99–123.
       https://doi.org/10.1111/j.1467-9957.1965.tb00050.x

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
    ...                    "value": [3, 1, 1, 3]})
    >>> presence(df)
      region industry  value
    0      A        x      1
    1      A        y      0
    2      B        x      0
    3      B        y      1

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     p = presence(bw, industry="occupation", value="employees", suppressed="zero")
    >>> int(p.loc[p["region"] == "08111", "value"].sum())  # groups with LQ >= 1 in Stuttgart
    62
    """
    panel, ms = _presences(data, region, industry, value, period, suppressed, threshold, "presence")
    return by_cell(panel, [m.astype("int64") for m in ms])


def co_occurrence(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    diagonal: bool = False,
) -> pd.DataFrame:
    """Number of regions in which two industries are both present.

    .. math::

        C_{kl} = \\sum_r M_{rk} M_{rl} = (M^\\top M)_{kl}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    diagonal : bool
        Keep the diagonal C_kk (the ubiquity of k); by default it is 0.

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j[, period], value`` for every ordered pair.

    Raises
    ------
    InputError
        For a bad table or argument.

    Notes
    -----
    EconGeo ``co_occurrence(t(M))`` sets the diagonal to 0 by default;
    ``diagonal=True`` reproduces ``co_occurrence(t(M), diagonal=TRUE)``.

    References
    ----------
    .. [1] Balland, P.-A. (2017). Economic Geography in R: Introduction to the
       EconGeo package. Papers in Evolutionary Economic Geography 17.09.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABBCC"), "industry": list("xyxyxy"),
    ...                    "value": [2, 1, 1, 2, 1, 1]})
    >>> co_occurrence(df)
      industry_i industry_j  value
    0          x          x    0.0
    1          x          y    1.0
    2          y          x    1.0
    3          y          y    0.0

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the number of Kreise where both groups
    are present:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     c = co_occurrence(bw, industry="occupation", value="employees", suppressed="zero")
    >>> c[(c["occupation_i"] == "431") & (c["occupation_j"] == "434")]  # computer science, software
         occupation_i occupation_j  value
    7955          431          434    2.0
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "co_occurrence"
    )
    return by_industry_pair(panel, [co_occurrence_matrix(m, diagonal=diagonal) for m in ms])


def proximity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    diagonal: bool = True,
) -> pd.DataFrame:
    """Proximity of industries: minimum conditional probability of co-presence.

    .. math::

        \\varphi_{kl} = \\frac{\\sum_r M_{rk} M_{rl}}{\\max(u_k, u_l)},
        \\qquad u_k = \\sum_r M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`presence`.
    diagonal : bool
        True (default) keeps φ_kk = 1 (ecomplexity); False sets it to 0
        (Datawheel).

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j[, period], value`` for every ordered pair.

    Raises
    ------
    InputError
        For a bad table or argument.

    Notes
    -----
    ecomplexity ``proximity`` (diagonal 1) and Datawheel
    ``proximity(rca, cutoff=1, procedure="max")`` (diagonal 0) agree off the
    diagonal.  Pairs of industries that are present nowhere are NaN; a pair
    of which one is present somewhere is 0.

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L., & Hausmann, R. (2007).
       The product space conditions the development of nations. Science
       317(5837), 482–487. https://doi.org/10.1126/science.1144581

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABBCC"), "industry": list("xyxyxy"),
    ...                    "value": [2, 1, 1, 2, 1, 1]})
    >>> proximity(df)["value"].tolist()
    [1.0, 0.5, 0.5, 1.0]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, the groups closest to software
    development (434):

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     phi = proximity(bw, industry="occupation", value="employees", suppressed="zero")
    >>> software = phi[(phi["occupation_i"] == "434") & (phi["occupation_j"] != "434")]
    >>> software.nlargest(3, "value").round(4)  # universities, event services, IT networks
         occupation_i occupation_j   value
    8435          434          843  0.6667
    8405          434          634  0.6364
    8377          434          433  0.6000
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "proximity"
    )
    return by_industry_pair(panel, [proximity_matrix(m, diagonal=diagonal) for m in ms])
