"""Monte-Carlo envelopes of Kd and M under random location or random labelling.

The locations of the points are kept; each simulation permutes the marks
over them with a seeded :class:`numpy.random.Generator`, recomputes the
measure, and the envelope is taken from the simulated values: pointwise
quantiles (local) or the Duranton–Overman global band.  The cell grids of the
measures are built once and reused by every simulation.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from numba import get_num_threads

from clusterdialog.errors import InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures._pointpatterns_compute import (
    KdComputer,
    MComputer,
    PointInput,
    prepare_points,
)

__all__ = ["envelope_bounds", "kd_envelope", "m_envelope"]

ENVELOPE_METHODS = ("random_location", "random_labelling")
ENVELOPE_KINDS = ("local", "global", "global_dbmss")


def _rank_bounds(sims: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Duranton–Overman: the k-th smallest and largest values, k as large as the risk allows."""
    nsim = sims.shape[0]
    ordered = np.sort(sims, axis=0)
    defined = ~np.isnan(sims).any(axis=0)
    inside = sims[:, defined]
    best = 1
    for k in range(2, nsim // 2 + 1):
        lower, upper = ordered[k - 1, defined], ordered[nsim - k, defined]
        if ((inside < lower) | (inside > upper)).any(axis=1).mean() > alpha:
            break
        best = k
    lower, upper = ordered[best - 1].copy(), ordered[nsim - best].copy()
    lower[~defined] = np.nan
    upper[~defined] = np.nan
    return lower, upper


def _dbmss_global_bounds(sims: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """dbmss ``GlobalEnvelope``: drop the simulations that are extreme anywhere, repeatedly."""
    nsim = sims.shape[0]
    target = (1.0 - alpha) * nsim
    kept = np.arange(nsim)
    present_min, present_max = np.nanmin(sims, axis=0), np.nanmax(sims, axis=0)
    previous_min, previous_max = present_min, present_max
    while kept.size > target:
        previous_min, previous_max = present_min, present_max
        sub = sims[kept]
        defined = ~np.isnan(sub).all(axis=0)
        extreme = np.union1d(
            np.nanargmin(sub[:, defined], axis=0), np.nanargmax(sub[:, defined], axis=0)
        )
        kept = np.delete(kept, extreme)
        if kept.size < 2:
            raise InputError(
                f"simulations: {nsim} simulations are too few for a global envelope with "
                f"alpha={alpha}; fewer than 2 were left after dropping the extreme ones"
            )
        present_min, present_max = np.nanmin(sims[kept], axis=0), np.nanmax(sims[kept], axis=0)
    shift = (target - kept.size) / nsim
    return (
        present_min + (previous_min - present_min) * shift,
        present_max + (previous_max - present_max) * shift,
    )


def envelope_bounds(
    simulations: np.ndarray, *, alpha: float = 0.05, kind: str = "local"
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper envelope from simulated values (one row per simulation).

    ``kind="local"``: the pointwise ``alpha/2`` and ``1 - alpha/2`` quantiles
    (R's type 7), ``NaN`` at a distance where any simulation is ``NaN``;
    ``kind="global"`` and ``"global_dbmss"``: the global bands described in
    :func:`kd_envelope`.
    """
    check_choice("kind", kind, ENVELOPE_KINDS)
    sims = np.asarray(simulations, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN distances give NaN
        if kind == "global":
            return _rank_bounds(sims, alpha)
        if kind == "global_dbmss":
            return _dbmss_global_bounds(sims, alpha)
        lower, upper = np.nanquantile(sims, [alpha / 2.0, 1.0 - alpha / 2.0], axis=0)
    undefined = np.isnan(sims).any(axis=0)
    lower[undefined] = np.nan
    upper[undefined] = np.nan
    return lower, upper


def _check_options(simulations: object, alpha: object, method: str, kind: str, seed: object):
    if isinstance(simulations, bool) or not isinstance(simulations, int | np.integer):
        raise InputError(f"simulations: expected a positive integer, got {simulations!r}")
    if simulations < 1:
        raise InputError(f"simulations: expected a positive integer, got {simulations!r}")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        raise InputError(f"alpha: expected a number strictly between 0 and 1, got {alpha!r}")
    check_choice("method", method, ENVELOPE_METHODS)
    check_choice("kind", kind, ENVELOPE_KINDS)
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise InputError(
            f"seed: expected None, a non-negative integer or a numpy Generator, got {seed!r}"
        ) from None


def _simulate(data: PointInput, computer, weighted: bool, simulations: int, method: str, rng):
    """Observed values and one row of simulated values per simulation.

    Every simulation draws its permutation from its own child generator
    (``rng.spawn``), so the result does not depend on the number of threads.
    Simulations run serially in numba (without the GIL) on a pool of threads,
    one per numba thread: one synchronisation per envelope, not per simulation.
    """
    ref, nb = data.reference, data.neighbor
    observed = computer(data.codes == ref, data.codes == nb, data.weights if weighted else None)
    computer.parallel = False

    def one(generator: np.random.Generator) -> np.ndarray:
        order = generator.permutation(data.codes.size)
        codes = data.codes[order]
        weights = data.weights[order] if method == "random_location" else data.weights
        return computer(codes == ref, codes == nb, weights if weighted else None)

    generators = rng.spawn(simulations)
    workers = min(get_num_threads(), simulations)
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            rows = list(pool.map(one, generators))
    else:
        rows = [one(generator) for generator in generators]
    return observed, np.array(rows).reshape(simulations, data.r.size)


def _frame(data, observed, sims, alpha, kind) -> pd.DataFrame:
    lower, upper = envelope_bounds(sims, alpha=alpha, kind=kind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(sims, axis=0)
    return pd.DataFrame(
        {"r": data.r, "value": observed, "lower": lower, "upper": upper, "simulated_mean": mean}
    )


_PARAMETERS = """
    Parameters
    ----------
    points, reference, neighbor, r, x, y, mark, weight
        As for :func:`~clusterdialog.measures.pointpatterns.{name}`.
    simulations : int
        Number of simulations (default 99).
    alpha : float
        Risk level: the envelope holds ``1 - alpha`` of the simulations
        (default 0.05).
    method : {"random_location", "random_labelling"}
        Null hypothesis.  ``"random_location"`` (default, dbmss
        ``RandomLocation``): the marks of the points (type and weight
        together) are permuted over the locations.  ``"random_labelling"``
        (dbmss ``RandomLabeling``): only the types are permuted; weights stay
        with their locations.
    kind : {"local", "global", "global_dbmss"}
        ``"local"`` (default): pointwise quantiles ``alpha/2`` and
        ``1 - alpha/2`` (R type 7) of the simulated values.  ``"global"``:
        the Duranton–Overman band that holds at least ``1 - alpha`` of the
        simulations at every distance at once.  ``"global_dbmss"``: dbmss's
        global band (see Notes).  Bounds are ``NaN`` where any simulation is
        undefined (``"global_dbmss"``: where all are).
    seed : int, numpy.random.Generator or None
        Seed of the permutations; the same seed gives the same envelope.
"""
_NOTES = """
    The local envelope is that of dbmss ``{peer}(..., Global=FALSE)``.  The
    global band (Duranton & Overman 2005) is, at every distance, the k-th
    smallest and the k-th largest simulated value, with the largest k for
    which no more than ``alpha * simulations`` simulations leave the band at
    some distance.  ``"global_dbmss"`` follows dbmss
    ``{peer}(..., Global=TRUE)`` (``GlobalEnvelope``): the simulations that
    reach the minimum or the maximum at any distance are dropped, round after
    round, until at most ``(1 - alpha) * simulations`` are left; the band is
    their range, moved back towards the previous range by
    ``(target - kept) / simulations``.  With many distances the first round
    drops far more than ``alpha`` of the simulations, so that band can be
    narrower than the local envelope.  Simulated values depend
    on the random stream: they match dbmss in distribution, not number for
    number.  Each simulation recomputes the measure in full (for Kd including
    its bandwidth), as dbmss does.
"""


def m_envelope(
    points: pd.DataFrame,
    reference: object,
    neighbor: object = None,
    *,
    r: object = None,
    x: str = "x",
    y: str = "y",
    mark: str = "type",
    weight: str | None = None,
    simulations: int = 99,
    alpha: float = 0.05,
    method: str = "random_location",
    kind: str = "local",
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    r"""Monte-Carlo envelope of the M function.

    .. math:: \underline{M}(r) = Q_{\alpha/2}\{M_s(r)\},\quad
              \overline{M}(r) = Q_{1-\alpha/2}\{M_s(r)\}

    for simulations s (local envelope).
    {parameters}
    Returns
    -------
    pandas.DataFrame
        Columns ``r``, ``value`` (observed M), ``lower``, ``upper``,
        ``simulated_mean`` and ``theoretical`` (1, the value under
        independence).

    Raises
    ------
    InputError
        As :func:`m_function`; for ``simulations`` not a positive integer,
        ``alpha`` outside (0, 1), an unknown ``method`` or ``kind``, a bad
        ``seed``, or too few simulations for a global envelope.

    Notes
    -----{notes}
    References
    ----------
    .. [1] Marcon, E. & Puech, F. (2010). Measures of the geographic
       concentration of industries: improving distance-based methods.
       *Journal of Economic Geography* 10(5), 745–762.
       https://doi.org/10.1093/jeg/lbp056
    .. [2] Marcon, E., Traissac, S., Puech, F. & Lang, G. (2015). Tools to
       characterize point patterns: dbmss for R. *Journal of Statistical
       Software* 67(3), 1–15. https://doi.org/10.18637/jss.v067.c03

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> pts = pd.DataFrame({"x": rng.uniform(0, 100, 300), "y": rng.uniform(0, 100, 300),
    ...                     "type": rng.choice(["A", "B"], 300)})
    >>> env = m_envelope(pts, "A", r=[5, 10, 20], simulations=19, seed=1)
    >>> list(env.columns)
    ['r', 'value', 'lower', 'upper', 'simulated_mean', 'theoretical']
    >>> bool(((env.lower <= env.simulated_mean) & (env.simulated_mean <= env.upper)).all())
    True
    """
    rng = _check_options(simulations, alpha, method, kind, seed)
    data = prepare_points(
        points, reference, neighbor, r=r, x=x, y=y, mark=mark, weight=weight, measure="m"
    )
    computer = MComputer(data.x, data.y, data.r)
    observed, sims = _simulate(data, computer, True, simulations, method, rng)
    return _frame(data, observed, sims, alpha, kind).assign(theoretical=1.0)


def kd_envelope(
    points: pd.DataFrame,
    reference: object,
    neighbor: object = None,
    *,
    r: object = None,
    x: str = "x",
    y: str = "y",
    mark: str = "type",
    weight: str | None = None,
    simulations: int = 99,
    alpha: float = 0.05,
    method: str = "random_location",
    kind: str = "local",
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    r"""Monte-Carlo envelope of Kd (Duranton–Overman localisation test).

    .. math:: \underline{K}_d(r) = Q_{\alpha/2}\{K_{d,s}(r)\},\quad
              \overline{K}_d(r) = Q_{1-\alpha/2}\{K_{d,s}(r)\}

    for simulations s (local envelope).  Observed Kd above the upper global
    band at some distance means localisation (Duranton & Overman 2005).
    {parameters}
    Returns
    -------
    pandas.DataFrame
        Columns ``r``, ``value`` (observed Kd), ``lower``, ``upper`` and
        ``simulated_mean`` (Kd has no closed-form value under the null).

    Raises
    ------
    InputError
        As :func:`kd`, and as :func:`m_envelope` for the envelope options.

    Notes
    -----{notes}  For unweighted Kd both methods are the same null
    hypothesis.

    References
    ----------
    .. [1] Duranton, G. & Overman, H. G. (2005). Testing for localization
       using micro-geographic data. *Review of Economic Studies* 72(4),
       1077–1106. https://doi.org/10.1111/0034-6527.00362
    .. [2] Marcon, E., Traissac, S., Puech, F. & Lang, G. (2015). Tools to
       characterize point patterns: dbmss for R. *Journal of Statistical
       Software* 67(3), 1–15. https://doi.org/10.18637/jss.v067.c03

    Examples
    --------
    Fifty establishments of type A around one centre among 250 spread
    uniformly: A is localised at short distances.

    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> xy = np.vstack([rng.normal(50, 3, (50, 2)), rng.uniform(0, 100, (250, 2))])
    >>> pts = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "type": ["A"] * 50 + ["B"] * 250})
    >>> env = kd_envelope(pts, "A", r=np.arange(0, 41, 5), kind="global", seed=1)
    >>> env.loc[env.value > env.upper, "r"].tolist()
    [0.0, 5.0, 10.0]
    """
    rng = _check_options(simulations, alpha, method, kind, seed)
    data = prepare_points(
        points, reference, neighbor, r=r, x=x, y=y, mark=mark, weight=weight, measure="kd"
    )
    computer = KdComputer(data.x, data.y, data.r)
    observed, sims = _simulate(data, computer, weight is not None, simulations, method, rng)
    return _frame(data, observed, sims, alpha, kind)


for _function, _name, _peer in (
    (m_envelope, "m_function", "MEnvelope"),
    (kd_envelope, "kd", "KdEnvelope"),
):
    _function.__doc__ = (
        (_function.__doc__ or "")
        .replace("{parameters}", _PARAMETERS.replace("{name}", _name))
        .replace("{notes}", _NOTES.replace("{peer}", _peer))
    )
