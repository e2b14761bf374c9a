"""Inter-municipal cluster candidates: contiguous groups of regions that qualify together.

A Kreis may be specialised in an industry but too small to count as a
cluster, while the Kreis next door is in the same position.  Together they
may have the size of a cluster: a candidate for a joint, inter-municipal
cluster initiative.  :func:`intermunicipal_candidates` finds such groups by
growing contiguous unions of regions and recomputing the location quotient
and the employment of each union against the same reference.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.spatial import listing
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = ["intermunicipal_candidates"]

_MEMBER_COLUMNS = ("step", "employment", "lq", "reason", "reason_de")
_GROUP_COLUMNS = ("group_size", "group_employment", "group_lq", "employment_threshold",
                  "lq_threshold")  # fmt: skip


def _number(x: float, digits: int, german: bool) -> str:
    text = f"{x:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if german else text


def _reasons(x: float, lq: float, size: float, bar: float) -> tuple[str, str]:
    english, german = [], []
    if lq < bar:
        english.append(f"LQ {_number(lq, 2, False)} below {_number(bar, 2, False)}")
        german.append(f"LQ {_number(lq, 2, True)} unter {_number(bar, 2, True)}")
    if x < size:
        english.append(
            f"employment {_number(x, 0, False)} below the size threshold {_number(size, 0, False)}"
        )
        german.append(
            f"Beschäftigung {_number(x, 0, True)} unter der Größenschwelle {_number(size, 0, True)}"
        )
    return "; ".join(english), "; ".join(german)


def _adjacency(weights, panel: RegionalPanel, eligible: np.ndarray) -> sparse.csr_matrix:
    """Symmetric 0/1 contiguity among the panel's regions; warn about unmatched keys."""
    if not hasattr(weights, "id_order") or not hasattr(weights, "sparse"):
        raise InputError(f"weights: expected a libpysal W, got {type(weights).__name__}")
    ids = pd.Index([str(i) for i in weights.id_order])
    position = panel.regions.get_indexer(ids)
    outside = panel.regions[eligible].difference(ids)
    if len(outside):
        warnings.warn(
            f"intermunicipal_candidates: {len(outside)} of {int(eligible.sum())} candidate "
            f"regions are not in the weights and cannot join a group (they still count in the "
            f"reference totals): {listing(outside)}",
            DataQualityWarning,
            stacklevel=3,
        )
    lacking = ids[position < 0]
    if len(lacking):
        warnings.warn(
            f"intermunicipal_candidates: {len(lacking)} of {len(ids)} regions of the weights "
            f"have no data and cannot join a group: {listing(lacking)}",
            DataQualityWarning,
            stacklevel=3,
        )
    links = weights.sparse.tocoo()
    rows, cols = position[links.row], position[links.col]
    keep = (rows >= 0) & (cols >= 0) & (rows != cols)
    n = len(panel.regions)
    matrix = sparse.coo_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))
    matrix = (matrix + matrix.T).tocsr()
    matrix.data[:] = 1.0
    return matrix


def _grow(seed, x, totals, share, pool, used, adjacency, lq_bar, size, max_size):
    """Grow a group from ``seed``; return its members in order, or ``None`` if it fails."""
    members, in_group = [seed], {seed}
    employment, total = x[seed], totals[seed]
    while employment < size and len(members) < max_size:
        frontier = np.unique(
            np.concatenate(
                [adjacency.indices[adjacency.indptr[m] : adjacency.indptr[m + 1]] for m in members]
            )
        )
        frontier = np.array([j for j in frontier if pool[j] and not used[j] and j not in in_group])
        if frontier.size == 0:
            return None
        union_lq = (employment + x[frontier]) / (total + totals[frontier]) / share
        keep = union_lq >= lq_bar
        admissible, union_lq = frontier[keep], union_lq[keep]
        if admissible.size == 0:
            return None
        completing = employment + x[admissible] >= size
        if completing.any():  # the most specialised union that reaches the size bar
            admissible, union_lq = admissible[completing], union_lq[completing]
            best = admissible[np.lexsort((admissible, -union_lq))[0]]
        else:  # the largest neighbour, to reach the size bar in few steps
            best = admissible[np.lexsort((admissible, -union_lq, -x[admissible]))[0]]
        members.append(int(best))
        in_group.add(int(best))
        employment, total = employment + x[best], total + totals[best]
    return members if employment >= size else None


