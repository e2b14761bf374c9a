"""Economic complexity: ECI of regions, PCI of industries, complexity outlook.

Complexity is read off the binary presence matrix M (LQ ≥ 1, see
:func:`~clusterdialog.measures.relatedness.presence`) with diversity
d_r = Σ_k M_rk and ubiquity u_k = Σ_r M_rk.  Two computations exist: the
eigenvector of the industry Markov matrix (Hausmann, Hidalgo et al. 2011)
and the method of reflections (Hidalgo & Hausmann 2009), whose limit it is.

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

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.linalg
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh
from scipy.stats import spearmanr

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import ConvergenceError, DataQualityWarning, InputError
from clusterdialog.measures._results import by_cell, by_industry, by_region
from clusterdialog.measures.relatedness import (
    _check_threshold,
    _choice,
    density_matrix,
    presence_matrix,
    proximity_matrix,
)

__all__ = [
    "EconomicComplexity",
    "complexity_outlook",
    "complexity_outlook_gain",
    "complexity_outlook_matrix",
    "diversity",
    "eci",
    "eci_matrix",
    "economic_complexity",
    "pci",
    "ubiquity",
]

_METHODS = ("eigenvector", "reflections")
_CONVENTIONS = {"eigenvector": ("ecomplexity", "econgeo", "datawheel"),
                "reflections": ("datawheel", "econgeo")}  # fmt: skip
_GAP = 1e-9
_DENSE_UP_TO = 200  # larger eigenproblems use Lanczos


class EconomicComplexity(NamedTuple):
    """ECI and PCI tables of :func:`economic_complexity`."""

    eci: pd.DataFrame
    pci: pd.DataFrame


def _valid(m: np.ndarray, measure: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks of regions and industries with presence; warn about the others."""
    keep_r, keep_i = m.sum(axis=1) > 0, m.sum(axis=0) > 0
    for keep, noun, reason in (
        (keep_r, "regions", "no industry with LQ >= threshold (diversity 0)"),
        (keep_i, "industries", "no region with LQ >= threshold (ubiquity 0)"),
    ):
        if not keep.all():
            n = int((~keep).sum())
            warnings.warn(
                f"{measure}: {n} of {keep.size} {noun} ({n / keep.size:.1%}) have {reason}; "
                "they are left out and get NaN",
                DataQualityWarning,
                stacklevel=4,
            )
    sub = m[keep_r][:, keep_i]
    if min(sub.shape) < 2:
        raise ConvergenceError(
            f"{measure}: complexity needs at least 2 regions and 2 industries with presence; "
            f"got {sub.shape[0]} regions and {sub.shape[1]} industries"
        )
    return sub, keep_r, keep_i


def _eigenvectors(m: np.ndarray, measure: str) -> tuple[np.ndarray, np.ndarray]:
    """kc, kp of the second eigenvalue, with kc = (M/d) kp (up to a common scale)."""
    d, u = m.sum(axis=1), m.sum(axis=0)
    a = m * (1.0 / np.sqrt(d))[:, None] * (1.0 / np.sqrt(u))
    on_industries = m.shape[1] <= m.shape[0]
    s = a.T @ a if on_industries else a @ a.T  # symmetric, similar to the Markov matrix
    top = np.sqrt(u if on_industries else d)  # eigenvector of the eigenvalue 1
    lam2, lam3, vec = _second_eigenpair(s, top / np.linalg.norm(top))
    if lam2 > 1.0 - _GAP:
        graph = sparse.bmat([[None, sparse.csr_matrix(m)], [sparse.csr_matrix(m.T), None]])
        n_comp = connected_components(graph, directed=False)[0]
        raise ConvergenceError(
            f"{measure}: the region–industry network is disconnected ({n_comp} components), "
            "so the second eigenvalue is 1 and ECI is not defined; compute it per component"
        )
    if lam2 - lam3 < _GAP:
        raise ConvergenceError(
            f"{measure}: the second eigenvalue ({lam2:.12g}) is not separated from the "
            f"third ({lam3:.12g}); ECI is not unique for this presence matrix"
        )
    if on_industries:
        kp = vec / np.sqrt(u)
        kc = (m @ kp) / d
    else:
        kc = vec / np.sqrt(d)
        kp = (m.T @ kc) / u / lam2
    return kc, kp


def _second_eigenpair(s: np.ndarray, top: np.ndarray) -> tuple[float, float, np.ndarray]:
    """λ2, λ3 and the eigenvector of λ2 of a symmetric matrix whose top eigenvector is known.

    Large matrices: Lanczos (ARPACK) on s − top topᵀ, to machine precision;
    small ones, or if ARPACK fails: dense LAPACK.
    """
    n = s.shape[0]
    if n > _DENSE_UP_TO:
        start = np.random.default_rng(0).standard_normal(n)
        try:
            w, v = eigsh(s - np.outer(top, top), k=2, which="LA", v0=start, tol=0)
            order = np.argsort(w)[::-1]
            return w[order[0]], w[order[1]], v[:, order[0]]
        except (ArpackNoConvergence, ArpackError):
            pass
    w, v = scipy.linalg.eigh(s, subset_by_index=[max(n - 3, 0), n - 1], check_finite=False)
    return w[-2], (w[-3] if n >= 3 else 0.0), v[:, -2]


