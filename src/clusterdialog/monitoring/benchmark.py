"""Benchmarking an initiative against its peers, with aggregates only.

:func:`peer_benchmark` ranks an initiative's KPIs among its peers (all
initiatives, the same technology field or the same :func:`size_class`);
:func:`peer_trend` sets its values over time against the peer median.  Peer
values leave these functions only as aggregates (count, median, quartiles,
a percentile rank) and only for at least ``min_peers`` peers, so that no
cluster manager can infer another initiative's raw values.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.monitoring._checks import check_count, numeric_column, require_columns, shown
from clusterdialog.monitoring.kpi import DEFAULT_KPIS, KpiDefinition, directions

__all__ = ["SIZE_CLASSES", "peer_benchmark", "peer_trend", "size_class"]

#: Labels of :func:`size_class`, smallest first.
SIZE_CLASSES: tuple[str, ...] = ("small", "medium", "large")


def _table(values: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    require_columns(values, "values", [*keys, "value"])
    table = values[keys].copy()
    table["value"] = numeric_column(values, "value", "values")
    if table.duplicated(keys).any():
        dup = table.loc[table.duplicated(keys), keys].iloc[0].to_dict()
        raise InputError(f"values: several values for the same {keys}, e.g. {dup}")
    return table


def _peer_mask(table: pd.DataFrame, initiative: Hashable, peers: Iterable | None) -> pd.Series:
    if peers is None:
        return table["initiative"] != initiative
    if isinstance(peers, str | bytes) or not isinstance(peers, Iterable):
        raise InputError(f"peers: expected a collection of initiatives, got {peers!r}")
    chosen = set(peers) - {initiative}
    return table["initiative"].isin(chosen)


def peer_benchmark(
    values: pd.DataFrame,
    *,
    initiative: Hashable,
    peers: Iterable[Hashable] | None = None,
    higher_is_better: Mapping[str, bool] | None = None,
    kpis: Iterable[KpiDefinition] | Mapping[str, bool] = DEFAULT_KPIS,
    min_peers: int = 5,
) -> pd.DataFrame:
    r"""Percentile rank, median and quartiles of the peers for each KPI of an initiative.

    With :math:`v` the initiative's value and :math:`p_1, \dots, p_n` the
    peers' values of a KPI:

    .. math::

        PR = 100\,\frac{|\{j : p_j \text{ worse than } v\}| +
                       \tfrac12 |\{j : p_j = v\}|}{n}

    where "worse" is :math:`p_j < v` if higher is better and :math:`p_j > v`
    otherwise.

    Parameters
    ----------
    values : pandas.DataFrame
        Long table ``initiative``, ``kpi``, ``value`` of one period.
    initiative : hashable
        The initiative to benchmark.
    peers : iterable, optional
        The peer group (all, same technology field, same size class …);
        default every other initiative in ``values``.  The initiative itself
        is never counted as its own peer; peers without a value of a KPI do
        not count for it.
    higher_is_better : mapping, optional
        kpi → direction; default from ``kpis``.
    kpis : iterable of KpiDefinition or mapping
        The catalogue giving the directions.
    min_peers : int
        Fewest peers with a value for which aggregates are shown.

    Returns
    -------
    pandas.DataFrame
        One row per KPI of ``values``: ``kpi``, ``value`` (the initiative's
        own), ``peers`` (number of peers with a value), ``percentile_rank``
        (0–100), ``peer_median``, ``peer_p25``, ``peer_p75``, ``suppressed``
        (True when ``peers < min_peers``; the rank and aggregates are then
        ``NaN``).

    Raises
    ------
    InputError
        For missing columns, non-numeric values, several values per
        initiative and KPI, a KPI without a direction, or a bad ``min_peers``.

    Notes
    -----
    The rank is the "mid-rank" percentile (ties count half), as in
    ``scipy.stats.percentileofscore(kind="mean")``; a value above all peers
    gets 100, equal to all 50.  Quartiles interpolate linearly between order
    statistics (numpy's default, R type 7).  The rank itself is suppressed
    with the aggregates: with two peers it would disclose whether each lies
    above or below.

    Examples
    --------
    >>> import pandas as pd
    >>> values = pd.DataFrame({"initiative": list("abcdef"), "kpi": "members",
    ...                        "value": [40.0, 10, 20, 40, 50, 60]})
    >>> peer_benchmark(values, initiative="a").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'kpi': 'members', 'value': 40.0, 'peers': 5, 'percentile_rank': 50.0, 'peer_median': 40.0,
     'peer_p25': 20.0, 'peer_p75': 50.0, 'suppressed': False}
    """
    table = _table(values, ["initiative", "kpi"])
    min_peers = check_count("min_peers", min_peers)
    direction = directions(
        higher_is_better if higher_is_better is not None else kpis,
        "higher_is_better" if higher_is_better is not None else "kpis",
    )
    kpi_order = list(pd.unique(table["kpi"]))
    unknown = [k for k in kpi_order if str(k) not in direction]
    if unknown:
        raise InputError(f"higher_is_better: no direction for kpi {unknown}")
    own = table.loc[table["initiative"] == initiative].set_index("kpi")["value"]
    peer = table.loc[_peer_mask(table, initiative, peers) & table["value"].notna()]
    rows = []
    for kpi in kpi_order:  # a handful of KPIs; the peers are vectorised
        p = peer.loc[peer["kpi"] == kpi, "value"].to_numpy()
        v = float(own.get(kpi, np.nan))
        n = len(p)
        shown = n >= min_peers
        worse = (p < v) if direction[str(kpi)] else (p > v)
        rank = 100 * (worse.sum() + 0.5 * (p == v).sum()) / n if shown and v == v else np.nan
        q25, q50, q75 = np.quantile(p, [0.25, 0.5, 0.75]) if shown else (np.nan,) * 3
        rows.append((kpi, v, n, rank, q50, q25, q75, not shown))
    columns = ["kpi", "value", "peers", "percentile_rank", "peer_median", "peer_p25",
               "peer_p75", "suppressed"]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(
        {
            "peers": int,
            "suppressed": bool,
            "value": float,
            "percentile_rank": float,
            "peer_median": float,
            "peer_p25": float,
            "peer_p75": float,
        }
    )


def peer_trend(
    values: pd.DataFrame,
    *,
    initiative: Hashable,
    peers: Iterable[Hashable] | None = None,
    min_peers: int = 5,
) -> pd.DataFrame:
    r"""An initiative's KPI values over the periods against the peer median.

    .. math::

        \text{gap}_{kt} = v_{kt} - \operatorname{median}_j p_{jkt}

    Parameters
    ----------
    values : pandas.DataFrame
        Long table ``initiative``, ``kpi``, ``period``, ``value``.
    initiative : hashable
        The initiative.
    peers : iterable, optional
        The peer group; default every other initiative.
    min_peers : int
        Fewest peers with a value in a period for which the median is shown.

    Returns
    -------
    pandas.DataFrame
        One row per KPI and period of ``values`` (sorted by KPI in order of
        appearance, then period): ``kpi``, ``period``, ``value``, ``peers``,
        ``peer_median``, ``gap``, ``suppressed`` (fewer than ``min_peers``
        peers: median and gap ``NaN``).

    Raises
    ------
    InputError
        For missing columns, non-numeric values, several values per
        initiative, KPI and period, or a bad ``min_peers``.

    Notes
    -----
    The peer group can change between periods (initiatives founded or
    closed); the median of each period is over the peers reporting in it, so
    ``peers`` is given per row.

    Examples
    --------
    >>> import pandas as pd
    >>> values = pd.DataFrame({"initiative": list("abcdef") * 2, "kpi": "events",
    ...     "period": [2023] * 6 + [2024] * 6,
    ...     "value": [4.0, 1, 2, 3, 5, 6, 9, 2, 3, 4, 6, 7]})
    >>> peer_trend(values, initiative="a")[["period", "value", "peer_median", "gap"]]
       period  value  peer_median  gap
    0    2023    4.0          3.0  1.0
    1    2024    9.0          4.0  5.0
    """
    table = _table(values, ["initiative", "kpi", "period"])
    min_peers = check_count("min_peers", min_peers)
    keys = ["kpi", "period"]
    grid = table[keys].drop_duplicates()
    grid["_kpi_order"] = grid["kpi"].map({k: i for i, k in enumerate(pd.unique(table["kpi"]))})
    grid = grid.sort_values(["_kpi_order", "period"]).drop(columns="_kpi_order")
    own = table.loc[table["initiative"] == initiative, [*keys, "value"]]
    peer = table.loc[_peer_mask(table, initiative, peers) & table["value"].notna()]
    stats = peer.groupby(keys, sort=False)["value"].agg(peers="count", peer_median="median")
    out = grid.merge(own, on=keys, how="left").merge(stats.reset_index(), on=keys, how="left")
    out["peers"] = out["peers"].fillna(0).astype(int)
    out["suppressed"] = out["peers"] < min_peers
    out.loc[out["suppressed"], "peer_median"] = np.nan
    out["peer_median"] = out["peer_median"].astype(float)
    out["gap"] = out["value"] - out["peer_median"]
    return out[["kpi", "period", "value", "peers", "peer_median", "gap", "suppressed"]]


def size_class(
    members: float | Sequence[float] | np.ndarray | pd.Series,
    *,
    bounds: Sequence[float] = (50, 150),
    labels: Sequence[str] = SIZE_CLASSES,
):
    r"""Size class of initiatives by their number of members.

    .. math::

        \text{class}(m) = \text{labels}[\,|\{b \in \text{bounds} : b \le m\}|\,]

    Parameters
    ----------
    members : number, sequence, numpy array or pandas.Series
        Member counts (``NaN`` or ``None`` for unknown).
    bounds : sequence of numbers
        Increasing lower bounds of the classes after the first.
    labels : sequence of str
        One label more than ``bounds``.

    Returns
    -------
    str, None, numpy.ndarray or pandas.Series
        The class of each count (``None`` for unknown): a scalar for a scalar,
        a Series (same index) for a Series, an object array otherwise.

    Raises
    ------
    InputError
        For negative counts, non-increasing bounds or a wrong number of labels.

    Notes
    -----
    The default classes (under 50, 50–149, 150 and more members) are this
    platform's convention, not an official one; programmes that group their
    initiatives differently pass their own ``bounds``, and peer groups by
    size should state the bounds used.

    Examples
    --------
    >>> size_class(49), size_class(50), size_class(150)
    ('small', 'medium', 'large')
    >>> size_class([12, None, 300]).tolist()
    ['small', None, 'large']
    """
    edges = np.asarray(bounds, dtype=float)
    if edges.ndim != 1 or len(edges) == 0 or np.any(np.diff(edges) <= 0):
        raise InputError(f"bounds: expected increasing numbers, got {list(bounds)!r}")
    if len(labels) != len(edges) + 1:
        raise InputError(
            f"labels: expected {len(edges) + 1} labels for {len(edges)} bounds, got {len(labels)}"
        )
    scalar = np.ndim(members) == 0
    series = members if isinstance(members, pd.Series) else None
    try:
        counts = np.atleast_1d(np.asarray(
            pd.to_numeric(pd.Series(np.atleast_1d(np.asarray(members, dtype=object)))),
            dtype=float,
        ))  # fmt: skip
    except (TypeError, ValueError):
        raise InputError(f"members: expected numbers of members, got {members!r}") from None
    if np.any(counts < 0):
        raise InputError(f"members: expected counts >= 0, got {shown(counts[counts < 0][0])}")
    out = np.asarray(labels, dtype=object)[np.searchsorted(edges, counts, side="right")]
    out[np.isnan(counts)] = None
    if scalar:
        return out[0]
    if series is not None:
        return pd.Series(out, index=series.index, name=series.name, dtype=object)
    return out
