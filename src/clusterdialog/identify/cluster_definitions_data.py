"""Data-driven cluster definitions after Delgado, Porter & Stern (2016).

Industries that locate in the same regions (co-location) and trade with each
other (input-output links) are related; grouping them by hierarchical
clustering gives cluster definitions for a country without US-style
definitions.  :func:`industry_similarity` builds the relatedness,
:func:`derive_cluster_definitions` groups the industries and picks the number
of clusters by the validation scores of :func:`validation_scores`, and
:func:`compare_definitions` compares two definitions (adjusted Rand index and
cross table).
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import InputError
from clusterdialog.identify.definition_scores import (
    DefinitionComparison,
    _scores,
    _similarity_matrices,
    _to_clusters,
    adjusted_rand_index,
    compare_definitions,
    validation_scores,
)
from clusterdialog.measures._checks import check_choice
from clusterdialog.measures.location_quotients import location_quotient_matrix

__all__ = [
    "SIMILARITY_METHODS",
    "DefinitionComparison",
    "adjusted_rand_index",
    "compare_definitions",
    "derive_cluster_definitions",
    "industry_similarity",
    "validation_scores",
]
SIMILARITY_METHODS: tuple[str, ...] = ("lq", "employment")
_PAIR_KEYS = ("industry_i", "industry_j")


def _co_location(x: np.ndarray, method: str) -> np.ndarray:
    """Pearson correlation across regions (rows with data) of the industries' columns."""
    x = x[x.sum(axis=1) > 0]
    values = location_quotient_matrix(x) if method == "lq" else x
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.corrcoef(np.nan_to_num(values, nan=0.0), rowvar=False)
    return np.atleast_2d(corr)


def _io_links(flows: pd.DataFrame, industries: pd.Index, columns: tuple[str, str, str]):
    """max(input share, output share) in both directions, from a long flow table."""
    source, target, amount = columns
    missing = [c for c in columns if c not in flows.columns]
    if missing:
        raise InputError(f"input_output: missing column(s) {missing}; expected {list(columns)}")
    table = flows.astype({source: str, target: str})
    wide = table.pivot_table(index=source, columns=target, values=amount, aggfunc="sum")
    absent = industries.difference(wide.index.union(wide.columns))
    if len(absent):
        raise InputError(
            f"input_output: {len(absent)} industries of the data have no flows, "
            f"e.g. {list(absent[:5])}"
        )
    f = np.array(wide.reindex(index=industries, columns=industries).fillna(0.0), dtype=float)
    np.fill_diagonal(f, 0.0)  # flows within an industry do not link two industries
    with np.errstate(invalid="ignore", divide="ignore"):
        inputs = np.nan_to_num(f.T / f.sum(axis=0)[:, None])  # share of i's inputs from j
        outputs = np.nan_to_num(f / f.sum(axis=1)[:, None])  # share of i's output sold to j
    return np.maximum.reduce([inputs, inputs.T, outputs, outputs.T])


def _percentiles(s: np.ndarray) -> np.ndarray:
    """Percentile rank of each off-diagonal entry among all pairs i < j (diagonal 1)."""
    n = len(s)
    iu = np.triu_indices(n, k=1)
    ordered = np.sort(s[iu])
    out = np.ones_like(s)
    out[iu] = np.searchsorted(ordered, s[iu], side="right") / max(len(ordered), 1)
    out.T[iu] = out[iu]
    return out


