"""Burt's constraint by a compiled masked product (private).

For an undirected weighted graph with row-normalised weights
:math:`p_{ij} = w_{ij} / \\sum_k w_{ik}`, Burt's constraint of node *i* is
:math:`c_i = \\sum_{j \\in N(i)} \\big(p_{ij} + \\sum_{q} p_{iq} p_{qj}\\big)^2`.
The indirect sums are the entries of :math:`P^2` on the edges of the graph
only; they are accumulated node by node with the neighbours of *i* scattered
into a dense row, so the cost is :math:`\\sum_q d_q^2` multiply-adds and the
memory one row per thread — never the dense or full sparse :math:`P^2`, which
is what makes igraph's ``constraint`` slow on graphs with hubs.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numba import njit, prange

__all__ = ["burt_constraint"]


@njit(parallel=True, cache=True)
def _constraint_kernel(indptr, indices, p, n):  # pragma: no cover (compiled)
    out = np.full(n, np.nan)
    chunks = 64
    for chunk in prange(chunks):
        row = np.zeros(n)
        indirect = np.zeros(n)
        for i in range(chunk, n, chunks):
            start, stop = indptr[i], indptr[i + 1]
            if start == stop:
                continue
            for k in range(start, stop):
                row[indices[k]] = p[k]
            for k in range(start, stop):
                q = indices[k]
                p_iq = p[k]
                for pos in range(indptr[q], indptr[q + 1]):
                    j = indices[pos]
                    if row[j] != 0.0:
                        indirect[j] += p_iq * p[pos]
            total = 0.0
            for k in range(start, stop):
                j = indices[k]
                value = row[j] + indirect[j]
                total += value * value
                row[j] = 0.0
                indirect[j] = 0.0
            out[i] = total
    return out


def burt_constraint(adjacency: sp.csr_array) -> np.ndarray:
    """Burt's constraint of every node of a symmetric non-negative adjacency matrix.

    NaN for isolated nodes (as networkx).  Ties of weight 0 count as absent.
    """
    a = sp.csr_array(adjacency, dtype=np.float64)
    a.eliminate_zeros()
    a.sort_indices()
    n = a.shape[0]
    strength = np.asarray(a.sum(axis=1)).ravel()
    counts = np.diff(a.indptr)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = a.data / np.repeat(strength, counts)
    return _constraint_kernel(a.indptr.astype(np.int64), a.indices.astype(np.int64), p, n)
