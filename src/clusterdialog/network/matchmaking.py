"""Matchmaking: whom to introduce an organisation to, and why.

Partner recommendations combine link prediction on the collaboration graph
(common neighbours, Adamic–Adar, resource allocation), complementary actor
types and, optionally, related industries (a relatedness table of
:func:`clusterdialog.measures.relatedness.relatedness`).  Every
recommendation comes with a sentence in German and in English.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from types import MappingProxyType

import networkx as nx
import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.measures._checks import check_choice
from clusterdialog.network._graphs import adjacency, node_values, percent_text

__all__ = ["PARTNER_SCORES", "PARTNER_WEIGHTS", "recommend_partners"]

#: The components of the partner score, in output order.
PARTNER_SCORES: tuple[str, ...] = (
    "common_neighbours", "adamic_adar", "resource_allocation", "complementarity", "relatedness",
)  # fmt: skip

#: Default weights of the components (relatedness only counts with a table).
PARTNER_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "common_neighbours": 0.15, "adamic_adar": 0.2, "resource_allocation": 0.15,
    "complementarity": 0.3, "relatedness": 0.2,
})  # fmt: skip


def _check_weights(weights: object) -> dict[str, float]:
    if not isinstance(weights, Mapping):
        raise InputError(f"weights: expected a mapping score → weight, got {weights!r}")
    unknown = sorted(set(map(str, weights)) - set(PARTNER_SCORES))
    if unknown:
        raise InputError(f"weights: expected keys among {list(PARTNER_SCORES)}, got {unknown}")
    out = dict.fromkeys(PARTNER_SCORES, 0.0)
    for key, w in weights.items():
        if isinstance(w, bool) or not isinstance(w, int | float) or not (np.isfinite(w) and w >= 0):
            raise InputError(f"weights: {key!r} must be a non-negative number, got {w!r}")
        out[key] = float(w)
    return out


def _relatedness_lookup(table: object, industry: str) -> dict[tuple[str, str], float]:
    cols = [f"{industry}_i", f"{industry}_j", "value"]
    if not isinstance(table, pd.DataFrame) or not set(cols) <= set(table.columns):
        got = list(map(str, table.columns)) if isinstance(table, pd.DataFrame) else table
        raise InputError(f"relatedness: expected a DataFrame with columns {cols}, got {got!r}")
    values = pd.to_numeric(table["value"], errors="coerce")
    if values.isna().any() or np.isinf(values).any():
        raise InputError("relatedness: column 'value' must hold finite numbers")
    keys = zip(table[cols[0]].astype(str), table[cols[1]].astype(str), strict=True)
    return dict(zip(keys, values.to_numpy(dtype="float64"), strict=True))


def _names(graph: nx.Graph, nodes: list, label: str) -> list[str]:
    return [str(graph.nodes[v].get(label) or v) for v in nodes]


def recommend_partners(
    graph: nx.Graph,
    organisation: Hashable,
    *,
    k: int | None = 10,
    type: str | None = "type",
    industry: str = "industry",
    relatedness: pd.DataFrame | None = None,
    weights: Mapping[str, float] = PARTNER_WEIGHTS,
    candidates: str = "all",
    label: str = "name",
) -> pd.DataFrame:
    r"""Ranked partner recommendations for an organisation, each explained in words.

    For organisation u and a candidate v (not u, not yet a partner), with
    :math:`\Gamma(\cdot)` the partners, :math:`d` the degree and
    :math:`s_t` the share of type t among u and its partners:

    .. math::

        CN = |\Gamma(u) \cap \Gamma(v)|, \quad
        AA = \sum_{w \in \Gamma(u) \cap \Gamma(v)} \frac{1}{\ln d_w}, \quad
        RA = \sum_{w \in \Gamma(u) \cap \Gamma(v)} \frac{1}{d_w}, \quad
        C = 1 - s_{t(v)}, \quad
        R = \text{relatedness}(i(u), i(v)),

    and the score is :math:`\sum_c \omega_c \, x_c / \max_v x_c \,/\, \sum_c \omega_c`
    over the components c that apply (each scaled to a maximum of 1 over the
    candidates).

    Parameters
    ----------
    graph : networkx.Graph
        The collaboration network.
    organisation : hashable
        The node to find partners for.
    k : int or None
        How many recommendations; ``None`` returns every candidate.
    type : str or None
        Node attribute of the actor type; ``None`` leaves complementarity out.
    industry : str
        Node attribute of the industry (for ``relatedness``).
    relatedness : pandas.DataFrame, optional
        Long table ``<industry>_i``, ``<industry>_j``, ``value``, e.g. from
        :func:`clusterdialog.measures.relatedness.relatedness`.
    weights : mapping
        Weight of each component (keys of :data:`PARTNER_SCORES`; missing = 0).
    candidates : {"all", "two_hop"}
        Every organisation, or only partners of partners (:math:`CN > 0`).
    label : str
        Node attribute of display names for the explanations (else the id).

    Returns
    -------
    pandas.DataFrame
        ``organisation``, ``rank``, ``partner``, ``type``, ``score``,
        ``common_neighbours``, ``adamic_adar``, ``resource_allocation``,
        ``complementarity``, ``relatedness`` (``NaN`` without a table or an
        industry), ``explanation_de``, ``explanation_en``; best first (ties
        by common neighbours, degree, node order).  ``attrs["weights"]``: the
        weights used.

    Raises
    ------
    InputError
        For an organisation not in the graph, bad ``k``, weights, candidates
        or relatedness table, or nodes without a type.

    Notes
    -----
    Link prediction counts ties, not their weights, like
    ``networkx.common_neighbors``, ``adamic_adar_index`` and
    ``resource_allocation_index`` (the values agree).  A pair in the same
    industry gets the table's value for it, or else its largest value (the
    relatedness output has 0 on the diagonal by EconGeo's convention).

    References
    ----------
    .. [1] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction problem
       for social networks. JASIST 58(7), 1019–1031. https://doi.org/10.1002/asi.20591
    .. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web.
       Social Networks 25(3), 211–230. https://doi.org/10.1016/S0378-8733(03)00009-1
    .. [3] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing links via
       local information. European Physical Journal B 71, 623–630.
       https://doi.org/10.1140/epjb/e2009-00335-8

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("firm", "uni"), ("uni", "lab"), ("uni", "firm2"), ("firm", "firm3")])
    >>> nx.set_node_attributes(g, {"firm": "PRC", "uni": "HES", "lab": "REC",
    ...                            "firm2": "PRC", "firm3": "PRC"}, "type")
    >>> rec = recommend_partners(g, "firm")
    >>> rec[["partner", "type", "score", "common_neighbours", "complementarity"]].round(3)
      partner type  score  common_neighbours  complementarity
    0     lab  REC   1.00                  1            1.000
    1   firm2  PRC   0.75                  1            0.333
    >>> print(rec["explanation_en"].iloc[0])
    lab shares 1 partner with firm (uni); lab is REC, as are 0.0% of firm and its partners.
    >>> print(rec["explanation_de"].iloc[0])
    lab hat 1 gemeinsamen Partner mit firm (uni); lab ist REC, wie 0,0 % von firm und seinen
    Partnern.
    """
    if organisation not in graph:
        raise InputError(f"organisation: {organisation!r} is not a node of the graph")
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise InputError(f"k: expected a positive integer or None, got {k!r}")
    check_choice("candidates", candidates, ("all", "two_hop"))
    omega = _check_weights(weights)
    if relatedness is None:
        omega["relatedness"] = 0.0
    if type is None:
        omega["complementarity"] = 0.0
    if sum(omega.values()) <= 0:
        raise InputError(
            f"weights: expected a positive weight for an applicable score, got {omega}"
        )
    nodes = list(graph.nodes)
    a = (adjacency(graph, None) > 0).astype("float64").tocsr()
    u = nodes.index(organisation)
    degree = np.asarray(a.sum(axis=1)).ravel()
    row = a[[u]]
    with np.errstate(divide="ignore"):
        inverse_log = np.where(degree > 1, 1 / np.log(np.maximum(degree, 2)), 0.0)
        inverse = np.where(degree > 0, 1 / np.maximum(degree, 1), 0.0)
    cn = (row @ a).toarray().ravel()
    aa = (row.multiply(inverse_log[None, :]) @ a).toarray().ravel()
    ra = (row.multiply(inverse[None, :]) @ a).toarray().ravel()
    partners = row.indices
    keep = np.ones(len(nodes), dtype=bool)
    keep[partners], keep[u] = False, False
    if candidates == "two_hop":
        keep &= cn > 0
    n_c = len(nodes)
    types = node_values(graph, type) if type is not None else np.full(n_c, "", dtype=object)
    comp = np.full(n_c, np.nan)
    if type is not None:
        group = np.concatenate([types[partners], [types[u]]])
        kinds, counts = np.unique(group.astype(str), return_counts=True)
        share = dict(zip(kinds, counts / group.size, strict=True))
        comp = np.asarray([1 - share.get(t, 0.0) for t in types])
    rel = np.full(n_c, np.nan)
    if relatedness is not None:
        lookup = _relatedness_lookup(relatedness, industry)
        top = max(lookup.values(), default=np.nan)
        codes = [graph.nodes[v].get(industry) for v in nodes]
        own = codes[u]
        for i, c in enumerate(codes):
            if own is not None and c is not None and keep[i]:
                pair = (str(own), str(c))
                rel[i] = lookup.get(pair, top if pair[0] == pair[1] else np.nan)
    parts = dict(zip(PARTNER_SCORES, (cn, aa, ra, comp, rel), strict=True))
    score = np.zeros(n_c)
    for key, w in omega.items():
        x = np.where(keep, np.nan_to_num(parts[key]), 0.0)
        if w > 0 and x.max(initial=0) > 0:
            score += w * x / x.max()
    score /= sum(omega.values())
    index = np.flatnonzero(keep)
    order = index[np.lexsort((index, -degree[index], -cn[index], -score[index]))][:k]
    picked = [nodes[i] for i in order]
    out = pd.DataFrame({
        "organisation": organisation, "rank": np.arange(1, len(order) + 1), "partner": picked,
        "type": types[order] if type is not None else None, "score": score[order],
        **{key: parts[key][order] for key in PARTNER_SCORES},
    })  # fmt: skip
    out["common_neighbours"] = out["common_neighbours"].astype(np.int64)
    names = _names(graph, nodes, label)
    codes = [graph.nodes[v].get(industry) for v in nodes]
    texts = [_explain(i, u, a, names, types, parts, codes, type) for i in order]
    out["explanation_de"] = [t[0] for t in texts]
    out["explanation_en"] = [t[1] for t in texts]
    out.attrs["weights"] = omega
    return out


def _explain(i, u, a, names, types, parts, codes, type) -> tuple[str, str]:
    """The German and English sentence for candidate i of organisation u."""
    v, me = names[i], names[u]
    common = np.intersect1d(a[[u]].indices, a[[i]].indices)
    shown = ", ".join(names[w] for w in common[:3]) + (
        f" … (+{common.size - 3})" if common.size > 3 else ""
    )
    n = common.size
    de = [f"{v} hat {n} gemeinsame{'n' if n == 1 else ''} Partner mit {me} ({shown})" if n
          else f"{v} hat keinen gemeinsamen Partner mit {me}"]  # fmt: skip
    en = [f"{v} shares {n} partner{'' if n == 1 else 's'} with {me} ({shown})" if n
          else f"{v} shares no partner with {me}"]  # fmt: skip
    if type is not None:
        same = 1 - parts["complementarity"][i]
        de.append(f"{v} ist {types[i]}, wie {percent_text(same, True)} von {me} und seinen "
                  "Partnern")  # fmt: skip
        en.append(f"{v} is {types[i]}, as are {percent_text(same, False)} of {me} and its partners")
    r = parts["relatedness"][i]
    if np.isfinite(r):
        mine, theirs = codes[u], codes[i]
        if str(mine) == str(theirs):
            de.append(f"beide arbeiten in derselben Branche ({mine})")
            en.append(f"both work in the same industry ({mine})")
        else:
            de.append(f"seine Branche {theirs} ist mit {mine} verwandt (Verwandtschaft "
                      f"{f'{r:.2f}'.replace('.', ',')})")  # fmt: skip
            en.append(f"its industry {theirs} is related to {mine} (relatedness {r:.2f})")
    return "; ".join(de) + ".", "; ".join(en) + "."