def industry_similarity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    at: Hashable | None = None,
    method: str = "lq",
    input_output: pd.DataFrame | None = None,
    io_columns: tuple[str, str, str] = ("industry_i", "industry_j", "value"),
) -> pd.DataFrame:
    r"""Relatedness of industries from co-location and, optionally, input-output links.

    .. math::

        LC_{ij} = \operatorname{corr}_r(v_{ri}, v_{rj}), \qquad
        IO_{ij} = \max(in_{ij}, in_{ji}, out_{ij}, out_{ji}), \qquad
        S_{ij} = \tfrac12 \left(P(LC)_{ij} + P(IO)_{ij}\right)

    with :math:`v_{ri}` the LQ (``method="lq"``) or employment
    (``"employment"``) of industry i in region r, :math:`in_{ij}` the share of
    i's purchased inputs (from other industries) coming from j,
    :math:`out_{ij}` the share of i's sales (to other industries) going to j,
    and P the percentile rank among all pairs.

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        Long employment table (or RegionalPanel), its columns and the suppressed-cell policy.
    at : optional
        The period to use (default: the last).
    method : {"lq", "employment"}
        What is correlated across regions.
    input_output : pandas.DataFrame, optional
        Flows between industries as a long table (supplier, buyer, amount),
        in the columns ``io_columns``; it must cover every industry of the data.
    io_columns : tuple of str
        Supplier, buyer and amount columns of ``input_output``.

    Returns
    -------
    pandas.DataFrame
        ``industry_i, industry_j, co_location[, input_output], value`` for
        every ordered pair; ``value`` is the combined S with input-output
        links, else the co-location correlation itself.

    Raises
    ------
    InputError
        For a bad table, period or method, or flows missing an industry.

    Notes
    -----
    Delgado, Porter & Stern (2016) relate industries by co-location of
    employment and establishments, input-output links (the maximum of the
    four shares, as here, after Ellison, Glaeser & Kerr 2010) and shared
    occupations, and combine the measures.  Here the measures are combined by
    averaging their percentile ranks, which makes a correlation (−1 to 1) and
    a share (0 to 1) comparable.  The employment correlation is dominated by
    region size (big regions have more of everything); the LQ correlation is
    not.  An industry that is constant across regions has NaN correlations.

    References
    ----------
    .. [1] Delgado, M., Porter, M. E., & Stern, S. (2016). Defining clusters of
       related industries. Journal of Economic Geography 16(1), 1–38.
       https://doi.org/10.1093/jeg/lbv017
    .. [2] Ellison, G., Glaeser, E. L., & Kerr, W. R. (2010). What causes
       industry agglomeration? American Economic Review 100(3), 1195–1213.
       https://doi.org/10.1257/aer.100.3.1195

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AAABBBCCC"), "industry": list("xyz") * 3,
    ...                    "value": [4, 4, 1, 1, 1, 4, 2, 2, 2]})
    >>> sim = industry_similarity(df)
    >>> sim.loc[sim["industry_i"] == "x", ["industry_j", "value"]].round(3)
      industry_j  value
    0          x    1.0
    1          y    1.0
    2          z   -1.0
    """
    check_choice("method", method, SIMILARITY_METHODS)
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="industry_similarity",
    )  # fmt: skip
    x = panel.matrix(panel.periods[-1] if at is None and panel.has_periods else at)
    columns = {"co_location": _co_location(x, method)}
    if input_output is not None:
        columns["input_output"] = _io_links(input_output, panel.industries, io_columns)
        columns["value"] = 0.5 * (_percentiles(columns["co_location"])
                                  + _percentiles(columns["input_output"]))  # fmt: skip
    else:
        columns["value"] = columns["co_location"]
    n = len(panel.industries)
    keys = panel.industries.to_numpy()
    out = pd.DataFrame({_PAIR_KEYS[0]: np.repeat(keys, n), _PAIR_KEYS[1]: np.tile(keys, n)})
    for name, matrix in columns.items():
        out[name] = matrix.ravel()
    return out


def _linkage_labels(s: np.ndarray, linkage: str) -> np.ndarray:
    """Linkage matrix of the distance max(S) − S (NaN similarity counts as the minimum)."""
    low, high = np.nanmin(s), np.nanmax(s)
    distance = high - np.where(np.isnan(s), low, s)
    distance = (distance + distance.T) / 2.0
    np.fill_diagonal(distance, 0.0)
    return hierarchy.linkage(squareform(distance, checks=False), method=linkage)


