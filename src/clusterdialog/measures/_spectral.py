"""Spectral core of economic complexity: the ECI/PCI kernel and its numerics.

Works on a binary presence matrix M (regions × industries): the regions and
industries with presence, the second eigenpair of the Markov matrix, the
method of reflections, the sign rule and the peers' scales.  Shared by
:mod:`.complexity` (which exports :func:`eci_matrix`) and :mod:`.outlook`.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.linalg
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh
from scipy.stats import spearmanr

from clusterdialog.errors import ConvergenceError, DataQualityWarning, InputError
from clusterdialog.measures._cache import memoised
from clusterdialog.measures._checks import check_choice

__all__ = [
    "diversity_sign",
    "eci_matrix",
    "econgeo_indices",
    "eigenvectors",
    "fill",
    "reflection_indices",
    "reflections",
    "rescale",
    "valid",
    "z_score",
]

_METHODS = ("eigenvector", "reflections")
_CONVENTIONS = {"eigenvector": ("ecomplexity", "econgeo", "datawheel"),
                "reflections": ("datawheel", "econgeo")}  # fmt: skip
_GAP = 1e-9
_DENSE_UP_TO = 200  # larger eigenproblems use Lanczos


def valid(m: np.ndarray, measure: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    sub = m if keep_r.all() and keep_i.all() else m[np.ix_(keep_r, keep_i)]
    if min(sub.shape) < 2:
        raise ConvergenceError(
            f"{measure}: complexity needs at least 2 regions and 2 industries with presence; "
            f"got {sub.shape[0]} regions and {sub.shape[1]} industries"
        )
    return sub, keep_r, keep_i


def eigenvectors(m: np.ndarray, measure: str) -> tuple[np.ndarray, np.ndarray]:
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


def reflections(m: np.ndarray, steps: int, measure: str) -> tuple[list, list]:
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


def z_score(x: np.ndarray, ddof: int = 0) -> np.ndarray:
    return (x - x.mean()) / x.std(ddof=ddof)


def rescale(x: np.ndarray) -> np.ndarray:
    return (x - x.min()) / (x.max() - x.min()) * 100.0


def diversity_sign(d: np.ndarray, u: np.ndarray, kc: np.ndarray, kp: np.ndarray) -> float:
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


def fill(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    out = np.full(keep.shape, np.nan)
    out[keep] = values
    return out


def reflection_indices(
    m: np.ndarray, iterations: int, convention: str, measure: str
) -> tuple[np.ndarray, np.ndarray]:
    """ECI and PCI by the method of reflections, as Datawheel or EconGeo report them."""
    if convention == "datawheel":  # its loop stops regions one step before industries
        kcs, kps = reflections(m, iterations - 1, measure)
        return z_score(kcs[max(iterations - 2, 0)], 1), z_score(kps[iterations - 1], 1)
    kcs, kps = reflections(m, iterations, measure)  # EconGeo MORc/MORt(steps=iterations)
    return rescale(kcs[iterations]), rescale(kps[iterations])


def econgeo_indices(
    m: np.ndarray, kc: np.ndarray, kp: np.ndarray, measure: str
) -> tuple[np.ndarray, np.ndarray]:
    """EconGeo kci/tci: v/Σv, kci signed by MORc(20), tci by Spearman corr(tci, u) ≤ 0."""
    e, p = kc / kc.sum(), kp / kp.sum()
    try:  # EconGeo: flip if cor(kci, MORc(steps = 20)) < 0; no flip if it is NA
        if np.corrcoef(e, rescale(reflections(m, 20, measure)[0][20]))[0, 1] < 0:
            e = -e
    except ConvergenceError:
        pass
    with warnings.catch_warnings():  # a constant ubiquity gives NA: no flip, as in R
        warnings.simplefilter("ignore")
        flip = spearmanr(p, m.sum(axis=0)).statistic > 0
    return e, (-p if flip else p)


@memoised
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
        (:func:`~clusterdialog.measures.cooccurrence.presence_matrix`).
    method, iterations, convention, pci_standardise
        As in :func:`~clusterdialog.measures.complexity.economic_complexity`.

    Returns
    -------
    tuple of numpy.ndarray
        ECI (length regions) and PCI (length industries); NaN for regions or
        industries with zero diversity/ubiquity (with a DataQualityWarning).

    Raises
    ------
    InputError, ConvergenceError
        As :func:`~clusterdialog.measures.complexity.economic_complexity`.

    Examples
    --------
    >>> import numpy as np
    >>> eci, pci = eci_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]))
    >>> eci.round(12), pci.round(12)
    (array([ 1., -1.]), array([-1.,  3.]))
    """
    check_choice("method", method, _METHODS)
    convention = _CONVENTIONS[method][0] if convention is None else convention
    check_choice("convention", convention, _CONVENTIONS[method])
    own = {"ecomplexity": "eci", "datawheel": "own", "econgeo": None}[convention]
    if pci_standardise is None:
        pci_standardise = own
    elif convention == "econgeo" or (method == "reflections" and pci_standardise == "eci"):
        raise InputError(
            f"pci_standardise: not available for method={method!r}, convention={convention!r}; "
            "leave it at None"
        )
    else:
        check_choice("pci_standardise", pci_standardise, ("eci", "own"))
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise InputError(f"iterations: expected an integer >= 1, got {iterations!r}")
    sub, keep_r, keep_i = valid(np.asarray(m, dtype="float64"), "eci")
    if method == "reflections":
        e, p = reflection_indices(sub, iterations, convention, "eci")
        return fill(e, keep_r), fill(p, keep_i)
    kc, kp = eigenvectors(sub, "eci")
    if convention == "econgeo":
        e, p = econgeo_indices(sub, kc, kp, "eci")
        return fill(e, keep_r), fill(p, keep_i)
    s = diversity_sign(sub.sum(axis=1), sub.sum(axis=0), kc, kp)
    kc, kp = s * kc, s * kp
    ddof = 1 if convention == "datawheel" else 0
    e = z_score(kc, ddof)
    p = (kp - kc.mean()) / kc.std(ddof=ddof) if pci_standardise == "eci" else z_score(kp, ddof)
    return fill(e, keep_r), fill(p, keep_i)
