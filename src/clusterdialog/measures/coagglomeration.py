"""Coagglomeration of groups of industries (Ellison & Glaeser 1997, eq. 8).

Do industries locate together beyond what their own agglomeration and
chance explain?  Reads plant-level data like :mod:`.agglomeration`; REAT's
``ellison.c`` departs from the paper and is not reproduced (see Notes of
:func:`coagglomeration`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from clusterdialog.measures._checks import as_mapping
from clusterdialog.measures._plants import plant_data
from clusterdialog.measures.agglomeration import _deviation, ellison_glaeser_matrix

__all__ = ["coagglomeration", "coagglomeration_matrix", "pairwise_coagglomeration"]


def coagglomeration_matrix(e: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Pairwise EG coagglomeration γ^c_kl = Σ_j (s_jk − x_j)(s_jl − x_j) / (1 − Σ x_j²).

    Returns an ``industries × industries`` matrix with ``NaN`` on the diagonal.
    """
    _, dev = _deviation(e, x)
    sx2 = float(np.sum(np.asarray(x, dtype=float) ** 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (dev.T @ dev) / (1 - sx2)
    np.fill_diagonal(out, np.nan)
    return out


# ----------------------------------------------------------------- plant data


def coagglomeration(
    firms: pd.DataFrame,
    *,
    industry: str = "industry",
    region: str = "region",
    employment: str = "employment",
    region_employment: str | Mapping | pd.Series | None = None,
    groups: Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Ellison–Glaeser coagglomeration index of groups of industries, from plant data.

    .. math::

        \gamma^c = \frac{G / (1 - \sum_j x_j^2) - H
            - \sum_{i=1}^{r} \gamma_i w_i^2 (1 - H_i)}{1 - \sum_{i=1}^{r} w_i^2}

    for a group of r industries with employment weights :math:`w_i`, the
    group's raw concentration :math:`G = \sum_j (s_j - x_j)^2`, its plant
    Herfindahl :math:`H = \sum_i w_i^2 H_i` and the industries' EG indices
    :math:`\gamma_i` (EG 1997, eq. 8).

    Parameters
    ----------
    firms, industry, region, employment, region_employment
        As in :func:`ellison_glaeser`.
    groups : mapping, optional
        Industry → group label (e.g. a cluster definition); one result per
        group.  Industries not in the mapping belong to no group.  Default:
        all industries form one group, ``"all"``.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group``, ``gamma_c``, ``G``, ``H``,
        ``n_industries`` and ``n_firms``.

    Raises
    ------
    InputError
        As :func:`ellison_glaeser`, or for a ``groups`` that is not a mapping.

    Notes
    -----
    Since :math:`\gamma_i (1 - H_i) = G_i/(1 - \sum x^2) - H_i`, the plant
    Herfindahls cancel and :math:`\gamma^c = (G - \sum_i w_i^2 G_i) /
    ((1 - \sum x^2)(1 - \sum w_i^2))`, which is how it is computed; it
    stays defined for single-plant industries.  ``NaN`` for a group of one
    industry.

    REAT ``ellison.c`` is not this index: it sums the industries' regional
    shares into an :math:`x_j` that adds up to the number of industries and
    weights every :math:`\gamma_i` by :math:`\sum_i s_i^2`; its values
    (e.g. 12.07 for the four industries of Farhauer & Kröll 2014) are far
    outside the index's range, so no REAT-compatible mode is offered.

    References
    ----------
    .. [1] Ellison, G. & Glaeser, E. L. (1997). Geographic concentration in
       U.S. manufacturing industries: a dartboard approach. *Journal of
       Political Economy* 105(5), 889–927. doi:10.1086/262098

    Examples
    --------
    >>> import pandas as pd
    >>> firms = pd.DataFrame({"industry": ["a", "a", "b", "b"], "region": ["N", "S", "N", "S"],
    ...                       "employment": [30, 10, 20, 20]})
    >>> coagglomeration(firms, region_employment={"N": 40, "S": 60})
      group   gamma_c        G        H  n_industries  n_firms
    0   all  0.145833  0.10125  0.28125             2        4
    """
    plants = plant_data(firms, industry, region, employment, region_employment)
    industries = plants["industries"]
    if groups is None:
        labels = pd.Series("all", index=range(len(industries)), dtype=object)
    else:
        labels = pd.Series(industries).map(as_mapping(groups, "groups"))
    member = labels.notna().to_numpy()
    codes, names = pd.factorize(labels[member])
    e, x, h = plants["e"][:, member], plants["x"], plants["h"][member]
    _, g_i = ellison_glaeser_matrix(e, x, h)
    n_g = len(names)
    indicator = np.zeros((len(codes), n_g))
    indicator[np.arange(len(codes)), codes] = 1.0
    group_e = e @ indicator
    totals = e.sum(axis=0)
    group_total = group_e.sum(axis=0)
    w = totals / group_total[codes]
    _, dev = _deviation(group_e, x)
    g = np.sum(dev**2, axis=0)
    sx2 = float(np.sum(x**2))
    sum_w2 = np.bincount(codes, weights=w**2, minlength=n_g)
    with np.errstate(invalid="ignore", divide="ignore"):
        gamma_c = (g - np.bincount(codes, weights=w**2 * g_i, minlength=n_g)) / (
            (1 - sx2) * (1 - sum_w2)
        )
    return pd.DataFrame(
        {
            "group": names.to_numpy(),
            "gamma_c": np.where(sum_w2 < 1, gamma_c, np.nan),
            "G": g,
            "H": np.bincount(codes, weights=w**2 * h, minlength=n_g),
            "n_industries": np.bincount(codes, minlength=n_g),
            "n_firms": np.bincount(codes, weights=plants["n"][member], minlength=n_g).astype(int),
        }
    )


def pairwise_coagglomeration(
    firms: pd.DataFrame,
    *,
    industry: str = "industry",
    region: str = "region",
    employment: str = "employment",
    region_employment: str | Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Ellison–Glaeser coagglomeration of every pair of industries.

    .. math::

        \gamma^c_{kl} = \frac{\sum_j (s_{jk} - x_j)(s_{jl} - x_j)}{1 - \sum_j x_j^2}

    the two-industry case of :func:`coagglomeration` (Ellison, Glaeser &
    Kerr 2010, eq. 1), computed for all pairs with one matrix product.

    Parameters
    ----------
    firms, industry, region, employment, region_employment
        As in :func:`ellison_glaeser`.

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair of distinct industries: ``<industry>_i``,
        ``<industry>_j`` and ``gamma_c`` (symmetric).

    Raises
    ------
    InputError
        As :func:`ellison_glaeser`.

    Notes
    -----
    The plant Herfindahls cancel, so the value depends only on regional
    employment.  REAT ``ellison.c2`` departs from EG (1997); see
    :func:`coagglomeration`.

    References
    ----------
    .. [1] Ellison, G., Glaeser, E. L. & Kerr, W. R. (2010). What causes
       industry agglomeration? Evidence from coagglomeration patterns.
       *American Economic Review* 100(3), 1195–1213. doi:10.1257/aer.100.3.1195

    Examples
    --------
    >>> import pandas as pd
    >>> firms = pd.DataFrame({"industry": ["a", "a", "b", "b"], "region": ["N", "S", "N", "S"],
    ...                       "employment": [30, 10, 20, 20]})
    >>> pairwise_coagglomeration(firms, region_employment={"N": 40, "S": 60})
      industry_i industry_j   gamma_c
    0          a          b  0.145833
    1          b          a  0.145833
    """
    plants = plant_data(firms, industry, region, employment, region_employment)
    matrix = coagglomeration_matrix(plants["e"], plants["x"])
    labels = plants["industries"].to_numpy()
    i, j = np.nonzero(~np.eye(len(labels), dtype=bool))
    return pd.DataFrame(
        {f"{industry}_i": labels[i], f"{industry}_j": labels[j], "gamma_c": matrix[i, j]}
    )
