"""Complexity outlook: how much complexity lies near a region, and what an industry would add.

The complexity outlook index (COI) of a region sums the complexity of the
industries it does not have, weighted by their density; the complexity
outlook gain (COG) of an absent industry is how much a region's outlook
would grow if it entered it (Hausmann, Hidalgo et al. 2014).  Both use the
signed eigenvectors of :func:`~clusterdialog.measures.complexity.economic_complexity`
and the proximity of :func:`~clusterdialog.measures.cooccurrence.proximity`,
with the conventions of ecomplexity 0.5.3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.measures._results import by_cell, by_region
from clusterdialog.measures._spectral import diversity_sign, eigenvectors, fill, valid, z_score
from clusterdialog.measures.cooccurrence import _presences, proximity_matrix
from clusterdialog.measures.relatedness import density_matrix

__all__ = ["complexity_outlook", "complexity_outlook_gain", "complexity_outlook_matrix"]


def complexity_outlook_matrix(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Complexity outlook index (per region) and gain (regions × industries).

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries.

    Returns
    -------
    tuple of numpy.ndarray
        COI (length regions) and COG (regions × industries), ecomplexity
        0.5.3 conventions (see :func:`complexity_outlook`); NaN for regions or
        industries with zero diversity/ubiquity.

    Raises
    ------
    ConvergenceError
        As :func:`~clusterdialog.measures.complexity.economic_complexity`.
    """
    m = np.asarray(m, dtype="float64")
    sub, keep_r, keep_i = valid(m, "complexity_outlook")
    kc, kp = eigenvectors(sub, "complexity_outlook")
    s = diversity_sign(sub.sum(axis=1), sub.sum(axis=0), kc, kp)
    kc, kp = s * kc, s * kp
    phi = proximity_matrix(sub, diagonal=True)
    absent = 1.0 - sub
    coi = ((density_matrix(sub, phi) * absent) * kp).sum(axis=1)
    cog = absent * (absent @ (phi * (kp / phi.sum(axis=1))[:, None])) / kc.std()
    cog_full = np.full(m.shape, np.nan)
    cog_full[np.ix_(keep_r, keep_i)] = cog
    return fill(z_score(coi), keep_r), cog_full


def complexity_outlook(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Complexity outlook index (COI): how much complexity lies near a region.

    .. math::

        COI_r = z\\Big(\\sum_k d_{rk} (1 - M_{rk})\\, k_{p,k}\\Big)

    with d the density on proximity with diagonal 1 and k_p the signed PCI
    eigenvector (see :func:`~clusterdialog.measures.complexity.economic_complexity`);
    z is the z-score (ddof 0).

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region[, period], value``.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`~clusterdialog.measures.complexity.economic_complexity`.

    Notes
    -----
    Reproduces ecomplexity 0.5.3's ``coi`` column.

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic
       Complexity, 2nd ed. MIT Press. ISBN 978-0-262-52542-8.

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]],
    ...                     index=["R1", "R2", "R3"], columns=["I1", "I2", "I3", "I4"])
    >>> long = wide.stack().rename("value").rename_axis(["region", "industry"]).reset_index()
    >>> complexity_outlook(long)["value"].round(4).tolist()
    [-0.2307, 1.3237, -1.093]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     coi = complexity_outlook(
    ...         bw, industry="occupation", value="employees", suppressed="zero"
    ...     )
    >>> coi.nlargest(3, "value").round(4)  # Neckar-Odenwald-Kreis, Calw, Sigmaringen
       region   value
    19  08225  1.0943
    22  08235  1.0857
    43  08437  1.0609
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "complexity_outlook"
    )
    return by_region(panel, [complexity_outlook_matrix(m)[0] for m in ms])


def complexity_outlook_gain(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Complexity outlook gain (COG) of an industry for a region.

    .. math::

        COG_{rk} = \\frac{1 - M_{rk}}{\\operatorname{sd}(k_c)}
        \\sum_j (1 - M_{rj})\\, \\frac{\\varphi_{jk}}{\\sum_l \\varphi_{jl}}\\, k_{p,j}

    with φ the proximity (diagonal 1) and k_c, k_p the signed eigenvectors.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region, industry[, period], value``; 0 where the industry is present.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`~clusterdialog.measures.complexity.economic_complexity`.

    Notes
    -----
    Reproduces ecomplexity 0.5.3's ``cog`` column (which uses the raw signed
    eigenvector k_p, not the standardised PCI).

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic
       Complexity, 2nd ed. MIT Press. ISBN 978-0-262-52542-8.

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]],
    ...                     index=["R1", "R2", "R3"], columns=["I1", "I2", "I3", "I4"])
    >>> long = wide.stack().rename("value").rename_axis(["region", "industry"]).reset_index()
    >>> complexity_outlook_gain(long)["value"].round(4).tolist()[:4]
    [0.0, -1.0082, 0.0, -1.5435]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, what entering an absent group would add
    to Stuttgart's outlook:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     cog = complexity_outlook_gain(
    ...         bw, industry="occupation", value="employees", suppressed="zero"
    ...     )
    >>> cog[cog["region"] == "08111"].nlargest(3, "value").round(4)  # Stuttgart
       region occupation   value
    56  08111        431  0.4295
    99  08111        812  0.3927
    55  08111        423  0.3798
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "complexity_outlook_gain"
    )
    return by_cell(panel, [complexity_outlook_matrix(m)[1] for m in ms])
