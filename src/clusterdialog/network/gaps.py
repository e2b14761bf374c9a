"""Gap analysis of an initiative: who is missing, who is left out, who holds it together.

An initiative is a group of organisations (``members``) in a collaboration
graph.  :func:`composition_gaps` compares its actor types or industries with
peer initiatives; :func:`member_positions` finds isolated and peripheral
members; :func:`broker_dependence` measures how much the members depend on a
single broker; :func:`value_chain_coverage` (optional, needs an input-output
table) checks which strongly linked suppliers and customers no member covers.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.network._graphs import member_list, percent_text
from clusterdialog.valuechain.chain import cluster_value_chain
from clusterdialog.valuechain.table import IOTable

__all__ = ["composition_gaps", "value_chain_coverage"]


def _explain_gap(row: pd.Series, attribute: str, n_peers: int) -> tuple[str, str]:
    value, status = f"{attribute} {row[attribute]}", row["status"]
    keys = ("share", "peer_median", "peer_lower_quartile", "peer_upper_quartile")
    en = dict(zip("smlu", (percent_text(row[k], False) for k in keys), strict=True))
    de = dict(zip("smlu", (percent_text(row[k], True) for k in keys), strict=True))
    if status == "missing":
        return (
            f"Kein Mitglied hat {value}, obwohl {row['peers_with']} von {n_peers} "
            f"Vergleichsinitiativen solche Mitglieder haben (Median-Anteil {de['m']}).",
            f"No member has {value}, although {row['peers_with']} of {n_peers} peers have "
            f"such members (median share {en['m']}).",
        )
    if status == "typical":
        return (
            f"{value} stellt {de['s']} der Mitglieder, im mittleren Bereich der "
            f"Vergleichsinitiativen ({de['l']} bis {de['u']}).",
            f"{value} makes up {en['s']} of the members, within the peers' middle range "
            f"({en['l']} to {en['u']}).",
        )
    under = status == "under_represented"
    q_de, q_en, q = ("unteres", "lower", "l") if under else ("oberes", "upper", "u")
    return (
        f"{value} stellt {de['s']} der Mitglieder, {'weniger' if under else 'mehr'} als bei "
        f"drei Vierteln der Vergleichsinitiativen ({q_de} Quartil {de[q]}, Median {de['m']}).",
        f"{value} makes up {en['s']} of the members, {'less' if under else 'more'} than in "
        f"three quarters of the peers ({q_en} quartile {en[q]}, median {en['m']}).",
    )


def composition_gaps(
    graph: nx.Graph,
    members: Iterable[Hashable],
    peers: Mapping[Hashable, Iterable[Hashable]] | pd.DataFrame,
    *,
    attribute: str = "type",
    labels: Mapping[Hashable, str] | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Actor types (or industries) missing or under-represented against peer initiatives.

    With :math:`s_c = n_c / n` the share of members in category c and
    :math:`s_c^{(p)}` that of peer p, the category is

    * ``missing`` if :math:`n_c = 0` and the peers' median share is positive
      (at least half of the peers have it),
    * ``under_represented`` if :math:`s_c < Q_{1/4}(s_c^{(p)})`,
    * ``over_represented`` if :math:`s_c > Q_{3/4}(s_c^{(p)})`,
    * ``typical`` otherwise.

    Parameters
    ----------
    graph : networkx.Graph
        The collaboration network (holds the members and, as node attribute
        ``attribute``, their categories).
    members : iterable
        The initiative's organisations (nodes of ``graph``).
    peers : mapping or pandas.DataFrame
        Peer initiative → its organisations, or a long table with columns
        ``group`` and ``organisation``.  Peers need not be in the graph when
        ``labels`` gives their categories.
    attribute : str
        Node attribute to compare: ``"type"`` (actor type), ``"industry"``…
    labels : mapping or pandas.Series, optional
        organisation → category; overrides the node attribute.

    Returns
    -------
    pandas.DataFrame
        One row per category of the initiative or its peers: ``<attribute>``,
        ``members``, ``share``, ``peer_median``, ``peer_lower_quartile``,
        ``peer_upper_quartile``, ``peer_min``, ``peer_max``, ``peers_with``
        (peers with the category), ``status``, ``explanation_de``,
        ``explanation_en``; gaps first.

    Raises
    ------
    InputError
        For members outside the graph or without a category, or no peers.

    Warns
    -----
    DataQualityWarning
        For peer organisations without a category (left out), with their number and share.

    Notes
    -----
    Quartiles are interpolated linearly (numpy's default); with few peers they
    are close to the minimum and maximum.

    Examples
    --------
    An initiative of three firms and a ministry against four peers:

    >>> import networkx as nx
    >>> g = nx.Graph([("f1", "f2"), ("f2", "f3"), ("f3", "m")])
    >>> nx.set_node_attributes(g, {"f1": "PRC", "f2": "PRC", "f3": "PRC", "m": "PUB"}, "type")
    >>> kinds = {"A": ["PRC", "HES"], "B": ["PRC", "PRC", "REC"], "C": ["PRC", "HES", "PUB"],
    ...          "D": ["PRC", "HES"]}
    >>> peers = {p: [f"{p}{i}" for i in range(len(k))] for p, k in kinds.items()}
    >>> labels = {f"{p}{i}": t for p, k in kinds.items() for i, t in enumerate(k)}
    >>> gaps = composition_gaps(g, ["f1", "f2", "f3", "m"], peers, labels=labels)
    >>> gaps[["type", "members", "share", "peer_median", "status"]].round(3)
      type  members  share  peer_median            status
    0  HES        0   0.00        0.417           missing
    1  PRC        3   0.75        0.500  over_represented
    2  PUB        1   0.25        0.000  over_represented
    3  REC        0   0.00        0.000           typical
    >>> print(gaps["explanation_en"].iloc[0])
    No member has type HES, although 3 of 4 peers have such members (median share 41.7%).
    >>> print(gaps["explanation_de"].iloc[0])
    Kein Mitglied hat type HES, obwohl 3 von 4 Vergleichsinitiativen solche Mitglieder haben
    (Median-Anteil 41,7 %).
    """
    members = member_list(graph, members)
    if isinstance(peers, pd.DataFrame):
        if not {"group", "organisation"} <= set(peers.columns):
            raise InputError(f"peers: expected columns ['group', 'organisation'], got "
                             f"{list(map(str, peers.columns))}")  # fmt: skip
        groups = {k: list(v) for k, v in peers.groupby("group", sort=False)["organisation"]}
    elif isinstance(peers, Mapping):
        groups = {k: list(v) for k, v in peers.items()}
    else:
        raise InputError(f"peers: expected a mapping or DataFrame, got {type(peers).__name__}")
    if not groups:
        raise InputError("peers: expected at least one peer initiative, got none")
    lookup = dict(labels.items()) if labels is not None else {}

    def _label(v: Hashable) -> object:
        x = lookup[v] if v in lookup else graph.nodes[v].get(attribute) if v in graph else None
        return None if x is None or x != x or x == "" else str(x)

    own = pd.Series([_label(v) for v in members], dtype=object)
    if own.isna().any():
        lacking = [members[i] for i in np.flatnonzero(own.isna().to_numpy())]
        raise InputError(f"members: {len(lacking)} of {len(own)} members have no "
                         f"{attribute!r}, e.g. {lacking[:5]}")  # fmt: skip
    pairs = [(g, _label(v)) for g, vs in groups.items() for v in dict.fromkeys(vs)]
    unlabelled = sum(x is None for _, x in pairs)
    if unlabelled:
        warnings.warn(f"composition_gaps: {unlabelled} of {len(pairs)} peer organisations "
                      f"({unlabelled / len(pairs):.1%}) have no {attribute!r} and were left out",
                      DataQualityWarning, stacklevel=2)  # fmt: skip
    table = pd.DataFrame([p for p in pairs if p[1] is not None], columns=["group", "c"])
    counts = pd.crosstab(table["group"], table["c"]).reindex(list(groups), fill_value=0)
    own_counts = own.value_counts()
    categories = counts.columns.union(own_counts.index)
    counts = counts.reindex(columns=categories, fill_value=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = counts.to_numpy("float64") / counts.to_numpy().sum(axis=1, keepdims=True)
    shares = shares[np.isfinite(shares).all(axis=1)]
    if shares.shape[0] == 0:
        raise InputError("peers: no peer initiative has an organisation with a category")
    n_c = own_counts.reindex(categories, fill_value=0).to_numpy()
    share = n_c / len(members)
    q1, med, q3 = np.quantile(shares, [0.25, 0.5, 0.75], axis=0)
    status = np.select(
        [(n_c == 0) & (med > 0), share < q1, share > q3],
        ["missing", "under_represented", "over_represented"], "typical",
    )  # fmt: skip
    out = pd.DataFrame({
        attribute: categories.astype(str), "members": n_c, "share": share, "peer_median": med,
        "peer_lower_quartile": q1, "peer_upper_quartile": q3, "peer_min": shares.min(axis=0),
        "peer_max": shares.max(axis=0), "peers_with": (shares > 0).sum(axis=0), "status": status,
    })  # fmt: skip
    severity = out["status"].map(
        {"missing": 0, "under_represented": 1, "over_represented": 2, "typical": 3}
    )
    out = out.assign(_s=severity).sort_values(["_s", "peer_median"], ascending=[True, False],
                                               kind="stable").drop(columns="_s")  # fmt: skip
    texts = [_explain_gap(row, attribute, shares.shape[0]) for _, row in out.iterrows()]
    out["explanation_de"] = [t[0] for t in texts]
    out["explanation_en"] = [t[1] for t in texts]
    return out.reset_index(drop=True)


def _sector_weights(code: str, concordance: Mapping | None) -> dict[str, float] | None:
    if concordance is None:
        return {code: 1.0}
    target = concordance.get(code)
    if target is None:
        return None
    if isinstance(target, Mapping):
        return {str(k): float(v) for k, v in target.items()}
    return {str(target): 1.0}


def value_chain_coverage(
    graph: nx.Graph,
    members: Iterable[Hashable],
    table: IOTable,
    cluster_sectors: Iterable[str],
    *,
    attribute: str = "industry",
    labels: Mapping[Hashable, str] | pd.Series | None = None,
    concordance: Mapping | None = None,
    min_linkage_index: float = 1.0,
) -> pd.DataFrame:
    r"""Which strongly linked suppliers and customers of the cluster no member covers (optional).

    The chain is :func:`clusterdialog.valuechain.cluster_value_chain` of the
    national input-output table; with :math:`w_{is}` the concordance weight
    of member i's industry for sector s (1 for a plain mapping),

    .. math:: \text{members}_s = \sum_{i} w_{is},

    and a sector is ``missing`` when its linkage index reaches
    ``min_linkage_index`` and no member covers it, ``covered`` when a member
    does, ``weakly_linked`` otherwise.

    Parameters
    ----------
    graph : networkx.Graph
        The collaboration network.
    members : iterable
        The initiative's organisations.
    table : IOTable
        The national input-output table.
    cluster_sectors : iterable of str
        The cluster's own sectors (codes of the table).
    attribute : str
        Node attribute holding a member's industry.
    labels : mapping or pandas.Series, optional
        organisation → industry; overrides the node attribute.
    concordance : mapping, optional
        Industry → sector code, or → {sector: weight}; without it the
        industries are sector codes of the table.
    min_linkage_index : float
        How strong a link must be to count as a gap (1 = the average).

    Returns
    -------
    pandas.DataFrame
        The chain (``role``, ``rank``, ``sector``, ``name``, ``direct``,
        ``total``, ``linkage_index``) with ``members``, ``status``,
        ``explanation_de`` and ``explanation_en``.

    Raises
    ------
    InputError
        For members outside the graph, bad cluster sectors (as in
        ``cluster_value_chain``) or a threshold that is not positive.

    Warns
    -----
    DataQualityWarning
        For members without an industry or whose industry the concordance
        does not map (left out), with their number and share.

    Notes
    -----
    Optional: needs a table; the other gap analyses need only the graph.

    References
    ----------
    .. [1] Feser, E. J. & Bergman, E. M. (2000). National industry cluster
       templates. Regional Studies 34(1), 1–19. doi:10.1080/00343400050005844

    Examples
    --------
    >>> import networkx as nx
    >>> from clusterdialog.valuechain.table import IOTable
    >>> z = [[10, 40, 5], [20, 10, 30], [5, 20, 5]]
    >>> io = IOTable.from_arrays(["A", "B", "C"], z, [45, 40, 70], output=[100, 100, 100])
    >>> g = nx.Graph([("f1", "f2")])
    >>> nx.set_node_attributes(g, {"f1": "B", "f2": "C"}, "industry")
    >>> cover = value_chain_coverage(g, ["f1", "f2"], io, ["B"])
    >>> cover[["role", "sector", "linkage_index", "members", "status"]].round(2)
           role sector  linkage_index  members         status
    0  supplier      A           1.32      0.0        missing
    1  supplier      C           0.68      1.0        covered
    2  customer      C           1.15      1.0        covered
    3  customer      A           0.85      0.0  weakly_linked
    >>> print(cover["explanation_en"].iloc[0])
    Supplier sector A (A), linkage index 1.32: no member, a gap in the value chain.
    >>> print(cover["explanation_de"].iloc[0])
    Zuliefererbranche A (A), Verflechtungsindex 1,32: kein Mitglied, eine Lücke der
    Wertschöpfungskette.
    """
    members = member_list(graph, members)
    if (
        isinstance(min_linkage_index, bool)
        or not isinstance(min_linkage_index, int | float)
        or (not min_linkage_index > 0)
    ):
        raise InputError(
            f"min_linkage_index: expected a positive number, got {min_linkage_index!r}"
        )
    chain = cluster_value_chain(table, cluster_sectors)
    lookup = dict(labels.items()) if labels is not None else {}
    covered: dict[str, float] = {}
    unmapped = []
    for v in members:
        code = lookup.get(v, graph.nodes[v].get(attribute))
        weights = None if code is None or code != code else _sector_weights(str(code), concordance)
        if weights is None:
            unmapped.append(v)
            continue
        for sector, w in weights.items():
            covered[sector] = covered.get(sector, 0.0) + w
    if unmapped:
        share = len(unmapped) / len(members)
        warnings.warn(f"value_chain_coverage: {len(unmapped)} of {len(members)} members "
                      f"({share:.1%}) have no industry the concordance maps, e.g. "
                      f"{unmapped[:5]}; left out", DataQualityWarning, stacklevel=2)  # fmt: skip
    out = chain[["role", "rank", "sector", "name", "direct", "total", "linkage_index"]].copy()
    out["members"] = out["sector"].astype(str).map(covered).fillna(0.0)
    strong = out["linkage_index"] >= min_linkage_index
    out["status"] = np.select([out["members"] > 0, strong], ["covered", "missing"],
                              "weakly_linked")  # fmt: skip
    de_role = {"supplier": "Zulieferer", "customer": "Abnehmer"}
    texts = []
    for row in out.itertuples():
        li_en, li_de = f"{row.linkage_index:.2f}", f"{row.linkage_index:.2f}".replace(".", ",")
        texts.append((
            f"{de_role[row.role]}branche {row.sector} ({row.name}), Verflechtungsindex {li_de}: "
            + {"covered": f"durch {row.members:g} Mitglied(er) vertreten.",
               "missing": "kein Mitglied, eine Lücke der Wertschöpfungskette.",
               "weakly_linked": "kein Mitglied, aber schwach verflochten."}[row.status],
            f"{row.role.capitalize()} sector {row.sector} ({row.name}), linkage index {li_en}: "
            + {"covered": f"covered by {row.members:g} member(s).",
               "missing": "no member, a gap in the value chain.",
               "weakly_linked": "no member, but weakly linked."}[row.status],
        ))  # fmt: skip
    out["explanation_de"] = [t[0] for t in texts]
    out["explanation_en"] = [t[1] for t in texts]
    return out.reset_index(drop=True)
