"""Local Getis-Ord Gi/Gi* hot spots and the global Getis-Ord G, computed by esda.

Thin wrappers around :class:`esda.G_Local` and :class:`esda.G` returning tidy
tables (see :mod:`._esda` for how values are grouped and aligned with the
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
    check_non_negative,
    check_options,
    groups,
    quiet_esda,
)

__all__ = ["getis_ord", "getis_ord_global"]

_GLOBAL_G = ("G", "EG", "VG", "z_norm", "p_norm")
_GLOBAL_G_SIM = ("EG_sim", "z_sim", "p_sim")
_LOCAL_G = {"Gs": "Gs", "EG": "EGs", "VG": "VGs", "z": "Zs", "p_norm": "p_norm",
            "z_sim": "z_sim", "p_sim": "p_sim"}  # fmt: skip


def getis_ord(
    data: pd.DataFrame | pd.Series,
    weights,
    *,
    region: str = "region",
    value: str = "value",
    by: str | Sequence[str] | None = None,
    star: bool = True,
    transformation: str = "b",
    permutations: int = 999,
    seed: int | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    r"""Local Getis-Ord Gi* (or Gi) hot and cold spots, by :class:`esda.G_Local`.

    .. math:: G^*_i = \frac{\sum_j w_{ij} y_j}{\sum_j y_j} \ (w_{ii} = 1), \qquad
       G_i = \frac{\sum_{j \ne i} w_{ij} y_j}{\sum_{j \ne i} y_j}

    Parameters
    ----------
    data, weights, region, value, by, seed
        As for :func:`moran`; values must be non-negative.
    star : bool
        Gi* (the region counts in its own neighbourhood, the usual hot-spot statistic) or
        Gi (esda's default).
    transformation : {"b", "r"}
        Binary or row-standardised weights.
    permutations : int
        Conditional permutations for ``p_sim``; ``0``: none (``significant``
        then comes from the analytic ``p_norm``; simulated columns ``NaN``).
    alpha : float
        Significance level of ``significant`` (``p_sim <= alpha``, or
        ``p_norm <= alpha`` without permutations).

    Returns
    -------
    pandas.DataFrame
        One row per region (× group): ``region``, the ``by`` columns, ``Gs``, ``EG``,
        ``VG`` (analytic moments), ``z`` (analytic z-score, esda's ``Zs``), ``p_norm``
        (one-tailed normal p-value of ``|z|``), ``z_sim``, ``p_sim`` (permutations),
        ``significant`` and ``category`` (``"hot spot"`` where significant and z > 0,
        ``"cold spot"`` where significant and z < 0, else ``"not significant"``).

    Raises
    ------
    InputError
        As for :func:`local_moran`, and for negative values.

    Warns
    -----
    DataQualityWarning
        As for :func:`moran`.

    Notes
    -----
    esda's ``p_norm`` is one-tailed (``norm.sf(|z|)``); ArcGIS and R spdep ``localG``
    report two-tailed p-values of the same z (twice ``p_norm``).

    References
    ----------
    .. [1] Getis, A. & Ord, J. K. (1992). The analysis of spatial association by use of
       distance statistics. *Geographical Analysis* 24(3), 189–206.
       doi:10.1111/j.1538-4632.1992.tb00261.x
    .. [2] Ord, J. K. & Getis, A. (1995). Local spatial autocorrelation statistics:
       distributional issues and an application. *Geographical Analysis* 27(4), 286–306.
       doi:10.1111/j.1538-4632.1995.tb00912.x

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
    >>> hot = getis_ord(lq[lq.industry == "B-E"], w, seed=1)
    >>> hot.loc[hot.region == "08115", ["Gs", "z"]].round(4)
             Gs       z
    179  0.0248  1.7082
    """
    import esda

    check_options(permutations, transformation, ("b", "r"))
    check_local(permutations, alpha)
    rows, cache = [], {}
    for group, values in groups(data, region, value, by):
        y, w = aligned(values, weights, "getis_ord", group, cache)
        check_non_negative(y, "getis_ord")
        with quiet_esda():
            result = esda.G_Local(
                y, w, transform=transformation.upper(), star=star, permutations=permutations,
                seed=seed, n_jobs=1,
            )  # fmt: skip
        frame = pd.DataFrame({region: list(w.id_order)}).assign(**group)
        for name, source in _LOCAL_G.items():
            column = np.asarray(getattr(result, source, np.nan), dtype=float)
            frame[name] = np.broadcast_to(column, len(y))
        significant = (frame["p_sim" if permutations else "p_norm"] <= alpha).to_numpy()
        frame["significant"] = significant
        frame["category"] = np.select(
            [significant & (frame["z"] > 0), significant & (frame["z"] < 0)],
            ["hot spot", "cold spot"],
            "not significant",
        )
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)


def getis_ord_global(
    data: pd.DataFrame | pd.Series,
    weights,
    *,
    region: str = "region",
    value: str = "value",
    by: str | Sequence[str] | None = None,
    permutations: int = 999,
    seed: int | None = None,
) -> pd.DataFrame:
    r"""Global Getis-Ord G (general G) with binary weights, by :class:`esda.G`.

    .. math:: G = \frac{\sum_i \sum_{j \ne i} w_{ij} y_i y_j}{\sum_i \sum_{j \ne i} y_i y_j}

    Parameters
    ----------
    data, weights, region, value, by, permutations, seed
        As for :func:`moran`; values must be non-negative.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``n``, ``G``, ``EG``, ``VG``, ``z_norm``,
        ``p_norm`` (one-tailed), ``EG_sim``, ``z_sim``, ``p_sim``.

    Raises
    ------
    InputError
        As for :func:`moran`, and for negative values.

    Notes
    -----
    esda always uses binary weights for G (as ArcGIS's "General G" does by default).

    References
    ----------
    .. [1] Getis, A. & Ord, J. K. (1992). The analysis of spatial association by use of
       distance statistics. *Geographical Analysis* 24(3), 189–206.
       doi:10.1111/j.1538-4632.1992.tb00261.x

    Examples
    --------
    >>> import pandas as pd
    >>> from clusterdialog.identify import weights_from_neighbors
    >>> chain = pd.DataFrame({"focal": list("abbccd"), "neighbor": list("bacbdc")})
    >>> values = pd.Series([4.0, 3.0, 1.0, 0.0], index=list("abcd"))

    On the chain a–b–c–d, G = 2(4·3 + 3·1 + 1·0) / (8² − 26) = 30/38 and
    EG = S0 / (n(n − 1)) = 6/12:

    >>> getis_ord_global(values, weights_from_neighbors(chain), permutations=0)[["G", "EG"]]
              G   EG
    0  0.789474  0.5
    """
    import esda

    check_options(permutations, "b", ("b",))
    rows, cache = [], {}
    for group, values in groups(data, region, value, by):
        y, w = aligned(values, weights, "getis_ord_global", group, cache)
        check_non_negative(y, "getis_ord_global")
        with GlobalSeed(seed):
            result = esda.G(y, w, permutations=permutations)
        row = {**group, "n": len(y)}
        row.update({name: float(getattr(result, name)) for name in _GLOBAL_G})
        row.update(
            {name: float(getattr(result, name, np.nan)) if permutations else np.nan
             for name in _GLOBAL_G_SIM}
        )  # fmt: skip
        rows.append(pd.DataFrame([row]))
    return pd.concat(rows, ignore_index=True)