def intermunicipal_candidates(
    data: pd.DataFrame | RegionalPanel,
    weights,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    lq_threshold: float = 2.0,
    size_quantile: float = 0.9,
    min_employment: float | None = None,
    member_threshold: float = 1.0,
    max_size: int = 5,
    regions: Iterable[object] | None = None,
) -> pd.DataFrame:
    r"""Contiguous groups of regions that together qualify as a cluster though no member does.

    A unit (a region or a union G of regions) *qualifies* in industry k when it is
    specialised and large, as for the specialisation and size stars of the European
    Cluster Observatory:

    .. math:: LQ_{Gk} = \frac{\sum_{r \in G} x_{rk} / \sum_{r \in G} X_r}{X_k / X}
       \ge \text{lq\_threshold}
       \quad\text{and}\quad \sum_{r \in G} x_{rk} \ge T_k

    with :math:`X_k / X` the industry's share in the whole panel (all regions, also those
    that cannot join a group) and :math:`T_k` the ``size_quantile`` of the industry's
    employment across the regions present in the period (or ``min_employment``).

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of employment by region and industry (and period).
    weights : libpysal.weights.W
        Contiguity of the regions (:func:`.contiguity_weights`, :func:`.weights_from_neighbors`);
        only which regions are neighbours matters.
    region, industry, value, period : str
        Column names.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells.
    lq_threshold : float
        Specialisation bar of a qualifying unit (default 2, the Observatory's star).
    size_quantile : float
        Quantile of regional employment that sets the size bar :math:`T_k` (default 0.9, the
        top decile of the Observatory's size star).
    min_employment : float, optional
        A fixed size bar for every industry instead of the quantile.
    member_threshold : float
        Lower LQ bar of a member (default 1: above-average share).
    max_size : int
        Largest number of regions in a group.
    regions : iterable, optional
        Keys of the regions that may join a group (e.g. the Kreise of one Land while the
        reference is Germany); default all regions of the panel.

    Returns
    -------
    pandas.DataFrame
        One row per group member, ordered by group and by joining order; columns ``group``
        (1, 2, …), ``industry``, ``period`` (if any), ``region``, ``step`` (1 = the seed),
        ``employment`` and ``lq`` of the member, ``reason`` and ``reason_de`` (why the member
        alone does not qualify, in English and German), ``group_size``,
        ``group_employment``, ``group_lq``, ``employment_threshold`` (:math:`T_k`) and
        ``lq_threshold``.  One row per group: ``result.drop_duplicates("group")``.

    Raises
    ------
    InputError
        For a bad table, bad options or keys in ``regions`` that are not in the data.

    Warns
    -----
    DataQualityWarning
        For suppressed cells (by ``suppressed``), regions of the data that are not in the
        weights and regions of the weights without data.

    Notes
    -----
    The union's LQ is the :math:`X_r`-weighted mean of its members' LQs, so a union can
    never be more specialised than its most specialised member: the gain of a union is
    size.  The algorithm, per period and industry:

    1. Regions that qualify alone are clusters on their own and join no group.
    2. The *pool*: the other regions with employment > 0 and LQ ≥ ``member_threshold``.
    3. *Seeds*: pool regions with LQ ≥ ``lq_threshold`` (specialised but too small), taken
       by employment, largest first (ties by key).
    4. A group grows from its seed by adding, one at a time, a contiguous pool region
       (neighbour of any member, not yet in a group) that keeps the union's LQ ≥
       ``lq_threshold``: if some of these bring the union to the size bar, the one giving
       the highest union LQ; otherwise the one with the largest employment (ties: higher
       union LQ, then key).  It stops when the union reaches the size bar.  It fails when
       no neighbour keeps the LQ or ``max_size`` is reached; its regions then stay free
       for later seeds.  Groups do not overlap.

    The greedy rule finds small, specialised groups quickly and deterministically; it
    does not search all connected subsets, so a qualifying group of another shape may be
    missed.  The size bar is taken over single regions: a group is as large as a
    top-decile region.  No peer software offers this; the tests check hand-made grids.

    References
    ----------
    .. [1] European Cluster Observatory (2014). *Methodology and Findings Report for a
       Cluster Mapping of Related Sectors*. European Commission, DG Enterprise and
       Industry.
    .. [2] Delgado, M., Porter, M. E. & Stern, S. (2016). Defining clusters of related
       industries. *Journal of Economic Geography* 16(1), 1–38. doi:10.1093/jeg/lbv017

    Examples
    --------
    Kreise of Baden-Württemberg (keys ``08…``) against all of Germany, 2020: groups that
    reach the top-decile employment of German Kreise with an LQ of at least 1.5:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_geometry, load_kreise_industries
    >>> from clusterdialog.errors import DataQualityWarning
    >>> from clusterdialog.identify import contiguity_weights
    >>> df = load_kreise_industries()
    >>> germany = df[df.period == 2020]
    >>> w = contiguity_weights(load_kreise_geometry())
    >>> bw = [key for key in germany.region.unique() if key.startswith("08")]
    >>> with warnings.catch_warnings():  # 49 suppressed cells counted as 0
    ...     warnings.simplefilter("ignore", DataQualityWarning)
    ...     groups = intermunicipal_candidates(
    ...         germany, w, suppressed="zero", lq_threshold=1.5, regions=bw)
    >>> groups.drop_duplicates("group")[["group", "industry", "group_size", "group_employment",
    ...                                  "group_lq", "employment_threshold"]].head(3).round(3)
       group industry  group_size  group_employment  group_lq  employment_threshold
    0      1      B-E           2           60488.0     1.894               37691.0
    2      2      B-E           2           57409.0     1.806               37691.0
    4      3      B-E           2           44547.0     1.799               37691.0
    >>> for row in groups[groups.group == 1].itertuples():  # Schwarzwald-Baar-Kreis, Rottweil
    ...     print(row.region, round(row.lq, 2), row.reason, sep=" | ")
    08326 | 1.77 | employment 34,109 below the size threshold 37,691
    08325 | 2.08 | employment 26,379 below the size threshold 37,691
    """
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="intermunicipal_candidates",
    )  # fmt: skip
    if not lq_threshold > 0:
        raise InputError(f"lq_threshold: expected a positive number, got {lq_threshold!r}")
    if not 0 < size_quantile < 1:
        raise InputError(f"size_quantile: expected a number in (0, 1), got {size_quantile!r}")
    if min_employment is not None and not min_employment > 0:
        raise InputError(f"min_employment: expected a positive number, got {min_employment!r}")
    if not 0 < member_threshold <= lq_threshold:
        raise InputError(
            f"member_threshold: expected a number in (0, lq_threshold={lq_threshold}], "
            f"got {member_threshold!r}"
        )
    if not isinstance(max_size, int | np.integer) or max_size < 2:
        raise InputError(f"max_size: expected a whole number ≥ 2, got {max_size!r}")
    if regions is None:
        eligible = np.ones(len(panel.regions), dtype=bool)
    else:
        wanted = pd.Index([str(r) for r in regions])
        unknown = wanted.difference(panel.regions)
        if len(unknown):
            raise InputError(f"regions: {len(unknown)} key(s) not in the data: {listing(unknown)}")
        eligible = panel.regions.isin(wanted)
    adjacency = _adjacency(weights, panel, eligible)
    rows: list[dict] = []
    number = 0
    for p, label in enumerate(panel.periods):
        x_all = panel.matrices[p]
        totals = x_all.sum(axis=1)
        present = totals > 0
        lq_all = location_quotient_matrix(x_all)
        share_all = x_all.sum(axis=0) / x_all.sum()
        if min_employment is None:
            bars = np.quantile(x_all[present], size_quantile, axis=0)
        else:
            bars = np.full(len(panel.industries), float(min_employment))
        for k, name in enumerate(panel.industries):
            x, lq, size = x_all[:, k], np.nan_to_num(lq_all[:, k]), bars[k]
            alone = (lq >= lq_threshold) & (x >= size)
            pool = eligible & ~alone & (x > 0) & (lq >= member_threshold)
            seeds = np.flatnonzero(pool & (lq >= lq_threshold))
            seeds = seeds[np.lexsort((seeds, -x[seeds]))]
            used = np.zeros(len(x), dtype=bool)
            for seed in seeds:
                if used[seed]:
                    continue
                members = _grow(
                    seed, x, totals, share_all[k], pool, used, adjacency, lq_threshold, size,
                    max_size,
                )  # fmt: skip
                if members is None:
                    continue
                used[members] = True
                group_x, group_total = x[members].sum(), totals[members].sum()
                group = {
                    "group_size": len(members),
                    "group_employment": group_x,
                    "group_lq": group_x / group_total / share_all[k],
                    "employment_threshold": size,
                    "lq_threshold": float(lq_threshold),
                }
                number += 1
                for step, m in enumerate(members, start=1):
                    reason, reason_de = _reasons(x[m], lq[m], size, lq_threshold)
                    rows.append(
                        {"group": number, "industry": name, "period": label,
                         "region": panel.regions[m], "step": step, "employment": x[m],
                         "lq": lq[m], "reason": reason, "reason_de": reason_de, **group}
                    )  # fmt: skip
    keys = ["group", "industry", "period", "region"]
    frame = pd.DataFrame(rows, columns=[*keys, *_MEMBER_COLUMNS, *_GROUP_COLUMNS])
    frame = frame.astype({"group": int, "step": int, "group_size": int})
    if panel.period_name is None:
        frame = frame.drop(columns="period")
    names = {"industry": panel.industry_name, "period": panel.period_name,
             "region": panel.region_name}  # fmt: skip
    return frame.rename(columns=names)