def _reflections(m: np.ndarray, steps: int, measure: str) -> tuple[list, list]:
    """kc_j, kp_j for j = 0..steps, each rescaled (which leaves their z-scores unchanged)."""
    d, u = m.sum(axis=1), m.sum(axis=0)
    kc, kp = [d.astype(float)], [u.astype(float)]
    for j in range(1, steps + 1):
        new_c, new_p = (m @ kp[-1]) / d, (m.T @ kc[-1]) / u
        for vec, side in ((new_c, "regions"), (new_p, "industries")):
            sd = vec.std()
            if not sd > 1e-10 * (np.abs(vec).max() + 1e-300):
                raise ConvergenceError(
                    f"{measure}: the reflections of {side} became constant at step {j}; "
                    "the method of reflections carries no information for this matrix"
                )
            vec -= vec.mean()
            vec /= sd
        kc.append(new_c)
        kp.append(new_p)
    return kc, kp


def _z(x: np.ndarray, ddof: int = 0) -> np.ndarray:
    return (x - x.mean()) / x.std(ddof=ddof)


def _rescale(x: np.ndarray) -> np.ndarray:
    return (x - x.min()) / (x.max() - x.min()) * 100.0


def _diversity_sign(d: np.ndarray, u: np.ndarray, kc: np.ndarray, kp: np.ndarray) -> float:
    """+1 or −1 so that corr(diversity, kc) > 0 (fallback: corr(ubiquity, kp) < 0)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        for a, b, want in ((d, kc, 1.0), (u, kp, -1.0)):
            if np.ptp(a) > 0 and np.ptp(b) > 0:
                r = np.corrcoef(a, b)[0, 1]
                if np.isfinite(r) and abs(r) > 1e-10:
                    return want * np.sign(r)
    first = kc[np.flatnonzero(np.abs(kc) > 1e-10 * np.abs(kc).max())[0]]
    warnings.warn(
        "eci: the sign of ECI is undetermined (it correlates neither with diversity nor "
        "with ubiquity); chosen so that the first region with ECI ≠ 0 is positive",
        DataQualityWarning,
        stacklevel=4,
    )
    return 1.0 if first > 0 else -1.0


def _fill(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    out = np.full(keep.shape, np.nan)
    out[keep] = values
    return out


def eci_matrix(
    m: np.ndarray,
    *,
    method: str = "eigenvector",
    iterations: int = 20,
    convention: str | None = None,
    pci_standardise: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """ECI (per region) and PCI (per industry) of a binary presence matrix.

    Parameters
    ----------
    m : numpy.ndarray
        Binary presence, regions × industries
        (:func:`~clusterdialog.measures.relatedness.presence_matrix`).
    method, iterations, convention, pci_standardise
        As in :func:`economic_complexity`.

    Returns
    -------
    tuple of numpy.ndarray
        ECI (length regions) and PCI (length industries); NaN for regions or
        industries with zero diversity/ubiquity (with a DataQualityWarning).

    Raises
    ------
    InputError, ConvergenceError
        As :func:`economic_complexity`.

    Examples
    --------
    >>> import numpy as np
    >>> eci, pci = eci_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]))
    >>> eci.round(12), pci.round(12)
    (array([ 1., -1.]), array([-1.,  3.]))
    """
    method = _choice("method", method, _METHODS)
    convention = _choice(
        "convention", _CONVENTIONS[method][0] if convention is None else convention,
        _CONVENTIONS[method],
    )  # fmt: skip
    own = {"ecomplexity": "eci", "datawheel": "own", "econgeo": None}[convention]
    if pci_standardise is None:
        pci_standardise = own
    elif convention == "econgeo" or (method == "reflections" and pci_standardise == "eci"):
        raise InputError(
            f"pci_standardise: not available for method={method!r}, convention={convention!r}; "
            "leave it at None"
        )
    else:
        _choice("pci_standardise", pci_standardise, ("eci", "own"))
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise InputError(f"iterations: expected an integer >= 1, got {iterations!r}")
    sub, keep_r, keep_i = _valid(np.asarray(m, dtype="float64"), "eci")
    d, u = sub.sum(axis=1), sub.sum(axis=0)
    ddof = 1 if convention == "datawheel" else 0
    if method == "reflections":
        steps = iterations - 1 if convention == "datawheel" else iterations
        kcs, kps = _reflections(sub, steps, "eci")
        if convention == "datawheel":  # its loop stops regions one step before industries
            e, p = _z(kcs[max(iterations - 2, 0)], 1), _z(kps[iterations - 1], 1)
        else:  # EconGeo MORc/MORt(steps=iterations), rescaled 0–100
            e, p = _rescale(kcs[iterations]), _rescale(kps[iterations])
        return _fill(e, keep_r), _fill(p, keep_i)
    kc, kp = _eigenvectors(sub, "eci")
    if convention == "econgeo":
        e, p = kc / kc.sum(), kp / kp.sum()
        try:  # EconGeo: flip if cor(kci, MORc(steps = 20)) < 0; no flip if it is NA
            morc = _rescale(_reflections(sub, 20, "eci")[0][20])
            if np.corrcoef(e, morc)[0, 1] < 0:
                e = -e
        except ConvergenceError:
            pass
        with warnings.catch_warnings():  # a constant ubiquity gives NA: no flip, as in R
            warnings.simplefilter("ignore")
            flip = spearmanr(p, u).statistic > 0
        p = -p if flip else p
        return _fill(e, keep_r), _fill(p, keep_i)
    s = _diversity_sign(d, u, kc, kp)
    kc, kp = s * kc, s * kp
    e = _z(kc, ddof)
    p = (kp - kc.mean()) / kc.std(ddof=ddof) if pci_standardise == "eci" else _z(kp, ddof)
    return _fill(e, keep_r), _fill(p, keep_i)


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
        As :func:`economic_complexity`.
    """
    m = np.asarray(m, dtype="float64")
    sub, keep_r, keep_i = _valid(m, "complexity_outlook")
    kc, kp = _eigenvectors(sub, "complexity_outlook")
    s = _diversity_sign(sub.sum(axis=1), sub.sum(axis=0), kc, kp)
    kc, kp = s * kc, s * kp
    phi = proximity_matrix(sub, diagonal=True)
    absent = 1.0 - sub
    coi = ((density_matrix(sub, phi) * absent) * kp).sum(axis=1)
    cog = absent * (absent @ (phi * (kp / phi.sum(axis=1))[:, None])) / kc.std()
    cog_full = np.full(m.shape, np.nan)
    cog_full[np.ix_(keep_r, keep_i)] = cog
    return _fill(_z(coi), keep_r), cog_full


