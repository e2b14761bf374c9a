"""Economic complexity: ECI of regions and PCI of industries.

Complexity is read off the binary presence matrix M (LQ ≥ 1, see
:func:`~clusterdialog.measures.cooccurrence.presence`) with diversity
d_r = Σ_k M_rk and ubiquity u_k = Σ_r M_rk.  Two computations exist: the
eigenvector of the industry Markov matrix (Hausmann, Hidalgo et al. 2011)
and the method of reflections (Hidalgo & Hausmann 2009), whose limit it is.
The complexity outlook built on them is in :mod:`.outlook`.

The peers agree on the eigenvector but not on its sign and scale:

=================  ============================================  ==========================
peer               sign and scale                                call here
=================  ============================================  ==========================
ecomplexity 0.5.3  corr(d, ECI) > 0; ECI z-score (ddof 0); PCI   defaults
                   standardised with the ECI's mean and sd
EconGeo 2.0        kci = v/Σv, sign by corr with MORc(20);       ``convention="econgeo"``
                   tci = v/Σv, sign: Spearman corr with u ≤ 0;
                   Markov matrix rounded to 4 dp (not here)
Datawheel 0.3.0    reflections, 20 iterations, z-scores ddof 1   ``method="reflections"``
=================  ============================================  ==========================
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.measures._results import by_industry, by_region
from clusterdialog.measures._spectral import eci_matrix
from clusterdialog.measures.cooccurrence import _presences

# diversity, ubiquity and the complexity outlook live in .diversity_ubiquity and .outlook;
# kept importable from here
from clusterdialog.measures.diversity_ubiquity import diversity as diversity
from clusterdialog.measures.diversity_ubiquity import ubiquity as ubiquity
from clusterdialog.measures.outlook import complexity_outlook as complexity_outlook
from clusterdialog.measures.outlook import complexity_outlook_gain as complexity_outlook_gain
from clusterdialog.measures.outlook import complexity_outlook_matrix as complexity_outlook_matrix

__all__ = ["EconomicComplexity", "eci", "eci_matrix", "economic_complexity", "pci"]


class EconomicComplexity(NamedTuple):
    """ECI and PCI tables of :func:`economic_complexity`."""

    eci: pd.DataFrame
    pci: pd.DataFrame


def economic_complexity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    method: str = "eigenvector",
    iterations: int = 20,
    convention: str | None = None,
    pci_standardise: str | None = None,
) -> EconomicComplexity:
    """Economic complexity of regions (ECI) and industries (PCI).

    With M the presence matrix, d its row sums and u its column sums, the
    eigenvector method takes the eigenvector k_p of the second-largest
    eigenvalue of the industry Markov matrix and its regional image k_c:

    .. math::

        \\tilde M = (M/u)^\\top (M/d), \\qquad \\tilde M k_p = \\lambda_2 k_p,
        \\qquad k_c = (M/d)\\, k_p,

        ECI = \\frac{k_c - \\bar k_c}{\\operatorname{sd}(k_c)}, \\qquad
        PCI = \\frac{k_p - \\bar k_c}{\\operatorname{sd}(k_c)}

    with the sign chosen so that corr(d, k_c) > 0.  The method of reflections
    iterates k_{c,j} = (M k_{p,j-1})/d and k_{p,j} = (M^\\top k_{c,j-1})/u from
    k_{c,0} = d, k_{p,0} = u.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.
    method : {"eigenvector", "reflections"}
        Eigenvector (default) or method of reflections.
    iterations : int
        Steps of the method of reflections (default 20).
    convention : {"ecomplexity", "econgeo", "datawheel"}, optional
        Sign and scale of the peers (see Notes).  Default: "ecomplexity" for
        the eigenvector, "datawheel" for reflections.
    pci_standardise : {"eci", "own"}, optional
        Standardise PCI with the mean and sd of k_c ("eci", the STATA and
        ecomplexity convention: mean(PCI) ≠ 0) or with its own ("own").
        Default: "eci" for ecomplexity, "own" for datawheel.

    Returns
    -------
    EconomicComplexity
        Named tuple of two long tables: ``eci`` with ``region[, period],
        diversity, eci`` and ``pci`` with ``industry[, period], ubiquity, pci``.

    Raises
    ------
    InputError
        For a bad table, unknown method/convention, or options that do not
        go together.
    ConvergenceError
        If the region–industry network is disconnected (second eigenvalue 1),
        the second eigenvalue is not separated from the third, fewer than two
        regions or industries have presence, or the reflections become
        constant.

    Warns
    -----
    DataQualityWarning
        When regions (industries) have zero diversity (ubiquity): they are
        left out of the computation and get NaN.

    Notes
    -----
    Peers (values in ``reference/a_*/eci.csv``, ``pci.csv``):

    * ecomplexity 0.5.3 ``ecomplexity(df, cols, presence_test="rca")``: the
      defaults (population sd, ddof 0).  ecomplexity returns NaN for every
      region once one has zero diversity; here only that region is NaN.
    * EconGeo 2.0 ``kci``/``tci``: ``convention="econgeo"`` returns
      v/Σv for the eigenvectors of the region and industry Markov matrices;
      kci's sign follows corr(kci, MORc(20)) ≥ 0 and tci's sign Spearman
      corr(tci, u) ≤ 0, so tci can have the opposite sign to ecomplexity's
      PCI.  EconGeo rounds the Markov matrix to 4 decimals before ``eigen()``;
      this does not (z-scores agree with the rounded values to ~1e-3).
      ``method="reflections", convention="econgeo"`` gives MORc/MORt with
      ``steps=iterations``, rescaled to 0–100.
    * Datawheel 0.3.0 ``complexity(rca, cutoff=1, iterations=n)``:
      ``method="reflections"``; its loop returns k_{c,n−2} and k_{p,n−1},
      z-scored with the sample sd (ddof 1), without a sign rule.  ECI ×
      sqrt(N/(N−1)) approaches the ecomplexity ECI as n grows.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106
    .. [2] Hausmann, R., Hidalgo, C. A., et al. (2011). The Atlas of Economic
       Complexity. Harvard CID / MIT Media Lab. ISBN 978-0-262-52542-8.
    .. [3] Balland, P.-A., & Rigby, D. (2017). The geography of complex
       knowledge. Economic Geography 93(1), 1–23.
       https://doi.org/10.1080/00130095.2016.1205947

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]],
    ...                     index=["R1", "R2", "R3"], columns=["I1", "I2", "I3", "I4"])
    >>> long = wide.stack().rename("value").rename_axis(["region", "industry"]).reset_index()
    >>> economic_complexity(long).eci.round(4)
      region  diversity     eci
    0     R1          2  0.9715
    1     R2          2 -1.3758
    2     R3          3  0.4042

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0, Stuttgart:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     result = economic_complexity(
    ...         bw, industry="occupation", value="employees", suppressed="zero"
    ...     )
    >>> result.eci[result.eci["region"] == "08111"].round(4)  # Stuttgart
      region  diversity    eci
    0  08111         62  2.033
    """
    panel, ms = _presences(data, region, industry, value, period, suppressed, threshold, "eci")
    pairs = [
        eci_matrix(
            m,
            method=method,
            iterations=iterations,
            convention=convention,
            pci_standardise=pci_standardise,
        )  # fmt: skip
        for m in ms
    ]
    diversities = [m.sum(axis=1).astype("int64") for m in ms]
    ubiquities = [m.sum(axis=0).astype("int64") for m in ms]
    eci_frame = by_region(
        panel, [{"diversity": d, "eci": e} for d, (e, _) in zip(diversities, pairs, strict=True)]
    )
    pci_frame = by_industry(
        panel, [{"ubiquity": u, "pci": p} for u, (_, p) in zip(ubiquities, pairs, strict=True)]
    )
    return EconomicComplexity(eci=eci_frame, pci=pci_frame)


def _single(result: pd.DataFrame, column: str) -> pd.DataFrame:
    drop = [c for c in ("diversity", "ubiquity") if c in result.columns]
    return result.drop(columns=drop).rename(columns={column: "value"})


def eci(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    method: str = "eigenvector",
    iterations: int = 20,
    convention: str | None = None,
    pci_standardise: str | None = None,
) -> pd.DataFrame:
    """Economic complexity index (ECI) of regions.

    .. math::

        ECI = \\frac{k_c - \\bar k_c}{\\operatorname{sd}(k_c)}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.
    method, iterations, convention, pci_standardise
        As in :func:`economic_complexity`, with the same conventions.

    Returns
    -------
    pandas.DataFrame
        ``region[, period], value``: the ``eci`` table of
        :func:`economic_complexity` without ``diversity``.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`economic_complexity`.

    Notes
    -----
    The peers' conventions and how to get them are listed in
    :func:`economic_complexity`.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame([[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]],
    ...                     index=["R1", "R2", "R3"], columns=["I1", "I2", "I3", "I4"])
    >>> long = wide.stack().rename("value").rename_axis(["region", "industry"]).reset_index()
    >>> eci(long, method="reflections")["value"].round(4).tolist()
    [0.7933, -1.1233, 0.33]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     e = eci(bw, industry="occupation", value="employees", suppressed="zero")
    >>> e.nlargest(3, "value").round(4)  # Karlsruhe, Heidelberg, Stuttgart
       region   value
    14  08212  2.3570
    17  08221  2.0956
    0   08111  2.0330
    """
    result = economic_complexity(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, threshold=threshold, method=method, iterations=iterations,
        convention=convention, pci_standardise=pci_standardise,
    )  # fmt: skip
    return _single(result.eci, "eci")


def pci(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
    method: str = "eigenvector",
    iterations: int = 20,
    convention: str | None = None,
    pci_standardise: str | None = None,
) -> pd.DataFrame:
    """Product (industry) complexity index (PCI).

    .. math::

        PCI = \\frac{k_p - \\bar k_c}{\\operatorname{sd}(k_c)}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.
    method, iterations, convention, pci_standardise
        As in :func:`economic_complexity`, with the same conventions.

    Returns
    -------
    pandas.DataFrame
        ``industry[, period], value``: the ``pci`` table of
        :func:`economic_complexity` without ``ubiquity``.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`economic_complexity`.

    Notes
    -----
    By default PCI is standardised with the ECI's mean and sd (ecomplexity,
    STATA), so its mean is not 0; ``pci_standardise="own"`` z-scores it.

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
    >>> pci(long)["value"].round(4).tolist()
    [0.9715, -0.7304, 0.9715, -2.0211]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     p = pci(bw, industry="occupation", value="employees", suppressed="zero")
    >>> p.nlargest(3, "value").round(4)  # film and TV production, journalism, media information
        occupation   value
    136        944  4.7669
    126        924  4.5809
    97         733  4.5182
    """
    result = economic_complexity(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, threshold=threshold, method=method, iterations=iterations,
        convention=convention, pci_standardise=pci_standardise,
    )  # fmt: skip
    return _single(result.pci, "pci")
