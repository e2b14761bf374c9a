"""The strong-cluster criteria that data WITHOUT establishments allow.

:func:`clusterdialog.identify.strong.strong_clusters` needs the number of
establishments (the CMP rule has three criteria).  When the input has none,
the report does not guess: ``strong_clusters.csv`` shows the criteria that
can be evaluated (LQ and employment, with the CMP percentiles) and leaves
``strong`` and the establishments criterion empty, and the report says why.
Input: a clean long table with the columns ``region``, ``cluster``,
``value`` (no suppressed cells left) of one period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["strong_cluster_criteria"]

KEYS = {"region": "region", "industry": "cluster", "value": "value"}


def _matrix(data: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    return data.pivot_table(
        index="region", columns="cluster", values=column, aggfunc="sum", fill_value=0.0
    ).astype(float)


def _long(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame.stack().rename(name)


def strong_cluster_criteria(data: pd.DataFrame, *, cluster_type: str | None = None) -> pd.DataFrame:
    """The CMP strong-cluster criteria without establishments, one period.

    LQ against the region's employment of the same cluster type (all employment
    without types), as in :func:`clusterdialog.identify.strong.strong_clusters`;
    percentiles (0–100) per cluster over the regions with employment > 0.
    ``lq_criterion``: LQ ≥ 75th percentile and ≥ 1; ``employment_criterion``:
    employment > 25th percentile; ``establishments``,
    ``establishments_criterion`` and ``strong`` are missing.

    Examples
    --------
    >>> df = pd.DataFrame({"region": list("aabbcc"), "cluster": list("xyxyxy"),
    ...                    "value": [9.0, 1.0, 1.0, 9.0, 5.0, 5.0]})
    >>> out = strong_cluster_criteria(df)
    >>> out[["region", "cluster", "lq", "lq_criterion", "employment_criterion"]].round(2)
      region cluster    lq  lq_criterion  employment_criterion
    0      a       x  1.80          True                  True
    1      a       y  0.20         False                 False
    2      b       x  0.20         False                 False
    3      b       y  1.80          True                  True
    4      c       x  1.00         False                  True
    5      c       y  1.00         False                  True
    >>> bool(out["strong"].isna().all())
    True
    """
    frame = data.copy()
    frame["_type"] = "all" if cluster_type is None else frame[cluster_type].astype(str)
    x = _matrix(frame)
    types = frame.drop_duplicates("cluster").set_index("cluster")["_type"].reindex(x.columns)
    denominators = pd.DataFrame(
        {c: x.loc[:, (types == types[c]).to_numpy()].sum(axis=1) for c in x.columns},
        index=x.index,
    )
    shares = x / denominators.replace(0, np.nan)
    national = x.sum(axis=0) / denominators.sum(axis=0).replace(0, np.nan)
    lq = shares / national
    present = x > 0
    lq_present = lq.where(present)
    emp = x.where(present)
    out = pd.concat(
        [
            _long(x, "employment"),
            _long(lq, "lq"),
            _long(100 * lq_present.rank(axis=0, pct=True), "lq_percentile"),
            _long((lq_present >= lq_present.quantile(0.75, axis=0)) & (lq >= 1), "lq_criterion"),
            _long(emp > emp.quantile(0.25, axis=0), "employment_criterion"),
        ],
        axis=1,
    ).reset_index()
    out.insert(3, "establishments", np.nan)
    out["establishments_criterion"] = pd.NA
    out["strong"] = pd.NA
    return out
