"""Global and local Moran's I of regional values, computed by esda.

Thin wrappers around :class:`esda.Moran` and :class:`esda.Moran_Local` returning
tidy tables (see :mod:`._esda` for how values are grouped and aligned with the
weights).  Nothing is re-implemented; the values equal esda's, validated
against ``reference/e_esda_stl``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusterdialog.identify._esda import (
    GlobalSeed,
    aligned,
    check_local,
    check_options,
    groups,
    quiet_esda,
)

__all__ = ["local_moran", "moran"]

_QUADRANTS = np.array(["", "HH", "LH", "LL", "HL"], dtype=object)
_GLOBAL_MORAN = ("I", "EI", "VI_norm", "z_norm", "p_norm", "VI_rand", "z_rand", "p_rand")
_GLOBAL_MORAN_SIM = ("EI_sim", "z_sim", "p_sim")


def moran(
    data: pd.DataFrame | pd.Series,
    weights,
    *,
    region: str = "region",
    value: str = "value",
    by: str | Sequence[str] | None = None,
    transformation: str = "r",
    permutations: int = 999,
    seed: int | None = None,
    two_tailed: bool = True,
) -> pd.DataFrame:
    r"""Global Moran's I of regional values, by :class:`esda.Moran`.

    .. math:: I = \frac{n}{S_0} \frac{\sum_i \sum_j w_{ij} z_i z_j}{\sum_i z_i^2},
       \quad z_i = y_i - \bar y,\ S_0 = \sum_i \sum_j w_{ij}

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
        Long table with ``region`` and ``value`` columns (and ``by`` columns), or a Series
        indexed by region key.
    weights : libpysal.weights.W
        Spatial weights whose ids are the region keys (:func:`.contiguity_weights`,
        :func:`.weights_from_neighbors`); not modified.
    region, value : str
        Column names.
    by : str or list of str, optional
        Columns to group by (e.g. ``["industry", "period"]``): one statistic per group.
    transformation : {"r", "b"}
        Row-standardised (esda's default) or binary weights.
    permutations : int
        Number of random permutations for ``p_sim`` (0: none, simulated columns ``NaN``).
    seed : int, optional
        Seed of the permutations; the caller's global random state is restored afterwards.
    two_tailed : bool
        Two-tailed analytic p-values (esda's default).

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``n`` (regions used), ``I``, ``EI``
        (:math:`-1/(n-1)`), ``VI_norm``, ``z_norm``, ``p_norm`` (normality), ``VI_rand``,
        ``z_rand``, ``p_rand`` (randomisation), ``EI_sim``, ``z_sim``, ``p_sim``
        (permutations; ``p_sim`` = (larger + 1)/(permutations + 1), one-sided).

    Raises
    ------
    InputError
        For missing columns, non-numeric values, repeated regions in a group, bad options,
        or fewer than 3 regions with values.

    Warns
    -----
    DataQualityWarning
        For regions not in the weights and regions of the weights without a value.

    Notes
    -----
    esda, GeoDa and R spdep (``moran.test``, ``moran.mc``) give the same I; spdep's
    ``moran.mc`` p-value is (larger + 1)/(nsim + 1) like esda's ``p_sim``.

    References
    ----------
    .. [1] Moran, P. A. P. (1950). Notes on continuous stochastic phenomena. *Biometrika*
       37(1/2), 17–23. doi:10.2307/2332142
    .. [2] Cliff, A. D. & Ord, J. K. (1981). *Spatial Processes: Models and Applications*.
       London: Pion.

    Examples
    --------
    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.identify import contiguity_weights
    >>> from clusterdialog.measures import location_quotient
    >>> df = load_kreise_industries()
    >>> with warnings.catch_warnings():  # 49 suppressed cells counted as 0
    ...     warnings.simplefilter("ignore", DataQualityWarning)
    ...     lq = location_quotient(df[df.period == 2020], suppressed="zero")
    >>> w = contiguity_weights(load_kreise_geometry())
    >>> result = moran(lq, w, by="industry", seed=1)
    >>> result.loc[result.industry == "B-E", ["n", "I", "z_norm"]].round(3)
         n      I  z_norm
    1  401  0.352  10.623
    """
    import esda

    check_options(permutations, transformation, ("r", "b"))
    rows, cache = [], {}
    for group, values in groups(data, region, value, by):
        y, w = aligned(values, weights, "moran", group, cache)
        with GlobalSeed(seed):
            result = esda.Moran(
                y, w, transformation=transformation, permutations=permutations,
                two_tailed=two_tailed,
            )  # fmt: skip
        row = {**group, "n": len(y)}
        row.update({name: float(getattr(result, name)) for name in _GLOBAL_MORAN})
        row.update(
            {name: float(getattr(result, name, np.nan)) if permutations else np.nan
             for name in _GLOBAL_MORAN_SIM}
        )  # fmt: skip
        rows.append(pd.DataFrame([row]))
    return pd.concat(rows, ignore_index=True)


def local_moran(
    data: pd.DataFrame | pd.Series,
    weights,
    *,
    region: str = "region",
    value: str = "value",
    by: str | Sequence[str] | None = None,
    transformation: str = "r",
    permutations: int = 999,
    seed: int | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Local Moran's I (LISA) of every region, by :class:`esda.Moran_Local`.

    .. math:: I_i = (n - 1) \frac{z_i \sum_j w_{ij} z_j}{\sum_k z_k^2}, \quad z_i = y_i - \bar y

    Parameters
    ----------
    data, weights, region, value, by, transformation, seed
        As for :func:`moran`.
    permutations : int
        Conditional permutations for ``p_sim``.  ``0`` uses no permutations:
        ``significant`` then comes from ``p_norm``, the normal approximation
        with the analytic moments under conditional randomisation (``EIc``,
        ``VIc``), and the simulated columns are ``NaN``.  (esda compiles its
        permutation kernels with numba on the first call of a process, which
        takes several seconds; the analytic route needs no compilation.)
    alpha : float
        Significance level of ``significant`` (``p_sim <= alpha``, or
        ``p_norm <= alpha`` without permutations).

    Returns
    -------
    pandas.DataFrame
        One row per region (× group): ``region``, the ``by`` columns, ``Is``, ``quadrant``
        (``"HH"``: high value among high neighbours, ``"LH"``, ``"LL"``, ``"HL"``), ``EI``,
        ``VI`` (moments under total randomisation), ``EIc``, ``VIc`` (conditional
        randomisation, Sokal et al. 1998), ``z_norm``, ``p_norm`` (one-sided normal
        approximation with ``EIc``/``VIc``), ``z_sim``, ``p_sim`` (folded, one-sided,
        (larger + 1)/(permutations + 1)), ``p_z_sim``, ``significant`` and ``category``
        (the quadrant where significant, else ``"not significant"``: the LISA cluster map).

    Raises
    ------
    InputError
        As for :func:`moran`, and for ``permutations < 0`` or ``alpha`` outside (0, 1).

    Warns
    -----
    DataQualityWarning
        As for :func:`moran`.

    Notes
    -----
    esda's quadrants follow ``geoda_quads=False`` (1 HH, 2 LH, 3 LL, 4 HL).  ``p_sim``
    depends on esda's random stream: equal seeds give equal values with the same esda
    and numpy versions only.  No correction for multiple tests is applied (GeoDa offers
    Bonferroni and FDR; see :mod:`clusterdialog.identify.significance`).

    References
    ----------
    .. [1] Anselin, L. (1995). Local indicators of spatial association — LISA.
       *Geographical Analysis* 27(2), 93–115. doi:10.1111/j.1538-4632.1995.tb00338.x
    .. [2] Sokal, R. R., Oden, N. L. & Thomson, B. A. (1998). Local spatial autocorrelation
       in a biological model. *Geographical Analysis* 30(4), 331–354.
       doi:10.1111/j.1538-4632.1998.tb00406.x

    Examples
    --------
    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.identify import contiguity_weights
    >>> from clusterdialog.measures import location_quotient
    >>> df = load_kreise_industries()
    >>> with warnings.catch_warnings():  # 49 suppressed cells counted as 0
    ...     warnings.simplefilter("ignore", DataQualityWarning)
    ...     lq = location_quotient(df[df.period == 2020], suppressed="zero")
    >>> w = contiguity_weights(load_kreise_geometry())
    >>> lisa = local_moran(lq[lq.industry == "B-E"], w, seed=1)
    >>> lisa.loc[lisa.region.isin(["08111", "08115"]), ["region", "Is", "quadrant"]].round(3)
        region     Is quadrant
    178  08111 -0.353       LH
    179  08115  0.471       HH
    """
    import esda
    import scipy.stats

    check_options(permutations, transformation, ("r", "b"))
    check_local(permutations, alpha)
    rows, cache = [], {}
    for group, values in groups(data, region, value, by):
        y, w = aligned(values, weights, "local_moran", group, cache)
        with quiet_esda():
            result = esda.Moran_Local(
                y, w, transformation=transformation, permutations=permutations, seed=seed,
                n_jobs=1, keep_simulations=False,
            )  # fmt: skip
        quadrant = _QUADRANTS[np.asarray(result.q, dtype=int)]
        frame = pd.DataFrame({region: list(w.id_order)}).assign(**group)
        for name in ("Is", "EI", "VI", "EIc", "VIc", "z_sim", "p_sim", "p_z_sim"):
            column = np.asarray(getattr(result, name, np.nan), dtype=float)
            frame[name] = np.broadcast_to(column, len(y))
        with np.errstate(invalid="ignore", divide="ignore"):
            frame.insert(
                frame.columns.get_loc("z_sim"), "z_norm",
                (frame["Is"] - frame["EIc"]) / np.sqrt(frame["VIc"]),
            )  # fmt: skip
        frame.insert(
            frame.columns.get_loc("z_sim"), "p_norm", scipy.stats.norm.sf(frame["z_norm"].abs())
        )
        p_value = frame["p_sim"] if permutations else frame["p_norm"]
        significant = (p_value <= alpha).to_numpy()
        frame.insert(frame.columns.get_loc("EI"), "quadrant", quadrant)
        frame["significant"] = significant
        frame["category"] = np.where(significant, quadrant, "not significant")
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)