def _panel(data, region, industry, value, period, suppressed, threshold, measure):
    tau = _check_threshold(threshold)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure=measure,
    )  # fmt: skip
    return panel, [presence_matrix(x, threshold=tau) for x in panel.matrices]


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
        As in :func:`~clusterdialog.measures.relatedness.presence`.
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
    """
    panel, ms = _panel(data, region, industry, value, period, suppressed, threshold, "eci")
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
        As in :func:`~clusterdialog.measures.relatedness.presence`.
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
        As in :func:`~clusterdialog.measures.relatedness.presence`.
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
    """
    result = economic_complexity(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, threshold=threshold, method=method, iterations=iterations,
        convention=convention, pci_standardise=pci_standardise,
    )  # fmt: skip
    return _single(result.pci, "pci")


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
    eigenvector (see :func:`economic_complexity`); z is the z-score (ddof 0).

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.relatedness.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region[, period], value``.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`economic_complexity`.

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
    """
    panel, ms = _panel(
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
        As in :func:`~clusterdialog.measures.relatedness.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region, industry[, period], value``; 0 where the industry is present.

    Raises
    ------
    InputError, ConvergenceError
        As :func:`economic_complexity`.

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
    """
    panel, ms = _panel(
        data, region, industry, value, period, suppressed, threshold, "complexity_outlook_gain"
    )
    return by_cell(panel, [complexity_outlook_matrix(m)[1] for m in ms])


def diversity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Diversity: the number of industries present in a region.

    .. math::

        d_r = \\sum_k M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.relatedness.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region[, period], value`` (integers).

    Raises
    ------
    InputError
        For a bad table or threshold.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABB"), "industry": list("xyxy"),
    ...                    "value": [1, 1, 3, 1]})
    >>> diversity(df)["value"].tolist()
    [1, 1]
    """
    panel, ms = _panel(data, region, industry, value, period, suppressed, threshold, "diversity")
    return by_region(panel, [m.sum(axis=1).astype("int64") for m in ms])


def ubiquity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Ubiquity: the number of regions in which an industry is present.

    .. math::

        u_k = \\sum_r M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.relatedness.presence`.

    Returns
    -------
    pandas.DataFrame
        ``industry[, period], value`` (integers).

    Raises
    ------
    InputError
        For a bad table or threshold.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABB"), "industry": list("xyxy"),
    ...                    "value": [1, 1, 3, 1]})
    >>> ubiquity(df)["value"].tolist()
    [1, 1]
    """
    panel, ms = _panel(data, region, industry, value, period, suppressed, threshold, "ubiquity")
    return by_industry(panel, [m.sum(axis=0).astype("int64") for m in ms])
