"""The strong-cluster criteria that data without establishments allow.

:func:`~clusterdialog.identify.strong.strong_clusters` needs the number of
establishments (the CMP rule has three criteria).  Without it, the LQ and
employment criteria are evaluated with the same kernels and percentiles and
the rest is left missing, never guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.identify.stars import column_quantile
from clusterdialog.identify.strong import _percentile_rank
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = ["strong_cluster_criteria", "strong_cluster_criteria_matrix"]


def strong_cluster_criteria_matrix(
    employment: np.ndarray, *, cluster_types: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """The strong-cluster criteria that need no establishments (kernel).

    The LQ per cluster type, its percentile and the two criteria of
    :func:`strong_clusters_matrix` that employment alone decides: LQ ≥ its
    75th percentile and ≥ 1; employment above its 25th percentile.
    """
    x = np.asarray(employment, dtype=float)
    col_types = (
        np.zeros(x.shape[1], int) if cluster_types is None else pd.factorize(cluster_types)[0]
    )
    lq = np.empty(x.shape)
    for t in np.unique(col_types):
        cols = np.flatnonzero(col_types == t)
        lq[:, cols] = location_quotient_matrix(x[:, cols])
    present = (x > 0) & np.isfinite(lq)
    return {
        "employment": x,
        "lq": lq,
        "lq_percentile": _percentile_rank(lq, present),
        "lq_criterion": present & (lq >= column_quantile(lq, present, 0.75)) & (lq >= 1),
        "employment_criterion": present & (x > column_quantile(x, present, 0.25)),
    }


def strong_cluster_criteria(
    data: pd.DataFrame,
    *,
    region: str = "region",
    cluster: str = "cluster",
    value: str = "value",
    cluster_type: str | None = None,
) -> pd.DataFrame:
    """The CMP strong-cluster criteria that data without establishments allow (one period).

    :func:`strong_clusters` needs the number of establishments; without it
    this evaluates what can be evaluated, with the same LQ (denominator: the
    region's employment in clusters of the same type) and percentiles, and
    leaves ``establishments``, ``establishments_criterion`` and ``strong``
    missing rather than guessing them.

    Parameters
    ----------
    data : pandas.DataFrame
        One period, long: region, cluster, employment (no suppressed cells).
    region, cluster, value : str
        Column names.
    cluster_type : str, optional
        Column with the cluster type (``traded`` / ``local``).

    Returns
    -------
    pandas.DataFrame
        ``region, cluster, employment, establishments, lq, lq_percentile,
        lq_criterion, employment_criterion, establishments_criterion, strong``.

    Examples
    --------
    >>> df = pd.DataFrame({"region": list("aabbcc"), "cluster": list("xyxyxy"),
    ...                    "value": [9.0, 1.0, 1.0, 9.0, 5.0, 5.0]})
    >>> out = strong_cluster_criteria(df)
    >>> out[["region", "cluster", "lq", "lq_criterion", "employment_criterion"]].round(2)
      region cluster   lq  lq_criterion  employment_criterion
    0      a       x  1.8          True                  True
    1      a       y  0.2         False                 False
    2      b       x  0.2         False                 False
    3      b       y  1.8          True                  True
    4      c       x  1.0         False                  True
    5      c       y  1.0         False                  True
    >>> bool(out["strong"].isna().all())
    True
    """
    missing = [c for c in (region, cluster, value, cluster_type) if c and c not in data.columns]
    if missing:
        raise InputError(f"data: missing column(s) {missing}; found {list(data.columns)}")
    wide = data.pivot_table(
        index=region, columns=cluster, values=value, aggfunc="sum", fill_value=0.0
    ).astype(float)
    types = None
    if cluster_type is not None:
        kinds = data.drop_duplicates(cluster).set_index(cluster)[cluster_type].astype(str)
        types = kinds.reindex(wide.columns).to_numpy()
    result = strong_cluster_criteria_matrix(wide.to_numpy(), cluster_types=types)
    n_r, n_c = wide.shape
    out = pd.DataFrame({
        region: np.repeat(wide.index.astype(str).to_numpy(), n_c),
        cluster: np.tile(wide.columns.astype(str).to_numpy(), n_r),
    })  # fmt: skip
    out["employment"] = result["employment"].ravel()
    out["establishments"] = np.nan
    for name in ("lq", "lq_percentile", "lq_criterion", "employment_criterion"):
        out[name] = result[name].ravel()
    out["establishments_criterion"] = pd.NA
    out["strong"] = pd.NA
    return out