def derive_cluster_definitions(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    at: Hashable | None = None,
    method: str = "lq",
    input_output: pd.DataFrame | None = None,
    io_columns: tuple[str, str, str] = ("industry_i", "industry_j", "value"),
    n_clusters: int | tuple[int, int] | None = None,
    linkage: str = "average",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    r"""Group industries into clusters by relatedness, with validation scores.

    Hierarchical clustering of the distance :math:`\max S - S_{ij}` of the
    relatedness S of :func:`industry_similarity`; for every candidate number
    of clusters k the partition is scored with :func:`validation_scores` and
    the k with the highest mean of ``vs_cluster`` and ``vs_industry``
    (averaged over the relatedness measures) is chosen, the larger k on ties.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, at, method, input_output, io_columns
        As in :func:`industry_similarity`.
    n_clusters : int, (int, int) or None
        A fixed number of clusters, a range ``(low, high)`` to choose from,
        or None for the range 2 … n/2.
    linkage : {"average", "complete", "single", "weighted"}
        scipy's linkage method (default: average linkage).

    Returns
    -------
    definition : pandas.DataFrame
        ``industry, cluster, within_relatedness, between_relatedness,
        outlier``: cluster labels ``C01``, ``C02`` … (by first industry), the
        industry's mean relatedness S to its own cluster and the highest mean
        to another cluster; ``outlier`` when the latter is not lower (step 5
        of Delgado et al.: industries to review by hand).  The columns
        ``industry``, ``cluster`` are the documented user format of cluster
        definitions.
    scores : pandas.DataFrame
        One row per candidate k: ``n_clusters, wcr, bcr, vs_cluster,
        vs_industry, score, chosen`` (means over the relatedness measures).

    Raises
    ------
    InputError
        As :func:`industry_similarity`; for fewer than 3 industries, a bad
        ``n_clusters`` or an unknown linkage.

    Notes
    -----
    The scores tend to fall as k grows (more, closer clusters to beat), so
    the default range favours coarse definitions; give ``n_clusters`` to get
    the granularity wanted (the US definitions have 51 traded clusters for
    about 780 industries).  Delgado et al. also screen the configurations of
    several algorithms and parameters; here one linkage is used.

    References
    ----------
    .. [1] Delgado, M., Porter, M. E., & Stern, S. (2016). Defining clusters of
       related industries. Journal of Economic Geography 16(1), 1–38.
       https://doi.org/10.1093/jeg/lbv017

    Examples
    --------
    The 10 WZ groups of the bundled Kreis panel, 2020, grouped by LQ co-location:

    >>> import warnings
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> with warnings.catch_warnings(action="ignore"):
    ...     definition, scores = derive_cluster_definitions(
    ...         load_kreise_industries(), period="period", suppressed="zero")
    >>> definition.groupby("cluster")["industry"].apply(", ".join)
    cluster
    C01            A, B-E, F, G-I
    C02    J, K, L, M-N, O-Q, R-U
    Name: industry, dtype: str
    >>> scores.round(3)
       n_clusters    wcr    bcr  vs_cluster  vs_industry  score  chosen
    0           2  0.255 -0.267       1.000          0.9  0.950    True
    1           3  0.316 -0.250       0.667          0.9  0.783   False
    2           4  0.339 -0.223       0.500          0.8  0.650   False
    3           5  0.474 -0.131       0.600          0.8  0.700   False
    """
    check_choice("linkage", linkage, ("average", "complete", "single", "weighted"))
    similarity = industry_similarity(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, at=at, method=method, input_output=input_output,
        io_columns=io_columns,
    )  # fmt: skip
    names = list(dict.fromkeys(similarity[_PAIR_KEYS[0]]))
    n = len(names)
    if n < 3:
        raise InputError(f"data: need at least 3 industries to cluster, got {n}")
    low, high = _k_range(n_clusters, n)
    matrices = _similarity_matrices(similarity, names)
    tree = _linkage_labels(matrices["value"], linkage)
    rows, partitions = [], {}
    for k in range(low, high + 1):
        labels = hierarchy.fcluster(tree, k, criterion="maxclust")
        scored = pd.DataFrame([_scores(m, labels) for m in matrices.values() if m is not None])
        numbers = scored[["wcr", "bcr", "vs_cluster", "vs_industry"]].mean()
        rows.append({"n_clusters": int(scored["n_clusters"][0]), **numbers.to_dict()})
        partitions[k] = labels
    scores = pd.DataFrame(rows)
    scores["score"] = scores[["vs_cluster", "vs_industry"]].mean(axis=1)
    best = int(scores["score"][::-1].idxmax())
    scores["chosen"] = scores.index == best
    labels = partitions[low + best]
    first_seen = {c: f"C{i + 1:02d}" for i, c in enumerate(dict.fromkeys(labels))}
    named = np.array([first_seen[c] for c in labels])
    mean_to, member, _ = _to_clusters(matrices["value"], named)
    own = member.astype(bool)
    within = mean_to[own]  # one own cluster per row; NaN for a singleton
    between = np.where(own, -np.inf, mean_to).max(axis=1)  # at least 2 clusters
    definition = pd.DataFrame({industry: names, "cluster": named, "within_relatedness": within,
                               "between_relatedness": between})  # fmt: skip
    definition["outlier"] = ~(definition["within_relatedness"] > definition["between_relatedness"])
    return definition, scores


def _k_range(n_clusters: object, n: int) -> tuple[int, int]:
    if n_clusters is None:
        return 2, max(2, n // 2)
    bounds = n_clusters if isinstance(n_clusters, tuple) else (n_clusters, n_clusters)
    if (len(bounds) != 2 or not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds)
            or not 2 <= bounds[0] <= bounds[1] < n):  # fmt: skip
        raise InputError(
            f"n_clusters: expected an integer or (low, high) with 2 <= low <= high < {n} "
            f"(the number of industries), got {n_clusters!r}"
        )
    return bounds[0], bounds[1]
